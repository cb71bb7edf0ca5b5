"""ontology/pufa.ttl and ontology/shapes.ttl: they parse, match pufa_graph.vocab, and the shapes work."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from pufa_graph.vocab import PUFA

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_TTL = ONTOLOGY_DIR / "pufa.ttl"
SHAPES_TTL = ONTOLOGY_DIR / "shapes.ttl"

P = Namespace(PUFA.iri)
SH = Namespace("http://www.w3.org/ns/shacl#")
DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)

#: concept class -> (scheme, IRI prefix of its members)
CONCEPT_CLASSES = {
    "AgencyKind": ("AgencyKinds", "kind_"),
    "LawLevel": ("LawLevels", "level_"),
    "VenueType": ("VenueTypes", "venue_"),
    "ActivityForm": ("ActivityForms", "form_"),
    "CampaignKind": ("CampaignKinds", "campaignkind_"),
    "DesignationLevel": ("DesignationLevels", "designation_"),
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


def languages(graph: Graph, node: URIRef, *predicates: URIRef) -> set[str]:
    return {
        obj.language
        for predicate in predicates
        for obj in graph.objects(node, predicate)
        if isinstance(obj, Literal) and obj.language
    }


def declared_terms(graph: Graph) -> set[URIRef]:
    return {s for t in DECLARATION_TYPES for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)}


def concepts(graph: Graph) -> set[URIRef]:
    found = set(graph.subjects(RDF.type, SKOS.Concept))
    for name in CONCEPT_CLASSES:
        found |= set(graph.subjects(RDF.type, P[name]))
    return found


# (1) both files parse ---------------------------------------------------------------------------


def test_files_parse(ontology: Graph, shapes: Graph) -> None:
    assert len(ontology) > 100
    assert len(shapes) > 50
    assert (None, RDF.type, OWL.Ontology) in ontology
    assert (None, RDF.type, SH.NodeShape) in shapes


def test_ontology_header(ontology: Graph) -> None:
    (onto,) = ontology.subjects(RDF.type, OWL.Ontology)
    assert ontology.value(onto, OWL.versionInfo) == Literal("0.1.0")
    assert {"zh", "en"} <= languages(ontology, onto, URIRef("http://purl.org/dc/terms/title"))
    assert ontology.value(onto, RDFS.comment) is not None


# (2) every term of the vocabulary module is declared --------------------------------------------


@pytest.mark.parametrize("name", sorted(PUFA.terms))
def test_vocab_term_declared(ontology: Graph, name: str) -> None:
    term = URIRef(PUFA.iri + name)
    types = set(ontology.objects(term, RDF.type))
    assert types & set(DECLARATION_TYPES), f"pufa:{name} has no owl:Class/ObjectProperty/DatatypeProperty type"
    assert {"zh", "en"} <= languages(ontology, term, RDFS.label), f"pufa:{name} needs rdfs:label @zh and @en"
    assert "en" in languages(ontology, term, RDFS.comment), f"pufa:{name} needs an rdfs:comment @en"


def test_no_terms_beyond_vocab(ontology: Graph) -> None:
    extra = {str(t)[len(PUFA.iri):] for t in declared_terms(ontology) if str(t).startswith(PUFA.iri)}
    assert extra <= PUFA.terms, f"declared in pufa.ttl but missing from vocab.py: {sorted(extra - PUFA.terms)}"


def test_classes_are_classes_and_properties_properties(ontology: Graph) -> None:
    for name in PUFA.terms:
        term = URIRef(PUFA.iri + name)
        types = set(ontology.objects(term, RDF.type))
        assert len(types & set(DECLARATION_TYPES)) == 1, f"pufa:{name} has more than one declaration type"
        if name[0].isupper():
            assert OWL.Class in types, f"pufa:{name} looks like a class"
        else:
            assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}, f"pufa:{name} looks like a property"


# (3) labels in both languages on everything -----------------------------------------------------


def test_declared_terms_have_both_labels(ontology: Graph) -> None:
    missing = [
        str(t) for t in declared_terms(ontology)
        if not {"zh", "en"} <= languages(ontology, t, RDFS.label, SKOS.prefLabel)
    ]
    assert not missing, f"terms without zh and en labels: {missing}"


def test_concepts_have_both_labels(ontology: Graph) -> None:
    found = concepts(ontology)
    assert len(found) > 50
    missing = [str(c) for c in found if not {"zh", "en"} <= languages(ontology, c, RDFS.label, SKOS.prefLabel)]
    assert not missing, f"concepts without zh and en labels: {missing}"


@pytest.mark.parametrize("cls", sorted(CONCEPT_CLASSES))
def test_concept_schemes(ontology: Graph, cls: str) -> None:
    scheme_name, prefix = CONCEPT_CLASSES[cls]
    scheme = P[scheme_name]
    assert (P[cls], RDFS.subClassOf, SKOS.Concept) in ontology
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    assert {"zh", "en"} <= languages(ontology, scheme, RDFS.label, SKOS.prefLabel)
    members = set(ontology.subjects(RDF.type, P[cls]))
    assert members, f"no members of pufa:{cls}"
    notations = set()
    for member in members:
        assert (member, RDF.type, SKOS.Concept) in ontology, f"{member} should also be typed skos:Concept"
        assert (member, SKOS.inScheme, scheme) in ontology, f"{member} is not in pufa:{scheme_name}"
        notation = ontology.value(member, SKOS.notation)
        assert notation is not None, f"{member} has no skos:notation"
        assert str(member) == PUFA.iri + prefix + str(notation), f"{member} does not match its notation"
        notations.add(str(notation))
        for broader in ontology.objects(member, SKOS.broader):
            assert (broader, RDF.type, P[cls]) in ontology
    assert len(notations) == len(members)


def test_expected_concepts_present(ontology: Graph) -> None:
    for local in ("kind_justice", "kind_party_office", "level_law", "venue_school", "form_lecture",
                  "form_case_explanation", "campaignkind_day", "designation_provincial"):
        assert (P[local], RDF.type, SKOS.Concept) in ontology, local
    for narrow in ("kind_market_regulation", "kind_education"):
        assert (P[narrow], SKOS.broader, P.kind_government_department) in ontology


def test_shapes_only_use_declared_pufa_terms(ontology: Graph, shapes: Graph) -> None:
    declared = {str(t) for t in declared_terms(ontology)}
    used = set()
    for predicate in (SH.path, SH["class"], SH.targetClass):
        used |= {str(o) for o in shapes.objects(None, predicate) if str(o).startswith(PUFA.iri)}
    assert used, "shapes use no pufa terms"
    assert used <= declared, f"shapes refer to undeclared terms: {sorted(used - declared)}"


# (4) the shapes accept good data and reject bad data ---------------------------------------------

PREFIXES = f"""
@prefix pufa: <{PUFA.iri}> .
@prefix doc: <https://w3id.org/pufa-graph/id/doc/> .
@prefix ex: <https://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""

GOOD = PREFIXES + """
doc:0123456789abcdef a pufa:Report ;
    pufa:docId "0123456789abcdef" ;
    pufa:sourceName "report.txt" ;
    pufa:text "县司法局开展宪法宣传周活动。"@zh ;
    pufa:script "simplified" ;
    dcterms:date "2024-12-04"^^xsd:date .

ex:justice a pufa:Agency ;
    rdfs:label "某县司法局"@zh ;
    pufa:kind pufa:kind_justice .
pufa:kind_justice a pufa:AgencyKind .

ex:activity1 a pufa:Activity ;
    pufa:organizer ex:justice ;
    pufa:form pufa:form_lecture ;
    pufa:planned false ;
    prov:wasDerivedFrom ex:evidence1 .
pufa:form_lecture a pufa:ActivityForm .

ex:evidence1 dcterms:isPartOf doc:0123456789abcdef ;
    pufa:start 0 ;
    prov:value "县司法局开展宪法宣传周活动。"@zh .
"""


def validate(data: str, shapes: Graph) -> tuple[bool, str]:
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _, text = pyshacl.validate(Graph().parse(data=data, format="turtle"), shacl_graph=shapes)
    return conforms, text


def test_good_data_conforms(shapes: Graph) -> None:
    conforms, text = validate(GOOD, shapes)
    assert conforms, text


#: case -> (text in GOOD, its replacement, the start of the message the violation must carry)
BROKEN = {
    "activity without evidence": (
        "    prov:wasDerivedFrom ex:evidence1 .", "    .", "Every activity needs prov:wasDerivedFrom"),
    "organizer not an agency": (
        "pufa:organizer ex:justice", "pufa:organizer ex:nobody", "pufa:organizer must point"),
    "kind not typed AgencyKind": (
        "pufa:kind_justice a pufa:AgencyKind .", "", "pufa:kind of an agency"),
    "report without text": (
        '    pufa:text "县司法局开展宪法宣传周活动。"@zh ;\n', "", "A report needs exactly one pufa:text"),
    "report date not xsd:date": (
        '"2024-12-04"^^xsd:date', '"2024年12月4日"', "A report has at most one dcterms:date"),
    "evidence start negative": (
        "pufa:start 0 ;", "pufa:start -3 ;", "Every evidence sentence needs exactly one pufa:start"),
    "agency without label": (
        '    rdfs:label "某县司法局"@zh ;\n', "", "Every agency needs at least one rdfs:label"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_data_does_not_conform(shapes: Graph, case: str) -> None:
    old, new, message = BROKEN[case]
    assert old in GOOD, case
    conforms, text = validate(GOOD.replace(old, new, 1), shapes)
    assert not conforms, case
    assert message in text, text


def test_region_code_pattern(shapes: Graph) -> None:
    region = PREFIXES + 'ex:dongcheng a pufa:Region ; rdfs:label "东城区"@zh ; pufa:regionCode "%s" .'
    assert validate(region % "110101", shapes)[0]
    assert not validate(region % "11010", shapes)[0]


def test_quantity_value_decimal(shapes: Graph) -> None:
    quantity = PREFIXES + 'ex:q1 a pufa:Quantity ; pufa:value %s ; pufa:qualifier "at_least" ; prov:wasDerivedFrom ex:s1 .'
    quantity += ' ex:s1 dcterms:isPartOf ex:r ; pufa:start 0 ; prov:value "发放资料3000份"@zh .'
    assert validate(quantity % '"3000"^^xsd:decimal', shapes)[0]
    assert validate(quantity % "1.5", shapes)[0]
    assert not validate(quantity % '"3000"', shapes)[0]


def test_pipeline_report_triples_conform(shapes: Graph, seed_docs) -> None:
    """What pufa_graph.graph writes for a report today passes the report shape."""
    from pufa_graph.graph import document_triples

    for key, doc in seed_docs.items():
        data = "".join(f"{s} {p} {o} .\n" for s, p, o in document_triples(doc))
        pyshacl = pytest.importorskip("pyshacl")
        conforms, _, text = pyshacl.validate(Graph().parse(data=data, format="nt"), shacl_graph=shapes)
        assert conforms, f"seed {key}: {text}"


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_a_catalogue_row_with_an_unquoted_comma_is_a_one_line_error(tmp_path) -> None:
    """Users edit the catalogues ($PUFA_ONTOLOGY): a broken row names its file and line, not a traceback."""
    import os
    import shutil
    import subprocess
    import sys

    from pufa_graph.knowledge import ontology_dir

    copy = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), copy)
    with open(copy / "boundaries.csv", "a", encoding="utf-8") as handle:
        handle.write("走访,lead_in,visits, as in 走访|社区\n")
    lines = (copy / "boundaries.csv").read_text(encoding="utf-8").count("\n")
    result = subprocess.run([sys.executable, "-m", "pufa_graph.cli", "--store", str(tmp_path / "store"), "ingest",
                             str(Path(__file__).parent.parent / "data" / "reports")],
                            capture_output=True, text=True, env=dict(os.environ, PUFA_ONTOLOGY=str(copy)))
    assert result.returncode != 0
    assert f"boundaries.csv: line {lines} has more cells than the header" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
