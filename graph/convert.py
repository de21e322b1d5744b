"""rdflib -> networkx: a view derived from the graph, never grown beside it.

Nodes are entities and agreements, with their type, labels, aliases, Wikidata item, roles, measured values and
the documents that mention them. Edges are the relations between them, one per kind, carrying every piece of
evidence (document, sentence, offsets, rule, modality, confidence); an agreement links to its parties, its
subject and its amounts, each amount a small node of its own (type ``Money`` or ``Quantity``).
``view.graph["documents"]`` maps each document's identifier to its title, URL, date and source where the graph
has them.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from graph.vocab import SCHEMA, SG

ENTITY_CLASSES = ("Organization", "Person", "Place", "Facility", "Product", "Technology", "Event")


def local_name(term: URIRef) -> str:
    text = str(term)
    return text[max(text.rfind("#"), text.rfind("/")) + 1:]


def to_networkx(graph: Graph):
    """A ``networkx.MultiDiGraph`` of the graph's entities, agreements and relations (keyed by kind)."""
    import networkx as nx

    view = nx.MultiDiGraph()
    documents = {doc: str(graph.value(doc, DCTERMS.identifier) or local_name(doc))
                 for doc in graph.subjects(RDF.type, SG.Document)}
    view.graph["documents"] = {documents[doc]: _document(graph, doc) for doc in sorted(documents)}
    for type_ in ENTITY_CLASSES:
        for node in sorted(graph.subjects(RDF.type, SG[type_])):
            view.add_node(str(node), **_entity(graph, node, type_))
    for mention in graph.subjects(RDF.type, SG.Mention):
        entity = str(graph.value(mention, SG.denotes))
        if entity in view:
            view.nodes[entity]["documents"].add(documents.get(graph.value(mention, SG.document), ""))
    for node in view:
        view.nodes[node]["documents"] = sorted(view.nodes[node]["documents"])
    evidence: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for statement in graph.subjects(RDF.type, SG.Statement):
        s, p, o = (graph.value(statement, prop) for prop in (RDF.subject, RDF.predicate, RDF.object))
        kind = local_name(p)
        if str(s) not in view:
            continue
        if str(o) in view:
            evidence[(str(s), kind, str(o))].append(_evidence(graph, statement, documents))
        elif graph.value(o, RDF.type) in (SCHEMA.QuantitativeValue, SCHEMA.MonetaryAmount):
            view.nodes[str(s)]["values"].append({"property": kind, "text": str(graph.value(o, SG.text)),
                                                 **_evidence(graph, statement, documents)})
    for (s, kind, o), items in sorted(evidence.items()):
        items.sort(key=lambda e: (e["document"], e["start"]))
        view.add_edge(s, o, key=kind, kind=kind, evidence=items,
                      asserted=any(e["modality"] != "negated" for e in items))
    for agreement in sorted(graph.subjects(RDF.type, SG.Agreement)):
        _agreement(graph, view, agreement, documents)
    return view


def _entity(graph: Graph, node: URIRef, type_: str) -> dict:
    labels = {lit.language: str(lit) for lit in graph.objects(node, RDFS.label) if isinstance(lit, Literal)}
    wikidata = graph.value(node, OWL.sameAs)
    return {
        "type": type_,
        "label": labels.get("ja") or labels.get("en") or local_name(node),
        "label_en": labels.get("en"),
        "aliases": sorted(str(a) for a in graph.objects(node, SKOS.altLabel)),
        "roles": sorted(str(r) for r in graph.objects(node, SG.role)),
        "wikidata": str(wikidata) if wikidata else None,
        "documents": set(),
        "values": [],
    }


def _document(graph: Graph, doc: URIRef) -> dict:
    fields = {"title": DCTERMS.title, "url": SCHEMA.url, "date": DCTERMS.date, "source": SG.source}
    return {key: str(value) for key, prop in fields.items() if (value := graph.value(doc, prop)) is not None}


def _sentence(graph: Graph, sentence: URIRef, documents: dict) -> dict:
    return {
        "document": documents.get(graph.value(sentence, SG.document), ""),
        "start": int(graph.value(sentence, SG.start)),
        "end": int(graph.value(sentence, SG.end)),
        "sentence": str(graph.value(sentence, SG.text)),
    }


def _evidence(graph: Graph, statement: URIRef, documents: dict) -> dict:
    date = graph.value(statement, SG.date)
    return {
        **_sentence(graph, graph.value(statement, PROV.wasDerivedFrom), documents),
        "rule": str(graph.value(statement, SG.rule)),
        "modality": local_name(graph.value(statement, SG.modality)),
        "confidence": float(graph.value(statement, SG.confidence)),
        "lemma": str(graph.value(statement, SG.lemma) or "") or None,
        "date": str(date) if date is not None else None,
    }


def _agreement(graph: Graph, view, agreement: URIRef, documents: dict) -> None:
    statement = graph.value(agreement, SG.statement)  # the contract's own statement: its modality, confidence
    evidence = (_evidence(graph, statement, documents) if statement is not None else
                _sentence(graph, graph.value(agreement, PROV.wasDerivedFrom), documents))
    amounts = sorted(graph.objects(agreement, SG.amount))
    dates = sorted(str(d) for d in graph.objects(agreement, SG.date))
    node = str(agreement)
    view.add_node(node, type="Agreement", label=str(graph.value(agreement, RDFS.label) or "契約"), label_en=None,
                  aliases=[], roles=[], wikidata=None, values=[], dates=dates,
                  amounts=[str(graph.value(a, SG.text)) for a in amounts], documents=[evidence["document"]],
                  sentence=evidence["sentence"], evidence=[evidence])
    for amount in amounts:
        money = graph.value(amount, RDF.type) == SCHEMA.MonetaryAmount
        view.add_node(str(amount), type="Money" if money else "Quantity", label=str(graph.value(amount, SG.text)),
                      label_en=None, aliases=[], roles=[], wikidata=None, values=[], documents=[evidence["document"]],
                      value=str(graph.value(amount, SCHEMA.value) or ""),
                      unit=str(graph.value(amount, SCHEMA.currency) or graph.value(amount, SCHEMA.unitText) or ""))
        view.add_edge(node, str(amount), key="amount", kind="amount", evidence=[], asserted=True)
    for kind, prop in (("party", SG.party), ("about", SG.about)):
        for target in sorted(graph.objects(agreement, prop)):
            if str(target) in view:
                view.add_edge(node, str(target), key=kind, kind=kind, evidence=[], asserted=True)


def communities(view) -> dict[str, int]:
    """Each node's community: 0 for the largest group of densely linked nodes, 1 for the next, …, and -1 for a
    node alone (no relation). Louvain modularity (networkx) on the undirected graph, each pair of nodes weighted
    by the pieces of evidence that link them; seeded and fed in sorted order, so a graph always gets the same
    communities."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(view))
    for source, target, attrs in sorted(view.edges(data=True), key=lambda e: (e[0], e[1], e[2]["kind"])):
        if source != target:
            weight = max(1, len(attrs["evidence"]))
            if simple.has_edge(source, target):
                simple[source][target]["weight"] += weight
            else:
                simple.add_edge(source, target, weight=weight)
    groups = nx.community.louvain_communities(simple, weight="weight", seed=0)
    ranked = sorted((sorted(group) for group in groups if len(group) > 1), key=lambda g: (-len(g), g[0]))
    number = {node: -1 for node in view}
    for index, group in enumerate(ranked):
        number.update(dict.fromkeys(group, index))
    return number
