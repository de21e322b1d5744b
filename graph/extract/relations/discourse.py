"""What the text is about: a name marked with は becomes the topic of the sentences after it, a line that is
only a name (a byline, a heading) too, and a predicate without a subject takes the topic; いずれも and 両機種とも
stand for the list the sentence before named."""

from __future__ import annotations

from collections import defaultdict

from graph.extract.relations.frames import RECENT

_SENTENCE_ENDS = ("。", "！", "？", "!", "?")
_COLLECTIVE_MARKS = ("も", "は", "が", "とも")


class Discourse:
    def _standalone_topic(self) -> None:
        """A line that is only a name (a byline, a heading) makes that name the topic."""
        tokens = [t for t in self.sent if not (t.is_punct or t.is_space)]
        if tokens and all(self.entity_at[t.i] is not None for t in tokens):
            for t in tokens:
                if self.ctx.mentions[self.entity_at[t.i]].type in ("Person", "Organization"):
                    self.ctx.topics.append(self.entity_at[t.i])
                    return

    def sentence_topic(self, pred, kind: str, side: str = "subject") -> int | None:
        """The name marked with は before a predicate of its own sentence, when the parse hung it elsewhere; or
        the name a headline opens with before a comma (UQコミュニケーションズ、…を発売). ``side`` says which end of
        the fact it fills, for the types it may have."""
        allowed = self.ctx.kinds.get(kind, {}).get(side, [])
        start = self.sent.start  # where the sentence starts in writing, which the parse may have split
        while start > 0 and self.doc[start - 1].text not in _SENTENCE_ENDS and "\n" not in self.doc[start - 1].text \
                and "\n" not in self.doc[start - 1].whitespace_:
            start -= 1
        first = next((t.i for t in self.doc[start:pred.i] if not (t.is_punct or t.is_space or t.pos_ == "SYM")), start)
        opening = self.entity_at[first]  # (after a line's mark: ■NTTドコモ、…を発売)
        last = self.heads.get(opening) if opening is not None else None
        listed = self.entity_at[last + 2] if last is not None and last + 2 < len(self.doc) else None
        if listed is not None and (self.ctx.mentions[listed].type != self.ctx.mentions[opening].type
                                   or self.heads[listed] + 1 < len(self.doc)
                                   and self.doc[self.heads[listed] + 1].text == "の"):
            listed = None  # not a list: Google、どらえもんの誕生を記念して…
        if last is not None and last + 1 < pred.i and self.doc[last + 1].text == "、" \
                and self.ctx.mentions[opening].type in allowed and not self.relative_clause(pred) and listed is None:
            return opening  # not トヨタ、ホンダ、日産が…: a list
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

    def _update_list(self, first: int) -> None:
        """Remember the longest list this sentence names: written as one (「A」「B」「C」の3モデル, AやB), or
        named together by its facts (from fact ``first`` on): the things one subject's predicate takes
        (ドコモが「A」と「B」を発売), or the subjects that one thing's takes."""
        ctx, groups = self.ctx, defaultdict(list)
        for r in ctx.relations[first:]:
            if r.predicate != "relatedTo":
                groups["object", ctx.name_of(r.subject), r.predicate].append(r.object)
                groups["subject", ctx.name_of(r.object), r.predicate].append(r.subject)
        for index, last in self.heads.items():
            if self.sent.start <= last < self.sent.end:
                groups["written", index] = [*self._listed_before(index), index]
        items = max(({ctx.name_of(i): i for i in group}.values() for group in groups.values()), key=len, default=())
        if len(items) > 1:
            ctx.listed = (list(items), self.evidence[1])

    def collective(self, pred) -> list[int]:
        """いずれも, 両機種とも, 全機種が, 2機種とも: before a predicate, words that stand for every item of the list
        the text has just named (…「A」と「B」を発売する。いずれもAndroid 4.0を搭載): that list, if named within
        about a sentence."""
        listed, end = self.ctx.listed
        lex, doc = self.ctx.lex, self.doc
        if not listed or self.evidence[0] - end > RECENT:
            return []
        for t in doc[self.sent.start:pred.i]:
            marked = doc[t.i + 1].text in _COLLECTIVE_MARKS
            counted = t.text in lex.generic_products and t.i > self.sent.start \
                and (doc[t.i - 1].text in lex.collective_prefixes or doc[t.i - 1].like_num)
            if marked and (t.lemma_ in lex.collective_pronouns or counted):
                return listed
        return []
