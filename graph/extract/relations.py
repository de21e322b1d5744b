"""Relations from the dependency parse and Japanese case particles.

For every predicate the profile's lexicon knows (開発, 量産, 契約, 出身 ...), its arguments are read off the
parse by their particles (が/は agent, を theme, と partner, に target, から source, で place or means,
の and compounds modifier), resolved to entity mentions, and mapped to the relation kind's subject and
object. On top of that case frame:

- a relative clause fills a role with the noun it modifies (テスラが開発した…「Dojo」);
- a category noun stands for the name it introduces or is equated with (このチップが「AI6」です);
- a nominalised predicate as an argument is an event of its own (AI6の量産をサムスンと契約 ->
  サムスン manufactures AI6), and a light verb carries the event named by the topic (生産は…で行われる);
- a dropped subject is the topic carried over from earlier sentences (福岡県出身);
- "A の B" by type pair (NVIDIAの…「H100」), names in a compound (米テキサス州テイラー工場), and measured
  attributes (歩留まりが40〜45%と報じられるサムスン) give facts without a verb;
- agreements collect their subject, price and date; every fact gets a modality and a confidence.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from graph.extract.mentions import Lexicon
from graph.model import Mention, Relation
from graph.nlp import sentence_span
from graph.profile import Profile

CASE_ROLES = {"が": "agent", "は": "agent", "も": "agent", "を": "theme", "と": "partner", "に": "target",
              "へ": "target", "から": "source", "より": "source", "で": "place", "の": "modifier"}
_STRONG_CASES = ("を", "に", "へ", "で", "と", "から", "より", "が", "の")
_SKIP_DEPS = {"punct", "aux", "cop", "mark", "fixed", "cc", "case", "det", "advmod", "dep"}
_DEMONSTRATIVES = {"この", "その", "同", "当", "本", "これら", "あの"}
_COORDINATORS = {"や", "と", "、", "及び", "および", "・", "並びに", "または", "か"}
_LIST_CONJUNCTIONS = {"そして", "および", "及び", "並びに", "ならびに", "また"}
_COPULAR_VERBS = {"なる"}  # AはBの頭脳となる: the noun before と carries the predicate

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


def find(segments: list[tuple[int, object]], mentions: list[Mention], profile: Profile,
         breaks: list[int] = ()) -> list[Relation]:
    """Relations of one document, given its parsed segments and its mentions (entities and values). At each
    of ``breaks`` (where a stretch that is not the article's text starts) the topic is forgotten."""
    ctx = Context(mentions, profile)
    breaks = sorted(breaks)
    last = 0
    for offset, doc in segments:
        if bisect.bisect_left(breaks, last) < bisect.bisect_right(breaks, offset):
            ctx.topics.clear()
            ctx.events.clear()
        Segment(ctx, offset, doc).read()
        last = offset + len(doc.text)
    return _deduplicate(ctx.relations)


def _deduplicate(relations: list[Relation]) -> list[Relation]:
    best: dict[tuple, Relation] = {}
    for r in relations:
        key = (r.subject, r.predicate, r.object, r.start, r.end, r.lemma)
        if key not in best or r.confidence > best[key].confidence:
            if key in best:
                for role, ids in best[key].qualifiers.items():
                    r.qualifiers.setdefault(role, ids)
            best[key] = r
    return sorted(best.values(), key=lambda r: (r.start, r.subject, r.predicate, r.object))


class Segment:
    """One parsed segment: maps tokens to mentions and applies every rule sentence by sentence."""

    def __init__(self, ctx: Context, offset: int, doc) -> None:
        self.ctx, self.offset, self.doc = ctx, offset, doc
        self.entity_at: list[int | None] = [None] * len(doc)
        self.value_at: list[int | None] = [None] * len(doc)
        lo = bisect.bisect_left(ctx.starts, offset)
        hi = bisect.bisect_left(ctx.starts, offset + len(doc.text) + 1)
        for index in range(lo, hi):
            m = ctx.mentions[index]
            span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
            if span is None:
                continue
            table = self.value_at if m.is_value else self.entity_at
            for token in span:
                if table[token.i] is None:
                    table[token.i] = index
        self.heads = {}
        for i, index in enumerate(self.entity_at):
            if index is not None and (i + 1 == len(doc) or self.entity_at[i + 1] != index):
                self.heads[index] = i  # the last token of a mention stands for it

    # -- reading ---------------------------------------------------------------------------------------

    def read(self) -> None:
        for sent in self.doc.sents:
            self.sent = sent
            self.evidence = sentence_span(self.offset, sent)
            if self.evidence is None:
                continue
            self._standalone_topic()
            for token in sent:
                self._predicate(token)
            self._possessives()
            self._roles()
            self._compounds()
            self._attributes()
            self._update_topic()

    def emit(self, subject: int, kind: str, obj: int, rule: str, anchor, lemma: str | None = None,
             qualifiers: dict | None = None, modality: str | None = None, penalty: float = 0.0) -> Relation | None:
        ctx = self.ctx
        if subject is None or obj is None or subject == obj:
            return None
        if ctx.mentions[subject].entity is not None and ctx.mentions[subject].entity == ctx.mentions[obj].entity:
            return None
        if not ctx.fits(kind, subject, obj):
            return None
        relation = Relation(subject, kind, obj, *self.evidence, rule=rule,
                            confidence=round(max(0.05, CONFIDENCE[rule] - penalty), 2),
                            modality=modality or self.modality(anchor), lemma=lemma, qualifiers=qualifiers or {},
                            date=self.date_of(anchor))
        ctx.relations.append(relation)
        return relation

    def date_of(self, anchor) -> dict | None:
        """The date the sentence gives a fact: the first dated mention in the clause of its predicate, else the
        first in the sentence."""
        dated = [i for i in dict.fromkeys(self.value_at[t.i] for t in self.sent if self.value_at[t.i] is not None)
                 if self.ctx.mentions[i].type == "Date" and self.ctx.mentions[i].value]
        if not dated:
            return None
        if anchor is not None:
            clause = {self.value_at[t.i] for t in anchor.subtree}
            dated = [i for i in dated if i in clause] or dated
        return self.ctx.mentions[dated[0]].value

    # -- fillers ---------------------------------------------------------------------------------------

    def fillers(self, token) -> list[int]:
        """The entity mentions a token stands for, with those coordinated with it (FSDやオプティマス)."""
        found = self._filler(token)
        if found is None:
            return []
        out = [found]
        for child in token.children:
            if child.i < token.i and any(c.text in _COORDINATORS for c in child.children if c.dep_ in ("case", "cc")) \
                    or child.dep_ == "conj":
                other = self._filler(child)
                if other is not None and other not in out:
                    out.append(other)
        # FSDやオプティマスの頭脳: or hangs both on the noun they modify
        for sibling in token.head.children:
            if sibling.i < token.i and sibling.i != token.head.i and sibling.right_edge.i + 1 == token.left_edge.i \
                    and any(c.text in _COORDINATORS for c in sibling.children if c.dep_ in ("case", "cc")):
                other = self._filler(sibling)
                if other is not None and other not in out:
                    out.append(other)
        # 「FSD」、そしてロボット「オプティマス」: the parser hangs the first of a list (the noun or its name) on the last
        for item in {token, self.doc[self.heads.get(found, token.i)]}:
            head = item.head
            if head.i > item.i and any(c.text == "、" for c in item.children) and any(
                    c.dep_ == "cc" and c.lemma_ in _LIST_CONJUNCTIONS for c in head.children):
                other = self._filler(head)
                if other is not None and other not in out:
                    out.append(other)
        return out

    def _filler(self, token) -> int | None:
        doc, ctx, lex = self.doc, self.ctx, self.ctx.lex
        if self.entity_at[token.i] is not None:
            return self.entity_at[token.i]
        if token.text in ctx.anaphora:  # 同社: the company the text is about, else the last one named
            type_ = ctx.anaphora[token.text]
            topic = next((m for m in reversed(ctx.topics) if ctx.mentions[m].type == type_), None)
            return topic if topic is not None else ctx.last_of_type(type_, self.offset + token.idx)
        type_ = lex.category(self.compound_text(token))
        marker = token.text in lex.honorifics | lex.roles | lex.legal_forms | lex.facility_suffixes
        if not (type_ or marker):
            return None
        # N2プロセス, クオ氏: the name right before the noun
        if token.i > 0 and self.entity_at[token.i - 1] is not None and not doc[token.i - 1].whitespace_:
            return self.entity_at[token.i - 1]
        if not type_:
            return None
        named = self._named_by(token, type_)
        if named is not None:
            return named
        # このチップ: the last name of the category's type
        if self._demonstrative(token):
            return ctx.last_of_type(type_, self.offset + token.idx)
        # …に搭載されるAIチップです。テスラが開発したこのチップが「AI6」です: the next sentence names it
        if any(c.dep_ == "cop" for c in token.children):
            for later in doc[token.sent.end:min(token.sent.end + 40, len(doc))]:
                if later.sent.start > token.sent.end:
                    break
                if lex.category(self.compound_text(later)) == type_ and self._demonstrative(later):
                    return self._named_by(later, type_)
        return None

    @staticmethod
    def _demonstrative(token) -> bool:
        return any(c.text in _DEMONSTRATIVES for c in token.children if c.dep_ in ("det", "nmod", "compound"))

    def _named_by(self, token, type_: str) -> int | None:
        """The name a category noun introduces (AIスーパーコンピュータ「Dojo」) or is equated with by a copula
        (このチップが「AI6」です, AI7は…本命チップです)."""
        doc = self.doc
        for j in range(token.i + 1, min(token.i + 3, len(doc))):
            if self.entity_at[j] is not None and self.ctx.mentions[self.entity_at[j]].type == type_:
                if all(t.is_punct for t in doc[token.i + 1:j]):
                    return self.entity_at[j]
        head = token.head
        if token.dep_ == "nsubj" and self.entity_at[head.i] is not None and any(
                c.dep_ in ("cop", "aux") for c in head.children):
            return self.entity_at[head.i]
        if any(c.dep_ == "cop" for c in token.children):
            for c in token.children:
                if c.dep_ in ("nsubj", "dislocated") and self.entity_at[c.i] is not None:
                    return self.entity_at[c.i]
        return None

    def compound_text(self, token) -> str:
        """The noun with the compound nouns written right before it: 自動+運転 -> 自動運転."""
        start = token.i
        while start > 0 and self.doc[start - 1].dep_ == "compound" and self.doc[start - 1].head.i == token.i \
                and self.entity_at[start - 1] is None:
            start -= 1
        return self.doc[start:token.i + 1].text

    # -- case frames -----------------------------------------------------------------------------------

    def frame(self, token) -> Frame | None:
        if self.entity_at[token.i] is not None:
            return None
        frames = self.ctx.frames
        prev = token.nbor(-1) if token.i > 0 else None
        if prev is not None and prev.dep_ == "compound" and prev.head == token and prev.text + token.lemma_ in frames:
            return frames[prev.text + token.lemma_]
        return frames.get(token.lemma_) or frames.get(token.text)

    def arguments(self, pred) -> dict[str, list]:
        """role -> [token] for the predicate's dependents, and the noun a relative clause modifies."""
        args: dict[str, list] = {}
        passive = self.passive(pred)
        for child in pred.children:
            if child.dep_ in _SKIP_DEPS or child.pos_ in ("VERB", "AUX") and child.dep_ != "obj":
                if child.dep_ == "advcl" and child.lemma_ in self.ctx.means_verbs:
                    for grand in child.children:
                        if self.role(grand) == "theme":
                            args.setdefault("means", []).append(grand)
                continue
            role = self.role(child)
            if role == "agent" and passive and not self._by(child):
                role = "theme"  # XはYに搭載される: the subject of a passive is its theme
            if role:
                args.setdefault(role, []).append(child)
        if self.relative_clause(pred):
            role = "theme" if passive or "agent" in args else "agent"
            args.setdefault(role, []).append(pred.head)
        return args

    @staticmethod
    def passive(pred) -> bool:
        return any(c.lemma_ in ("れる", "られる") for c in pred.children if c.dep_ == "aux")

    def relative_clause(self, pred) -> bool:
        """A clause modifying a noun after it. Not one ending in a conjunctive particle (作っていたが退職), nor
        one before a modal or conditional noun (発売する予定だ, 発売するとき): those are clauses of their own that the
        parser hung under a noun."""
        head = pred.head
        return pred.dep_ == "acl" and head.i > pred.i and not any(c.dep_ == "mark" for c in pred.children) and not (
            head.lemma_ in self.ctx.modal_nouns and self.entity_at[head.i] is None)

    @staticmethod
    def _by(token) -> bool:
        return any(c.text == "に" and any(f.lemma_ == "よる" for f in c.children)
                   for c in token.children if c.dep_ == "case")

    def role(self, token) -> str | None:
        cases = [c for c in token.children if c.dep_ == "case"]
        particles = [c.text for c in cases]
        if any(c.text == "に" and any(f.lemma_ == "よる" for f in c.children) for c in cases):
            return "agent"  # によって, により: the agent of a passive
        for p in particles:
            if p in _STRONG_CASES:
                if p == "と" and token.pos_ in ("VERB", "ADJ", "AUX"):
                    return None  # a quotation, not a partner
                return CASE_ROLES[p]
        if any(p in ("は", "も") for p in particles):
            return "agent"
        if token.dep_ == "nsubj":
            return "agent"
        if token.dep_ == "obj":
            return "theme"
        if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "VERB") and token.i < token.head.i:
            return "modifier"
        return None

    def _predicate(self, pred) -> None:
        frame = self.frame(pred)
        if pred.pos_ == "VERB":
            self._organization_part(pred, self.arguments(pred))
        if pred.lemma_ in self.ctx.light_verbs:
            self._light_verb(pred)
            return
        if frame is None:
            self._unlexicalised(pred)
            return
        if pred.pos_ == "NOUN" and pred.dep_ in ("obj", "nsubj", "obl", "nmod") and not any(
                c.dep_ == "aux" for c in pred.children) and not self.complement(pred):
            return  # a nominalised predicate used as an argument: read with its governor
        if pred.dep_ == "advcl" and pred.lemma_ in self.ctx.means_verbs and (
                self.frame(pred.head) or pred.head.lemma_ in self.ctx.light_verbs):
            return  # "Xを用いて生産": a means of the governing predicate
        self.apply(frame, pred, self.arguments(pred))

    def apply(self, frame: Frame, anchor, args: dict[str, list], rule: str = "case-frame",
              event: tuple[int, int] | None = None) -> None:
        ctx = self.ctx
        subjects = [f for t in args.get(frame.subject, []) for f in self.fillers(t)]
        penalty = 0.0
        objects_tokens = args.get(frame.object, [])
        objects = [f for t in objects_tokens for f in self.fillers(t)]
        about: list[int] = []
        nominal_rule = None
        # A nominalised predicate as the theme: AI6の量産を…契約 -> an event of its own
        for t in args.get("theme", []):
            inner = self.frame(t) if self.entity_at[t.i] is None else None
            if inner:
                inner_objects = [f for c in t.children if self.role(c) in ("modifier", "theme") for f in self.fillers(c)]
                about += inner_objects
                doer_role = frame.delegate or frame.subject
                doers = [f for d in args.get(doer_role, []) for f in self.fillers(d)] or subjects
                for doer in doers:
                    for thing in inner_objects:
                        if self.emit(doer, inner.kind, thing, "nominal-event", anchor):
                            ctx.events[inner.kind] = (doer, thing)
                nominal_rule = inner
        if frame.object == "theme" and nominal_rule and not objects:
            objects = about
        if event:  # 生産は…で行われる: the event named carries its doer; iPhoneの販売をスタート: its thing
            subjects = subjects or ([event[0]] if event[0] is not None else [])
            objects = objects or [event[1]]
        if not subjects and frame.subject == "agent" and "agent" not in args:
            topic = self.sentence_topic(anchor, frame.kind)
            if topic is not None:
                subjects = [topic]
        if not subjects and frame.subject == "agent" and "agent" not in args:
            topic = ctx.topic_for(frame.kind, objects[0] if objects else None)
            if topic is not None:
                # a passive says nothing of its agent: the topic is only a guess (…を前提に設計されたチップ)
                penalty = 0.15 if self.passive(anchor) else 0.0
                subjects, rule = [topic], "zero-subject" if rule == "case-frame" else rule
        qualifiers = self.qualifiers(anchor, about or ([o for o in objects] if frame.object == "theme" else [])) \
            if frame.agreement else {}
        for s in subjects:
            for o in objects:
                r = self.emit(s, frame.kind, o, rule, anchor, qualifiers=dict(qualifiers), penalty=penalty)
                if r and frame.kind in ("manufactures", "develops", "releases"):
                    ctx.events[frame.kind] = (s, o)
        themes = args.get("theme", [])
        things = [f for t in themes for f in self.fillers(t)]
        if event:
            things = things or [event[1]]
        for t in things:
            if frame.place:
                for p in args.get("place", []):
                    for place in self.fillers(p):
                        if ctx.mentions[place].type in ("Facility", "Place"):
                            self.emit(t, frame.place, place, rule, anchor)
            if frame.means:
                for p in args.get("means", []) + args.get("place", []):
                    for means in self.fillers(p):
                        if ctx.mentions[means].type == "Technology":
                            self.emit(t, frame.means, means, rule, anchor)

    @staticmethod
    def complement(token) -> bool:
        """The noun before と/に なる carries the predicate: AはBの頭脳となる."""
        return token.dep_ == "obl" and token.head.lemma_ in _COPULAR_VERBS and any(
            c.text in ("と", "に") for c in token.children if c.dep_ == "case")

    def qualifiers(self, anchor, about: list[int]) -> dict[str, list[int]]:
        """An agreement's subject, and the money and dates within the predicate's clause."""
        out: dict[str, list[int]] = {}
        if about:
            out["about"] = sorted(set(about))
        for token in anchor.subtree:
            index = self.value_at[token.i]
            if index is None:
                continue
            type_ = self.ctx.mentions[index].type
            role = {"Money": "value", "Date": "date"}.get(type_) if self.ctx.mentions[index].value else None
            if role and index not in out.get(role, []):
                out.setdefault(role, []).append(index)
        return out

    def _light_verb(self, pred) -> None:
        """生産は…で行われる: the verb's arguments belong to the event its topic names."""
        args = self.arguments(pred)
        nominal = None
        for role in ("agent", "theme"):
            for t in args.get(role, []):
                if self.entity_at[t.i] is None and self.frame(t):
                    nominal = t
        if nominal is None:
            nominal = next((t for t in self.sent if t.i < pred.i and self.entity_at[t.i] is None and self.frame(t)
                            and any(c.text == "は" for c in t.children if c.dep_ == "case")), None)
        if nominal is None:
            return
        frame = self.frame(nominal)
        own = [f for c in nominal.children if self.role(c) in ("modifier", "theme") for f in self.fillers(c)]
        event = self.ctx.events.get(frame.kind)
        if own:
            event = (event[0] if event else None, own[0])
        if event is None:
            return
        self.apply(frame, pred, {k: v for k, v in args.items() if nominal not in v}, rule="event-topic", event=event)

    def _organization_part(self, anchor, args: dict[str, list]) -> None:
        """Aの本部でアプリを作っていた: a person acting in a part of an organisation works for it."""
        ctx = self.ctx
        people = [f for t in args.get("agent", []) for f in self.fillers(t) if ctx.mentions[f].type == "Person"]
        if not people and "agent" not in args:
            topic = self.sentence_topic(anchor, "worksFor")
            topic = topic if topic is not None else ctx.topic_for("worksFor")
            people = [topic] if topic is not None else []
        for t in args.get("place", []) + args.get("target", []):
            if self.entity_at[t.i] is not None or not any(t.text.endswith(part) for part in ctx.org_parts):
                continue
            for c in t.children:
                if self.role(c) == "modifier":
                    for org in self.fillers(c):
                        for person in people:
                            self.emit(person, "worksFor", org, "organization-part", anchor)

    def _unlexicalised(self, pred) -> None:
        """Two entities around a verb the lexicon does not know: relatedTo, with the verb's lemma."""
        if pred.pos_ != "VERB" or self.entity_at[pred.i] is not None:
            return
        args = self.arguments(pred)
        subjects = [f for t in args.get("agent", []) for f in self.fillers(t)]
        for role in ("theme", "partner", "target"):
            for t in args.get(role, []):
                for o in self.fillers(t):
                    for s in subjects:
                        self.emit(s, "relatedTo", o, "unlexicalised", pred, lemma=pred.lemma_)

    # -- facts without a verb --------------------------------------------------------------------------

    def _roles(self) -> None:
        """A person named with a role works for an organisation, or leads it for a leader's role (社長, CEO):
        同社社長の山田氏, トヨタの佐藤社長, and 佐藤社長 alone in an article about a company, whose topic it is."""
        ctx, doc = self.ctx, self.doc
        for index, last in self.heads.items():
            person = ctx.mentions[index]
            if person.type != "Person" or not person.role or not self.sent.start <= last < self.sent.end:
                continue
            first = min(i for i in range(self.sent.start, last + 1) if self.entity_at[i] == index)
            kind = "leads" if person.role in ctx.leader_roles else "worksFor"
            org, rule = None, "role"
            if first >= 3 and doc[first - 1].text == "の" and doc[first - 2].text == person.role:
                org = self._filler(doc[first - 3])  # 同社社長の山田氏, トヨタ社長の佐藤氏
            elif first >= 2 and doc[first - 1].text == "の":
                org = self._filler(doc[first - 2])  # トヨタの佐藤社長
            if org is None or ctx.mentions[org].type != "Organization":
                org, rule = ctx.topic_for(kind) if kind == "leads" else None, "role-topic"
                org = org if org is not None and ctx.mentions[org].type == "Organization" else \
                    (ctx.last_of_type("Organization", person.start) if kind == "leads" else None)
            if org is not None:
                self.emit(index, kind, org, rule, doc[last])

    def _possessives(self) -> None:
        """A の B, by the types of A and B: NVIDIAの…「H100」 -> NVIDIA develops H100."""
        ctx = self.ctx
        for token in self.sent:
            owner = self.entity_at[token.i]
            if owner is None or self.heads.get(owner) != token.i or token.dep_ != "nmod":
                continue
            if not any(c.text == "の" for c in token.children if c.dep_ == "case"):
                continue
            for owned in self.fillers(token.head):
                if ctx.mentions[owned].role in ctx.leader_roles:
                    continue  # トヨタの佐藤社長: read by _roles as leading it
                for rule in ctx.possessives:
                    if ctx.mentions[owner].type == rule["owner"] and ctx.mentions[owned].type == rule["owned"]:
                        s, o = (owned, owner) if rule.get("reverse") else (owner, owned)
                        self.emit(s, rule["kind"], o, "possessive", token.head)

    def _compounds(self) -> None:
        """Names written one after the other, outer place first: 米テキサス州テイラー工場 (but 日米欧 is a list)."""
        ctx, doc = self.ctx, self.doc
        previous = None
        for token in self.sent:
            current = self.entity_at[token.i]
            if current is None or (previous is not None and current == previous[0]):
                if current is None and not token.is_space:
                    previous = None
                continue
            if previous is not None and previous[1] == token.i - 1 and not doc[token.i - 1].whitespace_:
                outer = previous[0]
                if ctx.mentions[outer].type == "Place" and ctx.mentions[current].source != "countries":
                    self.emit(current, "locatedIn", outer, "compound-place", token)
            previous = (current, self.heads.get(current, token.i))

    def _attributes(self) -> None:
        """A value said of an entity: N2プロセス(70%以上), 歩留まりが40〜45%と報じられるサムスン, 2nmプロセス「SF2」."""
        ctx, doc = self.ctx, self.doc
        seen: set[int] = set()
        for token in self.sent:
            index = self.value_at[token.i]
            if index is None or index in seen:
                continue
            seen.add(index)
            value = ctx.mentions[index]
            last = max(t.i for t in self.sent if self.value_at[t.i] == index)
            if value.type == "Quantity":
                prop = ctx.unit_attributes.get(value.value.get("unit", ""))
                if prop:
                    target = next((self.entity_at[j] for j in range(last + 1, min(last + 5, len(doc)))
                                   if self.entity_at[j] is not None), None)
                    if target is not None and ctx.mentions[target].type in ("Technology", "Product"):
                        self._attribute(target, prop, index, token, modality="asserted")
                continue
            if value.type not in ("Percent", "Money"):
                continue
            prop = None
            for t in self.sent:
                if t.i < token.i:
                    for noun, name in ctx.attributes.items():
                        if t.text == noun or t.text.endswith(noun):
                            prop = name
            if prop is None:
                continue
            first = min(t.i for t in self.sent if self.value_at[t.i] == index)
            target, anchor = None, token
            if first >= 2 and doc[first - 1].text in "(（":
                target = self._filler(doc[first - 2])
                anchor = None
            if target is None:
                node = doc[last]
                for _ in range(4):
                    if node.dep_ == "acl" and node.head.i > node.i:
                        target = self._filler(node.head)
                        anchor = node
                        break
                    if node.head.i == node.i:
                        break
                    node = node.head
            if target is not None:
                self._attribute(target, prop, index, anchor,
                                modality="asserted" if anchor is None else self.modality(anchor, own=True))

    def _attribute(self, target: int, prop: str, value: int, anchor, modality: str) -> None:
        relation = Relation(target, prop, value, *self.evidence, rule="attribute",
                            confidence=CONFIDENCE["attribute"], modality=modality, date=self.date_of(anchor))
        self.ctx.relations.append(relation)

    # -- discourse -------------------------------------------------------------------------------------

    def _standalone_topic(self) -> None:
        """A line that is only a name (a byline, a heading) makes that name the topic."""
        tokens = [t for t in self.sent if not (t.is_punct or t.is_space)]
        if tokens and all(self.entity_at[t.i] is not None for t in tokens):
            for t in tokens:
                if self.ctx.mentions[self.entity_at[t.i]].type in ("Person", "Organization"):
                    self.ctx.topics.append(self.entity_at[t.i])
                    return

    def sentence_topic(self, pred, kind: str) -> int | None:
        """The name marked with は before a predicate of its own sentence, when the parse hung it elsewhere."""
        allowed = self.ctx.kinds.get(kind, {}).get("subject", [])
        for token in self.sent:
            if token.i >= pred.i:
                break
            index = self.entity_at[token.i]
            if index is not None and self.heads.get(index) == token.i and self.ctx.mentions[index].type in allowed \
                    and any(c.text in ("は", "も") for c in token.children if c.dep_ == "case") \
                    and not self.relative_clause(pred):
                return index
        return None

    def _update_topic(self) -> None:
        """A name marked with は becomes the topic for the sentences that follow."""
        for token in self.sent:
            index = self.entity_at[token.i]
            if index is not None and self.heads.get(index) == token.i and any(
                    c.text == "は" for c in token.children if c.dep_ == "case"):
                self.ctx.topics.append(index)

    # -- modality --------------------------------------------------------------------------------------

    def modality(self, anchor, own: bool = False) -> str:
        """planned (予定), speculative (可能性, かもしれない), reported (と語った), negated (ない), past (契約した),
        or asserted (a state or what is so now).

        Read from the words right after the predicate, then from the nouns and verbs its clause hangs from;
        a clause that hangs from a conditional noun (量産されるとき) is speculative unless it or the sentence it
        belongs to is in the past tense (発売する際、…変わった), which makes it past.
        """
        if anchor is None:
            return "asserted"
        cues = self.ctx.cues
        tail = self._tail(anchor)
        lemmas = {t.lemma_ for t in tail} | {t.text for t in tail}
        if own:
            lemmas |= {anchor.lemma_}
        if lemmas & cues.get("speculative", set()) and "しれる" in lemmas | {"しれ"}:
            return "speculative"
        if lemmas & cues.get("negated", set()):
            return "negated"
        for name in ("speculative", "planned", "reported"):
            if lemmas & cues.get(name, set()):
                return name
        node = anchor
        for _ in range(3):
            if node.head.i == node.i or node.dep_ not in ("acl", "advcl", "ccomp", "csubj", "xcomp", "obl"):
                break
            clause, node = node, node.head
            if self.entity_at[node.i] is not None:
                break
            if node.lemma_ in cues.get("conditional", ()):  # 量産されるとき、…完成します: a time yet to come
                return "past" if self._past(clause) or self._past(node.head) else "speculative"
            words = {node.lemma_} | {t.lemma_ for t in self._tail(node)}
            for name in ("speculative", "planned", "reported"):
                if words & cues.get(name, set()):
                    return name
        return "past" if self._past(anchor) else "asserted"

    def _past(self, token) -> bool:
        return any(t.lemma_ == "た" for t in self._tail(token))

    def _tail(self, token) -> list:
        """The auxiliaries and particles that follow a predicate: 行わ[れる], 持つ[か も しれ ない]."""
        out = []
        ids = {token.i}
        for t in self.doc[token.i + 1:min(token.i + 8, len(self.doc))]:
            if t.head.i in ids and t.dep_ in ("aux", "fixed", "mark", "cop", "case"):
                out.append(t)
                ids.add(t.i)
            elif t.dep_ in ("aux", "fixed") and t.head.i in ids | {token.i}:
                out.append(t)
            else:
                break
        return out

