"""Validation of the store against ontology/shapes.ttl with pyshacl, reported so a person can act on it.

The store is checked a batch at a time (a batch of the entities graph's subjects, or of reports'
graphs, with the descriptions of the entities they point to and the ontology's terms), so memory
stays that of one batch however large the store. A violation found in several batches is reported once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from .knowledge import ontology_dir
from .store.base import GraphStore
from .vocab import ENTITIES_GRAPH, ID, ONTOLOGY_GRAPH

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


#: entities validated together (with the descriptions of those they point to)
BATCH_ENTITIES = 5000


def validate(store: GraphStore, on_progress: Callable[[int, int], None] | None = None
             ) -> tuple[bool, list[Violation], int]:
    """(conforms, violations, statements checked) for every graph of the store, a batch at a time: the
    entities graph in batches of subjects, then the reports in batches of graphs, each with the
    descriptions of the entities it points to (so sh:class finds their types) and the ontology."""
    import pyshacl
    import pyoxigraph
    import rdflib

    from .export.terms import to_rdflib

    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    # the concepts (kind_justice, venue_school …) and classes, as the store holds them (else the file)
    ontology = rdflib.Graph()
    for triple in store.graph_triples(ONTOLOGY_GRAPH) or ():
        ontology.add(tuple(to_rdflib(t) for t in triple))
    if not len(ontology):
        ontology.parse(ontology_dir() / "pufa.ttl")
    subjects = store.graph_subjects(ENTITIES_GRAPH)
    reports = [g for g in store.graphs() if g not in (ENTITIES_GRAPH, ONTOLOGY_GRAPH)]
    batches = [("entities", subjects[i:i + BATCH_ENTITIES]) for i in range(0, len(subjects), BATCH_ENTITIES)]
    batches += [("reports", reports[i:i + BATCH_REPORTS]) for i in range(0, len(reports), BATCH_REPORTS)]
    found: set[Violation] = set()
    checked = 0
    for done, (kind, batch) in enumerate(batches):
        if on_progress:
            on_progress(done, len(batches))
        triples = (store.subject_triples(ENTITIES_GRAPH, batch) if kind == "entities"
                   else [t for graph in batch for t in store.graph_triples(graph)])
        checked += len(triples)
        pointed = {o for _s, _p, o in triples if isinstance(o, pyoxigraph.NamedNode) and o.value.startswith(ID)}
        pointed -= set(batch) if kind == "entities" else set()
        data = rdflib.Graph()
        for triple in triples + store.subject_triples(ENTITIES_GRAPH, sorted(pointed, key=str)):
            data.add(tuple(to_rdflib(t) for t in triple))
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
