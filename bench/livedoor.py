"""Builds of livedoor news articles drawn at random, to measure seed-graph as a user would see it, and random
samples of what they hold, to judge by hand.

    .venv/bin/python bench/livedoor.py build CORPUS OUT [--set relations|entities]
    .venv/bin/python bench/livedoor.py facts OUT [--size 100] [--draw facts]   # typed facts to judge, as JSONL
    .venv/bin/python bench/livedoor.py entities OUT [--size 150] [--draw entities]   # entities to judge
    .venv/bin/python bench/livedoor.py boilerplate CORPUS OUT   # facts the boilerplate marking drops
    .venv/bin/python bench/livedoor.py splits OUT     # people split within, merged across articles
    .venv/bin/python bench/livedoor.py stats OUT      # facts an article, relatedTo's share
    .venv/bin/python bench/livedoor.py score FILE     # counts of a judged sample (bench/judged)
    .venv/bin/python bench/livedoor.py carry OLD NEW  # an earlier sample's judgements on a new one
    .venv/bin/python bench/livedoor.py held OUT       # the facts all samples judged that a build holds
    .venv/bin/python bench/livedoor.py compare OLD NEW   # judged entities one build holds and the other not

The sets: ``relations`` is 300 articles of it-life-hack, kaden-channel and smax; ``entities`` 300 of all four
folders; each drawn with random.Random("seed-graph sample/<set>") from the sorted file names, leaving out the
articles of the hand-made gold (bench/gold). ``development``, 300 more of all four folders and none of the
others, is the one read while rules are written; the other two are only sampled and judged.
Samples are drawn with a fixed seed too, and hold references (document, offsets, names), never article text.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "gold"))

SETS = {"relations": ("it-life-hack", "kaden-channel", "smax"),
        "entities": ("it-life-hack", "kaden-channel", "smax", "topic-news"),
        "development": ("it-life-hack", "kaden-channel", "smax", "topic-news")}
SIZE = 300


def draw(corpus: Path, name: str, size: int = SIZE) -> list[Path]:
    """The articles of a set, in the order drawn. The development set, for reading while rules are written, has
    none of the articles of the sets that are judged."""
    import annotate

    left_out = {path for path, _ in annotate.articles(corpus)}
    if name == "development":
        left_out |= {p.relative_to(corpus).as_posix() for other in ("relations", "entities") for p in draw(corpus, other)}
    names = sorted(f"{folder}/{p.name}" for folder in SETS[name] for p in (corpus / folder).glob(f"{folder}-*.txt"))
    drawn = random.Random(f"seed-graph sample/{name}").sample([n for n in names if n not in left_out], size)
    return [corpus / n for n in drawn]


def build(corpus: Path, out: Path, name: str) -> None:
    from graph import pipeline

    done = pipeline.update(out, draw(corpus, name), cache=out / ".cache")
    print(done.summary)


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "extractions.jsonl").read_text("utf-8").splitlines()]


def stats(out: Path) -> dict:
    rows = records(out)
    statements = [r for row in rows for r in row["relations"]]
    typed = [r for r in statements if r["predicate"] != "relatedTo" and not isinstance(r["object"], dict)]
    return {"articles": len(rows), "statements": len(statements), "typed facts": len(typed),
            "typed facts an article": round(len(typed) / max(1, len(rows)), 2),
            "relatedTo share": round(sum(r["predicate"] == "relatedTo" for r in statements) / max(1, len(statements)), 3),
            "articles without a typed fact": sum(not any(r in typed for r in row["relations"]) for row in rows),
            "by kind": dict(Counter(r["predicate"] for r in typed).most_common())}


def sample_facts(out: Path, size: int, draw: str = "facts") -> list[dict]:
    """Typed facts (relations between entities, relatedTo aside) drawn at random, one statement each."""
    from graph import pipeline

    graph = pipeline.load(out / "graph.ttl")
    names = _names(graph)
    facts = [(row["doc"], row["source"], r) for row in records(out) for r in row["relations"]
             if r["predicate"] != "relatedTo" and not isinstance(r["object"], dict)]
    drawn = random.Random(f"seed-graph sample/{draw}").sample(facts, min(size, len(facts)))
    return [{"doc": doc, "source": source, "sentence": [r["start"], r["end"]], "subject": names.get(r["subject"]),
             "subject_iri": r["subject"], "predicate": r["predicate"], "object": names.get(r["object"]),
             "object_iri": r["object"], "modality": r["modality"], "confidence": r["confidence"], "rule": r["rule"]}
            for doc, source, r in sorted(drawn, key=lambda d: (d[0], d[2]["start"]))]


def sample_entities(out: Path, size: int, draw: str = "entities") -> list[dict]:
    """Entities drawn at random, each with its Japanese label, type, aliases and its first mention."""
    from rdflib import RDF, SKOS, URIRef

    from graph import pipeline
    from graph.convert import ENTITY_CLASSES, local_name
    from graph.vocab import SG

    graph = pipeline.load(out / "graph.ttl")
    first: dict[str, tuple] = {}
    documents: dict[str, set] = {}
    for row in records(out):
        for m in row["mentions"]:
            if m.get("entity"):
                first.setdefault(m["entity"], (row["doc"], row["source"], m["start"], m["end"]))
                documents.setdefault(m["entity"], set()).add(row["doc"])
    entities = sorted({str(e) for t in ENTITY_CLASSES for e in graph.subjects(RDF.type, SG[t])} & set(first))
    drawn = random.Random(f"seed-graph sample/{draw}").sample(entities, min(size, len(entities)))
    labels = _names(graph)
    out_rows = []
    for iri in sorted(drawn):
        node = URIRef(iri)
        doc, source, start, end = first[iri]
        out_rows.append({"entity": iri, "label": labels[iri],
                         "type": local_name(graph.value(node, RDF.type)),
                         "aliases": sorted(str(a) for a in graph.objects(node, SKOS.altLabel)),
                         "documents": len(documents[iri]),
                         "first": {"doc": doc, "source": source, "span": [start, end]}})
    return out_rows


def splits(out: Path) -> dict:
    """Same-document name-part splits (two people of one document, one's name a part of the other's and of no
    third's: 安達 and 安達祐実; a part of two full names, 宇佐美 beside 宇佐美貴史 and 宇佐美蘭, is ambiguous and
    listed apart) and cross-document surname merges (one person named in two documents by a bare surname and nothing
    longer, or by two different full names no document ties together: 上原 for 上原多香子 and 上原美優; a nickname
    the text gives a full name, 「マルモ」こと阿部サダヲ, is tied to it)."""
    people: dict[str, dict] = {}
    split_rows, ambiguous = [], []
    for row in records(out):
        by_doc = {}
        for m in row["mentions"]:
            if m["type"] == "Person" and m.get("entity"):
                by_doc.setdefault(m["entity"], set()).add(m["text"])
                people.setdefault(m["entity"], {"docs": set(), "names": set(), "by_doc": []})
                people[m["entity"]]["docs"].add(row["doc"])
                people[m["entity"]]["names"].add(m["text"])
        for entity, names in by_doc.items():
            people[entity]["by_doc"].append({n for n in names if len(n) > 2})
        texts = {entity: max(names, key=len) for entity, names in by_doc.items()}
        for entity, name in texts.items():
            wholes = sorted(longer for other, longer in texts.items() if other != entity and len(longer) > len(name)
                            and (longer.startswith(name) or longer.endswith(name)))
            if len(wholes) == 1:
                split_rows.append({"doc": row["doc"], "part": name, "whole": wholes[0]})
            elif wholes:
                ambiguous.append({"doc": row["doc"], "part": name, "wholes": wholes})
    merges = []
    for entity, p in sorted(people.items()):
        longest = max(p["names"], key=len)
        if len(p["docs"]) > 1 and (len(longest) <= 2 or not _tied(p["by_doc"])):
            merges.append({"entity": entity, "names": sorted(p["names"]), "documents": len(p["docs"])})
    return {"same-document name-part splits": len(split_rows), "cross-document surname merges": len(merges),
            "splits": split_rows, "merges": merges, "ambiguous parts": ambiguous}


def _tied(documents: list[set[str]]) -> bool:
    """Whether the full names each document gives a person tie all of them together: each document shares a full
    name, or one a name of it begins or ends, with another, in one chain."""
    def share(a: set[str], b: set[str]) -> bool:
        return any(x == y or x.startswith(y) or x.endswith(y) or y.startswith(x) or y.endswith(x) for x in a for y in b)

    reached, todo = {0}, [0]
    while todo:
        i = todo.pop()
        for j, names in enumerate(documents):
            if j not in reached and share(documents[i], names):
                reached.add(j)
                todo.append(j)
    return len(reached) == len(documents)


def _names(graph) -> dict[str, str]:
    from rdflib import RDFS

    names = {}
    for node, label in graph.subject_objects(RDFS.label):
        if getattr(label, "language", None) == "ja" or str(node) not in names:
            names[str(node)] = str(label)
    return names


def boilerplate(corpus: Path, out: Path) -> dict:
    """The facts of the relations set with and without the boilerplate marked: those only the second has are
    what the marking drops (each with its line, to judge whether it was a fact of its article)."""
    from dataclasses import replace

    from graph import boilerplate as marking
    from graph import pipeline
    from graph.profile import load_profile

    from graph.cache import Cache
    from graph.nlp import fingerprint

    profile = load_profile()
    documents, _ = pipeline.collect(draw(corpus, "relations"))
    marked = {d.id: d for d in marking.mark(documents, profile)}
    cache = Cache(out / ".cache", fingerprint(), profile.digest)

    def facts(documents):
        return {(e.document.id, e.mentions[r.subject].text, r.predicate, e.mentions[r.object].text): (r.start, r.end)
                for e in pipeline.extract_all(documents, profile, cache) for r in e.relations}

    kept, all_ = facts(list(marked.values())), facts([replace(d, boilerplate=()) for d in documents])
    lost = sorted(set(all_) - set(kept))
    rows = []
    for doc, subject, kind, obj in lost:
        start, end = all_[(doc, subject, kind, obj)]
        span = next((k for s, e, k in marked[doc].boilerplate if s <= start < e), None)
        rows.append({"doc": doc, "source": marked[doc].source, "sentence": [start, end], "subject": subject,
                     "predicate": kind, "object": obj, "boilerplate": span})
    return {"facts with boilerplate read": len(all_), "facts without": len(kept), "lost": len(lost),
            "lost by kind of boilerplate": dict(Counter(r["boilerplate"] for r in rows)), "rows": rows}


def score(rows: list[dict]) -> dict:
    """How many of a judged sample are right, and of what else, as counts and shares."""
    judged = Counter(r.get("judgement") for r in rows)
    return {"items": len(rows), "judged": sum(v for k, v in judged.items() if k),
            **{k: f"{v} ({v / len(rows):.1%})" for k, v in judged.most_common() if k}}


def _item(row: dict) -> tuple:
    """What a judgement is about: an entity with its label, type and first mention, or a fact with its sentence."""
    if "entity" in row:
        return row["entity"], row["label"], row["type"], row["first"]["doc"], tuple(row["first"]["span"])
    return row["doc"], tuple(row["sentence"]), row["subject_iri"], row["predicate"], row["object_iri"]


def carry(old: list[dict], new: list[dict]) -> list[dict]:
    """The new sample, with the judgements of the old one where an item is unchanged."""
    judged = {_item(r): {k: r[k] for k in ("judgement", "note") if k in r} for r in old if r.get("judgement")}
    return [{**r, **judged.get(_item(r), {})} for r in new]


def judged_items(kind: str) -> list[dict]:
    """The items the samples of bench/judged judged (earlier/ too), ``kind`` "facts" or "entities": the last
    judgement of each."""
    items: dict[tuple, dict] = {}
    for path in sorted((ROOT / "bench/judged/earlier").glob(f"{kind}-*.jsonl")) + [ROOT / f"bench/judged/{kind}.jsonl"]:
        items.update((_item(r), r) for r in _read(path) if r.get("judgement"))
    return list(items.values())


def held(out: Path) -> dict:
    """The distinct facts the samples judged, how many of them a build holds and how many of those were judged
    right."""
    judged = {_item(r): r["judgement"] for r in judged_items("facts")}
    kept = [judged[_item(r)] for r in sample_facts(out, sys.maxsize, "all") if _item(r) in judged]
    right = sum(j == "right" for j in kept)
    return {"judged": len(judged), "held": len(kept), "right": f"{right} ({right / max(1, len(kept)):.1%})"}


def compare(old: Path, new: Path) -> dict:
    """The entities the samples judged that one build of their articles holds (the same IRI, or the same label, each
    with the same type) and the other does not: what a change took out of the graph, and what it put back, by
    judgement."""
    mentions = [{row["doc"]: row["mentions"] for row in records(out)} for out in (old, new)]

    def holds(built: dict, item: dict) -> bool:
        return any(m["type"] == item["type"] and (m.get("entity") == item["entity"] or m["text"] == item["label"])
                   for m in built[item["first"]["doc"]])

    out: dict[str, list] = {"dropped": [], "added": []}
    for item in judged_items("entities"):
        if item["first"]["doc"] in mentions[0] and item["first"]["doc"] in mentions[1]:
            was, now = holds(mentions[0], item), holds(mentions[1], item)
            if was != now:
                out["added" if now else "dropped"].append({k: item[k] for k in ("label", "type", "judgement")}
                                                          | {"doc": item["first"]["doc"]})
    return {f"{key} by judgement": dict(Counter(r["judgement"] for r in rows)) for key, rows in out.items()} | out


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build")
    p.add_argument("corpus", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--set", default="relations", choices=sorted(SETS))
    for name, size in (("facts", 100), ("entities", 150)):
        p = sub.add_parser(name)
        p.add_argument("out", type=Path)
        p.add_argument("--size", type=int, default=size)
        p.add_argument("--draw", default=name, help="the name that seeds the draw: another name, another sample")
    for name in ("stats", "splits", "held"):
        p = sub.add_parser(name)
        p.add_argument("out", type=Path)
    p = sub.add_parser("boilerplate")
    p.add_argument("corpus", type=Path)
    p.add_argument("out", type=Path)
    p = sub.add_parser("score")
    p.add_argument("file", type=Path)
    for name in ("carry", "compare"):
        p = sub.add_parser(name)
        p.add_argument("old", type=Path)
        p.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "build":
        build(args.corpus, args.out, args.set)
    elif args.command in ("stats", "splits", "held"):
        report = {"stats": stats, "splits": splits, "held": held}[args.command]
        print(json.dumps(report(args.out), ensure_ascii=False, indent=1))
    elif args.command == "score":
        print(json.dumps(score(_read(args.file)), ensure_ascii=False, indent=1))
    elif args.command == "compare":
        print(json.dumps(compare(args.old, args.new), ensure_ascii=False, indent=1))
    elif args.command == "carry":
        for row in carry(_read(args.old), _read(args.new)):
            print(json.dumps(row, ensure_ascii=False))
    elif args.command in ("facts", "entities"):
        rows = (sample_facts if args.command == "facts" else sample_entities)(args.out, args.size, args.draw)
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    else:
        found = boilerplate(args.corpus, args.out)
        rows = found.pop("rows")
        print(json.dumps(found, ensure_ascii=False, indent=1))
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
