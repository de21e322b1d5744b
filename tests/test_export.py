"""`seed-graph export` and the graph's labels and counts, checked with the tools that read each format: networkx
reads back GraphML and GEXF, rdflib JSON-LD and N-Triples, and the Neo4j CSV files parse by their header types.

Each runs on a multi-document graph built without the model (tests/corpus.py) and on the seed article's build.
The committed exports/ are rebuilt from seeds/ and compared byte for byte.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

import corpus
from graph.cli import main

ROOT = Path(__file__).resolve().parent.parent
GRAPHS = ["corpus", pytest.param("seed", marks=pytest.mark.model)]


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def corpus_ttl(tmp_path_factory):
    from graph.export.turtle import write_turtle

    path = tmp_path_factory.mktemp("corpus") / "graph.ttl"
    write_turtle(corpus.build().graph, path)
    return path


@pytest.fixture
def ttl(request, corpus_ttl):
    """A graph.ttl: the made-up corpus's, or the seed's as the command line built it."""
    if request.param == "corpus":
        return corpus_ttl
    out, _ = request.getfixturevalue("seed_build")
    return out / "graph.ttl"


def exported(ttl: Path, fmt: str, out: Path) -> Path:
    result = invoke("export", ttl, "--format", fmt, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}\n"
    return out


def expected_view(ttl: Path):
    from graph import pipeline
    from graph.convert import to_networkx
    from graph.export.graphml import flatten

    view = to_networkx(pipeline.load(ttl))
    return view, flatten(view)


def keyed_edges(graph) -> dict[tuple, dict]:
    """Edges by (source, target, kind), whatever kind of graph a reader returned (a DiGraph when no two edges
    join the same pair of nodes)."""
    return {(u, v, data["kind"]): data for u, v, data in graph.edges(data=True)}


# ---- GraphML and GEXF through networkx -----------------------------------------------------------------------

@pytest.mark.parametrize("ttl", GRAPHS, indirect=True)
def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(ttl, tmp_path):
    import networkx as nx

    view, flat = expected_view(ttl)
    back = nx.read_graphml(exported(ttl, "graphml", tmp_path / "graph.graphml"), force_multigraph=True)
    assert back.is_directed()
    assert dict(back.nodes(data=True)) == dict(flat.nodes(data=True))
    assert {(u, v, k): d for u, v, k, d in back.edges(keys=True, data=True)} == \
        {(u, v, k): d for u, v, k, d in flat.edges(keys=True, data=True)}
    assert back.number_of_edges() == view.number_of_edges() and set(back) == set(view)


@pytest.mark.parametrize("ttl", GRAPHS, indirect=True)
def test_gexf_reads_back_with_the_same_nodes_edges_and_attributes_and_the_explorers_colours(ttl, tmp_path):
    import networkx as nx

    from graph.export.html import STYLES

    view, flat = expected_view(ttl)
    back = nx.read_gexf(exported(ttl, "gexf", tmp_path / "graph.gexf"))
    colours = {node: data.pop("viz")["color"] for node, data in back.nodes(data=True)}
    assert dict(back.nodes(data=True)) == dict(flat.nodes(data=True))
    assert {k: {a: v for a, v in data.items() if a != "id"} for k, data in keyed_edges(back).items()} == \
        keyed_edges(flat)
    for node, colour in colours.items():
        assert "#{:02x}{:02x}{:02x}".format(colour["r"], colour["g"], colour["b"]) == STYLES[view.nodes[node]["type"]][0]


def test_flattened_attributes_are_scalars_of_one_type_each(corpus_ttl):
    _, flat = expected_view(corpus_ttl)
    for items in (flat.nodes(data=True), flat.edges(data=True)):
        seen: dict[str, set] = {}
        for *_, data in items:
            for key, value in data.items():
                assert isinstance(value, (str, int, float, bool)), (key, value)
                seen.setdefault(key, set()).add(type(value))
        assert all(len(kinds) == 1 for kinds in seen.values()), seen
    hub = flat.nodes["https://w3id.org/seed-graph/id/アルファ工業"]
    assert hub["degree"] == max(d for _, d in flat.nodes(data="degree")) and hub["community"] >= 0
    assert min(c for n, c in flat.nodes(data="community") if flat.degree(n) == 0) == -1


# ---- JSON-LD and N-Triples through rdflib --------------------------------------------------------------------

@pytest.mark.parametrize("ttl", GRAPHS, indirect=True)
def test_jsonld_reads_back_isomorphic_to_the_turtle(ttl, tmp_path):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    path = exported(ttl, "jsonld", tmp_path / "graph.jsonld")
    document = json.loads(path.read_text("utf-8"))
    assert document["@context"]["sg"] == "https://w3id.org/seed-graph/ns#"  # compact, with the graph's prefixes
    back = Graph().parse(path, format="json-ld")
    turtle = Graph().parse(ttl, format="turtle")
    assert len(back) == len(turtle) and isomorphic(back, turtle)


@pytest.mark.parametrize("ttl", GRAPHS, indirect=True)
def test_ntriples_read_back_isomorphic_to_the_turtle_one_sorted_line_a_triple(ttl, tmp_path):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    path = exported(ttl, "nt", tmp_path / "graph.nt")
    lines = path.read_text("utf-8").splitlines()
    turtle = Graph().parse(ttl, format="turtle")
    assert lines == sorted(lines) and len(lines) == len(turtle)
    assert isomorphic(Graph().parse(path, format="nt"), turtle)
    assert exported(ttl, "nt", tmp_path / "again.nt").read_bytes() == path.read_bytes()


# ---- Neo4j ---------------------------------------------------------------------------------------------------

CONVERT = {"string": str, "int": int, "float": float, "boolean": {"true": True, "false": False}.__getitem__,
           "ID": str, "START_ID": str, "END_ID": str, "LABEL": str, "TYPE": str}


def read_neo4j_csv(path: Path) -> list[dict]:
    """Rows of a neo4j-admin import file, each cell converted by its column's type (``name:type``; an array
    type ``string[]`` split on ``;``); an empty cell is no property."""
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        header = next(reader)
        columns = []
        for cell in header:
            name, _, kind = cell.partition(":")
            assert kind in CONVERT or kind.endswith("[]") or not kind, cell
            columns.append((name or kind, kind or "string"))
        rows = []
        for cells in reader:
            assert len(cells) == len(columns)
            row = {}
            for (name, kind), cell in zip(columns, cells):
                if cell == "":
                    continue
                row[name] = [CONVERT[kind[:-2]](item) for item in cell.split(";")] if kind.endswith("[]") \
                    else CONVERT[kind](cell)
            rows.append(row)
    return rows


@pytest.mark.parametrize("ttl", GRAPHS, indirect=True)
def test_neo4j_files_parse_with_their_header_types_and_hold_the_graph(ttl, tmp_path):
    from graph.export.neo4j import FILES, NODE_FILES

    view, _ = expected_view(ttl)
    out = exported(ttl, "neo4j", tmp_path / "neo4j")
    assert sorted(p.name for p in out.iterdir()) == sorted([*FILES, "load.cypher"])
    files = {name: read_neo4j_csv(out / name) for name in FILES}
    nodes = {row["uri"]: row for name in NODE_FILES for row in files[name]}
    assert len(nodes) == sum(len(files[name]) for name in NODE_FILES)  # IDs are unique
    assert {uri for uri in nodes if not uri.startswith("https://w3id.org/seed-graph/doc/")} == set(view)
    assert len(files["documents.csv"]) == len(view.graph["documents"])
    for name in ("relations.csv", "mentions.csv"):
        for row in files[name]:
            assert row["START_ID"] in nodes and row["END_ID"] in nodes
    assert Counter((r["START_ID"], r["END_ID"], r["TYPE"]) for r in files["relations.csv"]) == \
        Counter(list(view.edges(keys=True)))
    assert len(files["mentions.csv"]) == sum(len(a["documents"]) for _, a in view.nodes(data=True)
                                             if a["type"] not in ("Agreement", "Money", "Quantity"))
    for row in files["entities.csv"]:
        labels = row["LABEL"].split(";")
        assert labels[:2] == ["Resource", "Entity"] and labels[2] == view.nodes[row["uri"]]["type"]
        assert row["degree"] == view.degree(row["uri"]) and isinstance(row["community"], int)
        assert row.get("aliases", []) == [a.replace(";", "；") for a in view.nodes[row["uri"]]["aliases"]]
    for row in files["relations.csv"]:
        evidence = view.edges[row["START_ID"], row["END_ID"], row["TYPE"]]["evidence"]
        assert row["evidence"] == len(evidence) and isinstance(row["asserted"], bool)
        if evidence:
            assert row["confidence"] == max(e["confidence"] for e in evidence)
            assert row["modalities"] == sorted({e["modality"] for e in evidence})
    # the Cypher script loads every file, with a statement for each label set and relationship type in it
    script = (out / "load.cypher").read_text("utf-8")
    assert "neo4j-admin database import full" in script
    for name in FILES:
        key = "LABEL" if name in NODE_FILES else "TYPE"
        for group in {row[key] for row in files[name]}:
            assert f"FROM 'file:///{name}' AS row\nWITH row WHERE row.`:{key}` = '{group}'" in script
    assert script.count(";\n") >= sum(len({r["LABEL" if n in NODE_FILES else "TYPE"] for r in files[n]})
                                      for n in FILES)


def test_neo4j_array_cells_keep_their_items_apart(tmp_path):
    from graph.export.neo4j import _cell

    assert _cell("aliases:string[]", ["A;B", "C"]) == "A；B;C"
    assert _cell("aliases:string[]", []) == "" and _cell("label_en", None) == ""
    assert _cell("asserted:boolean", False) == "false" and _cell("confidence:float", 0.9) == "0.9"


# ---- the command ---------------------------------------------------------------------------------------------

def test_export_reads_a_store_folder_as_it_reads_the_turtle(corpus_ttl, tmp_path):
    import pyoxigraph as ox

    store = ox.Store(str(tmp_path / "store"))
    store.load(path=str(corpus_ttl), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store
    from rdflib import Graph, Literal

    def triples(path):  # as values: Oxigraph keeps a decimal in its canonical form (1000000000.0 -> 1000000000)
        return {tuple(t.toPython() if isinstance(t, Literal) else t for t in triple)
                for triple in Graph().parse(path, format="nt")}

    from_store = exported(tmp_path / "store", "nt", tmp_path / "store.nt")
    assert triples(from_store) == triples(exported(corpus_ttl, "nt", tmp_path / "file.nt"))
    assert "XMLSchema#string" not in from_store.read_text("utf-8")  # plain literals, as in the Turtle
    import networkx as nx

    store, file = (nx.read_graphml(exported(source, "graphml", tmp_path / f"{name}.graphml"), force_multigraph=True)
                   for name, source in (("store", tmp_path / "store"), ("file", corpus_ttl)))
    assert set(store.nodes) == set(file.nodes) and set(store.edges(keys=True)) == set(file.edges(keys=True))
    assert dict(store.nodes(data="label")) == dict(file.nodes(data="label"))


@pytest.mark.parametrize("args, message", [
    (["--format", "graphml", "--out", "{tmp}"], "a folder: give the file to write"),
    (["--format", "neo4j", "--out", "{ttl}"], "not a folder: neo4j writes several files into a folder"),
    (["--format", "nt", "--out", "{tmp}/no/such/graph.nt"], "no/such: no such folder"),
])
def test_export_refuses_a_wrong_destination_in_one_line(corpus_ttl, tmp_path, args, message):
    result = invoke("export", corpus_ttl, *[a.format(tmp=tmp_path, ttl=corpus_ttl) for a in args])
    assert result.exit_code == 2 and message in result.output and len(result.output.splitlines()) == 1


def test_export_refuses_an_unknown_format_and_a_missing_graph(corpus_ttl, tmp_path):
    assert invoke("export", corpus_ttl, "--format", "dot", "--out", tmp_path / "g.dot").exit_code == 2
    result = invoke("export", tmp_path / "none.ttl", "--format", "nt", "--out", tmp_path / "g.nt")
    assert result.exit_code == 2 and "none.ttl: no such file" in result.output
    assert not (tmp_path / "g.nt").exists()


# ---- one label a language, and queries without duplicate rows -----------------------------------------------

def label_problems(graph) -> list:
    """Entities with two labels (or preferred labels) in one language, or a label that repeats another."""
    from rdflib import RDF, RDFS
    from rdflib.namespace import SKOS

    from graph.convert import ENTITY_CLASSES
    from graph.vocab import SG

    problems = []
    for type_ in ENTITY_CLASSES:
        for entity in graph.subjects(RDF.type, SG[type_]):
            for prop in (RDFS.label, SKOS.prefLabel):
                labels = list(graph.objects(entity, prop))
                languages = [label.language for label in labels]
                texts = [str(label) for label in labels]
                if len(set(languages)) < len(languages) or len(set(texts)) < len(texts):
                    problems.append((entity, prop, labels))
    return problems


def duplicate_rows(graph) -> dict[str, int]:
    """Each shipped query that returns a row twice, with how many rows it repeats."""
    from graph import query

    repeated = {}
    for name in query.shipped():
        answer = query.run(graph, query.read(name))
        rows = [tuple(row) for row in answer.rows]
        if len(rows) != len(set(rows)):
            repeated[name] = len(rows) - len(set(rows))
    return repeated


def test_an_entity_has_one_label_a_language_and_none_twice():
    from rdflib import RDFS, Literal, URIRef

    graph = corpus.build().graph
    assert label_problems(graph) == []
    tsmc = URIRef("https://w3id.org/seed-graph/id/TSMC")  # "TSMC" in the profile in Japanese and in English
    assert set(graph.objects(tsmc, RDFS.label)) == {Literal("TSMC", lang="ja")}


def test_no_shipped_query_returns_a_row_twice_on_a_multi_document_graph():
    assert duplicate_rows(corpus.build().graph) == {}


@pytest.mark.model
def test_no_shipped_query_returns_a_row_twice_on_the_seed_and_a_multi_document_build(seed_graph, tmp_path):
    from graph import pipeline

    assert label_problems(seed_graph) == [] and duplicate_rows(seed_graph) == {}
    several = pipeline.build([ROOT / "seeds", ROOT / "tests" / "data" / "news-article.txt"])
    assert len(several.extractions) == 2
    assert label_problems(several.graph) == [] and duplicate_rows(several.graph) == {}


# ---- counts that agree -----------------------------------------------------------------------------------------

def stats_counts(output: str) -> dict[str, int]:
    return {m[1]: int(m[2]) for m in re.finditer(r"^(documents|entities|statements|facts|agreements)\s+(\d+)$",
                                                  output, re.M)}


def test_the_summary_and_stats_count_the_same_things_the_same_way(corpus_ttl):
    from graph.counts import count

    result = corpus.build()
    summary = result.summary()
    stats = invoke("stats", corpus_ttl)
    assert stats.exit_code == 0, stats.output
    named = stats_counts(stats.output)
    assert summary.startswith(f"{named['documents']} documents, {named['entities']} entities, "
                              f"{named['statements']} statements, {named['facts']} facts in ")
    counts = count(result.graph)
    # 13 statements, one of them negated and two of one fact (a sentence said twice): 11 facts; each type's
    # count is printed under "entities"
    assert (named["documents"], named["statements"], named["facts"], named["agreements"]) == (3, 13, 11, 1)
    for type_, n in counts.entities.items():
        assert re.search(rf"^  {type_}\s+{n}$", stats.output, re.M)
    assert sum(counts.entities.values()) == named["entities"] == len(result.entities)


@pytest.mark.model
def test_the_build_summary_names_what_stats_counts(seed_build):
    out, result = seed_build
    named = stats_counts(invoke("stats", out / "graph.ttl").output)
    assert result.output.splitlines()[0].startswith(
        f"{named['documents']} documents, {named['entities']} entities, {named['statements']} statements, "
        f"{named['facts']} facts in ")


# ---- exports/ in the repository ------------------------------------------------------------------------------

@pytest.mark.model
def test_the_committed_exports_are_the_seeds_build_byte_for_byte(tmp_path, monkeypatch):
    """exports/ is what `make` (seed-graph build seeds --out exports) writes today. When this fails, the code or
    the seed changed what the build writes: run `make` and commit exports/."""
    from graph.pipeline import OUTPUTS

    monkeypatch.chdir(ROOT)  # documents are named by the path given, seeds/…, as make gives it
    result = invoke("build", "seeds", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    stale = [name for name in OUTPUTS
             if not (ROOT / "exports" / name).is_file() or (ROOT / "exports" / name).read_bytes() != (tmp_path / name).read_bytes()]
    assert not stale, f"exports/{', exports/'.join(stale)}: not what the seed builds to today; run `make` and commit exports/"
