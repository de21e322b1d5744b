"""Sets each relation rule's confidence from its precision on the development half of the hand-made gold, and
writes the table to graph/extract/relations/calibration.json, which the extractor reads.

    .venv/bin/python bench/calibrate.py [--gold bench/gold/relations-dev.jsonl] [--corpus ../shared/corpora/livedoor-news]

A rule's confidence is its precision shrunk towards the confidence it had before measurement (base.PRIOR) by
PRIOR_WEIGHT facts: (right + w * prior) / (facts + w), so that a rule seen on three facts does not jump to 0 or 1.
The extractor's own confidences play no part in what is measured, so the table is the same whatever it held
before. Never run it on the test half: that half scores the calibration (facts of confidence >= 0.8).
"""

from __future__ import annotations

import argparse
import json
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
    rules = {}
    for rule, prior in sorted(PRIOR.items()):
        counts = report.rules.get(rule)
        facts, right = (counts.pred, counts.tp) if counts else (0, 0)
        rules[rule] = {"facts": facts, "right": right, "prior": prior,
                       "confidence": round((right + PRIOR_WEIGHT * prior) / (facts + PRIOR_WEIGHT), 2)}
    table = {"gold": args.gold.relative_to(ROOT).as_posix(), "prior_weight": PRIOR_WEIGHT, "rules": rules}
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{'rule':22} {'facts':>5} {'right':>5} {'prior':>6} {'confidence':>10}")
    for rule, row in sorted(rules.items(), key=lambda kv: (-kv[1]["facts"], kv[0])):
        print(f"{rule:22} {row['facts']:5} {row['right']:5} {row['prior']:6.2f} {row['confidence']:10.2f}")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
