"""Writes the reference data in graph/reference (see its NOTICE for the sources and their terms):

- companies.tsv.gz, the Japanese companies that resolve links organisations to: corporate number, EDINET code,
  securities code, registered name and English name, from the EDINET code list as japan-finance-codes bundles it;
- common-nouns.txt.gz, the words JMdict lists as nouns that Sudachi reads as one word: a span the tagger
  finds made of such words only is no name (イヤホンジャック, 電源コネクタ), where Sudachi alone would also throw
  away the shop and company names its dictionary holds as common nouns (ドスパラ, エステー).

    .venv/bin/pip install japan-finance-codes==0.2.0 jamdict-data==1.5 && .venv/bin/python bench/reference.py
"""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "graph" / "reference"
COLUMNS = ("corporate_number", "edinet_code", "securities_code", "name", "name_en")


def write(path: Path, text: str) -> None:
    """Gzipped with a fixed mtime, so that the same data give the same bytes."""
    with gzip.GzipFile(path, "wb", mtime=0) as file:
        file.write(text.encode("utf-8"))


def companies() -> str:
    from japan_finance_codes._snapshot import load_snapshot

    rows, meta = load_snapshot()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for c in sorted(rows, key=lambda c: c["edinet_code"]):
        writer.writerow([c.get("corporate_number") or "", c["edinet_code"], c.get("ticker") or "", c["name"],
                         c.get("name_en") or ""])
    print(f"companies: {len(rows)} from {meta['source']} of {meta['generated_at'][:10]}")
    return buffer.getvalue()


def common_nouns() -> str:
    import sqlite3

    import jamdict_data

    from graph import nlp

    database = Path(jamdict_data.__file__).parent / "jamdict.db"
    query = """select distinct w.text from {table} w join Sense s on s.idseq = w.idseq join pos p on p.sid = s.ID
               where p.text like 'noun%'"""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        words = sorted({row[0] for table in ("Kana", "Kanji") for row in db.execute(query.format(table=table))})
    sudachi = nlp.load_model().tokenizer.tokenizer
    kept = []
    for word in words:
        morphemes = sudachi.tokenize(word)
        if len(morphemes) == 1:
            kept.append(word)
    print(f"common nouns: {len(kept)} of JMdict's {len(words)} nouns")
    return "".join(word + "\n" for word in kept)


def main() -> None:
    write(OUT / "companies.tsv.gz", companies())
    write(OUT / "common-nouns.txt.gz", common_nouns())


if __name__ == "__main__":
    main()
