"""The lines of a document that are not the article's own text, marked so that nothing is extracted from them.

News arrives wrapped: a header (a URL and a date line, marked by ingest), lists of links to other articles
after a heading (■関連記事, 【関連リンク】, ■…の記事をもっと見る), bylines, credits and copyright lines, a shop's
advertisement (a product, its maker, クチコミを見る), and footers a site puts under every article. The words that
mark them are the profile's ``boilerplate`` section; a footer is a line found word for word in many documents of
one build. Each becomes a (start, end, kind) span of whole lines on the Document (kinds: links, credit,
advert, repeated); offsets still index the whole text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from graph.model import Document
from graph.profile import Profile

SHORT = 100  # a heading, a credit or a list item is no longer than this; a paragraph is


@dataclass(frozen=True)
class Rules:
    link_lists: tuple[str, ...]
    credits: tuple[re.Pattern, ...]
    advert_ends: frozenset[str]
    marks: str
    documents: int
    length: int
    headings: tuple[str, ...]  # what a table's heading ends with: content however often it recurs (■主な仕様)

    @classmethod
    @lru_cache(maxsize=8)
    def of(cls, profile: Profile) -> Rules:
        section = profile["boilerplate"]
        repeated = section.get("repeated", {})
        return cls(tuple(section.get("link_lists", [])), tuple(re.compile(p) for p in section.get("credits", [])),
                   frozenset(section.get("advert_ends", [])), section.get("marks", ""),
                   int(repeated.get("documents", 0)), int(repeated.get("length", 0)),
                   tuple(profile["tables"].get("headings", [])))


def mark(documents: list[Document], profile: Profile) -> list[Document]:
    """The documents with their boilerplate spans added (those ingest marked are kept), in the same order."""
    rules = Rules.of(profile)
    repeated = repeated_lines(documents, rules)
    out = []
    for document in documents:
        found = spans(document.text, rules, repeated)
        if found:
            merged = tuple(sorted(set(document.boilerplate) | set(found)))
            document = replace(document, boilerplate=merged)
        out.append(document)
    return out


def repeated_lines(documents: list[Document], rules: Rules) -> set[str]:
    """Lines found, stripped and word for word, in ``rules.documents`` documents or more: a site's footers, but
    not a table's heading (■主な仕様)."""
    if rules.documents < 2 or len(documents) < rules.documents:
        return set()
    counts: Counter[str] = Counter()
    for document in documents:
        counts.update({line.strip() for line in document.text.splitlines() if line.strip()})
    return {line for line, n in counts.items()
            if n >= rules.documents and (len(line) >= rules.length or line[0] in rules.marks)
            and not line.endswith(rules.headings)}


def spans(text: str, rules: Rules, repeated: set[str] = frozenset()) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the boilerplate lines of one text."""
    lines = []  # (start, end, stripped text) of every line, blank ones included
    position = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        start = position + len(raw) - len(raw.lstrip())
        lines.append((start, start + len(stripped), stripped))
        position += len(raw)
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(lines):
        start, end, line = lines[i]
        if not line:
            i += 1
            continue
        if _heads_links(line, rules):
            j = i + 1
            while j < len(lines) and lines[j][2] and (len(lines[j][2]) <= SHORT or lines[j][2][0] in rules.marks):
                j += 1
            out.append((start, lines[j - 1][1], "links"))
            i = j
            continue
        if line in rules.advert_ends:
            first = i
            while first > 0 and lines[first - 1][2] and len(lines[first - 1][2]) <= SHORT:
                first -= 1
            while out and out[-1][0] >= lines[first][0]:
                out.pop()
            out.append((lines[first][0], end, "advert"))
        elif len(line) <= SHORT and any(p.search(line) for p in rules.credits):
            out.append((start, end, "credit"))
        elif line in repeated:
            out.append((start, end, "repeated"))
        i += 1
    return out


def _heads_links(line: str, rules: Rules) -> bool:
    """A short line that names a list of links: ■関連記事, 【関連リンク】, ■「虎の巻」の記事をもっとみる."""
    if len(line) > 60:
        return False
    bare = line.strip(rules.marks + "】』」 \u3000")
    return any(bare == heading or bare.endswith(heading) and line[0] in rules.marks for heading in rules.link_lists)


def covered(document: Document, start: int, end: int) -> bool:
    """Whether the stretch [start, end) of a document lies inside one of its boilerplate spans."""
    return any(s <= start and end <= e for s, e, _ in document.boilerplate)
