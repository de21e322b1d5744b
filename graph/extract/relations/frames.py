"""Case frames: a predicate the lexicon knows, its arguments read off the parse by their particles, relative
clauses, nominalised predicates as events of their own, light verbs that carry the event their topic names,
and verbs the lexicon does not know (relatedTo, with the verb's lemma)."""

from __future__ import annotations

from graph.extract.relations.base import Frame

CASE_ROLES = {"が": "agent", "は": "agent", "も": "agent", "を": "theme", "と": "partner", "に": "target",
              "へ": "target", "から": "source", "より": "source", "で": "place", "にて": "place",
              "の": "modifier"}  # にて: the written で (東京にて開催)
_STRONG_CASES = ("を", "に", "へ", "で", "にて", "と", "から", "より", "が", "の")
RECENT = 150  # characters: about the sentence before
_SKIP_DEPS = {"punct", "aux", "cop", "mark", "fixed", "cc", "case", "det", "advmod", "dep"}
_COPULAR_VERBS = {"なる"}  # AはBの頭脳となる: the noun before と carries the predicate
_ONGOING = "中"  # 販売中, 配信中: the tagger writes an ongoing event as one noun
_COMPLEMENT_NOUNS = {"こと", "旨"}  # …を提供開始したことを発表: the clause is what is said, it modifies no one


class CaseFrames:
    """Facts stated by a predicate and its case-marked arguments."""

    def frame(self, token) -> Frame | None:
        if self.entity_at[token.i] is not None or token.pos_ == "AUX":
            return None  # not ある in である
        frames = self.ctx.frames
        prev = token.nbor(-1) if token.i > 0 else None
        if prev is not None and prev.dep_ == "compound" and prev.head == token and prev.text + token.lemma_ in frames:
            return frames[prev.text + token.lemma_]
        if token.lemma_ in self.ctx.light_verbs or token.lemma_ in self.ctx.cues.get("planned", ()):
            # 提供開始, 発売開始: a light verb after the event it starts; 発売予定: a plan of the event
            started = prev is not None and prev.dep_ == "compound" and prev.head == token and \
                self.entity_at[prev.i] is None
            return frames.get(prev.lemma_) if started else None
        frame = frames.get(token.lemma_) or frames.get(token.text)
        if frame is None and token.text.endswith(_ONGOING) and token.text[:-1] in frames:
            return frames[token.text[:-1]]  # NTTドコモから販売中の「X」: the event, going on
        return frame

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
            if role == "modifier" and pred.pos_ == "VERB" and pred.dep_ == "acl" and child.i < pred.i \
                    and any(c.text == "の" for c in child.children if c.dep_ == "case"):
                role = "agent"  # ソニーの開発した「nasne」: の marks the subject of a relative clause
            if role:
                args.setdefault(role, []).append(child)
        if self.relative_clause(pred):
            subject = self._subject_before(pred) if "agent" not in args else None
            if subject is not None:
                args["agent"] = [subject]
            role = "theme" if passive or "agent" in args else "agent"
            noun = self._modified(pred.head)
            args.setdefault(role, []).append(noun)
            if role == "theme":
                args["gap"] = [noun]  # 自身が出演した番組: the noun fills whichever role the clause leaves open
        if pred.dep_ == "csubj" and any(c.dep_ == "mark" and c.text == "の" for c in pred.children):
            role = "theme" if passive or "agent" in args else "agent"  # 発表されたのは「AT830」だ: what the clause
            args.setdefault(role, []).append(pred.head)  # is about is the name it is equated with
        if pred.pos_ == "NOUN" and "theme" not in args and pred.dep_ == "ROOT":
            before = pred.i - 1 - (pred.i > 1 and pred.nbor(-1).text in "」』")
            frame = self.frame(pred)  # a headline's 「目もとエステ」新発売: the name before the noun is its theme, or
            roles = {r for f in (frame, *frame.alternatives) for r in f.subject + f.object} if frame else set()
            if before >= 0 and self.entity_at[before] is not None and self.doc[before].head == pred \
                    and not any(self.doc[before] in args.get(role, ()) for role in roles):  # its subject (X登場)
                args["theme" if "theme" in roles or not roles else "agent"] = [self.doc[before]]
        if "source" not in args:
            nouns = [c for c in pred.children if c.pos_ in ("NOUN", "PROPN") and c.i < pred.i and c.dep_ == "nmod"]
            source = self._source_within(args.get("agent", []) + args.get("theme", []) + nouns)
            if source is not None:
                args["source"] = [source]
        return args

    def _source_within(self, arguments: list):
        """Xから…ゲーム「Y」が登場, Xから…デジカメ「Y」発売: a から phrase the parser hung on a noun of the predicate's
        argument or on a noun it modifies, through nouns only, is the predicate's source (a noun takes no から of its
        own; AからBまで is a range, not a source)."""
        for argument in arguments:
            for token in argument.subtree:
                particles = [c.text for c in token.children if c.dep_ == "case"]
                if token.i >= argument.i or "から" not in particles or self.entity_at[token.i] is None:
                    continue
                path, ranged = token, any(t.text == "まで" for t in token.head.subtree)
                while path != argument and path.dep_ in ("nmod", "compound") and path.head.pos_ in ("NOUN", "PROPN"):
                    path = path.head
                if path == argument and not ranged:
                    return token
        return None

    def _modified(self, noun):
        """The noun a relative clause modifies, through the nouns written with it that the parse hangs it on:
        …に対応した7インチサイズAndroidタブレット「X」 modifies the tablet X, not its size."""
        while self.entity_at[noun.i] is None and noun.dep_ in ("nmod", "compound") and noun.pos_ == "NOUN" \
                and 0 < noun.head.i - noun.i <= 3 and noun.head.pos_ in ("NOUN", "PROPN") \
                and not any(c.dep_ == "case" for c in noun.children) and self.ctx.lex.category(noun.text) is None:
            noun = noun.head
        return noun

    def _subject_before(self, pred):
        """The name and が right before a relative clause that the parser hung on a later predicate: ソニーが開発した
        「nasne」を発売した (ソニー made it and sells it)."""
        j = pred.left_edge.i - 1
        if j < 1 or self.doc[j].text != "が" or self.doc[j].dep_ != "case":
            return None
        noun = self.doc[j].head
        return noun if noun.i < j and self.entity_at[noun.i] is not None and noun.head.i > pred.i else None

    @staticmethod
    def passive(pred) -> bool:
        return any(c.lemma_ in ("れる", "られる") for c in pred.children if c.dep_ == "aux")

    def relative_clause(self, pred) -> bool:
        """A clause modifying a noun after it, in any aspect (開催されているイベント). Not one ending in a conjunctive
        particle (作っていたが退職), nor one before a modal or conditional noun (発売する予定だ, 発売するとき): those
        are clauses of their own that the parser hung under a noun, nor one before こと (…を発売したことを発表): what
        is said."""
        head = pred.head
        conjunctive = any(c.dep_ == "mark" and not any(f.dep_ == "fixed" for f in c.children) for c in pred.children)
        said = head.lemma_ in self.ctx.modal_nouns or head.lemma_ in _COMPLEMENT_NOUNS
        return pred.dep_ == "acl" and head.i > pred.i and not conjunctive \
            and not (said and self.entity_at[head.i] is None)

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
        if pred.lemma_ in self.ctx.light_verbs and frame is None:
            self._light_verb(pred)
            return
        if frame is None:
            self._unlexicalised(pred)
            return
        if self._modifier_predicate(frame, pred):
            return
        args = self._noun_clause(pred)
        if args:
            for variant in (frame, *frame.alternatives):
                self.apply(variant, pred, args)
            return
        if pred.pos_ == "NOUN" and pred.dep_ in ("obj", "nsubj", "obl", "nmod") and not any(
                c.dep_ == "aux" for c in pred.children) and not self.complement(pred):
            if self._by(pred) and pred.head.i > pred.i:  # ボーダフォンとの提携によって、ドコモは…: the event
                args = self.arguments(pred)  # a clause is the result of, done by the clause's subject
                args.setdefault("agent", [c for c in pred.head.children if self.role(c) == "agent"])
                for variant in (frame, *frame.alternatives):
                    self.apply(variant, pred, args, rule="nominal-event")
            elif named := self._named_event(pred):
                agent, thing = named
                for variant in (frame, *frame.alternatives):
                    role = "theme" if "theme" in variant.object else next(r for r in variant.object if r != "agent")
                    self.apply(variant, pred, {"agent": [agent], role: [thing]}, rule="nominal-event")
            return  # a nominalised predicate used as an argument: read with its governor
        if pred.dep_ == "advcl" and pred.lemma_ in self.ctx.means_verbs and (
                self.frame(pred.head) or pred.head.lemma_ in self.ctx.light_verbs):
            return  # "Xを用いて生産": a means of the governing predicate
        args = self.arguments(pred)
        for variant in (frame, *frame.alternatives):
            self.apply(variant, pred, args)

    def _named_event(self, pred) -> tuple | None:
        """グーグルのモトローラ買収, ヤフーによるアスクル出資: a predicate noun with a name glued before it (its object)
        and a name before that, with の or による (its agent), names the event of the two, whatever the sentence says
        of it. Returns the agent's token and the object's."""
        thing = self._named_before(pred.i)
        if thing is None or self.doc[pred.i - 1].whitespace_:
            return None
        agents = [c for c in pred.children if c.i < thing.i and self.entity_at[c.i] is not None
                  and self.entity_at[c.i] != self.entity_at[thing.i]
                  and (self._by(c) or any(k.text == "の" for k in c.children if k.dep_ == "case"))]
        return (agents[-1], thing) if agents else None

    def _noun_clause(self, pred) -> dict[str, list] | None:
        """NTTドコモから販売中の「X」, ソフトバンクが発売予定の「Y」: a predicate noun with a subject or a source of
        its own and の before a name is a clause that modifies the name, its theme."""
        if pred.pos_ not in ("NOUN", "PROPN") or pred.dep_ != "nmod" or pred.head.i < pred.i \
                or self.entity_at[pred.head.i] is None or self.entity_at[pred.i] is not None \
                or not any(c.text == "の" for c in pred.children if c.dep_ == "case"):
            return None
        args = self.arguments(pred)
        subject = self._subject_before(pred) if "agent" not in args else None
        if subject is not None:
            args["agent"] = [subject]
        if "agent" not in args and "source" not in args:
            return None
        args.setdefault("theme", []).append(pred.head)
        return args

    def _recent(self, index: int, within: int = RECENT) -> bool:
        """Whether the entity of a mention is named in this sentence or within ``within`` characters before it."""
        start, name = self.evidence[0], self.ctx.name_of(index)
        return any(self.ctx.name_of(i) == name and start - within <= m.start < self.evidence[1]
                   for i, m in enumerate(self.ctx.mentions))

    def _modifier_predicate(self, frame: Frame, pred) -> bool:
        """WiMAX対応ルーター「X」, Android搭載デジカメ「Y」: a predicate noun right after a name, inside a noun phrase,
        says something of the thing the phrase names; the name fills its theme (or its object), the thing its
        agent. A name's gloss in parentheses may stand between (Android 4.0（開発コード名：ICS）搭載スマートフォン
        「X」), where the parser loses the phrase: the thing is then the category noun after the predicate."""
        named = self._named_before(pred.i) if pred.pos_ == "NOUN" and pred.i > 0 else None
        if named is None:
            return False
        thing = pred.head if pred.dep_ in ("compound", "nmod") and pred.head.i > pred.i else None
        if self.doc[pred.i - 1].text in ")）":
            thing = next((t for t in self.doc[pred.i + 1:min(pred.i + 4, self.sent.end)] if t.pos_ == "NOUN"
                          and self.entity_at[t.i] is None and self.ctx.lex.category(t.text) == "Product"), None)
        if thing is None:
            return False
        roles = frame.subject + frame.object
        role = "theme" if "theme" in roles else next(r for r in frame.object if r != "agent")
        for variant in (frame, *frame.alternatives):
            self.apply(variant, pred, {role: [named], "agent": [thing]}, rule="modifier-predicate")
        return True

    def _named_before(self, i: int):
        """The last token of the name that ends right before token ``i``, or before the parentheses that do."""
        j = i - 1
        if self.doc[j].text in ")）":
            j = (self._paren_start(j, within=20) or 0) - 1
        index = self.entity_at[j] if j >= self.sent.start else None
        return self.doc[j] if index is not None and self.heads.get(index) == j else None

    def apply(self, frame: Frame, anchor, args: dict[str, list], rule: str = "case-frame",
              event: tuple[int, int] | None = None) -> None:
        ctx = self.ctx
        subjects = [f for t in frame.tokens(args, "subject") for f in self.fillers(t)]
        objects_tokens = frame.tokens(args, "object") or (args.get("gap", []) if "theme" not in frame.object else [])
        objects = [f for t in objects_tokens for f in self.fillers(t)]
        about: list[int] = []
        nominal_rule = None
        # A nominalised predicate as the theme: AI6の量産を…契約 -> an event of its own
        for t in args.get("theme", []):
            inner = self.frame(t) if self.entity_at[t.i] is None else None
            if inner:
                inner_objects = [f for c in t.children if self.role(c) in ("modifier", "theme", *inner.object)
                                 for f in self.fillers(c)]  # AI6の量産, ボーダフォンとの提携
                about += inner_objects
                doers = [f for d in args.get(frame.delegate, []) for f in self.fillers(d)] or subjects
                for doer in doers:
                    for thing in inner_objects:
                        if self.emit(doer, inner.kind, thing, "nominal-event", anchor):
                            ctx.events[inner.kind] = (doer, thing)
                nominal_rule = inner
        if frame.object[0] == "theme" and nominal_rule and not objects:
            objects = about
        if event:  # 生産は…で行われる: the event named carries its doer; iPhoneの販売をスタート: its thing
            subjects = subjects or ([event[0]] if event[0] is not None else [])
            objects = objects or [event[1]]
        if not subjects and frame.subject[0] == "agent" and "agent" not in args:
            topic = self.sentence_topic(anchor, frame.kind)
            if topic is not None:
                subjects = [topic]
        # いずれもBluetoothに対応, いずれもAndroid 4.0を搭載: each item of the list named before is the agent
        if not subjects and frame.subject[0] == "agent":
            subjects = self.collective(anchor)
            rule = "collective" if subjects and rule == "case-frame" else rule
        elif not objects and "agent" in frame.object:
            objects = self.collective(anchor)
            rule = "collective" if objects and rule == "case-frame" else rule
        if not subjects and frame.subject[0] == "agent" and "agent" not in args \
                and not (anchor.dep_ == "acl" and frame.kind == "releases"):
            topic = ctx.topic_for(frame.kind, objects[0] if objects else None)
            # a passive says nothing of its agent (…が発売された): the topic is its agent only if the text has just
            # spoken of it (…を前提に設計されたチップ, after a sentence about the company); a release that only
            # dates a product named after it says nothing of who sold it (昨冬発売されたARROWS X)
            if topic is not None and (not self.passive(anchor) or self._recent(topic)):
                subjects, rule = [topic], "zero-subject" if rule == "case-frame" else rule
        if not objects and frame.kind == "appearsIn" and subjects and not any(r in args for r in frame.object) \
                and ctx.document_event is not None:
            objects, rule = [ctx.document_event], "event-of-text"  # …さんが登場: at the event the title names
        if not objects and "agent" in frame.object and not any(r in args for r in frame.object):
            topic = self.sentence_topic(anchor, frame.kind, side="object")
            if topic is not None and topic not in subjects:
                objects = [topic]  # XはAndroidを搭載し、…に対応: the topic is what the clause builds into
            elif subjects and not self.passive(anchor) and anchor.dep_ != "acl":
                topic = ctx.topic_for("usesTechnology", subjects[0])  # 「X」は…。GPSやNFCを搭載します: the product
                if topic is not None and topic not in subjects:  # the text speaks of builds them in
                    objects, rule = [topic], "zero-subject" if rule == "case-frame" else rule
        qualifiers = self.qualifiers(anchor, about or ([o for o in objects] if frame.object[0] == "theme" else [])) \
            if frame.agreement else {}
        for s in subjects:
            for o in objects:
                if frame.kind == "usesTechnology" and ctx.mentions[s].type == "Product" and ctx.platform(o) \
                        and any(a.kind == "installedIn" for a in frame.alternatives):
                    self.emit(o, "installedIn", s, rule, anchor, modality=frame.modality)
                    continue  # Android 4.0を採用 (a predicate that can build one thing into another): an operating
                    # system a device adopts is built into it (as is one it supports: Segment.emit)
                if frame.kind == "installedIn" and ctx.mentions[s].type == "Technology" and not ctx.platform(s):
                    self.emit(o, "usesTechnology", s, rule, anchor, modality=frame.modality)
                    continue  # Keplerを搭載: a device built on a technology other than an operating system uses it
                r = self.emit(s, frame.kind, o, rule, anchor, qualifiers=dict(qualifiers), modality=frame.modality)
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
            c.text in ("と", "に") and not any(f.dep_ == "fixed" for f in c.children)  # not によって
            for c in token.children if c.dep_ == "case")

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
        """生産は…で行われる: the verb's arguments belong to the event its topic names; 主演を務める: to the event
        its object names; 台北で行われているイベント「X」: to the holding of the event it names (the frame the profile
        marks ``held``)."""
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
            holding, said = self.ctx.holding, len(self.ctx.relations)
            events = [f for t in args.get("theme", []) for f in self.fillers(t) if self.ctx.mentions[f].type == "Event"]
            if holding and events:  # 台北で行われているイベント「X」: the event is held there
                for variant in (holding, *holding.alternatives):
                    self.apply(variant, pred, args)
                self.ctx.relations[said:] = [r for r in self.ctx.relations[said:]
                                             if r.subject in events or r.object in events]  # not what is listed with it
            return
        frame = self.frame(nominal)
        own = [f for c in nominal.children if self.role(c) in ("modifier", "theme") for f in self.fillers(c)]
        event = self.ctx.events.get(frame.kind)
        events = [(event[0] if event else None, thing) for thing in own] or ([event] if event else [])
        rest = {role: [t for t in tokens if t.i != nominal.i] for role, tokens in args.items()}
        rest = {role: tokens for role, tokens in rest.items() if tokens}
        if not events:  # 主演を務める: the light verb and its noun are one predicate, with the verb's arguments
            if "agent" in rest and nominal in args.get("theme", []):
                self.apply(frame, pred, rest)
            return
        for event in events:  # 「A」「B」の発売日を決定: each of the things the event names
            self.apply(frame, pred, {k: v for k, v in args.items() if nominal not in v}, rule="event-topic",
                       event=event)

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

    def _performers(self) -> None:
        """「火曜曲!」（TBS系）で、AとBが…: the people a sentence's subject names, after a programme (or an event) and
        で, appear in it. Read after the sentence's appositions, which say who airs a programme."""
        ctx, doc, end = self.ctx, self.doc, self.sent.end
        for index, last in self.heads.items():
            if not self.sent.start <= last < end or not ctx.programme(index):
                continue
            j = last + 1 + (last + 1 < end and doc[last + 1].text in "」』")
            if j < end and doc[j].text in "（(":
                j = (self._paren_end(j) or end) + 1
            if j >= end or doc[j].text != "で":
                continue
            for token in doc[j + 1:end]:
                if any(c.text in ("が", "は") for c in token.children if c.dep_ == "case"):
                    for person in self.fillers(token):
                        if ctx.mentions[person].type == "Person":
                            self.emit(person, "appearsIn", index, "performer", token.head)
                    break

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

