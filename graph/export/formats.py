"""Other tools' formats, by name, for ``seed-graph export``: GraphML and GEXF (networkx, for Gephi and the like),
JSON-LD and N-Triples (rdflib), and Neo4j's CSV files with their Cypher script (a folder).

Each format is a writer of its own module; this one only says which takes the RDF graph and which the networkx
view derived from it, and which writes a folder rather than a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Format:
    module: str
    writer: str
    view: bool  # takes the networkx view (graph.convert.to_networkx), else the rdflib Graph
    folder: bool = False  # writes several files into a folder
    suffix: str = ""


FORMATS = {
    "graphml": Format("graph.export.graphml", "write_graphml", view=True, suffix=".graphml"),
    "gexf": Format("graph.export.graphml", "write_gexf", view=True, suffix=".gexf"),
    "jsonld": Format("graph.export.rdf", "write_jsonld", view=False, suffix=".jsonld"),
    "nt": Format("graph.export.rdf", "write_ntriples", view=False, suffix=".nt"),
    "neo4j": Format("graph.export.neo4j", "write_neo4j", view=True, folder=True),
}


def export(graph, fmt: str, dest: str | Path) -> None:
    """Write ``graph`` (an rdflib Graph) in format ``fmt`` to ``dest``, a file (replaced atomically) or, for
    neo4j, a folder."""
    from importlib import import_module

    from graph.convert import to_networkx

    spec = FORMATS[fmt]
    write = getattr(import_module(spec.module), spec.writer)
    write(to_networkx(graph) if spec.view else graph, dest)
