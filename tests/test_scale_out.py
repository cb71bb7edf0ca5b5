"""Ingest beyond one process: on a Dask cluster, and through shards loaded later, into the same store
graph for graph as a local ingest (the clusters are real: a LocalCluster, and a scheduler and worker
started on loopback)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from pufa_graph.ingest import analyse_to_shards, ingest, load  # noqa: E402
from pufa_graph.store import open_store  # noqa: E402
from pufa_graph.vocab import ENTITIES_GRAPH, doc_graph  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """200 generated reports (traditional script, GBK, HTML and noisy pages among them) and one bad file."""
    from bench.corpus import generate

    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, 200, seed=7)
    (folder / "zz-empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def local_store(corpus, tmp_path_factory) -> str:
    location = str(tmp_path_factory.mktemp("local") / "store")
    with open_store(location) as store:
        ingest(store, [corpus], jobs=2)
    return location


def graphs(location: str) -> dict:
    """Every named graph of a store, as rdflib graphs."""
    with open_store(location, read_only=True) as store:
        return store.dataset()


def assert_same_store(location: str, expected: str) -> None:
    import rdflib.compare

    got, want = graphs(location), graphs(expected)
    assert sorted(got) == sorted(want)
    for name, graph in want.items():
        assert rdflib.compare.isomorphic(got[name], graph), name
    with open_store(location, read_only=True) as a, open_store(expected, read_only=True) as b:
        assert [d.to_json() for d in a.documents()] == [d.to_json() for d in b.documents()]


def test_a_dask_local_cluster_ingests_the_same_store_as_local_workers(corpus, local_store, tmp_path):
    location = str(tmp_path / "store")
    with open_store(location) as store:
        report = ingest(store, [corpus], jobs=2, engine="dask")
    assert report.count("new") == 200 and [o.path for o in report.failed] == [str(corpus / "zz-empty.txt")]
    assert_same_store(location, local_store)
    with open_store(location, read_only=True) as store:  # the answer index was written with the graphs
        assert store.answer_index_state() == "usable"


def test_shards_written_anywhere_load_into_the_same_store_and_again_change_nothing(corpus, local_store, tmp_path,
                                                                                   pufa, store_path):
    shards = tmp_path / "shards"
    run = analyse_to_shards([corpus], str(shards), jobs=2)
    assert run.to_json()["analysed"] == 200 and run.to_json()["failed"] == 1
    names = sorted(p.name for p in shards.glob("part-*"))
    assert len(names) == 2 * run.shards and all(n.endswith((".nq.gz", ".reports.jsonl.gz")) for n in names)
    assert (shards / "ontology.nq.gz").exists()  # for a server's own bulk loader

    first = json.loads(pufa("load", str(shards), "--format", "json", expect=1).stdout)  # the empty file failed, as in an ingest
    assert (first["new"], first["unchanged"], first["failed"]) == (200, 0, 1)
    assert_same_store(store_path, local_store)
    again = json.loads(pufa("load", str(shards), "--format", "json", expect=1).stdout)
    assert (again["new"], again["unchanged"]) == (0, 200)


def test_a_shard_is_plain_nquads_that_another_loader_reads(corpus, tmp_path):
    import pyoxigraph

    shards = tmp_path / "shards"
    analyse_to_shards([corpus], str(shards))
    quads = sorted(shards.glob("part-*.nq.gz"))[0]  # not the last: it holds only the empty file
    store = pyoxigraph.Store()
    store.load(gzip.decompress(quads.read_bytes()), format=pyoxigraph.RdfFormat.N_QUADS)
    records = [json.loads(line) for line in gzip.decompress(quads.with_name(
        quads.name.replace(".nq.gz", ".reports.jsonl.gz")).read_bytes()).splitlines()]
    stored = {g.value for g in store.named_graphs()}
    assert {doc_graph(r["id"]).value for r in records if r["id"]} | {ENTITIES_GRAPH} == stored


def test_dask_tasks_write_shards_to_an_fsspec_url(corpus, local_store, tmp_path, pufa, store_path):
    url = (tmp_path / "by-url").as_uri()  # file:///…, read and written through fsspec
    run = analyse_to_shards([corpus], url, jobs=2, engine="dask")
    assert run.to_json()["analysed"] == 200
    pufa("load", url, "-q", expect=1)
    assert_same_store(store_path, local_store)


def test_an_unfinished_shard_is_skipped_and_a_damaged_one_named(corpus, tmp_path, pufa):
    shards = tmp_path / "shards"
    analyse_to_shards([corpus], str(shards))
    records = sorted(shards.glob("*.reports.jsonl.gz"))
    records[0].unlink()  # a task killed between its two files: that shard is not there yet
    loaded = json.loads(pufa("load", str(shards), "--format", "json", expect=None).stdout)
    assert loaded["new"] + loaded["failed"] == 201 - 50

    (records[1].with_name(records[1].name.replace(".reports.jsonl.gz", ".nq.gz"))).write_bytes(b"\x1f\x8b broken")
    out = pufa("load", str(shards), expect=1)
    assert out.output.count("\n") == 1 and records[1].name.replace(".reports.jsonl.gz", "") in out.output
    assert "Traceback" not in out.output


def test_a_shard_of_another_model_is_refused(tmp_path, pufa):
    shards = tmp_path / "old"
    shards.mkdir()
    record = {"path": "a.txt", "id": "x", "doc_path": "k", "title": None, "quads": 0, "graph_quads": 0,
              "error": None, "warnings": [], "pufa": "0.0.1", "model": 1, "answers": None}
    (shards / "part-old-00000.nq.gz").write_bytes(gzip.compress(b""))
    (shards / "part-old-00000.reports.jsonl.gz").write_bytes(gzip.compress(json.dumps(record).encode()))
    out = pufa("load", str(shards), expect=1)
    assert "RDF model 1" in out.output and "part-old-00000" in out.output


def test_load_names_what_is_not_a_shard_folder(tmp_path, pufa):
    assert "no such shard folder" in pufa("load", str(tmp_path / "nowhere"), expect=1).output
    assert "holds no shards" in pufa("load", str(tmp_path), expect=1).output


def test_the_cli_says_what_a_cluster_ingest_needs(tmp_path, pufa):
    report = tmp_path / "r.txt"
    report.write_text("2024年，县司法局在广场开展《民法典》宣传活动。", encoding="utf-8")
    out = pufa("ingest", str(report), "--scheduler", "tcp://127.0.0.1:9", expect=1).output
    assert "--scratch" in out
    assert "--engine dask" in pufa("ingest", str(report), "--scratch", str(tmp_path), expect=1).output
    from bench.servers import free_port

    start = time.perf_counter()
    out = pufa("ingest", str(report), "--scheduler", f"tcp://127.0.0.1:{free_port()}", "--scratch",
               str(tmp_path / "s"), expect=1).output
    assert "cannot reach the Dask scheduler" in out and "Traceback" not in out
    assert time.perf_counter() - start < 60


def test_a_scheduler_and_worker_started_apart_ingest_the_same_store(corpus, local_store, tmp_path):
    """As on a real cluster: `dask scheduler` and `dask worker` processes, the driver connecting by address."""
    from bench.servers import free_port

    port = free_port()
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                  "--port", str(port), "--no-dashboard"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", f"tcp://127.0.0.1:{port}",
                               "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        location = str(tmp_path / "store")
        with open_store(location) as store:
            report = ingest(store, [corpus], engine="dask", scheduler=f"tcp://127.0.0.1:{port}",
                            scratch=str(tmp_path / "scratch"))
        assert report.count("new") == 200
        assert_same_store(location, local_store)
    finally:
        for process in (worker, scheduler):
            process.terminate()
            process.wait(timeout=30)


def test_a_servers_own_bulk_loader_reads_the_shard_folder_into_a_store_pufa_reads(corpus, local_store, tmp_path):
    """`oxigraph load` of every *.nq.gz of a shard folder (the reports and the ontology graph), then
    `oxigraph serve`: pufa reads the same reports and exports the same bytes as from the local ingest."""
    import shutil

    from bench.servers import OxigraphServer
    from pufa_graph.export import export

    if shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    shards = tmp_path / "shards"
    analyse_to_shards([corpus], str(shards))
    data = tmp_path / "server-data"
    subprocess.run([shutil.which("oxigraph"), "load", "--location", str(data), "--file",
                    *map(str, sorted(shards.glob("*.nq.gz")))], check=True, capture_output=True)
    server = OxigraphServer(data).start()
    try:
        with open_store(server.url) as remote, open_store(local_store, read_only=True) as local:
            export(remote, "nquads", tmp_path / "remote.nq")
            export(local, "nquads", tmp_path / "local.nq")
            assert len(remote.documents()) == 200
    finally:
        server.kill()
    assert (tmp_path / "remote.nq").read_bytes() == (tmp_path / "local.nq").read_bytes()


def test_virtuosos_bulk_loader_reads_the_shard_folder_into_a_store_pufa_reads(corpus, local_store, tmp_path):
    """Virtuoso's ld_dir and rdf_loader_run over the shard folder (gzipped N-Quads carry their graphs)."""
    import shutil

    from bench.servers import VirtuosoServer
    from pufa_graph.export import export

    if shutil.which("virtuoso-t") is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    server = VirtuosoServer(tmp_path / "virtuoso").start()
    try:
        shards = tmp_path / "virtuoso" / "shards"  # inside the server's DirsAllowed
        analyse_to_shards([corpus], str(shards))
        server.sql(f"ld_dir('{shards}', '*.nq.gz', 'urn:pufa:unused');")
        server.sql("rdf_loader_run();")
        server.sql("checkpoint;")
        with open_store(server.url) as remote, open_store(local_store, read_only=True) as local:
            export(remote, "nquads", tmp_path / "remote.nq")
            export(local, "nquads", tmp_path / "local.nq")
    finally:
        server.stop()
    assert (tmp_path / "remote.nq").read_bytes() == (tmp_path / "local.nq").read_bytes()
