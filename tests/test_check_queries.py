"""`pufa check` runs the shapes as SPARQL queries in the store; pyshacl, run over the same data in
memory, is the reference: on a store broken in every way the shapes can see, both find the same
violations."""

from __future__ import annotations

import pytest

from pufa_graph.check import validate
from pufa_graph.ingest import ingest
from pufa_graph.store import open_store
from pufa_graph.store.base import PROLOGUE

from .conftest import REPORTS

#: one breakage for each kind of constraint the shapes use
BREAKAGES = [
    # minCount: a law without its label
    'DELETE { GRAPH ?e { ?law rdfs:label ?name } } WHERE { GRAPH ?e { ?law a pufa:Law ; rdfs:label ?name '
    'FILTER(STR(?name) = "宪法") } }',
    # maxCount and pattern: a second, malformed docId
    'INSERT { GRAPH ?g { ?r pufa:docId "not-hex" } } WHERE { { SELECT ?r ?g WHERE { GRAPH ?g { ?r a pufa:Report } } '
    'ORDER BY ?r LIMIT 1 } }',
    # in: a script that is none of the three
    'DELETE { GRAPH ?g { ?r pufa:script ?s } } INSERT { GRAPH ?g { ?r pufa:script "klingon" } } WHERE { '
    '{ SELECT ?r ?g ?s WHERE { GRAPH ?g { ?r a pufa:Report ; pufa:script ?s } } ORDER BY DESC(?r) LIMIT 1 } }',
    # minInclusive (and maxCount): a sentence with a second, negative start
    'INSERT { GRAPH ?g { ?e pufa:start -1 } } WHERE { { SELECT ?e ?g WHERE { GRAPH ?g { ?a prov:wasDerivedFrom ?e } } '
    'ORDER BY ?e LIMIT 1 } }',
    # or of datatypes: an activity dated by a number
    'INSERT { GRAPH ?g { ?a pufa:date 2024 } } WHERE { { SELECT ?a ?g WHERE { GRAPH ?g { ?a a pufa:Activity } } '
    'ORDER BY ?a LIMIT 1 } }',
    # or of classes: an activity whose venue is a law
    'INSERT { GRAPH ?g { ?a pufa:venue ?law } } WHERE { { SELECT ?a ?g WHERE { GRAPH ?g { ?a a pufa:Activity } } '
    'ORDER BY DESC(?a) LIMIT 1 } GRAPH ?e { ?law a pufa:Law } }',
    # nodeKind: an issuer written as a literal
    'INSERT { GRAPH ?g { ?r pufa:issuer "县司法局" } } WHERE { { SELECT ?r ?g WHERE { GRAPH ?g { ?r a pufa:Report } } '
    'ORDER BY ?r LIMIT 1 } }',
    # datatype: a report date that is a string
    'INSERT { GRAPH ?g { ?r dcterms:date "2024年" } } WHERE { { SELECT ?r ?g WHERE { GRAPH ?g { ?r a pufa:Report } } '
    'ORDER BY DESC(?r) LIMIT 1 } }',
    # lessThanOrEquals: a campaign whose first year is after its last
    'INSERT { GRAPH ?e { ?c pufa:firstYear 2030 ; pufa:lastYear 2020 } } WHERE { { SELECT ?c ?e WHERE { '
    'GRAPH ?e { ?c a pufa:Campaign } } ORDER BY ?c LIMIT 1 } }',
    # class: a venue whose kind is an agency kind
    'INSERT { GRAPH ?e { ?v pufa:kind pufa:kind_justice } } WHERE { { SELECT ?v ?e WHERE { GRAPH ?e { ?v a pufa:Venue } } '
    'ORDER BY ?v LIMIT 1 } }',
]


def _pyshacl_violations(store) -> set[tuple]:
    """What pyshacl finds over the union of the store's graphs (the ontology included)."""
    pyshacl = pytest.importorskip("pyshacl")
    import rdflib

    from pufa_graph.knowledge import ontology_dir

    data = rdflib.Graph()
    for graph in store.dataset().values():
        data += graph
    _conforms, results, _text = pyshacl.validate(data, shacl_graph=rdflib.Graph().parse(ontology_dir() / "shapes.ttl"),
                                                 inference="none")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    return {(str(results.value(r, sh.focusNode)), str(results.value(r, sh.resultPath)),
             str(results.value(r, sh.resultMessage)),
             None if results.value(r, sh.value) is None else str(results.value(r, sh.value)))
            for r in results.subjects(rdflib.RDF.type, sh.ValidationResult)}


def _ours(store) -> set[tuple]:
    _conforms, violations, _n = validate(store)
    return {(v.focus.rsplit(" <", 1)[-1].rstrip(">") if v.focus.endswith(">") else v.focus, v.path, v.message,
             v.value) for v in violations}


def test_the_store_broken_every_way_gives_what_pyshacl_gives(tmp_path):
    with open_store(str(tmp_path / "store")) as store:
        ingest(store, [REPORTS])
        assert _ours(store) == _pyshacl_violations(store) == set()
        for update in BREAKAGES:
            store.update(PROLOGUE + update)
        ours = _ours(store)
        assert ours == _pyshacl_violations(store)
    messages = {m for _f, _p, m, _v in ours}
    assert len(messages) >= len(BREAKAGES)  # every breakage was seen


def test_a_violation_names_the_entity_by_its_label(tmp_path):
    with open_store(str(tmp_path / "store")) as store:
        ingest(store, [REPORTS])
        store.update(PROLOGUE + BREAKAGES[-1])
        conforms, violations, _n = validate(store)
    assert not conforms and len(violations) == 1
    assert violations[0].focus.endswith(">") and " <https://w3id.org/pufa-graph/id/" in violations[0].focus
    assert violations[0].value == "https://w3id.org/pufa-graph/ontology#kind_justice"
