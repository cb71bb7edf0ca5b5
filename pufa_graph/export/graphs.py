"""Property-graph exports: GraphML (Gephi, igraph, networkx) and CSV for ``neo4j-admin database import``.

One mapping from the RDF model to nodes and relationships, read graph by graph (bounded memory):

* a node per entity (agency, law, campaign, venue, village, region …), report, activity, quantity,
  designation and problem, keyed by its IRI after ``…/id/`` (``entity/agency-…``, ``doc/…``);
* literal values and concepts (venue types, forms, kinds, levels, as their codes) become node
  properties, a fact's evidence sentence becomes its ``evidence``, ``evidence_start`` and
  ``evidence_end`` and an ``IN_REPORT`` relationship to its report;
* every other statement between two nodes is a relationship named after its property
  (``promotesLaw`` -> ``PROMOTES_LAW``), with the report it was read in.

So after an import "who promoted 民法典 in schools" is one pattern:
``MATCH (o:Agency)<-[:ORGANIZER]-(a:Activity)-[:PROMOTES_LAW]->(:Law {name: '民法典'})
WHERE 'school' IN a.venue_types RETURN DISTINCT o.name``.
"""

from __future__ import annotations

import csv
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from xml.sax.saxutils import escape, quoteattr

from ..netview import TYPE_OF_CLASS
from ..store.base import GraphStore
from ..vocab import ENTITIES_GRAPH, ID, ONTOLOGY_GRAPH, PREFIXES

PUFA = PREFIXES["pufa"]
RDF_TYPE = PREFIXES["rdf"] + "type"

#: node properties: predicate IRI -> (property, neo4j type, several values?)
NODE_PROPERTIES: dict[str, tuple[str, str, bool]] = {
    PREFIXES["rdfs"] + "label": ("name", "string", False),
    PREFIXES["skos"] + "altLabel": ("aliases", "string", True),
    PUFA + "kind": ("kind", "string", True),
    PUFA + "level": ("level", "string", False),
    PUFA + "regionCode": ("region_code", "string", False),
    PUFA + "role": ("role", "string", False),
    PUFA + "docId": ("doc_id", "string", False),
    PUFA + "sourceName": ("source", "string", False),
    PUFA + "format": ("format", "string", False),
    PUFA + "script": ("script", "string", False),
    PUFA + "issuerName": ("issuer_name", "string", False),
    PUFA + "docNumber": ("doc_number", "string", False),
    PREFIXES["dcterms"] + "title": ("title", "string", False),
    PREFIXES["dcterms"] + "date": ("date", "string", False),
    PREFIXES["dcterms"] + "source": ("url", "string", False),
    PUFA + "date": ("date", "string", False),
    PUFA + "planned": ("planned", "boolean", False),
    PUFA + "implicitOrganizer": ("implicit_organizer", "boolean", False),
    PUFA + "venueType": ("venue_types", "string", True),
    PUFA + "form": ("forms", "string", True),
    PUFA + "what": ("what", "string", False),
    PUFA + "value": ("value", "float", False),
    PUFA + "unit": ("unit", "string", False),
    PUFA + "approximate": ("approximate", "boolean", False),
    PUFA + "qualifier": ("qualifier", "string", False),
    PUFA + "designationTitle": ("title", "string", False),
    PUFA + "designationLevel": ("level", "string", False),
    PUFA + "year": ("year", "int", False),
    PUFA + "batch": ("batch", "int", False),
    PUFA + "summary": ("summary", "string", False),
}
#: every node has these, then the properties above (one column each, in this order)
FIXED = [("type", "string", False), ("label", "string", False), ("evidence", "string", False),
         ("evidence_start", "int", False), ("evidence_end", "int", False), ("doc", "string", False)]
COLUMNS: list[tuple[str, str, bool]] = FIXED + list(dict.fromkeys(NODE_PROPERTIES.values()))
#: relationship properties
EDGE_COLUMNS = [("relation", "string"), ("doc", "string")]
#: a fact's sentence, folded into the fact's evidence properties
DERIVED_FROM = PREFIXES["prov"] + "wasDerivedFrom"
#: statements left out of the property graph (bookkeeping, and the report's whole text)
FOLDED = {PUFA + "namedGraph", PUFA + "sourceKey", PUFA + "text", PUFA + "pipelineVersion", PUFA + "sourceLine",
          PUFA + "encoding", PUFA + "indexNumber"}
#: the classes that become nodes, and the ``type`` property they get (as the CLI names types)
NODE_CLASSES = TYPE_OF_CLASS


@dataclass
class Node:
    id: str
    label: str  # the class: Agency, Activity …
    properties: dict[str, list] = field(default_factory=dict)


@dataclass
class Edge:
    source: str
    target: str
    relation: str
    doc: str = ""


def node_id(iri: str) -> str:
    return iri[len(ID):] if iri.startswith(ID) else iri


def _concept_code(iri: str) -> str:
    return iri[len(PUFA):].split("_", 1)[-1]


def _relation(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def elements(store: GraphStore) -> Iterator[Node | Edge]:
    """Every node and relationship of the property graph: the entities first, then report by report."""
    graphs = [g for g in store.graphs() if g != ONTOLOGY_GRAPH]
    graphs.sort(key=lambda g: g != ENTITIES_GRAPH)
    for graph in graphs:
        yield from _graph_elements(store.graph_triples(graph), graph)


def _graph_elements(triples, graph: str) -> Iterator[Node | Edge]:
    import pyoxigraph

    by_subject: dict[str, list[tuple[str, object]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s.value, []).append((p.value, o))
    doc = graph.rsplit("/", 1)[-1] if graph != ENTITIES_GRAPH else ""
    sentences = {s: {p: o for p, o in statements} for s, statements in by_subject.items()
                 if any(p == PREFIXES["prov"] + "value" for p, _o in statements)}
    nodes = {s for s, statements in by_subject.items()
             if any(p == RDF_TYPE and o.value.startswith(PUFA) and o.value[len(PUFA):] in NODE_CLASSES
                    for p, o in statements)}
    derived: dict[str, list[Node]] = {}  # sentence -> the facts derived from it
    for subject in sorted(nodes):
        statements = sorted(by_subject[subject], key=lambda po: (po[0], str(po[1])))
        node = Node(node_id(subject), next(o.value[len(PUFA):] for p, o in statements
                                           if p == RDF_TYPE and o.value[len(PUFA):] in NODE_CLASSES))
        node.properties["type"] = [NODE_CLASSES[node.label]]
        if doc:
            node.properties["doc"] = [doc]
        for p, o in statements:
            if p == RDF_TYPE or p in FOLDED:
                continue
            if p == DERIVED_FROM and o.value in sentences:
                sentence = sentences[o.value]
                node.properties["evidence"] = [sentence[PREFIXES["prov"] + "value"].value]
                start = int(sentence[PUFA + "start"].value)
                node.properties["evidence_start"] = [start]
                node.properties["evidence_end"] = [start + len(node.properties["evidence"][0])]
                derived.setdefault(o.value, []).append(node)
                report = sentence.get(PREFIXES["dcterms"] + "isPartOf")
                if report is not None:
                    yield Edge(node.id, node_id(report.value), "inReport", doc)
                continue
            if p in NODE_PROPERTIES:
                name, kind, _many = NODE_PROPERTIES[p]
                value = _concept_code(o.value) if isinstance(o, pyoxigraph.NamedNode) else _typed(o.value, kind)
                node.properties.setdefault(name, []).append(value)
            elif isinstance(o, pyoxigraph.NamedNode) and o.value.startswith(ID):
                yield Edge(node.id, node_id(o.value), _relation(p), doc)
        node.properties["label"] = [_label(node)]
        yield node
    # an activity's quantities are those derived from its sentence
    for facts in derived.values():
        for activity in (n for n in facts if n.label == "Activity"):
            yield from (Edge(activity.id, q.id, "quantity", doc) for q in facts if q.label == "Quantity")


def _typed(value: str, kind: str):
    if kind == "boolean":
        return value in ("true", "1")
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return value


def _label(node: Node) -> str:
    """What a person reads on the node: its name, a report's title, an activity's first words."""
    props = node.properties
    for key in ("name", "title", "summary"):
        if props.get(key):
            return str(props[key][0])
    if props.get("evidence"):
        text = props["evidence"][0]
        return text if len(text) <= 24 else text[:24] + "…"
    return node.id


def _cell(values: list, kind: str, many: bool) -> str:
    if not values:
        return ""
    if kind == "boolean":
        return "true" if values[0] else "false"
    if many:
        return ";".join(str(v) for v in values)
    return str(values[0])


# -- GraphML ------------------------------------------------------------------------

_GRAPHML_TYPES = {"string": "string", "int": "long", "float": "double", "boolean": "boolean"}


def write_graphml(store: GraphStore, path: Path) -> None:
    """GraphML 1.0: one key per (domain, name) with ids n0…/e0…, unique edge ids, nodes before edges;
    node attribute ``label`` is the one Gephi shows. Lists are written joined by ``;``."""
    node_keys = {name: f"n{i}" for i, (name, _k, _m) in enumerate(COLUMNS)}
    edge_keys = {name: f"e{i}" for i, (name, _k) in enumerate(EDGE_COLUMNS)}
    with path.open("w", encoding="utf-8") as out, tempfile.TemporaryFile("w+", encoding="utf-8") as edges:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                  'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                  'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for name, kind, _many in COLUMNS:
            out.write(f'  <key id="{node_keys[name]}" for="node" attr.name="{name}" '
                      f'attr.type="{_GRAPHML_TYPES[kind]}"/>\n')
        for name, kind in EDGE_COLUMNS:
            out.write(f'  <key id="{edge_keys[name]}" for="edge" attr.name="{name}" '
                      f'attr.type="{_GRAPHML_TYPES[kind]}"/>\n')
        out.write('  <graph id="pufa" edgedefault="directed">\n')
        count = 0
        for element in elements(store):
            if isinstance(element, Node):
                data = "".join(f'<data key="{node_keys[name]}">{escape(_cell(element.properties[name], kind, many))}'
                               "</data>" for name, kind, many in COLUMNS if element.properties.get(name))
                out.write(f"    <node id={quoteattr(element.id)}>{data}</node>\n")
            else:
                edges.write(f"    <edge id=\"r{count}\" source={quoteattr(element.source)} "
                            f"target={quoteattr(element.target)}><data key=\"{edge_keys['relation']}\">"
                            f"{element.relation}</data>"
                            + (f"<data key=\"{edge_keys['doc']}\">{element.doc}</data>" if element.doc else "")
                            + "</edge>\n")
                count += 1
        edges.seek(0)
        for line in edges:
            out.write(line)
        out.write("  </graph>\n</graphml>\n")


# -- Neo4j --------------------------------------------------------------------------

def write_neo4j_csv(store: GraphStore, path: Path) -> None:
    """nodes.csv and relationships.csv with neo4j-admin import headers (id:ID, :LABEL, typed columns,
    arrays split on ';'; :START_ID, :END_ID, :TYPE)."""
    path.mkdir(parents=True, exist_ok=True)
    with open(path / "nodes.csv", "w", encoding="utf-8", newline="") as nodes_file, \
            open(path / "relationships.csv", "w", encoding="utf-8", newline="") as edges_file:
        nodes = csv.writer(nodes_file, lineterminator="\n")
        edges = csv.writer(edges_file, lineterminator="\n")
        nodes.writerow(["id:ID", ":LABEL"] + [f"{name}:{kind}{'[]' if many else ''}" for name, kind, many in COLUMNS])
        edges.writerow([":START_ID", ":END_ID", ":TYPE", "doc"])
        for element in elements(store):
            if isinstance(element, Node):
                nodes.writerow([element.id, element.label]
                               + [_cell(element.properties.get(name, []), kind, many) for name, kind, many in COLUMNS])
            else:
                edges.writerow([element.source, element.target, _neo4j_type(element.relation), element.doc])


def _neo4j_type(relation: str) -> str:
    """promotesLaw -> PROMOTES_LAW, as Cypher relationship types are written."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", relation).upper()
