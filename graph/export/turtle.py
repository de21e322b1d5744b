"""Turtle: the graph as a file any triple store loads."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from rdflib import Graph

from graph.export import write_text


def write_turtle(graph: Graph, dest: str | Path | IO[str]) -> None:
    """Serialise ``graph`` as Turtle; the same graph always gives the same bytes."""
    text = graph.serialize(format="turtle")
    write_text(dest, lambda file: file.write(text))


def read_turtle(source: str | Path) -> Graph:
    from graph.build import new_graph

    graph = new_graph()
    graph.parse(source, format="turtle")
    return graph
