"""The graph as networkx: a MultiDiGraph with typed nodes, for analytics and drawing.

Nodes are entities (agency, law, campaign, venue, village, group, media, person,
region), activities and reports, keyed by their IRI's last segment; each carries
``type``, ``label``, ``aliases`` and, for activities, its ``evidence``. Edges
carry ``relation`` (organizer, partner, promotesLaw, venue, audience,
partOfCampaign, person, leadUnit, issuer, region, jurisdiction,
subOrganizationOf, operatedBy, designee) and the evidence of the fact.
"""

from __future__ import annotations

from typing import Any

from .store.base import ENTITIES, EVIDENCE, PROLOGUE, GraphStore
from .sparql import iri
from .vocab import doc_graph

RELATIONS = ["organizer", "partner", "leadUnit", "promotesLaw", "venue", "audience", "partOfCampaign", "person",
             "issuer", "region", "jurisdiction", "operatedBy", "designee"]
TYPE_OF_CLASS = {"Agency": "agency", "Law": "law", "Campaign": "campaign", "Venue": "venue", "Village": "village",
                 "AudienceGroup": "group", "PublicityRole": "role", "Collective": "collective", "MediaChannel": "media", "Person": "person", "Region": "region",
                 "Activity": "activity", "Report": "report", "DemonstrationDesignation": "designation",
                 "Quantity": "quantity", "Problem": "problem"}


def _key(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def build(store: GraphStore, doc: str | None = None, graphs: list[str] | None = None,
          documents: list | None = None) -> "Any":
    """The whole store (or one report, by id prefix, or the report graphs ``graphs``) as a networkx MultiDiGraph.

    With ``graphs`` the store is read one report at a time with the graph fixed, which it answers
    from an index: the way to draw a few hundred reports of a store of thousands without reading it all.
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    documents = documents if documents is not None else store.documents()  # the caller may have read them
    if doc is not None:
        graphs = [d.graph for d in documents if d.id.startswith(doc)]
    titles = {d.id: d.title or d.id for d in documents}
    if graphs is None:
        rows = _rows(store, "?g")
    else:
        rows = {kind: [] for kind in _QUERIES}
        for g in graphs:
            for kind, found in _rows(store, iri(g)).items():
                rows[kind] += [dict(r, g=g) for r in found]
    for r in rows["nodes"]:
        type_ = TYPE_OF_CLASS.get(r["class"].rsplit("#", 1)[-1])
        if not type_:
            continue
        docid = _key(r["g"])
        key = _key(r["x"])
        data = graph.nodes[key] if key in graph else None
        if data is None:
            graph.add_node(key, type=type_, label=r["label"] or key, aliases=set(), docs=set(), evidence=[])
            data = graph.nodes[key]
        data["docs"].add(docid)
        if type_ == "report":
            data["label"] = titles.get(docid, docid)
    for r in rows["aliases"]:
        key = _key(r["x"])
        if key in graph:
            graph.nodes[key]["aliases"].add(r["alias"])
    for r in rows["relations"]:
        s, o = _key(r["s"]), _key(r["o"])
        if s not in graph or o not in graph:
            continue
        evidence = None
        if r["text"]:
            docid = _key(r["g"])
            evidence = {"doc": docid, "title": titles.get(docid), "text": r["text"],
                        "start": int(r["start"]), "end": int(r["end"])}
            if evidence not in graph.nodes[s]["evidence"]:
                graph.nodes[s]["evidence"].append(evidence)
        relation = r["p"].rsplit("#", 1)[-1]
        if not graph.has_edge(s, o, key=relation):
            graph.add_edge(s, o, key=relation, relation=relation, evidence=[evidence] if evidence else [])
    # mentions give entities their sentences: where each report first writes one of its surface forms
    for r in sorted(rows["mentions"], key=lambda r: (_key(r["g"]), r["surface"])):
        key = _key(r["x"])
        if key in graph:
            graph.nodes[key].setdefault("mentions", []).append((_key(r["g"]), r["surface"]))
    _mention_sentences(store, graph, titles)
    for _key_, data in graph.nodes(data=True):
        data["aliases"] = sorted(data["aliases"] - {data["label"]})
        data["docs"] = sorted(data["docs"])
    return graph


#: what the view reads from a report graph; {graph} is ?g (every report) or one report's <IRI>
_QUERIES = {
    "nodes": """SELECT DISTINCT ?g ?x ?class ?label WHERE {{
                  {{ GRAPH {graph} {{ ?d a pufa:Report . ?x a ?class . FILTER(STRSTARTS(STR(?class), STR(pufa:))) }} }} UNION
                  {{ GRAPH {graph} {{ ?d a pufa:Report . ?xBy ?xHow ?x }} GRAPH {entities} {{ ?x a ?class ; rdfs:label ?label }} }} }}""",
    "aliases": """SELECT DISTINCT ?g ?x ?alias WHERE {{ GRAPH {graph} {{ ?d a pufa:Report . ?xBy ?xHow ?x }}
                    GRAPH {entities} {{ ?x skos:altLabel ?alias }} }}""",
    "relations": """SELECT ?g ?s ?p ?o ?text ?start ?end WHERE {{
                      {{ GRAPH {graph} {{ ?d a pufa:Report . VALUES ?p {{ {relations} }} ?s ?p ?o .
                           OPTIONAL {{ ?s prov:wasDerivedFrom ?e . ?e prov:value ?text ; pufa:start ?start .
                                      BIND(?start + STRLEN(?text) AS ?end) }} }} }}
                      UNION {{ GRAPH {graph} {{ ?d a pufa:Report . ?sBy ?sHow ?s }}
                               GRAPH {entities} {{ VALUES ?p {{ {relations} }} ?s ?p ?o }} }} }}""",
    "mentions": """SELECT DISTINCT ?g ?x ?surface WHERE {{ GRAPH {graph} {{ ?d a pufa:Report . ?xBy ?xHow ?x }}
                     GRAPH {entities} {{ ?x rdfs:label|skos:altLabel ?surface }} }}""",
}


def _rows(store: GraphStore, graph: str) -> dict[str, list[dict]]:
    relations = " ".join(f"pufa:{rel}" for rel in RELATIONS)
    return {kind: store.query(PROLOGUE + text.format(graph=graph, relations=relations, entities=ENTITIES))
            for kind, text in _QUERIES.items()}


def _mention_sentences(store: GraphStore, graph, titles: dict[str, str]) -> None:
    wanted = {d for _k, data in graph.nodes(data=True) for d, _s in data.get("mentions", [])}
    if not wanted:
        return
    texts = {}
    for docid in wanted:  # graph fixed: read from the index, not by scanning every report's text
        rows = store.query(PROLOGUE + f"SELECT ?text WHERE {{ GRAPH {iri(doc_graph(docid).value)} {{ ?d pufa:text ?text }} }}")
        if rows:
            texts[docid] = rows[0]["text"]
    for _k, data in graph.nodes(data=True):
        for docid, surface in data.pop("mentions", []):
            text = texts.get(docid)
            if text is None or len(data["evidence"]) >= 5 or (start := text.find(surface)) < 0:
                continue
            end = start + len(surface)
            s = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
            ends = [i for i in (text.find("。", end), text.find("\n", end)) if i >= 0]
            e = min(ends) + 1 if ends else len(text)
            ev = {"doc": docid, "title": titles.get(docid), "text": text[s:e].strip(), "start": s, "end": e}
            if ev not in data["evidence"]:
                data["evidence"].append(ev)


def neighbourhood(graph, centres: list[str], radius: int = 1):
    """The subgraph within ``radius`` steps of any centre, ignoring direction (no copy of the whole graph)."""
    undirected = graph.to_undirected(as_view=True)
    seen = set(centres)
    frontier = set(centres)
    for _ in range(radius):
        nxt = set()
        for n in frontier:
            nxt.update(undirected.neighbors(n))
        nxt -= seen
        seen |= nxt
        frontier = nxt
    return graph.subgraph(seen).copy()


def find_nodes(graph, name: str, type_: str | None = None) -> list[str]:
    """Nodes whose label or alias equals (else contains) ``name``."""
    exact = [n for n, d in graph.nodes(data=True) if (type_ is None or d["type"] == type_)
             and (d["label"] == name or name in d["aliases"])]
    if exact:
        return exact
    return [n for n, d in graph.nodes(data=True) if (type_ is None or d["type"] == type_) and name in d["label"]]


# -- the overview: who promoted what, where ------------------------------------------------

#: the node types of the overview; a venue type stands for the place only where no venue is named
OVERVIEW_TYPES = ("agency", "law", "venue", "village", "venue_type")
#: source sentences an overview node or edge keeps (each with its report id and offsets)
OVERVIEW_EVIDENCE = 3


def overview_rows(store: GraphStore) -> list[dict]:
    """One plain row per activity: who (organizers and partners), what (laws), where (named venues
    and villages, else the venue types), the report's region, whether it was only planned, and its
    sentence with report id and offsets. The input of ``overview``; one query for the whole store.
    """
    from .knowledge import knowledge

    documents = {d.graph: d for d in store.documents()}
    venue_type_label = {vt.code: vt.label_zh for vt in knowledge().venue_types}
    acts: dict[tuple, dict] = {}
    for r in store.query(PROLOGUE + _OVERVIEW_QUERY.format(entities=ENTITIES, evidence=EVIDENCE)):
        doc = documents.get(r["g"])
        if doc is None:
            continue
        act = acts.get((r["g"], r["act"]))
        if act is None:
            evidence = None
            if r["text"]:
                evidence = {"doc": doc.id, "title": doc.title or doc.source, "text": r["text"],
                            "start": int(r["start"]), "end": int(r["end"])}
            act = acts[(r["g"], r["act"])] = {"doc": doc.id, "region": doc.region or "", "agencies": [], "laws": [],
                                              "venues": [], "venue_types": [], "planned": r["planned"] == "true",
                                              "evidence": evidence}
        prop = r["p"].rsplit("#", 1)[-1]
        if prop == "venueType":
            code = r["o"].rsplit("#", 1)[-1].split("_", 1)[-1]
            value = ["venue_type", venue_type_label.get(code, code), code]
        elif not r["label"]:
            continue
        elif prop == "venue":
            value = ["village" if r["class"].endswith("#Village") else "venue", r["label"], None]
        else:
            value = r["label"]
        field = {"organizer": "agencies", "partner": "agencies", "promotesLaw": "laws", "venue": "venues",
                 "venueType": "venue_types"}[prop]
        if value not in act[field]:
            act[field].append(value)
    rows = []
    for act in sorted(acts.values(), key=lambda a: (a["doc"], a["evidence"]["start"] if a["evidence"] else -1)):
        places = act.pop("venues") or act["venue_types"]
        del act["venue_types"]
        rows.append(dict(act, agencies=sorted(act["agencies"]), laws=sorted(act["laws"]), places=sorted(places)))
    return rows


#: who, what and where of every activity of every report (organizer and partner are both who)
_OVERVIEW_QUERY = """SELECT ?g ?act ?p ?o ?label ?class ?planned ?text ?start ?end WHERE {{
  GRAPH ?g {{ ?d a pufa:Report . ?act a pufa:Activity .
             VALUES ?p {{ pufa:organizer pufa:partner pufa:promotesLaw pufa:venue pufa:venueType }} ?act ?p ?o .
             OPTIONAL {{ ?act pufa:planned ?planned }} OPTIONAL {{ {evidence} }} }}
  OPTIONAL {{ GRAPH {entities} {{ ?o rdfs:label ?label ; a ?class }} }} }}"""


def overview(rows: list[dict], evidence_limit: int = OVERVIEW_EVIDENCE):
    """The agency–law–place summary of activity rows as a MultiDiGraph shaped like ``build``'s.

    An edge agency→law (promotesLaw) or agency→place (venue) stands for every activity that joins
    them: ``count`` activities, ``planned`` of them only planned, the first ``evidence_limit``
    sentences (from as many reports as possible) and ``sentences``, how many there were. Nodes count
    their activities too; agencies and places take the region of most of their reports, laws and
    venue types are shared (region ""). A node is made only with an edge, so none is isolated.
    """
    import networkx as nx

    graph = nx.MultiDiGraph(view="overview")
    acts: dict[str, dict] = {}  # node -> {"count", "planned", "regions", "evidence", "docs", "sentences"}

    def tally(entry: dict, row: dict) -> None:
        entry["count"] += 1
        entry["planned"] += bool(row["planned"])
        entry["docs"].add(row["doc"])
        ev = row["evidence"]
        if ev:
            entry["sentences"] += 1
            _keep_evidence(entry["evidence"], ev, evidence_limit)

    def node(type_: str, name: str, code: str | None, region: str) -> str:
        key = f"{type_}:{code or name}"
        entry = acts.get(key)
        if entry is None:
            entry = acts[key] = {"type": type_, "label": name, "code": code, "count": 0, "planned": 0,
                                 "regions": {}, "evidence": [], "docs": set(), "sentences": 0, "rows": set()}
        if type_ not in ("law", "venue_type"):
            entry["regions"][region] = entry["regions"].get(region, 0) + 1
        return key

    edges: dict[tuple, dict] = {}
    for i, row in enumerate(rows):
        targets = [("promotesLaw", node("law", law, None, row["region"])) for law in row["laws"]]
        targets += [("venue", node(t, name, code, row["region"])) for t, name, code in row["places"]]
        if not targets:
            continue
        for agency in row["agencies"]:
            a = node("agency", agency, None, row["region"])
            for relation, b in targets:
                edge = edges.setdefault((a, b, relation), {"count": 0, "planned": 0, "evidence": [],
                                                           "docs": set(), "sentences": 0})
                tally(edge, row)
                for key in (a, b):
                    if i not in acts[key]["rows"]:
                        acts[key]["rows"].add(i)
                        tally(acts[key], row)
    for key, entry in acts.items():
        if not entry["count"]:
            continue
        region = max(entry["regions"].items(), key=lambda kv: (kv[1], kv[0]))[0] if entry["regions"] else ""
        graph.add_node(key, type=entry["type"], label=entry["label"], code=entry["code"], aliases=[],
                       docs=sorted(entry["docs"]), evidence=entry["evidence"], count=entry["count"],
                       planned=entry["planned"], sentences=entry["sentences"], region=region)
    for (a, b, relation), edge in edges.items():
        graph.add_edge(a, b, key=relation, relation=relation, count=edge["count"], planned=edge["planned"],
                       evidence=edge["evidence"], docs=sorted(edge["docs"]), sentences=edge["sentences"])
    return graph


def _keep_evidence(kept: list[dict], ev: dict, limit: int) -> None:
    """Keep up to ``limit`` sentences, one per report first: a later report's sentence replaces a
    second one from a report already quoted."""
    if ev in kept:
        return
    if len(kept) < limit:
        kept.append(ev)
        return
    docs = [k["doc"] for k in kept]
    if ev["doc"] not in docs:
        repeated = [i for i, d in enumerate(docs) if docs.count(d) > 1]
        if repeated:
            kept[repeated[-1]] = ev
