"""The plain records the stages hand each other.

Everything here is JSON-serialisable through ``to_dict`` so extractions can be written, cached and read back
without the model. Offsets are ``str`` indices into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ENTITY_TYPES = ("Organization", "Person", "Place", "Facility", "Product", "Technology", "Event")
VALUE_TYPES = ("Date", "Money", "Percent", "Quantity")
MODALITIES = ("asserted", "past", "planned", "speculative", "reported", "negated")


@dataclass(frozen=True, slots=True)
class Document:
    """One article: the exact text offsets refer to, where it came from, its metadata, and the spans of the
    text that are not the article's own (``boilerplate``: (start, end, kind) of whole lines, such as a header's
    URL, a list of links to other articles or a copyright line), which nothing is extracted from."""

    id: str
    text: str
    source: str
    sha256: str
    meta: dict[str, Any] = field(default_factory=dict)
    boilerplate: tuple[tuple[int, int, str], ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(**{**data, "boilerplate": tuple(tuple(span) for span in data.get("boilerplate", ()))})


@dataclass(slots=True)
class Mention:
    """A span of the text naming an entity (``type`` in ENTITY_TYPES) or a value (``type`` in VALUE_TYPES).

    ``value`` holds the normalised form of a value mention; ``entity`` is filled in by resolve.
    ``role`` is a descriptive noun seen in apposition with a person (アナリストの…氏 -> アナリスト).
    """

    start: int
    end: int
    text: str
    type: str
    source: str
    value: dict[str, Any] | None = None
    entity: str | None = None
    role: str | None = None
    key: str | None = None

    @property
    def is_value(self) -> bool:
        return self.type in VALUE_TYPES

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(slots=True)
class Relation:
    """A fact between two mentions (indices into the document's mention list).

    ``start``/``end`` span the evidence sentence; ``date`` is the value of the date the sentence gives the
    fact, if it gives one. ``qualifiers`` is set only for an agreement (a contract, a deal) and attaches further
    mentions to it by role: its subject (``about``), price (``value``) and ``date``.
    """

    subject: int
    predicate: str
    object: int
    start: int
    end: int
    rule: str
    confidence: float
    modality: str = "asserted"
    lemma: str | None = None
    qualifiers: dict[str, list[int]] = field(default_factory=dict)
    date: dict[str, str] | None = None

    def key(self) -> tuple:
        return (self.subject, self.predicate, self.object, self.start, self.lemma)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, {})}


@dataclass(slots=True)
class Extraction:
    """What one document yields: its mentions and the relations between them."""

    document: Document
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": asdict(self.document),
            "mentions": [m.to_dict() for m in self.mentions],
            "relations": [r.to_dict() for r in self.relations],
            "sentences": [list(s) for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            document=Document.from_dict(data["document"]),
            mentions=[Mention(**m) for m in data["mentions"]],
            relations=[Relation(**r) for r in data["relations"]],
            sentences=[tuple(s) for s in data.get("sentences", [])],
        )


@dataclass(slots=True)
class Entity:
    """One real thing, however many spellings and documents mention it."""

    iri: str
    type: str
    labels: dict[str, str]
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None
    roles: set[str] = field(default_factory=set)
    mentions: int = 0
    identifiers: dict[str, str] = field(default_factory=dict)  # corporate_number, securities_code, edinet_code


class InputError(Exception):
    """Bad input that the user must fix: a missing path, a broken profile, an unwritable output."""
