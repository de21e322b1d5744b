"""Acceptance on the seed article: a real build through the CLI, checked with SPARQL by local names."""

from decimal import Decimal

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic

pytestmark = pytest.mark.model

PREFIXES = """
PREFIX sg: <https://w3id.org/seed-graph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def select(graph, query, **bindings):
    return [tuple(row) for row in graph.query(PREFIXES + query, initBindings=bindings)]


def entity(graph, label):
    """The one entity with this label or alias (in any language)."""
    rows = select(graph, """SELECT DISTINCT ?e ?type WHERE {
        ?e a ?type . FILTER(STRSTARTS(STR(?type), STR(sg:)))
        { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name } FILTER(STR(?name) = ?wanted) }""",
                  wanted=Literal(label))
    assert len(rows) == 1, f"{label}: {rows}"
    return rows[0]


@pytest.mark.parametrize("label, type_", [
    ("Tesla", "Organization"), ("Samsung", "Organization"), ("TSMC", "Organization"), ("NVIDIA", "Organization"),
    ("ARK Invest", "Organization"), ("ファミリーマート", "Organization"),
    ("Elon Musk", "Person"), ("ミン・チー・クオ", "Person"), ("ブレット・ウィントン", "Person"), ("来嶋 勇人", "Person"),
    ("AI6", "Product"), ("AI7", "Product"), ("H100", "Product"), ("Dojo", "Product"), ("FSD", "Product"),
    ("Tesla Optimus", "Product"), ("SF2", "Technology"), ("N2", "Technology"), ("テイラー工場", "Facility"),
    ("Texas", "Place"), ("United States", "Place"), ("福岡県", "Place"),
])
def test_each_entity_once_with_its_type(seed_graph, label, type_):
    _, found = entity(seed_graph, label)
    assert found.endswith("#" + type_)


def test_spellings_and_name_parts_are_one_entity(seed_graph):
    assert entity(seed_graph, "テスラ")[0] == entity(seed_graph, "Tesla")[0]
    musk = entity(seed_graph, "イーロン・マスク")[0]
    assert entity(seed_graph, "イーロン")[0] == musk == entity(seed_graph, "マスク")[0]
    assert entity(seed_graph, "がす")[0] == entity(seed_graph, "来嶋 勇人")[0]


def test_no_entity_from_a_spurious_label_and_no_person_split(seed_graph):
    types = {str(t).rsplit("#", 1)[1] for (t,) in select(seed_graph, "SELECT DISTINCT ?t WHERE { ?e a ?t . ?e rdfs:label ?l }")}
    assert types <= {"Organization", "Person", "Place", "Facility", "Product", "Technology", "Event", "Agreement"}
    people = {str(label) for (label,) in select(seed_graph, "SELECT ?l WHERE { ?e a sg:Person ; rdfs:label ?l }")}
    assert not people & {"ミン・チー", "クオ", "イーロン", "マスク", "がす", "勇人"}


def fact(graph, subject, kind, obj):
    s, o = entity(graph, subject)[0], entity(graph, obj)[0]
    return graph.query(PREFIXES + f"ASK {{ ?s sg:{kind} ?o }}", initBindings={"s": s, "o": o}).askAnswer


@pytest.mark.parametrize("subject, kind, obj", [
    ("Tesla", "contractsWith", "Samsung"), ("Samsung", "manufactures", "AI6"), ("AI6", "producedAt", "テイラー工場"),
    ("テイラー工場", "locatedIn", "Texas"), ("Texas", "locatedIn", "United States"), ("AI6", "usesTechnology", "SF2"),
    ("Tesla", "develops", "AI6"), ("Tesla", "develops", "Dojo"), ("NVIDIA", "develops", "H100"),
    ("ブレット・ウィントン", "worksFor", "ARK Invest"), ("来嶋 勇人", "bornIn", "福岡県"),
    ("来嶋 勇人", "worksFor", "ファミリーマート"),
])
def test_facts_of_the_article(seed_graph, subject, kind, obj):
    assert fact(seed_graph, subject, kind, obj)


def test_the_contract_is_an_agreement_with_parties_subject_value_date_and_evidence(seed_graph):
    tesla, samsung, ai6 = (entity(seed_graph, n)[0] for n in ("Tesla", "Samsung", "AI6"))
    rows = select(seed_graph, """SELECT ?a ?amount ?currency ?date ?sentence WHERE {
        ?a a sg:Agreement ; sg:party ?tesla, ?samsung ; sg:about ?ai6 ; sg:date ?date ;
           sg:amount [ schema:value ?amount ; schema:currency ?currency ] ;
           prov:wasDerivedFrom [ sg:text ?sentence ] }""", tesla=tesla, samsung=samsung, ai6=ai6)
    amounts = {(amount.toPython(), str(currency)) for _, amount, currency, _, _ in rows}
    assert amounts == {(Decimal("16500000000"), "USD"), (Decimal("2400000000000"), "JPY")}
    assert {(str(d), str(d.datatype).rsplit("#", 1)[1]) for _, _, _, d, _ in rows} == {("2025-07", "gYearMonth")}
    assert all("165億ドル" in str(sentence) and "合意" in str(sentence) for *_, sentence in rows)


def test_evidence_sentences_point_into_the_document(seed_graph, seed_build):
    from graph import ingest

    [document] = [d for d in ingest.read(["seeds"]) if isinstance(d, ingest.Document)]
    rows = select(seed_graph, """SELECT ?text ?start ?end WHERE {
        ?st a sg:Statement ; prov:wasDerivedFrom ?s . ?s sg:text ?text ; sg:start ?start ; sg:end ?end }""")
    assert rows
    for text, start, end in rows:
        assert document.text[int(start):int(end)] == str(text)


@pytest.mark.parametrize("holder, low, high", [("N2", 70, None), ("Samsung", 40, 45)])
def test_yields_are_values(seed_graph, holder, low, high):
    rows = select(seed_graph, """SELECT ?min ?max WHERE { ?e sg:yieldRate ?v . ?v schema:minValue ?min .
        OPTIONAL { ?v schema:maxValue ?max } }""", e=entity(seed_graph, holder)[0])
    assert [(float(lo), float(hi) if hi is not None else None) for lo, hi in rows] == [(low, high)]


def test_turtle_round_trips_to_the_graph_built(seed_build):
    from conftest import SEEDS

    from graph import pipeline

    out, _ = seed_build
    result = pipeline.build([SEEDS])
    assert isomorphic(pipeline.load(out / "graph.ttl"), result.graph)
