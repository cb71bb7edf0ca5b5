"""Named queries: documented functions of the store that return plain data with evidence."""

from __future__ import annotations

from functools import lru_cache

import re
from dataclasses import dataclass, field

from .graph import CLASS_TYPE, TYPE_CLASS
from .store.base import ENTITIES as E
from .store.base import EVIDENCE, PROLOGUE, GraphStore
from .sparql import concept, iri, label, literal
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
    iri: str = ""  # the node, for queries (not part of the JSON)

    def to_json(self) -> dict:
        return {"id": self.id, "type": self.type, "name": self.name, "aliases": self.aliases, "docs": self.docs,
                "mentions": self.mentions}


def list_entities(store: GraphStore, type_: str | None = None, doc: str | None = None) -> list[EntityRow]:
    """Every entity the reports name, with its names (every surface form the reports write, 区司法局
    too, and the catalogue's names) and the reports that mention it; ``mentions`` counts those reports.

    >>> [e.name for e in list_entities(store, "law")][:2]   # doctest: +SKIP
    ['中华人民共和国…', '宪法']
    """
    classes = [TYPE_CLASS[type_]] if type_ else list(TYPE_CLASS.values())
    values = " ".join(f"<{c.value}>" for c in classes)
    doc_filter = f"FILTER(STRSTARTS(?docid, {literal(doc)}))" if doc else ""
    rows = store.query(PROLOGUE + f"""
        SELECT ?e ?class (SAMPLE(?label) AS ?name)
               (GROUP_CONCAT(DISTINCT ?alias; separator="{SEP}") AS ?aliases)
               (GROUP_CONCAT(DISTINCT ?docid; separator="{SEP}") AS ?docs)
        WHERE {{
          VALUES ?class {{ {values} }}
          GRAPH ?g {{ ?d a pufa:Report ; pufa:docId ?docid . ?eBy ?eHow ?e . }}
          {doc_filter}
          GRAPH {E} {{ ?e a ?class ; rdfs:label ?label . OPTIONAL {{ ?e skos:altLabel ?alias }} }}
        }} GROUP BY ?e ?class""")
    out = []
    for r in sorted(rows, key=lambda r: (r["class"], r["name"], r["e"])):
        aliases = sorted(set((r["aliases"] or "").split(SEP)) - {""} | {r["name"]})
        docs = sorted(r["docs"].split(SEP))
        out.append(EntityRow(id=r["e"].rsplit("/", 1)[-1], type=CLASS_TYPE[r["class"]], name=r["name"],
                             aliases=aliases, docs=docs, mentions=len(docs), iri=r["e"]))
    return out


@dataclass
class MergeStep:
    """How one surface form became the entity: the rules that found it and why it resolved so."""

    surface: str
    rules: list[str]
    why: str | None
    docs: list[str]


#: reports read again per entity by ``explain_entity`` (their ids come first in ``EntityRow.docs``)
EXPLAIN_REPORTS = 20


def explain_entity(store: GraphStore, name: str) -> list[tuple[EntityRow, list[MergeStep]]]:
    """Why mentions were merged into the entity (or entities) called ``name`` or having it as an alias.

    The merge log is not stored: the first EXPLAIN_REPORTS reports that mention the entity are analysed
    again from the text and metadata the store keeps, which gives the rules and reasons ingest found.
    """
    from .graph import mention_node_of
    from .manifest import Given
    from .pipeline import analyse_stored

    entities = [e for e in list_entities(store) if e.name == name or name in e.aliases]
    out = []
    for e in entities:
        node = iri(e.iri)
        forms: dict[str, MergeStep] = {}
        for report in _stored_reports(store, e.docs[:EXPLAIN_REPORTS]):
            given = Given(issuer=report["issuer"], date=report["date"], url=report["url"], source="the store")
            doc = analyse_stored(report["text"], report["name"], given)
            for m in doc.mentions:
                if mention_node_of(m) != node:
                    continue
                step = forms.setdefault(m.surface, MergeStep(m.surface, [], m.attrs.get("why"), []))
                if m.rule not in step.rules:
                    step.rules.append(m.rule)
                if report["id"] not in step.docs:
                    step.docs.append(report["id"])
        for step in forms.values():
            step.rules.sort()
            step.docs.sort()
        out.append((e, [forms[s] for s in sorted(forms)]))
    return out


def _stored_reports(store: GraphStore, docs) -> list[dict]:
    """id, name, text, issuer (as written), date and url of some stored reports, by id."""
    docs = list(docs)
    if not docs:
        return []
    values = " ".join(literal(d) for d in docs)
    rows = store.query(PROLOGUE + f"""SELECT ?id ?name ?text ?issuer ?date ?url WHERE {{ VALUES ?id {{ {values} }}
        GRAPH ?g {{ ?d pufa:docId ?id ; pufa:sourceName ?name ; pufa:text ?text .
                    OPTIONAL {{ ?d pufa:issuerName ?issuer }} OPTIONAL {{ ?d dcterms:date ?date }}
                    OPTIONAL {{ ?d dcterms:source ?url }} }} }}""")
    return sorted(rows, key=lambda r: r["id"])


def _texts(store: GraphStore, docs) -> dict[str, str]:
    """The stored text of some reports, by id."""
    docs = list(docs)
    if not docs:
        return {}
    values = " ".join(literal(d) for d in docs)
    rows = store.query(PROLOGUE + f"SELECT ?id ?text WHERE {{ VALUES ?id {{ {values} }} "
                                  "GRAPH ?g { ?d pufa:docId ?id ; pufa:text ?text } }")
    return {r["id"]: r["text"] for r in rows}


# -- activities ----------------------------------------------------------------

ACTIVITY_FIELDS = {
    "organizer": "organizers", "partner": "partners", "leadUnit": "lead_units", "promotesLaw": "laws",
    "venue": "venues", "audience": "audiences", "partOfCampaign": "campaigns",
    "collectiveOrganizer": "collective_organizers",
}


@lru_cache(maxsize=1)
def _role_of_property() -> dict[str, str]:
    """host -> 主办 …: the first role the catalogue gives each role property (联合 and 会同 are both partner)."""
    from .knowledge import knowledge

    out: dict[str, str] = {}
    for r in knowledge().organizer_roles:
        out.setdefault(r.prop, r.role)
    return out


def _concept_code(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].split("_", 1)[-1]


def find_activities(store: GraphStore, law: str | None = None, agency: str | None = None,
                    venue_type: str | None = None, region: str | None = None, campaign: str | None = None,
                    planned: bool | None = None, doc: str | None = None, year: str | None = None,
                    mentioning: list[str] = ()) -> list[dict]:
    """Activities matching every given filter, with their evidence. Names are canonical (see ``resolve_name``).
    ``mentioning``: only those that may mention every term (see ``_mentioning``).

    >>> find_activities(store, law="民法典", venue_type="school")   # doctest: +SKIP
    """
    patterns = ["?act a pufa:Activity . ?d a pufa:Report ; pufa:docId ?docid ."]
    described = []  # what the entities graph must say of them
    if law:
        patterns.append("?act pufa:promotesLaw ?law .")
        described.append(f"?law rdfs:label {label(law)} .")
    if agency:
        patterns.append("?act pufa:organizer ?org .")
        described.append(f"?org rdfs:label|skos:altLabel {label(agency)} .")
    if venue_type:
        patterns.append(f"?act pufa:venueType {concept('venue', venue_type)} .")
    if campaign:
        patterns.append("?act pufa:partOfCampaign ?campaign .")
        described.append(f"?campaign rdfs:label {label(campaign)} .")
    patterns += _planned_pattern(planned)
    scope, scope_described = _scope(region, year)
    patterns += scope
    described += scope_described
    graphs = ""
    if doc:  # the reports' graphs first: filtering every activity of the store by its report took 20 s on 10,000
        graphs = "VALUES ?g { " + " ".join(iri(g) for g in _report_graphs(store, doc)) + " } "

    where = graphs + "GRAPH ?g { " + "\n".join(patterns) + " }" + (f" GRAPH {E} {{ " + " ".join(described) + " }" if described else "")
    rows = store.query(PROLOGUE + "SELECT DISTINCT ?act ?docid WHERE { " + where + " }")
    maybe = _mentioning(store, list(mentioning))
    rows = [r for r in rows if maybe is None or r["act"] in maybe]
    if not rows:
        return []
    return activity_details(store, {r["act"]: r["docid"] for r in rows})


def _report_graphs(store: GraphStore, doc: str) -> list[str]:
    """The graphs of the reports ``doc`` names (their id, an id prefix or a file name)."""
    from .vocab import doc_graph

    return [doc_graph(r.id).value for r in store.report_names(doc)]


def _scope(region: str | None, year: str | None) -> tuple[list[str], list[str]]:
    """Patterns that keep activities (?act) of reports (?d) in a region and a year: (in the report's
    graph, in the entities graph)."""
    patterns, described = [], []
    if region:
        patterns.append("?d pufa:region ?region .")
        described.append(f"?region rdfs:label ?regionLabel . FILTER(CONTAINS(?regionLabel, {literal(region)}))")
    if year:
        from .dates import FILED_UNDER

        patterns.append(f"{FILED_UNDER} FILTER(STRSTARTS(?filedUnder, {literal(str(year))}))")
    return patterns, described


def activity_details(store: GraphStore, acts: dict[str, str]) -> list[dict]:
    values = " ".join(iri(a) for a in acts)
    rows = store.query(PROLOGUE + f"""
        SELECT ?act ?p ?o ?label WHERE {{
          VALUES ?act {{ {values} }}
          GRAPH ?g {{ ?act ?p ?o }} OPTIONAL {{ GRAPH {E} {{ ?o rdfs:label ?label }} }}
        }}""")
    evidence = store.query(PROLOGUE + f"""
        SELECT ?act ?text ?start ?end WHERE {{
          VALUES ?act {{ {values} }}
          GRAPH ?g {{ {EVIDENCE} }}
        }}""")
    # only a pufa:Quantity has pufa:what and pufa:unit; saying `?q a pufa:Quantity` too makes Oxigraph start from
    # every quantity of the store (43 s instead of 10 ms for one report's activities in 1,000 reports)
    quantities = store.query(PROLOGUE + f"""
        SELECT ?act ?q ?what ?value ?unit ?approx ?qualifier ?text WHERE {{
          VALUES ?act {{ {values} }}
          GRAPH ?g {{ ?act prov:wasDerivedFrom ?e . ?q prov:wasDerivedFrom ?e ;
                      pufa:what ?what ; pufa:value ?value ; pufa:unit ?unit ;
                      rdfs:label ?text . OPTIONAL {{ ?q pufa:approximate ?approx }}
                      OPTIONAL {{ ?q pufa:qualifier ?qualifier }} }}
        }} ORDER BY ?q""")
    out: dict[str, dict] = {}
    for act, docid in acts.items():
        out[act] = {"id": act.rsplit("/", 1)[-1], "doc": docid, "organizers": [], "implicit_organizer": False,
                    "partners": [], "lead_units": [], "laws": [], "venues": [], "venue_types": [], "audiences": [],
                    "campaign": None, "campaigns": [], "forms": [], "date": None, "planned": False,
                    "quantities": [], "roles": {}, "collective_organizers": [], "evidence": None}
    for r in rows:
        a = out[r["act"]]
        prop = r["p"].rsplit("#", 1)[-1]
        if prop in _role_of_property():
            names = a["roles"].setdefault(_role_of_property()[prop], [])
            if r["label"] and r["label"] not in names:
                names.append(r["label"])
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
            "approx": r["approx"] == "true", "qualifier": r["qualifier"] or "exact", "text": r["text"]})
    for a in out.values():
        for key in ("organizers", "partners", "lead_units", "laws", "venues", "audiences", "campaigns",
                    "collective_organizers"):
            a[key].sort()
        a["campaign"] = a["campaigns"][0] if a["campaigns"] else None  # the graph keeps no order of them
        a["venue_types"].sort()
        a["forms"].sort()
        a["quantities"].sort(key=lambda q: (q["text"], q["what"]))
        a["roles"] = {role: sorted(names) for role, names in sorted(a["roles"].items())}
    return sorted(out.values(), key=lambda a: (a["doc"], a["evidence"]["start"] if a["evidence"] else 0, a["id"]))


def stats(store: GraphStore) -> dict:
    """Counts by type, overall and per report."""
    rows = store.query(PROLOGUE + """
        SELECT ?docid ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
          { GRAPH ?g { ?d a pufa:Report ; pufa:docId ?docid . ?x a ?class .
                       FILTER(?class IN (pufa:Activity, pufa:DemonstrationDesignation, pufa:Problem)) } }
          UNION
          { GRAPH ?g { ?d a pufa:Report ; pufa:docId ?docid . ?xBy ?xHow ?x . }
            GRAPH ENTITIES { ?x a ?class . } }
        } GROUP BY ?docid ?class""".replace("ENTITIES", E))
    totals = store.query(PROLOGUE + """
        SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
          { GRAPH ?g { ?d a pufa:Report . ?x a ?class } } UNION { GRAPH ENTITIES { ?x a ?class } }
        } GROUP BY ?class""".replace("ENTITIES", E))
    by_doc: dict[str, dict[str, int]] = {}
    for r in rows:
        by_doc.setdefault(r["docid"], {})[r["class"].rsplit("#", 1)[-1]] = int(r["n"])
    return {"reports": len(by_doc), "triples": store.triple_count(),
            "totals": dict(sorted((r["class"].rsplit("#", 1)[-1], int(r["n"])) for r in totals
                                  if r["class"].startswith(PUFA_IRI))),
            "by_report": {doc: dict(sorted(counts.items())) for doc, counts in sorted(by_doc.items())}}


# -- named queries: answers with evidence ---------------------------------------

@dataclass
class Answer:
    """One answer and the sentences that prove it."""

    name: str
    evidence: list[dict] = field(default_factory=list)  # {"doc", "text", "start", "end"}
    detail: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        out = {"name": self.name, "evidence": self.evidence}
        if self.detail:
            out["detail"] = self.detail
        return out


def place_key(ev: dict | None) -> tuple:
    """Where evidence stands: report id, then offsets in the report."""
    ev = ev or {}
    return (ev.get("doc") or "", ev.get("start") if ev.get("start") is not None else -1, ev.get("end") or -1)


def _collect(pairs, by_name: bool = False, presorted: bool = False) -> list[Answer]:
    """(name, evidence dict, detail) triples -> answers, evidence merged per name.

    The one order of answers, on every store whatever its collation: by where their first evidence
    stands (report id, offset; names by code point where they share it), or with ``by_name`` by name.
    ``presorted``: the pairs come in that order already (the answer index sorts them, by code point too).
    """
    answers: dict[str, Answer] = {}
    key = (lambda p: (p[0], place_key(p[1]))) if by_name else (lambda p: (place_key(p[1]), p[0]))
    for name, ev, detail in (pairs if presorted else sorted((p for p in pairs if p[0]), key=key)):
        if not name:
            continue
        a = answers.setdefault(name, Answer(name))
        if ev and ev not in a.evidence:
            a.evidence.append(ev)
        for k, v in (detail or {}).items():
            a.detail.setdefault(k, v)
    return list(answers.values())


def _evidence_of(a: dict) -> dict:
    ev = a.get("evidence") or {}
    return {"doc": a["doc"], "text": ev.get("text"), "start": ev.get("start"), "end": ev.get("end")}


#: what terms and texts are compared without: spaces, quotes, brackets and separators
SQUASHED = r"[\s“”\"'‘’《》〈〉·•・?？、，,。()（）]"


def _squash(text: str) -> str:
    return re.sub(SQUASHED, "", text or "")


def _mentioning(store: GraphStore, terms: list[str]) -> set[str] | None:
    """The activities whose evidence or a campaign of theirs could contain every term (a regular expression
    lets separators fall between its characters, as ``_squash`` drops them), so that only their details are
    read; None when there is no term. ``matching_activities`` still compares exactly."""
    found: set[str] | None = None
    for term in filter(None, map(_squash, terms)):
        between = SQUASHED.replace('\\"', '"') + "*"  # the class as any SPARQL (XPath) regex reads it
        pattern = literal(between.join(re.escape(ch) for ch in term))
        rows = store.query(PROLOGUE + f"""SELECT DISTINCT ?act WHERE {{
            {{ GRAPH ?g {{ ?act prov:wasDerivedFrom ?e . ?e prov:value ?said . FILTER(REGEX(?said, {pattern})) }} }}
            UNION {{ GRAPH {E} {{ ?c a pufa:Campaign ; rdfs:label ?named . FILTER(REGEX(?named, {pattern})) }}
                     GRAPH ?g {{ ?act pufa:partOfCampaign ?c }} }} }}""")
        acts = {r["act"] for r in rows}
        found = acts if found is None else found & acts
    return found


def matching_activities(store: GraphStore, terms: list[str], **filters) -> list[dict]:
    """Activities (with ``find_activities`` filters) whose evidence or campaigns contain every term.

    Terms compare without quotes, spaces and separators: “法治副村 长” matches 法治副村长.
    """
    rows = find_activities(store, mentioning=terms, **filters)
    wanted = [_squash(t) for t in terms if _squash(t)]
    out = []
    for a in rows:
        haystack = _squash((a["evidence"] or {}).get("text", "")) + "|" + _squash("|".join(a["campaigns"]))
        if all(t in haystack for t in wanted):
            out.append(a)
    return out


def who_promoted(store: GraphStore, law: str, venue_type: str | None = None, region: str | None = None,
                 year: str | None = None, planned: bool | None = None) -> list[Answer]:
    """Agencies that promoted ``law`` (canonical name), optionally at a kind of place, in a region or year,
    and only in work done (``planned=False``) or only in plans (``planned=True``).

    The flagship question, as one query from the law's label to organizers and their evidence:
    ``who_promoted(store, "民法典", venue_type="school")``. It is read from the store's answer index
    when there is one (same answers, in milliseconds on 10,000 reports); the index does not tell plans
    from deeds, so ``planned`` asks the graph.
    """
    patterns = ["?act pufa:promotesLaw ?lawNode ; pufa:organizer ?org . ?d a pufa:Report ; pufa:docId ?docid . "
                + EVIDENCE]
    described = [f"?lawNode rdfs:label {label(law)} . ?org rdfs:label ?name ."]
    if venue_type:
        patterns.append(f"?act pufa:venueType {concept('venue', venue_type)} .")
    scope, scope_described = _scope(region, year)
    patterns += scope + _planned_pattern(planned)
    described += scope_described
    sparql = (PROLOGUE + "SELECT ?name ?docid ?text ?start ?end WHERE { GRAPH ?g { " + "\n".join(patterns)
              + f" }} GRAPH {E} {{ " + " ".join(described) + " } }")
    index = getattr(store, "answers", None)
    if index is not None and planned is None:
        if hasattr(store, "note"):  # --explain shows where the answer came from, and the query it stands for
            store.note("# answered from the answer index (STORE/pufa/answers.sqlite); the same question in SPARQL:\n"
                       + sparql)
        return _collect(((name, {"doc": doc, "text": text, "start": start, "end": end}, {})
                         for name, doc, text, start, end in index.who_promoted(law, venue_type, region, year)),
                        presorted=True)
    rows = store.query(sparql)
    return _collect((r["name"], _ev(r), {}) for r in rows)


def _planned_pattern(planned: bool | None) -> list[str]:
    """Only the activities of plans (True), only those done (False), or all (None)."""
    if planned is None:
        return []
    return ["?act pufa:planned true ." if planned else "FILTER NOT EXISTS { ?act pufa:planned true }"]


def laws_promoted_by(store: GraphStore, agency: str, venue_type: str | None = None,
                     year: str | None = None, planned: bool | None = None) -> list[Answer]:
    """Laws the agency promoted (as organizer or partner), optionally at a kind of place, in a year,
    only done or only planned."""
    acts = find_activities(store, agency=agency, venue_type=venue_type, year=year, planned=planned)
    return _collect((law, _evidence_of(a), {}) for a in acts for law in a["laws"])




def co_organizers(store: GraphStore, event: list[str], with_date: bool = False, month: int | None = None) -> list[Answer]:
    """Agencies that organized an event or campaign together (and when, with ``with_date``)."""
    acts = [a for a in matching_activities(store, event) if _in_month(a, month)]
    pairs = [(org, _evidence_of(a), {}) for a in acts for org in a["organizers"]]
    if with_date:
        pairs += [(a["date"], _evidence_of(a), {"kind": "date"}) for a in acts if a["date"]]
    return _collect(pairs)


def _in_month(a: dict, month: int | None) -> bool:
    return month is None or bool(a["date"]) and int(a["date"][5:7]) == month


def event_details(store: GraphStore, event: list[str], where: bool = True, when: bool = True,
                  who: bool = False) -> list[Answer]:
    """Where, when and with whom an event took place: venues, dates and people named beside it."""
    acts = matching_activities(store, event)
    pairs = []
    for a in acts:
        ev = _evidence_of(a)
        if where:
            pairs += [(v, ev, {"kind": "venue"}) for v in a["venues"]]
        if when and a["date"]:
            pairs.append((a["date"], ev, {"kind": "date"}))
        if who:
            pairs += [(p, ev, {"kind": "person"}) for p in _persons_of(store, a["id"])]
    return _collect(pairs)


def _persons_of(store: GraphStore, activity_id: str) -> list[str]:
    rows = store.query(PROLOGUE + f"""SELECT ?name WHERE {{ GRAPH ?g {{
        <https://w3id.org/pufa-graph/id/activity/{activity_id}> pufa:person ?person }}
        GRAPH {E} {{ ?person rdfs:label ?name }} }}""")
    return [r["name"] for r in rows]


def campaign_organizers(store: GraphStore, campaigns: list[str], terms: list[str] = (),
                        planned: bool | None = None) -> list[Answer]:
    """Agencies behind activities of any of the campaigns (catalogue names) or mentioning the terms."""
    pairs = []
    for c in campaigns:
        pairs += [(org, _evidence_of(a), {}) for a in find_activities(store, campaign=c, planned=planned)
                  for org in a["organizers"]]
    for t in terms:
        pairs += [(org, _evidence_of(a), {}) for a in matching_activities(store, [t], planned=planned)
                  for org in a["organizers"]]
    return _collect(pairs)


def agencies_of_kind(store: GraphStore, kinds: list[str]) -> list[Answer]:
    """Organizers of any activity whose agency kind is one of ``kinds`` (court, procuratorate …)."""
    values = " ".join(concept("kind", k) for k in kinds)
    rows = store.query(PROLOGUE + f"""
        SELECT DISTINCT ?name ?docid ?text ?start ?end WHERE {{
          VALUES ?kind {{ {values} }}
          GRAPH ?g {{ ?act pufa:organizer ?org . ?d a pufa:Report ; pufa:docId ?docid . {EVIDENCE} }}
          GRAPH {E} {{ ?org pufa:kind ?kind ; rdfs:label ?name }}
        }}""")
    return _collect(((r["name"], _ev(r), {}) for r in rows), by_name=True)


def _ev(r: dict) -> dict:
    return {"doc": r["docid"], "text": r["text"], "start": int(r["start"]), "end": int(r["end"])}


def joint_across_levels(store: GraphStore, kind: str = "justice") -> list[Answer]:
    """Agencies of one kind (justice bureaus) that ran an activity together with one at another level."""
    rows = store.query(PROLOGUE + f"""
        SELECT DISTINCT ?act ?name ?code ?docid ?text ?start ?end WHERE {{
          GRAPH ?g {{ ?act pufa:organizer ?org . ?d a pufa:Report ; pufa:docId ?docid . {EVIDENCE} }}
          GRAPH {E} {{ ?org pufa:kind {concept('kind', kind)} ; rdfs:label ?name .
                      OPTIONAL {{ ?org pufa:jurisdiction/pufa:regionCode ?code }} }}
        }}""")
    by_act: dict[str, list[dict]] = {}
    for r in rows:
        by_act.setdefault(r["act"], []).append(r)
    pairs = []
    for act_rows in by_act.values():
        levels = {_level(r["code"]) for r in act_rows if r["code"]}
        names = {r["name"] for r in act_rows}
        if len(names) >= 2 and len(levels) >= 2:
            pairs += [(r["name"], _ev(r), {}) for r in act_rows]
    return _collect(pairs)


def _level(code: str) -> str:
    return "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"


def designations(store: GraphStore, title_terms: list[str] = (), level: str | None = None,
                 designee_type: str | None = None, batch: int | None = None,
                 year: str | int | None = None) -> list[Answer]:
    """Villages and places named (or recommended) as demonstration sites: 民主法治示范村, 示范基地 …
    optionally of one award level (national, provincial …), batch (第九批) or year."""
    rows = store.query(PROLOGUE + f"""
        SELECT ?name ?title ?level ?batch ?year ?docid ?text ?start ?end ?class WHERE {{ GRAPH ?g {{
          ?act a pufa:DemonstrationDesignation ; pufa:designee ?who ; pufa:designationTitle ?title .
          ?d a pufa:Report ; pufa:docId ?docid . {EVIDENCE} }}
          GRAPH {E} {{ ?who rdfs:label ?name ; a ?class }}
          OPTIONAL {{ GRAPH ?g {{ ?act pufa:designationLevel ?level }} }} OPTIONAL {{ GRAPH ?g {{ ?act pufa:batch ?batch }} }}
          OPTIONAL {{ GRAPH ?g {{ ?act pufa:year ?year }} }} }} ORDER BY ?docid ?start ?name""")
    # the OPTIONALs last: one inside the first GRAPH made Oxigraph join the entities graph row by row (64 s over
    # 1,000 reports instead of 0.1 s)
    wanted = [_squash(t) for t in title_terms if _squash(t)]
    pairs = []
    for r in rows:
        if wanted and not all(t in _squash(r["title"]) for t in wanted):
            continue
        lvl = r["level"].rsplit("_", 1)[-1] if r["level"] else None
        if level and lvl != level:
            continue
        if designee_type and not r["class"].endswith(designee_type):
            continue
        if batch and (not r["batch"] or int(r["batch"]) != int(batch)):
            continue
        if year and r["year"] and int(r["year"]) != int(year):
            continue
        pairs.append((r["name"], _ev(r), {"title": r["title"], "level": lvl,
                                          "batch": int(r["batch"]) if r["batch"] else None}))
    return _collect(pairs)


def culture_sites(store: GraphStore) -> list[Answer]:
    """Named legal-culture sites (法治文化广场, 法治宣传长廊 …) with the sentence that names them."""
    rows = store.query(PROLOGUE + f"""
        SELECT DISTINCT ?name ?docid ?text ?start ?end WHERE {{
          GRAPH ?g {{ ?d a pufa:Report ; pufa:docId ?docid . ?act pufa:venue ?v . {EVIDENCE} }}
          GRAPH {E} {{ ?v pufa:kind <{PUFA_IRI}venue_cultural_site> ; rdfs:label ?name . }}
        }}""")
    return _collect(((r["name"], _ev(r), {}) for r in rows), by_name=True)


def quantity_rows(store: GraphStore) -> list[dict]:
    """Every number the reports give, with its sentence: what, value, unit, text (as written), docid,
    sentence, start, end; by report and place."""
    return store.query(PROLOGUE + """
        SELECT ?what ?value ?unit ?text ?docid ?sentence ?start ?end WHERE { GRAPH ?g {
          ?q a pufa:Quantity ; pufa:what ?what ; pufa:value ?value ; pufa:unit ?unit ; rdfs:label ?text ;
             prov:wasDerivedFrom ?e . ?d a pufa:Report ; pufa:docId ?docid .
          ?e prov:value ?sentence ; pufa:start ?start . BIND(?start + STRLEN(?sentence) AS ?end) } }
        ORDER BY ?docid ?start ?q""")


def quantities_for(store: GraphStore, topic: list[str], qualifiers: list[str] = ()) -> list[Answer]:
    """Numbers the reports give about a topic (法治副校长 -> 69名, 覆盖率100%)."""
    rows = quantity_rows(store)
    wanted = [_squash(t) for t in topic if _squash(t)]
    pairs = []
    for r in rows:
        what = _squash(r["what"])
        if not wanted or not all(t in what for t in wanted):
            continue
        if qualifiers and not any(q in what for q in qualifiers):
            continue
        value = float(r["value"])
        shown = (str(int(value)) if value.is_integer() else str(value)) + (r["unit"] if r["unit"] == "%" else "")
        pairs.append((shown, {"doc": r["docid"], "text": r["sentence"], "start": int(r["start"]),
                              "end": int(r["end"])}, {"what": r["what"], "as_written": r["text"]}))
    return _collect(pairs)


def lead_units(store: GraphStore, task: list[str]) -> list[Answer]:
    """牵头单位 of planned tasks that mention the task words."""
    acts = matching_activities(store, task, planned=True)
    pairs = []
    for a in acts:
        units = a["lead_units"] or a["organizers"]
        pairs += [(u, _evidence_of(a), {}) for u in units]
    return _collect(pairs)




def problems(store: GraphStore, topic: list[str], any_of: list[str] = ()) -> list[Answer]:
    """Reports (by issuer) whose 存在的问题 name the topic; the problem sentence is the evidence."""
    rows = store.query(PROLOGUE + """
        SELECT ?issuer ?written ?docid ?summary ?text ?start ?end WHERE { GRAPH ?g {
          ?act a pufa:Problem ; pufa:summary ?summary ; pufa:reportedIn ?d . EVIDENCE
          ?d pufa:docId ?docid . OPTIONAL { ?d pufa:issuerName ?written } }
          OPTIONAL { GRAPH ?g { ?d pufa:issuer ?issuerNode } GRAPH ENTITIES { ?issuerNode rdfs:label ?issuer } }
        } ORDER BY ?docid ?start""".replace(
        "EVIDENCE", EVIDENCE).replace("ENTITIES", E))
    wanted = [_squash(t) for t in topic if _squash(t)]
    alternatives = [_squash(t) for t in any_of if _squash(t)]
    pairs = []
    for r in rows:
        text = _squash(r["text"])
        if wanted and not all(t in text for t in wanted):
            continue
        if alternatives and not any(t in text for t in alternatives):
            continue
        pairs.append((r["issuer"] or r["written"] or r["docid"], _ev(r), {"problem": r["summary"]}))
    return _collect(pairs)


def media_accounts(store: GraphStore) -> list[Answer]:
    """Named new-media accounts (“法治柳江”微信公众号, 人民法院的“柳江法苑”) and who runs them; the
    channels the catalogue names (微信公众号, 抖音, 电视: ontology/media.csv) are kinds, not accounts."""
    from .knowledge import knowledge

    platforms = {m.name for m in knowledge().media}
    rows = store.query(PROLOGUE + f"""
        SELECT DISTINCT ?name ?surface ?docid ?operator WHERE {{
          GRAPH {E} {{ ?x a pufa:MediaChannel ; rdfs:label ?name ; rdfs:label|skos:altLabel ?surface }}
          GRAPH ?g {{ ?d a pufa:Report ; pufa:docId ?docid . ?xBy ?xHow ?x . }}
          OPTIONAL {{ GRAPH {E} {{ ?x pufa:operatedBy ?agency . ?agency rdfs:label ?operator }} }}
        }}""")
    rows = [r for r in rows if r["name"] not in platforms]
    found = sorted(_first_mentions(store, rows), key=lambda pair: (pair[1]["doc"], pair[1]["start"]))
    return _collect((r["name"], ev, {"operated_by": r["operator"]}) for r, ev in found)


def _first_mentions(store: GraphStore, rows: list[dict]):
    """(row, evidence) per name and report: where the report first writes any of the name's surface
    forms (``fill_sentences`` adds the sentence around it); a name the text lacks is left out."""
    texts = _texts(store, {r["docid"] for r in rows})
    first: dict[tuple[str, str], tuple[dict, int]] = {}
    for r in rows:
        at = texts.get(r["docid"], "").find(r["surface"])
        key = (r["name"], r["docid"])
        if at >= 0 and (key not in first or at < first[key][1]):
            first[key] = (r, at)
    for (_name, doc), (r, at) in first.items():
        yield r, {"doc": doc, "text": None, "start": at, "end": at + len(r["surface"])}


def people(store: GraphStore) -> list[Answer]:
    """People the reports name, with the sentence around each mention."""
    rows = store.query(PROLOGUE + f"""
        SELECT DISTINCT ?name ?surface ?docid WHERE {{
          GRAPH {E} {{ ?x a pufa:Person ; rdfs:label ?name ; rdfs:label|skos:altLabel ?surface }}
          GRAPH ?g {{ ?d a pufa:Report ; pufa:docId ?docid . ?xBy ?xHow ?x }} }}""")
    found = sorted(_first_mentions(store, rows), key=lambda pair: (pair[1]["doc"], pair[1]["start"]))
    return _collect((r["name"], ev, {}) for r, ev in found)


def fill_sentences(store: GraphStore, answers: list[Answer]) -> list[Answer]:
    """Mention evidence carries offsets only; give it the sentence around the span from the report text."""
    docs = {ev["doc"] for a in answers for ev in a.evidence if ev.get("text") is None}
    if not docs:
        return answers
    texts = _texts(store, docs)  # only those reports, not every text of the store
    for a in answers:
        for ev in a.evidence:
            if ev.get("text") is None and ev["doc"] in texts:
                text = texts[ev["doc"]]
                start = max(text.rfind("。", 0, ev["start"]), text.rfind("\n", 0, ev["start"])) + 1
                ends = [i for i in (text.find("。", ev["end"]), text.find("\n", ev["end"])) if i >= 0]
                end = min(ends) + 1 if ends else len(text)
                ev.update(text=text[start:end].rstrip("\n"), start=start, end=end)
    return answers
