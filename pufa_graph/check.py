"""Validation of the store against ontology/shapes.ttl, reported so a person can act on it.

The shapes are compiled into SPARQL queries (:mod:`.shapes`), one per constraint, which the store
answers over all of pufa's graphs at once: the check runs at the store's own speed and in its memory,
however large the store, and on a SPARQL server as on the embedded store. A violation is reported once
per focus node, path, message and value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .knowledge import ontology_dir
from .store.base import GraphStore
from .vocab import ONTOLOGY_GRAPH


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str
    value: str | None

    def to_json(self) -> dict:
        return self.__dict__


def validate(store: GraphStore, on_progress: Callable[[int, int], None] | None = None
             ) -> tuple[bool, list[Violation], int]:
    """(conforms, violations, statements checked: every statement but the ontology's)."""
    from .shapes import constraints_for

    ontology = store.graph_triples(ONTOLOGY_GRAPH)
    if ontology:
        ontology_nt = "".join(f"{s} {p} {o} .\n" for s, p, o in ontology)
    else:
        import rdflib

        ontology_nt = rdflib.Graph().parse(ontology_dir() / "pufa.ttl").serialize(format="nt")
    constraints = constraints_for(str(ontology_dir() / "shapes.ttl"), ontology_nt)
    found: dict[tuple[str, str, str, str | None], None] = {}
    for done, constraint in enumerate(constraints):
        if on_progress:
            on_progress(done, len(constraints))
        for row in store.query(constraint.sparql):
            found[(row["focus"], constraint.path, constraint.message,
                   row.get("value") if constraint.has_value else None)] = None
    if on_progress:
        on_progress(len(constraints), len(constraints))
    labels = _labels(store, sorted({focus for focus, *_rest in found}))
    violations = [Violation(focus=f"{labels[focus]} <{focus}>" if labels.get(focus) else focus, path=path,
                            message=message, value=value) for focus, path, message, value in found]
    return not violations, sorted(set(violations), key=lambda v: (v.message, v.focus, v.value or "")), \
        store.triple_count() - len(ontology)


def _labels(store: GraphStore, nodes: list[str]) -> dict[str, str]:
    """The rdfs:label of each node that has one (the smallest, when several)."""
    from .sparql import iri

    out: dict[str, str] = {}
    for i in range(0, len(nodes), 200):
        values = " ".join(iri(n) for n in nodes[i:i + 200])
        for row in store.query(f"SELECT ?n (MIN(STR(?l)) AS ?label) WHERE {{ VALUES ?n {{ {values} }} "
                               "GRAPH ?g { ?n <http://www.w3.org/2000/01/rdf-schema#label> ?l } } GROUP BY ?n"):
            out[row["n"]] = row["label"]
    return out
