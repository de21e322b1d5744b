"""The stockmark NER corpus (stockmarkteam/ner-wikipedia-dataset v2.0, CC BY-SA 3.0) and its fixed split.

A sentence's split is decided by its article id alone: sha256(curid) mod 10 is 0 for the held-out test set
(never used to train or tune), 1 for the development set (used to choose the training epoch and to tune
rules), anything else for training. The rule gives the same split on every machine and for every version of
the file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "stockmark-ner-wikipedia" / "ner.json"
TYPES_FILE = Path(__file__).resolve().parent / "stockmark-types.yaml"


def types() -> dict[str, str]:
    """The corpus's labels -> seed-graph's entity types."""
    import yaml

    return yaml.safe_load(TYPES_FILE.read_text(encoding="utf-8"))


def split_of(curid: str) -> str:
    bucket = int(hashlib.sha256(str(curid).encode("utf-8")).hexdigest(), 16) % 10
    return "test" if bucket == 0 else "dev" if bucket == 1 else "train"


def load(path: Path = DEFAULT, split: str | None = None) -> list[dict]:
    """Gold records {"id", "text", "entities": [{"span", "type"}]} with seed-graph's types, in file order
    (ids are curid-index: a few articles give more than one sentence)."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    mapping = types()
    out = []
    for i, r in enumerate(records):
        if split is not None and split_of(r["curid"]) != split:
            continue
        out.append({"id": f"{r['curid']}-{i}", "text": r["text"],
                    "entities": [{"span": e["span"], "type": mapping[e["type"]]} for e in r["entities"]]})
    return out
