"""Side by side, in one run: seed-graph and bare ja_ginza (its ENE labels mapped to our types by the profile's
``ner_labels``, nothing else) on the seed article's gold and on the stockmark held-out split.

    .venv/bin/python bench/ner_eval.py [--corpus ../shared/corpora/stockmark-ner-wikipedia/ner.json]
                                       [--split test] [--livedoor DIR] [--markdown]

Entities: exact span and type (P/R/F1 by type). Facts: by relation kind, relatedTo aside (seed article and
livedoor sample; bare ja_ginza finds none). Speed: characters a second over the stockmark split, one process, best of three.
With --livedoor, also the mentions each system finds in livedoor news articles listed in
bench/livedoor_gold.jsonl (gold spans checked by hand; the articles are read from DIR, never copied).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import stockmark

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TYPES = ("Organization", "Person", "Place", "Facility", "Product", "Event")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=stockmark.DEFAULT)
    parser.add_argument("--split", default="test", choices=["test", "dev", "train"])
    parser.add_argument("--seed-gold", type=Path, default=ROOT / "tests" / "data" / "seed_gold.jsonl")
    parser.add_argument("--livedoor", type=Path, help="the livedoor news corpus folder (ldcc)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()

    from graph import evaluate
    from graph.profile import load_profile

    profile = load_profile()
    sets = [("seed article", evaluate.read_gold(args.seed_gold), None)]
    records = stockmark.load(args.corpus, args.split)
    ids = sorted({r["id"].rsplit("-", 1)[0] for r in records}, key=int)
    print(f"stockmark {args.split} split: {len(records)} sentences of {len(ids)} articles "
          f"(sha256(curid) mod 10 == {0 if args.split == 'test' else 1 if args.split == 'dev' else '2..9'}); "
          f"ids digest {hashlib.sha256(','.join(ids).encode()).hexdigest()[:12]}", file=sys.stderr)
    sets.append((f"stockmark {args.split}", [evaluate.gold_record(r, {}, r["id"]) for r in records], TYPES))
    if args.livedoor:
        sets.append(("livedoor sample", livedoor(args.livedoor), TYPES))

    import spacy

    bare = spacy.load("ja_ginza")
    rows = []
    for name, gold, scope in sets:
        ours = evaluate.evaluate(gold, evaluate.predict(gold, profile), scope)
        theirs = evaluate.evaluate(gold, bare_ginza(bare, gold, profile), scope)
        types = sorted(set(ours.exact) | set(theirs.exact))
        for t in types + ["all"]:
            a = ours.overall(ours.exact) if t == "all" else ours.exact[t]
            b = theirs.overall(theirs.exact) if t == "all" else theirs.exact[t]
            rows.append((name, f"entities {t}", a, b))
        if ours.scores_relations:
            a = ours.overall(ours.relations, evaluate.UNSCORED_KINDS)
            b = theirs.overall(theirs.relations, evaluate.UNSCORED_KINDS)
            rows.append((name, "facts (relatedTo aside)", a, b))
            high = ours.bands.get(0.8)
            if high:
                print(f"{name}: facts with confidence >= 0.8: precision {high.precision:.3f} of {high.pred}",
                      file=sys.stderr)
    print_table(rows, args.markdown)
    speed = speeds(sets[1][1], profile, bare)
    print(f"\ncharacters a second over the stockmark {args.split} split, one process, best of 3: "
          + ", ".join(f"{k} {v:,.0f}" for k, v in speed.items()))


def bare_ginza(nlp, gold, profile) -> dict[str, dict]:
    """ja_ginza as it ships, its entity labels mapped through the profile's ner_labels and nothing else."""
    labels = profile["ner_labels"]
    out = {}
    for g, doc in zip(gold, nlp.pipe((g.text for g in gold), batch_size=64)):
        mentions = [{"start": e.start_char, "end": e.end_char, "text": e.text, "type": labels[e.label_]}
                    for e in doc.ents if e.label_ in labels]
        out[g.id] = {"mentions": mentions, "relations": []}
    return out


def speeds(gold, profile, bare, rounds: int = 3) -> dict[str, float]:
    """Characters a second, best of ``rounds`` taken in turn (the machine may be shared): bare ja_ginza's
    nlp.pipe, ja_ginza's without its recogniser, seed-graph's (the tagger in its place, and the gazetteer),
    and seed-graph's whole build (parse, extract, resolve, RDF graph)."""
    from graph import nlp as stages
    from graph import pipeline

    texts = [g.text for g in gold]
    chars = sum(map(len, texts))
    ours, ruler = stages.load_model(), stages.load_ruler(profile)

    def parse(nlp, disable=(), then=lambda doc: doc):
        with nlp.select_pipes(disable=list(disable)):
            for doc in nlp.pipe(texts, batch_size=64):
                then(doc)

    runs = {"bare ja_ginza": lambda: parse(bare), "ja_ginza without its recogniser": lambda: parse(bare, ["ner"]),
            "seed-graph parse": lambda: parse(ours, then=ruler),
            "seed-graph build": lambda: pipeline.build(texts={g.id: g.text for g in gold}, profile=profile)}
    best = dict.fromkeys(runs, 0.0)
    for _ in range(rounds):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            best[name] = max(best[name], chars / (time.perf_counter() - started))
    return best


def livedoor(folder: Path):
    """Gold for a few livedoor articles: entity spans into the body (line 4 on) up to ``chars`` (the byline and
    links after it are left out), checked by its sha256, and the facts the articles state."""
    from graph import evaluate

    gold = []
    for line in (Path(__file__).resolve().parent / "livedoor_gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = "\n".join((folder / record["path"]).read_text(encoding="utf-8").splitlines()[3:])[:record["chars"]]
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != record["sha256"]:
            raise SystemExit(f"{folder / record['path']}: not the text the gold was made on")
        gold.append(evaluate.gold_record({"id": record["path"], "text": text, "entities": record["entities"],
                                          "relations": record.get("relations", [])}, {}, record["path"]))
    return gold


def print_table(rows, markdown: bool) -> None:
    head = ("set", "score", "seed-graph P", "R", "F1", "ja_ginza P", "R", "F1", "gold")
    lines = []
    for name, what, a, b in rows:
        lines.append((name, what, f"{a.precision:.3f}", f"{a.recall:.3f}", f"{a.f1:.3f}",
                      f"{b.precision:.3f}", f"{b.recall:.3f}", f"{b.f1:.3f}", str(a.gold)))
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for line in lines:
            print("| " + " | ".join(line) + " |")
        return
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines)]
    for line in [head, *lines]:
        print("  ".join(str(x).ljust(w) for x, w in zip(line, widths)))


if __name__ == "__main__":
    main()
