"""The store under real use: re-ingest, crashes, and the same graph on a SPARQL server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.servers import free_port

from .conftest import REPORTS, SEED


def graphs_by_name(store, reports_only: bool = False) -> dict[str, int]:
    from pufa_graph.store.base import is_report_graph

    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"]: int(r["n"]) for r in rows if not reports_only or is_report_graph(r["g"])}


def make_reports(folder: Path, count: int) -> list[Path]:
    """Distinct reports: each seed with a numbered sentence appended."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = list(SEED.values())
    paths = []
    for i in range(count):
        seed = seeds[i % len(seeds)]
        path = folder / f"r{i:04d}.txt"
        path.write_text(seed.read_text(encoding="utf-8") + f"\n第{i}次送法下乡活动共发放资料{i + 10}份。", encoding="utf-8")
        paths.append(path)
    return paths


def test_killed_ingest_leaves_only_whole_reports(tmp_path):
    from pufa_graph.ingest import process_file
    from pufa_graph.store import open_store
    from pufa_graph.vocab import doc_graph

    paths = make_reports(tmp_path / "many", 120)
    store_dir = tmp_path / "store"
    env = dict(os.environ, PUFA_BATCH_TRIPLES="20000")  # many small batches, so the kill lands between and inside
    proc = subprocess.Popen([sys.executable, "-m", "pufa_graph.cli", "--store", str(store_dir), "ingest", "-q",
                             str(tmp_path / "many")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.time() + 60
    while time.time() < deadline and not (store_dir.exists() and any(store_dir.iterdir())):
        time.sleep(0.05)
    time.sleep(2.5)  # well into the run, with some batches written
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_store(str(store_dir)) as store:
        stored = graphs_by_name(store, reports_only=True)
        docs = store.documents()
    assert len(docs) < 120, "the ingest finished before the kill: make the test corpus larger"
    expected = {}
    for path in paths:
        processed = process_file(str(path))
        expected[doc_graph(processed.id).value] = processed.graph_triples
    for graph, count in stored.items():
        assert count == expected[graph], f"{graph} is half-written"
    # and the store still takes writes afterwards
    result = subprocess.run([sys.executable, "-m", "pufa_graph.cli", "--store", str(store_dir), "ingest", "-q",
                             str(tmp_path / "many")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    with open_store(str(store_dir)) as store:
        assert len(store.documents()) == 120


def test_parallel_ingest_gives_the_same_graph(tmp_path):
    from pufa_graph.store import open_store

    for jobs in ("1", "2"):
        subprocess.run([sys.executable, "-m", "pufa_graph.cli", "--store", str(tmp_path / jobs), "ingest", "-q",
                        "--jobs", jobs, str(REPORTS)], check=True, capture_output=True)
    with open_store(str(tmp_path / "1")) as one, open_store(str(tmp_path / "2")) as two:
        assert graphs_by_name(one) == graphs_by_name(two)


def test_unreachable_server_is_one_line(tmp_path):
    port = free_port()
    result = subprocess.run([sys.executable, "-m", "pufa_graph.cli", "--store", f"http://127.0.0.1:{port}", "docs"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "cannot reach SPARQL server" in result.stderr
    assert "Traceback" not in result.stderr


def test_quotes_backslashes_and_newlines_survive_the_store(tmp_path):
    """Statements are written as N-Triples text: every character a report may hold must come back as it was."""
    from pufa_graph.pipeline import read_document
    from pufa_graph.store import open_store

    report = tmp_path / "quoted.txt"
    report.write_text('县司法局在学校开展"民法典"宣传活动，路径 C:\\pufa\\报告。\n\t第二段：\\n 不是换行，"引号"照旧。\r\n',
                      encoding="utf-8")
    with open_store(str(tmp_path / "store")) as store:
        from pufa_graph.ingest import ingest

        assert ingest(store, [report]).count("new") == 1
        stored = store.query('PREFIX pufa: <https://w3id.org/pufa-graph/ontology#> '
                             'SELECT ?text WHERE { GRAPH ?g { ?d pufa:text ?text } }')
    assert [row["text"] for row in stored] == [read_document(report).text]
    assert '"民法典"' in stored[0]["text"] and "C:\\pufa\\" in stored[0]["text"]


def test_a_failed_batch_write_stops_the_ingest_with_the_store_error(tmp_path, monkeypatch):
    """Writes run in a background thread; their errors still reach the caller, and earlier batches stay whole."""
    from pufa_graph.errors import StoreError
    from pufa_graph.ingest import ingest
    from pufa_graph.store import open_store
    from pufa_graph.store.embedded import EmbeddedStore

    paths = make_reports(tmp_path / "many", 6)
    original = EmbeddedStore.write_reports
    calls = []

    def second_write_fails(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise StoreError(f"cannot write to store {self.location}: No space left on device")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(EmbeddedStore, "write_reports", second_write_fails)
    with open_store(str(tmp_path / "store")) as store:
        with pytest.raises(StoreError, match="No space left"):
            ingest(store, paths, batch_size=2, batch_triples=1)
        assert len(store.documents()) == 2
        assert store.answers is not None and store.answers.pending() is None
