"""What the families of relation rules share: the frame of a predicate the lexicon knows, what a document's
reading remembers (its mentions, the topic, the last events), and each rule's confidence."""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

from graph.extract.mentions import Lexicon, known_company
from graph.model import Mention, Relation
from graph.profile import Profile

COORDINATORS = {"や", "と", "、", "及び", "および", "・", "並びに", "または", "か"}  # what joins the items of a list

# Each rule's confidence before it is measured; calibration.json (bench/calibrate.py) holds the measured ones.
PRIOR = {
    "case-frame": 0.9,
    "relative-clause": 0.85,
    "nominal-event": 0.8,
    "event-topic": 0.75,
    "zero-subject": 0.7,
    "possessive": 0.75,
    "compound-place": 0.85,
    "attribute": 0.8,
    "role": 0.85,
    "role-topic": 0.6,
    "organization-part": 0.7,
    "unlexicalised": 0.4,
    "made-for": 0.8,
    "maker": 0.8,
    "relational-noun": 0.85,
    "described-place": 0.8,
    "known-for": 0.75,
    "modifier-predicate": 0.8,
    "table-row": 0.8,
    "listed-under": 0.8,
    "group-name": 0.8,
    "platform": 0.8,
    "performer": 0.7,
    "event-of-text": 0.6,
    "record": 0.8,
    "maker-category": 0.8,
    "maker-quote": 0.8,
    "maker-name": 0.8,
    "brand-name": 0.8,
    "by-means": 0.8,
    "edition": 0.8,
    "series": 0.8,
    "collective": 0.75,
}


@lru_cache(maxsize=None)
def confidence(rule: str) -> float:
    """How often a fact of this rule is right: its precision on the development half of the gold, shrunk towards
    the precision of all rules there (graph/extract/relations/calibration.json); for a rule not measured yet, the
    confidence it is given before measurement."""
    return _calibration().get(rule, {}).get("confidence", PRIOR[rule])


@lru_cache(maxsize=1)
def _calibration() -> dict:
    path = resources.files("graph.extract.relations") / "calibration.json"
    return json.loads(path.read_text(encoding="utf-8"))["rules"] if path.is_file() else {}


@dataclass
class Frame:
    """How a predicate's case roles fill a relation kind: ``subject`` and ``object`` are roles, or roles in order
    of preference (搭載: the object is the target, else the agent: AにBを搭載 / AはBを搭載); ``alternatives``
    are frames tried as well, for arguments of other types (採用 of a technology: usesTechnology; of a chip:
    installedIn)."""

    lemma: str
    kind: str
    subject: tuple[str, ...] = ("agent",)
    object: tuple[str, ...] = ("theme",)
    agreement: bool = False
    delegate: str | None = None
    place: str | None = None
    means: str | None = None
    modality: str | None = None  # 非対応: negated whatever the words after it say
    held: bool = False  # a light verb with a named event as its object stands for this predicate
    alternatives: tuple[Frame, ...] = ()

    @classmethod
    def of(cls, lemma: str, entry: dict) -> Frame:
        fields = {k: v for k, v in entry.items() if k in cls.__dataclass_fields__ and k != "alternatives"}
        for side in ("subject", "object"):
            if side in fields:
                fields[side] = tuple(fields[side]) if isinstance(fields[side], list) else (fields[side],)
        return cls(lemma, **fields, alternatives=tuple(cls.of(lemma, e) for e in entry.get("or", [])))

    def tokens(self, args: dict[str, list], side: str) -> list:
        """The argument tokens of the first of a side's roles that the predicate has."""
        return next((args[role] for role in getattr(self, side) if args.get(role)), [])


@dataclass
class Context:
    """What one document's extraction remembers as it reads: mentions, the topic, the last events."""

    mentions: list[Mention]
    profile: Profile
    relations: list[Relation] = field(default_factory=list)
    topics: list[int] = field(default_factory=list)
    events: dict[str, tuple[int, int]] = field(default_factory=dict)
    heading: dict | None = None  # the heading the lines read now are under (graph.extract.relations.tables)
    record: int | None = None  # the thing of the record whose rows are read now (graph.extract.relations.tables)
    document_product: int | None | bool = False  # the product its first line (a title) names; False: not read yet
    document_event: int | None = None  # the event its first line names
    service_names: set[str] = field(default_factory=set)  # names the text has introduced as services
    listed: tuple[list[int], int] = ([], 0)  # the last list a sentence named, and where that sentence ends

    def __post_init__(self) -> None:
        self.lex = Lexicon.of(self.profile)
        self.starts = [m.start for m in self.mentions]
        p = self.profile
        self.frames = {lemma: Frame.of(lemma, entry) for lemma, entry in p["predicates"].items()}
        self.kinds: dict[str, dict] = p["relation_kinds"]
        self.light_verbs = set(p["light_verbs"])
        self.holding = next((frame for frame in self.frames.values() if frame.held), None)
        self.means_verbs = set(p["means_verbs"])
        self.org_parts = set(p["organization_parts"])
        self.possessives = p["possessives"]
        self.attributes: dict[str, str] = p["attributes"]
        self.unit_attributes: dict[str, str] = p["unit_attributes"]
        self.cues = {name: set(words) for name, words in p["modality"].items()}
        modal = ("planned", "speculative", "conditional")
        self.modal_nouns = set().union(*(self.cues.get(name, ()) for name in modal))
        self.anaphora = {word: type_ for type_, words in p["names"].get("anaphora", {}).items() for word in words}
        self.leader_roles = set(p["names"].get("leader_roles", []))
        self.public_roles = set(p["names"].get("public_roles", []))
        self.venues = set(p["names"].get("venues", []))
        self.broadcasters = set(p["names"].get("broadcasters", []))
        self.sellers = set(p["names"].get("sellers", [])) | self.broadcasters
        self.services = tuple(p["names"].get("services", []))
        self.shops = tuple(p["names"].get("shops", []))
        self.member_roles = set(p["names"].get("member_roles", []))
        appositions = p["appositions"]
        self.made_for = set(appositions.get("made_for", []))
        self.own_marks = set(appositions.get("own_marks", []))
        self.maker_marks: dict[str, str] = appositions.get("makers", {})
        self.relational_nouns: dict[str, dict] = appositions.get("relational_nouns", {})
        self.known_for = set(appositions.get("known_for", []))
        self.platforms = self.lex.platforms
        self.software = tuple(appositions.get("software", []))
        tables = p["tables"]
        self.table_keys = {key: "installedIn" for key in tables.get("installed", [])}
        self.table_present = set(tables.get("present", []))
        self.table_absent = set(tables.get("absent", []))
        self.table_headings = tuple(tables.get("headings", []))
        records = tables.get("records", {})
        self.record_names = self.lex.record_names
        self.record_makers: dict[str, str] = records.get("makers", {})
        self.record_requirements = tuple(records.get("requirements", []))

    def fits(self, kind: str, subject: int, obj: int) -> bool:
        signature = self.kinds.get(kind)
        if signature is None:
            return False
        return (self.mentions[subject].type in signature.get("subject", [])
                and (self.mentions[obj].is_value or self.mentions[obj].type in signature.get("object", [])))

    @cached_property
    def companies(self) -> list[tuple[int, set[str]]]:
        """The document's mentions of companies for sure (``known_company``), with every spelling the gazetteer
        gives each."""
        return [(i, self.lex.spellings.get(m.key, set()) | {m.text}) for i, m in enumerate(self.mentions)
                if m.type == "Organization" and known_company(m, self.lex)]

    def platform(self, index: int) -> bool:
        """Whether a mention names an operating system, one of the profile's platforms (Android 4.0, iOS 5)."""
        return self.mentions[index].text.startswith(self.platforms)

    def maker_kind(self, org: int) -> str:
        """What a company named with a product does with it: a carrier or a broadcaster sells or airs it
        (ドコモの「ARROWS X」), any other makes it."""
        return "releases" if self.name_of(org) in self.sellers else "develops"

    def affiliation(self, org: int) -> str:
        """What a person named with an organisation and no role is to it: a company's employee (トヨタ自動車の山田),
        a group's or a party's member (AKB48の指原, ナイナイ岡村, 民主党の鳩山)."""
        mention = self.mentions[org]
        company = known_company(mention, self.lex) and not mention.text.endswith(self.lex.membership_suffixes)
        return "worksFor" if company else "memberOf"

    def programme(self, index: int) -> bool:
        """Whether a mention names an event, or a product the text says a broadcaster airs."""
        mention = self.mentions[index]
        return mention.type == "Event" or mention.type == "Product" and any(
            r.predicate == "releases" and self.same(r.object, index)
            and self.mentions[r.subject].key in self.broadcasters for r in self.relations)

    def same(self, a: int, b: int) -> bool:
        """Whether two mentions name the same thing, as far as the document tells before resolution: by their key
        (有吉 and 有吉弘行), else their text."""
        return a == b or self.name_of(a) == self.name_of(b)

    def name_of(self, index: int) -> str:
        mention = self.mentions[index]
        return mention.key or mention.text

    def last_of_type(self, type_: str, before: int) -> int | None:
        for i in range(bisect.bisect_left(self.starts, before) - 1, -1, -1):
            if self.mentions[i].type == type_:
                return i
        return None

    def topic_for(self, kind: str, obj: int | None = None) -> int | None:
        """The most recent topic that can be the subject of ``kind``; for a kind a product can be the subject of,
        the product the text has just said is released, made or developed (…を公開した。Windows 7に対応し), or
        else the last product it spoke of: what supports a standard unsaid is a product, not the company
        (おサイフケータイにも対応)."""
        allowed = self.kinds.get(kind, {}).get("subject", [])
        if "Product" in allowed:
            product = next((thing for event in ("releases", "manufactures", "develops")
                            for _, thing in [self.events.get(event, (None, None))]
                            if thing is not None and thing != obj and self.mentions[thing].type == "Product"), None)
            if product is not None:
                return product
            allowed = [type_ for type_ in allowed if type_ != "Organization"]
        for m in reversed(self.topics):
            if self.mentions[m].type in allowed and m != obj:
                return m
        return None
