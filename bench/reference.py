"""Writes graph/reference/companies.tsv.gz, the reference list of Japanese companies that resolve links
organisations to: corporate number, EDINET code, securities code, registered name and English name.

    .venv/bin/pip install japan-finance-codes==0.2.0 && .venv/bin/python bench/reference.py

The list is the EDINET code list (Financial Services Agency) as japan-finance-codes (Apache-2.0) bundles it;
see graph/reference/NOTICE for the terms.
"""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "graph" / "reference" / "companies.tsv.gz"
COLUMNS = ("corporate_number", "edinet_code", "securities_code", "name", "name_en")


def main() -> None:
    from japan_finance_codes._snapshot import load_snapshot

    companies, meta = load_snapshot()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for c in sorted(companies, key=lambda c: c["edinet_code"]):
        writer.writerow([c.get("corporate_number") or "", c["edinet_code"], c.get("ticker") or "", c["name"],
                         c.get("name_en") or ""])
    # a fixed mtime keeps the file byte-identical between runs on the same data
    with gzip.GzipFile(OUT, "wb", mtime=0) as file:
        file.write(buffer.getvalue().encode("utf-8"))
    print(f"{OUT}: {len(companies)} companies from {meta['source']} of {meta['generated_at'][:10]}")


if __name__ == "__main__":
    main()
