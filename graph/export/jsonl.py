"""extractions.jsonl: one line a document, in input order, with its mentions and relations (see DESIGN)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from graph.export import write_text
from graph.model import Extraction


def record(extraction: Extraction) -> dict[str, Any]:
    """The JSON record of one document: mentions with their entity IRIs, relations between entity IRIs."""
    document, mentions = extraction.document, extraction.mentions

    def mention(m) -> dict[str, Any]:
        out = {"start": m.start, "end": m.end, "text": m.text, "type": m.type, "entity": m.entity}
        if m.value is not None:
            out["value"] = m.value
        return out

    def argument(index: int) -> Any:
        m = mentions[index]
        return {"value": m.value, "datatype": m.type} if m.is_value else m.entity

    relations = []
    for r in extraction.relations:
        out = {"subject": argument(r.subject), "predicate": r.predicate, "object": argument(r.object),
               "start": r.start, "end": r.end, "rule": r.rule, "confidence": r.confidence, "modality": r.modality}
        if r.lemma:
            out["lemma"] = r.lemma
        if r.date:
            out["date"] = r.date["date"]
        if r.qualifiers:
            out["qualifiers"] = {role: [argument(i) for i in ids] for role, ids in sorted(r.qualifiers.items())}
        relations.append(out)
    out = {"doc": document.id, "source": document.source, "sha256": document.sha256, "meta": document.meta,
           "mentions": [mention(m) for m in mentions], "relations": relations}
    if document.boilerplate:
        out["boilerplate"] = [list(span) for span in document.boilerplate]
    return out


def write_extractions(extractions: Iterable[Extraction], dest: str | Path | IO[str]) -> None:
    def write(file: IO[str]) -> None:
        for extraction in extractions:
            file.write(json.dumps(record(extraction), ensure_ascii=False, sort_keys=True) + "\n")

    write_text(dest, write)
