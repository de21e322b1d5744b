"""What of the relation gold's development half is within the extractor's reach: for each fact, whether both ends
are mentions the extractor finds, whether they are named in one sentence, and whether the fact is found.

    .venv/bin/python bench/gold_reach.py [--gold bench/gold/relations-dev.jsonl] [--corpus ../shared/corpora/livedoor-news]

An end is found when a mention's text, or its entity's name, is one of the names the gold gives it (compared as
`seed-graph eval` compares them). A fact missed with both ends in one sentence is what a scorer over the pairs of
a sentence could still find; one whose ends are never in one sentence needs reading across sentences, and one with
an end not found needs the mention first. Never run it on the test half, which is scored only when work stops.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def reach(gold: list[dict], corpus: Path) -> Counter:
    from graph import pipeline
    from graph.resolve import normalise

    built = pipeline.build(texts={g["path"]: (corpus / g["path"]).read_text(encoding="utf-8") for g in gold})
    extraction = {e.document.id: e for e in built.extractions}
    counts = Counter()
    for g in gold:
        e = extraction[g["path"]]

        def mentions(names: list[str]) -> list[int]:
            wanted = {normalise(n) for n in names}
            return [i for i, m in enumerate(e.mentions) if normalise(m.text) in wanted or m.entity and normalise(
                m.entity.rstrip("/").rsplit("/", 1)[-1].replace("_", " ")) in wanted]

        found = {(r.subject, r.predicate, r.object) for r in e.relations}
        for fact in g["relations"]:
            subjects, objects = mentions(fact["subject"]), mentions(fact["object"])
            if not subjects or not objects:
                counts["an end not found as a mention"] += 1
                continue
            together = any(start <= e.mentions[s].start < end and start <= e.mentions[o].start < end
                           for s in subjects for o in objects for start, end in e.sentences)
            hit = any((s, fact["predicate"], o) in found for s in subjects for o in objects)
            counts[("found" if hit else "missed") + (", ends in one sentence" if together else ", ends apart")] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", default=str(ROOT / "bench" / "gold" / "relations-dev.jsonl"))
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora" / "livedoor-news"))
    args = parser.parse_args()
    gold = [json.loads(line) for line in open(args.gold, encoding="utf-8")]
    counts = reach(gold, Path(args.corpus))
    total = sum(counts.values())
    print(f"{total} facts of {len(gold)} articles")
    for what, n in counts.most_common():
        print(f"{n:5d}  {n / total:6.1%}  {what}")


if __name__ == "__main__":
    main()
