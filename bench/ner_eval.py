"""Side by side, in one run: seed-graph and bare ja_ginza (its ENE labels mapped to our types by the profile's
``ner_labels``, nothing else) on the seed article's gold and on the stockmark held-out split.

    .venv/bin/python bench/ner_eval.py [--corpus ../shared/corpora/stockmark-ner-wikipedia/ner.json]
                                       [--split test] [--livedoor DIR] [--markdown]

Entities: exact span and type (P/R/F1 by type). Facts: by relation kind, relatedTo aside (seed gold only;
bare ja_ginza finds none). Speed: characters a second of each system over the stockmark split, one process.
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
    rows, speed = [], {}
    for name, gold, scope in sets:
        chars = sum(len(g.text) for g in gold)
        started = time.perf_counter()
        ours = evaluate.evaluate(gold, evaluate.predict(gold, profile), scope)
        ours_seconds = time.perf_counter() - started
        started = time.perf_counter()
        theirs = evaluate.evaluate(gold, bare_ginza(bare, gold, profile), scope)
        theirs_seconds = time.perf_counter() - started
        if name.startswith("stockmark"):
            speed = {"seed-graph": chars / ours_seconds, "ja_ginza": chars / theirs_seconds}
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
    parse = parse_speed(sets[1][1], profile, bare)
    print(f"\nparse only (nlp.pipe), characters/s: " + ", ".join(f"{k} {v:,.0f}" for k, v in parse.items()))
    print(f"speed over the stockmark {args.split} split, one process: seed-graph "
          f"{speed['seed-graph']:,.0f} characters/s (whole pipeline: parse, extract, resolve, build), "
          f"bare ja_ginza {speed['ja_ginza']:,.0f} characters/s")


def bare_ginza(nlp, gold, profile) -> dict[str, dict]:
    """ja_ginza as it ships, its entity labels mapped through the profile's ner_labels and nothing else."""
    labels = profile["ner_labels"]
    out = {}
    for g, doc in zip(gold, nlp.pipe((g.text for g in gold), batch_size=64)):
        mentions = [{"start": e.start_char, "end": e.end_char, "text": e.text, "type": labels[e.label_]}
                    for e in doc.ents if e.label_ in labels]
        out[g.id] = {"mentions": mentions, "relations": []}
    return out


def parse_speed(gold, profile, bare) -> dict[str, float]:
    """Characters a second of nlp.pipe alone: bare ja_ginza, ja_ginza without its recogniser, and seed-graph's
    pipeline (ja_ginza with the entity tagger in place of its recogniser, and the gazetteer)."""
    from graph import nlp as stages

    texts = [g.text for g in gold]
    chars = sum(map(len, texts))
    out = {}
    for name, nlp, disable in (("bare ja_ginza", bare, []), ("ja_ginza without its recogniser", bare, ["ner"]),
                               ("seed-graph", stages.load(profile), [])):
        with nlp.select_pipes(disable=disable):
            started = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=64):
                pass
            out[name] = chars / (time.perf_counter() - started)
    return out


def livedoor(folder: Path):
    """Gold for a few livedoor articles: spans into the body (line 4 on) up to ``chars`` (the byline and links
    after it are left out), checked by its sha256."""
    from graph import evaluate

    gold = []
    for line in (Path(__file__).resolve().parent / "livedoor_gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = "\n".join((folder / record["path"]).read_text(encoding="utf-8").splitlines()[3:])[:record["chars"]]
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != record["sha256"]:
            raise SystemExit(f"{folder / record['path']}: not the text the gold was made on")
        gold.append(evaluate.gold_record({"id": record["path"], "text": text, "entities": record["entities"]}, {},
                                   record["path"]))
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
