"""Exports other systems can read, validated; and the 谁执法谁普法 gaps."""

from __future__ import annotations

import csv

import pytest

from .conftest import REPORTS


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from pufa_graph.ingest import ingest
    from pufa_graph.store import open_store

    s = open_store(str(tmp_path_factory.mktemp("export") / "store"))
    ingest(s, [REPORTS])
    yield s
    s.close()


def _union(store):
    import rdflib

    graph = rdflib.Graph()
    for g in store.dataset().values():
        graph += g
    return graph


@pytest.mark.parametrize("fmt,parser", [("turtle", "turtle"), ("ntriples", "nt")])
def test_single_graph_exports_reimport_isomorphic(store, tmp_path, fmt, parser):
    import rdflib
    from rdflib.compare import isomorphic

    from pufa_graph.export import export

    path = export(store, fmt, tmp_path / f"out.{fmt}")
    assert isomorphic(rdflib.Graph().parse(path, format=parser), _union(store))


@pytest.mark.parametrize("fmt,parser", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_dataset_exports_keep_one_graph_per_report(store, tmp_path, fmt, parser):
    import rdflib
    from rdflib.compare import isomorphic

    from pufa_graph.export import export

    path = export(store, fmt, tmp_path / f"out.{fmt}")
    dataset = rdflib.Dataset()
    dataset.parse(path, format=parser)
    exported = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    stored = store.dataset()
    assert set(exported) == set(stored)
    for name, graph in stored.items():
        assert isomorphic(exported[name], graph), name


@pytest.mark.parametrize("fmt", ["turtle", "trig", "jsonld", "nquads", "graphml"])
def test_exports_are_byte_identical(store, tmp_path, fmt):
    from pufa_graph.export import export

    first = export(store, fmt, tmp_path / "a").read_bytes()
    second = export(store, fmt, tmp_path / "b").read_bytes()
    assert first == second


def test_jsonld_has_a_context(store, tmp_path):
    import json

    from pufa_graph.export import export

    data = json.loads(export(store, "jsonld", tmp_path / "x.jsonld").read_text(encoding="utf-8"))
    assert data["@context"]["pufa"] == "https://w3id.org/pufa-graph/ontology#"


def test_graphml_opens_in_networkx_with_types_and_labels(store, tmp_path):
    import networkx as nx

    from pufa_graph.export import export

    graph = nx.read_graphml(export(store, "graphml", tmp_path / "g.graphml"))
    assert graph.number_of_nodes() > 300
    assert all(data.get("type") and data.get("label") for _n, data in graph.nodes(data=True))
    labels = {data["label"] for _n, data in graph.nodes(data=True) if data["type"] == "law"}
    assert "民法典" in labels


def test_neo4j_csv_headers(store, tmp_path):
    from pufa_graph.export import export

    folder = export(store, "neo4j-csv", tmp_path / "neo4j")
    with open(folder / "nodes.csv", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[:2] == ["id:ID", ":LABEL"]
    with open(folder / "relationships.csv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == [":START_ID", ":END_ID", ":TYPE"] and any(r[2] == "PROMOTES_LAW" for r in rows[1:])


def test_unknown_format_is_an_error(store):
    from pufa_graph.errors import PufaError
    from pufa_graph.export import export

    with pytest.raises(PufaError, match="unknown export format"):
        export(store, "xlsx")


def test_seed_store_passes_check(store):
    from pufa_graph.check import validate

    from pufa_graph.vocab import ONTOLOGY_GRAPH

    conforms, violations, size = validate(store)
    assert conforms, [v.to_json() for v in violations[:5]]
    assert size == store.triple_count() - len(store.graph_triples(ONTOLOGY_GRAPH))  # every statement of the data


def test_check_names_a_violation_once(tmp_path):
    """An entity every report points to, broken, is one violation, not one per report."""
    from pufa_graph import check
    from pufa_graph.ingest import ingest
    from pufa_graph.store import open_store
    from pufa_graph.store.base import PROLOGUE

    with open_store(str(tmp_path / "store")) as store:
        ingest(store, [REPORTS])
        store.update(PROLOGUE + "DELETE { GRAPH ?e { ?law rdfs:label ?name } } WHERE { GRAPH ?e { ?law a pufa:Law ; "
                     'rdfs:label ?name FILTER(STR(?name) = "宪法") } }')
        conforms, violations, _size = check.validate(store)
    assert not conforms
    assert [v.message for v in violations].count("Every law needs at least one rdfs:label with its title.") == 1


def test_gaps_name_the_police_and_courts_with_uncovered_laws(store):
    from pufa_graph.gaps import coverage_matrix_csv, responsibility_gaps

    rows = {r["agency"]: r for r in responsibility_gaps(store)}
    police = rows["灌云县公安局"]  # 公安局开展的“珍爱生命远离毒品”国际禁毒日活动: no law named
    assert "道路交通安全法" in police["enforces"] and "道路交通安全法" in police["gaps"]
    for court in ("灌云县人民法院", "柳州市柳江区人民法院", "灌云县人民检察院", "柳州市柳江区人民检察院"):
        assert rows[court]["gaps"], court
    justice = rows["柳州市柳江区司法局"]
    assert "宪法" in justice["publicized"] and "宪法" not in justice["gaps"]
    matrix = list(csv.reader(coverage_matrix_csv(list(rows.values())).splitlines()))
    header = matrix[0]
    police_row = next(r for r in matrix if r[0] == "灌云县公安局")
    assert police_row[header.index("道路交通安全法")] == "gap"


def test_streaming_exports_report_progress_up_to_every_graph(store, tmp_path):
    from pufa_graph.export import export

    graphs = len(store.graphs())
    for fmt in ("turtle", "trig", "nquads", "ntriples", "jsonld"):
        heard: list[tuple[int, int]] = []
        export(store, fmt, tmp_path / f"p.{fmt}", on_progress=lambda done, total: heard.append((done, total)))
        assert heard[0] == (0, graphs) and heard[-1] == (graphs, graphs), fmt
        assert [done for done, _total in heard] == list(range(graphs + 1)), fmt
