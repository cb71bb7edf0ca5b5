"""The graph as networkx: a MultiDiGraph with typed nodes, for analytics and drawing.

Nodes are entities (agency, law, campaign, venue, village, group, media, person,
region), activities and reports, keyed by their IRI's last segment; each carries
``type``, ``label``, ``aliases`` and, for activities, its ``evidence``. Edges
carry ``relation`` (organizer, partner, promotesLaw, venue, audience,
partOfCampaign, person, leadUnit, inReport, issuer, region, jurisdiction,
subOrganizationOf, operatedBy, designee) and the evidence of the fact.
"""

from __future__ import annotations

from typing import Any

from .store.base import PROLOGUE, GraphStore

RELATIONS = ["organizer", "partner", "leadUnit", "promotesLaw", "venue", "audience", "partOfCampaign", "person",
             "issuer", "region", "jurisdiction", "operatedBy", "designee"]
TYPE_OF_CLASS = {"Agency": "agency", "Law": "law", "Campaign": "campaign", "Venue": "venue", "Village": "village",
                 "AudienceGroup": "group", "MediaChannel": "media", "Person": "person", "Region": "region",
                 "Activity": "activity", "Report": "report", "DemonstrationDesignation": "designation"}


def _key(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def build(store: GraphStore, doc: str | None = None) -> "Any":
    """The whole store (or one report, by id prefix) as a networkx MultiDiGraph."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    doc_filter = f'FILTER(STRSTARTS(?docid, "{doc}"))' if doc and doc.isalnum() else ""
    nodes = store.query(PROLOGUE + f"""
        SELECT ?x ?class ?label ?docid ?title WHERE {{ GRAPH ?g {{
          ?x a ?class . OPTIONAL {{ ?x rdfs:label ?label }}
          ?r a pufa:Report ; pufa:docId ?docid . OPTIONAL {{ ?r dcterms:title ?title }}
          FILTER(STRSTARTS(STR(?class), STR(pufa:))) }} {doc_filter} }}""")
    titles: dict[str, str] = {}
    for r in nodes:
        type_ = TYPE_OF_CLASS.get(r["class"].rsplit("#", 1)[-1])
        if not type_:
            continue
        titles[r["docid"]] = r["title"] or r["docid"]
        key = _key(r["x"])
        data = graph.nodes[key] if key in graph else None
        if data is None:
            graph.add_node(key, type=type_, label=r["label"] or key, aliases=set(), docs=set(), evidence=[])
            data = graph.nodes[key]
        data["docs"].add(r["docid"])
        if type_ == "report":
            data["label"] = r["title"] or r["docid"]
    for r in store.query(PROLOGUE + f"""
        SELECT ?x ?alias ?docid WHERE {{ GRAPH ?g {{ ?x skos:altLabel ?alias .
          ?r a pufa:Report ; pufa:docId ?docid }} {doc_filter} }}"""):
        key = _key(r["x"])
        if key in graph:
            graph.nodes[key]["aliases"].add(r["alias"])
    relations = " ".join(f"pufa:{rel}" for rel in RELATIONS)
    for r in store.query(PROLOGUE + f"""
        SELECT ?s ?p ?o ?docid ?text ?start ?end WHERE {{ GRAPH ?g {{
          VALUES ?p {{ {relations} }} ?s ?p ?o . ?r a pufa:Report ; pufa:docId ?docid .
          OPTIONAL {{ ?s pufa:evidence ?e . ?e pufa:sentence ?text ; pufa:start ?start ; pufa:end ?end }}
        }} {doc_filter} }}"""):
        s, o = _key(r["s"]), _key(r["o"])
        if s not in graph or o not in graph:
            continue
        evidence = None
        if r["text"]:
            evidence = {"doc": r["docid"], "title": titles.get(r["docid"]), "text": r["text"],
                        "start": int(r["start"]), "end": int(r["end"])}
            if evidence not in graph.nodes[s]["evidence"]:
                graph.nodes[s]["evidence"].append(evidence)
        relation = r["p"].rsplit("#", 1)[-1]
        if not graph.has_edge(s, o, key=relation):
            graph.add_edge(s, o, key=relation, relation=relation, evidence=[evidence] if evidence else [])
    # mentions give entities their sentences
    from .queries import parse_spans

    for r in store.query(PROLOGUE + f"""
        SELECT ?x ?docid ?spans WHERE {{ GRAPH ?g {{ ?m pufa:mentionOf ?x ; pufa:spans ?spans .
          ?r a pufa:Report ; pufa:docId ?docid }} {doc_filter} }} ORDER BY ?docid ?spans"""):
        key = _key(r["x"])
        if key in graph and len(graph.nodes[key].get("mentions", [])) < 5:
            start, end, _os, _oe = parse_spans(r["spans"])[0]
            graph.nodes[key].setdefault("mentions", []).append((r["docid"], start, end))
    _mention_sentences(store, graph, titles)
    for _key_, data in graph.nodes(data=True):
        data["aliases"] = sorted(data["aliases"] - {data["label"]})
        data["docs"] = sorted(data["docs"])
    return graph


def _mention_sentences(store: GraphStore, graph, titles: dict[str, str]) -> None:
    wanted = {d for _k, data in graph.nodes(data=True) for d, _s, _e in data.get("mentions", [])}
    if not wanted:
        return
    texts = {r["id"]: r["text"] for r in store.query(PROLOGUE + "SELECT ?id ?text WHERE { GRAPH ?g { "
                                                      "?d pufa:docId ?id ; pufa:text ?text } }") if r["id"] in wanted}
    for _k, data in graph.nodes(data=True):
        for docid, start, end in data.pop("mentions", []):
            text = texts.get(docid)
            if text is None or len(data["evidence"]) >= 5:
                continue
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
