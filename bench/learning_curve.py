"""How the entity tagger's scores grow with its training data: a network trained on an eighth, a quarter, a half
and all of two folds of the stockmark training split, each scored on the third fold (the tagger alone, exact
span and type).

    .venv/bin/python bench/learning_curve.py [--corpus ner.json] [--cache feats.pkl] [--eighths 1 2 4 8]

The folds are those of bench/rules_cv.py; the shares are dealt by article. Every network takes as many training
steps as the one on all of the data (a smaller share trains for more epochs), and the development split picks
its epoch, as bench/train_ner.py does. The held-out test split is never read. About 4 minutes a share.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import rules_cv
import stockmark
import train_ner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EPOCHS = 8  # for all of the data; a share of k eighths trains for 8 / k times as many


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=stockmark.DEFAULT)
    parser.add_argument("--cache", type=Path, help="the featurised sentences, as bench/train_ner.py keeps them")
    parser.add_argument("--eighths", type=int, nargs="+", default=[1, 2, 4, 8])
    args = parser.parse_args()

    from graph import ner

    records = stockmark.load(args.corpus, "train")
    train, dev = ([((features, ner.hashed(tokens)), tags, gold) for (features, tokens), tags, gold in rows]
                  for rows in train_ner.featurise(args.corpus, args.cache))
    folds = [rules_cv.fold_of(r["id"], 3) for r in records]
    scored = [i for i, f in enumerate(folds) if f == 0]
    pool = [i for i, f in enumerate(folds) if f != 0]
    tags = ner.tag_names(train_ner.LABELS)
    print("| share | sentences | products in training | epoch | F1 all | F1 products |\n|---|---|---|---|---|---|")
    for eighths in sorted(args.eighths):
        rows = [train[i] for i in pool if share_of(records[i]["id"]) < eighths]
        network, epoch = train_ner.train_member(rows, dev, train_ner.SHAPE, EPOCHS * 8 // eighths, 0)
        found = train_ner.predict(network, tags, [train[i] for i in scored])
        truth = [train[i][2] for i in scored]
        products = sum(1 for row in rows for _, _, label in row[2] if label == "Product")
        print(f"| {eighths}/8 | {len(rows)} | {products} | {epoch} | {train_ner.f1(found, truth):.3f} | "
              f"{train_ner.f1(found, truth, 'Product'):.3f} |", flush=True)


def share_of(record_id: str) -> int:
    """A training sentence's eighth, by its article (a hash apart from the one that deals the folds)."""
    curid = record_id.rsplit("-", 1)[0]
    return int(hashlib.sha256(f"share {curid}".encode("utf-8")).hexdigest(), 16) % 8


if __name__ == "__main__":
    main()
