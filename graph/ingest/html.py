"""The visible text of an HTML page and its metadata: the title, date, URL and author that the page's
``<title>``, ``<meta>`` (Open Graph, ``article:``, ``name=date``), ``<link rel=canonical>`` and schema.org JSON-LD
(``headline``, ``datePublished``, ``author``, ``url``) give; JSON-LD first, then Open Graph, then the rest.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "header", "footer", "blockquote", "pre", "hr", "dt", "dd", "figcaption", "main", "aside", "nav",
}
# <meta name|property=...> -> metadata key, most trusted first for each key
_META = {"og:title": "title", "twitter:title": "title", "og:url": "url", "og:site_name": "site",
         "article:published_time": "date", "og:article:published_time": "date", "pubdate": "date",
         "publishdate": "date", "date": "date", "dc.date": "date", "dcterms.date": "date",
         "article:author": "author", "author": "author", "og:description": "description",
         "description": "description", "keywords": "keywords"}
_RANK = {name: rank for rank, name in enumerate(_META)}
_ARTICLES = {"newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "webpage",
             "report", "techarticle"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.meta: dict[str, tuple[int, str]] = {}  # key -> (rank, value)
        self.title: list[str] = []
        self.json_ld: list[str] = []
        self._in: str | None = None  # "title" or "json-ld" while inside one

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = {k: v or "" for k, v in attrs}
        if tag == "html" and attrs.get("lang"):
            self._set("language", attrs["lang"], -1)
        elif tag == "meta":
            name = (attrs.get("property") or attrs.get("name") or "").strip().lower()
            if name in _META and attrs.get("content", "").strip():
                self._set(_META[name], attrs["content"].strip(), _RANK[name])
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            self._set("url", attrs["href"].strip(), _RANK["og:url"] + 0.5)
        elif tag == "title":
            self._in = "title"
        elif tag == "script" and attrs.get("type", "").lower() == "application/ld+json":
            self._in = "json-ld"
            self.json_ld.append("")
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "script"):
            self._in = None
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title.append(data)
        elif self._in == "json-ld":
            self.json_ld[-1] += data
        if not self.skipping:
            self.parts.append(data)

    def _set(self, key: str, value: str, rank: float) -> None:
        if key not in self.meta or rank < self.meta[key][0]:
            self.meta[key] = (rank, value)

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")


def html_text(markup: str) -> tuple[str, dict]:
    """The visible text of an HTML page (scripts, styles and comments dropped, entities decoded) and its metadata."""
    parser = _Visible()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    text = "\n".join(line for line in lines if line)
    meta = {key: value for key, (_, value) in parser.meta.items()}
    for block in parser.json_ld:
        for key, value in _article(block).items():
            meta[key] = value  # the page's own structured data outranks its tags
    title = " ".join("".join(parser.title).split())
    if title:
        meta.setdefault("title", title)
    return text, meta


def _article(block: str) -> dict[str, str]:
    """headline, datePublished, url and author of the first article a JSON-LD block describes."""
    try:
        data = json.loads(block)
    except ValueError:
        return {}
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        kinds = item.get("@type", [])
        kinds = {k.lower() for k in ([kinds] if isinstance(kinds, str) else kinds) if isinstance(k, str)}
        if kinds & _ARTICLES and (item.get("headline") or item.get("datePublished")):
            out = {"title": item.get("headline"), "date": item.get("datePublished"), "url": item.get("url"),
                   "author": _name(item.get("author"))}
            return {k: " ".join(v.split()) for k, v in out.items() if isinstance(v, str) and v.strip()}
        stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return {}


def _name(author) -> str | None:
    """An author's name: a string, a Person object, or the first of a list of them."""
    if isinstance(author, list):
        author = author[0] if author else None
    if isinstance(author, dict):
        author = author.get("name")
    return author if isinstance(author, str) else None
