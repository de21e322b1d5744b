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
# The non-ASCII code points Turtle allows in a prefixed name (its PN_CHARS_BASE production).
_PN_CHARS_BASE = ((0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2FF), (0x370, 0x37D), (0x37F, 0x1FFF), (0x200C, 0x200D),
                  (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFFD),
                  (0x10000, 0xEFFFF))


def slug(text: str) -> str:
    """A readable, reversible IRI path segment for any text.

    ASCII letters, digits and ``-._~`` stay; non-ASCII letters and digits (テスラ, 福岡県) stay, as IRIs allow,
    where Turtle also allows them in a prefixed name (not ª, µ, º); everything else, spaces, quotes, brackets,
    slashes, control characters, symbols and emoji included, is percent-encoded as UTF-8, and so is a final
    ``.`` (``ent:Tesla_Inc\\.`` is valid Turtle that rdflib's parser refuses). The result is never empty:
    the empty text is ``_``, and the text ``_`` is written ``%5F``.
    """
    text = unicodedata.normalize("NFC", text)
    out = []
    for ch in text:
        if ch in _UNRESERVED or (ord(ch) > 127 and unicodedata.category(ch)[0] in "LN"
                                 and any(low <= ord(ch) <= high for low, high in _PN_CHARS_BASE)):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    if out and out[-1] == ".":
        out[-1] = "%2E"
    result = "".join(out)
    return {"": "_", "_": "%5F"}.get(result, result)


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
