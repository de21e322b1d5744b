"""The project's IRI spaces and the one safe way to mint an IRI from text.

Kept free of rdflib so that resolve can mint IRIs as plain strings; build turns them into ``URIRef``.
"""

from __future__ import annotations

import hashlib
import unicodedata

BASE = "https://w3id.org/seed-graph/"
ONTOLOGY = BASE + "ns#"
ENTITY = BASE + "id/"
DOCUMENT = BASE + "doc/"
STATEMENT = BASE + "statement/"
AGREEMENT = BASE + "agreement/"
VALUE = BASE + "value/"
BUILD = BASE + "build/"

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def slug(text: str) -> str:
    """A readable, reversible IRI path segment for any text.

    ASCII letters, digits and ``-._~`` stay; non-ASCII letters and digits (テスラ, 福岡県) stay, as IRIs allow;
    everything else, spaces, quotes, brackets, slashes, control characters, symbols and emoji included, is
    percent-encoded as UTF-8. The result is never empty and never contains a character Turtle must escape.
    """
    text = unicodedata.normalize("NFC", text)
    out = []
    for ch in text:
        if ch in _UNRESERVED or (ord(ch) > 127 and unicodedata.category(ch)[0] in "LN"):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out) or "_"


def digest(*parts: object, length: int = 16) -> str:
    """A short, stable hash of the parts, for nodes that have no natural name (statements, values)."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def entity(key: str) -> str:
    return ENTITY + slug(key)


def document(doc_id: str) -> str:
    return DOCUMENT + slug(doc_id)


def sentence(doc_id: str, start: int, end: int) -> str:
    return f"{document(doc_id)}/{start}-{end}"


def mention(doc_id: str, start: int, end: int) -> str:
    return f"{document(doc_id)}/mention/{start}-{end}"
