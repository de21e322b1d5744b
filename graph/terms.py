"""RDF terms between rdflib (the graph we build) and Oxigraph (which parses, serialises and queries fast)."""

from __future__ import annotations

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node

from graph.model import InputError


def to_oxigraph(node: Node):
    import pyoxigraph as ox

    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if node.language:
        return ox.Literal(str(node), language=node.language)
    return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype or XSD.string)))


def from_oxigraph(node) -> Node | None:
    import pyoxigraph as ox

    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.BlankNode):
        return BNode(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return Literal(node.value, lang=node.language, normalize=False)
        datatype = node.datatype.value
        return Literal(node.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype),
                       normalize=False)
    raise InputError(f"cannot convert {node!r} (RDF-star triple terms are not supported)")
