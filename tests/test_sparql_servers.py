"""The same reports on an embedded store, Oxigraph server and Virtuoso 7: isomorphic graphs, the same answers
in the same order, and every export whole (Virtuoso caps results; here at 500 rows, so reads must page)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from bench.servers import OxigraphServer, VirtuosoServer

from .conftest import REPORTS

#: every named query, as a user types it (each answered with --format json)
COMMANDS = [
    ["who-promoted", "民法典"], ["who-promoted", "民法典", "--venue-type", "school"],
    ["who-promoted", "宪法", "--region", "柳江"], ["laws-promoted-by", "柳州市柳江区司法局"],
    ["co-organizers", "宪法宣传周"], ["event", "宪法宣传周"], ["on-day", "国家宪法日"], ["lead-units", "利剑护蕾"],
    ["problems", "经费"], ["quantities", "法治副校长"], ["media"], ["people"], ["villages"], ["culture-sites"],
    ["entities"], ["entities", "--explain", "柳州市柳江区司法局"], ["activities"], ["activities", "--planned"],
    ["gaps"], ["docs"], ["stats"], ["check"], ["ask", "哪些单位在学校宣传了民法典？"],
    ["ask", "楚雄州“利剑护蕾”专项行动的牵头单位有哪些？"],
]


def cli(location: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pufa_graph.cli", "--store", location, *args], capture_output=True,
                          text=True, timeout=300, env=dict(os.environ, **(env or {})))


def answers(location: str, env: dict | None = None) -> dict[str, str]:
    out = {}
    for command in COMMANDS:
        result = cli(location, *command, "--format", "json", env=env)
        assert result.returncode == 0, (command, result.stderr)
        out[" ".join(command)] = result.stdout
    return out


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    location = str(tmp_path_factory.mktemp("embedded") / "store")
    assert cli(location, "ingest", str(REPORTS)).returncode == 0
    return location


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    if shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "data").start()
    assert cli(server.url, "ingest", str(REPORTS)).returncode == 0
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    if shutil.which("virtuoso-t") is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"), max_rows=500).start()
    result = cli(server.url, "ingest", str(REPORTS), env={"PUFA_REMOTE_CHUNK": "500"})
    assert result.returncode == 0, result.stderr
    yield server
    server.stop()


def _isomorphic(left_location: str, right_location: str) -> None:
    from rdflib.compare import isomorphic

    from pufa_graph.store import open_store

    with open_store(left_location, read_only=True) as a, open_store(right_location) as b:
        left, right = a.dataset(), b.dataset()
    assert sorted(left) == sorted(right) and len(left) == 5 + 2  # the reports, the entities, the ontology
    for name in left:
        assert isomorphic(left[name], right[name]), name


def test_oxigraph_server_holds_the_same_graphs_and_answers(embedded, oxigraph):
    _isomorphic(embedded, oxigraph)
    assert answers(oxigraph) == answers(embedded)
    again = cli(oxigraph, "ingest", "--format", "json", str(REPORTS))
    assert json.loads(again.stdout)["unchanged"] == 5  # and a second ingest changes nothing
    _isomorphic(embedded, oxigraph)


def test_virtuoso_holds_the_same_graphs_and_answers_in_the_same_order(embedded, virtuoso):
    """Virtuoso answers booleans as 1, ASK as a row, GRAPH ?g with its own graphs, and at most 500 rows
    here: none of it shows."""
    _isomorphic(embedded, virtuoso.url)
    assert answers(virtuoso.url) == answers(embedded)


def test_every_export_of_virtuoso_is_the_embedded_stores_byte_for_byte(embedded, virtuoso, tmp_path):
    for fmt in ("nquads", "turtle", "trig", "ntriples", "jsonld", "graphml", "neo4j-csv"):
        mine, theirs = tmp_path / f"e.{fmt}", tmp_path / f"v.{fmt}"
        assert cli(embedded, "export", "--format", fmt, "-o", str(mine)).returncode == 0
        assert cli(virtuoso.url, "export", "--format", fmt, "-o", str(theirs)).returncode == 0
        if fmt == "neo4j-csv":
            for name in ("nodes.csv", "relationships.csv"):
                assert (mine / name).read_bytes() == (theirs / name).read_bytes(), (fmt, name)
        else:
            assert mine.read_bytes() == theirs.read_bytes(), fmt


def test_virtuoso_authenticated_endpoint_takes_a_digest_login(virtuoso):
    denied = cli(virtuoso.auth_url, "docs")
    assert denied.returncode != 0 and "401" in denied.stderr and "Traceback" not in denied.stderr
    allowed = cli(virtuoso.auth_url, "docs", "--format", "json",
                  env={"PUFA_STORE_USER": "dba", "PUFA_STORE_PASSWORD": "dba"})
    assert allowed.returncode == 0, allowed.stderr
    assert len(json.loads(allowed.stdout)) == 5


def test_a_query_with_its_own_range_past_the_cap_is_refused_not_cut(virtuoso):
    query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 2000"
    result = cli(virtuoso.url, "sparql", query, "--format", "json")
    assert result.returncode != 0 and "at most 500 rows" in result.stderr
    whole = cli(virtuoso.url, "sparql", "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "json")
    assert whole.returncode == 0 and len(json.loads(whole.stdout)) > 2000


def test_doctor_on_virtuoso_sees_only_pufas_graphs(virtuoso):
    """Virtuoso keeps graphs of its own (virtrdf#, ldp#…): they are neither reports nor strays."""
    result = cli(virtuoso.url, "doctor", "--format", "json")
    assert result.returncode == 0, result.stdout
    health = json.loads(result.stdout)
    assert health["reports"] == 5 and health["stray"] == [] and health["model"] == 2


def test_writes_go_to_the_update_endpoint_named(virtuoso):
    nowhere = "http://127.0.0.1:9/update"
    result = cli(virtuoso.url, "--update-url", nowhere, "remove", "6e2ca310")
    assert result.returncode != 0 and nowhere in result.stderr and "Traceback" not in result.stderr
    assert len(json.loads(cli(virtuoso.url, "docs", "--format", "json").stdout)) == 5


def test_an_export_imports_into_virtuoso_as_the_same_graphs(embedded, tmp_path, tmp_path_factory):
    if shutil.which("virtuoso-t") is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    exported = tmp_path / "pufa.trig"
    assert cli(embedded, "export", "--format", "trig", "-o", str(exported)).returncode == 0
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso-import"), max_rows=500).start()
    try:
        result = cli(server.url, "import", str(exported), env={"PUFA_REMOTE_CHUNK": "500"})
        assert result.returncode == 0, result.stderr
        _isomorphic(embedded, server.url)
    finally:
        server.stop()
