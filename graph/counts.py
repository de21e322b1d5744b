"""What a graph holds, counted one way for the build's summary and for ``seed-graph stats``.

- documents: the articles read (``sg:Document``);
- entities: the things they talk about, by type (``sg:Organization``, ``sg:Person``, …);
- statements: facts as sentences state them (``sg:Statement``), one a fact and sentence; a fact said in three
  sentences is three statements, and a negated one is a statement too;
- facts: distinct subject-predicate-object triples the statements assert (negated ones aside), by relation kind
  or measured property; a fact said in three sentences is one fact;
- agreements: ``sg:Agreement`` nodes; modalities: of the statements; triples: all of the graph's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Counts:
    documents: int = 0
    entities: Counter = field(default_factory=Counter)  # by type
    statements: int = 0
    facts: Counter = field(default_factory=Counter)  # by relation kind or measured property
    agreements: int = 0
    modalities: Counter = field(default_factory=Counter)  # of the statements
    triples: int = 0

    def line(self) -> str:
        """The counts in one line, as the build prints them."""
        return (f"{self.documents} documents, {sum(self.entities.values())} entities, {self.statements} statements, "
                f"{sum(self.facts.values())} facts")


def count(graph) -> Counts:
    """The counts of an rdflib Graph (in memory or on an Oxigraph store)."""
    from rdflib import RDF

    from graph.convert import ENTITY_CLASSES, local_name
    from graph.vocab import ATTRIBUTES, RELATION_KINDS, SG

    def instances(cls) -> int:
        return sum(1 for _ in graph.subjects(RDF.type, cls, unique=True))

    facts = Counter({kind: n for kind in sorted(RELATION_KINDS | ATTRIBUTES)
                     if (n := sum(1 for _ in graph.triples((None, SG[kind], None))))})
    return Counts(
        documents=instances(SG.Document),
        entities=Counter({t: n for t in ENTITY_CLASSES if (n := instances(SG[t]))}),
        statements=instances(SG.Statement),
        facts=facts,
        agreements=instances(SG.Agreement),
        modalities=Counter(local_name(m) for m in graph.objects(None, SG.modality)),
        triples=len(graph),
    )
