"""The mention rules, cross-validated on the stockmark training split: the whole pipeline against the entity tagger
alone, on sentences the tagger was not trained on.

    .venv/bin/python bench/rules_cv.py [--corpus ner.json] [--folds 3] [--cache feats.pkl]

The training split's articles are dealt into --folds folds. For each fold, one tagger network is trained on the
other folds (bench/train_ner.py; the development split picks its epoch), and the fold's sentences are tagged
by it alone and built by the whole pipeline with it in place of the shipped tagger. The table gives exact span
and type scores by type for both, and the precision of each source of mentions (the tagger within the
pipeline, the gazetteer, each rule): a rule that takes the pipeline below the tagger alone shows on some 4,300
sentences, not only on the development split's 518. The held-out test split is never read.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import stockmark
import train_ner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=stockmark.DEFAULT)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=7)
    parser.add_argument("--cache", type=Path, help="the featurised sentences, as bench/train_ner.py keeps them")
    args = parser.parse_args()

    from graph import evaluate, ner

    records = stockmark.load(args.corpus, "train")
    featurised = train_ner.featurise(args.corpus, args.cache)
    train, dev = ([((features, ner.hashed(tokens)), tags, gold) for (features, tokens), tags, gold in rows]
                  for rows in featurised)
    words = [[text for text, _ in tokens] for (_, tokens), _, _ in featurised[0]]
    tags = ner.tag_names(train_ner.LABELS)
    folds = [fold_of(r["id"], args.folds) for r in records]
    gold = [evaluate.gold_record(r, {}, r["id"]) for r in records]
    pipeline_pred, tagger_pred, sources = {}, {}, defaultdict(lambda: [0, 0])
    with tempfile.TemporaryDirectory() as folder:
        for k in range(args.folds):
            rest = [row for row, f in zip(train, folds) if f != k]
            held = [i for i, f in enumerate(folds) if f == k]
            print(f"fold {k + 1} of {args.folds}: training on {len(rest)} sentences, scoring {len(held)}",
                  file=sys.stderr, flush=True)
            network, _ = train_ner.train_member(rest, dev, train_ner.SHAPE, args.epochs, k)
            tagger = ner.EntityTagger(None, labels=train_ner.LABELS, **train_ner.SHAPE)
            tagger.model = network
            tagger.to_disk(Path(folder) / f"fold{k}")
            for i, scores in zip(held, network.predict([train[i][0] for i in held])):
                spans = ner.decode(scores, tags)
                tagger_pred[gold[i].id] = {"mentions": list(char_spans(records[i]["text"], words[i], spans))}
            built = build([gold[i] for i in held], Path(folder) / f"fold{k}")
            for i in held:
                mentions = built.get(gold[i].id, [])
                pipeline_pred[gold[i].id] = {"mentions": [m for m, _ in mentions]}
                truth = set(gold[i].entities)
                for m, source in mentions:
                    if m["type"] not in train_ner.LABELS:
                        continue
                    counts = sources[(m["type"], source)]
                    counts[0] += (m["start"], m["end"], m["type"]) in truth
                    counts[1] += 1
    ours = evaluate.evaluate(gold, pipeline_pred, train_ner.LABELS)
    alone = evaluate.evaluate(gold, tagger_pred, train_ner.LABELS)
    print("| type | pipeline P | R | F1 | tagger alone P | R | F1 | gold |\n|---|---|---|---|---|---|---|---|")
    for t in sorted(ours.exact) + ["all"]:
        a = ours.overall(ours.exact) if t == "all" else ours.exact[t]
        b = alone.overall(alone.exact) if t == "all" else alone.exact[t]
        print(f"| {t} | {a.precision:.3f} | {a.recall:.3f} | {a.f1:.3f} | {b.precision:.3f} | {b.recall:.3f} | "
              f"{b.f1:.3f} | {a.gold} |")
    print("\n| type | source | right | found | precision |\n|---|---|---|---|---|")
    for (t, source), (right, found) in sorted(sources.items()):
        print(f"| {t} | {source} | {right} | {found} | {right / found:.3f} |")


def fold_of(record_id: str, folds: int) -> int:
    """A training sentence's fold, by its article (the digits above those that chose the split)."""
    curid = record_id.rsplit("-", 1)[0]
    return int(hashlib.sha256(curid.encode("utf-8")).hexdigest(), 16) // 10 % folds


def char_spans(text: str, tokens: list[str], spans):
    """Token spans (start, end, label) as character-offset mentions of ``text``, which the tokens cover in order."""
    offsets, position = [], 0
    for token in tokens:
        position = text.index(token, position)
        offsets.append((position, position + len(token)))
        position += len(token)
    for start, end, label in spans:
        yield {"start": offsets[start][0], "end": offsets[end - 1][1], "type": label}


def build(gold, tagger: Path) -> dict[str, list[tuple[dict, str]]]:
    """(mention, source) of each gold document, built by the whole pipeline with ``tagger`` in place of the
    shipped one."""
    from graph import nlp, pipeline

    nlp.load_model().get_pipe(nlp.ENTITY_COMPONENT).from_disk(tagger)
    result = pipeline.build(texts={g.id: g.text for g in gold})
    return {x.document.id: [({"start": m.start, "end": m.end, "type": m.type}, m.source) for m in x.mentions]
            for x in result.extractions}


if __name__ == "__main__":
    main()
