"""The text of a PDF report, through pdfminer.six: its layout analysis puts text boxes in reading order and
its CMaps read the CID fonts Japanese PDFs are written in. A box's lines are joined into one paragraph (with
no space between Japanese lines, a space between Latin words), paragraphs end with a line break and pages
with a blank line; ``meta["pages"]`` holds the offset at which each page starts, so that every sentence knows
its page. Offsets index this text.
"""

from __future__ import annotations

import io
import re
from datetime import datetime

_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([+-Z])?(\d{2})?'?(\d{2})?")
_LATIN_END = re.compile(r"[A-Za-z0-9,.;:!?)]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(]")
# lines this many line heights apart or closer are one paragraph (pdfminer's 0.5 splits text set with a leading
# of 1.5, common in Japanese reports, into a box a line)
LINE_MARGIN = 1.0
_PLACEHOLDERS = {"(anonymous)", "anonymous", "untitled", "(untitled)", "unknown", "(unspecified)"}  # tools' defaults


class Unreadable(ValueError):
    """A PDF that gives no text: encrypted, broken, or pages of images only."""


def pdf_text(raw: bytes) -> tuple[str, dict]:
    """The text of a PDF and its metadata (title, author, date, pages); Unreadable with the reason if none."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    parts: list[str] = []
    pages: list[int] = []
    size = 0
    try:
        for page in extract_pages(io.BytesIO(raw), laparams=LAParams(line_margin=LINE_MARGIN)):
            pages.append(size)
            for element in page:
                if isinstance(element, LTTextBox):
                    paragraph = _join(line.get_text().strip() for line in element)
                    if paragraph:
                        parts.append(paragraph + "\n")
                        size += len(paragraph) + 1
            parts.append("\n")
            size += 1
    except (PDFEncryptionError, PDFPasswordIncorrect) as exc:
        raise Unreadable(f"an encrypted PDF ({type(exc).__name__}): give it decrypted") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise Unreadable(f"a broken PDF: {exc or type(exc).__name__}") from exc
    text = "".join(parts)
    if not text.strip():
        raise Unreadable("a PDF with no text in it (pages of images only: a scan needs OCR first)")
    meta = _info(raw)
    meta["pages"] = pages
    return text, meta


def _join(lines) -> str:
    out = ""
    for line in lines:
        if not line:
            continue
        out += (" " if out and _LATIN_END.search(out) and _LATIN_START.match(line) else "") + line
    return out


def _info(raw: bytes) -> dict:
    """Title, author and creation date from the PDF's information dictionary."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    try:
        info = PDFDocument(PDFParser(io.BytesIO(raw))).info
    except Exception:  # the text was read; the metadata are a bonus
        return {}
    meta = {}
    for key, name in (("Title", "title"), ("Author", "author"), ("CreationDate", "date")):
        for entry in info:
            value = resolve1(entry.get(key))
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str) and value.strip() and value.strip().lower() not in _PLACEHOLDERS:
                meta[name] = value.strip()
                break
    if "date" in meta:
        meta["date"] = _date(meta["date"]) or meta.pop("date")
    return meta


def _date(text: str) -> str | None:
    """A PDF date (D:20250701120000+09'00') in ISO 8601."""
    m = _PDF_DATE.match(text)
    if not m:
        return None
    try:
        moment = datetime(int(m[1]), int(m[2] or 1), int(m[3] or 1), int(m[4] or 0), int(m[5] or 0), int(m[6] or 0))
    except ValueError:
        return None
    zone = "" if not m[7] else "Z" if m[7] == "Z" else f"{m[7]}{m[8] or '00'}:{m[9] or '00'}"
    return moment.isoformat() + zone
