"""Scores of extraction against hand-made gold: entity mentions by type, facts by relation kind.

Gold is JSONL, one document a line: ``{"id", "text", "entities": [{"span": [start, end], "type"}],
"relations": [{"subject", "predicate", "object"}], "dates": [{"span", "value", "datatype"}]}`` (a JSON list of
such records is read too, and ``curid`` stands for ``id``, as in the stockmark corpus). A record may refer to a
corpus file instead of holding its text (``{"path", "sha256", ...}``: references, never copies, of texts that
may not be redistributed); it is read from the corpus folder, as the build reads it, and must still have its
hash. Records of one file are scored together. A document without ``entities``, ``relations`` or ``dates`` is
not scored on them. Predictions are extractions.jsonl records (DESIGN.md), made by the pipeline (from the
corpus files, for records that refer to them) or read from a file.

- Mentions, exact: the same start, end and type. Lenient: a mention of the same type overlapping one.
- Facts, per document: a predicted triple (subject entity, kind, object entity) is right if a gold fact has
  the same kind (by local name) and names its subject and object by any name the entities have: a mention's
  text, a label or an alias, compared after ``resolve.normalise``. A gold end may list several names (all the
  names an article uses for it); one is enough. A literal object matches by its value.
- Dates: a gold date expression is found if a predicted date mention overlaps it, and its value is right if
  one of those has the gold's resolved value (or, like the gold, none).
- Calibration: the precision of facts by confidence band, so a threshold means something.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import ENTITY_TYPES, VALUE_TYPES, InputError

log = logging.getLogger(__name__)

UNSCORED_KINDS = ("relatedTo",)  # left out of the overall relation score: it says only that two things meet
BANDS = (0.8, 0.6, 0.0)


@dataclass
class Gold:
    id: str
    text: str
    entities: list[tuple[int, int, str]] | None
    relations: list[dict[str, Any]] | None
    dates: list[tuple[int, int, str | None]] | None = None
    source: Path | None = None  # the corpus file the record refers to


@dataclass
class Counts:
    tp: int = 0  # predictions that are right
    found: int = 0  # gold items found
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp, self.found = self.tp + other.tp, self.found + other.found
        self.pred, self.gold = self.pred + other.pred, self.gold + other.gold

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "gold": self.gold, "predicted": self.pred}


@dataclass
class Report:
    documents: int
    exact: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    lenient: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relations: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    bands: dict[float, Counts] = field(default_factory=lambda: defaultdict(Counts))
    rules: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))  # facts by the rule that found them
    modality: Counts = field(default_factory=Counts)  # gold facts with a modality, found; and found with it
    dates: Counts = field(default_factory=Counts)  # gold dates found (found, gold); with the right value (tp, pred)
    errors: dict[str, list] = field(default_factory=lambda: defaultdict(list))

    def overall(self, table: dict[str, Counts], skip: Iterable[str] = ()) -> Counts:
        total = Counts()
        for key, counts in table.items():
            if key not in skip:
                total.add(counts)
        return total

    @property
    def scores_relations(self) -> bool:
        return bool(self.relations)

    def to_dict(self) -> dict[str, Any]:
        def table(counts: dict[str, Counts], skip=()) -> dict[str, Any]:
            out = {key: c.to_dict() for key, c in sorted(counts.items())}
            out["all"] = self.overall(counts, skip).to_dict()
            return out

        out: dict[str, Any] = {"documents": self.documents}
        if self.exact:
            out["entities"] = {"exact": table(self.exact), "lenient": table(self.lenient)}
        if self.scores_relations:
            out["relations"] = table(self.relations, UNSCORED_KINDS)
            out["confidence"] = {f">={band}": {"precision": round(c.precision, 4), "facts": c.pred}
                                 for band, c in sorted(self.bands.items(), reverse=True)}
            out["modality"] = {"right": self.modality.tp, "of": self.modality.pred}
            out["rules"] = {rule: {"precision": round(c.precision, 4), "facts": c.pred}
                            for rule, c in sorted(self.rules.items())}
        if self.dates.gold:
            out["dates"] = {"gold": self.dates.gold, "found": self.dates.found, "recall": round(self.dates.recall, 4),
                            "right value": self.dates.tp,
                            "value accuracy": round(self.dates.precision, 4)}
        return out


# -- reading -----------------------------------------------------------------------------------------------


def read_types(path: str | Path) -> dict[str, str]:
    """A label mapping (YAML or JSON: corpus label -> entity type)."""
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the type mapping: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not a YAML or JSON mapping: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: a type mapping is a mapping of labels to entity types")
    for label, type_ in data.items():
        if type_ not in ENTITY_TYPES + VALUE_TYPES:
            raise InputError(f"{path}: {label}: unknown entity type {type_!r} (known: {', '.join(ENTITY_TYPES)})")
    return {str(k): v for k, v in data.items()}


def read_gold(path: str | Path, types: dict[str, str] | None = None, corpus: str | Path | None = None) -> list[Gold]:
    """Gold documents from JSONL (or a JSON list), those that refer to files read from ``corpus``; any problem
    raises InputError naming the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold: {getattr(exc, 'strerror', None) or exc}") from exc
    if text.lstrip().startswith("["):
        try:
            records = [(1, r) for r in json.loads(text)]
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
    else:
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    records.append((number, json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}: not valid JSON: {exc.msg}") from exc
    out, seen, files = [], set(), {}
    for number, record in records:
        where = f"{path}:{number}"
        if isinstance(record, dict) and "path" in record and "text" not in record:
            if corpus is None:
                raise InputError(f"{where}: the record refers to {record['path']}: give the corpus folder (--corpus)")
            if record["path"] in files:  # another record of the same file: scored together
                known = files[record["path"]]
                _merge(known, gold_record({**record, "id": known.id, "text": known.text}, types or {}, where))
                continue
            source = Path(corpus) / str(record["path"])
            record = {**record, "id": record["path"], "text": _corpus_text(source, record.get("sha256"), where)}
            files[record["path"]] = gold = gold_record(record, types or {}, where)
            gold.source = source
        else:
            gold = gold_record(record, types or {}, where)
        if gold.id in seen:
            gold.id = f"{gold.id}#{number}"  # the stockmark corpus repeats a few article ids
        seen.add(gold.id)
        out.append(gold)
    return out


def _corpus_text(source: Path, sha256: str | None, where: str) -> str:
    """The text of a corpus file as the build reads it, checked against the hash the gold was made on."""
    from graph import ingest

    items = list(ingest.read([source])) if source.exists() else []
    document = next((item for item in items if isinstance(item, ingest.Document)), None)
    if document is None:
        why = items[0].reason if items else "no such file"
        raise InputError(f"{where}: {source}: {why}")
    if sha256 and document.sha256 != sha256:
        raise InputError(f"{where}: {source}: not the text the gold was made on (its sha256 differs)")
    return document.text


def _merge(gold: Gold, more: Gold) -> None:
    for name in ("entities", "relations", "dates"):
        if getattr(more, name) is not None:
            setattr(gold, name, (getattr(gold, name) or []) + getattr(more, name))


def gold_record(record: Any, types: dict[str, str], where: str) -> Gold:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(f"{where}: a gold record is an object with a `text` string")
    doc_id = record.get("id", record.get("curid"))
    if doc_id is None:
        raise InputError(f"{where}: a gold record needs an `id`")
    text = record["text"]
    entities = [] if "entities" in record else None
    for e in record.get("entities", []):
        span, label = e.get("span") if isinstance(e, dict) else None, e.get("type") if isinstance(e, dict) else None
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
                and 0 <= span[0] < span[1] <= len(text)):
            raise InputError(f"{where}: entity {e!r}: `span` must be [start, end] within the text")
        type_ = types.get(label, label)
        if type_ not in ENTITY_TYPES + VALUE_TYPES:
            raise InputError(f"{where}: entity {e!r}: unknown type {label!r} (map it with --types)")
        entities.append((span[0], span[1], type_))
    relations = record.get("relations")
    if relations is not None:
        for r in relations:
            if not (isinstance(r, dict) and all(isinstance(r.get(k), str | dict | list) for k in ("subject", "object"))
                    and isinstance(r.get("predicate"), str)):
                raise InputError(f"{where}: relation {r!r}: needs `subject`, `predicate` and `object`")
    dates = None
    if "dates" in record:
        dates = []
        for d in record["dates"]:
            span = d.get("span") if isinstance(d, dict) else None
            if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
                    and 0 <= span[0] < span[1] <= len(text)):
                raise InputError(f"{where}: date {d!r}: `span` must be [start, end] within the text")
            dates.append((span[0], span[1], d.get("value")))
    return Gold(str(doc_id), text, entities, relations, dates)


def read_predictions(path: str | Path) -> dict[str, dict]:
    """extractions.jsonl records by document id."""
    path = Path(path)
    out = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read predictions: {getattr(exc, 'strerror', None) or exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not valid JSON: {exc.msg}") from exc
        if not isinstance(record, dict) or "doc" not in record or "mentions" not in record:
            raise InputError(f"{path}:{number}: not an extractions.jsonl record (needs `doc` and `mentions`)")
        out[str(record["doc"])] = record
    return out


def predict(gold: list[Gold], profile=None) -> dict[str, dict]:
    """Predictions for the gold documents through the real pipeline, as extractions.jsonl records, each with
    the ``names`` (labels and aliases) of its entities."""
    from graph import pipeline
    from graph.export.jsonl import record

    files = {str(g.source): g.id for g in gold if g.source is not None}
    result = pipeline.build(list(files), texts={g.id: g.text for g in gold if g.source is None}, profile=profile)
    out = {}
    for extraction in result.extractions:
        rec = record(extraction)
        iris = {m["entity"] for m in rec["mentions"] if m.get("entity")}
        rec["names"] = {iri: sorted({*result.entities[iri].labels.values(), *result.entities[iri].aliases})
                        for iri in iris if iri in result.entities}
        out[files.get(extraction.document.source, extraction.document.id)] = rec
    return out


# -- scoring -----------------------------------------------------------------------------------------------


def evaluate(gold: list[Gold], predictions: dict[str, dict], types: Iterable[str] | None = None) -> Report:
    """Score predictions against gold. ``types``: the entity types the gold annotates (default: all ours)."""
    scope = set(types) if types else set(ENTITY_TYPES) | {t for g in gold for *_, t in g.entities or ()}
    report = Report(len(gold))
    for g in gold:
        pred = predictions.get(g.id)
        if pred is None:
            log.warning("no prediction for gold document %s", g.id)
            pred = {"mentions": [], "relations": []}
        if g.entities is not None:
            _score_mentions(report, g, [(m["start"], m["end"], m["type"]) for m in pred["mentions"] if m["type"] in scope])
        if g.relations is not None:
            _score_relations(report, g, pred)
        if g.dates is not None:
            _score_dates(report, g, pred)
    return report


def _score_dates(report: Report, g: Gold, pred: dict) -> None:
    found = [(m["start"], m["end"], (m.get("value") or {}).get("date")) for m in pred["mentions"] if m["type"] == "Date"]
    for start, end, value in g.dates:
        overlapping = [v for s, e, v in found if s < end and start < e]
        report.dates.gold += 1
        report.dates.found += bool(overlapping)
        report.dates.pred += bool(overlapping)
        report.dates.tp += value in overlapping
        if not overlapping:
            report.errors["missed dates"].append((g.id, g.text[start:end], value))
        elif value not in overlapping:
            report.errors["wrong date values"].append((g.id, g.text[start:end], value, overlapping))


def _score_mentions(report: Report, g: Gold, predicted: list[tuple[int, int, str]]) -> None:
    gold, pred = set(g.entities), set(predicted)
    for s, e, t in pred:
        report.exact[t].pred += 1
        report.lenient[t].pred += 1
        report.exact[t].tp += (s, e, t) in gold
        report.lenient[t].tp += any(t == gt and s < ge and gs < e for gs, ge, gt in gold)
        if (s, e, t) not in gold:
            report.errors["spurious"].append((g.id, g.text[s:e], t))
    for s, e, t in gold:
        report.exact[t].gold += 1
        report.lenient[t].gold += 1
        report.exact[t].found += (s, e, t) in pred
        report.lenient[t].found += any(t == pt and s < pe and ps < e for ps, pe, pt in pred)
        if (s, e, t) not in pred:
            report.errors["missed"].append((g.id, g.text[s:e], t))


def _score_relations(report: Report, g: Gold, pred: dict) -> None:
    from graph.resolve import normalise

    names: dict[str, set[str]] = defaultdict(set)
    for m in pred["mentions"]:
        if m.get("entity"):
            names[m["entity"]].add(normalise(m["text"]))
    for iri, labels in pred.get("names", {}).items():
        names[iri] |= {normalise(label) for label in labels}
    for iri in names:
        names[iri].add(normalise(iri.rstrip("/").rsplit("/", 1)[-1].replace("_", " ")))

    def term(value: Any) -> Any:
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, dict | list) else value

    def named(name: Any, value: Any) -> bool:
        if isinstance(name, list):
            return any(named(n, value) for n in name)
        if isinstance(name, dict) or isinstance(value, dict):
            return term(name) == term(value)
        return normalise(name) in names.get(value, set())

    statements: dict[tuple, list[dict]] = defaultdict(list)  # a fact, and every statement that says it
    for r in pred.get("relations", []):
        statements[(term(r["subject"]), _local(r["predicate"]), term(r["object"]))].append(r)
    facts = {key: max(said, key=lambda r: r.get("confidence", 0)) for key, said in statements.items()}
    gold = [(r["subject"], _local(r["predicate"]), r["object"]) for r in g.relations]
    gold = list({(term(s), k, term(o)): (s, k, o) for s, k, o in gold}.values())
    for (_, kind, _), r in facts.items():
        right = any(k == kind and named(s, r["subject"]) and named(o, r["object"]) for s, k, o in gold)
        report.relations[kind].pred += 1
        report.relations[kind].tp += right
        if kind not in UNSCORED_KINDS:
            band = next(b for b in BANDS if r.get("confidence", 0) >= b)
            report.bands[band].pred += 1
            report.bands[band].tp += right
            for rule in {s.get("rule") for s in statements[(term(r["subject"]), kind, term(r["object"]))]} - {None}:
                report.rules[rule].pred += 1
                report.rules[rule].tp += right
        if not right:
            report.errors["spurious facts"].append((g.id, _show(r["subject"], names), kind, _show(r["object"], names),
                                                    r.get("rule"), r.get("confidence")))
    modality = {(term(r["subject"]), _local(r["predicate"]), term(r["object"])): r["modality"]
                for r in g.relations if "modality" in r}
    for s, kind, o in gold:
        report.relations[kind].gold += 1
        hits = [r for (_, k, _), said in statements.items() for r in said
                if k == kind and named(s, r["subject"]) and named(o, r["object"])]
        report.relations[kind].found += bool(hits)
        if not hits:
            report.errors["missed facts"].append((g.id, s, kind, o))
        wanted = modality.get((term(s), kind, term(o)))
        if hits and wanted:  # a fact said in several sentences is right if one of them says it so
            report.modality.pred += 1
            report.modality.tp += any(r.get("modality") == wanted for r in hits)
            if not any(r.get("modality") == wanted for r in hits):
                report.errors["wrong modality"].append((g.id, s, kind, o, wanted, [r.get("modality") for r in hits]))


def _local(predicate: str) -> str:
    for sep in ("#", "/", ":"):
        predicate = predicate.rsplit(sep, 1)[-1]
    return predicate


def _show(value: Any, names: dict[str, set[str]]) -> str:
    if isinstance(value, dict):
        return json.dumps(value.get("value"), ensure_ascii=False)
    return value.rstrip("/").rsplit("/", 1)[-1]


# -- output ------------------------------------------------------------------------------------------------


def format_table(report: Report) -> str:
    """The report as a plain-text table."""
    lines = [f"{report.documents} documents"]
    if report.exact:
        lines += ["", f"{'entities':<16}{'exact P':>9}{'R':>7}{'F1':>7}{'lenient P':>12}{'R':>7}{'F1':>7}{'gold':>7}"
                      f"{'pred':>7}"]
    for key in (sorted(report.exact) + ["all"]) if report.exact else []:
        exact = report.overall(report.exact) if key == "all" else report.exact[key]
        lenient = report.overall(report.lenient) if key == "all" else report.lenient[key]
        lines.append(f"{key:<16}{exact.precision:>9.3f}{exact.recall:>7.3f}{exact.f1:>7.3f}"
                     f"{lenient.precision:>12.3f}{lenient.recall:>7.3f}{lenient.f1:>7.3f}{exact.gold:>7}{exact.pred:>7}")
    if report.scores_relations:
        lines += ["", f"{'relations':<16}{'P':>9}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
        for key in sorted(report.relations) + ["all"]:
            c = report.overall(report.relations, UNSCORED_KINDS) if key == "all" else report.relations[key]
            label = "all (no relatedTo)" if key == "all" and "relatedTo" in report.relations else key
            lines.append(f"{label:<16}{c.precision:>9.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.gold:>7}{c.pred:>7}")
        lines += ["", "confidence   precision  facts"]
        for band, c in sorted(report.bands.items(), reverse=True):
            lines.append(f">= {band:<9}{c.precision:>10.3f}{c.pred:>7}")
        lines += ["", f"{'rule':<24}precision  facts"]
        for rule, c in sorted(report.rules.items(), key=lambda rc: (-rc[1].pred, rc[0])):
            lines.append(f"{rule:<24}{c.precision:>9.3f}{c.pred:>7}")
        if report.modality.pred:
            lines += ["", f"modality     {report.modality.tp} of {report.modality.pred} found facts with a gold modality"]
    if report.dates.gold:
        d = report.dates
        lines += ["", f"dates        found {d.found} of {d.gold} (recall {d.recall:.3f}); "
                      f"value right for {d.tp} of {d.found} found ({d.precision:.3f})"]
    return "\n".join(lines)
