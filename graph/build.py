"""Entities and relations -> one rdflib Graph, the single source of truth for every export.

Each fact is asserted plainly (``:Tesla sg:contractsWith :Samsung``) so SPARQL stays simple, and again as a
``sg:Statement`` carrying its evidence: the sentence it was derived from (document, offsets, quoted text),
the rule, a confidence and a modality. A negated fact is only a statement. Agreements are nodes of their own.
Documents are ``prov:Entity``s; the build is a ``prov:Activity`` that used them, generated the statements and
was carried out by the software and model versions named in it.
No blank nodes: every node has an IRI derived from what it is, so the same inputs give the same graph.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from graph import __version__, iri
from graph.model import Extraction, Mention, Relation
from graph.profile import Profile
from graph.resolve import Resolution
from graph.vocab import SCHEMA, SG, WD

PREFIXES = {
    "sg": SG._NS, "ent": iri.ENTITY, "doc": iri.DOCUMENT, "stmt": iri.STATEMENT, "agr": iri.AGREEMENT,
    "val": iri.VALUE, "schema": SCHEMA, "prov": PROV, "skos": SKOS, "owl": OWL, "wd": WD, "dcterms": DCTERMS,
}
UNIT_CODES = {"percent": "P1", "nanometre": "C45", "micrometre": "4H", "millimetre": "MMT", "metre": "MTR",
              "kilometre": "KMT", "kilogram": "KGM", "tonne": "TNE", "watt": "WTT", "kilowatt": "KWT",
              "megawatt": "MAW", "gigawatt": "A90", "kilowatt-hour": "KWH", "gigahertz": "A86", "megahertz": "MHZ"}
_IDENTIFIER_PROPERTIES = {"corporate_number": "corporateNumber", "securities_code": "securitiesCode",
                          "edinet_code": "edinetCode"}
_DATATYPES = {"date": XSD.date, "gYearMonth": XSD.gYearMonth, "gYear": XSD.gYear, "dateTime": XSD.dateTime}


def new_graph(store: str | Path | None = None) -> Graph:
    """An empty graph with the project's prefixes: in memory, or in an Oxigraph store on disk at ``store``
    (through oxrdflib, so the rest of the code sees the same rdflib Graph either way)."""
    if store is None:
        graph = Graph(bind_namespaces="core")
    else:
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        graph = Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="core")
        graph.open(str(store), create=not Path(store).exists())
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def build(extractions: list[Extraction], resolution: Resolution, profile: Profile,
          store: str | Path | None = None) -> Graph:
    """The knowledge graph of the extractions, whose mentions ``resolution`` has already tied to entities;
    in memory, or written into an empty Oxigraph store at ``store``."""
    graph = new_graph(store)
    extractions = sorted(extractions, key=lambda e: e.document.id)
    activity = _build_activity(graph, [URIRef(iri.document(e.document.id)) for e in extractions], profile)
    for entity in resolution.entities.values():
        _entity(graph, entity)
    for extraction in extractions:
        _document(graph, extraction, resolution.authors.get(extraction.document.id))
        for mention in extraction.mentions:
            if mention.entity:
                _mention(graph, extraction, mention)
        for relation in _one_per_statement(extraction):
            _relation(graph, extraction, relation, activity)
    return graph


def _one_per_statement(extraction: Extraction) -> list[Relation]:
    """The relations of a document, one for each statement they make: where two rules, or two mentions of the
    same entities, give the same fact from the same sentence, the most confident (an agreement first on ties)."""
    best: dict[tuple, Relation] = {}
    for relation in extraction.relations:
        obj = extraction.mentions[relation.object]
        key = (relation.start, relation.end, extraction.mentions[relation.subject].entity, relation.predicate,
               (obj.start, obj.end) if obj.is_value else obj.entity, relation.lemma)
        kept = best.get(key)
        strength = (relation.confidence, bool(relation.qualifiers))
        if kept is None or strength > (kept.confidence, bool(kept.qualifiers)):
            best[key] = relation
    return list(best.values())


def _literal(text: str) -> Literal:
    """A name as a literal tagged by its script: Latin names @en, the rest @ja."""
    return Literal(text, lang="en" if text.isascii() else "ja")


def _labels(labels: dict[str, str]) -> dict[str, str]:
    """One label a language, and none that repeats another: where the English label is the Japanese one's text
    ("TSMC"@ja, "TSMC"@en) only the Japanese one is kept, since every shipped query names entities by their
    @ja label and a plain ``rdfs:label`` join must give one row an entity."""
    ja = labels.get("ja")
    return {lang: label for lang, label in labels.items() if lang == "ja" or label != ja}


def _entity(graph: Graph, entity) -> None:
    node = URIRef(entity.iri)
    graph.add((node, RDF.type, SG[entity.type]))
    for lang, label in _labels(entity.labels).items():
        graph.add((node, RDFS.label, Literal(label, lang=lang)))
        graph.add((node, SKOS.prefLabel, Literal(label, lang=lang)))
    for alias in entity.aliases:
        graph.add((node, SKOS.altLabel, _literal(alias)))
    if entity.wikidata:
        graph.add((node, OWL.sameAs, WD[entity.wikidata]))
    for name, value in sorted(entity.identifiers.items()):
        graph.add((node, SG[_IDENTIFIER_PROPERTIES[name]], Literal(value)))
    for role in entity.roles:
        graph.add((node, SG.role, Literal(role, lang="ja")))


def _document(graph: Graph, extraction: Extraction, author: str | None) -> URIRef:
    document = extraction.document
    node = URIRef(iri.document(document.id))
    graph.add((node, RDF.type, SG.Document))
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, DCTERMS.identifier, Literal(document.id)))
    graph.add((node, SG.source, Literal(document.source)))
    graph.add((node, SG.sha256, Literal(document.sha256)))
    graph.add((node, SG.length, Literal(len(document.text))))
    meta = document.meta
    if isinstance(meta.get("title"), str):
        graph.add((node, DCTERMS.title, _literal(meta["title"])))
    if author:
        graph.add((node, DCTERMS.creator, URIRef(author)))
    elif isinstance(meta.get("author"), str):
        graph.add((node, DCTERMS.creator, Literal(meta["author"])))
    for key in ("language", "lang"):
        if isinstance(meta.get(key), str):
            graph.add((node, DCTERMS.language, Literal(meta[key])))
    if isinstance(meta.get("url"), str):
        graph.add((node, SCHEMA.url, Literal(meta["url"], datatype=XSD.anyURI)))
    if isinstance(meta.get("date"), (str, int)) and not isinstance(meta["date"], bool):  # YAML reads 2025 as int
        graph.add((node, DCTERMS.date, _meta_date(str(meta["date"]))))
    return node


_ISO_DATES = ((re.compile(r"\d{4}"), XSD.gYear), (re.compile(r"\d{4}-(0[1-9]|1[0-2])"), XSD.gYearMonth),
              (re.compile(r"\d{4}-\d\d-\d\d"), XSD.date),
              (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?"), XSD.dateTime))


def _meta_date(text: str) -> Literal:
    """A metadata date, typed (xsd:gYear, gYearMonth, date, dateTime) when it is a valid ISO 8601 date."""
    iso = text.strip().replace(" ", "T", 1)  # YAML front matter gives datetimes as "2025-08-01 10:00:00"
    for pattern, datatype in _ISO_DATES:
        if pattern.fullmatch(iso):
            try:
                if datatype in (XSD.date, XSD.dateTime):
                    (date if datatype == XSD.date else datetime).fromisoformat(iso)
            except ValueError:
                break
            return Literal(iso, datatype=datatype)
    return Literal(text)


def _span(graph: Graph, node: URIRef, kind: URIRef, extraction: Extraction, start: int, end: int) -> URIRef:
    graph.add((node, RDF.type, kind))
    graph.add((node, SG.document, URIRef(iri.document(extraction.document.id))))
    graph.add((node, SG.start, Literal(start)))
    graph.add((node, SG.end, Literal(end)))
    graph.add((node, SG.text, Literal(extraction.document.text[start:end])))
    return node


def _mention(graph: Graph, extraction: Extraction, mention: Mention) -> None:
    node = URIRef(iri.mention(extraction.document.id, mention.start, mention.end))
    _span(graph, node, SG.Mention, extraction, mention.start, mention.end)
    graph.add((node, SG.denotes, URIRef(mention.entity)))


def _relation(graph: Graph, extraction: Extraction, relation: Relation, activity: URIRef) -> None:
    doc_id = extraction.document.id
    subject_mention = extraction.mentions[relation.subject]
    object_mention = extraction.mentions[relation.object]
    subject = URIRef(subject_mention.entity)
    predicate = SG[relation.predicate]
    obj = _value(graph, doc_id, object_mention) if object_mention.is_value else URIRef(object_mention.entity)
    if relation.modality != "negated":
        graph.add((subject, predicate, obj))
    sentence = URIRef(iri.sentence(doc_id, relation.start, relation.end))
    _span(graph, sentence, SG.Sentence, extraction, relation.start, relation.end)
    pages = extraction.document.meta.get("pages")
    if isinstance(pages, list) and pages:
        graph.add((sentence, SG.page, Literal(bisect.bisect_right(pages, relation.start))))
    statement = URIRef(iri.STATEMENT + iri.digest(doc_id, relation.start, relation.end, subject, predicate, obj,
                                                  relation.lemma))
    graph.add((statement, RDF.type, SG.Statement))
    graph.add((statement, RDF.subject, subject))
    graph.add((statement, RDF.predicate, predicate))
    graph.add((statement, RDF.object, obj))
    graph.add((statement, PROV.wasDerivedFrom, sentence))
    graph.add((statement, PROV.wasGeneratedBy, activity))
    graph.add((statement, SG.rule, Literal(relation.rule)))
    graph.add((statement, SG.confidence, _decimal(relation.confidence)))
    graph.add((statement, SG.modality, SG[relation.modality]))
    if relation.lemma:
        graph.add((statement, SG.lemma, Literal(relation.lemma)))
    if relation.date:
        graph.add((statement, SG.date, Literal(relation.date["date"], datatype=_DATATYPES[relation.date["datatype"]])))
    if relation.qualifiers:
        _agreement(graph, extraction, relation, subject, URIRef(object_mention.entity), sentence, statement)


def _agreement(graph, extraction, relation, subject, obj, sentence, statement) -> None:
    doc_id = extraction.document.id
    node = URIRef(iri.AGREEMENT + iri.digest(doc_id, relation.start, relation.end, subject, obj))
    graph.add((node, RDF.type, SG.Agreement))
    graph.add((node, SG.party, subject))
    graph.add((node, SG.party, obj))
    graph.add((node, PROV.wasDerivedFrom, sentence))
    graph.add((node, SG.statement, statement))
    for index in relation.qualifiers.get("about", []):
        graph.add((node, SG.about, URIRef(extraction.mentions[index].entity)))
    for index in relation.qualifiers.get("value", []):
        graph.add((node, SG.amount, _value(graph, doc_id, extraction.mentions[index])))
    for index in relation.qualifiers.get("date", []):
        value = extraction.mentions[index].value
        graph.add((node, SG.date, Literal(value["date"], datatype=_DATATYPES[value["datatype"]])))
    labels = [extraction.mentions[relation.subject].text, extraction.mentions[relation.object].text]
    graph.add((node, RDFS.label, Literal(" / ".join(labels) + " 契約", lang="ja")))


def _value(graph: Graph, doc_id: str, mention: Mention) -> URIRef:
    """A typed value node: schema:MonetaryAmount, or schema:QuantitativeValue with its value or bounds."""
    node = URIRef(iri.VALUE + iri.digest(doc_id, mention.start, mention.end))
    value = mention.value or {}
    graph.add((node, SG.text, Literal(mention.text)))
    if mention.type == "Money":
        graph.add((node, RDF.type, SCHEMA.MonetaryAmount))
        graph.add((node, SCHEMA.value, _decimal(value["amount"])))
        graph.add((node, SCHEMA.currency, Literal(value["currency"])))
    elif mention.type == "Date":
        graph.add((node, RDF.type, SCHEMA.QuantitativeValue))
        graph.add((node, SCHEMA.value, Literal(value["date"], datatype=_DATATYPES[value["datatype"]])))
    else:
        graph.add((node, RDF.type, SCHEMA.QuantitativeValue))
        for key, prop in (("value", SCHEMA.value), ("min", SCHEMA.minValue), ("max", SCHEMA.maxValue)):
            if key in value:
                graph.add((node, prop, _decimal(value[key])))
        unit = value.get("unit")
        if unit:
            graph.add((node, SCHEMA.unitText, Literal(unit)))
            if unit in UNIT_CODES:
                graph.add((node, SCHEMA.unitCode, Literal(UNIT_CODES[unit])))
    return node


def _decimal(number) -> Literal:
    """An xsd:decimal in its canonical lexical form (40.0, 0.75), so the Turtle parses back to the same term."""
    text = format(Decimal(str(number)), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def _build_activity(graph: Graph, documents: list[URIRef], profile: Profile) -> URIRef:
    """The build as a prov:Activity: what it used and which versions made it (no clock: output stays stable)."""
    from graph.nlp import entity_model_version, model_version

    agents = [_software_agent(graph, "seed-graph", __version__)]
    for name, _, release in (model_version().partition(" "), entity_model_version().partition(" ")):
        agents.append(_software_agent(graph, name, release))
    node = URIRef(iri.BUILD + iri.digest(*sorted(documents), profile.digest, *agents))
    graph.add((node, RDF.type, SG.Build))
    graph.add((node, RDF.type, PROV.Activity))
    graph.add((node, DCTERMS.description, Literal(f"profile {profile.name} ({profile.digest})")))
    for agent in agents:
        graph.add((node, PROV.wasAssociatedWith, agent))
    for document in documents:
        graph.add((node, PROV.used, document))
    return node


def _software_agent(graph: Graph, name: str, version: str) -> URIRef:
    """The software (seed-graph, the spaCy model) that carried out a build, one node per name and version."""
    node = URIRef(f"{iri.BASE}agent/{iri.slug(name)}" + (f"/{iri.slug(version)}" if version else ""))
    graph.add((node, RDF.type, PROV.SoftwareAgent))
    graph.add((node, RDF.type, SCHEMA.SoftwareApplication))
    graph.add((node, SCHEMA.name, Literal(name)))
    if version:
        graph.add((node, SCHEMA.softwareVersion, Literal(version)))
    return node
