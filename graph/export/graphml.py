"""GraphML and GEXF: the networkx view for Gephi, Cytoscape, yEd and any tool that reads networkx's formats.

Both formats hold only scalar attributes, so the view is flattened first (``flatten``): lists become one string
joined by `` | `` (aliases, documents, dates), an edge's evidence becomes its count (also the edge's
``weight``), the modalities, rules, dates and documents it was read from, its best confidence and its first
sentence. A node keeps its type, labels, degree and community; nothing is ``None`` (an absent value is an
absent attribute), and an attribute has one type everywhere, as both writers require. The full evidence stays in
the Turtle, JSON-LD and the explorer.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from graph.export import atomic

SEPARATOR = " | "
NODE_LISTS = ("aliases", "roles", "documents", "dates", "amounts")


def flatten(view):
    """A MultiDiGraph of the same nodes and edges (keyed by kind) whose attributes are str, int, float or bool."""
    import networkx as nx

    from graph.convert import communities

    community = communities(view)
    flat = nx.MultiDiGraph()
    for node, attrs in sorted(view.nodes(data=True)):
        out = {key: attrs[key] for key in ("type", "label", "label_en", "wikidata", "value", "unit", "sentence")
               if attrs.get(key) not in (None, "")}
        out.update({key: SEPARATOR.join(attrs[key]) for key in NODE_LISTS if attrs.get(key)})
        if attrs.get("values"):
            out["values"] = SEPARATOR.join(f"{v['property']} {v['text']}" for v in attrs["values"])
        out["mentioned_in"] = len(attrs.get("documents", []))
        out["degree"] = view.degree(node)
        out["community"] = community[node]
        flat.add_node(node, **out)
    for source, target, kind, attrs in sorted(view.edges(keys=True, data=True)):
        evidence = attrs["evidence"]
        out = {"kind": kind, "asserted": bool(attrs["asserted"]), "evidence": len(evidence),
               "weight": float(max(1, len(evidence)))}
        if evidence:
            out.update(
                confidence=max(float(e["confidence"]) for e in evidence),
                modalities=SEPARATOR.join(sorted({e["modality"] for e in evidence})),
                rules=SEPARATOR.join(sorted({e["rule"] for e in evidence})),
                documents=SEPARATOR.join(sorted({e["document"] for e in evidence})),
                sentence=evidence[0]["sentence"],
            )
            dates = sorted({e["date"] for e in evidence if e.get("date")})
            if dates:
                out["dates"] = SEPARATOR.join(dates)
            lemmas = sorted({e["lemma"] for e in evidence if e.get("lemma")})
            if lemmas:
                out["lemmas"] = SEPARATOR.join(lemmas)
        flat.add_edge(source, target, key=kind, **out)
    return flat


def write_graphml(view, dest: str | Path | IO[bytes]) -> None:
    """The view as GraphML (UTF-8), to a path or a binary file."""
    import networkx as nx

    _write(lambda file: nx.write_graphml(flatten(view), file, encoding="utf-8"), dest)


def write_gexf(view, dest: str | Path | IO[bytes]) -> None:
    """The view as GEXF 1.2 (UTF-8), to a path or a binary file; nodes coloured by type as the explorer colours
    them, so Gephi opens it looking as the explorer does."""
    import networkx as nx

    from graph.export.html import STYLES

    flat = flatten(view)
    for _, attrs in flat.nodes(data=True):
        colour = STYLES.get(attrs["type"], ("#8a94a3",))[0]
        attrs["viz"] = {"color": {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16),
                                  "a": 1.0}}
    _write(lambda file: nx.write_gexf(flat, file, encoding="utf-8"), dest)


def _write(write, dest) -> None:
    if hasattr(dest, "write"):
        write(dest)
    else:
        with atomic(dest, binary=True) as file:
            write(file)
