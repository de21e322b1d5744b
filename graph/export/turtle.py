"""Turtle: the graph as a file any triple store loads.

Triples are sorted and written by Oxigraph's Turtle serialiser: the same graph always gives the same bytes,
whatever order it was built in, and a graph of half a million triples is written in seconds with little
memory beyond the graph's own (rdflib's serialiser takes several times as long and builds the whole text).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from rdflib import Graph, Literal, URIRef

from graph.export import write_text


def write_turtle(graph: Graph, dest: str | Path | IO[str]) -> None:
    """Serialise ``graph`` as Turtle, triples sorted by subject, predicate and object: the same graph always
    gives the same bytes. Triples stream to the file a subject at a time, so writing costs little memory.

    A graph held in an Oxigraph store on disk is dumped by Oxigraph in the store's own order, which is
    stable too, without reading the graph into Python.
    """
    import pyoxigraph as ox

    inner = getattr(graph.store, "_inner", None)
    with tempfile.TemporaryFile() as raw:
        if isinstance(inner, ox.Store):
            prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
            inner.dump(raw, format=ox.RdfFormat.TURTLE, prefixes=prefixes, from_graph=ox.DefaultGraph())
        else:
            ox.serialize(_sorted_triples(graph), raw, format=ox.RdfFormat.TURTLE, prefixes=_declared(graph))
        raw.seek(0)
        write_text(dest, lambda file: _copy_sorting_header(raw, file))


def turtle(graph: Graph) -> str:
    """``graph`` as Turtle text (see write_turtle)."""
    out = io.StringIO()
    write_turtle(graph, out)
    return out.getvalue()


def _sorted_triples(graph: Graph) -> Iterator:
    import pyoxigraph as ox

    from graph.terms import to_oxigraph

    iris: dict[str, object] = {}
    literals: dict[tuple, object] = {}

    def iri(text: str):
        node = iris.get(text)
        if node is None:
            node = iris[text] = ox.NamedNode(text)
        return node

    def term(node):
        key = _sort_key(node)
        if key[0] == 0:
            return iri(key[1])
        converted = literals.get(key)
        if converted is None:
            converted = literals[key] = to_oxigraph(node)
        return converted

    for subject in sorted(set(graph.subjects()), key=str):
        s = term(subject)
        for p, o in sorted(graph.predicate_objects(subject), key=lambda po: (str(po[0]), _sort_key(po[1]))):
            yield ox.Triple(s, iri(str(p)), term(o))
        if len(literals) > 100_000:  # caches for repeated terms, not a copy of the graph
            literals.clear()
            iris.clear()


def _copy_sorting_header(raw: IO[bytes], file: IO[str]) -> None:
    """Copy Oxigraph's Turtle to ``file`` with the @prefix lines in alphabetical order (Oxigraph keeps them
    in an order of its own)."""
    text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    header, line = [], text.readline()
    while line.startswith("@prefix "):
        header.append(line)
        line = text.readline()
    file.write("".join(sorted(header)) + "\n")
    while line:
        file.write(line)
        line = text.readline()
    text.detach()


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


def _declared(graph: Graph) -> dict[str, str]:
    """The prefixes to declare: every one the graph binds (the project's and rdflib's core ones) but xml."""
    return {prefix: str(ns) for prefix, ns in sorted(graph.namespaces()) if prefix and prefix != "xml"}
