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


def document_triples(doc: Document) -> list[Triple]:
    node = doc_iri(doc.id)
    meta = doc.metadata
    triples: list[Triple] = [
        (node, RDF.type, PUFA.Report),
        (node, RDF.type, PROV.Entity),
        (node, PUFA.docId, literal(doc.id)),
        (node, PUFA.sourceName, literal(doc.source)),
        (node, PUFA.sourcePath, literal(doc.path)),
        (node, PUFA.format, literal(doc.format)),
        (node, PUFA.script, literal(meta.script)),
        (node, PUFA.text, literal(doc.text)),
        (node, PUFA.pipelineVersion, literal(__version__)),
    ]
    optional = [
        (DCT.title, meta.title), (PUFA.issuerName, meta.issuer), (PUFA.docNumber, meta.doc_number),
        (PUFA.indexNumber, meta.index_number), (PUFA.sourceLine, meta.source_line), (PUFA.encoding, doc.encoding),
    ]
    triples += [(node, p, literal(v)) for p, v in optional if v]
    if meta.date:
        triples.append((node, DCT.date, literal(meta.date, datatype=XSD.date)))
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


def mention_node(doc_id: str, entity: str, surface: str) -> str:
    """One surface form of one entity in one report."""
    return iri(f"{ID}mention/{doc_id}/{_mention_key(entity, surface)}")


@lru_cache(maxsize=65536)
def _mention_key(entity: str, surface: str) -> str:
    import hashlib

    return hashlib.sha1(f"{entity}|{surface}".encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=65536)
def _int(value: int) -> str:
    return literal(str(value), datatype=XSD.integer)


@lru_cache(maxsize=262144)
def _text(value: str) -> str:
    """Surface forms, rules and names repeat across reports: build each literal once."""
    return literal(value)


def entity_triples(doc: Document) -> list[Triple]:
    """Entities as this report knows them (labels, aliases, kinds, hierarchy) and every mention as evidence."""
    from .resolve import entity_id

    triples: list[Triple] = []
    report = doc_iri(doc.id)
    seen: dict[str, set[str]] = {}
    first: dict[str, Mention] = {}
    forms: dict[tuple[str, str], list[Mention]] = {}
    for m in doc.mentions:
        seen.setdefault(m.entity_id, set()).add(m.surface)
        first.setdefault(m.entity_id, m)
        forms.setdefault((m.entity_id, m.surface), []).append(m)
    for (eid, surface), group in forms.items():
        node = mention_node(doc.id, eid, surface)
        spans = " ".join(f"{m.start}-{m.end}:{m.orig_start}-{m.orig_end}" for m in group)
        rules = "|".join(dict.fromkeys(m.rule for m in group))
        # a mention is known by its pufa:mentionOf (the shapes target subjects of it): no rdf:type needed
        triples += [(node, PUFA.mentionOf, entity_node(eid)),
                    (node, PUFA.surface, _text(surface)), (node, PUFA.spans, literal(spans)),
                    (node, PUFA.rule, _text(rules))]
        why = group[0].attrs.get("why")
        if why and group[0].canonical != surface:  # the merge log: why this surface is that entity
            triples.append((node, RDFS.comment, _text(why)))
    for eid, m in first.items():
        node = entity_node(eid)
        triples += [(node, RDF.type, _CLASS[m.type]), (node, RDFS.label, _text(m.canonical))]
        triples += [(node, SKOS.altLabel, _text(alias)) for alias in sorted(seen[eid]) if alias != m.canonical]
        attrs = m.attrs
        if m.type == "agency":
            triples.append((node, PUFA.kind, concept("kind", attrs.get("kind", "other"))))
            if attrs.get("region_code"):
                region = entity_node(entity_id("region", doc_region_name(attrs["region_code"])))
                triples.append((node, PUFA.jurisdiction, region))
                triples += region_triples(attrs["region_code"])
            if attrs.get("parent"):
                triples.append((node, ORG.subOrganizationOf, entity_node(entity_id("agency", attrs["parent"]))))
        elif m.type == "law":
            triples.append((node, PUFA.level, concept("level", attrs.get("level", "normative_document"))))
            if attrs.get("full_name") and attrs["full_name"] != m.canonical:
                triples.append((node, SKOS.altLabel, literal(attrs["full_name"])))
        elif m.type == "venue" and attrs.get("venue_type"):
            triples.append((node, PUFA.kind, concept("venue", attrs["venue_type"])))
            if attrs["venue_type"] != "cultural_site" and _culture_site_words().search(m.canonical or m.surface):
                # 法治文化公园 is a park and a legal-culture site (法治文化阵地) as well
                triples.append((node, PUFA.kind, concept("venue", "cultural_site")))
        elif m.type == "region" and attrs.get("region_code"):
            triples += region_triples(attrs["region_code"])
    if doc.region_code:
        region = entity_node(entity_id("region", doc_region_name(doc.region_code)))
        triples.append((report, PUFA.region, region))
        triples += region_triples(doc.region_code)
    if doc.issuer_entity:
        triples.append((report, PUFA.issuer, entity_node(entity_id("agency", doc.issuer_entity))))
    return triples


@lru_cache(maxsize=8192)
def doc_region_name(code: str) -> str:
    from .knowledge import knowledge

    return knowledge().full_region_name(code)


@lru_cache(maxsize=8192)
def region_triples(code: str) -> tuple[Triple, ...]:
    """A region with its code and its parent, so every report that names it agrees (the same for every report:
    built once per process)."""
    from .knowledge import knowledge
    from .resolve import entity_id

    kb = knowledge()
    out: list[Triple] = []
    parent_node = None
    for region in kb.region_chain(code):
        name = doc_region_name(region.code)
        node = entity_node(entity_id("region", name))
        out += [(node, RDF.type, PUFA.Region), (node, RDFS.label, literal(name)),
                (node, PUFA.regionCode, literal(region.code))]
        if parent_node is not None:
            out.append((node, SCHEMA_CONTAINED, parent_node))
        parent_node = node
    return tuple(out)


def report_triples(doc: Document) -> list[Triple]:
    """Everything one report contributes to its named graph, each triple once."""
    triples = document_triples(doc) + entity_triples(doc) + activity_triples(doc)
    return list(dict.fromkeys(triples))


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


def _evidence(triples: list, report: str, owner: str, ev) -> str:
    """The sentence a fact comes from; facts read from the same clause share one node."""
    node = iri(f"{ID}evidence/{report[1:-1].rsplit('/', 1)[-1]}/{ev.start}-{ev.end}")
    triples += [(node, RDF.type, PUFA.Evidence), (node, PUFA.inReport, report), (node, PUFA.start, _int(ev.start)),
                (node, PUFA.end, _int(ev.end)), (node, PUFA.sentence, literal(ev.text))]
    return node


def _named(triples: list, type_: str, name: str) -> str:
    """An entity node by canonical name, typed and labelled so the graph stands on its own."""
    node, typed, labelled = _description(type_, name)
    triples += (typed, labelled)
    return node


@lru_cache(maxsize=65536)
def _description(type_: str, name: str) -> tuple[str, Triple, Triple]:
    from .resolve import entity_id

    node = entity_node(entity_id(type_, name))
    return node, (node, RDF.type, _CLASS[type_]), (node, RDFS.label, _text(name))


def _quantity_node(doc: Document, q) -> str:
    """A number is identified by its report, its clause and how it is written."""
    return _quantity_iri(doc.id, q.evidence.start if q.evidence else 0, q.at, q.text)


@lru_cache(maxsize=1024)
def _quantity_iri(doc_id: str, clause_start: int, at: int, text: str) -> str:
    import hashlib

    key = hashlib.sha1(f"{doc_id}|{clause_start}|{at}|{text}".encode("utf-8")).hexdigest()[:16]
    return iri(f"{ID}quantity/{key}")


def _media_operators(triples: list, doc: Document) -> None:
    """人民法院的“柳江法苑”: the agency just before an account operates it."""
    agencies = {m.end: m for m in doc.mentions if m.type == "agency"}
    for m in doc.mentions:
        if m.type == "media" and m.rule == "media.owned-account" and (m.start - 1) in agencies:
            owner = agencies[m.start - 1]
            triples.append((_named(triples, "media", m.canonical), PUFA.operatedBy,
                            _named(triples, "agency", owner.canonical)))


@lru_cache(maxsize=1)
def _culture_site_words():
    from .knowledge import boundary_words, word_alternation

    return word_alternation(boundary_words("culture_site_word"))


@lru_cache(maxsize=None)
def role_property(role: str) -> str:
    """The property of an organizer role (主办 -> host), from ontology/organizer_roles.csv."""
    from .knowledge import knowledge

    return next(r.prop for r in knowledge().organizer_roles if r.role == role)


def activity_triples(doc: Document) -> list[Triple]:
    """Activities, designations and problems, each with its evidence span."""
    triples: list[Triple] = []
    report = doc_iri(doc.id)
    villages = {m.canonical for m in doc.mentions if m.type == "village"}
    for a in doc.activities:
        node = iri(f"{ID}activity/{a.id}")
        triples += [(node, RDF.type, PUFA.Activity), (node, PUFA.inReport, report),
                    (node, PUFA.evidence, _evidence(triples, report, a.id, a.evidence))]
        # false is the default and is not written
        triples += [(node, prop, _bool(True)) for prop, flag in ((PUFA.implicitOrganizer, a.implicit_organizer),
                                                                  (PUFA.planned, a.planned)) if flag]
        for prop, type_, names in ((PUFA.organizer, "agency", a.organizers), (PUFA.partner, "agency", a.partners),
                                   (PUFA.leadUnit, "agency", a.lead_units), (PUFA.promotesLaw, "law", a.laws),
                                   (PUFA.audience, "group", a.audiences), (PUFA.partOfCampaign, "campaign", a.campaigns),
                                   (PUFA.person, "person", a.persons),
                                   (PUFA.collectiveOrganizer, "collective", a.collective_organizers)):
            triples += [(node, prop, _named(triples, type_, n)) for n in names]
        for role, names in sorted(a.roles.items()):
            prop = getattr(PUFA, role_property(role))
            triples += [(node, prop, _named(triples, "agency", n)) for n in names]
        for venue in a.venues:
            triples.append((node, PUFA.venue, _named(triples, "village" if venue in villages else "venue", venue)))
        triples += [(node, PUFA.venueType, concept("venue", v)) for v in a.venue_types]
        triples += [(node, PUFA.form, concept("form", f)) for f in a.forms]
        if a.date:
            triples.append((node, PUFA.date, _date_literal(a.date)))
        for q in a.quantities:
            triples.append((node, PUFA.quantity, _quantity_node(doc, q)))
    for q in doc.quantities:
        qn = _quantity_node(doc, q)
        triples += [(qn, RDF.type, PUFA.Quantity), (qn, PUFA.inReport, report), (qn, PUFA.what, literal(q.what)),
                    (qn, PUFA.value, _decimal(q.value)), (qn, PUFA.unit, _text(q.unit)), (qn, RDFS.label, _text(q.text))]
        if q.approx:  # exact is the default and is not written
            triples.append((qn, PUFA.approximate, _bool(True)))
        if q.qualifier != "exact":
            triples.append((qn, PUFA.qualifier, _text(q.qualifier)))
        triples.append((qn, PUFA.evidence, _evidence(triples, report, "", q.evidence)))
    _media_operators(triples, doc)
    for d in doc.designations:
        node = iri(f"{ID}designation/{d.id}")
        triples += [(node, RDF.type, PUFA.DemonstrationDesignation), (node, PUFA.inReport, report),
                    (node, PUFA.designee, _named(triples, d.designee_type, d.designee)),
                    (node, PUFA.designationTitle, literal(d.title)),
                    (node, PUFA.evidence, _evidence(triples, report, d.id, d.evidence))]
        if d.level:
            triples.append((node, PUFA.designationLevel, concept("designation", d.level)))
        if d.batch:
            triples.append((node, PUFA.batch, _int(d.batch)))
        if d.year:
            triples.append((node, PUFA.year, _int(d.year)))
    for p in doc.problems:
        node = iri(f"{ID}problem/{p.id}")
        triples += [(node, RDF.type, PUFA.Problem), (node, PUFA.reportedIn, report), (node, PUFA.inReport, report),
                    (node, PUFA.summary, literal(p.summary)),
                    (node, PUFA.evidence, _evidence(triples, report, p.id, p.evidence))]
    return triples
