"""A per-document cache of parses and extractions, so a rebuild only does the work its changes need.

Two entries a document, each a file named by a hash of everything that determines it:

- the parse (its segments as a spaCy DocBin), keyed by the text and the model's fingerprint: it survives
  any change of profile;
- the extraction (plain JSON), keyed by the parse key, the profile's digest and the extractor's code: a
  profile change re-runs extraction on the cached parses, and nothing is parsed twice.

Every entry carries a checksum; an entry that does not verify (a crash mid-write, a disk error, an edit) is
reported, deleted and rebuilt. Writes are atomic, so an interrupted build leaves the cache valid.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zlib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from graph.iri import digest
from graph.model import Document, Extraction

log = logging.getLogger(__name__)

PARSER_SOURCES = ("nlp.py",)
# a folder stands for every file in it: the extractor's modules and data, the reference lists it reads
EXTRACTOR_SOURCES = ("extract", "model.py", "reference", "resolve.py")


def files_digest(root, names: Iterable[str]) -> str:
    """A hash of the files ``names`` under the folder ``root``, by name and content: any edit changes it."""
    h = hashlib.sha256()
    for name in sorted(names):
        h.update(name.encode("utf-8") + b"\0" + (root / name).read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=None)
def code_version(sources: tuple[str, ...]) -> str:
    """A hash of these files (a folder: all its files): any change to the code or data that made an entry
    invalidates it."""
    root = resources.files("graph")
    names = []
    for source in sources:
        if (root / source).is_dir():
            names += [f"{source}/{name}" for name in _files(root / source)]
        else:
            names.append(source)
    return files_digest(root, names)[:16]


def _files(folder, prefix: str = "") -> list[str]:
    """The files in a package folder and its subfolders (compiled modules aside), as paths relative to it."""
    out = []
    for entry in folder.iterdir():
        if entry.is_dir() and entry.name != "__pycache__":
            out += _files(entry, f"{prefix}{entry.name}/")
        elif entry.is_file() and not entry.name.endswith(".pyc"):
            out.append(prefix + entry.name)
    return out


class Cache:
    """Parses and extractions of documents in ``folder`` (created on first write)."""

    def __init__(self, folder: str | Path, model: str, profile_digest: str) -> None:
        self.folder = Path(folder)
        self.model = model
        self.profile_digest = profile_digest
        self.hits = self.misses = 0
        self.unwritable = False

    def parse_key(self, document: Document) -> str:
        return digest("parse", document.sha256, self.model, code_version(PARSER_SOURCES), length=64)

    def extraction_key(self, document: Document) -> str:
        return digest("extraction", self.parse_key(document), document.id, document.source,
                      json.dumps(document.meta, sort_keys=True, ensure_ascii=False), document.boilerplate,
                      self.profile_digest, code_version(EXTRACTOR_SOURCES), length=64)

    def extraction(self, document: Document) -> Extraction | None:
        key = self.extraction_key(document)
        data = self._read(key, "json")
        try:
            extraction = Extraction.from_dict(json.loads(data)) if data is not None else None
        except (ValueError, KeyError, TypeError, AttributeError):  # verified, yet not what this code writes
            log.warning("cache entry %s does not decode: rebuilding it", self._path(key, "json"))
            self._path(key, "json").unlink(missing_ok=True)
            extraction = None
        if extraction is None:
            self.misses += 1
            return None
        self.hits += 1
        return extraction

    def put_extraction(self, extraction: Extraction) -> None:
        data = json.dumps(extraction.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")
        self._write(self.extraction_key(extraction.document), "json", data)

    def segments(self, document: Document, profile) -> list | None:
        """The document's parsed segments (graph.nlp.unpack), if cached."""
        from graph import nlp

        key = self.parse_key(document)
        data = self._read(key, "spacy")
        try:
            return nlp.unpack(data, profile) if data is not None else None
        except Exception:  # spaCy and msgpack raise errors of many kinds for bytes that are no DocBin
            log.warning("cache entry %s does not decode: rebuilding it", self._path(key, "spacy"))
            self._path(key, "spacy").unlink(missing_ok=True)
            return None

    def put_parse(self, document: Document, packed: bytes) -> None:
        self._write(self.parse_key(document), "spacy", packed)

    # -- files -------------------------------------------------------------------------------------------

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}.{suffix}"

    def _read(self, key: str, suffix: str) -> bytes | None:
        path = self._path(key, suffix)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cache entry %s unreadable (%s): rebuilding it", path, exc.strerror)
            return None
        checksum, _, payload = raw.partition(b"\n")
        try:
            data = zlib.decompress(payload)
        except zlib.error:
            data = None
        if data is None or hashlib.sha256(data).hexdigest().encode() != checksum:
            log.warning("cache entry %s is corrupt: rebuilding it", path)
            path.unlink(missing_ok=True)
            return None
        return data

    def _write(self, key: str, suffix: str, data: bytes) -> None:
        from graph.export import atomic

        path = self._path(key, suffix)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic(path, binary=True, sync=False) as file:  # a torn entry fails its checksum and is rebuilt
                file.write(hashlib.sha256(data).hexdigest().encode() + b"\n" + zlib.compress(data, 1))
        except OSError as exc:  # a full disk: the build goes on without caching (said once)
            if not self.unwritable:
                log.warning("cannot write the cache in %s (%s): going on without it", self.folder,
                            exc.strerror or exc)
            self.unwritable = True
