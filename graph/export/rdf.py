"""JSON-LD and N-Triples: the graph itself, every triple of the Turtle, for tools that read those (rdflib's
serialisers).

JSON-LD is compacted with the graph's prefixes as its context (``sg:``, ``ent:``, ``doc:``, ``schema:``, …), so
it reads as the Turtle does and any JSON-LD processor expands it back to the same triples. N-Triples is one
triple a line, the lines sorted, so the same graph always gives the same bytes and files diff line by line.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from graph.export import write_text


def in_memory(graph):
    """``graph`` itself, or, if it is held in an Oxigraph store (``build --store``), a copy in memory read from
    Oxigraph's N-Triples: rdflib's serialisers then see plain literals where the store gives ``xsd:string`` ones
    (the same terms in RDF 1.1, written differently), and the files are the same as from the Turtle."""
    import tempfile

    import pyoxigraph as ox

    from graph.build import new_graph

    inner = getattr(graph.store, "_inner", None)
    if not isinstance(inner, ox.Store):
        return graph
    copy = new_graph()
    with tempfile.TemporaryFile() as raw:
        inner.dump(raw, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        raw.seek(0)
        copy.parse(raw, format="nt")
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=False)
    return copy


def context(graph) -> dict[str, str]:
    """The JSON-LD context: the prefixes the graph binds (xml aside)."""
    return {prefix: str(namespace) for prefix, namespace in sorted(graph.namespaces()) if prefix and prefix != "xml"}


def write_jsonld(graph, dest: str | Path | IO[str]) -> None:
    """``graph`` as compacted JSON-LD, to a path or a text file."""
    graph = in_memory(graph)
    text = graph.serialize(format="json-ld", context=context(graph), auto_compact=True, ensure_ascii=False)
    write_text(dest, lambda file: file.write(text if text.endswith("\n") else text + "\n"))


def write_ntriples(graph, dest: str | Path | IO[str]) -> None:
    """``graph`` as N-Triples, lines sorted, to a path or a text file."""
    lines = sorted(line for line in in_memory(graph).serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
                   if line.strip())
    write_text(dest, lambda file: file.writelines(line + "\n" for line in lines))
