"""The SHACL shapes (``ontology/shapes.ttl``) compiled into SPARQL queries, one per constraint, that the
store answers over all of pufa's graphs at once.

pyshacl builds every focus node's report in Python: on 10,000 reports ``check`` ran longer than 13
minutes in batches. The store's own query engine reads the same data at its dump rate. The subset of
SHACL Core compiled here is the subset our shapes use: targets by class (with its subclasses) and by
objects of a property; property shapes with an IRI path and minCount, maxCount, datatype, nodeKind,
class, pattern, in, minInclusive, maxInclusive, lessThanOrEquals and or (of class or datatype). A shape
that uses anything else is refused with the name of what is missing, never skipped. Tests check that
the results are those pyshacl gives on the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, RDFS, SH

from .errors import PufaError

#: SHACL parameters a property shape may carry besides its constraints
_DESCRIPTIVE = {SH.path, SH.message, SH.name, SH.description, RDFS.label, RDFS.comment, SH.severity, RDF.type}
_VALUE_PARAMETERS = {SH.datatype, SH.nodeKind, SH["class"], SH.pattern, SH["in"], SH.minInclusive,
                     SH.maxInclusive, SH.lessThanOrEquals, SH["or"]}
_COUNTS = {SH.minCount, SH.maxCount}


@dataclass(frozen=True)
class Constraint:
    """One query: rows of ?focus (and ?value for a value constraint) that violate it."""

    path: str
    message: str
    sparql: str
    has_value: bool


def _sparql_term(term) -> str:
    return term.n3()


def _list(graph: rdflib.Graph, head) -> list:
    from rdflib.collection import Collection

    return list(Collection(graph, head))


def _subclasses(ontology: rdflib.Graph, cls) -> list:
    """The class and every class below it (rdfs:subClassOf*, as SHACL's targets and sh:class read it)."""
    found, todo = {cls}, [cls]
    while todo:
        for sub in ontology.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return sorted(found)


def _typed(var: str, classes: list, graph_var: str) -> str:
    values = " ".join(_sparql_term(c) for c in classes)
    return f"VALUES {graph_var}t {{ {values} }} GRAPH {graph_var} {{ {var} a {graph_var}t }}"


def _targets(shapes: rdflib.Graph, shape, ontology: rdflib.Graph) -> list[str]:
    patterns = [_typed("?focus", _subclasses(ontology, cls), "?tg") for cls in shapes.objects(shape, SH.targetClass)]
    patterns += [f"GRAPH ?tg {{ ?x {_sparql_term(p)} ?focus }}" for p in shapes.objects(shape, SH.targetObjectsOf)]
    for unsupported in (SH.targetNode, SH.targetSubjectsOf, SH.target):
        if (shape, unsupported, None) in shapes:
            raise PufaError(f"shapes.ttl: {shape.n3()} uses {unsupported.n3()}, which pufa check does not compile")
    return patterns


def _value_condition(shapes: rdflib.Graph, where, ontology: rdflib.Graph) -> list[str]:
    """SPARQL expressions that are true when ?value satisfies a constraint parameter of ``where``."""
    conditions = []
    for datatype in shapes.objects(where, SH.datatype):
        conditions.append(f"(isLiteral(?value) && DATATYPE(?value) = {_sparql_term(datatype)})")
    for kind in shapes.objects(where, SH.nodeKind):
        conditions.append({SH.IRI: "isIRI(?value)", SH.Literal: "isLiteral(?value)",
                           SH.BlankNodeOrIRI: "(isIRI(?value) || isBlank(?value))",
                           SH.BlankNode: "isBlank(?value)"}[kind])
    for cls in shapes.objects(where, SH["class"]):
        conditions.append(f"EXISTS {{ {_typed('?value', _subclasses(ontology, cls), '?cg')} }}")
    for pattern in shapes.objects(where, SH.pattern):
        conditions.append(f"(!isBlank(?value) && REGEX(STR(?value), {_sparql_term(rdflib.Literal(str(pattern)))}))")
    for head in shapes.objects(where, SH["in"]):
        members = ", ".join(_sparql_term(m) for m in _list(shapes, head))
        conditions.append(f"COALESCE(?value IN ({members}), false)")
    for low in shapes.objects(where, SH.minInclusive):
        conditions.append(f"COALESCE(?value >= {_sparql_term(low)}, false)")
    for high in shapes.objects(where, SH.maxInclusive):
        conditions.append(f"COALESCE(?value <= {_sparql_term(high)}, false)")
    return conditions


def _constraints(shapes: rdflib.Graph, prop, targets: list[str], ontology: rdflib.Graph) -> list[Constraint]:
    path = shapes.value(prop, SH.path)
    if not isinstance(path, rdflib.URIRef):
        raise PufaError(f"shapes.ttl: a property shape with the path {path!r}: pufa check compiles IRI paths only")
    unknown = set(shapes.predicates(prop)) - _DESCRIPTIVE - _VALUE_PARAMETERS - _COUNTS
    if unknown:
        raise PufaError(f"shapes.ttl: the property shape of {path.n3()} uses "
                        f"{', '.join(sorted(u.n3() for u in unknown))}, which pufa check does not compile")
    message = str(shapes.value(prop, SH.message) or "violates a shape")
    p = _sparql_term(path)
    out: list[Constraint] = []
    for target in targets:
        for count, compare in ((shapes.value(prop, SH.minCount), "<"), (shapes.value(prop, SH.maxCount), ">")):
            if count is None:
                continue
            out.append(Constraint(str(path), message, f"""SELECT ?focus WHERE {{
  {{ SELECT DISTINCT ?focus WHERE {{ {target} }} }}
  OPTIONAL {{ GRAPH ?vg {{ ?focus {p} ?value }} }}
}} GROUP BY ?focus HAVING (COUNT(DISTINCT ?value) {compare} {int(count)})""", False))
        checks = [f"!({c})" for c in _value_condition(shapes, prop, ontology)]
        for head in shapes.objects(prop, SH["or"]):
            alternatives = []
            for member in _list(shapes, head):
                conditions = _value_condition(shapes, member, ontology)
                if not conditions or set(shapes.predicates(member)) - _VALUE_PARAMETERS - {RDF.type}:
                    raise PufaError(f"shapes.ttl: an sh:or of {path.n3()} holds more than value constraints")
                alternatives.append(" && ".join(conditions))
            checks.append(f"!({' || '.join(f'({a})' for a in alternatives)})")
        value_pattern = f"{{ SELECT DISTINCT ?focus WHERE {{ {target} }} }} GRAPH ?vg {{ ?focus {p} ?value }}"
        for check in checks:
            out.append(Constraint(str(path), message,
                                  f"SELECT DISTINCT ?focus ?value WHERE {{ {value_pattern} FILTER({check}) }}", True))
        for other in shapes.objects(prop, SH.lessThanOrEquals):
            out.append(Constraint(str(path), message, f"""SELECT DISTINCT ?focus ?value WHERE {{ {value_pattern}
  GRAPH ?wg {{ ?focus {_sparql_term(other)} ?other }} FILTER(!COALESCE(?value <= ?other, false)) }}""", True))
    return out


def compile_shapes(shapes_file: Path, ontology: rdflib.Graph) -> list[Constraint]:
    """Every constraint of every node shape, as a query; ``ontology`` gives the subclasses of classes."""
    shapes = rdflib.Graph().parse(shapes_file)
    out: list[Constraint] = []
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape)):
        node_level = set(shapes.predicates(shape)) & (_VALUE_PARAMETERS | _COUNTS)
        if node_level:
            raise PufaError(f"shapes.ttl: {shape.n3()} has node-level constraints, which pufa check does not compile")
        targets = _targets(shapes, shape, ontology)
        for prop in shapes.objects(shape, SH.property):
            out += _constraints(shapes, prop, targets, ontology)
    return out


@lru_cache(maxsize=4)
def constraints_for(shapes_file: str, ontology_nt: str) -> tuple[Constraint, ...]:
    ontology = rdflib.Graph().parse(data=ontology_nt, format="nt")
    return tuple(compile_shapes(Path(shapes_file), ontology))
