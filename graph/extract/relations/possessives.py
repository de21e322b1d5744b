"""Facts without a verb from names written together: "A の B" by the types of A and B (NVIDIAの…「H100」; a
carrier's or broadcaster's product is one it releases: ドコモの「ARROWS X」), and names one after the other, the
outer place first (米テキサス州テイラー工場)."""

from __future__ import annotations

from graph.extract.mentions import is_latin, known_company

_OPENING_QUOTES = "「『“\"'"
_SUBJECTS = ("nsubj", "dislocated")


class Possessives:
    def _possessives(self) -> None:
        """A の B, by the types of A and B: NVIDIAの…「H100」 -> NVIDIA develops H100, シャープ独自の「Feel UX」 (a word
        of the profile's ``own_marks`` between them); and, read on the surface wherever the parse lost it, a name
        and の before the quoted name its category nouns introduce (ASUSTeKのスレートPC「Eee Slate B121」)."""
        ctx = self.ctx
        for token in self.sent:
            owner = self.entity_at[token.i]
            if owner is None or self.heads.get(owner) != token.i:
                continue
            own = token.i + 1 < self.sent.end and self.doc[token.i + 1].text in ctx.own_marks
            quoted = self._quoted_after_owner(token.i + own)
            if quoted is not None:
                self._own(owner, quoted, token, self.doc[self.heads[quoted]], own)
            if token.dep_ == "compound" and token.head.text in ctx.own_marks and token.head.i == token.i + 1:
                token = token.head  # シャープ独自の: the company's own
            if token.dep_ != "nmod" or not any(c.text == "の" for c in token.children if c.dep_ == "case") \
                    or any(c.text in ("など", "等", "ら") for c in token.children) \
                    or token.i + 2 < self.sent.end and self.doc[token.i + 2].text in ("ほか", "他", "よう"):
                continue  # not 中国などのアジア, 中国のほか、EU: a list of examples, not an owner
            for owned in self._owned(token.head):
                last = self.heads.get(owned)  # what a name owns comes after it (not パナソニックの「ビエラ」や
                # アップルの「iPad」), or is the subject it is said of (モトローラは米国の…企業)
                if owned != quoted and (last is None or last > token.i or self.doc[last].dep_ in _SUBJECTS):
                    self._own(owner, owned, token, token.head, own)

    def _quoted_after_owner(self, last: int) -> int | None:
        """The name quoted after a name's の and the common nouns that say what it is: Amazonの「Kindle Touch」,
        ASUSTeKのスレートPC「Eee Slate B121」."""
        doc, j = self.doc, last + 2
        if j >= self.sent.end or doc[last + 1].text != "の":
            return None
        while j < self.sent.end and j - last <= 8:
            inner = self.entity_at[j]
            if inner is None and doc[j].pos_ == "NOUN":
                j += 1
            elif inner is not None and self.ctx.mentions[inner].type == "Technology" and self._modifies_noun(inner):
                j = self.heads[inner] + 1  # I-O DATAのAndroidプレーヤー「alimo」: what the noun is built on
            else:
                break
        owned = self.entity_at[j + 1] if j + 1 < self.sent.end and doc[j].text in "「『" else None
        return owned if owned is not None and self._first(owned) == j + 1 else None

    def _own(self, owner: int, owned: int, token, anchor, own: bool = False) -> None:
        """The fact "A の B" says, by the types of A and B, for the owner's last token ``token``; ``own``: a word of
        the profile's ``own_marks`` stands between (ドコモ純正の: its own make, whoever sells it)."""
        ctx, doc = self.ctx, self.doc
        if ctx.mentions[owned].role:
            return  # トヨタの佐藤社長, GLAYのボーカル・TERU: read by _roles, by the role
        if owned in self.heads and self._nearer_owner(token.i, self._first(owned), ctx.mentions[owner].type):
            return  # アップルのテレビとパナソニックの「ビエラ」: ビエラ is Panasonic's
        if ctx.mentions[owned].type == "Technology" and self._modifies_noun(owned):
            return  # ZOTACのmini-ITXマザー, ASUSのAndroidタブレット: the company's product, not its standard
        if ctx.mentions[owner].type == "Place" and owned in self.heads and self._modifies_noun(owned):
            return  # 中国のApple工場: the place is the factory's, not the company's
        if ctx.mentions[owned].type == "Person" and (ctx.mentions[owner].key in ctx.venues or doc[
                self._first(owner) - 1].text in _OPENING_QUOTES):
            return  # ツイッターの津田氏: a person on a service; “アメイジング・スパイダーマン”のマーク・ウェッブ: of a work
        for rule in ctx.possessives:
            if ctx.mentions[owner].type == rule["owner"] and ctx.mentions[owned].type == rule["owned"]:
                s, o = (owned, owner) if rule.get("reverse") else (owner, owned)
                # ドコモの「ARROWS X」: a carrier's phone is one it sells, not makes
                kind = ("develops" if own else ctx.maker_kind(owner)) if rule["kind"] == "develops" else rule["kind"]
                kind = ctx.affiliation(owner) if kind == "worksFor" else kind  # AKB48の指原莉乃: a member
                self.emit(s, kind, o, "possessive", anchor)

    def _nearer_owner(self, start: int, end: int, type_: str) -> bool:
        """Whether a name of the type, marked with の, stands between tokens ``start`` and ``end``."""
        doc = self.doc
        return any(self.entity_at[i] is not None and self.heads.get(self.entity_at[i]) == i
                   and self.ctx.mentions[self.entity_at[i]].type == type_ and doc[i + 1].text == "の"
                   for i in range(start + 1, end - 1))

    def _by_means(self) -> None:
        """X（方式）による…「Y」: a product named after a technology it works by uses it (モバイルWiMAX方式による通信
        サービス「UQ WiMAX」); a device has an operating system built in (see ``emit``)."""
        ctx = self.ctx
        for token in self.sent:
            if token.dep_ != "nmod" or token.head.i <= token.i or token.head.pos_ != "NOUN" or not any(
                    c.text == "に" and any(f.lemma_ == "よる" for f in c.children) for c in token.children):
                continue
            for tech in self.fillers(token):
                if ctx.mentions[tech].type != "Technology":
                    continue
                for product in self._owned(token.head):
                    if ctx.mentions[product].type == "Product":
                        self.emit(product, "usesTechnology", tech, "by-means", token.head)

    def _owned(self, head) -> list[int]:
        """What the noun an owner hangs on names, or the category noun of the phrase it begins (ネットジャパンの総合
        バックアップ＆リストアソフト「X」, where the parser hung the owner on バックアップ)."""
        for _ in range(3):
            found = self.fillers(head)
            if found or self.entity_at[head.i] is not None or head.pos_ != "NOUN" \
                    or head.dep_ not in ("nmod", "compound") or head.head.i <= head.i:
                return found
            head = head.head
        return self.fillers(head)

    def _modifies_noun(self, index: int) -> bool:
        """Whether a name is written glued to a common noun after it, which it modifies (mini-ITXマザー; not the
        category noun of its own type, N2プロセス)."""
        after, ctx = self.heads[index] + 1, self.ctx
        return after < self.sent.end and not self.doc[after - 1].whitespace_ and self.entity_at[after] is None \
            and self.doc[after].pos_ == "NOUN" and ctx.lex.category(self.doc[after].text) != ctx.mentions[index].type

    def _compounds(self) -> None:
        """Names written one after the other, outer place first: 米テキサス州テイラー工場 (but 日米欧 is a list); a
        company before a product's name makes it, or sells it (インテルCore i7, ドコモ AQUOS PHONE SH-01D)."""
        ctx, doc = self.ctx, self.doc
        previous = None
        for token in self.sent:
            current = self.entity_at[token.i]
            if current is None or (previous is not None and current == previous[0]):
                if current is None and not token.is_space:
                    previous = None
                continue
            if previous is not None and previous[1] == token.i - 1 and ctx.mentions[current].type == "Product" \
                    and ctx.mentions[previous[0]].type == "Organization" \
                    and known_company(ctx.mentions[previous[0]], ctx.lex):
                self.emit(previous[0], ctx.maker_kind(previous[0]), current, "maker-name", token)
            if previous is not None and previous[1] == token.i - 1 and not doc[token.i - 1].whitespace_:
                outer = previous[0]
                if ctx.mentions[outer].type == "Place" and ctx.mentions[current].source != "countries":
                    self.emit(current, "locatedIn", outer, "compound-place", token)
                if ctx.mentions[outer].source == "group" and ctx.mentions[current].type == "Person" \
                        and not ctx.mentions[current].role:  # ソフトバンク孫正義社長: read by the role
                    self.emit(current, ctx.affiliation(outer), outer, "group-name", token)  # ナイナイ岡村: 岡村 of ナイナイ
            previous = (current, self.heads.get(current, token.i))
        self._dotted_places()
        self._brand_names()

    def _brand_names(self) -> None:
        """A product whose name opens with the name of a company the document names, in any of its spellings, makes
        it, or sells it: Intel Core i7 (インテル), NEC MEDIAS BR IS11N, auスマートパス (not EU9i: the company's name is a
        word of its own); a shop so named (ソニーストア, of whatever type the tagger gave it) is run by the company."""
        ctx = self.ctx
        for product, last in self.heads.items():
            name = ctx.mentions[product].text
            shop = name.endswith(ctx.shops)
            if not (ctx.mentions[product].type == "Product" or shop) or not self.sent.start <= last < self.sent.end:
                continue
            makers = [i for i, spellings in ctx.companies if any(
                len(name) > len(n) and name.startswith(n) and (_word_ends(name, len(n)) or name[len(n):] in ctx.shops)
                for n in spellings)]
            if makers:
                maker = min(makers, key=lambda i: abs(ctx.mentions[i].start - ctx.mentions[product].start))
                kind = "operates" if shop else ctx.maker_kind(maker)
                self.emit(maker, kind, product, "brand-name", self.doc[last])

    def _dotted_places(self) -> None:
        """台湾・台北, 韓国・全州: a place the gazetteer knows, a middle dot and one it does not: the second is in the
        first (two the gazetteer knows, 日本・韓国, are a list, and so are three or more)."""
        ctx, doc = self.ctx, self.doc
        for outer, last in self.heads.items():
            j, inner = last + 2, None
            if self.sent.start <= last and j < self.sent.end and doc[last + 1].text == "・":
                inner = self.entity_at[j]
            if inner is None or self._first(inner) != j or doc[max(self._first(outer) - 1, 0)].text == "・" \
                    or self.heads[inner] + 1 < self.sent.end and doc[self.heads[inner] + 1].text == "・":
                continue
            m_outer, m_inner = ctx.mentions[outer], ctx.mentions[inner]
            known = m_outer.source == "gazetteer" and m_inner.source != "gazetteer"
            if m_outer.type == m_inner.type == "Place" and known:
                self.emit(inner, "locatedIn", outer, "compound-place", doc[j])


def _word_ends(name: str, at: int) -> bool:
    """Whether a word of the name ends at character ``at``: a space follows, or letters give way to other script."""
    return name[at] in " \u3000" or is_latin(name[at - 1]) != is_latin(name[at]) and not name[at].isdigit()
