"""Train the entity tagger shipped in graph/models/ner (graph/ner.py) on the stockmark corpus's training split.

    .venv/bin/python bench/train_ner.py [--corpus ner.json] [--out graph/models/ner] [--cache feats.pkl]

The tagger's features are what ja_ginza computes or holds anyway (its tok2vec's tensor, its static vectors,
Sudachi's tags), so the sentences are featurised once (cached with --cache) and training is quick. Each of
--members networks is trained from its own seed and kept as it was after the epoch with the best development
F1 (exact span and type); with --refit, each is then trained anew on the training and development
sentences together for the number of epochs chosen. The shipped tagger averages their probabilities. The
held-out test split (bench/stockmark.py) is never read. Seeds are fixed, so a run on the same versions of
spaCy, thinc and ja_ginza gives the same weights.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import stockmark

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NOTICE = """The weights in this folder were trained by bench/train_ner.py on the {splits} of the
stockmark NER corpus (stockmarkteam/ner-wikipedia-dataset v2.0, commit 5e525c2), built from Japanese Wikipedia and
licensed under the Creative Commons Attribution-ShareAlike 3.0 licence (CC BY-SA 3.0,
https://creativecommons.org/licenses/by-sa/3.0/). These weights are a work derived from it and are
distributed under the same licence: CC BY-SA 3.0. Attribution: Stockmark Inc.; Wikipedia contributors.
"""


LABELS = ["Person", "Organization", "Place", "Facility", "Product", "Event"]
SHAPE = {"hidden": 192, "depth": 2, "dropout": 0.35}  # each network's, chosen on the development split


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=stockmark.DEFAULT)
    parser.add_argument("--out", type=Path, default=ROOT / "graph" / "models" / "ner")
    parser.add_argument("--members", type=int, default=3, help="networks to train, one a seed, that vote")
    parser.add_argument("--epochs", type=int, default=7)
    parser.add_argument("--hidden", type=int, default=SHAPE["hidden"])
    parser.add_argument("--depth", type=int, default=SHAPE["depth"])
    parser.add_argument("--dropout", type=float, default=SHAPE["dropout"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, help="a .pkl file to keep the featurised sentences in between runs")
    parser.add_argument("--refit", action="store_true",
                        help="train each network again on training and development sentences for its best epoch count")
    args = parser.parse_args()

    from graph import ner

    started = time.perf_counter()
    train, dev = ([((features, ner.hashed(tokens)), tags, gold) for (features, tokens), tags, gold in rows]
                  for rows in featurise(args.corpus, args.cache))
    print(f"{len(train)} training and {len(dev)} development sentences featurised in "
          f"{time.perf_counter() - started:.0f} s", flush=True)
    shape = {"hidden": args.hidden, "depth": args.depth, "dropout": args.dropout}
    members = []
    for seed in range(args.seed, args.seed + args.members):
        member, epochs = train_member(train, dev, shape, args.epochs, seed)
        members.append(train_member(train + dev, None, shape, epochs, seed)[0] if args.refit else member)
    tagger = ner.EntityTagger(None, labels=LABELS, members=args.members, **shape)
    tagger.model.initialize(X=[x for x, _, _ in dev[:10]])
    for layer, member in zip(tagger.model.layers if args.members > 1 else [tagger.model], members):
        layer.from_bytes(member.to_bytes())
    tagger.to_disk(args.out)
    splits = "training and development splits" if args.refit else "training split"
    (args.out / "NOTICE").write_text(NOTICE.format(splits=splits), encoding="utf-8")
    seen = " (seen in training)" if args.refit else ""
    print(f"{args.members} networks voting: dev F1 {score(tagger.model, ner.tag_names(LABELS), dev):.3f}{seen}; "
          f"saved in {args.out}")


def train_member(train: list, dev: list | None, shape: dict, epochs: int, seed: int):
    """One network trained from ``seed`` and the epoch it was kept after: the one with the best development F1,
    or the last one without development sentences."""
    import numpy
    from thinc.api import Adam, fix_random_seed

    from graph import ner

    fix_random_seed(seed)
    rng = random.Random(seed)
    train = list(train)
    tags = ner.tag_names(LABELS)
    index = {t: i for i, t in enumerate(tags)}
    model = ner.build_network(len(tags), **shape)
    model.initialize(X=[x for x, _, _ in train[:100]], Y=[numpy.zeros((len(x[0]), len(tags)), dtype="float32")
                                                          for x, _, _ in train[:100]])
    optimizer = Adam(0.001)
    best = (-1.0, 0, b"")
    for epoch in range(1, epochs + 1):
        rng.shuffle(train)
        loss = 0.0
        for i in range(0, len(train), 32):
            batch = train[i:i + 32]
            scores, backprop = model.begin_update([x for x, _, _ in batch])
            grads = []
            for s, (_, y, _) in zip(scores, batch):
                truth = numpy.zeros_like(s)
                truth[numpy.arange(len(y)), [index[t] if t in index else 0 for t in y]] = 1.0
                known = numpy.array([t in index for t in y], dtype="float32")[:, None]  # "-": no gradient
                grads.append((s - truth) * known)
                loss += float(((s - truth) ** 2 * known).sum())
            backprop(grads)
            model.finish_update(optimizer)
        if dev is None:
            print(f"seed {seed}  epoch {epoch:2d}  loss {loss:9.1f}", file=sys.stderr, flush=True)
            continue
        f1 = score(model, tags, dev)
        print(f"seed {seed}  epoch {epoch:2d}  loss {loss:9.1f}  dev F1 {f1:.3f}", file=sys.stderr, flush=True)
        if f1 > best[0]:
            best = (f1, epoch, model.to_bytes())
    if dev is None:
        return model, epochs
    print(f"seed {seed}: kept epoch {best[1]} (dev F1 {best[0]:.3f})", file=sys.stderr, flush=True)
    return model.from_bytes(best[2]), best[1]


def featurise(corpus: Path, cache: Path | None):
    """((features, token attributes), BILUO tags, gold token spans) for the training and development sentences."""
    import pickle

    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    import spacy
    from spacy.training import offsets_to_biluo_tags

    from graph import nlp as stages
    from graph.ner import features, token_attributes

    nlp = spacy.load(stages.MODEL, exclude=["parser", "ner", "attribute_ruler", "compound_splitter",
                                            "bunsetu_recognizer", "morphologizer"])
    out = []
    for split in ("train", "dev"):
        records = stockmark.load(corpus, split)
        rows = []
        for record, doc in zip(records, nlp.pipe((r["text"] for r in records), batch_size=64)):
            spans, taken = [], set()
            for e in record["entities"]:
                span = doc.char_span(*e["span"], alignment_mode="expand")
                if span is None or taken & set(range(span.start, span.end)):
                    continue
                taken |= set(range(span.start, span.end))
                spans.append((span.start_char, span.end_char, e["type"]))
            gold = {(doc.char_span(s, e).start, doc.char_span(s, e).end, t) for s, e, t in spans}
            rows.append(((features(doc)[0], token_attributes(doc)), offsets_to_biluo_tags(doc, spans), gold))
        out.append(rows)
    if cache:
        cache.write_bytes(pickle.dumps(tuple(out)))
    return tuple(out)


def score(model, tags: list[str], dev: list) -> float:
    """Exact token span and type F1 on the development sentences."""
    return f1(predict(model, tags, dev), [truth for _, _, truth in dev])


def predict(model, tags: list[str], rows: list) -> list[set]:
    """Each sentence's (start, end, label) token spans, as the tagger decodes them."""
    from graph.ner import decode

    return [set(decode(scores, tags)) for scores in model.predict([x for x, _, _ in rows])]


def f1(found: list[set], truth: list[set], label: str | None = None) -> float:
    """Exact token span and type F1 over sentences, of one label or of all."""
    keep = (lambda spans: {s for s in spans if s[2] == label}) if label else (lambda spans: spans)
    tp = sum(len(keep(f) & keep(t)) for f, t in zip(found, truth))
    total = sum(len(keep(f)) + len(keep(t)) for f, t in zip(found, truth))
    return 2 * tp / total if total else 0.0


if __name__ == "__main__":
    main()
