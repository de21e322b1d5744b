"""How a sentence says a fact: planned (予定), speculative (可能性, かもしれない), reported (と語った), negated
(ない), past (契約した), or asserted."""

from __future__ import annotations


_CLAUSES = ("acl", "advcl", "ccomp", "csubj", "xcomp", "obl")  # what a clause hangs from


class Modality:
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
        if own or anchor.lemma_ in cues.get("planned", ()):  # 発売予定: the predicate is the plan of its event
            lemmas |= {anchor.lemma_}
        if lemmas & cues.get("speculative", set()) and "しれる" in lemmas | {"しれ"}:
            return "speculative"
        if lemmas & cues.get("negated", set()):
            return "negated"
        for name in ("speculative", "planned", "reported"):
            if lemmas & cues.get(name, set()):
                return name
        node, event = anchor, anchor.pos_ == "NOUN" and self.frame(anchor) is not None
        for _ in range(3):
            if node.head.i == node.i or node.dep_ not in _CLAUSES + (("obj", "nsubj") if node is anchor and event
                                                                     else ()):  # 買収を検討: an event's noun too
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


