"""What the families of relation rules share: the frame of a predicate the lexicon knows, what a document's
reading remembers (its mentions, the topic, the last events), and each rule's confidence."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from graph.extract.mentions import Lexicon
from graph.model import Mention, Relation
from graph.profile import Profile

CONFIDENCE = {
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
}


@dataclass
class Frame:
    lemma: str
    kind: str
    subject: str = "agent"
    object: str = "theme"
    agreement: bool = False
    delegate: str | None = None
    place: str | None = None
    means: str | None = None

    @classmethod
    def of(cls, lemma: str, entry: dict) -> Frame:
        return cls(lemma, **{k: v for k, v in entry.items() if k in cls.__dataclass_fields__})


@dataclass
class Context:
    """What one document's extraction remembers as it reads: mentions, the topic, the last events."""

    mentions: list[Mention]
    profile: Profile
    relations: list[Relation] = field(default_factory=list)
    topics: list[int] = field(default_factory=list)
    events: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lex = Lexicon.of(self.profile)
        self.starts = [m.start for m in self.mentions]
        p = self.profile
        self.frames = {lemma: Frame.of(lemma, entry) for lemma, entry in p["predicates"].items()}
        self.kinds: dict[str, dict] = p["relation_kinds"]
        self.light_verbs = set(p["light_verbs"])
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

    def fits(self, kind: str, subject: int, obj: int) -> bool:
        signature = self.kinds.get(kind)
        if signature is None:
            return False
        return (self.mentions[subject].type in signature.get("subject", [])
                and (self.mentions[obj].is_value or self.mentions[obj].type in signature.get("object", [])))

    def last_of_type(self, type_: str, before: int) -> int | None:
        for i in range(bisect.bisect_left(self.starts, before) - 1, -1, -1):
            if self.mentions[i].type == type_:
                return i
        return None

    def topic_for(self, kind: str, obj: int | None = None) -> int | None:
        """The most recent topic that can be the subject of ``kind``."""
        allowed = self.kinds.get(kind, {}).get("subject", [])
        for m in reversed(self.topics):
            if self.mentions[m].type in allowed and m != obj:
                return m
        return None


