"""The tools of the hand-made livedoor gold (bench/gold/README.md): draw the articles, show one with the offsets
of its sentences, and check an annotated file.

    python bench/gold/annotate.py sample relations|second|dates CORPUS
    python bench/gold/annotate.py show PATH CORPUS
    python bench/gold/annotate.py check FILE CORPUS
    python bench/gold/annotate.py agree SECOND FIRST [FIRST ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

FOLDERS = ("it-life-hack", "kaden-channel", "smax", "topic-news")
PER_FOLDER = 24
SECOND = 10
DATE_ARTICLES = 80
MODALITIES = ("asserted", "past", "planned", "speculative", "reported", "negated")
_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[」』）)]*|\n|$)")


def articles(corpus: Path) -> list[tuple[str, str]]:
    """(path, split) of the relation gold's articles, in the order drawn."""
    out = []
    for folder in FOLDERS:
        names = sorted(p.name for p in (corpus / folder).glob(f"{folder}-*.txt"))
        drawn = random.Random(f"seed-graph gold/{folder}").sample(names, PER_FOLDER)
        out += [(f"{folder}/{name}", "dev" if i % 2 == 0 else "test") for i, name in enumerate(drawn)]
    return out


def second(corpus: Path) -> list[tuple[str, str]]:
    """The ten articles annotated a second time: five of each half."""
    drawn = articles(corpus)
    rng = random.Random("seed-graph gold/second")
    return [pair for split in ("dev", "test") for pair in rng.sample([a for a in drawn if a[1] == split], SECOND // 2)]


def date_articles(corpus: Path) -> list[tuple[str, str]]:
    """Articles for the date gold, none of them in the relation gold."""
    taken = {path for path, _ in articles(corpus)}
    names = sorted(f"{folder}/{p.name}" for folder in FOLDERS for p in (corpus / folder).glob(f"{folder}-*.txt"))
    rng = random.Random("seed-graph gold/dates")
    return [(path, "dates") for path in rng.sample([n for n in names if n not in taken], DATE_ARTICLES)]


def text_of(corpus: Path, path: str) -> str:
    return (corpus / path).read_bytes().decode("utf-8")


def sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans (at 。！？ and line ends), for showing an article with its offsets."""
    out = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return out


def show(corpus: Path, path: str) -> None:
    text = text_of(corpus, path)
    print(f"# {path} sha256 {hashlib.sha256(text.encode()).hexdigest()} ({len(text)} characters)")
    for start, end in sentences(text):
        print(f"[{start}, {end}] {text[start:end]}")


def check(file: Path, corpus: Path) -> list[str]:
    """The problems of an annotated file, one line each."""
    from graph.profile import load_profile

    kinds = load_profile()["relation_kinds"]
    problems = []
    for number, line in enumerate(file.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{file}:{number}"
        record = json.loads(line)
        text = text_of(corpus, record["path"])
        if hashlib.sha256(text.encode()).hexdigest() != record["sha256"]:
            problems.append(f"{where}: {record['path']}: the sha256 differs")
        spans = [record["sentence"]] if "sentence" in record else []
        for r in record.get("relations", []):
            what = f"{where}: {r.get('subject', ['?'])[0]} {r.get('predicate')} {r.get('object', ['?'])[0]}"
            kind = kinds.get(r.get("predicate"))
            if kind is None:
                problems.append(f"{what}: unknown kind")
                continue
            for end in ("subject", "object"):
                if r.get(f"{end}_type") not in kind[end]:
                    problems.append(f"{what}: a {r.get(f'{end}_type')} cannot be the {end} of {r['predicate']}")
                for name in r.get(end, []):
                    if name not in text:
                        problems.append(f"{what}: {name!r} is not in the article")
            if r.get("modality", "asserted") not in MODALITIES:
                problems.append(f"{what}: unknown modality {r['modality']!r}")
            spans.append(r.get("evidence"))
        for d in record.get("dates", []):
            spans.append(d.get("span"))
            if not (record["sentence"][0] <= d["span"][0] < d["span"][1] <= record["sentence"][1]):
                problems.append(f"{where}: date {d['span']} is outside its sentence")
        for span in spans:
            if not (isinstance(span, list) and len(span) == 2 and 0 <= span[0] < span[1] <= len(text)):
                problems.append(f"{where}: {span!r} is not a span of the article")
    return problems


def agreement(second: Path, firsts: list[Path]) -> dict:
    """How far two annotators agree on the articles the second one annotated: facts matched by kind and by
    any shared name of each end (names compared as seed-graph compares them), and by their ends alone."""
    from graph.resolve import normalise

    def load(paths):
        return {r["path"]: r["relations"] for p in paths for r in map(json.loads, p.read_text("utf-8").splitlines())}

    b = load([second])
    a = {path: facts for path, facts in load(firsts).items() if path in b}

    def names(value) -> set[str]:
        return {normalise(n) for n in ([value] if isinstance(value, str) else value)}

    def same(x, y, kind: bool) -> bool:
        return (not kind or x["predicate"] == y["predicate"]) and names(x["subject"]) & names(y["subject"]) \
            and names(x["object"]) & names(y["object"]) or (not kind and names(x["subject"]) & names(y["object"])
                                                            and names(x["object"]) & names(y["subject"]))

    out = {"articles": len(b), "first": sum(map(len, a.values())), "second": sum(map(len, b.values()))}
    for kind in (True, False):
        agreed_a = sum(any(same(x, y, kind) for y in b.get(path, [])) for path, facts in a.items() for x in facts)
        agreed_b = sum(any(same(y, x, kind) for x in a.get(path, [])) for path, facts in b.items() for y in facts)
        p, r = agreed_b / max(1, out["second"]), agreed_a / max(1, out["first"])
        out["kind and ends" if kind else "ends only"] = {
            "first's found by second": agreed_a, "second's found by first": agreed_b,
            "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample")
    s.add_argument("which", choices=["relations", "second", "dates"])
    s.add_argument("corpus", type=Path)
    s = sub.add_parser("show")
    s.add_argument("path")
    s.add_argument("corpus", type=Path)
    s = sub.add_parser("check")
    s.add_argument("file", type=Path)
    s.add_argument("corpus", type=Path)
    s = sub.add_parser("agree")
    s.add_argument("second", type=Path)
    s.add_argument("first", type=Path, nargs="+")
    args = parser.parse_args()
    if args.command == "sample":
        draw = {"relations": articles, "second": second, "dates": date_articles}[args.which]
        for path, split in draw(args.corpus):
            print(path, split)
    elif args.command == "show":
        show(args.corpus, args.path)
    elif args.command == "agree":
        print(json.dumps(agreement(args.second, args.first), ensure_ascii=False, indent=1))
    else:
        problems = check(args.file, args.corpus)
        print("\n".join(problems) or f"{args.file}: fine")
        sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
