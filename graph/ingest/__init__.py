"""Read articles into Documents: find files, detect encodings, strip markup, keep metadata.

A Document's ``text`` is exactly what offsets refer to: the decoded file (a BOM removed, nothing else
changed) for ``.txt``; the body after any front matter for ``.md``; the visible text for ``.html``; the
``text`` field of each record for ``.jsonl``; the text of a ``.pdf``'s pages (graph.ingest.pdf). Metadata come
from front matter, HTML tags and JSON-LD, JSONL keys, a PDF's information, and the header a plain text may
start with (a URL and a date line, then the title: graph.ingest.metadata), whose lines are marked as not the
article's text. What cannot be read is yielded as a ``Skipped`` with the reason, and the rest goes on.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.ingest import metadata
from graph.ingest.metadata import front_matter
from graph.model import Document, InputError

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".pdf")
MAX_CHARS = 1_000_000
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_JAPANESE = ["cp932", "euc_jp", "iso2022_jp", "utf_16", "utf_8"]
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that gave no document, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def discover(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = (),
             follow_links: bool = False) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """Every article under the inputs, as (path, document id) sorted by id then path, and what was not read.
    Paths are as found from the inputs given (relative stays relative), so a document's source does not
    depend on where the project is checked out.

    Folders are searched recursively, hidden ones and ``exclude`` (the output folder) left out. A symbolic
    link to a file or folder outside the folder given is named and not followed, unless ``follow_links``
    (it could pull /etc into a graph); a linked folder is read once, so a symlink loop ends. A document's id
    is its path relative to the folder given, without the suffix, or the file's stem when a file is given.
    A missing input raises InputError.
    """
    found: dict[Path, tuple[Path, str]] = {}  # the real file -> (the path it was found by, its id)
    problems: list[Skipped] = []
    excluded = {Path(p).resolve() for p in exclude}

    def unreadable(error: OSError) -> None:
        problems.append(Skipped(str(error.filename), f"cannot read folder: {error.strerror}"))

    for given in map(Path, inputs):
        if not given.exists():
            raise InputError(f"{given}: no such file or folder")
        if given.is_file():
            found.setdefault(given.resolve(), (given, given.stem))
            continue
        top = given.resolve()
        seen_dirs: set[Path] = set()

        def outside(path: Path, real: Path) -> bool:
            if follow_links or real.is_relative_to(top):
                return False
            problems.append(Skipped(str(path), f"a link to {real}, outside {given}: not followed "
                                               "(--follow-links reads it)"))
            return True

        for root, dirs, files in os.walk(given, followlinks=True, onerror=unreadable):
            real = Path(root).resolve()
            if real in seen_dirs or real in excluded:
                dirs[:] = []
                continue
            seen_dirs.add(real)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and not outside(Path(root) / d, (Path(root) / d).resolve()))
            for name in sorted(files):
                path = Path(root) / name
                if name.startswith(".") or path.suffix.lower() not in SUFFIXES:
                    continue
                try:
                    real = path.resolve(strict=True)
                except (OSError, RuntimeError) as exc:  # a symlink loop, a dangling symlink
                    problems.append(Skipped(str(path), f"cannot follow: {getattr(exc, 'strerror', None) or exc}"))
                    continue
                if not outside(path, real):
                    found.setdefault(real, (path, path.relative_to(given).with_suffix("").as_posix()))
    return sorted(found.values(), key=lambda pair: (pair[1], str(pair[0]))), problems


def read(inputs: Iterable[str | Path], max_chars: int = MAX_CHARS, exclude: Iterable[str | Path] = (),
         follow_links: bool = False) -> Iterator[Document | Skipped]:
    """Documents from the inputs, in a stable order, and what could not be used, with the reason.

    A text seen before under another name is skipped, and so is one longer than ``max_chars`` (no article
    is that long; a dump or a log file is). ``exclude`` and ``follow_links`` are as for :func:`discover`.
    """
    seen_text: dict[str, str] = {}
    seen_ids: set[str] = set()
    files, problems = discover(inputs, exclude, follow_links)
    yield from problems
    for path, doc_id in files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            yield Skipped(str(path), f"cannot read: {exc.strerror}")
            continue
        if path.suffix.lower() == ".jsonl":
            items: Iterable[Document | Skipped] = _jsonl(path, raw)
        else:
            items = [_document(path, doc_id, raw)]
        for item in items:
            if isinstance(item, Document):
                where = f"{item.source}:{item.meta['line']}" if "line" in item.meta else item.source
                if len(item.text) > max_chars:
                    yield Skipped(where, f"{len(item.text):,} characters, over the limit of {max_chars:,} "
                                         "for one document")
                    continue
                if item.sha256 in seen_text:
                    yield Skipped(where, f"same text as document {seen_text[item.sha256]!r}")
                    continue
                if item.id in seen_ids:
                    yield Skipped(where, f"a document with id {item.id!r} was read already")
                    continue
                seen_text[item.sha256] = item.id
                seen_ids.add(item.id)
            yield item


def from_text(text: str, doc_id: str, **meta) -> Document:
    """A Document from a string (the Python API's way in)."""
    return _make(doc_id, text, f"<{doc_id}>", meta)


def decode(raw: bytes) -> str:
    """Decode bytes whatever their Japanese encoding; raise ValueError for binary or undecodable data."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise ValueError(f"starts with a {codec} byte-order mark but is not {codec}: {exc.reason}")
    if b"\x1b$" in raw:  # ISO-2022-JP escapes are plain ASCII: look for them before trusting UTF-8
        try:
            return raw.decode("iso2022_jp")
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        raise ValueError("binary data (NUL bytes), not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=_JAPANESE).best() or from_bytes(raw).best()
    if best is None:
        raise ValueError("cannot be decoded: not UTF-8, and no single encoding reads it (it may mix encodings)")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise ValueError("binary data, not text")
    return text


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / len(text)


def _document(path: Path, doc_id: str, raw: bytes) -> Document | Skipped:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from graph.ingest.pdf import Unreadable, pdf_text

        try:
            text, meta = pdf_text(raw)
        except Unreadable as exc:
            return Skipped(str(path), str(exc))
        return _make(doc_id, text, str(path), meta)
    try:
        text = decode(raw)
    except ValueError as exc:
        return Skipped(str(path), str(exc))
    if _control_ratio(text) > 0.05:
        return Skipped(str(path), "binary data, not text")
    meta: dict = {}
    header: list = []
    if suffix in (".md", ".markdown"):
        text, meta = front_matter(text)
    elif suffix in (".html", ".htm"):
        from graph.ingest.html import html_text

        text, meta = html_text(text)
    if suffix not in (".html", ".htm"):
        found, header = metadata.header(text)
        meta = {**found, **meta}  # front matter says it best
    return _make(doc_id, text, str(path), meta, header)


def _make(doc_id: str, text: str, source: str, meta: dict, boilerplate: list = ()) -> Document:
    # A JSON string can hold an unpaired surrogate (\ud800), which is not text: it becomes U+FFFD, one
    # character for one, so offsets are unchanged.
    text = _SURROGATE.sub("\ufffd", text)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    clean = {str(k): metadata.normalise_date(v) if k == "date" else v for k, v in meta.items() if v not in (None, "")}
    return Document(id=doc_id, text=text, source=source, sha256=sha, meta=clean, boilerplate=tuple(boilerplate))


def _jsonl(path: Path, raw: bytes) -> Iterator[Document | Skipped]:
    try:
        text = decode(raw)
    except ValueError as exc:
        yield Skipped(str(path), str(exc))
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"not valid JSON: {exc.msg}")
            continue
        if not isinstance(record, dict):
            yield Skipped(where, "a record must be a JSON object")
            continue
        if not isinstance(record.get("text"), str):
            yield Skipped(where, "record has no `text` string")
            continue
        doc_id = record.get("id")
        if doc_id is None or str(doc_id).strip() == "":
            yield Skipped(where, "record has no `id`")
            continue
        meta = {k: v for k, v in record.items() if k not in ("id", "text")}
        meta["line"] = number
        yield _make(str(doc_id), record["text"], str(path), meta)
