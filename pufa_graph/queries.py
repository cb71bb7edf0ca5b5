"""Named queries: documented functions of the store that return plain data with evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from .graph import CLASS_TYPE, TYPE_CLASS
from .store.base import PROLOGUE, GraphStore
from .sparql import literal
from .vocab import PUFA

SEP = "\u001f"
PUFA_IRI = PUFA.iri


@dataclass
class EntityRow:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    mentions: int = 0

    def to_json(self) -> dict:
        return {"id": self.id, "type": self.type, "name": self.name, "aliases": self.aliases, "docs": self.docs,
                "mentions": self.mentions}


def list_entities(store: GraphStore, type_: str | None = None, doc: str | None = None) -> list[EntityRow]:
    """Every entity with the surface forms the reports use for it and the reports that mention it.

    >>> [e.name for e in list_entities(store, "law")][:2]   # doctest: +SKIP
    ['中华人民共和国…', '宪法']
    """
    classes = [TYPE_CLASS[type_]] if type_ else list(TYPE_CLASS.values())
    values = " ".join(f"<{c.value}>" for c in classes)
    doc_filter = f"FILTER(STRSTARTS(?docid, {literal(doc)}))" if doc else ""
    rows = store.query(PROLOGUE + f"""
        SELECT ?e ?class (SAMPLE(?label) AS ?name)
               (GROUP_CONCAT(DISTINCT ?surface; separator="{SEP}") AS ?aliases)
               (GROUP_CONCAT(DISTINCT ?docid; separator="{SEP}") AS ?docs)
               (COUNT(DISTINCT ?m) AS ?n)
        WHERE {{
          VALUES ?class {{ {values} }}
          GRAPH ?g {{
            ?m pufa:mentionOf ?e ; pufa:surface ?surface ; pufa:inReport ?d .
            ?e a ?class ; rdfs:label ?label .
            ?d pufa:docId ?docid .
          }}
          {doc_filter}
        }} GROUP BY ?e ?class ORDER BY ?class ?name""")
    out = []
    for r in rows:
        aliases = sorted(set(r["aliases"].split(SEP)) | {r["name"]})
        out.append(EntityRow(id=r["e"].rsplit("/", 1)[-1], type=CLASS_TYPE[r["class"]], name=r["name"],
                             aliases=aliases, docs=sorted(r["docs"].split(SEP)), mentions=int(r["n"])))
    return out


@dataclass
class MergeStep:
    surface: str
    doc: str
    rule: str
    why: str | None
    start: int
    end: int


def explain_entity(store: GraphStore, name: str) -> list[tuple[EntityRow, list[MergeStep]]]:
    """Why mentions were merged into the entity (or entities) called ``name`` or having it as an alias."""
    entities = [e for e in list_entities(store) if e.name == name or name in e.aliases]
    out = []
    for e in entities:
        rows = store.query(PROLOGUE + f"""
            SELECT ?surface ?docid ?rule ?why ?start ?end WHERE {{
              GRAPH ?g {{
                ?m pufa:mentionOf <https://w3id.org/pufa-graph/id/entity/{e.id}> ; pufa:surface ?surface ;
                   pufa:rule ?rule ; pufa:start ?start ; pufa:end ?end ; pufa:inReport ?d .
                ?d pufa:docId ?docid .
                OPTIONAL {{ ?m rdfs:comment ?why }}
              }}
            }} ORDER BY ?docid ?start""")
        steps = [MergeStep(r["surface"], r["docid"], r["rule"], r["why"], int(r["start"]), int(r["end"])) for r in rows]
        out.append((e, steps))
    return out


# -- activities ----------------------------------------------------------------

ACTIVITY_FIELDS = {
    "organizer": "organizers", "partner": "partners", "leadUnit": "lead_units", "promotesLaw": "laws",
    "venue": "venues", "audience": "audiences", "partOfCampaign": "campaigns",
}


def _concept_code(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].split("_", 1)[-1]


def find_activities(store: GraphStore, law: str | None = None, agency: str | None = None,
                    venue_type: str | None = None, region: str | None = None, campaign: str | None = None,
                    planned: bool | None = None, doc: str | None = None, year: str | None = None) -> list[dict]:
    """Activities matching every given filter, with their evidence. Names are canonical (see ``resolve_name``).

    >>> find_activities(store, law="民法典", venue_type="school")   # doctest: +SKIP
    """
    patterns = ["?act a pufa:Activity ; pufa:inReport ?d . ?d pufa:docId ?docid ."]
    if law:
        patterns.append(f"?act pufa:promotesLaw/rdfs:label {literal(law)} .")
    if agency:
        patterns.append(f"?act pufa:organizer ?org . ?org rdfs:label|skos:altLabel {literal(agency)} .")
    if venue_type:
        patterns.append(f"?act pufa:venueType <{PUFA_IRI}venue_{venue_type}> .")
    if campaign:
        patterns.append(f"?act pufa:partOfCampaign/rdfs:label {literal(campaign)} .")
    if planned is not None:
        patterns.append(f"?act pufa:planned {'true' if planned else 'false'} .")
    if region:
        patterns.append(f"?d pufa:region/rdfs:label ?regionLabel . FILTER(CONTAINS(?regionLabel, {literal(region)}))")
    if doc:
        patterns.append(f"FILTER(STRSTARTS(?docid, {literal(doc)}))")
    if year:
        patterns.append(f"OPTIONAL {{ ?act pufa:date ?when }} OPTIONAL {{ ?d dcterms:date ?docDate }} "
                        f"FILTER(STRSTARTS(STR(COALESCE(?when, ?docDate, \"\")), {literal(str(year))}))")
    rows = store.query(PROLOGUE + "SELECT DISTINCT ?act ?docid WHERE { GRAPH ?g { " + "\n".join(patterns) + " } }")
    if not rows:
        return []
    return activity_details(store, {r["act"]: r["docid"] for r in rows})


def activity_details(store: GraphStore, acts: dict[str, str]) -> list[dict]:
    values = " ".join(f"<{a}>" for a in acts)
    rows = store.query(PROLOGUE + f"""
        SELECT ?act ?p ?o ?label WHERE {{
          VALUES ?act {{ {values} }}
          GRAPH ?g {{ ?act ?p ?o . OPTIONAL {{ ?o rdfs:label ?label }} }}
        }}""")
    evidence = store.query(PROLOGUE + f"""
        SELECT ?act ?text ?start ?end WHERE {{
          VALUES ?act {{ {values} }}
          GRAPH ?g {{ ?act pufa:evidence ?e . ?e pufa:sentence ?text ; pufa:start ?start ; pufa:end ?end }}
        }}""")
    quantities = store.query(PROLOGUE + f"""
        SELECT ?act ?q ?what ?value ?unit ?approx ?qualifier ?text WHERE {{
          VALUES ?act {{ {values} }}
          GRAPH ?g {{ ?act pufa:quantity ?q . ?q pufa:what ?what ; pufa:value ?value ; pufa:unit ?unit ;
                      pufa:approximate ?approx ; pufa:qualifier ?qualifier ; rdfs:label ?text }}
        }} ORDER BY ?q""")
    out: dict[str, dict] = {}
    for act, docid in acts.items():
        out[act] = {"id": act.rsplit("/", 1)[-1], "doc": docid, "organizers": [], "implicit_organizer": False,
                    "partners": [], "lead_units": [], "laws": [], "venues": [], "venue_types": [], "audiences": [],
                    "campaign": None, "campaigns": [], "forms": [], "date": None, "planned": False,
                    "quantities": [], "evidence": None}
    for r in rows:
        a = out[r["act"]]
        prop = r["p"].rsplit("#", 1)[-1]
        if prop in ACTIVITY_FIELDS:
            field = ACTIVITY_FIELDS[prop]
            if r["label"] and r["label"] not in a[field]:
                a[field].append(r["label"])
        elif prop == "venueType":
            a["venue_types"].append(_concept_code(r["o"]))
        elif prop == "form":
            a["forms"].append(_concept_code(r["o"]))
        elif prop == "date":
            a["date"] = r["o"]
        elif prop in ("planned", "implicitOrganizer"):
            a["planned" if prop == "planned" else "implicit_organizer"] = r["o"] == "true"
    for r in evidence:
        out[r["act"]]["evidence"] = {"text": r["text"], "start": int(r["start"]), "end": int(r["end"])}
    for r in quantities:
        value = float(r["value"])
        out[r["act"]]["quantities"].append({
            "what": r["what"], "value": int(value) if value.is_integer() else value, "unit": r["unit"],
            "approx": r["approx"] == "true", "qualifier": r["qualifier"], "text": r["text"]})
    for a in out.values():
        a["campaign"] = a["campaigns"][0] if a["campaigns"] else None
        for key in ("organizers", "partners", "lead_units", "laws", "venues", "audiences", "campaigns"):
            a[key].sort()
        a["venue_types"].sort()
        a["forms"].sort()
    return sorted(out.values(), key=lambda a: (a["doc"], a["evidence"]["start"] if a["evidence"] else 0))


def stats(store: GraphStore) -> dict:
    """Counts by type, overall and per report."""
    rows = store.query(PROLOGUE + """
        SELECT ?docid ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
          GRAPH ?g { ?d a pufa:Report ; pufa:docId ?docid . ?x a ?class .
                     FILTER(?class IN (pufa:Activity, pufa:Agency, pufa:Law, pufa:Campaign, pufa:Venue, pufa:Village,
                                       pufa:AudienceGroup, pufa:MediaChannel, pufa:Person, pufa:Region, pufa:Mention,
                                       pufa:DemonstrationDesignation, pufa:Problem)) }
        } GROUP BY ?docid ?class""")
    totals = store.query(PROLOGUE + """
        SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ?class } } GROUP BY ?class""")
    by_doc: dict[str, dict[str, int]] = {}
    for r in rows:
        by_doc.setdefault(r["docid"], {})[r["class"].rsplit("#", 1)[-1]] = int(r["n"])
    return {"reports": len(by_doc), "triples": store.triple_count(),
            "totals": {r["class"].rsplit("#", 1)[-1]: int(r["n"]) for r in totals if "#" in r["class"]},
            "by_report": by_doc}
