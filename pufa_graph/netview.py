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

from .store.base import ENTITIES, PROLOGUE, GraphStore
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
