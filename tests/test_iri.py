"""IRIs minted from any text are safe in Turtle and stable."""

from hypothesis import given, strategies as st
from rdflib import Graph, Literal, URIRef

from graph import iri


def test_slug_keeps_readable_names():
    assert iri.slug("テスラ") == "テスラ"
    assert iri.slug("Tesla_Inc.") == "Tesla_Inc%2E"  # a final dot would end the prefixed name
    assert iri.slug("v1.2") == "v1.2"
    assert iri.slug("ARK Invest") == "ARK%20Invest"
    assert iri.slug('<a href="x">') == "%3Ca%20href%3D%22x%22%3E"
    assert (iri.slug(""), iri.slug("_"), iri.slug("__")) == ("_", "%5F", "__")


@given(st.text(max_size=40))
def test_any_text_gives_an_iri_that_survives_turtle(text):
    node = URIRef(iri.entity(text))
    assert node == URIRef(iri.entity(text))  # stable
    graph = Graph()
    graph.add((node, URIRef("https://example.org/p"), Literal("x")))
    again = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert set(again.subjects()) == {node}


@given(st.text(max_size=20), st.text(max_size=20))
def test_different_texts_never_share_an_iri(a, b):
    if a != b:
        import unicodedata

        if unicodedata.normalize("NFC", a) != unicodedata.normalize("NFC", b):
            assert iri.slug(a) != iri.slug(b)
