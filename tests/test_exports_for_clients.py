"""Exports as other systems take them: RDF read back by third-party parsers, SHACL on one file alone,
GraphML under the GraphML schema's and Gephi's rules, CSV under neo4j-admin's header rules."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from .conftest import REPORTS


@pytest.fixture(scope="module")
def exported(seed_store, tmp_path_factory):
    """format -> the file (or folder) the CLI's export wrote."""
    from pufa_graph.export import EXPORTERS, export
    from pufa_graph.store import open_store

    folder = tmp_path_factory.mktemp("exports")
    with open_store(seed_store, read_only=True) as store:
        return {fmt: export(store, fmt, folder / name) for fmt, (_spec, name) in EXPORTERS.items()}


@pytest.fixture(scope="module")
def stored(seed_store):
    from pufa_graph.store import open_store

    with open_store(seed_store, read_only=True) as store:
        return store.dataset()


def _union(graphs) -> "object":
    import rdflib

    union = rdflib.Graph()
    for g in graphs:
        for triple in g:
            union.add(triple)
    return union


@pytest.mark.parametrize("fmt,parser", [("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_formats_with_named_graphs_read_back_graph_for_graph(exported, stored, fmt, parser):
    import rdflib
    from rdflib.compare import isomorphic

    dataset = rdflib.Dataset()
    dataset.parse(exported[fmt], format=parser)
    read = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    assert sorted(read) == sorted(stored)
    for name, graph in stored.items():
        assert isomorphic(read[name], graph), (fmt, name)


@pytest.mark.parametrize("fmt,parser", [("turtle", "turtle"), ("ntriples", "nt")])
def test_union_formats_read_back_as_every_graph_together(exported, stored, fmt, parser):
    import rdflib
    from rdflib.compare import isomorphic

    graph = rdflib.Graph().parse(exported[fmt], format=parser)
    assert isomorphic(graph, _union(stored.values()))


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "ntriples"])
def test_pyoxigraph_parses_every_rdf_export_to_the_same_statements(exported, stored, fmt):
    import pyoxigraph

    formats = {"nquads": pyoxigraph.RdfFormat.N_QUADS, "trig": pyoxigraph.RdfFormat.TRIG,
               "turtle": pyoxigraph.RdfFormat.TURTLE, "ntriples": pyoxigraph.RdfFormat.N_TRIPLES}
    quads = list(pyoxigraph.parse(path=str(exported[fmt]), format=formats[fmt]))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == sum(len(g) for g in stored.values())


def test_pyld_expands_the_json_ld_to_the_same_quads(exported, stored):
    import json

    import rdflib
    from pyld import jsonld
    from rdflib.compare import isomorphic

    document = json.loads(exported["jsonld"].read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    dataset = rdflib.Dataset()
    dataset.parse(data=nquads, format="nquads")
    read = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    assert sorted(read) == sorted(stored)
    assert all(isomorphic(read[name], graph) for name, graph in stored.items())


def test_the_turtle_export_alone_conforms_to_the_shapes(exported):
    """Every concept the data uses (pufa:venue_school, pufa:kind_justice …) travels in the file."""
    import pyshacl
    import rdflib

    from pufa_graph.knowledge import ontology_dir

    data = rdflib.Graph().parse(exported["turtle"], format="turtle")
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    conforms, _graph, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert conforms, text


def test_no_machine_path_and_no_placeholder_in_any_export(exported, seed_store):
    import os

    text = exported["nquads"].read_text(encoding="utf-8")
    assert str(REPORTS) not in text and os.sep + "reports" + os.sep not in text
    assert "kind_@" not in text and not any("@" in iri for iri in __import__("re").findall(r"<([^>]*)>", text))
    assert "/id/region/450206>" in text  # 柳江区 by its GB/T 2260 code


# -- GraphML ---------------------------------------------------------------------------------

G = "{http://graphml.graphdrawing.org/xmlns}"
#: attr.type values the GraphML schema allows
GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}


def test_graphml_follows_the_schema_and_gephi_keeps_every_edge(exported):
    """The rules of graphml.xsd that our output can break, and the two Gephi's importer adds: an edge whose
    id was seen is dropped, and so is one whose end is no node."""
    root = ET.parse(exported["graphml"]).getroot()
    assert root.tag == f"{G}graphml"
    children = [child.tag for child in root]
    assert children == [f"{G}key"] * (len(children) - 1) + [f"{G}graph"], "keys first, then one graph"
    keys = {}
    for key in root.iter(f"{G}key"):
        assert key.get("id") not in keys, f"key id {key.get('id')} twice"
        assert key.get("for") in {"node", "edge", "graph", "all"}
        assert key.get("attr.type") in GRAPHML_TYPES
        keys[key.get("id")] = (key.get("for"), key.get("attr.name"), key.get("attr.type"))
    names = Counter((domain, name) for domain, name, _type in keys.values())
    assert max(names.values()) == 1, "one key per domain and name"
    graph = root.find(f"{G}graph")
    assert graph.get("edgedefault") == "directed"
    nodes = [n.get("id") for n in graph.iter(f"{G}node")]
    assert len(nodes) == len(set(nodes)), "node ids repeat"
    edges = list(graph.iter(f"{G}edge"))
    ids = [e.get("id") for e in edges]
    assert len(ids) == len(set(ids)), "edge ids repeat: Gephi drops all but the first"
    known = set(nodes)
    assert all(e.get("source") in known and e.get("target") in known for e in edges)
    for element, domain in [(n, "node") for n in graph.iter(f"{G}node")] + [(e, "edge") for e in edges]:
        for data in element.iter(f"{G}data"):
            key_domain, _name, kind = keys[data.get("key")]
            assert key_domain == domain
            if kind in ("long", "int"):
                int(data.text)
            elif kind == "double":
                float(data.text)
            elif kind == "boolean":
                assert data.text in ("true", "false")
    assert len(edges) > 500


def test_graphml_carries_the_facts_people_ask_about(exported):
    import networkx as nx

    graph = nx.read_graphml(exported["graphml"])
    assert graph.number_of_edges() == sum(1 for _ in ET.parse(exported["graphml"]).iter(f"{G}edge"))
    acts = {n: d for n, d in graph.nodes(data=True) if d["type"] == "activity"}
    assert acts and all(d["evidence"] and d["doc"] and "evidence_start" in d for d in acts.values())
    assert not any(d["label"] == n.rsplit("/", 1)[-1] for n, d in acts.items()), "an activity labelled by its id"
    assert any("school" in d.get("venue_types", "") for d in acts.values())
    assert any(d.get("planned") for d in acts.values()) and any(d.get("date") for d in acts.values())
    relations = Counter(d["relation"] for _s, _o, d in graph.edges(data=True))
    for relation in ("organizer", "promotesLaw", "inReport", "subOrganizationOf", "containedInPlace", "jurisdiction",
                     "quantity"):
        assert relations[relation], relation
    agencies = [d for d in graph.nodes.values() if d["type"] == "agency"]
    assert all(d.get("kind") for d in agencies)
    assert any(d.get("level") for d in graph.nodes.values() if d["type"] == "law")


def test_igraph_reads_the_graphml_with_every_edge_and_attribute(exported):
    import igraph

    graph = igraph.Graph.Read_GraphML(str(exported["graphml"]))
    edges = sum(1 for _ in ET.parse(exported["graphml"]).iter(f"{G}edge"))
    assert graph.ecount() == edges and graph.is_directed()
    assert {"type", "label", "evidence", "venue_types"} <= set(graph.vs.attributes())
    assert Counter(graph.es["relation"])["promotesLaw"] > 0


# -- Neo4j ---------------------------------------------------------------------------------

#: the property types neo4j-admin database import reads in a header
NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
               "localtime", "time", "localdatetime", "datetime", "duration"}


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_neo4j_csv_follows_the_import_header_rules(exported):
    nodes, relationships = _rows(exported["neo4j-csv"] / "nodes.csv"), _rows(exported["neo4j-csv"] / "relationships.csv")
    header = nodes[0]
    assert header[:2] == ["id:ID", ":LABEL"]
    for field in header[2:]:
        name, kind = field.split(":")
        assert name and kind.removesuffix("[]") in NEO4J_TYPES, field
    assert all(len(row) == len(header) for row in nodes)
    ids = [row[0] for row in nodes[1:]]
    assert len(ids) == len(set(ids))
    assert relationships[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    known = set(ids)
    assert all(row[0] in known and row[1] in known for row in relationships[1:])
    for row in nodes[1:]:
        for field, value in zip(header[2:], row[2:]):
            kind = field.split(":")[1]
            if value and kind == "int":
                int(value)
            elif value and kind == "float":
                float(value)
            elif value and kind == "boolean":
                assert value in ("true", "false")


def test_who_promoted_the_civil_code_in_schools_after_a_neo4j_import(exported, seed_store):
    """MATCH (o:Agency)<-[:ORGANIZER]-(a:Activity)-[:PROMOTES_LAW]->(:Law {name: '民法典'})
    WHERE 'school' IN a.venue_types RETURN DISTINCT o.name — on the CSV, as neo4j would run it."""
    import json
    import subprocess
    import sys

    nodes, relationships = _rows(exported["neo4j-csv"] / "nodes.csv"), _rows(exported["neo4j-csv"] / "relationships.csv")
    header = nodes[0]
    column = {field.split(":")[0]: i for i, field in enumerate(header)}
    by_id = {row[0]: row for row in nodes[1:]}
    out: dict[str, set[str]] = {}
    for start, end, kind, *_rest in relationships[1:]:
        out.setdefault(f"{start} {kind}", set()).add(end)
    found = set()
    for node, row in by_id.items():
        if row[1] != "Activity" or "school" not in row[column["venue_types"]].split(";"):
            continue
        if any(by_id[law][column["name"]] == "民法典" for law in out.get(f"{node} PROMOTES_LAW", ())):
            found |= {by_id[o][column["name"]] for o in out.get(f"{node} ORGANIZER", ())}
    result = subprocess.run([sys.executable, "-m", "pufa_graph.cli", "--store", seed_store, "who-promoted", "民法典",
                             "--venue-type", "school", "--format", "json"], capture_output=True, text=True)
    assert found and found == {a["name"] for a in json.loads(result.stdout)}
