"""Turtle: the graph as a file any triple store loads.

Triples are sorted and written by Oxigraph's Turtle serialiser: the same graph always gives the same bytes,
whatever order it was built in, and a graph of half a million triples is written in seconds (rdflib's own
serialiser takes several times as long).
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from rdflib import Graph, Literal, URIRef

from graph.export import write_text


def turtle(graph: Graph) -> str:
    """``graph`` as Turtle, triples sorted by subject, predicate and object, with the graph's prefixes.

    A graph held in an Oxigraph store on disk is dumped by Oxigraph in the store's own order, which is
    stable too, without reading the graph into Python.
    """
    import pyoxigraph as ox

    from graph.terms import to_oxigraph

    inner = getattr(graph.store, "_inner", None)
    if isinstance(inner, ox.Store):
        prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
        return _sorted_header(inner.dump(format=ox.RdfFormat.TURTLE, prefixes=prefixes, from_graph=ox.DefaultGraph())
                              .decode("utf-8"))

    rows = sorted((str(s), str(p), _sort_key(o), o) for s, p, o in graph)
    named: dict[str, object] = {}
    others: dict[tuple, object] = {}

    def iri(text: str):
        node = named.get(text)
        if node is None:
            node = named[text] = ox.NamedNode(text)
        return node

    def other(key: tuple, node):
        if key[0] == 0:
            return iri(key[1])
        converted = others.get(key)
        if converted is None:
            converted = others[key] = to_oxigraph(node)
        return converted

    triples = [ox.Triple(iri(s), iri(p), other(key, o)) for s, p, key, o in rows]
    return _sorted_header(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_used(graph, named))
                          .decode("utf-8"))


def _sorted_header(text: str) -> str:
    """The @prefix lines in alphabetical order (whatever order a serialiser keeps them in), then the triples."""
    header, body = [], []
    for line in text.splitlines(keepends=True):
        (header if line.startswith("@prefix ") and not body else body).append(line)
    return "".join(sorted(header)) + "\n" + "".join(body)


def write_turtle(graph: Graph, dest: str | Path | IO[str]) -> None:
    """Serialise ``graph`` as Turtle; the same graph always gives the same bytes."""
    text = turtle(graph)
    write_text(dest, lambda file: file.write(text))


def read_turtle(source: str | Path) -> Graph:
    from graph.build import new_graph

    graph = new_graph()
    graph.parse(source, format="turtle")
    return graph


def _sort_key(node) -> tuple:
    """IRIs first, then literals by text, language and datatype; never compares rdflib terms themselves
    (their comparisons are slow, and a literal never equals an IRI)."""
    if isinstance(node, Literal):
        return (1, str(node), node.language or "", str(node.datatype or ""))
    return (0 if isinstance(node, URIRef) else 2, str(node), "", "")


def _used(graph: Graph, iris: dict[str, object]) -> dict[str, str]:
    """The graph's prefixes that name the namespace of some IRI in it (rdflib binds some it never uses)."""
    namespaces = {iri[:max(iri.rfind("/"), iri.rfind("#")) + 1] for iri in iris}
    namespaces.add("http://www.w3.org/2001/XMLSchema#")  # datatypes
    return {prefix: str(ns) for prefix, ns in sorted(graph.namespaces()) if prefix and str(ns) in namespaces}
