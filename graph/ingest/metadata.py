"""Metadata a document carries in its own text: a Markdown file's YAML front matter, and the header of a
plain-text article, its first lines a URL and/or a date(-time) and then its title (as news sites and their
scrapers write them). Dates are given in ISO 8601.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_URL_LINE = re.compile(r"https?://[^\s<>\"]+")
_DATE_LINE = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:(?:[T\s]|\s*[（(][^）)]{1,3}[）)]\s*)(?P<H>\d{1,2})[:時](?P<M>\d{2})分?(?::(?P<S>\d{2}))?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|JST)?")
TITLE_LENGTH = 200  # a longer line is a paragraph, not a title


def header(text: str) -> tuple[dict, list[tuple[int, int, str]]]:
    """The URL and date that open a text (in either order, one line each) and the title on the next line,
    as metadata; and the spans of the URL and date lines, which are not the article's text. Nothing if the
    text does not start so."""
    meta: dict = {}
    spans: list[tuple[int, int, str]] = []
    position = 0
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        start = position + len(line) - len(line.lstrip())
        if stripped and "url" not in meta and _URL_LINE.fullmatch(stripped):
            meta["url"] = stripped
            spans.append((start, start + len(stripped), "url"))
        elif stripped and "date" not in meta and (found := iso_date(stripped, whole=True)):
            meta["date"] = found
            spans.append((start, start + len(stripped), "date"))
        elif stripped or not meta:
            break
        position += len(line)
        index += 1
        if len(meta) == 2:
            break
    if meta:
        title = next((line.strip() for line in lines[index:] if line.strip()), "")
        if title and len(title) <= TITLE_LENGTH and not _URL_LINE.fullmatch(title):
            meta["title"] = title
    return meta, spans


def iso_date(text: str, whole: bool = False) -> str | None:
    """A date or date-time as ISO 8601 (2011-10-14T16:44:00+09:00), or None if ``text`` is not one (with
    ``whole``, if it is not only one)."""
    match = (_DATE_LINE.fullmatch if whole else _DATE_LINE.match)(text.strip())
    if match is None:
        return None
    try:
        day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    if match["H"] is None:
        return day.isoformat()
    try:
        moment = datetime(day.year, day.month, day.day, int(match["H"]), int(match["M"]), int(match["S"] or 0))
    except ValueError:
        return None
    zone = match["tz"] or ""
    zone = "+09:00" if zone == "JST" else zone if len(zone) != 5 else f"{zone[:3]}:{zone[3:]}"
    return moment.isoformat() + zone


def normalise_date(value) -> object:
    """A metadata date in ISO 8601 where it can be read as one; anything else as it was."""
    if isinstance(value, str):
        return iso_date(value, whole=True) or value
    return value


def front_matter(text: str) -> tuple[str, dict]:
    """Split YAML front matter (between `---` lines at the very start) from a Markdown body."""
    if not text.startswith("---"):
        return text, {}
    lines = text.splitlines(keepends=True)
    if lines[0].rstrip() != "---":
        return text, {}
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            import yaml

            try:
                meta = yaml.safe_load("".join(lines[1:i])) or {}
            except yaml.YAMLError:
                return text, {}
            if not isinstance(meta, dict):
                return text, {}
            return "".join(lines[i + 1:]), {k: _plain(v) for k, v in meta.items()}
    return text, {}


def _plain(value):
    """Front-matter values as JSON-safe scalars (YAML dates become ISO strings)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)


