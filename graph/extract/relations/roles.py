"""People named with a role: 同社社長の山田氏, トヨタの佐藤社長 (leads), アナリストの…氏 (worksFor where the
organisation is named), 佐藤社長 alone in an article about a company (its topic)."""

from __future__ import annotations

from graph.extract.mentions import role_before


class Roles:
    def _roles(self) -> None:
        """A person named with a role works for an organisation, or leads it for a leader's role (社長, CEO):
        同社社長の山田氏, トヨタの佐藤社長, Avid のマーケティングマネージャーの…氏, and 佐藤社長 alone in an article
        about a company, whose topic it is."""
        ctx, doc = self.ctx, self.doc
        for index, last in self.heads.items():
            person = ctx.mentions[index]
            if person.type != "Person" or not person.role or not self.sent.start <= last < self.sent.end:
                continue
            first = min(i for i in range(self.sent.start, last + 1) if self.entity_at[i] == index)
            kind = "leads" if person.role in ctx.leader_roles else \
                "memberOf" if person.role in ctx.member_roles else "worksFor"
            org, rule = None, "role"
            role_at = role_before(doc, first, ctx.lex)
            if role_at is not None:  # (the parser may end a sentence at the role: ソフトバンクの代表 孫正義氏)
                if self.entity_at[role_at] is not None:
                    continue  # 日本代表の香川: the word is part of a name, not a role
                org = self._role_owner(role_at)
            elif first >= 2 and doc[first - 1].text == "の":
                org = self._filler(doc[first - 2])  # トヨタの佐藤社長
            if org is not None and ctx.mentions[org].type != "Organization":
                continue  # カリフォルニア州のジェリー・ブラウン知事: the text says whose role it is
            if org is None and person.role in ctx.public_roles:
                continue  # 橋下市長: a mayor of a city the text does not name, not of the company it is about
            if org is None and kind == "leads":
                org, rule = self._led(index), "role-topic"
            if org is not None:
                self.emit(index, kind, org, rule, doc[last], modality=self._former(org))

    def _led(self, person: int) -> int | None:
        """The company a leader named with a bare role (山田社長) leads: the one the document has already said
        they lead, else the last one named before them in the sentence, else the company the text is about (its
        topic); not any company named earlier, which may be another's (グーグル in an article on ドコモ's 山田社長)."""
        ctx = self.ctx
        said = next((r.object for r in ctx.relations if r.predicate == "leads" and ctx.same(r.subject, person)), None)
        if said is not None:
            return said
        last = ctx.last_of_type("Organization", ctx.mentions[person].start)
        if last is not None and ctx.mentions[last].start >= self.offset + self.doc[self.sent.start].idx:
            return last
        return next((m for m in reversed(ctx.topics) if ctx.mentions[m].type == "Organization"), None)

    def _role_owner(self, i: int) -> int | None:
        """Whose the role at token ``i`` is: the name right before the role's words, or before the の after it
        (トヨタ社長, 同社社長, Avid のセグメント・マーケティングマネージャー)."""
        doc, j, start = self.doc, i - 1, self.doc[i].sent.start
        while j >= start and i - j <= 4 and self.entity_at[j] is None and doc[j].text not in ("の", "、") \
                and doc[j].text not in self.ctx.anaphora and doc[j].pos_ in ("NOUN", "SYM"):
            j -= 1
        if j >= start and doc[j].text == "の":
            j -= 1
        return self._filler(doc[j]) if j >= start else None

    def _former(self, org: int) -> str | None:
        """元日本テレビアナウンサー: a role the person had ("past"), by a prefix before its organisation."""
        start = self.ctx.mentions[org].start - self.offset
        before = self.doc.text[start - 1:start] if start > 0 else ""
        return "past" if before in self.ctx.lex.former_prefixes else None
