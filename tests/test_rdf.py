"""The graph as a dataset to rely on: an ontology that defines every term the graph uses, provenance for every
fact, SHACL shapes every build conforms to, byte-identical output, and Turtle that rdflib and Oxigraph read
alike whatever the text holds."""

import hashlib
import io
import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

import graph
from graph import iri
from graph.model import ENTITY_TYPES, Extraction, Mention, Relation
from graph.validate import validate
from graph.vocab import ATTRIBUTES, ONTOLOGY_FILE, RELATION_KINDS, SCHEMA, SG, SHAPES_FILE, WD

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NS = str(SG._NS)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def defined(ontology: Graph, *types: URIRef) -> set[URIRef]:
    """Terms of the project namespace the ontology declares (of the given types, or of any type)."""
    return {s for s, t in ontology.subject_objects(RDF.type)
            if isinstance(s, URIRef) and s.startswith(NS) and (not types or t in types)}


def undefined_terms(data: Graph, ontology: Graph) -> set[URIRef]:
    """Terms of the project namespace that ``data`` uses but the ontology does not define for that use:
    predicates must be properties, types classes, anything else a declared term (such as a modality)."""
    properties, classes, terms = defined(ontology, *PROPERTY_TYPES), defined(ontology, OWL.Class), defined(ontology)
    wrong = set()
    for s, p, o in data:
        if p.startswith(NS) and p not in properties:
            wrong.add(p)
        if p == RDF.type and o.startswith(NS) and o not in classes:
            wrong.add(o)
        for node in (s, o):
            if isinstance(node, URIRef) and node.startswith(NS) and node not in terms:
                wrong.add(node)
            if isinstance(node, Literal) and node.datatype and node.datatype.startswith(NS):
                wrong.add(node.datatype)
    return wrong


def oxigraph_parse(source) -> Graph:
    """A Turtle file or text parsed by Oxigraph, as an rdflib Graph."""
    import pyoxigraph as ox

    def term(node):
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return BNode(node.value)
        if node.language:
            return Literal(node.value, lang=node.language)
        datatype = node.datatype.value
        return Literal(node.value, datatype=None if datatype.endswith("#string") else URIRef(datatype))

    kwargs = {"input": source} if isinstance(source, str) else {"path": str(source)}
    parsed = Graph()
    for triple in ox.parse(format=ox.RdfFormat.TURTLE, **kwargs):
        parsed.add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return parsed


# ---------------------------------------------------------------------------------------------------------
# The ontology

def test_the_namespace_and_the_ontology_declare_the_same_terms(ontology):
    assert {URIRef(NS + name) for name in SG.__annotations__} == defined(ontology)


def test_every_term_has_japanese_and_english_labels_and_a_comment(ontology):
    for term in defined(ontology):
        assert {label.language for label in ontology.objects(term, RDFS.label)} >= {"ja", "en"}, term
        assert (term, RDFS.comment, None) in ontology, term


def test_every_property_has_a_domain_and_a_range(ontology):
    for prop in defined(ontology, *PROPERTY_TYPES):
        assert (prop, RDFS.domain, None) in ontology and (prop, RDFS.range, None) in ontology, prop


def test_classes_link_to_schema_org_prov_and_skos(ontology):
    def ancestors(term):
        return set(ontology.transitive_objects(term, RDFS.subClassOf)) - {term}

    for type_ in ENTITY_TYPES:
        assert any(str(a).startswith(str(SCHEMA)) for a in ancestors(SG[type_])), type_
    for type_ in (SG.Document, SG.Sentence, SG.Mention, SG.Statement, SG.Agreement):
        assert PROV.Entity in ancestors(type_), type_
    assert PROV.Activity in ancestors(SG.Build) and SKOS.Concept in ancestors(SG.Modality)
    for kind in RELATION_KINDS - {"relatedTo"}:
        assert SG.relatedTo in set(ontology.transitive_objects(SG[kind], RDFS.subPropertyOf)), kind


def test_relation_kinds_and_measures_are_properties_the_shapes_accept(ontology):
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    [accepted] = [set(shapes.items(shapes.value(prop, URIRef("http://www.w3.org/ns/shacl#in"))))
                  for prop in shapes.subjects(URIRef("http://www.w3.org/ns/shacl#path"), RDF.predicate)]
    assert accepted == {SG[name] for name in RELATION_KINDS | ATTRIBUTES}
    assert accepted <= defined(ontology, OWL.ObjectProperty)


@pytest.mark.parametrize("path", [ONTOLOGY_FILE, SHAPES_FILE], ids=lambda p: p.name)
def test_ontology_and_shapes_parse_alike_in_rdflib_and_oxigraph(path):
    assert isomorphic(Graph().parse(path, format="turtle"), oxigraph_parse(path))


# ---------------------------------------------------------------------------------------------------------
# The seed's graph

model = pytest.mark.model


@model
def test_the_graph_uses_only_terms_the_ontology_defines(seed_graph, ontology):
    assert undefined_terms(seed_graph, ontology) == set()
    stray = Graph()
    stray += seed_graph
    stray.add((URIRef(iri.entity("Tesla")), URIRef(NS + "ownsStakeIn"), URIRef(iri.entity("Samsung_Electronics"))))
    stray.add((URIRef(iri.entity("Tesla")), RDF.type, SG.Statement))
    assert undefined_terms(stray, ontology) == {URIRef(NS + "ownsStakeIn")}
    stray.add((URIRef(iri.entity("Tesla")), RDF.type, SG.contractsWith))
    assert URIRef(NS + "contractsWith") in undefined_terms(stray, ontology)


@model
def test_the_ontology_is_written_beside_the_exports(seed_build):
    out, _ = seed_build
    assert (out / "ontology.ttl").read_bytes() == ONTOLOGY_FILE.read_bytes()


@pytest.fixture(scope="module")
def seed_document():
    from graph import ingest

    [document] = [d for d in ingest.read([SEEDS]) if isinstance(d, ingest.Document)]
    return document


def test_one_fact_found_twice_in_a_sentence_is_one_statement_with_the_surer_rule(profile):
    from graph import pipeline
    from graph.model import Document

    text = "インテルの吉田社長は、インテルを率いる吉田氏だ。"
    mentions = [Mention(0, 4, "インテル", "Organization", "test"), Mention(5, 7, "吉田", "Person", "test"),
                Mention(11, 15, "インテル", "Organization", "test"), Mention(19, 21, "吉田", "Person", "test")]
    relations = [Relation(1, "leads", 0, 0, len(text), "role", 0.85),
                 Relation(3, "leads", 2, 0, len(text), "role-topic", 0.6)]
    built = pipeline.assemble([Extraction(Document("d", text, "<d>", "0" * 64), mentions, relations)], profile)
    [statement] = built.graph.subjects(RDF.type, SG.Statement)
    assert [str(rule) for rule in built.graph.objects(statement, SG.rule)] == ["role"]
    assert validate(built.graph).conforms


def test_a_fact_whose_two_ends_are_one_entity_is_no_statement(profile):
    from graph import pipeline
    from graph.model import Document

    text = "ルミナは、写真アプリのルミナを開発した。"  # the company and its app: one label, so one node
    mentions = [Mention(0, 3, "ルミナ", "Organization", "test"), Mention(11, 14, "ルミナ", "Product", "test")]
    built = pipeline.assemble([Extraction(Document("d", text, "<d>", "0" * 64), mentions,
                                          [Relation(0, "develops", 1, 0, len(text), "test", 0.9)])], profile)
    assert len({m.entity for m in mentions}) == 1
    assert not list(built.graph.subjects(RDF.type, SG.Statement)) and not built.extractions[0].relations


@model
def test_each_document_is_a_prov_entity_with_source_hash_title_and_length(seed_graph, seed_document):
    node = URIRef(iri.document(seed_document.id))
    assert (node, RDF.type, PROV.Entity) in seed_graph and (node, RDF.type, SG.Document) in seed_graph
    assert str(seed_graph.value(node, SG.sha256)) == hashlib.sha256(seed_document.text.encode()).hexdigest()
    assert seed_graph.value(node, SG.length).toPython() == len(seed_document.text)
    assert str(seed_graph.value(node, SG.source)) == str(SEEDS / "evcafe-23-tesla-samsung-ai-chips.md")
    assert str(seed_graph.value(node, DCTERMS.title)) == seed_document.meta["title"]


@model
def test_the_build_is_a_prov_activity_that_names_the_software_and_model_versions(seed_graph):
    [build] = seed_graph.subjects(RDF.type, SG.Build)
    assert (build, RDF.type, PROV.Activity) in seed_graph
    assert set(seed_graph.objects(build, PROV.used)) == set(seed_graph.subjects(RDF.type, SG.Document))
    agents = {str(seed_graph.value(a, SCHEMA.name)): str(seed_graph.value(a, SCHEMA.softwareVersion))
              for a in seed_graph.objects(build, PROV.wasAssociatedWith)}
    from graph.nlp import entity_model_version

    tagger, _, weights = entity_model_version().partition(" ")
    assert agents == {"seed-graph": graph.__version__, "ja_ginza": version("ja-ginza"), tagger: weights}
    statements = set(seed_graph.subjects(RDF.type, SG.Statement))
    assert statements and statements == set(seed_graph.subjects(PROV.wasGeneratedBy, build))


@model
def test_every_entity_mention_is_recorded_with_its_document_and_offsets(seed_graph, seed_build, seed_document):
    out, _ = seed_build
    [record] = [json.loads(line) for line in (out / "extractions.jsonl").read_text("utf-8").splitlines()]
    expected = {(m["start"], m["end"], m["entity"]) for m in record["mentions"] if m.get("entity")}
    recorded = set()
    for mention in seed_graph.subjects(RDF.type, SG.Mention):
        start, end = (seed_graph.value(mention, p).toPython() for p in (SG.start, SG.end))
        assert seed_graph.value(mention, SG.document) == URIRef(iri.document(seed_document.id))
        assert str(seed_graph.value(mention, SG.text)) == seed_document.text[start:end]
        recorded.add((start, end, str(seed_graph.value(mention, SG.denotes))))
    assert len(expected) > 50 and recorded == expected


@model
def test_known_entities_are_the_same_as_their_wikidata_items(seed_graph, profile):
    known = {iri.entity(e["id"]): str(WD[e["wikidata"]]) for e in profile["entities"] if e.get("wikidata")}
    present = {str(e) for e in seed_graph.subjects(RDF.type, None)} & set(known)
    linked = {str(s): str(o) for s, o in seed_graph.subject_objects(OWL.sameAs)}
    assert linked == {entity: known[entity] for entity in present}
    assert {iri.entity(name) for name in ("Tesla", "Samsung_Electronics", "TSMC", "NVIDIA", "Elon_Musk")} <= set(linked)


@model
def test_graph_ttl_parses_alike_in_rdflib_and_oxigraph(seed_build):
    out, _ = seed_build
    assert isomorphic(Graph().parse(out / "graph.ttl", format="turtle"), oxigraph_parse(out / "graph.ttl"))


# ---------------------------------------------------------------------------------------------------------
# SHACL

@model
def test_the_seed_graph_conforms_to_the_shapes(seed_build):
    out, _ = seed_build
    report = validate(out / "graph.ttl")
    assert report.conforms, "\n".join(map(str, report.violations))


def _first(graph_, kind):
    return min(graph_.subjects(RDF.type, kind))


TESLA = URIRef(iri.entity("Tesla"))


BREAKAGES = {
    "entity without a label": (lambda g: g.remove((TESLA, RDFS.label, None)), "at least one label"),
    "entity with two types": (lambda g: g.add((TESLA, RDF.type, SG.Person)), "exactly one type"),
    "evidence past the end of its document": (
        lambda g: g.set((_first(g, SG.Sentence), SG.end, Literal(10 ** 6))), "ends past the end of its document"),
    "quoted text that is not the span": (
        lambda g: g.set((_first(g, SG.Mention), SG.text, Literal(str(g.value(_first(g, SG.Mention), SG.text)) + "x"))),
        "characters long"),
    "money without a currency": (
        lambda g: g.remove((_first(g, SCHEMA.MonetaryAmount), SCHEMA.currency, None)), "exactly one currency"),
    "relation with no statement": (
        lambda g: g.add((TESLA, SG.acquires, URIRef(iri.entity("NVIDIA")))), "no statement giving its evidence"),
    "statement whose fact is missing": (
        lambda g: g.remove((TESLA, SG.contractsWith, None)), "missing from the graph"),
    "statement with no evidence": (
        lambda g: g.remove((_first(g, SG.Statement), PROV.wasDerivedFrom, None)), "derived from exactly one sentence"),
    "statement whose object is a sentence": (
        lambda g: g.set((_first(g, SG.Statement), RDF.object, _first(g, SG.Sentence))), "an entity or a typed value"),
    "confidence above 1": (
        lambda g: g.set((_first(g, SG.Statement), SG.confidence, Literal("1.5", datatype=URIRef(
            "http://www.w3.org/2001/XMLSchema#decimal")))), "sg:confidence"),
}


@model
@pytest.mark.parametrize("breakage", BREAKAGES)
def test_the_shapes_catch_a_broken_graph(seed_graph, breakage):
    broken = Graph()
    broken += seed_graph
    change, expected = BREAKAGES[breakage]
    change(broken)
    report = validate(broken)
    assert not report.conforms
    assert any(expected in str(violation) for violation in report.violations), report.violations


@model
def test_validate_command_exit_status_and_violations(seed_build, tmp_path):
    from click.testing import CliRunner

    from graph.cli import main

    out, _ = seed_build
    ok = CliRunner().invoke(main, ["validate", str(out / "graph.ttl")])
    assert ok.exit_code == 0 and ok.output.strip().endswith("conforms")
    broken = tmp_path / "broken.ttl"
    broken.write_text((out / "graph.ttl").read_text("utf-8") + "\nent:Tesla a sg:Person .\n", encoding="utf-8")
    bad = CliRunner().invoke(main, ["validate", str(broken)])
    assert bad.exit_code == 1
    assert bad.output.splitlines()[0] == f"{broken}: 1 violation"
    assert "ent:Tesla rdf:type" in bad.output and "exactly one type" in bad.output
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle", encoding="utf-8")
    for path, message in ((tmp_path / "missing.ttl", "no such file"), (garbage, "not a readable Turtle graph")):
        result = CliRunner().invoke(main, ["validate", str(path)])
        assert result.exit_code == 2
        assert result.output.startswith(f"seed-graph: error: {path}: {message}")


# ---------------------------------------------------------------------------------------------------------
# Determinism

ARTICLES = {
    "a.md": "---\ntitle: テスラの新チップ\ndate: 2025-08-01\n---\nテスラはAI6の量産をサムスンと契約した。\n",
    "b.txt": "サムスン電子は米テキサス州テイラー工場でAI6を生産する予定だ。\n",
    "c.jsonl": "\n".join(json.dumps(record, ensure_ascii=False) for record in [
        {"id": "c1", "text": "エヌビディアはAIチップ「H100」を開発した。", "title": 'GPU "H100" <特集> 🎯'},
        {"id": "c2", "text": "アナリストのミン・チー・クオ氏はテスラを評価した。"}]) + "\n",
}


@model
def test_the_same_inputs_in_any_order_and_process_give_byte_identical_valid_turtle(tmp_path):
    from graph import pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    a, b, c = (folder / name for name in ARTICLES)
    for order, out in (([a, b, c], "one"), ([c, a, b], "two")):
        pipeline.export(pipeline.build(order), tmp_path / out)
    subprocess.run([sys.executable, "-m", "graph.cli", "build", str(b), str(c), str(a), "--out",
                    str(tmp_path / "three"), "-q"], check=True, cwd=tmp_path,
                   env={**os.environ, "PYTHONHASHSEED": "4242"})
    turtle = (tmp_path / "one" / "graph.ttl").read_bytes()
    assert (tmp_path / "two" / "graph.ttl").read_bytes() == turtle
    assert (tmp_path / "three" / "graph.ttl").read_bytes() == turtle
    built = Graph().parse(data=turtle.decode("utf-8"), format="turtle")
    assert len(set(built.subjects(RDF.type, SG.Document))) == 4
    assert (URIRef(iri.document("a")), DCTERMS.date, Literal("2025-08-01", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#date"))) in built
    report = validate(tmp_path / "one" / "graph.ttl")
    assert report.conforms, "\n".join(map(str, report.violations))


# ---------------------------------------------------------------------------------------------------------
# Any text, safely written

NASTY = st.sampled_from(list('"\'<>\\ \t\n\r\x00\x08\x1b\x7f\u2028%#{}|^`.:_-') + ["🎯", "👩‍💻", "テスラ", "e\u0301"])
# Names full of what Turtle must escape; no lone surrogates, which are not text and no document may hold.
NAMES = (st.lists(st.one_of(NASTY, st.characters(exclude_categories=("Cs",))), min_size=1, max_size=10)
         .map("".join).filter(str.strip))


def build_records(profile, subject: str, obj: str, type_: str = "Organization", doc_id: str = "d", **meta):
    """The graph of one hand-made document saying that ``subject`` contracts ``obj``, built without the model
    through the real resolve and build."""
    from graph import ingest
    from graph.build import build
    from graph.resolve import resolve

    text = f"{subject}は{obj}と契約した。"
    second = len(subject) + 1
    extraction = Extraction(ingest.from_text(text, doc_id, **meta),
                            [Mention(0, len(subject), subject, type_, "test"),
                             Mention(second, second + len(obj), obj, type_, "test")],
                            [Relation(0, "contractsWith", 1, 0, len(text), "test", 0.5)])
    return build([extraction], resolve([extraction], profile), profile)


@settings(max_examples=60, deadline=None)
@example(subject="Nº 1", obj="µチップ", doc_id="ª", title='"', type_="Organization")  # letters Turtle names refuse
@given(subject=NAMES, obj=NAMES, doc_id=NAMES, title=NAMES, type_=st.sampled_from(ENTITY_TYPES))
def test_any_text_makes_turtle_that_rdflib_and_oxigraph_read_back_unchanged(profile, subject, obj, doc_id, title,
                                                                          type_):
    from graph.export.turtle import write_turtle

    built = build_records(profile, subject, obj, type_, doc_id, title=title)
    out = io.StringIO()
    write_turtle(built, out)
    assert isomorphic(Graph().parse(data=out.getvalue(), format="turtle"), built)
    assert isomorphic(oxigraph_parse(out.getvalue()), built)
    one_entity = len(set(built.objects(None, SG.denotes))) == 1  # the same name twice: a fact of itself, no statement
    said = {subject, obj} | (set() if one_entity else {f"{subject}は{obj}と契約した。"})
    assert {str(t) for t in built.objects(None, SG.text)} >= said
    assert str(built.value(URIRef(iri.document(doc_id)), DCTERMS.identifier)) == doc_id
    report = validate(built)
    assert report.conforms, "\n".join(map(str, report.violations))


@pytest.mark.parametrize("given_date, datatype, written", [
    ("2025", "gYear", "2025"), (2025, "gYear", "2025"), ("2025-07", "gYearMonth", "2025-07"),
    ("2025-08-01", "date", "2025-08-01"), ("2025-08-01 10:30:00", "dateTime", "2025-08-01T10:30:00"),
    ("2025-08-01T10:30:00+09:00", "dateTime", "2025-08-01T10:30:00+09:00"),
    ("2025-08-01T10:30:00+0900", "dateTime", "2025-08-01T10:30:00+09:00"), ("2025年8月1日", "date", "2025-08-01"),
    ("2025-02-30", None, "2025-02-30"), ("2025-13", None, "2025-13"), ("8月1日", None, "8月1日"),
])
def test_document_dates_are_typed_when_they_are_iso_8601(profile, given_date, datatype, written):
    built = build_records(profile, "テスラ", "サムスン", date=given_date)
    [found] = built.objects(URIRef(iri.document("d")), DCTERMS.date)
    expected = None if datatype is None else URIRef("http://www.w3.org/2001/XMLSchema#" + datatype)
    assert found.datatype == expected
    assert str(found) == written
    assert validate(built).conforms
