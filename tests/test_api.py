"""The Python API for notebooks (graph.api): it builds what the command line builds, queries into pandas tables
on either engine, reads back the text a fact's offsets index, shows the explorer inline, and stays cheap to
import."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

import graph.api as sg
from graph import iri, query
from graph.extract.relations.base import confidence
from graph.model import InputError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_DOC = "evcafe-23-tesla-samsung-ai-chips"
TESLA, SAMSUNG = iri.entity("Tesla"), iri.entity("Samsung_Electronics")
CONTRACT = "2025年7月、テスラはAI6の量産をサムスンと約165億ドル(約2.4兆円)の契約で合意しました。"
ARTICLE = "---\ntitle: メモ\n---\nNVIDIAはTSMCと提携し、台湾でH100を生産している。\n"


def test_importing_the_package_and_the_api_loads_nothing_heavy():
    code = ("import sys, graph, graph.api; "
            "print(' '.join(m for m in ('rdflib', 'pandas', 'spacy', 'pyoxigraph', 'networkx', 'pyvis') "
            "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == ""


def test_tables_keep_each_value_as_a_python_value_on_both_engines(tmp_path):
    ttl = tmp_path / "values.ttl"
    ttl.write_text("""
        @prefix ex: <https://example.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:a ex:n 42 ; ex:d "16500000000.0"^^xsd:decimal ; ex:f true ; ex:day "2025-07-01"^^xsd:date ;
             ex:month "2025-07"^^xsd:gYearMonth ; ex:label "テスラ"@ja ; ex:node [ ex:v 1 ] .
        ex:b ex:n 7 .
    """, encoding="utf-8")
    text = """SELECT ?s ?n ?d ?f ?day ?month ?label ?node WHERE {
        ?s <https://example.org/n> ?n .
        OPTIONAL { ?s <https://example.org/d> ?d ; <https://example.org/f> ?f ; <https://example.org/day> ?day ;
                      <https://example.org/month> ?month ; <https://example.org/label> ?label ;
                      <https://example.org/node> ?node }
    } ORDER BY ?n"""
    for source in (ttl, query.load(ttl, "rdflib")):
        frame = query.to_frame(query.run(source, text))
        assert list(frame.columns) == ["s", "n", "d", "f", "day", "month", "label", "node"]
        assert frame["s"].tolist() == ["https://example.org/b", "https://example.org/a"]
        assert frame["n"].tolist() == [7, 42] and str(frame["n"].dtype) == "int64"
        a = frame.iloc[1]
        assert a.d == 16500000000.0 and a.f is True and str(a.day) == "2025-07-01" and a.month == "2025-07"
        assert a.label == "テスラ" and a.node.startswith("_:")
        assert frame.iloc[0][["d", "f", "label", "node"]].isna().all()  # unbound where OPTIONAL did not match
    with pytest.raises(ValueError, match="SELECT"):
        query.to_frame(query.run(ttl, "ASK { ?s ?p ?o }"))


@pytest.fixture(scope="module")
def seed_ttl(seed_build):
    out, _ = seed_build
    return out / "graph.ttl"


@pytest.mark.model
def test_query_takes_names_files_or_text_and_binds_values_as_terms(seed_ttl, seed_graph, tmp_path):
    import pandas as pd

    on_file = sg.query(seed_ttl, "evidence", subject="ent:Tesla", predicate="sg:contractsWith",
                       object=URIRef(SAMSUNG))
    assert on_file[["subject", "object", "sentence"]].values.tolist() == [[TESLA, SAMSUNG, CONTRACT]]
    [fact] = on_file.itertuples()
    assert (fact.start, fact.end) == (561, 611) and fact.confidence == pytest.approx(confidence("case-frame"))
    pd.testing.assert_frame_equal(on_file, sg.query(seed_graph, "evidence", subject="ent:Tesla",
                                                    predicate="sg:contractsWith", object=URIRef(SAMSUNG)))
    rq = tmp_path / "people.rq"
    rq.write_text("SELECT ?name WHERE { ?p a sg:Person ; rdfs:label ?name FILTER(LANG(?name) = 'ja') } ORDER BY ?name",
                  encoding="utf-8")
    people = sg.query(seed_graph, rq)["name"].tolist()
    assert "イーロン・マスク" in people and people == sorted(people)
    assert sg.query(seed_ttl, "ASK { ?a sg:contractsWith ?b }") is True
    assert sg.query(seed_graph, "ASK { ?a sg:contractsWith ?b }", b="ent:Tesla") is False
    described = sg.query(seed_ttl, "CONSTRUCT { ?a sg:contractsWith ?b } WHERE { ?a sg:contractsWith ?b }")
    assert isinstance(described, Graph) and set(described) == {(URIRef(TESLA), URIRef(iri.ONTOLOGY + "contractsWith"),
                                                                URIRef(SAMSUNG))}
    with pytest.raises(InputError, match="not a shipped query .*agreements"):
        sg.query(seed_ttl, "agreement")
    with pytest.raises(InputError, match="no variable [?]who"):
        sg.query(seed_ttl, "agreements", who="ent:Tesla")
    with pytest.raises(TypeError, match="not a graph: a dict"):
        sg.query({}, "agreements")


@pytest.mark.model
def test_the_api_builds_the_graph_the_command_line_builds(seed_graph, tmp_path):
    result = sg.build(str(SEEDS))  # one path, not a list of its characters
    assert isomorphic(result.graph, seed_graph)
    files = sg.export(result, tmp_path / "out")
    assert sorted(path.name for path in files.values()) == ["extractions.jsonl", "graph.html", "graph.ttl",
                                                          "ontology.ttl"]
    assert isomorphic(sg.load(files["graph.ttl"]), seed_graph)
    views = [sg.to_networkx(source) for source in (result, seed_graph, files["graph.ttl"])]
    assert all(sorted(v.edges(keys=True)) == sorted(views[0].edges(keys=True)) for v in views)
    assert views[0].nodes[TESLA]["label"] == "テスラ"


def test_load_names_the_file_it_cannot_read(tmp_path):
    with pytest.raises(InputError, match="missing.ttl: no such file"):
        sg.load(tmp_path / "missing.ttl")
    (tmp_path / "broken.ttl").write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="broken.ttl: not a readable Turtle graph"):
        sg.load(tmp_path / "broken.ttl")


@pytest.mark.model
def test_every_fact_of_the_seed_points_at_its_sentence_in_the_article(seed_graph):
    evidence = sg.query(seed_graph, "evidence")
    assert len(evidence) >= 10
    article = sg.document(seed_graph, iri.document(SEED_DOC))
    assert article.id == SEED_DOC and article.source == str(SEEDS / f"{SEED_DOC}.md")
    assert sg.document(seed_graph, SEED_DOC) == article
    for fact in evidence.itertuples():
        assert fact.document == iri.document(SEED_DOC)
        assert article.text[fact.start:fact.end] == fact.sentence


@pytest.mark.model
def test_a_document_is_read_from_the_build_or_again_from_its_file(tmp_path, monkeypatch):
    (tmp_path / "articles" / "news").mkdir(parents=True)
    path = tmp_path / "articles" / "news" / "memo.md"
    path.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = sg.build(["articles"], texts={"pasted": "テスラはサムスンと契約した。"})
    fact = sg.query(result, "evidence", subject="ent:NVIDIA", object="ent:TSMC").iloc[0]
    assert fact.document == iri.document("news/memo")
    built = sg.document(result, fact.document)
    assert built is result.extractions[0].document
    assert built.text[fact.start:fact.end] == fact.sentence == "NVIDIAはTSMCと提携し、台湾でH100を生産している。"
    assert sg.document(result.graph, fact.document) == built  # read again from articles/news/memo.md
    assert sg.document(result, "pasted").text == "テスラはサムスンと契約した。"
    with pytest.raises(InputError, match="pasted: built from a text in memory"):
        sg.document(result.graph, "pasted")
    with pytest.raises(InputError, match="nothing: no such document in the graph"):
        sg.document(result.graph, "nothing")

    monkeypatch.chdir(ROOT)
    with pytest.raises(InputError, match=r"articles/news/memo.md: no such file .*give that folder as root"):
        sg.document(result.graph, fact.document)
    assert sg.document(result.graph, fact.document, root=tmp_path) == built
    path.write_text(ARTICLE.replace("台湾", "米国"), encoding="utf-8")
    with pytest.raises(InputError, match="memo.md: its text has changed since the graph was built"):
        sg.document(result.graph, fact.document, root=tmp_path)
    path.write_bytes(b"\x00\x01binary")
    with pytest.raises(InputError, match="memo.md: cannot read it: binary data"):
        sg.document(result.graph, fact.document, root=tmp_path)


def test_queries_lists_the_shipped_queries_with_what_they_answer():
    listed = sg.queries()
    assert list(listed) == list(query.shipped())
    assert listed["agreements"].startswith("All agreements")


@pytest.mark.model
def test_the_explorer_is_shown_inline_from_the_page_or_the_graph(seed_build, seed_graph):
    out, _ = seed_build
    page = (out / "graph.html").read_text("utf-8")
    shown = sg.explorer(out / "graph.html", height=500)
    frame = shown._repr_html_()
    [srcdoc] = re.findall(r'srcdoc="([^"]*)"', frame)
    assert html.unescape(srcdoc) == page
    assert 'sandbox="allow-scripts"' in frame and "height: 500px" in frame
    assert repr(shown) == f"<seed-graph explorer: a page of {len(page):,} characters>"
    assert sg.explorer(seed_graph).page == page  # the same page as the export's
    with pytest.raises(InputError, match="nowhere.html: cannot read the explorer page"):
        sg.explorer(out / "nowhere.html")


@pytest.mark.model
@pytest.mark.browser
def test_the_inline_explorer_draws_the_whole_graph_in_its_sandbox(browser, seed_graph, tmp_path):
    notebook = tmp_path / "notebook.html"
    notebook.write_text("<!DOCTYPE html><html><head><title>notebook</title></head><body>"
                        f"{sg.explorer(seed_graph)._repr_html_()}</body></html>", encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    requests, errors = [], []
    context.route(re.compile(r"^(?!file:|data:|about:)"), lambda route: (requests.append(route.request.url),
                                                                          route.abort()))
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(notebook.as_uri())
        [frame] = [f for f in page.frames if f is not page.main_frame]
        frame.wait_for_function("() => window.seedGraph && window.seedGraph.settled !== null", timeout=60_000)
        view = sg.to_networkx(seed_graph)
        drawn = frame.evaluate("() => [seedGraph.network.body.nodeIndices.length, "
                               "seedGraph.network.body.edgeIndices.length]")
        assert drawn == [sum(1 for n in view if view.degree(n)), view.number_of_edges()]  # isolated ones on demand
        # its scripts run, but cannot reach the page around it
        assert frame.evaluate("() => { try { return parent.document.title } catch (e) { return e.name } }") \
            == "SecurityError"
        assert requests == [] and errors == []
    finally:
        context.close()


@pytest.mark.model
def test_the_readme_python_api_example_runs(tmp_path, monkeypatch, seed_graph):
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Notebooks and the Python API", 1)[1].split("\n## ", 1)[0]
    [example] = re.findall(r"```python\n(.*?)```", section, re.S)
    (tmp_path / "seeds").symlink_to(SEEDS)
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    exec(compile(example, "README.md", "exec"), names)
    assert len(names["g"]) == len(seed_graph) and (tmp_path / "exports" / "graph.html").is_file()
    assert names["evidence"]["sentence"].tolist() == [CONTRACT]
    assert names["article"].source == f"seeds/{SEED_DOC}.md"
    assert names["view"].has_edge(TESLA, SAMSUNG, key="contractsWith")
