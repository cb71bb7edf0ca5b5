"""Validation of the store against ontology/shapes.ttl with pyshacl, reported so a person can act on it.

The store is checked a batch of reports at a time (their graphs, the descriptions of the entities
they point to, and the ontology's terms), so memory stays that of one batch however large the
store; the entities graph is checked once, whole. A violation found in several batches is
reported once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from .knowledge import ontology_dir
from .store.base import GraphStore
from .vocab import ENTITIES_GRAPH, ONTOLOGY_GRAPH

#: report graphs validated together
BATCH_REPORTS = 200


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str
    value: str | None

    def to_json(self) -> dict:
        return self.__dict__


def _batches(store: GraphStore) -> Iterator[list[str]]:
    reports = [g for g in store.graphs() if g not in (ENTITIES_GRAPH, ONTOLOGY_GRAPH)]
    yield [ENTITIES_GRAPH]
    for i in range(0, len(reports), BATCH_REPORTS):
        yield reports[i:i + BATCH_REPORTS]


def validate(store: GraphStore, on_progress: Callable[[int, int], None] | None = None
             ) -> tuple[bool, list[Violation], int]:
    """(conforms, violations, statements checked) for every graph of the store."""
    import pyshacl
    import rdflib

    from .export.terms import to_rdflib

    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    # the concepts (kind_justice, venue_school …) and classes, as the store holds them (else the file)
    ontology = rdflib.Graph()
    for triple in store.graph_triples(ONTOLOGY_GRAPH) or ():
        ontology.add(tuple(to_rdflib(t) for t in triple))
    if not len(ontology):
        ontology.parse(ontology_dir() / "pufa.ttl")
    entities: dict = {}
    for s, p, o in store.graph_triples(ENTITIES_GRAPH):
        entities.setdefault(s.value, []).append(tuple(to_rdflib(t) for t in (s, p, o)))
    batches = list(_batches(store))
    found: set[Violation] = set()
    checked = 0
    for done, batch in enumerate(batches):
        if on_progress:
            on_progress(done, len(batches))
        data = rdflib.Graph()
        for graph in batch:
            if graph == ENTITIES_GRAPH:
                for triples in entities.values():
                    for triple in triples:
                        data.add(triple)
            else:
                for triple in store.graph_triples(graph):
                    data.add(tuple(to_rdflib(t) for t in triple))
        checked += len(data)
        if batch != [ENTITIES_GRAPH]:  # what the reports point to, so sh:class finds its types
            for node in {str(o) for o in data.objects() if isinstance(o, rdflib.URIRef)}:
                for triple in entities.get(node, ()):
                    data.add(triple)
        data += ontology
        conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
        if not conforms:
            found |= set(_violations(data, results))
    if on_progress:
        on_progress(len(batches), len(batches))
    return not found, sorted(found, key=lambda v: (v.message, v.focus)), checked


def _violations(data, results) -> Iterator[Violation]:
    import rdflib

    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = results.value(result, sh.focusNode)
        label = data.value(focus, rdflib.RDFS.label)
        path = results.value(result, sh.resultPath)
        value = results.value(result, sh.value)
        yield Violation(focus=f"{label} <{focus}>" if label else str(focus), path=str(path) if path else None,
                        message=str(results.value(result, sh.resultMessage) or "violates a shape"),
                        value=str(value) if value is not None else None)
