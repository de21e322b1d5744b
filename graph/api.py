"""The Python API, for notebooks and scripts: build a graph from files or texts, load an export, query it into
pandas tables, view it with networkx, show the explorer inline, and read back the text a fact's offsets index::

    import graph.api as sg

    result = sg.build("seeds/")                              # or sg.build(texts={"a": "テスラは…"})
    g = sg.load("exports/graph.ttl")                         # an rdflib Graph
    table = sg.query(g, "evidence", subject="ent:Tesla")     # a pandas DataFrame
    view = sg.to_networkx(g)                                 # a networkx MultiDiGraph
    sg.explorer(g)                                           # the explorer, drawn in the notebook

Wherever a graph is expected, a build's Result, an rdflib Graph or the path of a ``graph.ttl`` will do. The
API is a module of its own, not the package's top level, because ``graph.build`` and ``graph.query`` are
already the pipeline's modules. Nothing heavy is imported until a function needs it.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, replace
from pathlib import Path

from graph.model import Document, InputError

__all__ = ["build", "export", "load", "query", "queries", "to_networkx", "document", "explorer", "Explorer"]


def build(inputs: str | os.PathLike | list = (), *, texts: dict[str, str] | None = None, profile=None,
          cache: str | os.PathLike | None = None, jobs: int = 1, follow_links: bool = False):
    """A graph built in memory (a graph.pipeline.Result: ``.graph``, ``.extractions``, ``.entities``,
    ``.skipped``) from a file or folder, a list of them, and/or ``texts`` (document id -> text).

    Arguments are checked as the command line checks them: TypeError or ValueError, naming the argument, for
    a text that is no str or is longer than a file may be, an id a file already has, ``jobs`` below 1."""
    from graph import pipeline

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    return pipeline.build(inputs, texts=texts, profile=profile, cache=cache, jobs=jobs, follow_links=follow_links)


def export(result, out_dir: str | os.PathLike, title: str = "seed-graph") -> dict[str, Path]:
    """Write a build's graph.ttl, graph.html, extractions.jsonl and ontology.ttl into ``out_dir``."""
    from graph import pipeline

    return pipeline.export(result, out_dir, title=title)


def load(path: str | os.PathLike):
    """A ``graph.ttl`` as an rdflib Graph; InputError, naming the file, if it is missing or not Turtle."""
    from graph import query as sparql

    return sparql.load(path, engine="rdflib")


def to_networkx(source):
    """The graph as a networkx MultiDiGraph (graph.convert.to_networkx): entities and agreements as nodes,
    keyed by IRI, relations as edges keyed by kind, with their evidence."""
    from graph.convert import to_networkx as convert

    return convert(_rdf(source))


def queries() -> dict[str, str]:
    """The queries shipped with the package: name -> what it answers."""
    from graph import query as sparql

    return {name: sparql.describe(path) for name, path in sparql.shipped().items()}


def query(source, text: str | os.PathLike, /, **bindings):
    """Run a query on the graph: ``text`` is the name of a shipped query (``agreements``), a ``.rq`` file, or
    SPARQL (any text with a ``{``); the project's prefixes need no PREFIX line.

    ``bindings`` give variables values before the query runs, as RDF terms (never pasted into the query):
    rdflib terms as they are, anything else read as ``--bind`` reads it (``subject="ent:Tesla"``,
    ``entity="<https://…>"``, ``label='"テスラ"@ja'``, ``n=42``). A SELECT gives a pandas DataFrame
    (graph.query.to_frame), an ASK a bool, a CONSTRUCT or DESCRIBE an rdflib Graph. A graph given as a path
    is queried with Oxigraph, one in memory with rdflib: the answers are the same.
    """
    from rdflib.term import Node

    from graph import query as sparql

    spec = str(text)
    body = spec if "{" in spec else sparql.read(spec)
    for name, value in bindings.items():
        if value is None or not isinstance(value, (Node, str, int, float, bool)):
            raise TypeError(f"{name}: {value!r} is not a value to bind (give an RDF term, a str or a number)")
    values = {name: value if isinstance(value, Node) else sparql.term(str(value).lower() if isinstance(value, bool)
                                                                       else str(value))
              for name, value in bindings.items()}
    target = source if isinstance(source, (str, os.PathLike)) else _rdf(source)
    answer = sparql.run(target, body, values)
    if answer.graph is not None:
        return answer.graph
    if answer.boolean is not None:
        return answer.boolean
    return sparql.to_frame(answer)


def document(source, doc: str, root: str | os.PathLike | None = None) -> Document:
    """The document a fact was read from, whose ``text[start:end]`` is the sentence at a fact's offsets.

    ``doc`` is the document's IRI (the ``document`` column of the queries) or its id. From a build's Result it
    is the document as built. From a graph it is read again from its source file (a relative source is taken
    from ``root``, the folder the build ran in, by default the current one) and must still have the hash the
    graph keeps for it, so that the offsets never point into a changed text.
    """
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS

    from graph import ingest, iri
    from graph.vocab import SG

    graph = _rdf(source)
    node = URIRef(doc if str(doc).startswith(iri.DOCUMENT) else iri.document(str(doc)))
    sha256, given = graph.value(node, SG.sha256), graph.value(node, SG.source)
    if sha256 is None or given is None:
        raise InputError(f"{doc}: no such document in the graph")
    for extraction in getattr(source, "extractions", ()):
        if extraction.document.sha256 == str(sha256):
            return extraction.document
    if str(given).startswith("<") and str(given).endswith(">"):
        raise InputError(f"{doc}: built from a text in memory, not from a file: ask the build's Result for it")
    path = Path(given)
    if root is not None and not path.is_absolute():
        path = Path(root) / path
    if not path.is_file():
        raise InputError(f"{path}: no such file (the source of {doc}; a relative source is relative to the "
                         "folder the build ran in: give that folder as root)")
    problems = []
    for item in ingest.read([path]):
        if isinstance(item, ingest.Skipped):
            problems.append(item.reason)
        elif item.sha256 == str(sha256):
            return replace(item, id=str(graph.value(node, DCTERMS.identifier) or item.id), source=str(given))
    why = f"cannot read it: {problems[0]}" if problems else "its text has changed since the graph was built"
    raise InputError(f"{path}: {why} (the source of {doc})")


@dataclass(repr=False)
class Explorer:
    """The explorer page, which Jupyter draws inline in a sandboxed frame: its scripts run but cannot reach the
    notebook, and, as from the file, nothing is loaded from the network."""

    page: str
    height: int = 640

    def __repr__(self) -> str:
        return f"<seed-graph explorer: a page of {len(self.page):,} characters>"

    def _repr_html_(self) -> str:
        return (f'<iframe title="seed-graph explorer" sandbox="allow-scripts" srcdoc="{html.escape(self.page)}" '
                f'style="width: 100%; height: {int(self.height)}px; border: 1px solid #ddd"></iframe>')


def explorer(source, height: int = 640, title: str = "seed-graph") -> Explorer:
    """The explorer of a graph, to show in a notebook: an exported ``graph.html``, or the page made from any
    graph (a build's Result, an rdflib Graph, a ``graph.ttl``)."""
    if isinstance(source, (str, os.PathLike)) and Path(source).suffix.lower() in (".html", ".htm"):
        try:
            return Explorer(Path(source).read_text("utf-8"), height)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{source}: cannot read the explorer page: {exc}") from exc
    from graph.export.html import render

    return Explorer(render(to_networkx(source), title), height)


def _rdf(source):
    """The rdflib Graph of a build's Result, a Graph, or a graph.ttl path."""
    from rdflib import Graph

    if isinstance(source, Graph):
        return source
    if isinstance(source, (str, os.PathLike)):
        return load(source)
    if isinstance(getattr(source, "graph", None), Graph):
        return source.graph
    raise TypeError(f"not a graph: a {type(source).__name__} (give a build's Result, an rdflib Graph or the "
                    "path of a graph.ttl)")
