"""People named with a role: 同社社長の山田氏, トヨタの佐藤社長 (leads), アナリストの…氏 (worksFor where the
organisation is named), 佐藤社長 alone in an article about a company (its topic)."""

from __future__ import annotations


class Roles:
    def _roles(self) -> None:
        """A person named with a role works for an organisation, or leads it for a leader's role (社長, CEO):
        同社社長の山田氏, トヨタの佐藤社長, and 佐藤社長 alone in an article about a company, whose topic it is."""
        ctx, doc = self.ctx, self.doc
        for index, last in self.heads.items():
            person = ctx.mentions[index]
            if person.type != "Person" or not person.role or not self.sent.start <= last < self.sent.end:
                continue
            first = min(i for i in range(self.sent.start, last + 1) if self.entity_at[i] == index)
            kind = "leads" if person.role in ctx.leader_roles else \
                "memberOf" if person.role in ctx.member_roles else "worksFor"
            org, rule = None, "role"
            if first >= 3 and doc[first - 1].text == "の" and doc[first - 2].text == person.role:
                org = self._filler(doc[first - 3])  # 同社社長の山田氏, トヨタ社長の佐藤氏
            elif first >= 2 and doc[first - 1].text == "の":
                org = self._filler(doc[first - 2])  # トヨタの佐藤社長
            if org is not None and ctx.mentions[org].type != "Organization":
                continue  # カリフォルニア州のジェリー・ブラウン知事: the text says whose role it is
            if org is None:
                org, rule = ctx.topic_for(kind) if kind == "leads" else None, "role-topic"
                org = org if org is not None and ctx.mentions[org].type == "Organization" else \
                    (ctx.last_of_type("Organization", person.start) if kind == "leads" else None)
            if org is not None:
                self.emit(index, kind, org, rule, doc[last])

