"""The project namespace, declared once. It is closed: a misspelt term raises instead of minting a new IRI.

``ontology.ttl`` (shipped beside this module) describes every term with labels, domains and ranges, and
``shapes.ttl`` says, in SHACL, what a well-formed graph of these terms looks like.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from graph import iri


class SG(DefinedNamespace):
    _NS = Namespace(iri.ONTOLOGY)
    _fail = True

    # Entity classes
    Entity: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Facility: URIRef
    Product: URIRef
    Technology: URIRef
    Event: URIRef
    # Other nodes
    Agreement: URIRef
    Document: URIRef
    Span: URIRef
    Sentence: URIRef
    Mention: URIRef
    Statement: URIRef
    Modality: URIRef
    Build: URIRef

    # Relation kinds between entities
    develops: URIRef
    manufactures: URIRef
    producedAt: URIRef
    usesTechnology: URIRef
    installedIn: URIRef
    releases: URIRef
    supplies: URIRef
    contractsWith: URIRef
    partnersWith: URIRef
    acquires: URIRef
    investsIn: URIRef
    subsidiaryOf: URIRef
    worksFor: URIRef
    leads: URIRef
    foundedBy: URIRef
    locatedIn: URIRef
    bornIn: URIRef
    competesWith: URIRef
    memberOf: URIRef
    operates: URIRef
    appearsIn: URIRef
    spouseOf: URIRef
    relatedTo: URIRef

    # Measured properties of entities (objects are schema:QuantitativeValue or schema:MonetaryAmount)
    yieldRate: URIRef
    marketShare: URIRef
    revenue: URIRef
    operatingProfit: URIRef
    netIncome: URIRef
    marketCapitalization: URIRef
    investmentAmount: URIRef
    growthRate: URIRef
    processNode: URIRef
    role: URIRef
    corporateNumber: URIRef
    securitiesCode: URIRef
    edinetCode: URIRef

    # Agreements
    party: URIRef
    about: URIRef
    amount: URIRef
    date: URIRef

    # Provenance
    document: URIRef
    start: URIRef
    end: URIRef
    text: URIRef
    page: URIRef
    source: URIRef
    sha256: URIRef
    length: URIRef
    denotes: URIRef
    rule: URIRef
    confidence: URIRef
    modality: URIRef
    lemma: URIRef
    statement: URIRef

    # Modalities
    modalities: URIRef
    asserted: URIRef
    past: URIRef
    planned: URIRef
    speculative: URIRef
    reported: URIRef
    negated: URIRef


ONTOLOGY_FILE = Path(__file__).with_name("ontology.ttl")
SHAPES_FILE = Path(__file__).with_name("shapes.ttl")

WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")

RELATION_KINDS = frozenset(
    "develops manufactures producedAt usesTechnology installedIn releases supplies contractsWith partnersWith "
    "acquires investsIn subsidiaryOf worksFor leads foundedBy locatedIn bornIn competesWith memberOf operates appearsIn "
    "spouseOf relatedTo".split()
)
ATTRIBUTES = frozenset(
    "yieldRate marketShare revenue operatingProfit netIncome marketCapitalization investmentAmount growthRate "
    "processNode".split()
)
