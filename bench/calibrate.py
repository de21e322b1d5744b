"""Sets each relation rule's confidence from its precision on the development half of the hand-made gold, and
writes the table to graph/extract/relations/calibration.json, which the extractor reads.

    .venv/bin/python bench/calibrate.py [--gold bench/gold/relations-dev.jsonl] [--corpus ../shared/corpora/livedoor-news]

A rule's confidence is its precision shrunk by PRIOR_WEIGHT facts towards the precision of all rules together, or
towards the confidence it was given before measurement (base.PRIOR) if that is lower: (right + w * prior) / (facts
+ w), rounded down, so that a rule seen on three facts does not jump to 0 or 1, and one never seen is worth no more
than a fact of any rule (nor a relatedTo, which the gold never holds, more than it was given).
The extractor's own confidences play no part in what is measured, so the table is the same whatever it held
before. Never run it on the test half: that half scores the calibration (facts of confidence >= 0.8).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PRIOR_WEIGHT = 4
OUT = ROOT / "graph" / "extract" / "relations" / "calibration.json"


def main() -> None:
    from graph import evaluate
    from graph.extract.relations.base import PRIOR

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=ROOT / "bench" / "gold" / "relations-dev.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "livedoor-news")
    args = parser.parse_args()
    if "test" in args.gold.name:
        sys.exit(f"{args.gold}: the test half scores the calibration and is never calibrated on")
    gold = evaluate.read_gold(args.gold, corpus=args.corpus)
    report = evaluate.evaluate(gold, evaluate.predict(gold))
    counts = {rule: report.rules.get(rule) for rule in PRIOR}
    counts = {rule: (c.pred, c.tp) if c else (0, 0) for rule, c in counts.items()}
    pooled = sum(right for _, right in counts.values()) / max(sum(facts for facts, _ in counts.values()), 1)
    rules = {}
    for rule, (facts, right) in sorted(counts.items()):
        prior = min(PRIOR[rule], pooled)
        rules[rule] = {"facts": facts, "right": right, "prior": round(prior, 3),
                       "confidence": math.floor(100 * (right + PRIOR_WEIGHT * prior) / (facts + PRIOR_WEIGHT)) / 100}
    table = {"gold": args.gold.relative_to(ROOT).as_posix(), "prior_weight": PRIOR_WEIGHT,
             "pooled_precision": round(pooled, 3), "rules": rules}
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"all rules: precision {pooled:.3f}, the highest prior a rule is shrunk towards")
    print(f"{'rule':22} {'facts':>5} {'right':>5} {'prior':>6} {'confidence':>10}")
    for rule, row in sorted(rules.items(), key=lambda kv: (-kv[1]["facts"], kv[0])):
        print(f"{rule:22} {row['facts']:5} {row['right']:5} {row['prior']:6.2f} {row['confidence']:10.2f}")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
