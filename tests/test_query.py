"""SPARQL over the seed's graph: the shipped queries answer the same on Oxigraph and rdflib, user values are
bound as RDF terms, and `seed-graph query` writes tables, CSV and JSON with the documented exit codes."""

import csv
import io
import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdfns

from graph import iri, query
from graph.cli import main
from graph.model import InputError

ROOT = Path(__file__).resolve().parent.parent
SEED_DOC = "evcafe-23-tesla-samsung-ai-chips"
TESLA, SAMSUNG = URIRef(iri.entity("Tesla")), URIRef(iri.entity("Samsung_Electronics"))
SG = "https://w3id.org/seed-graph/ns#"

# Values for the shipped queries that take parameters, to compare the engines on bound queries too.
BINDINGS = {
    "evidence": {"subject": TESLA, "predicate": URIRef(SG + "contractsWith"), "object": SAMSUNG},
    "document-facts": {"document": URIRef(iri.document(SEED_DOC))},
    "entities": {"type": URIRef(SG + "Person")},
    "mentions": {"entity": TESLA},
    "timeline": {"month": Literal("2025-07")},
}


CROSS = "?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_every_shipped_query_says_what_it_answers_orders_its_rows_and_declares_its_prefixes():
    import pyoxigraph as ox
    from rdflib.plugins.sparql import prepareQuery

    assert len(query.shipped()) >= 8
    for name, path in query.shipped().items():
        text = path.read_text("utf-8")
        assert len(query.describe(path)) > 40, name
        assert re.search(r"^ORDER BY ", text, re.M), name
        prepareQuery(text)  # no prefixes given: the query runs as it is in any SPARQL engine
        ox.Store().query(text)


def test_binding_parameters_are_documented_in_the_shipped_queries():
    for name, values in BINDINGS.items():
        text = query.read(name)
        for variable in values:
            assert f"?{variable}" in query.describe(query.shipped()[name]), (name, variable)
            # Oxigraph binds only variables the query selects
            assert re.search(rf"SELECT[^{{]*\?{variable}\b", text), (name, variable)


def comparable(cell):
    """A cell as a value: numbers compare by value (Oxigraph writes 16500000000 where rdflib keeps 16500000000.0)."""
    xsd = rdfns.XSD
    if isinstance(cell, Literal) and cell.datatype in (xsd.decimal, xsd.integer, xsd.double, xsd.float):
        return ("number", cell.toPython())
    return cell


@pytest.fixture(scope="module")
def engines(seed_build):
    out, _ = seed_build
    return {engine: query.load(out / "graph.ttl", engine) for engine in query.ENGINES}


@pytest.mark.model
@pytest.mark.parametrize("name, bound", [(name, False) for name in sorted(query.shipped())]
                         + [(name, True) for name in sorted(BINDINGS)])
def test_shipped_queries_answer_the_same_on_oxigraph_and_rdflib(engines, name, bound):
    text = query.read(name)
    answers = {engine: query.run(source, text, BINDINGS[name] if bound else None)
               for engine, source in engines.items()}
    oxigraph, rdflib = answers["oxigraph"], answers["rdflib"]
    assert oxigraph.variables == rdflib.variables
    assert oxigraph.rows, f"{name} finds nothing on the seed"
    assert [tuple(map(comparable, row)) for row in oxigraph.rows] == \
           [tuple(map(comparable, row)) for row in rdflib.rows]


@pytest.mark.model
def test_which_sentences_say_that_tesla_contracts_samsung(engines, seed_build):
    from graph import ingest

    [document] = [d for d in ingest.read([ROOT / "seeds"]) if isinstance(d, ingest.Document)]
    answer = query.run(engines["oxigraph"], query.read("evidence"), BINDINGS["evidence"])
    assert len(answer.rows) == 1
    row = dict(zip(answer.variables, answer.rows[0]))
    start, end = row["start"].toPython(), row["end"].toPython()
    assert document.text[start:end] == str(row["sentence"])
    assert "サムスンと約165億ドル" in str(row["sentence"])
    assert row["document"] == URIRef(iri.document(SEED_DOC)) and row["modality"] == URIRef(SG + "past")


@pytest.mark.model
def test_the_timeline_keeps_the_facts_of_a_year_or_a_month(engines):
    for engine in query.ENGINES:
        every = query.run(engines[engine], query.read("timeline"))
        july = query.run(engines[engine], query.read("timeline"), {"month": Literal("2025-07")})
        year = query.run(engines[engine], query.read("timeline"), {"year": Literal(2025)})
        dates = [str(row[0]) for row in every.rows]
        assert dates == sorted(dates) and "2025-07" in dates
        assert 0 < len(july.rows) < len(every.rows) + 1 and all(str(row[0]) == "2025-07" for row in july.rows)
        assert len(july.rows) <= len(year.rows) and all(str(row[0]).startswith("2025") for row in year.rows)
        assert any(str(row[4]) == "contractsWith" for row in july.rows)


def test_what_facts_a_document_gives(engines):
    answer = query.run(engines["oxigraph"], query.read("document-facts"), BINDINGS["document-facts"])
    facts = {(str(r[2]), str(r[3]), str(r[4])) for r in answer.rows}
    assert {("テスラ", "contractsWith", "サムスン"), ("サムスン", "manufactures", "AI6"),
            ("AI6", "producedAt", "テイラー工場"), ("N2", "yieldRate", "70%以上")} <= facts
    other = query.run(engines["oxigraph"], query.read("document-facts"),
                      {"document": URIRef(iri.document("no-such-document"))})
    assert other.rows == []


@pytest.mark.parametrize("value, expected", [
    ("ent:Tesla", TESLA),
    ("<https://w3id.org/seed-graph/id/Tesla>", TESLA),
    ("https://w3id.org/seed-graph/id/Tesla", TESLA),
    ('"テスラ"@ja', Literal("テスラ", lang="ja")),
    ('"2025-07"^^xsd:gYearMonth', Literal("2025-07", datatype=rdfns.XSD.gYearMonth)),
    ("561", Literal(561)),
    ("テスラ", Literal("テスラ")),
    ("unknown:thing", Literal("unknown:thing")),
    ('x" } UNION { ?s ?p ?o', Literal('x" } UNION { ?s ?p ?o')),
])
def test_values_are_read_as_rdf_terms(value, expected):
    assert query.term(value) == expected
    assert type(query.term(value)) is type(expected)


@pytest.mark.parametrize("text", ["subject", "1x=ent:Tesla", "=ent:Tesla", 'subject=<https://x y>', 'object="unclosed',
                                  "subject=<x>", "subject=<../Tesla>"])
def test_malformed_bindings_are_input_errors(text):
    with pytest.raises(InputError):
        query.binding(text)


@pytest.mark.model
@pytest.mark.parametrize("engine", query.ENGINES)
def test_a_bound_value_is_a_value_never_query_text(engines, engine):
    text = "SELECT ?name WHERE { ?e rdfs:label ?name } ORDER BY ?name"
    everything = query.run(engines[engine], text)
    injected = query.run(engines[engine], text, dict([query.binding('name=x" } UNION { ?e ?p ?name')]))
    assert len(everything.rows) > 20 and injected.rows == []
    one = query.run(engines[engine], text, dict([query.binding('name="テスラ"@ja')]))
    assert one.rows == [(Literal("テスラ", lang="ja"),)]


@pytest.mark.model
def test_query_errors_are_input_errors(engines):
    with pytest.raises(InputError, match="has no variable [?]nothing"):
        query.run(engines["oxigraph"], "SELECT ?s WHERE { ?s ?p ?o }", {"nothing": TESLA})
    for engine in query.ENGINES:
        with pytest.raises(InputError, match="^query: "):
            query.run(engines[engine], "SELECT ?s WHERE { ?s ?p }")
        with pytest.raises(InputError, match="^query: "):
            query.run(engines[engine], "INSERT DATA { <a:b> <a:c> <a:d> }")


# ---------------------------------------------------------------------------------------------------------
# The command

@pytest.mark.model
def test_query_command_prints_a_table(seed_build):
    out, _ = seed_build
    result = invoke("query", out / "graph.ttl", "agreements")
    assert result.exit_code == 0, result.output
    header, rule, *rows, count = result.output.splitlines()
    assert header.split() == ["agreement", "date", "parties", "about", "amounts", "sentence"]
    assert set(rule.replace(" ", "")) == {"-"} and count == "(1 row)"
    assert "2025-07" in rows[0] and "サムスン / テスラ" in rows[0] and "約165億ドル / 約2.4兆円" in rows[0]
    # the last column starts at the same place on every line, a Japanese character taking two places
    starts = {query._width(header[:header.index("sentence")]), query._width(rule[:rule.rindex(" ") + 1]),
              query._width(rows[0][:rows[0].index("2025年7月")])}
    assert len(starts) == 1


@pytest.mark.model
def test_query_command_writes_sparql_csv_and_json(seed_build, tmp_path):
    out, _ = seed_build
    rq = tmp_path / "persons.rq"
    rq.write_text("SELECT ?person ?name WHERE { ?person a sg:Person ; rdfs:label ?name } ORDER BY ?person ?name",
                  encoding="utf-8")
    as_csv = invoke("query", out / "graph.ttl", rq, "--format", "csv", "--bind", "person=ent:Elon_Musk")
    assert as_csv.exit_code == 0, as_csv.output
    assert list(csv.reader(io.StringIO(as_csv.output))) == [
        ["person", "name"], [iri.entity("Elon_Musk"), "Elon Musk"], [iri.entity("Elon_Musk"), "イーロン・マスク"]]
    as_json = json.loads(invoke("query", out / "graph.ttl", rq, "-f", "json", "-b", "person=ent:Elon_Musk").output)
    assert as_json["head"]["vars"] == ["person", "name"]
    assert as_json["results"]["bindings"][1]["name"] == {"type": "literal", "value": "イーロン・マスク", "xml:lang": "ja"}
    asked = invoke("query", out / "graph.ttl", "--query", "ASK { ent:Tesla sg:contractsWith ?other }", "-f", "json")
    assert json.loads(asked.output) == {"head": {}, "boolean": True}
    built = invoke("query", out / "graph.ttl", "--query",
                   "CONSTRUCT { ?e skos:altLabel ?a } WHERE { ?e skos:altLabel ?a }")
    aliases = Graph().parse(data=built.output, format="turtle")
    assert len(aliases) > 10 and set(aliases.predicates()) == {rdfns.SKOS.altLabel}


@pytest.mark.model
def test_query_command_gives_the_same_table_on_both_engines(seed_build):
    out, _ = seed_build
    tables = {engine: invoke("query", out / "graph.ttl", "people", "--engine", engine).output
              for engine in query.ENGINES}
    assert tables["oxigraph"] == tables["rdflib"] and "アナリスト" in tables["oxigraph"]


def test_query_list_names_every_shipped_query():
    result = invoke("query", "--list")
    assert result.exit_code == 0
    assert [line for line in result.output.splitlines() if not line.startswith(" ")] == list(query.shipped())


@pytest.mark.model
@pytest.mark.parametrize("args, message", [
    (["no/such.ttl", "agreements"], "no/such.ttl: no such file"),
    (["GRAPH", "no-such-query"], "no-such-query: no such query file, and not a shipped query"),
    (["GRAPH", "--query", "SELECT ?s WHERE {"], "query: "),
    (["GRAPH", "--query", "DELETE WHERE { ?s ?p ?o }"], "query: "),
    (["GRAPH", "evidence", "--bind", "subjekt=ent:Tesla"], "--bind subjekt: the query has no variable ?subjekt"),
    (["GRAPH", "evidence", "--bind", "subject"], "subject: a binding is name=value"),
    (["GRAPH", "evidence", "--bind", "subject=<x>"], "<x>: not a valid absolute IRI"),
    (["GRAPH", "evidence", "--bind", "subject=<x>", "--engine", "rdflib"], "<x>: not a valid absolute IRI"),
    (["GRAPH", "--query", "SELECT * { FILTER(" + "!" * 10_000 + "true) }"], "nests deeper than 100 levels"),
    (["GRAPH", "--query", "SELECT * FROM <http://127.0.0.1:9/g> { ?s ?p ?o }", "--engine", "rdflib"],
     "FROM and FROM NAMED load graphs from elsewhere"),
    (["GRAPH", "--query", f"SELECT (COUNT(*) AS ?n) {{ {CROSS} }}", "--timeout", "1"], "ran out of time (1 s)"),
    ([str(ROOT / "README.md"), "agreements"], "README.md: not a readable Turtle graph"),
])
def test_query_command_bad_input_exits_2_with_one_line(seed_build, args, message):
    out, _ = seed_build
    args = [str(out / "graph.ttl") if a == "GRAPH" else a for a in args]
    result = invoke("query", *args)
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("seed-graph: error: ") and message in line


def test_ctrl_c_stops_a_query_while_the_engine_is_busy(seed_build):
    import signal
    import subprocess
    import sys
    import time

    out, _ = seed_build
    command = [sys.executable, "-m", "graph.cli", "query", str(out / "graph.ttl"), "--query",
               f"SELECT (COUNT(*) AS ?n) {{ {CROSS} }}"]
    busy = subprocess.Popen(command, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    children: list[int] = []
    deadline = time.monotonic() + 30
    while not children and time.monotonic() < deadline:  # the worker that runs the query has started
        time.sleep(0.2)
        children = [int(c) for c in Path(f"/proc/{busy.pid}/task/{busy.pid}/children").read_text().split()
                    if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]  # not multiprocessing's tracker
    time.sleep(1.5)  # the worker has read the graph and is deep in the cross product
    busy.send_signal(signal.SIGINT)
    assert busy.wait(timeout=10) != 0
    time.sleep(0.5)
    assert children and not [pid for pid in children if Path(f"/proc/{pid}").exists()]


def test_query_command_needs_exactly_one_query():
    for args in (["graph.ttl"], ["graph.ttl", "agreements", "--query", "ASK {}"]):
        result = invoke("query", *args)
        assert result.exit_code == 2 and "give a QUERY" in result.output


@pytest.mark.model
def test_the_readme_query_examples_run(seed_build):
    out, _ = seed_build
    readme = (ROOT / "README.md").read_text("utf-8")
    commands = re.findall(r"^(?:\$ )?(?:\.venv/bin/)?(seed-graph (?:query|validate) exports/graph\.ttl.*)$",
                          readme, re.M)
    assert len(commands) >= 4
    for command in commands:
        args = [a.replace("exports/graph.ttl", str(out / "graph.ttl")) for a in shlex.split(command)[1:]]
        result = invoke(*args)
        assert result.exit_code == 0, (command, result.output)


@pytest.mark.model
def test_the_readme_shows_the_real_output_of_its_console_examples(seed_build):
    """The README's console blocks are what the commands print on the seed, so they cannot go stale."""
    out, _ = seed_build
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```console\n\$ \.venv/bin/(seed-graph [^\n]*)\n(.*?)```", readme, re.S)
    assert len(blocks) >= 3
    for command, shown in blocks:
        args = [a.replace("exports/graph.ttl", str(out / "graph.ttl")) for a in shlex.split(command)[1:]]
        result = invoke(*args)
        assert result.exit_code == 0, (command, result.output)
        assert result.output == shown, command
