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
- who makes or sells a series makes or sells the models of it the document names, and いずれも stands for each
  item of the list just named;
- agreements collect their subject, price and date; every fact gets a modality and a confidence.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from graph.extract.mentions import MODEL_CODE, is_latin
from graph.extract.relations.appositions import Appositions
from graph.extract.relations.base import COORDINATORS, Context, confidence
from graph.extract.relations.discourse import Discourse
from graph.extract.relations.frames import CaseFrames
from graph.extract.relations.measures import Measures
from graph.extract.relations.modality import Modality
from graph.extract.relations.possessives import Possessives
from graph.extract.relations.roles import Roles
from graph.extract.relations.tables import Tables
from graph.model import Mention, Relation
from graph.nlp import sentence_span
from graph.profile import Profile

_DEMONSTRATIVES = {"この", "その", "同", "当", "本", "これら", "あの"}
_LIST_CONJUNCTIONS = {"そして", "および", "及び", "並びに", "ならびに", "また"}


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
            ctx.listed = ([], 0)
        Segment(ctx, offset, doc).read(blank_before=offset - last > 1)
        last = offset + len(doc.text)
    _series_models(ctx)
    return _deduplicate(ctx.relations)


_MAKING = ("releases", "develops", "manufactures")


def _series_models(ctx: Context) -> None:
    """Who makes or sells a series makes or sells the models of it the document names: ニコンがＣＯＯＬＰＩＸ
    Ｓシリーズ３機種を発売 and then COOLPIX S800c, COOLPIX S01 (a model's name is the series' name, without its
    word for a series, and more). The evidence is the sentence that names the series' fact."""
    stems = {}
    for i, m in enumerate(ctx.mentions):
        for word in ctx.lex.series_words:
            stem = m.text[:-len(word)].strip()
            if m.type == "Product" and m.text.endswith(word) and len(stem) > 1:
                stems[i] = stem
    said = set()
    for fact in [r for r in ctx.relations if r.predicate in _MAKING and r.object in stems]:
        stem = stems[fact.object]
        for i, m in enumerate(ctx.mentions):
            key = (ctx.name_of(fact.subject), fact.predicate, ctx.name_of(i))
            if key in said:
                continue
            rest = m.text[len(stem):]
            model = (rest[:1].isdigit() or rest[:1] in (" ", "\u3000") and rest.strip()
                     or rest and is_latin(rest[0]) != is_latin(stem[-1])) \
                and not rest.startswith(ctx.lex.series_words)  # S800c of COOLPIX S, Z7 of レグザ
            if m.type == "Product" and i not in stems and m.text.startswith(stem) and model \
                    and ctx.fits(fact.predicate, fact.subject, i):
                said.add(key)
                ctx.relations.append(replace(fact, object=i, rule="series", confidence=confidence("series"),
                                             qualifiers={}))


def _deduplicate(relations: list[Relation]) -> list[Relation]:
    """One relation a fact (the most confident), and no relatedTo between two names a sentence gives a typed fact."""
    best: dict[tuple, Relation] = {}
    for r in relations:
        key = (r.subject, r.predicate, r.object, r.start, r.end, r.lemma)
        if key not in best or r.confidence > best[key].confidence:
            if key in best:
                for role, ids in best[key].qualifiers.items():
                    r.qualifiers.setdefault(role, ids)
            best[key] = r
    def pair(r: Relation) -> tuple:
        return r.start, min(r.subject, r.object), max(r.subject, r.object)

    typed = {pair(r) for r in best.values() if r.predicate != "relatedTo"}
    kept = [r for r in best.values() if r.predicate != "relatedTo" or pair(r) not in typed]
    return sorted(kept, key=lambda r: (r.start, r.subject, r.predicate, r.object))


class Segment(CaseFrames, Appositions, Roles, Possessives, Measures, Tables, Discourse, Modality):
    """One parsed segment (a line, or a part of a long one): maps tokens to mentions and applies every family of
    rules, to the line as a whole (tables) and sentence by sentence. The families are mixins, a module each
    (frames, appositions, roles, possessives, measures, tables, discourse, modality)."""

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

    def read(self, blank_before: bool = False) -> None:
        self._layout(blank_before)
        for sent in self.doc.sents:
            self.sent = sent
            self.evidence = sentence_span(self.offset, sent)
            if self.evidence is None:
                continue
            self._standalone_topic()
            self._services()
            first = len(self.ctx.relations)
            for token in sent:
                self._predicate(token)
            self._appositions()
            self._performers()
            self._possessives()
            self._by_means()
            self._roles()
            self._compounds()
            self._attributes()
            self._update_topic()
            self._update_list(first)

    def emit(self, subject: int, kind: str, obj: int, rule: str, anchor, lemma: str | None = None,
             qualifiers: dict | None = None, modality: str | None = None) -> Relation | None:
        ctx = self.ctx
        if subject is None or obj is None or subject == obj:
            return None
        if ctx.same(subject, obj):
            return None
        if (kind == "releases" or kind == "develops" and rule in ("possessive", "brand-name")) and self.service(obj):
            kind = "operates"  # 更新サービス「ケータイアップデート」を提供, 毎日新聞のWEB媒体「毎日.jp」: a service is run
        if kind == "usesTechnology" and self.device(subject) and ctx.platform(obj):
            subject, kind, obj = obj, "installedIn", subject  # Android 4.0に対応した「X F-10D」: a device's own OS
        if not ctx.fits(kind, subject, obj):
            return None
        relation = Relation(subject, kind, obj, *self.evidence, rule=rule,
                            confidence=confidence(rule),
                            modality=modality or self.modality(anchor), lemma=lemma, qualifiers=qualifiers or {},
                            date=self.date_of(anchor))
        ctx.relations.append(relation)
        return relation

    def service(self, index: int) -> bool:
        """Whether the name is of a service: the text introduces it as one, here or before (データ通信サービス
        「UQ WiMAX」), or it is a shop's (UQオンラインショップ, Apple Store)."""
        ctx, before = self.ctx, self._introducer(index)
        if before is not None and self.entity_at[before] is None and self.doc[before].text.endswith(ctx.services):
            ctx.service_names.add(ctx.name_of(index))
        return ctx.name_of(index) in ctx.service_names or ctx.mentions[index].text.endswith(ctx.shops)

    def _services(self) -> None:
        """Remember the names this sentence introduces as services."""
        for index, last in self.heads.items():
            if self.sent.start <= last < self.sent.end:
                self.service(index)

    def device(self, index: int) -> bool:
        """Whether a product is a device: its name holds a model number (ARROWS X F-10D, iPhone 4S) and the text does
        not introduce it as software (画像編集ソフト「Photoshop CS5」)."""
        if self.ctx.mentions[index].type != "Product" or not any(
                MODEL_CODE.match(word) for word in self.ctx.mentions[index].text.split()):
            return False
        before = self._introducer(index)
        return before is None or not self.doc[before].text.endswith(self.ctx.software)

    def _introducer(self, index: int) -> int | None:
        """The token written right before a name of this segment and its opening quote: the noun that may say what
        it is (サービス「UQ WiMAX」)."""
        if index not in self.heads:
            return None
        first = self._first(index)
        before = first - 1 - (first > 0 and self.doc[first - 1].text in "「『")
        return before if before >= 0 else None

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
        out = [found] if found is not None else self._glossed(token)
        if not out:
            return self._exemplars(token) or self._listed_before_noun(token)
        # KDDIおよび沖縄セルラー: the parser may hang the joiner on the last of the list
        joiners = [c.i for c in token.children if c.dep_ == "cc" and c.text in COORDINATORS]
        for child in token.children:
            if child.i < token.i and any(c.text in COORDINATORS for c in child.children if c.dep_ in ("case", "cc")) \
                    or child.dep_ == "conj" or any(child.i < j < token.i for j in joiners):
                other = self._filler(child)
                for other in [other] if other is not None else self._glossed(child):
                    if other not in out:
                        out.append(other)
        # FSDやオプティマスの頭脳: or hangs both on the noun they modify
        for sibling in token.head.children:
            if sibling.i < token.i and sibling.i != token.head.i and sibling.right_edge.i + 1 == token.left_edge.i \
                    and any(c.text in COORDINATORS for c in sibling.children if c.dep_ in ("case", "cc")):
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
        if found is not None and (self.entity_at[token.i] == found
                                  or token.text in self.ctx.lex.generic_products and found in self.heads):
            out += [other for other in self._listed_before(found) if other not in out]  # and 「A」「B」の2機種
        return out

    def _listed_before_noun(self, token) -> list[int]:
        """The names listed before a common noun that ends the list (ワンセグやおサイフケータイ、防水・防塵、赤外線に
        対応), all of the type of the nearest; two at least, for one name and a comma is a headline's subject
        (成田国際空港、フライト情報や施設情報がわかる…)."""
        if token.pos_ != "NOUN" or self.entity_at[token.i] is not None:
            return []
        start = token.i
        while start - 1 >= self.sent.start and self.doc[start - 1].pos_ == "NOUN" and self.entity_at[start - 1] is None:
            start -= 1
        found = self._listed_from(start)
        return found if len(found) > 1 else []

    def _listed_before(self, index: int) -> list[int]:
        """The names of a mention's type listed before it, read on the surface where the parse lost the list
        (Xiやワンセグ、おサイフケータイ（FeliCa）、NFCに対応): each item a name (in quotes, or with a gloss in
        parentheses after it) or common nouns (防水・防塵), items parted by a coordinator or written quote after
        quote; the list ends at any other word (a particle, a verb, a noun before a name)."""
        return self._listed_from(self._first(index), self.ctx.mentions[index].type, index)

    def _listed_from(self, start: int, type_: str | None = None, index: int | None = None) -> list[int]:
        """The names listed before the item that starts at token ``start`` (see _listed_before): of ``type_``, or
        of the type of the nearest."""
        doc, ctx, found = self.doc, self.ctx, []
        j = start - 1 if start > self.sent.start and doc[start - 1].text in "「『" else start
        while j - 1 > self.sent.start:
            if doc[j - 1].text in COORDINATORS and doc[j - 1].text != "か":
                k = j - 2
            elif doc[j - 1].text in "」』" and doc[j].text in "「『":  # 「ELUGA V」「MEDIAS X」
                k = j - 1
            else:
                break
            quoted = doc[k].text in "」』"
            if doc[k].text in ")）":  # おサイフケータイ（FeliCa）: the gloss is no item of its own
                k = (self._paren_start(k) or 0) - 1
            k -= quoted
            item = self.entity_at[k] if k >= self.sent.start else None
            if item is not None and self.heads.get(item) == k:
                type_ = type_ or ctx.mentions[item].type
                if ctx.mentions[item].type == type_ and item != index and item not in found:
                    found.insert(0, item)
                j = self._first(item) - quoted
                if quoted and doc[j].text not in "「『":
                    break
            elif not quoted and k >= self.sent.start and doc[k].pos_ == "NOUN" and item is None:
                while k - 1 >= self.sent.start and doc[k - 1].pos_ == "NOUN" and self.entity_at[k - 1] is None:
                    k -= 1
                j = k
            else:
                break
        return found

    def _glossed(self, token) -> list[int]:
        """防水（IPX5およびIPX7準拠）, モバイルネットワーク（3Gおよび4G）: a common noun stands for the names the
        parentheses right after it give."""
        j = token.i + 1
        if self.entity_at[token.i] is not None or token.pos_ != "NOUN" or j >= self.sent.end \
                or self.doc[j].text not in "（(":
            return []
        end = self._paren_end(j)
        return list(dict.fromkeys(i for i in self.entity_at[j + 1:end] if i is not None)) if end else []

    def _exemplars(self, token) -> list[int]:
        """おサイフケータイやワンセグ、赤外線といった“三種の神器”: a noun after a list and a word that ends one (といった,
        などの) stands for the names listed."""
        doc, endings = self.doc, self.ctx.lex.list_endings
        for end in range(token.i - 1, max(self.sent.start, token.i - 8) - 1, -1):
            if not any(doc[end:token.i].text.startswith(e) for e in endings):
                continue
            found, j = [], end - 1
            while j >= self.sent.start and (self.entity_at[j] is not None or doc[j].text in COORDINATORS):
                if self.entity_at[j] is not None and self.entity_at[j] not in found:
                    found.insert(0, self.entity_at[j])
                j -= 1
            return found
        return []

    def _filler(self, token) -> int | None:
        doc, ctx, lex = self.doc, self.ctx, self.ctx.lex
        if self.entity_at[token.i] is not None:
            return self.entity_at[token.i]
        edition = self.edition_of(token)  # 「LINE」のAndroid版を公開: the product, in an edition
        if edition is not None:
            return edition[0]
        if token.text in ctx.anaphora:  # 同社: the company the text is about, else the last one named
            type_ = ctx.anaphora[token.text]
            topic = next((m for m in reversed(ctx.topics) if ctx.mentions[m].type == type_), None)
            return topic if topic is not None else ctx.last_of_type(type_, self.offset + token.idx)
        type_ = lex.category(self.compound_text(token))
        marker = token.text in lex.honorifics | lex.roles | lex.legal_forms | lex.facility_suffixes
        if not (type_ or marker):
            return self._quoted_after(token)
        # N2プロセス, クオ氏: the name right before the noun, if it is of the noun's type (not Wi-Fi in Wi-Fiルーター)
        before = self.entity_at[token.i - 1] if token.i > 0 and not doc[token.i - 1].whitespace_ else None
        if before is not None and (marker or ctx.mentions[before].type == type_):
            return before
        if not type_:
            return None
        named = self._named_by(token, type_)
        if named is not None:
            return named
        # Wi-Fiの規格, Bluetooth 3.0のHIDプロファイル: a technology's category noun a technology modifies with の
        # stands for it (a product's does not: 「Kobo」のサイト is another thing)
        for child in token.children if type_ == "Technology" else ():
            index = self.entity_at[child.i]
            if child.i < token.i and child.dep_ == "nmod" and index is not None \
                    and ctx.mentions[index].type == type_ and any(c.text == "の" for c in child.children):
                return index
        # ＣＯＯＬＰＩＸ　Ｓシリーズ３機種, 「レグザタブレット」の新モデル: a generic noun for products stands for the one
        # its own phrase names (not one listed before it: iPhoneやAndroid対応端末)
        if token.text in lex.generic_products:
            for i in range(token.i - 1, max(token.left_edge.i, token.i - 6) - 1, -1):
                index = self.entity_at[i]
                if index is not None and ctx.mentions[index].type == type_:
                    return index
                if index is None and doc[i].text in COORDINATORS:
                    break
            j = token.left_edge.i - 1  # 「NR-F556XV」他、5機種: the name the count of models begins with
            j -= j > self.sent.start and doc[j].text == "、"
            if j > self.sent.start and doc[j].text in ("他", "ほか", "など"):
                j -= 1 + (doc[j - 1].text in "」』")
                if self.entity_at[j] is not None and ctx.mentions[self.entity_at[j]].type == type_:
                    return self.entity_at[j]
        # 「COOLPIX S800c」：Android搭載、Wi-Fi対応モデル: a line that opens with a name and a colon describes it
        described = self._described()
        if described is not None and ctx.mentions[described].type == type_ and self.heads[described] < token.i:
            return described
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

    def _described(self) -> int | None:
        """The name a line opens with, after its marks, before a colon (「COOLPIX S800c」：…, ・「EXILIMケータイ
        W53CA」: 2007年8月発売…), which the rest of the line describes."""
        doc = self.doc
        j = next((t.i for t in self.sent if not (t.is_punct or t.is_space or t.pos_ == "SYM")), self.sent.end)
        index = self.entity_at[j] if j < self.sent.end else None
        if index is None or self._first(index) != j:
            return None
        after = self.heads[index] + 1
        after += after < self.sent.end and doc[after].text in "」』"
        return index if after < self.sent.end and doc[after].text in ":：" else None

    def _quoted_after(self, token) -> int | None:
        """The name in quotes right after a noun, which it describes (同社が運営するマーケット「Google Play」)."""
        j = token.i + 2
        if j < self.sent.end and self.doc[token.i + 1].text in "「『" and self.entity_at[j] is not None \
                and self.entity_at[j - 2] != self.entity_at[j] and self._first(self.entity_at[j]) == j:
            return self.entity_at[j]
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
                if all(t.is_punct and t.text not in COORDINATORS for t in doc[token.i + 1:j]):
                    return self.entity_at[j]  # not the next of a list: Androidスマートフォン、PlayStation Vita
        head = token.head
        if token.dep_ == "nsubj" and self.entity_at[head.i] is not None and any(
                c.dep_ in ("cop", "aux") for c in head.children):
            return self.entity_at[head.i]
        # …開発したモデルで、…スマートフォンです: a noun continued by で is equated with the subject of the copula,
        # and 「X」は、富士通が開発したスマートフォンで、…を搭載: with the subject of the clause it opens, if of its type
        continued = token.dep_ in ("nmod", "obl") and any(c.text == "で" for c in token.children if c.dep_ == "case")
        for noun in (token, head) if continued else (token,):
            copula = any(c.dep_ == "cop" for c in noun.children)
            for c in noun.children if copula or noun is head else ():
                index = self.entity_at[c.i] if c.dep_ in ("nsubj", "dislocated") else None
                if index is not None and (copula or c.i < token.i and self.ctx.mentions[index].type == type_):
                    return index
        return None

    def compound_text(self, token) -> str:
        """The noun with the compound nouns written right before it: 自動+運転 -> 自動運転."""
        start = token.i
        while start > 0 and self.doc[start - 1].dep_ == "compound" and self.doc[start - 1].head.i == token.i \
                and self.entity_at[start - 1] is None:
            start -= 1
        return self.doc[start:token.i + 1].text
