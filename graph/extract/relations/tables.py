"""Facts that product news lays out in lines rather than sentences:

- a specification table, under a heading that names the product (■「AT830」の主なスペック) or in an article about
  one product: each row's key says what its names are to the product (OS：Android4.0 is built into it;
  無線LAN：IEEE802.11 b/g/n, Bluetooth：3.0, GPS ◯ are technologies it uses; a row marked - or × says it does
  not; メーカー シャープ株式会社 makes it), a key alone on its line keys the row after it (CPU / (チップ名/クロック)
  MSM8960);
- a list of products under a heading that says something of them all (○Xi対応, ■Android 4.0搭載モデル);
- a record of one thing (an app's: アプリ名：X, 開発者：Y, ANDROID 要件：2.2 以上): its maker and what it requires.

A line is a segment (graph.nlp cuts documents at line ends); a heading holds until a blank line or the next
heading. The row keys are the profile's ``tables`` section.
"""

from __future__ import annotations

import re

from graph.extract.mentions import RECORD_ROW, in_quotes

_ROW = re.compile(r"^\s*(?P<key>[^：:\s][^：:]{0,15}?)\s*(?:[：:]|\s{1,}|\t)\s*(?P<value>\S.*)$")
_CELL_MARK = re.compile(r"(?<=\s)(\S)(?:※\d+)?(?=\s|$)")  # a cell's mark, and its note: ○, −, ○※1
_ITEM_MARKS = "・●○◆◇-－*＊"
_HEADING_MARKS = "■□◆◇●○【"


class Tables:
    def _layout(self, blank_before: bool) -> None:
        """Read the segment as a line of a layout: a heading, a row of a table, an item of a list."""
        ctx, doc = self.ctx, self.doc
        text = doc.text.strip()
        if blank_before and not (ctx.heading and ctx.heading["table"]):
            ctx.heading = None
        if blank_before:
            ctx.record = None
        if not text:
            return
        if "。" in text and ctx.heading and ctx.heading["table"]:
            ctx.heading = None  # prose again: the table is over
        names = self._line_mentions()
        if ctx.document_product is False:  # the first line read: a title, whose product or event the article is about
            # the quoted product first, not a service it supports (…NOTTVに対応した「REGZA Phone T-02D」)
            products = [i for i in names if ctx.mentions[i].type == "Product"]
            quoted = [i for i in products if in_quotes(self.doc, self._first(i), self.heads[i] + 1)]
            ctx.document_product = (quoted or products or [None])[0]
            ctx.document_event = next((i for i in names if ctx.mentions[i].type == "Event"), None)
        if self._record_row(text, names):
            return
        if self._is_heading(text):
            ctx.heading = {"product": next((i for i in names if ctx.mentions[i].type == "Product"), None),
                           "says": self._heading_predicate(),
                           "table": any(word in text for word in ctx.table_headings)}
            return
        if text[0] in _ITEM_MARKS and ctx.heading and ctx.heading["says"]:
            kind, named, anchor = ctx.heading["says"]
            for item in (i for i in names if ctx.mentions[i].type == "Product"):
                s, o = (named, item) if kind == "installedIn" else (item, named)
                self._emit_line(s, kind, o, "listed-under")
            return
        if not (ctx.heading and ctx.heading["table"]) or "。" in text:
            return
        text = text.lstrip(_ITEM_MARKS + " \u3000")  # ・CPU：Intel Core i5-3317U
        if self._cells(text, names):
            return
        row = _ROW.match(text)
        pending = ctx.heading.pop("pending", None)
        if row is None:
            if len(text) <= 20:  # a key whose values are on the next line: CPU / (チップ名/クロック) MSM8960
                ctx.heading["pending"] = (text, names)
            return
        product = ctx.heading["product"] or ctx.document_product
        key, value = row.group("key").strip(), row.group("value").strip()
        key_end = self.offset + doc.text.index(key) + len(key)
        if pending and key[0] in "(（":
            key, names = pending[0], pending[1] + names
        in_key = [i for i in names if ctx.mentions[i].end <= key_end]
        if product is None or any(ctx.mentions[i].type == "Product" for i in in_key):
            return  # a row of a table of products (ISW11SC Android 2.3.6 ○ ×): not a row of one product's table
        kind = ctx.table_keys.get(key, "usesTechnology")
        mark = re.sub(r"\s*[（(].*$", "", value)  # ◯（10台）
        negated = mark in ctx.table_absent
        # a row whose key is a technology (GPS ◯, Bluetooth：3.0, Bluetooth：2.1+EDR) says whether the product has it
        key_says = (negated or mark in ctx.table_present or re.match(r"^\d[\d.]*(?:\s?\+\s?\w+)?$", value)) and \
            re.sub(r"[（）()\s]", "", key) == "".join(ctx.mentions[i].text for i in in_key).replace(" ", "")
        for index in names:
            m = ctx.mentions[index]
            if index == product or (m.end <= key_end and not key_says):
                continue
            in_key = m.end <= key_end
            found_kind = "usesTechnology" if in_key else kind
            if not in_key and key in ctx.record_makers:  # メーカー シャープ株式会社: the maker's row
                self._emit_line(index, ctx.record_makers[key], product, "table-row")
            elif found_kind == "installedIn":
                self._emit_line(index, "installedIn", product, "table-row")
            else:
                self._emit_line(product, "usesTechnology", index, "table-row", "negated" if negated else None)

    def _record_row(self, text: str, names: list[int]) -> bool:
        """Read a row of a record, if it is one: a row that names the record's thing (アプリ名：X) starts it; a maker's
        row (開発者：Y) says the maker makes it, and a requirement's (条件：…iOS 4.1 以降が必要, ANDROID 要件：2.2 以上)
        that it uses the technologies the row names."""
        ctx, row = self.ctx, RECORD_ROW.match(text)
        if row is None:
            return False
        key = row.group("key").strip()
        value_start = self.offset + self.doc.text.index(row.group("value"))
        in_value = [i for i in names if ctx.mentions[i].start >= value_start]
        if key in ctx.record_names:
            ctx.record = next((i for i in in_value if ctx.mentions[i].type == "Product"), None)
            return True
        if ctx.record is None:
            return False
        kind = ctx.record_makers.get(key)
        if kind:
            maker = next((i for i in in_value if ctx.fits(kind, i, ctx.record)), None)
            if maker is not None:
                self._emit_line(maker, kind, ctx.record, "record")
            return True
        if key.endswith(ctx.record_requirements):
            for index in names:
                if ctx.mentions[index].type == "Technology":
                    self._emit_line(ctx.record, "usesTechnology", index, "record")
            return True
        return False

    def _cells(self, text: str, names: list[int]) -> bool:
        """Read a row of cells, each a name and its mark, if the line is one: ワンセグ ○ Bluetooth ○ シンプルモード −.
        Each technology marked says whether the product has it."""
        ctx = self.ctx
        product = ctx.heading["product"] or ctx.document_product
        marks = [(m.start(), m.group(1)) for m in _CELL_MARK.finditer(text)
                 if m.group(1) in ctx.table_present or m.group(1) in ctx.table_absent]
        if len(marks) < 2 or product is None:
            return False
        line_start = self.offset + self.doc.text.index(text)
        cell_start = line_start
        for at, mark in marks:
            for index in names:
                m = ctx.mentions[index]
                if cell_start <= m.start and m.end <= line_start + at and m.type == "Technology":
                    self._emit_line(product, "usesTechnology", index, "table-row",
                                    "negated" if mark in ctx.table_absent else None)
            cell_start = line_start + at + len(mark)
        return True

    def _is_heading(self, text: str) -> bool:
        """A heading: a short line after a mark (■主な仕様), or that ends with a table's heading word, or opens with one
        (主な仕様は以下の通り)."""
        headings = self.ctx.table_headings
        return len(text) <= 60 and (text[0] in _HEADING_MARKS or text.endswith(headings)) \
            or len(text) <= 20 and text.startswith(headings)

    def _line_mentions(self) -> list[int]:
        return list(dict.fromkeys(i for i in self.entity_at if i is not None))

    def _heading_predicate(self):
        """(kind, name, token) of a heading that says something of the items under it: ○Xi対応, Android搭載モデル."""
        for token in self.doc:
            frame = self.frame(token)
            before = self.entity_at[token.i - 1] if token.i > 0 else None
            if frame is None or before is None or frame.kind not in ("usesTechnology", "installedIn"):
                continue
            return frame.kind, before, token
        return None

    def _emit_line(self, subject: int, kind: str, obj: int, rule: str, modality: str | None = None) -> None:
        self.sent = self.doc[:]
        self.evidence = (self.offset + len(self.doc.text) - len(self.doc.text.lstrip()),
                         self.offset + len(self.doc.text.rstrip()))
        self.emit(subject, kind, obj, rule, None, modality=modality or "asserted")
