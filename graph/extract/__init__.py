"""Extraction: a parsed document -> its mentions (entities and values) and the relations between them.

Works on spaCy Docs and returns plain records (graph.model); it never touches RDF.
"""

from __future__ import annotations

from graph.boilerplate import covered
from graph.extract import dates, mentions, quantities, relations
from graph.model import Document, Extraction
from graph.nlp import sentence_span
from graph.profile import Profile


def extract(document: Document, segments: list[tuple[int, object]], profile: Profile) -> Extraction:
    """Mentions and relations of one document from its parsed segments [(offset, Doc)]; nothing from its
    boilerplate, across which no topic is carried, though a name recognised there is found where the article
    itself says it (a company the tagger knew only in a link list)."""
    marked, article = [], []
    for offset, doc in segments:
        (marked if covered(document, offset, offset + len(doc.text)) else article).append((offset, doc))
    segments = article
    resolver = dates.Resolver(profile, dates.anchor_of(document.meta))
    values = []
    for offset, doc in segments:
        dated = resolver.find(doc.text, offset)
        values += dated + quantities.find(doc.text, offset, profile, [(m.start - offset, m.end - offset) for m in dated])
    # a value is no name: a span the tagger took for one (70%以上, フォロワー240万人) gives way to it, and so does a
    # known name inside one (4G in 4Gバイト), but a name with a number in it stays one (第11回日本音楽コンクール)
    found = [m for m in mentions.find(segments, profile, teachers=marked)
             if not (m.source == "tagger" and any(min(v.end, m.end) - max(v.start, m.start) >= (m.end - m.start) / 2
                                                  for v in values)
                     or any(v.start <= m.start and m.end <= v.end and v.end - v.start > m.end - m.start
                            for v in values))]
    taken = [(m.start, m.end) for m in found]
    for value in values:
        if not any(s < value.end and value.start < e for s, e in taken):
            found.append(value)
    found.sort(key=lambda m: (m.start, m.end))
    sentences = sorted({sentence_span(offset, sent) for offset, doc in segments for sent in doc.sents} - {None})
    breaks = [start for start, _, _ in document.boilerplate]
    return Extraction(document, found, relations.find(segments, found, profile, breaks), sentences)
