"""Facts that news writes without a verb, in apposition, as the profile's ``appositions`` section lists them:

- a product for a carrier or a platform: au向け「HTC J」 (KDDI releases it), Android向け「Firefox」 (it uses Android);
- its maker or publisher in parentheses or before it: 「CX6」（リコー）, 「X」（東京ニュース通信社刊）, シャープ製「Y」;
- a relational noun between two names: ニコンの子会社、ニコンイメージングジャパン; Xは…Aの子会社だ; Y（Aの子会社）;
- a place before a description of a company: 米半導体大手のマイクロン; a place in parentheses after a name:
  ドコモショップ京橋店（大阪府…）;
- 「Xで知られるY」: what Y is known for is Y's work.
"""

from __future__ import annotations

import re

from graph.extract.mentions import is_katakana, known_company
from graph.extract.relations.base import COORDINATORS
from graph.resolve import spelled

_LIST_JOINS = {"、", "・", "と", "や", "および", "及び", "「", "」", "『", "』"}
_OPEN, _CLOSE = "（(", "）)"


class Appositions:
    def _appositions(self) -> None:
        self._platforms()
        self._named_before_quote()
        self._made_for()
        self._makers()
        self._relational_nouns()
        self._described_places()
        self._known_for()
        self._editions()

    # -- helpers ---------------------------------------------------------------------------------------

    def _mention_ending(self, i: int) -> int | None:
        """The mention whose last token is token ``i``."""
        index = self.entity_at[i] if 0 <= i < len(self.doc) else None
        return index if index is not None and self.heads.get(index) == i else None

    def _first(self, index: int) -> int:
        """The first token of a mention (the last is ``heads[index]``)."""
        last = self.heads[index]
        first = last
        while first > 0 and self.entity_at[first - 1] == index:
            first -= 1
        return first

    def _products_after(self, i: int, limit: int = 14) -> list[int]:
        """The product mentions a phrase starting at token ``i`` names: the first one, within ``limit`` tokens, and
        those listed with it."""
        doc, found = self.doc, []
        for j in range(i, self.sent.end):
            token = doc[j]
            if not found and j >= i + limit:
                break
            index = self.entity_at[j]
            if index is not None:
                if self.ctx.mentions[index].type == "Product" and index not in found:
                    found.append(index)
                continue
            if token.lemma_ in self.ctx.made_for:
                break  # the next carrier's list: au向け「A」、ドコモ向け「B」
            if found and token.text not in _LIST_JOINS and token.text not in _OPEN + _CLOSE:
                break
            if token.pos_ in ("VERB", "AUX") or token.dep_ == "case" and token.text not in ("の",):
                break
        return found

    # -- rules -----------------------------------------------------------------------------------------

    def _platforms(self) -> None:
        """Androidスマートフォン「HTC J」, WiMAXルーター「X」, 「トイレダッシュ」【Androidアプリ】: a technology written
        before the category noun of a named product is built into it (an operating system, the profile's
        ``platforms``, but not into software: Android アプリ) or used by it; ニコンデジタルカメラ「COOLPIX」: a
        company's is one it makes (one a carrier or a broadcaster sells or airs)."""
        ctx, doc = self.ctx, self.doc
        for token in self.sent:
            before = self._mention_ending(token.i)
            noun = self._category_after(token.i) if before is not None and not token.whitespace_ else None
            product = self._filler(doc[noun]) if noun is not None else None
            if noun is not None and product is None:
                product = self._tagged(noun)
            if product is None or product == before or ctx.mentions[product].type != "Product":
                continue
            named = ctx.mentions[before]
            if named.type == "Organization":
                if doc[noun].text.endswith(ctx.software) or not known_company(named, ctx.lex):
                    continue  # Twitterアプリ「jigtwi」: software for a service, not by it; ボカロ曲「X」: no company
                self.emit(before, ctx.maker_kind(before), product, "maker-category", doc[noun])
            elif named.type != "Technology":
                continue
            elif ctx.platform(before) and not doc[noun].text.endswith(ctx.software):
                self.emit(before, "installedIn", product, "platform", doc[noun])
            else:
                self.emit(product, "usesTechnology", before, "platform", doc[noun])

    def _tagged(self, noun: int) -> int | None:
        """The name a headline's tag in 【】 follows, for the category noun that ends the tag: 「トイレダッシュ」
        【Androidアプリ】."""
        doc = self.doc
        if noun + 1 >= len(doc) or doc[noun + 1].text != "】":
            return None
        opening = next((j for j in range(noun - 1, max(self.sent.start, noun - 6) - 1, -1) if doc[j].text == "【"), None)
        if opening is None or opening == 0:
            return None
        last = opening - 1 - (doc[opening - 1].text in ("」", "』") and opening > 1)
        return self._mention_ending(last)

    def _named_before_quote(self) -> None:
        """ドコモ「Xperia acro HD SO-03D」, 東芝「REGZA Z7」: a company written right before a product's name in
        quotes, a headline's telegraphic style, sells it (a carrier, a broadcaster) or makes it."""
        ctx, doc = self.ctx, self.doc
        for index, last in self.heads.items():
            if not self.sent.start <= last < self.sent.end - 3 or doc[last].whitespace_ \
                    or doc[last + 1].text not in ("「", "『"):
                continue
            product = self.entity_at[last + 2]
            if product is None or ctx.mentions[product].type != "Product" or self._first(product) != last + 2 \
                    or doc[self.heads[product] + 1].text not in ("」", "』") \
                    or ctx.mentions[index].type != "Organization" or not known_company(ctx.mentions[index], ctx.lex):
                continue
            self.emit(index, ctx.maker_kind(index), product, "maker-quote", doc[last + 2])

    def _category_after(self, i: int) -> int | None:
        """The last token of the category noun of products written right after token ``i`` (スマートフォン,
        デジタル+カメラ), if there is one."""
        doc = self.doc
        for j in range(i + 1, min(self.sent.end, i + 4)):
            if self.entity_at[j] is not None or doc[j].pos_ not in ("NOUN", "PROPN"):
                return None
            if self.ctx.lex.category(doc[i + 1:j + 1].text) == "Product" and not (
                    j + 1 < self.sent.end and self.ctx.lex.category(doc[i + 1:j + 2].text) == "Product"):
                return j
            if doc[j].whitespace_:
                return None
        return None

    def _made_for(self) -> None:
        """au向け「HTC J」: a product for a carrier is released by it; for a platform, uses it (and 「SkyDrive」を
        iOS向けに提供: the product the verb is said of)."""
        ctx = self.ctx
        for token in self.sent:
            if token.lemma_ not in ctx.made_for:
                continue
            target = self._mention_ending(token.i - 1)
            if target is None:
                continue
            products = self._products_after(token.i + 1) or self._said_of(token)
            for product in products:
                if ctx.mentions[target].type == "Organization":
                    self.emit(target, "releases", product, "made-for", token)
                else:
                    self.emit(product, "usesTechnology", target, "made-for", token)

    def _said_of(self, token) -> list[int]:
        """The products the predicate a phrase hangs from is said of (its theme, else its subject)."""
        head = token.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and head.i != token.i:
            head = head.head
        args = self.arguments(head) if head.pos_ in ("VERB", "NOUN") else {}
        found = [f for role in ("theme", "agent") for t in args.get(role, []) for f in self.fillers(t)]
        return [f for f in found if self.ctx.mentions[f].type == "Product"][:3]

    def _makers(self) -> None:
        """「CX6」（リコー）, 「X」（東京ニュース通信社刊）, シャープ製「Y」: who makes or publishes a product."""
        ctx, doc = self.ctx, self.doc
        for token in self.sent:
            product = self._mention_ending(token.i)
            if product is not None and ctx.mentions[product].type == "Product":
                j = token.i + 1 + (token.i + 1 < self.sent.end and doc[token.i + 1].text in "」』")
                reading = self._paren_end(j) if j < self.sent.end and doc[j].text in _OPEN else None
                if reading is not None and reading + 1 < self.sent.end and doc[reading + 1].text in "」』" and (
                        all(self.entity_at[k] is None for k in range(j, reading))
                        or any(doc[k].text in "：:" for k in range(j, reading))):
                    j = reading + 2  # 「ギルガメッシュLIGHT（ライト）」（BSジャパン）: past the name's reading, or its
                    # labelled model number (「デジタイザー・ペン（型番：41U3143）」（レノボ製）)
                end = self._paren_end(j) if j < self.sent.end and doc[j].text in _OPEN else None
                if end is not None:
                    mark = doc[end - 1].text if doc[end - 1].text in ctx.maker_marks else ""
                    maker = self._mention_ending(end - 1 - bool(mark))
                    if maker is None or self._first(maker) != j + 1:  # （テレビ朝日／12月22日放送）: the name before
                        slash = next((k for k in range(j + 2, end) if doc[k].text in "／/"), j + 1)  # a slash
                        first = self._mention_ending(slash - 1)
                        if first is not None and self._first(first) == j + 1:
                            maker, mark = first, ""
                    known = maker is not None and (mark or ctx.mentions[maker].type in ("Organization", "Person"))
                    read = known and not mark and self._reading(maker, product)  # LUMIX（ルミックス）
                    if known and self._first(maker) == j + 1 and not read:
                        kind = "develops" if ctx.mentions[maker].type == "Person" else ctx.maker_marks[mark]
                        self.emit(maker, kind, product, "maker", doc[j])
            if token.text and token.text in ctx.maker_marks:
                maker = self._mention_ending(token.i - 1)
                if maker is not None and ctx.mentions[maker].type == "Organization":
                    made = self._products_after(token.i + 1, limit=6)[:1] if token.i + 1 < self.sent.end else []
                    described = self._described()  # ・「W53CA」: 2007年8月発売…（カシオ計算機製）: the line's product
                    if not made and described is not None and ctx.mentions[described].type == "Product" \
                            and doc[self._first(maker) - 1].text in _OPEN:
                        made = [described]
                    for product in made:
                        self.emit(maker, ctx.maker_marks[token.text], product, "maker", token)

    def _reading(self, index: int, product: int) -> bool:
        """LUMIX（ルミックス）, PANTONE 5 107SH（パントン・ファイヴ・…）: katakana in parentheses that spells the Latin
        name before it (the consonants of the one begin those of the other) is how the name is read, not its maker."""
        said, name = self.ctx.mentions[index].text, self.ctx.mentions[product].text.split()[0]
        if not is_katakana(said.replace("・", "")) or not any(c.isascii() and c.isalpha() for c in name):
            return False
        read, written = _consonants(spelled(said)), _consonants(name)
        return min(len(read), len(written)) >= 3 and (read.startswith(written) or written.startswith(read))

    def _paren_end(self, j: int) -> int | None:
        """The index of the bracket closing the one at ``j`` in the sentence, if it is near."""
        for k in range(j + 1, min(self.sent.end, j + 12)):
            if self.doc[k].text in _CLOSE:
                return k
        return None

    def _paren_start(self, j: int, within: int = 12) -> int | None:
        """The index of the bracket opening the one closing at ``j`` in the sentence, if it is ``within`` tokens."""
        for k in range(j - 1, max(self.sent.start, j - within) - 1, -1):
            if self.doc[k].text in _OPEN:
                return k
        return None

    def _relational_nouns(self) -> None:
        """ニコンの子会社、ニコンイメージングジャパン / ニコンイメージングジャパンはニコンの子会社だ / X（ニコンの子会社）:
        B is the N of A, and the noun says what that makes them."""
        ctx, doc = self.ctx, self.doc
        for token in self.sent:
            entry = ctx.relational_nouns.get(token.text) or ctx.relational_nouns.get(self.compound_text(token))
            if entry is None or self.entity_at[token.i] is not None:
                continue
            owner = self._owner(token)
            if owner is None:
                continue
            named = self._apposed(token)
            for b in named:
                s, o = (owner, b) if entry.get("reverse") else (b, owner)
                self.emit(s, entry["kind"], o, "relational-noun", token)

    def _owner(self, token) -> int | None:
        """A in "A の N" (or "A N": ソニー子会社)."""
        start = token.i
        while start > self.sent.start and self.doc[start - 1].dep_ == "compound" and self.entity_at[start - 1] is None:
            start -= 1
        before = start - 1
        if before > self.sent.start and self.doc[before].text == "の":
            return self._mention_ending(before - 1)
        return self._mention_ending(before)

    def _apposed(self, token) -> list[int]:
        """The names a relational noun is said of: after it (、B / のB / であるB), in parentheses around it
        (B（Aの子会社）), or the subject of its copula (Bは…Aの子会社だ)."""
        doc, i = self.doc, token.i
        for gap in (("、",), ("の",), ("である",), ("で", "ある"), ("の", "「"), ("、", "「")):
            j = i + 1
            if [t.text for t in doc[j:j + len(gap)]] == list(gap):
                index = self.entity_at[j + len(gap)] if j + len(gap) < self.sent.end else None
                if index is not None:
                    return [index]
        first = self._owner_start(token)
        if first is not None and first > self.sent.start and doc[first - 1].text in _OPEN \
                and i + 1 < self.sent.end and doc[i + 1].text in _CLOSE:
            index = self._mention_ending(first - 2)
            return [index] if index is not None else []
        if any(c.dep_ == "cop" for c in token.children):
            return [self.entity_at[c.i] for c in token.children
                    if c.dep_ in ("nsubj", "dislocated") and self.entity_at[c.i] is not None]
        return []

    def _owner_start(self, token) -> int | None:
        owner = self._owner(token)
        return self._first(owner) if owner is not None else None

    def _described_places(self) -> None:
        """米半導体大手のマイクロン: a place before the words describing a company is where it is; ドコモショップ京橋店
        （大阪府大阪市…）: a place in parentheses after a name is where it is."""
        ctx, doc = self.ctx, self.doc
        for token in self.sent:
            place = self._mention_ending(token.i)
            if place is None or ctx.mentions[place].type != "Place":
                continue
            j = token.i + 1
            while j < self.sent.end and self.entity_at[j] is None and doc[j].pos_ == "NOUN" \
                    and not any(k in doc[j].tag_ for k in ("固有名詞",)):
                j += 1
            if j > token.i + 1 and j + 1 < self.sent.end and doc[j].text == "の":
                described = self.entity_at[j + 1]
                if described is not None and ctx.mentions[described].type in ("Organization", "Facility"):
                    self.emit(described, "locatedIn", place, "described-place", doc[j])
            first = self._first(place)
            if first >= 2 and doc[first - 1].text in _OPEN:
                named = self._mention_ending(first - 2)
                if named is not None and ctx.mentions[named].type in ("Organization", "Facility", "Event"):
                    self.emit(named, "locatedIn", place, "described-place", doc[first - 1])

    def _known_for(self) -> None:
        """「Xで知られるY」: Y made X (a product, a work)."""
        for token in self.sent:
            if token.lemma_ not in self.ctx.known_for or token.dep_ != "acl" or token.head.i <= token.i:
                continue
            made = [f for c in token.children if self.role(c) == "place" for f in self.fillers(c)]
            for maker in self.fillers(token.head):
                for work in made:
                    self.emit(maker, "develops", work, "known-for", token)

    def _editions(self) -> None:
        """BlackBerry版の「LINE」, 「LINE」のAndroid版およびiOS版: an edition of a product for a platform uses it."""
        for token in self.sent:
            edition = self.edition_of(token)
            if edition is not None:
                self.emit(*edition, "edition", token)

    def edition_of(self, token) -> tuple[int, str, int] | None:
        """(product, usesTechnology, platform) of an edition ``token`` (版) names, each of a list of editions
        (「LINE」のAndroid版およびiOS版) the product the first is of."""
        ctx, doc = self.ctx, self.doc
        tech = self._mention_ending(token.i - 1) if token.text == "版" and token.i > self.sent.start else None
        if tech is None or ctx.mentions[tech].type != "Technology" or doc[token.i - 1].whitespace_:
            return None
        after = token.i + 1 < self.sent.end - 1 and doc[token.i + 1].text == "の"
        products = self._products_after(token.i + 2, limit=4) if after else []
        first = self._first(tech)
        if not products and first >= self.sent.start + 2 and doc[first - 1].text in ("の", "、"):
            before = self._mention_ending(first - 2 - (doc[first - 2].text in "」』"))
            products = [before] if before is not None and ctx.mentions[before].type == "Product" else []
        if not products and first >= self.sent.start + 2 and doc[first - 1].text in COORDINATORS \
                and doc[first - 2].text == "版":  # …のAndroid版およびiOS版
            earlier = self.edition_of(doc[first - 2])
            products = [earlier[0]] if earlier else []
        return (products[0], "usesTechnology", tech) if products else None


def _consonants(text: str) -> str:
    return re.sub(r"[^bcdfghjklmnpqrstvwxz]", "", text.casefold())
