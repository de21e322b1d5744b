"""SPARQL over a built graph: run a query on Oxigraph (the default: fast, standard-compliant) or on rdflib,
with user values bound as RDF terms, never pasted into the query text, and write the answer as a table, CSV
(SPARQL 1.1 CSV results) or JSON (SPARQL 1.1 JSON results).

Both engines give their answer in rdflib terms, so the two can be compared and formatted alike::

    from graph import query
    answer = query.run("exports/graph.ttl", query.read("evidence"), {"subject": query.term("ent:Tesla")})
    print(query.render(answer, "table"))
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL
from rdflib.term import Node

from graph.model import InputError
from graph.terms import from_oxigraph, to_oxigraph

ENGINES = ("oxigraph", "rdflib")
QUERIES = Path(__file__).with_name("queries")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Turtle's term syntax, as far as a value on the command line needs it
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"{}|^`\\]+")
_IRIREF = re.compile(r"<[^\s<>\"{}|^`\\]*>")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # an absolute IRI starts with its scheme
_LITERAL = re.compile(r'"((?:[^"\\\n\r]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(\S+))?')
_PREFIXED = re.compile(r"([A-Za-z][\w.-]*):([^\s<>\"{}|^`\\]*)")
_SHORTHANDS = ((re.compile(r"[+-]?\d+"), XSD.integer), (re.compile(r"[+-]?\d*\.\d+"), XSD.decimal),
               (re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+"), XSD.double),
               (re.compile(r"true|false"), XSD.boolean))


@dataclass
class Answer:
    """What a query gave: variables and rows (SELECT), a boolean (ASK) or a graph (CONSTRUCT, DESCRIBE).

    Row cells are rdflib terms, or None where a variable is unbound.
    """

    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


def prefixes() -> dict[str, str]:
    """The prefixes a query may use without declaring them: the project's, and rdf, rdfs, owl and xsd."""
    from graph.build import PREFIXES

    return {**{name: str(ns) for name, ns in PREFIXES.items()},
            "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD)}


def shipped() -> dict[str, Path]:
    """The queries shipped with the package, by name (the file name without ``.rq``)."""
    return {path.stem: path for path in sorted(QUERIES.glob("*.rq"))}


def describe(path: str | Path) -> str:
    """What a query answers: its leading comment, without the example command lines."""
    lines = []
    for line in Path(path).read_text("utf-8").splitlines():
        if not line.startswith("#"):
            break
        text = line[1:].strip()
        if text.startswith("seed-graph ") or line.startswith("#   "):
            continue
        lines.append(text)
    return " ".join(lines)


def read(spec: str | Path) -> str:
    """The text of a query: a ``.rq`` file, or the name of a shipped query (``evidence``)."""
    path = Path(spec)
    if not path.is_file():
        found = shipped().get(str(spec))
        if found is None:
            names = ", ".join(shipped())
            raise InputError(f"{spec}: no such query file, and not a shipped query ({names})")
        path = found
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the query: {exc}") from exc


def term(value: str) -> Node:
    """A value given on the command line, read as a Turtle term: ``<IRI>``, ``prefix:name`` (with the prefixes
    of :func:`prefixes`), ``"text"@ja``, ``"2025-07"^^xsd:gYearMonth``, ``42``, ``4.5``, ``true``; a bare
    ``https://...`` is an IRI too. Anything else is a plain string."""
    from rdflib.plugins.parsers.ntriples import unquote

    text = value.strip()
    if _IRI.fullmatch(text):
        return URIRef(text)
    if text.startswith("<"):
        if not _IRIREF.fullmatch(text) or not _SCHEME.match(text[1:]):
            raise InputError(f"{value}: not a valid absolute IRI (<https://…>, or a prefixed name like ent:Tesla)")
        return URIRef(text[1:-1])
    if text.startswith('"'):
        literal = _LITERAL.fullmatch(text)
        if not literal:
            raise InputError(f'{value}: not a valid literal ("text", "text"@ja or "text"^^datatype)')
        datatype = term(literal.group(3)) if literal.group(3) else None
        if datatype is not None and not isinstance(datatype, URIRef):
            raise InputError(f"{value}: the datatype is not an IRI")
        return Literal(unquote(literal.group(1)), lang=literal.group(2), datatype=datatype)
    for pattern, datatype in _SHORTHANDS:
        if pattern.fullmatch(text):
            return Literal(text, datatype=datatype)
    prefixed = _PREFIXED.fullmatch(text)
    if prefixed and prefixed.group(1) in prefixes():
        return URIRef(prefixes()[prefixed.group(1)] + prefixed.group(2))
    return Literal(value)


def binding(text: str) -> tuple[str, Node]:
    """``name=value`` (as given to ``--bind``) -> (variable name, term)."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _VARIABLE.fullmatch(name):
        raise InputError(f"{text}: a binding is name=value, e.g. subject=ent:Tesla")
    return name, term(value)


def load(path: str | Path, engine: str = "oxigraph"):
    """A Turtle file as an Oxigraph store or an rdflib Graph, or a store folder (`build --store`) opened
    read-only; InputError if it is missing or unreadable."""
    path = Path(path)
    if path.is_dir():
        if engine != "oxigraph":
            raise InputError(f"{path}: a store folder is queried with Oxigraph; --engine rdflib reads graph.ttl")
        import pyoxigraph as ox

        try:
            return ox.Store.read_only(str(path))
        except OSError as exc:
            raise InputError(f"{path}: not an Oxigraph store: {one_line(exc)}") from exc
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        if engine == "oxigraph":
            import pyoxigraph as ox

            store = ox.Store()
            store.load(path=str(path), format=ox.RdfFormat.TURTLE)
            return store
        from graph.export.turtle import read_turtle

        return read_turtle(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except Exception as exc:  # the parsers raise SyntaxError, ValueError and errors of their own
        raise InputError(f"{path}: not a readable Turtle graph: {one_line(exc)}") from exc


def run(source, text: str, bindings: dict[str, Node] | None = None, engine: str | None = None,
        allow_remote: bool = False) -> Answer:
    """Run the query ``text`` on ``source`` (a Turtle file, an Oxigraph store or an rdflib Graph), in this
    process (``seed-graph query`` and ``serve`` run theirs in a worker: graph.guard).

    ``bindings`` give variables their values before the query runs (rdflib's initBindings, Oxigraph's
    substitutions); a variable the query does not use is an error, as is a query that does not parse, one
    nested too deeply for the engines, and, unless ``allow_remote``, one that would fetch from elsewhere
    (SERVICE, FROM).
    """
    from graph.guard import check

    check(text, allow_remote)
    bindings = dict(bindings or {})
    for name, value in bindings.items():
        if not isinstance(value, Node):
            raise TypeError(f"bindings[{name!r}]: expected an RDF term, got {type(value).__name__}")
    for name in bindings:
        if not re.search(rf"[?$]{re.escape(name)}\b", text):
            raise InputError(f"--bind {name}: the query has no variable ?{name}")
    if isinstance(source, (str, Path)):
        source = load(source, engine or "oxigraph")
    if isinstance(source, Graph):
        return _run_rdflib(source, text, bindings)
    return _run_oxigraph(source, text, bindings)


def _run_oxigraph(store, text: str, bindings: dict[str, Node]) -> Answer:
    import pyoxigraph as ox

    substitutions = {ox.Variable(name): to_oxigraph(value) for name, value in bindings.items()}
    try:
        result = store.query(text, prefixes=prefixes(), substitutions=substitutions)
    except (SyntaxError, ValueError, RuntimeError) as exc:
        raise InputError(f"query: {one_line(exc)}") from exc
    if isinstance(result, ox.QueryBoolean):
        return Answer(boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        from graph.build import new_graph

        graph = new_graph()
        for triple in result:
            graph.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate),
                       from_oxigraph(triple.object)))
        return Answer(graph=graph)
    variables = [v.value for v in result.variables]
    rows = [tuple(from_oxigraph(solution[name]) for name in variables) for solution in result]
    return Answer(variables, rows)


def _run_rdflib(graph: Graph, text: str, bindings: dict[str, Node]) -> Answer:
    try:
        result = graph.query(text, initNs=prefixes(), initBindings=bindings)
    except Exception as exc:  # pyparsing and rdflib raise many kinds of errors for a bad query
        raise InputError(f"query: {one_line(exc)}") from exc
    if result.type == "ASK":
        return Answer(boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        from graph.build import new_graph

        answer = new_graph()
        for triple in result:
            answer.add(triple)
        return Answer(graph=answer)
    variables = [str(v) for v in result.vars]
    # rdflib binds before it evaluates, but a variable a query computes (BIND, a subquery's projection) takes
    # the computed value: keep the rows that agree with the bindings, as Oxigraph's substitution does
    bound = [(variables.index(name), value) for name, value in bindings.items() if name in variables]
    rows = []
    for row in map(list, result):
        if any(row[i] is not None and row[i] != value for i, value in bound):
            continue
        for i, value in bound:
            row[i] = value
        rows.append(tuple(row))
    return Answer(variables, rows)


def one_line(error: Exception, limit: int = 300) -> str:
    """A parser's message on one line, cut short: errors are reported in one line on stderr."""
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ---------------------------------------------------------------------------------------------------------
# Output

def render(answer: Answer, fmt: str = "table") -> str:
    """The answer as text: a table for people, or SPARQL 1.1 CSV or JSON results for programs.

    A CONSTRUCT or DESCRIBE answer is a graph, written as Turtle whatever the format.
    """
    if answer.graph is not None:
        return answer.graph.serialize(format="turtle")
    if fmt == "json":
        return _json(answer)
    if fmt == "csv":
        return _csv(answer)
    return _table(answer)


def to_frame(answer: Answer):
    """A SELECT answer as a pandas DataFrame, a column a variable, for notebooks: IRIs as strings (the node ids
    of graph.convert.to_networkx), numbers, booleans and dates as Python values (decimals as floats), other
    literals as their text, unbound cells as None. Needs pandas (the ``notebooks`` extra)."""
    if answer.boolean is not None or answer.graph is not None:
        raise ValueError("only the answer of a SELECT query is a table")
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("a table needs pandas: pip install 'seed-graph[notebooks]'") from None
    return pd.DataFrame([[_python(cell) for cell in row] for row in answer.rows], columns=answer.variables)


def _python(node: Node | None):
    if node is None:
        return None
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, URIRef):
        return str(node)
    value = node.toPython()
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, (bool, int, float, date, time)) else str(node)


def _json(answer: Answer) -> str:
    """SPARQL 1.1 JSON results, one solution a line."""
    if answer.boolean is not None:
        return json.dumps({"head": {}, "boolean": answer.boolean}) + "\n"
    solutions = [json.dumps({name: _json_term(value) for name, value in zip(answer.variables, row)
                             if value is not None}, ensure_ascii=False) for row in answer.rows]
    head = json.dumps({"vars": answer.variables}, ensure_ascii=False)
    return '{"head": ' + head + ', "results": {"bindings": [' + ",".join(f"\n  {s}" for s in solutions) + "\n]}}\n"


def _json_term(node: Node) -> dict:
    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    out = {"type": "literal", "value": str(node)}
    if node.language:
        out["xml:lang"] = node.language
    elif node.datatype:
        out["datatype"] = str(node.datatype)
    return out


def _csv(answer: Answer) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if answer.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if answer.boolean else "false"])
    else:
        writer.writerow(answer.variables)
        for row in answer.rows:
            writer.writerow(["" if v is None else f"_:{v}" if isinstance(v, BNode) else str(v) for v in row])
    return buffer.getvalue()


def _table(answer: Answer) -> str:
    if answer.boolean is not None:
        return ("true" if answer.boolean else "false") + "\n"
    short = _shortener()
    cells = [[short(v) for v in row] for row in answer.rows]
    widths = [max([_width(name)] + [_width(row[i]) for row in cells]) for i, name in enumerate(answer.variables)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(answer.variables), line(["-" * w for w in widths])] + [line(row) for row in cells]
    out.append(f"({len(cells)} row{'' if len(cells) == 1 else 's'})")
    return "\n".join(out) + "\n"


def _shortener():
    """Cell text: an IRI by its prefixed name where a prefix fits, a literal by its text, unbound as blank."""
    namespaces = sorted(((ns, name) for name, ns in prefixes().items()), key=lambda p: -len(p[0]))

    def short(node: Node | None) -> str:
        if node is None:
            return ""
        if isinstance(node, URIRef):
            for namespace, name in namespaces:
                if node.startswith(namespace) and len(node) > len(namespace):
                    return f"{name}:{node[len(namespace):]}"
            return f"<{node}>"
        if isinstance(node, BNode):
            return f"_:{node}"
        return " ".join(str(node).split())

    return short


def _width(text: str) -> int:
    """Columns the text takes in a terminal: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)
