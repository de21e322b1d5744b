"""Writes the reference data in graph/reference (see its NOTICE for the sources and their terms):

- companies.tsv.gz, the Japanese companies that resolve links organisations to: corporate number, EDINET code,
  securities code, registered name and English name, from the EDINET code list as japan-finance-codes bundles it;
- common-nouns.txt.gz, the words JMdict lists as nouns that Sudachi reads as one word: a span the tagger
  finds made of such words only is no name (イヤホンジャック, 電源コネクタ), where Sudachi alone would also throw
  away the shop and company names its dictionary holds as common nouns (ドスパラ, エステー);
- named-nouns.txt.gz, the katakana words of common-nouns.txt.gz that JMdict also glosses as a name, with a
  capitalised English word (ディズニー: Disney, テトリス: Tetris; not ツールバー: toolbar): a word the tagger
  finds alone is a name only if it is one of these (or a company's, or the context names it);
- names.tsv.gz, the names JMnedict types as a company or an organisation (Organization) or as a product or a
  work (Product), and as nothing else (not a surname, not a place), NFKC-normalised: two characters or more, not
  all hiragana, not a common noun of common-nouns.txt.gz, not an acronym in capitals (GPU names many things).

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


def named_nouns(nouns: str) -> str:
    import re
    import sqlite3

    import jamdict_data

    database = Path(jamdict_data.__file__).parent / "jamdict.db"
    query = """select distinct w.text, g.text from Kana w join Sense s on s.idseq = w.idseq join pos p on p.sid = s.ID
               join SenseGloss g on g.sid = s.ID where p.text like 'noun%'"""
    common, katakana = set(nouns.split()), re.compile(r"[ァ-ヺー・]+")
    capitalised = re.compile(r"(?:the )?[A-Z][a-z]{2,}")  # Disney, the White House; not toolbar, nor Hz
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        named = sorted({word for word, gloss in db.execute(query)
                        if word in common and katakana.fullmatch(word) and capitalised.match(gloss)})
    print(f"named nouns: {len(named)}")
    return "".join(word + "\n" for word in named)


NAME_TYPES = {"company": "Organization", "organization": "Organization", "product": "Product", "work": "Product"}


def names(nouns: str) -> str:
    import re
    import sqlite3
    import unicodedata

    import jamdict_data

    database = Path(jamdict_data.__file__).parent / "jamdict.db"
    # the kana of a name only where it has no kanji form: the others are readings (とうきょうだいがく)
    query = """select w.text, t.text from {table} w join NETranslation n on n.idseq = w.idseq
               join NETransType t on t.tid = n.ID {where}"""
    types: dict[str, set[str]] = {}
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        for table, where in (("NEKanji", ""), ("NEKana", "where w.idseq not in (select idseq from NEKanji)")):
            for word, type_ in db.execute(query.format(table=table, where=where)):
                types.setdefault(unicodedata.normalize("NFKC", word), set()).add(type_)
    common = set(nouns.split())
    rows = []
    for word, kinds in sorted(types.items()):
        ours = {NAME_TYPES.get(kind) for kind in kinds}
        if len(ours) != 1 or None in ours or len(word) < 2 or word in common \
                or re.fullmatch(r"[\u3040-\u309Fー]+|[A-Z0-9&.\-]+", word):
            continue
        rows.append(f"{word}\t{ours.pop()}\n")
    print(f"names: {len(rows)} of JMnedict's {len(types)} headwords")
    return "".join(rows)


def main() -> None:
    write(OUT / "companies.tsv.gz", companies())
    nouns = common_nouns()
    write(OUT / "common-nouns.txt.gz", nouns)
    write(OUT / "named-nouns.txt.gz", named_nouns(nouns))
    write(OUT / "names.tsv.gz", names(nouns))


if __name__ == "__main__":
    main()
