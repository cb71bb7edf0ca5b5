"""IRIs of the ontology, through closed namespaces: a misspelt term raises instead of minting an IRI.

The terms here are the ones ``ontology/pufa.ttl`` defines; a test keeps the two in step.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

BASE = "https://w3id.org/pufa-graph/"
ID = BASE + "id/"


class ClosedNamespace:
    def __init__(self, prefix: str, iri: str, terms: str):
        self._prefix = prefix
        self._iri = iri
        self._terms = frozenset(terms.split())
        self._nodes: dict[str, NamedNode] = {}

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._terms:
            raise AttributeError(f"{self._prefix}:{name} is not a term of {self._iri}")
        node = self._nodes.get(name)
        if node is None:
            node = self._nodes[name] = NamedNode(self._iri + name)
        object.__setattr__(self, name, node)  # later lookups skip __getattr__
        return node

    def __getitem__(self, name: str) -> NamedNode:
        return self.__getattr__(name)

    @property
    def iri(self) -> str:
        return self._iri

    @property
    def terms(self) -> frozenset[str]:
        return self._terms


PUFA = ClosedNamespace("pufa", BASE + "ontology#", """
    Report Agency Law Campaign Activity Venue Village Region Person AudienceGroup PublicityRole Collective MediaChannel
    DemonstrationDesignation Problem Quantity
    AgencyKind LawLevel VenueType ActivityForm CampaignKind DesignationLevel

    docId sourceName sourceKey format encoding text issuerName docNumber indexNumber
    script sourceLine pipelineVersion issuer region namedGraph periodStart periodEnd periodSource

    kind level jurisdiction regionCode campaignMonth campaignDay firstYear lastYear

    start

    organizer implicitOrganizer partner leadUnit host undertaker coOrganizer participant supporter responsibleUnit guidedBy collectiveOrganizer
    promotesLaw topic venue venueType audience
    partOfCampaign form date planned
    what value unit approximate qualifier
    designee designationTitle designationLevel year batch
    summary reportedIn operatedBy role person pendingWrite writeBatch
    modelVersion ontologyDigest
""")
class Written:
    """A closed namespace's terms as N-Triples text ("<iri>"), for statements written out as text."""

    def __init__(self, namespace: ClosedNamespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        text = str(getattr(self._namespace, name))
        object.__setattr__(self, name, text)
        return text


RDF = ClosedNamespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type")
RDFS = ClosedNamespace("rdfs", "http://www.w3.org/2000/01/rdf-schema#", "label comment subClassOf")
SKOS = ClosedNamespace("skos", "http://www.w3.org/2004/02/skos/core#",
                       "prefLabel altLabel Concept ConceptScheme inScheme broader notation")
ORG = ClosedNamespace("org", "http://www.w3.org/ns/org#", "FormalOrganization subOrganizationOf")
SCHEMA = ClosedNamespace("schema", "https://schema.org/",
                         "GovernmentOrganization Legislation EventSeries Event Place AdministrativeArea "
                         "Person Audience containedInPlace mentions")
DCT = ClosedNamespace("dcterms", "http://purl.org/dc/terms/", "title date identifier source isPartOf")
PROV = ClosedNamespace("prov", "http://www.w3.org/ns/prov#",
                       "Entity Activity wasDerivedFrom wasGeneratedBy wasAttributedTo value")
XSD = ClosedNamespace("xsd", "http://www.w3.org/2001/XMLSchema#", "string date gYearMonth integer decimal boolean anyURI")

#: prefixes declared for every SPARQL query and export
PREFIXES = {
    "pufa": PUFA.iri, "rdf": RDF.iri, "rdfs": RDFS.iri, "dcterms": DCT.iri, "prov": PROV.iri,
    "xsd": XSD.iri, "skos": SKOS.iri, "org": ORG.iri, "schema": SCHEMA.iri, "id": ID,
}


#: every entity described once (types, labels, aliases, kinds, places, the merge log)
ENTITIES_GRAPH = f"{ID}graph/entities"
#: the ontology (classes, properties, concept schemes) as the store holds it, so data and terms travel together
ONTOLOGY_GRAPH = f"{ID}graph/ontology"
#: the subject that records the store's model version
STORE_NODE = f"{ID}store"
#: version of the RDF model the store is written in (2: entities graph, PROV evidence, no mention nodes)
MODEL_VERSION = 2


def doc_graph(doc_id: str) -> NamedNode:
    """One named graph per report: replaced or removed as a unit."""
    return NamedNode(f"{ID}graph/{doc_id}")

