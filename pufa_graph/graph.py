"""Documents, their entities and activities as RDF triples in one named graph per report.

Terms are written as N-Triples text from the start: a report has about a thousand statements,
and building them as RDF objects only to print them again cost a quarter of the ingest.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import __version__, vocab
from .model import Document, Mention
from .vocab import ID, Written

PUFA, RDF, RDFS, SKOS, ORG, SCHEMA, DCT, PROV, XSD = (
    Written(ns) for ns in (vocab.PUFA, vocab.RDF, vocab.RDFS, vocab.SKOS, vocab.ORG, vocab.SCHEMA, vocab.DCT,
                           vocab.PROV, vocab.XSD))
SCHEMA_CONTAINED = SCHEMA.containedInPlace

#: (subject, predicate, object), each in N-Triples syntax
Triple = tuple[str, str, str]

_NEEDS_ESCAPE = re.compile(r'[\\"\n\r]')
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(value: str) -> str:
    return f"<{value}>"


def literal(value: str, datatype: str | None = None) -> str:
    text = value.translate(_ESCAPES) if _NEEDS_ESCAPE.search(value) else value
    return f'"{text}"^^{datatype}' if datatype else f'"{text}"'


def doc_iri(doc_id: str) -> str:
    return f"<{ID}doc/{doc_id}>"


@lru_cache(maxsize=4096)
def concept(scheme: str, code: str) -> str:
    """A SKOS concept of the ontology; its typing lives in ontology/pufa.ttl, not in every report's graph."""
    return f"<{vocab.PUFA.iri}{scheme}_{code}>"


def zh(value: str) -> str:
    """Chinese text: labels, surface forms, sentences, titles."""
    return _zh(value)


@lru_cache(maxsize=262144)
def _zh(value: str) -> str:
    return literal(value) + "@zh"


def source_key(path: str) -> str:
    """A digest of where a file was read: re-reading a changed file replaces its report, and the graph
    never holds the ingesting machine's paths."""
    import hashlib

    return hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def document_triples(doc: Document) -> list[Triple]:
    node = doc_iri(doc.id)
    meta = doc.metadata
    triples: list[Triple] = [
        (node, RDF.type, PUFA.Report),
        (node, RDF.type, PROV.Entity),
        (node, PUFA.docId, literal(doc.id)),
        (node, PUFA.sourceName, literal(doc.source)),
        (node, PUFA.sourceKey, literal(source_key(doc.path))),
        (node, PUFA.format, literal(doc.format)),
        (node, PUFA.script, literal(meta.script)),
        (node, PUFA.text, zh(doc.text)),
        (node, PUFA.pipelineVersion, literal(__version__)),
        (node, PUFA.namedGraph, str(vocab.doc_graph(doc.id))),
    ]
    optional = [(PUFA.docNumber, meta.doc_number), (PUFA.indexNumber, meta.index_number),
                (PUFA.encoding, doc.encoding)]
    triples += [(node, p, literal(v)) for p, v in optional if v]
    triples += [(node, p, zh(v)) for p, v in ((DCT.title, meta.title), (PUFA.issuerName, meta.issuer),
                                              (PUFA.sourceLine, meta.source_line)) if v]
    if meta.date:
        triples.append((node, DCT.date, literal(meta.date, datatype=XSD.date)))
    if meta.period_start and meta.period_end:
        triples += [(node, PUFA.periodStart, literal(meta.period_start, datatype=XSD.date)),
                    (node, PUFA.periodEnd, literal(meta.period_end, datatype=XSD.date))]
        if meta.period_source:
            triples.append((node, PUFA.periodSource, zh(meta.period_source)))
    if meta.url:
        triples.append((node, DCT.source, literal(meta.url, datatype=XSD.anyURI)))
    return triples


#: entity type (as the CLI names it) -> ontology class
TYPE_CLASS = {
    "agency": vocab.PUFA.Agency, "law": vocab.PUFA.Law, "campaign": vocab.PUFA.Campaign, "venue": vocab.PUFA.Venue,
    "village": vocab.PUFA.Village, "region": vocab.PUFA.Region, "person": vocab.PUFA.Person,
    "group": vocab.PUFA.AudienceGroup, "role": vocab.PUFA.PublicityRole, "collective": vocab.PUFA.Collective, "media": vocab.PUFA.MediaChannel,
}
CLASS_TYPE = {cls.value: name for name, cls in TYPE_CLASS.items()}
_CLASS = {name: str(cls) for name, cls in TYPE_CLASS.items()}


@lru_cache(maxsize=65536)
def entity_node(entity_id: str) -> str:
    return iri(f"{ID}entity/{entity_id}")


@lru_cache(maxsize=8192)
def region_node(code: str) -> str:
    """A region is known by its GB/T 2260 code, so any dataset that uses the code can join it."""
    return iri(f"{ID}region/{code}")


def mention_node_of(m: Mention) -> str:
    if m.type == "region" and m.attrs.get("region_code"):
        return region_node(m.attrs["region_code"])
    return entity_node(m.entity_id)


@lru_cache(maxsize=65536)
def _int(value: int) -> str:
    return literal(str(value), datatype=XSD.integer)


@lru_cache(maxsize=262144)
def _text(value: str) -> str:
    """Codes and rule names repeat across reports: build each literal once."""
    return literal(value)


class Described:
    """The triples of one report: its own graph, and what it says of entities (for the entities graph).

    ``mentioned`` lists the entities the report names; each is the object of some statement in the
    report's graph (``schema:mentions`` where no other points to it), which is how the reports naming
    an entity, and an entity no report names any more, are found. Entities described only because
    a named one points to them (a parent body, a region's province) are not mentioned.
    """

    def __init__(self) -> None:
        self.report: list[Triple] = []
        self.entities: list[Triple] = []
        self.mentioned: dict[str, None] = {}
        #: agencies described by name alone (a parent, an organizer), with that name
        self.agencies_named: dict[str, str] = {}

    def entity(self, node: str, *triples: Triple, mentioned: bool = True) -> str:
        if mentioned:
            self.mentioned[node] = None
        self.entities += triples
        return node

    def named(self, type_: str, name: str, mentioned: bool = True) -> str:
        """An entity node by canonical name, typed and labelled in the entities graph."""
        node, triples = _description(type_, name)
        if type_ == "agency":
            self.agencies_named.setdefault(node, name)
        return self.entity(node, *triples, mentioned=mentioned)

    def region(self, code: str, mentioned: bool = True) -> str:
        """A region, with its ancestors described (and not mentioned)."""
        chain = region_triples(code)
        for node, triples in chain[:-1]:
            self.entity(node, *triples, mentioned=False)
        node, triples = chain[-1]
        return self.entity(node, *triples, mentioned=mentioned)


def entity_triples(doc: Document, out: Described) -> None:
    """Entities as this report knows them (labels, every surface form as skos:altLabel, kinds,
    hierarchy), into the entities graph. How each form was resolved (the rule, the reason) is not
    stored: ``pufa entities --explain`` reads it again from the report's text."""

    first: dict[str, Mention] = {}
    for m in doc.mentions:
        first.setdefault(m.entity_id, m)
        entity = mention_node_of(m)
        if m.canonical != m.surface:
            out.entity(entity, (entity, SKOS.altLabel, zh(m.surface)))
        else:
            out.entity(entity)
    for eid, m in first.items():
        attrs = m.attrs
        if m.type == "region" and attrs.get("region_code"):
            out.region(attrs["region_code"])
            continue
        node, described = _description(m.type, m.canonical)
        triples = list(described)
        if m.type == "agency":
            kind = attrs.get("kind")
            triples.append((node, PUFA.kind, concept("kind", kind if kind and kind.isidentifier() else "other")))
            if attrs.get("region_code"):
                triples.append((node, PUFA.jurisdiction, out.region(attrs["region_code"], mentioned=False)))
            if attrs.get("parent"):
                triples.append((node, ORG.subOrganizationOf, out.named("agency", attrs["parent"], mentioned=False)))
        elif m.type == "law":
            triples.append((node, PUFA.level, concept("level", attrs.get("level", "normative_document"))))
            if attrs.get("full_name") and attrs["full_name"] != m.canonical:
                triples.append((node, SKOS.altLabel, zh(attrs["full_name"])))
        elif m.type == "venue" and attrs.get("venue_type"):
            triples.append((node, PUFA.kind, concept("venue", attrs["venue_type"])))
            if attrs["venue_type"] != "cultural_site" and _culture_site_words().search(m.canonical or m.surface):
                # 法治文化公园 is a park and a legal-culture site (法治文化阵地) as well
                triples.append((node, PUFA.kind, concept("venue", "cultural_site")))
        out.entity(node, *triples)
    report = doc_iri(doc.id)
    if doc.region_code:
        out.report.append((report, PUFA.region, out.region(doc.region_code)))
    if doc.issuer_entity:
        out.report.append((report, PUFA.issuer, out.named("agency", doc.issuer_entity)))


@lru_cache(maxsize=8192)
def doc_region_name(code: str) -> str:
    from .knowledge import knowledge

    return knowledge().full_region_name(code)


@lru_cache(maxsize=8192)
def region_triples(code: str) -> tuple[tuple[str, tuple[Triple, ...]], ...]:
    """A region and its ancestors, outermost first, each with its code, name and parent (the same for
    every report: built once per process)."""
    from .knowledge import knowledge

    out = []
    parent_node = None
    for region in knowledge().region_chain(code):
        node = region_node(region.code)
        triples = [(node, RDF.type, PUFA.Region), (node, RDFS.label, zh(doc_region_name(region.code))),
                   (node, PUFA.regionCode, literal(region.code))]
        if parent_node is not None:
            triples.append((node, SCHEMA_CONTAINED, parent_node))
        out.append((node, tuple(triples)))
        parent_node = node
    return tuple(out)


def describe(doc: Document) -> Described:
    """Everything one report contributes: its named graph and its part of the entities graph, each
    triple once."""
    out = Described()
    out.report = document_triples(doc)
    entity_triples(doc, out)
    activity_triples(doc, out)
    report = doc_iri(doc.id)
    _kinds_of_named_agencies(out)
    referenced = {o for _s, _p, o in out.report}
    # an entity the report names but no statement of it points to is still mentioned by the report
    out.report += [(report, SCHEMA.mentions, node) for node in out.mentioned if node not in referenced]
    out.report = list(dict.fromkeys(out.report))
    out.entities = list(dict.fromkeys(out.entities))
    return out


def _kinds_of_named_agencies(out: Described) -> None:
    """An agency the report names only as a parent (柳州市公安局 of its 柳江分局) gets its kind by its name."""
    from .recognize.agencies import kind_of_name

    kinded = {s for s, p, _o in out.entities if p == PUFA.kind}
    for node, name in sorted(out.agencies_named.items()):
        if node not in kinded:
            out.entities.append((node, PUFA.kind, concept("kind", kind_of_name(name))))


def report_triples(doc: Document) -> list[Triple]:
    """The report's graph and its entity descriptions together (for checks on one report alone)."""
    described = describe(doc)
    return described.report + described.entities


def report_nquads(doc: Document) -> tuple[str, int, int]:
    """N-Quads of what one report contributes (its graph and the entities graph), and how many quads
    of each."""
    described = describe(doc)
    graph = f" {vocab.doc_graph(doc.id)} .\n"
    entities = f" <{vocab.ENTITIES_GRAPH}> .\n"
    text = ("".join(f"{s} {p} {o}{graph}" for s, p, o in described.report)
            + "".join(f"{s} {p} {o}{entities}" for s, p, o in described.entities))
    return text, len(described.report), len(described.entities)


def _date_literal(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return literal(value, datatype=XSD.gYearMonth)
    return literal(value)


@lru_cache(maxsize=2)
def _bool(value: bool) -> str:
    return literal("true" if value else "false", datatype=XSD.boolean)


def _decimal(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def _evidence(out: Described, report: str, ev) -> str:
    """The sentence (clause) a fact is derived from (a prov:Entity by the range of prov:wasDerivedFrom,
    not typed in every report); facts read from the same clause share one node. Its text is exactly
    the report's text from ``pufa:start``, so its end is start + length and is not written."""
    node = iri(f"{ID}sentence/{report[1:-1].rsplit('/', 1)[-1]}/{ev.start}-{ev.end}")
    out.report += [(node, DCT.isPartOf, report), (node, PUFA.start, _int(ev.start)), (node, PROV.value, zh(ev.text))]
    return node


@lru_cache(maxsize=65536)
def _description(type_: str, name: str) -> tuple[str, tuple[Triple, ...]]:
    """An entity node by canonical name: its type, its name (rdfs:label @zh) and, where a catalogue gives
    one, its English name (skos:prefLabel @en; rdfs:label stays the one canonical name queries match)."""
    from .knowledge import knowledge
    from .resolve import entity_id

    node = entity_node(entity_id(type_, name))
    triples = [(node, RDF.type, _CLASS[type_]), (node, RDFS.label, zh(name))]
    english = knowledge().english_names.get((type_, name))
    if english:
        triples.append((node, SKOS.prefLabel, literal(english) + "@en"))
    return node, tuple(triples)


def _quantity_node(doc: Document, q) -> str:
    """A number is identified by its report, its clause and how it is written."""
    return _quantity_iri(doc.id, q.evidence.start if q.evidence else 0, q.at, q.text)


@lru_cache(maxsize=1024)
def _quantity_iri(doc_id: str, clause_start: int, at: int, text: str) -> str:
    import hashlib

    key = hashlib.sha1(f"{doc_id}|{clause_start}|{at}|{text}".encode("utf-8")).hexdigest()[:16]
    return iri(f"{ID}quantity/{key}")


def _media_operators(out: Described, doc: Document) -> None:
    """人民法院的“柳江法苑”: the agency just before an account operates it (said of the account, in
    the entities graph)."""
    agencies = {m.end: m for m in doc.mentions if m.type == "agency"}
    for m in doc.mentions:
        if m.type == "media" and m.rule == "media.owned-account" and (m.start - 1) in agencies:
            owner = agencies[m.start - 1]
            media = out.named("media", m.canonical)
            out.entity(media, (media, PUFA.operatedBy, out.named("agency", owner.canonical)))


@lru_cache(maxsize=1)
def _culture_site_words():
    from .knowledge import boundary_words, word_alternation

    return word_alternation(boundary_words("culture_site_word"))


@lru_cache(maxsize=None)
def role_property(role: str) -> str:
    """The property of an organizer role (主办 -> host), from ontology/organizer_roles.csv."""
    from .knowledge import knowledge

    return next(r.prop for r in knowledge().organizer_roles if r.role == role)


def activity_triples(doc: Document, out: Described) -> None:
    """Activities, designations and problems, each derived from its sentence."""
    triples = out.report
    report = doc_iri(doc.id)
    villages = {m.canonical for m in doc.mentions if m.type == "village"}
    # a task's 牵头单位 may be a collective (各县市司法局): it is that collective, not an agency of its name
    collectives = ({m.canonical for m in doc.mentions if m.type == "collective"}
                   - {m.canonical for m in doc.mentions if m.type == "agency"})

    def unit(name: str) -> str:
        return out.named("collective" if name in collectives else "agency", name)

    for a in doc.activities:
        node = iri(f"{ID}activity/{a.id}")
        triples += [(node, RDF.type, PUFA.Activity), (node, PROV.wasDerivedFrom, _evidence(out, report, a.evidence))]
        # false is the default and is not written
        triples += [(node, prop, _bool(True)) for prop, flag in ((PUFA.implicitOrganizer, a.implicit_organizer),
                                                                  (PUFA.planned, a.planned)) if flag]
        triples += [(node, PUFA.leadUnit, unit(n)) for n in a.lead_units]
        for prop, type_, names in ((PUFA.organizer, "agency", a.organizers), (PUFA.partner, "agency", a.partners),
                                   (PUFA.promotesLaw, "law", a.laws),
                                   (PUFA.audience, "group", a.audiences), (PUFA.partOfCampaign, "campaign", a.campaigns),
                                   (PUFA.person, "person", a.persons),
                                   (PUFA.collectiveOrganizer, "collective", a.collective_organizers)):
            triples += [(node, prop, out.named(type_, n)) for n in names]
        for role, names in sorted(a.roles.items()):
            prop = getattr(PUFA, role_property(role))
            triples += [(node, prop, unit(n)) for n in names]
        for venue in a.venues:
            triples.append((node, PUFA.venue, out.named("village" if venue in villages else "venue", venue)))
        triples += [(node, PUFA.venueType, concept("venue", v)) for v in a.venue_types]
        triples += [(node, PUFA.form, concept("form", f)) for f in a.forms]
        if a.date:
            triples.append((node, PUFA.date, _date_literal(a.date)))
        # an activity's quantities are those of its clause: they share its sentence node (no link of its own)
    for q in doc.quantities:
        qn = _quantity_node(doc, q)
        triples += [(qn, RDF.type, PUFA.Quantity), (qn, PUFA.what, zh(q.what)),
                    (qn, PUFA.value, _decimal(q.value)), (qn, PUFA.unit, _text(q.unit)), (qn, RDFS.label, zh(q.text))]
        if q.approx:  # exact is the default and is not written
            triples.append((qn, PUFA.approximate, _bool(True)))
        if q.qualifier != "exact":
            triples.append((qn, PUFA.qualifier, _text(q.qualifier)))
        triples.append((qn, PROV.wasDerivedFrom, _evidence(out, report, q.evidence)))
    _media_operators(out, doc)
    for d in doc.designations:
        node = iri(f"{ID}designation/{d.id}")
        triples += [(node, RDF.type, PUFA.DemonstrationDesignation),
                    (node, PUFA.designee, out.named(d.designee_type, d.designee)),
                    (node, PUFA.designationTitle, zh(d.title)),
                    (node, PROV.wasDerivedFrom, _evidence(out, report, d.evidence))]
        if d.level:
            triples.append((node, PUFA.designationLevel, concept("designation", d.level)))
        if d.batch:
            triples.append((node, PUFA.batch, _int(d.batch)))
        if d.year:
            triples.append((node, PUFA.year, _int(d.year)))
    for p in doc.problems:
        node = iri(f"{ID}problem/{p.id}")
        triples += [(node, RDF.type, PUFA.Problem), (node, PUFA.reportedIn, report),
                    (node, PUFA.summary, zh(p.summary)),
                    (node, PROV.wasDerivedFrom, _evidence(out, report, p.evidence))]
