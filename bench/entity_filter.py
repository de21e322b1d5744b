"""Could a classifier over an entity's evidence keep what is no name, or is mistyped, out of the graph? Measured on
the entities the judged samples of bench/judged (earlier/ included) judged, by cross-validation over their articles.

    .venv/bin/python bench/entity_filter.py [--corpus ../shared/corpora/livedoor-news] [--folds 5]

Each judged entity that today's build of its article still holds (same IRI, or same label and type) is described
by what the graph knows of it: its type, the sources of its mentions (the tagger, the gazetteer, a rule), how often
and in how many documents it is named, its script and length, and whether the dictionaries know it (JMdict's
common nouns, JMnedict's names, the EDINET list). A logistic regression, trained on the other folds' articles,
scores each; the table gives, for thresholds on that score, how many entities a filter would keep, the share of
them judged right, and how many right and not right ones it would drop. About 3 minutes, most of it the build.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TYPES = ("Organization", "Product", "Person", "Place", "Event", "Technology", "Facility")
SOURCES = ("tagger", "spread", "gazetteer", "category", "dictionary", "version", "pattern")
_LATIN = re.compile(r"[A-Za-z0-9 .&'\-!/+]+")


def judged(root: Path) -> list[dict]:
    """Every entity judged by a sample, the last judgement of each."""
    items = {}
    for path in sorted(glob.glob(str(root / "bench/judged/earlier/entities-*.jsonl"))) \
            + [str(root / "bench/judged/entities.jsonl")]:
        for line in open(path, encoding="utf-8"):
            item = json.loads(line)
            items[item["label"], item["type"], item["first"]["doc"]] = item
    return list(items.values())


def described(items: list[dict], corpus: Path) -> list[tuple[dict, list]]:
    """The items today's build of their articles still holds, each with its mentions there."""
    from graph import pipeline

    paths = sorted({item["first"]["source"].split("livedoor-news/", 1)[1] for item in items})
    built = pipeline.build(texts={p: (corpus / p).read_text(encoding="utf-8") for p in paths})
    by_path = {e.document.id: e for e in built.extractions}
    out = []
    for item in items:
        mentions = by_path[item["first"]["source"].split("livedoor-news/", 1)[1]].mentions
        found = [m for m in mentions if m.entity == item["entity"]] \
            or [m for m in mentions if m.text == item["label"] and m.type == item["type"]]
        if found:
            out.append((item, found))
    return out


def features(item: dict, mentions: list) -> list[float]:
    from graph.extract.mentions import common_nouns, dictionary_names, is_katakana
    from graph.resolve import normalise, reference_companies

    label, sources = item["label"], {m.source for m in mentions}
    tagger_only = sources <= {"tagger", "spread"}
    latin = bool(_LATIN.fullmatch(label))
    row = [item["type"] == t for t in TYPES] + [s in sources for s in SOURCES]
    row += [tagger_only, math.log1p(len(mentions)), math.log1p(item["documents"]), len(mentions) == 1]
    row += [latin, is_katakana(label.replace("・", "")), bool(re.search(r"[\u4e00-\u9fff]", label)),
            bool(re.search(r"\d", label)), len(label) / 10, len(label.split()), label.isupper(), label[:1].islower()]
    row += [label in common_nouns(), any(w in common_nouns() for w in label.split()),
            normalise(label) in reference_companies(), unicodedata.normalize("NFKC", label) in dictionary_names()]
    row += [item["type"] == t and latin for t in TYPES] + [item["type"] == t and tagger_only for t in TYPES]
    return [float(x) for x in row]


def fit(x, y, steps: int = 3000, rate: float = 0.5, l2: float = 1.0):
    """Logistic regression by gradient descent, with an L2 penalty."""
    import numpy as np

    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        w -= rate * (x.T @ (p - y) + l2 * w) / len(y)
        b -= rate * float((p - y).mean())
    return w, b


def main() -> None:
    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora" / "livedoor-news"))
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    rows = described(judged(ROOT), Path(args.corpus))
    x = np.array([features(item, mentions) for item, mentions in rows])
    y = np.array([item["judgement"] == "right" for item, _ in rows], dtype=float)
    docs = sorted({item["first"]["doc"] for item, _ in rows})
    random.Random("seed-graph entity filter").shuffle(docs)
    fold_of = {doc: i % args.folds for i, doc in enumerate(docs)}
    folds = np.array([fold_of[item["first"]["doc"]] for item, _ in rows])
    score = np.zeros(len(y))
    for k in range(args.folds):
        w, b = fit(x[folds != k], y[folds != k])
        score[folds == k] = 1 / (1 + np.exp(-(x[folds == k] @ w + b)))
    ranks = np.empty(len(score))
    ranks[np.argsort(score)] = np.arange(1, len(score) + 1)
    right = y == 1
    auc = (ranks[right].sum() - right.sum() * (right.sum() + 1) / 2) / (right.sum() * (~right).sum())
    print(f"{len(y)} judged entities still in the graph, {int(right.sum())} right ({right.mean():.1%}), "
          f"{len(docs)} articles, {args.folds} folds by article; AUC {auc:.3f}")
    print("| threshold | kept | right among kept | right dropped | not right dropped |")
    print("|---|---|---|---|---|")
    for threshold in (0.0, 0.3, 0.4, 0.5, 0.6):
        kept = score >= threshold
        print(f"| {threshold:.1f} | {int(kept.sum())} | {y[kept].mean():.1%} | {int(y[~kept].sum())} "
              f"| {int((1 - y[~kept]).sum())} |")


if __name__ == "__main__":
    main()
