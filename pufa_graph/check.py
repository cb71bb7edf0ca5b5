"""Validation of the store against ontology/shapes.ttl with pyshacl, reported so a person can act on it."""

from __future__ import annotations

from dataclasses import dataclass

from .knowledge import ontology_dir
from .store.base import GraphStore


@dataclass
class Violation:
    focus: str
    path: str | None
    message: str
    value: str | None

    def to_json(self) -> dict:
        return self.__dict__


def validate(store: GraphStore) -> tuple[bool, list[Violation], int]:
    """(conforms, violations, triples checked) for the union of every report's graph."""
    import pyshacl
    import rdflib

    from .export.rdf import nquads

    data = rdflib.Graph()
    data.parse(data="".join(line.rsplit(" ", 2)[0] + " .\n" for line in nquads(store).splitlines()), format="nt")
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    ontology = rdflib.Graph().parse(ontology_dir() / "pufa.ttl")
    checked = len(data)
    data += ontology  # concepts (kind_justice, venue_school …) are typed in the ontology, not in each report
    conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = results.value(result, sh.focusNode)
        label = data.value(focus, rdflib.RDFS.label)
        violations.append(Violation(
            focus=f"{label} <{focus}>" if label else str(focus),
            path=str(results.value(result, sh.resultPath)) if results.value(result, sh.resultPath) else None,
            message=str(results.value(result, sh.resultMessage) or "violates a shape"),
            value=str(results.value(result, sh.value)) if results.value(result, sh.value) is not None else None))
    violations.sort(key=lambda v: (v.message, v.focus))
    return bool(conforms), violations, checked
