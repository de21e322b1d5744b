"""Measured values said of an entity: N2プロセス(70%以上), 歩留まりが40〜45%と報じられるサムスン, 2nmプロセス「SF2」."""

from __future__ import annotations

from graph.extract.relations.base import confidence
from graph.model import Relation


class Measures:
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
                            confidence=confidence("attribute"), modality=modality, date=self.date_of(anchor))
        self.ctx.relations.append(relation)

