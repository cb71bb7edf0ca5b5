"""Property-graph exports from the networkx view: GraphML for Gephi, CSV for neo4j-admin import."""

from __future__ import annotations

import csv
from pathlib import Path

from ..store.base import GraphStore


def _sorted_view(store: GraphStore):
    import networkx as nx

    from ..netview import build

    graph = build(store)
    out = nx.MultiDiGraph()
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        out.add_node(node, type=data["type"], label=data["label"], aliases="|".join(data["aliases"]),
                     docs="|".join(data["docs"]),
                     evidence=(data["evidence"][0]["text"] if data["evidence"] else ""))
    for s, o, key in sorted(graph.edges(keys=True)):
        data = graph.edges[s, o, key]
        ev = data["evidence"][0] if data["evidence"] else None
        out.add_edge(s, o, key=key, relation=data["relation"], label=data["relation"],
                     evidence=ev["text"] if ev else "", doc=ev["doc"] if ev else "")
    return out


def write_graphml(store: GraphStore, path: Path) -> None:
    """GraphML whose nodes carry label and type as attributes Gephi shows (Label, type)."""
    import networkx as nx

    graph = _sorted_view(store)
    for _n, data in graph.nodes(data=True):
        data["Label"] = data["label"]
    nx.write_graphml(graph, str(path), encoding="utf-8", prettyprint=True, named_key_ids=True)


def write_neo4j_csv(store: GraphStore, path: Path) -> None:
    """nodes.csv and relationships.csv with neo4j-admin import headers (id:ID, :LABEL, :START_ID, :END_ID, :TYPE)."""
    graph = _sorted_view(store)
    path.mkdir(parents=True, exist_ok=True)
    with open(path / "nodes.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id:ID", "name", "aliases:string[]", "docs:string[]", "evidence", ":LABEL"])
        for node, data in graph.nodes(data=True):
            writer.writerow([node, data["label"], data["aliases"].replace("|", ";"),
                             data["docs"].replace("|", ";"), data["evidence"], data["type"].capitalize()])
    with open(path / "relationships.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([":START_ID", ":END_ID", ":TYPE", "evidence", "doc"])
        for s, o, data in graph.edges(data=True):
            writer.writerow([s, o, _neo4j_type(data["relation"]), data["evidence"], data["doc"]])


def _neo4j_type(relation: str) -> str:
    """promotesLaw -> PROMOTES_LAW, as Cypher relationship types are written."""
    import re

    return re.sub(r"(?<!^)(?=[A-Z])", "_", relation).upper()
