"""pufa-graph at scale, measured in one run and reported as a table and as JSON.

    python bench/run.py                      # 10,000 generated reports (bench/corpus.py), all figures
    python bench/run.py --count 2000 --sample 300 --json bench/out/results.json

Figures:
  floor        bare jieba.lcut MB/s on the corpus's normalized text (jieba's default dictionary)
  jobs1        end-to-end `pufa ingest --jobs 1` on the sample: MB/s of normalized text, reports/s,
               and the ratio to the floor, measured in the same run
  budget       one process's time split, part after part: analysis alone (and its ratio to the
               floor), then the store write of its result (bulk loads and the final compaction)
  jobs2        the same sample with --jobs 2 (scaling), and the whole corpus with --jobs 2:
               wall time, peak RSS of the largest process, store size on disk
  dask2        the whole corpus with --engine dask on a 2-worker LocalCluster, its time over jobs2's,
               and whether its store holds the same quads of each kind
  shards       the sample analysed into shards (--shards, no store) and loaded (`pufa load`): the two
               halves of a cluster run, with shard and store sizes per report
  query        warm p50/p95 of who_promoted(民法典, venue_type=school) on the full store
  ask          `pufa ask` end to end as a CLI process, p50/p95
  help         `pufa --help` as a CLI process
  export       every `pufa export` format and `pufa check` on the full store, against pyoxigraph's
               own N-Quads dump of it
  viz          graph HTML generation for a 5,000-node subgraph, when pufa_graph.viz exists

These machines are noisy: compare ratios within one run, not across runs (``machine.loop_20m_s``
times a fixed Python loop at the start, to tell a slow machine from a slow change).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _percentiles(values: list[float]) -> dict:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return {"p50_ms": round(statistics.median(values) * 1000, 1), "p95_ms": round(p95 * 1000, 1), "n": len(values)}


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


#: runs a command and writes the peak RSS of its process tree: a fresh parent per command, because a
#: process's RUSAGE_CHILDREN peak is the largest of every child it ever waited for
_PEAK = """import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)"""


def _run(cmd: list[str], env: dict | None = None, timeout: float | None = None
         ) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall time, peak RSS (KB) of the largest process of the command's tree, and the result."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as peak:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", _PEAK, peak.name, *cmd], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the command's whole tree, not only the wrapper
            process.communicate()
            raise
        elapsed = time.perf_counter() - start
        result = subprocess.CompletedProcess(cmd, process.returncode, stdout, stderr)
        rss_kb = int(Path(peak.name).read_text() or 0)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed: {result.stderr[-500:]}")
    return elapsed, rss_kb, result


def _sample_dir(corpus: Path, count: int, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(corpus.iterdir())[:count]:
        link = target / path.name
        if not link.exists():
            link.symlink_to(path)
    return target


def normalized_texts(files: list[Path]) -> list[str]:
    from pufa_graph.pipeline import read_document

    return [read_document(f).text for f in files]


def machine_speed() -> dict:
    """A fixed pure-Python loop, timed: these machines drift by a factor of two or more within an hour,
    so runs can only be compared after dividing by this."""
    start = time.perf_counter()
    total = 0
    for i in range(20_000_000):
        total += i
    return {"cores": os.cpu_count(), "loop_20m_s": round(time.perf_counter() - start, 2)}


def floor(texts: list[str]) -> dict:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    start = time.perf_counter()
    for text in texts:
        tokenizer.lcut(text)
    elapsed = time.perf_counter() - start
    return {"mb": round(megabytes, 3), "seconds": round(elapsed, 2), "mb_per_s": round(megabytes / elapsed, 3)}


def ingest_figures(folder: Path, store: Path, jobs: int, megabytes: float, reports: int,
                   engine: str = "local") -> dict:
    shutil.rmtree(store, ignore_errors=True)
    cmd = [sys.executable, "-m", "pufa_graph.cli", "--store", str(store), "ingest", "-q", "--jobs", str(jobs),
           "--engine", engine, "--format", "json", str(folder)]
    elapsed, rss_kb, result = _run(cmd)
    summary = json.loads(result.stdout)
    return {"jobs": jobs, "engine": engine, "reports": reports, "seconds": round(elapsed, 1), "mb_per_s": round(megabytes / elapsed, 3),
            "reports_per_s": round(reports / elapsed, 1), "failed": summary["failed"], "triples": summary["triples"],
            "peak_rss_mb": round(rss_kb / 1024, 1), "store_mb": round(_dir_size(store) / 1e6, 1)}


def shard_figures(folder: Path, work: Path, jobs: int, reports: int) -> dict:
    """`pufa ingest --shards` (analysis only) and `pufa load` (the store's bulk load only) on the same
    reports: the two halves a cluster run splits into, for the scaling table."""
    shards, store = work / "shards", work / "store-load"
    shutil.rmtree(shards, ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)
    analyse, _rss, _r = _run([sys.executable, "-m", "pufa_graph.cli", "ingest", "-q", "--jobs", str(jobs),
                              "--shards", str(shards), "--format", "json", str(folder)])
    load, rss_kb, _r = _run([sys.executable, "-m", "pufa_graph.cli", "--store", str(store), "load", "-q",
                             "--format", "json", str(shards)])
    size = _dir_size(shards)
    servers = _server_bulk_loads(shards, work)
    figures = {"reports": reports, "analyse_jobs": jobs, "analyse_s": round(analyse, 1),
               "analyse_reports_per_s": round(reports / analyse, 1), "load_s": round(load, 1),
               "load_reports_per_s": round(reports / load, 1), "load_peak_rss_mb": round(rss_kb / 1024, 1),
               "shard_kb_per_report": round(size / reports / 1024, 1), "store_kb_per_report":
               round(_dir_size(store) / reports / 1024, 1),
               **{f"{name}_load_reports_per_s": round(reports / seconds, 1) for name, seconds in servers.items()}}
    shutil.rmtree(shards, ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)
    return figures


def _server_bulk_loads(shards: Path, work: Path) -> dict:
    """Seconds for the servers' own bulk loaders to read a shard folder: `oxigraph load` (all files at
    once, in parallel) and Virtuoso's ld_dir + rdf_loader_run, where they are installed."""
    from bench.servers import VirtuosoServer

    out = {}
    if shutil.which("oxigraph"):
        data = work / "oxigraph-load"
        shutil.rmtree(data, ignore_errors=True)
        out["oxigraph"], _rss, _r = _run(["oxigraph", "load", "--location", str(data), "--file",
                                          *map(str, sorted(shards.glob("*.nq.gz")))])
        shutil.rmtree(data, ignore_errors=True)
    if shutil.which("virtuoso-t"):
        folder = work / "virtuoso-load"
        shutil.rmtree(folder, ignore_errors=True)
        server = VirtuosoServer(folder).start()
        try:
            shutil.copytree(shards, folder / "shards")
            start = time.perf_counter()
            server.sql(f"ld_dir('{folder / 'shards'}', '*.nq.gz', 'urn:pufa:unused');")
            server.sql("rdf_loader_run();")
            server.sql("checkpoint;")
            out["virtuoso"] = time.perf_counter() - start
        finally:
            server.stop()
            shutil.rmtree(folder, ignore_errors=True)
    return out


def one_process_budget(files: list[Path], store: Path, floor_mb_per_s: float, megabytes: float) -> dict:
    """Where one process's time goes, measured one part after the other: the per-report analysis
    (read … N-Quads, as ingest's workers do it) and the store write of its result (bulk loads in
    ingest's batches, then the final compaction). ``ingest --jobs 1`` overlaps the two on two cores."""
    from pufa_graph.ingest import batch_triples_setting, process_file
    from pufa_graph.store.embedded import EmbeddedStore
    from pufa_graph.vocab import doc_graph

    shutil.rmtree(store, ignore_errors=True)
    start = time.perf_counter()
    done = [process_file(str(f)) for f in files]
    analysis = time.perf_counter() - start
    quads = sum(p.triples for p in done)
    batch_quads = batch_triples_setting()
    db = EmbeddedStore(store)
    start, cpu = time.perf_counter(), time.process_time()
    batch: list = []
    for i, p in enumerate(done):
        batch.append(p)
        if sum(b.triples for b in batch) >= batch_quads or i == len(done) - 1:
            db.write_reports("".join(b.nquads for b in batch), graphs=[doc_graph(b.id).value for b in batch],
                             answers=[b.answers for b in batch])
            batch = []
    loaded = time.perf_counter() - start
    db.optimize()
    written, write_cpu = time.perf_counter() - start, time.process_time() - cpu
    stored = db.triple_count()
    in_reports = int(db.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { "
                              "?d a <https://w3id.org/pufa-graph/ontology#Report> . ?s ?p ?o } }")[0]["n"])
    db.close()
    shutil.rmtree(store, ignore_errors=True)
    n = len(files)
    return {"analysis_ms_per_report": round(analysis / n * 1000, 1),
            "analysis_ratio_to_floor": round(megabytes / analysis / floor_mb_per_s, 3),
            # what the store holds per report: all its quads (the reports', the entities', the ontology's),
            # and those of the reports' own graphs; quads_written counts what each report sent, before the
            # entities graph merged what reports share
            "quads_per_report": round(stored / n), "report_graph_quads_per_report": round(in_reports / n),
            "quads_written_per_report": round(quads / n), "write_ms_per_report": round(written / n * 1000, 1),
            "write_cpu_ms_per_report": round(write_cpu / n * 1000, 1),
            "load_us_per_quad": round(loaded / quads * 1e6, 1), "compaction_s": round(written - loaded, 1),
            "floor_ms_per_report": round(megabytes / floor_mb_per_s / n * 1000, 1)}


QUADS = """import collections, json, sys, pyoxigraph
store = pyoxigraph.Store.read_only(sys.argv[1])
shared = {"https://w3id.org/pufa-graph/id/graph/entities": "entities", "https://w3id.org/pufa-graph/id/graph/ontology": "ontology"}
counts = collections.Counter()
for quad in store:
    name = getattr(quad.graph_name, "value", "")
    counts[shared.get(name, "reports" if "/graph/" in name and "/_" not in name else "pufa")] += 1
reports = sum(1 for g in store.named_graphs() if g.value not in shared and "/_" not in g.value)
print(json.dumps({"graphs": reports, **counts}))"""


def quads_figures(store: Path) -> dict:
    """Quads per report in the store: all of them, and by kind of graph (the reports' own, their share of
    the entities and the ontology graph); ``pufa`` is the store's own bookkeeping."""
    _elapsed, _rss, result = _run([sys.executable, "-c", QUADS, str(store)])
    counts = json.loads(result.stdout)
    n = counts.pop("graphs")
    return {"per_report": round(sum(v for k, v in counts.items() if k != "pufa") / n, 1),
            **{f"{k}_per_report": round(v / n, 1) for k, v in sorted(counts.items())}}


def query_figures(store: Path, repeats: int = 30) -> dict:
    from pufa_graph.queries import who_promoted
    from pufa_graph.store import open_store

    with open_store(str(store)) as s:
        who_promoted(s, "民法典", venue_type="school")  # warm
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            answers = who_promoted(s, "民法典", venue_type="school")
            times.append(time.perf_counter() - start)
    return _percentiles(times) | {"answers": len(answers)}


def cli_figures(store: Path, repeats: int = 7) -> dict:
    """The CLI end to end: the flagship question, --help, and the activity frames of one report (every
    activity's details and quantities, as `pufa activities --doc` and the scorer read them)."""
    import compileall

    import pufa_graph

    # bytecode as `pip install` writes it (this machine sets PYTHONDONTWRITEBYTECODE, and compiling the
    # modules again in every process was an eighth of `ask`)
    compileall.compile_dir(str(Path(pufa_graph.__file__).parent), quiet=1)
    ask_times, help_times, one_report = [], [], []
    _elapsed, _rss, listed = _run(["pufa", "--store", str(store), "docs", "--format", "json"])
    doc = json.loads(listed.stdout)[0]["id"]
    for _ in range(repeats):
        elapsed, _rss, _r = _run(["pufa", "--store", str(store), "ask", "哪些机构在学校宣传了民法典？", "--format", "json"])
        ask_times.append(elapsed)
        elapsed, _rss, _r = _run(["pufa", "--help"])
        help_times.append(elapsed)
        elapsed, _rss, _r = _run(["pufa", "--store", str(store), "activities", "--doc", doc, "--format", "json"])
        one_report.append(elapsed)
    return {"ask": _percentiles(ask_times), "help": _percentiles(help_times),
            "activities_of_one_report": _percentiles(one_report)}


DUMP = """import sys, pyoxigraph
pyoxigraph.Store.read_only(sys.argv[1]).dump(output=sys.argv[2], format=pyoxigraph.RdfFormat.N_QUADS)"""


def export_figures(store: Path, out: Path, check_timeout: float = 1800) -> dict:
    """Every export and `check`, each in its own process: seconds and peak RSS; and pyoxigraph's own N-Quads
    dump of the store, the rate exports are measured against."""
    out.mkdir(parents=True, exist_ok=True)
    elapsed, rss_kb, _r = _run([sys.executable, "-c", DUMP, str(store), str(out / "dump.nq")])
    figures = {"pyoxigraph_dump": {"seconds": round(elapsed, 1), "peak_rss_mb": round(rss_kb / 1024, 1)}}
    for fmt, name in (("turtle", "p.ttl"), ("nquads", "p.nq"), ("trig", "p.trig"), ("ntriples", "p.nt"),
                      ("jsonld", "p.jsonld"), ("graphml", "p.graphml"), ("neo4j-csv", "neo4j")):
        elapsed, rss_kb, _r = _run(["pufa", "--store", str(store), "export", "--format", fmt, "-o", str(out / name)])
        figures[fmt] = {"seconds": round(elapsed, 1), "peak_rss_mb": round(rss_kb / 1024, 1),
                        "over_dump": round(elapsed / max(figures["pyoxigraph_dump"]["seconds"], 0.1), 2)}
    try:
        elapsed, rss_kb, _r = _run(["pufa", "--store", str(store), "check", "--format", "json"], timeout=check_timeout)
        figures["check"] = {"seconds": round(elapsed, 1), "peak_rss_mb": round(rss_kb / 1024, 1),
                            "over_dump": round(elapsed / max(figures["pyoxigraph_dump"]["seconds"], 0.1), 2)}
    except subprocess.TimeoutExpired:
        figures["check"] = {"seconds": f"stopped after {check_timeout:.0f}"}
    return figures


def viz_figures(store: Path, out: Path) -> dict | None:
    try:
        from pufa_graph import viz
    except ImportError:
        return None
    from pufa_graph.store import open_store

    start = time.perf_counter()
    with open_store(str(store)) as s:
        result = viz.write_graph(s, out, max_nodes=5000)
    return {"seconds": round(time.perf_counter() - start, 1), "nodes": result.get("nodes"),
            "mb": round(out.stat().st_size / 1e6, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=10000, help="reports in the corpus (default 10000)")
    ap.add_argument("--sample", type=int, default=1000, help="reports for the one-process and scaling figures")
    ap.add_argument("--corpus", type=Path, help="an existing corpus folder (default: generate one)")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "pufa-bench")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--skip-full", action="store_true", help="skip the full-corpus ingest and the figures on it")
    ap.add_argument("--skip-dask", action="store_true", help="skip the full-corpus ingest on a Dask LocalCluster")
    ap.add_argument("--skip-exports", action="store_true",
                    help="skip the exports, `pufa check` and the graph page (half an hour on the full store)")
    ap.add_argument("--check-timeout", type=float, default=1800, help="stop `pufa check` after this many seconds")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    corpus = args.corpus or args.work / f"corpus-{args.count}"
    if not corpus.exists() or len(list(corpus.iterdir())) < args.count:
        from bench.corpus import generate

        generate(corpus, args.count, seed=0)
    sample = _sample_dir(corpus, args.sample, args.work / f"sample-{args.sample}")
    files = sorted(sample.iterdir())
    texts = normalized_texts(files)
    sample_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    figures: dict = {}

    def record(key: str, value) -> None:
        """Print each figure as soon as it is measured, and keep the JSON file current."""
        figures[key] = value
        print(f"{key:34} {json.dumps(value, ensure_ascii=False)}", flush=True)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    print(f"{'figure':34} value", flush=True)
    record("machine", machine_speed())
    record("corpus", {"reports": args.count, "sample": len(files), "sample_normalized_mb": round(sample_mb, 3)})
    record("floor", floor(texts))
    record("jobs1", ingest_figures(sample, args.work / "store-j1", 1, sample_mb, len(files)))
    record("jobs2_sample", ingest_figures(sample, args.work / "store-j2", 2, sample_mb, len(files)))
    record("ratio_to_floor", round(figures["jobs1"]["mb_per_s"] / figures["floor"]["mb_per_s"], 3))
    record("scaling_jobs2_over_jobs1", round(figures["jobs2_sample"]["mb_per_s"] / figures["jobs1"]["mb_per_s"], 2))
    record("shards_sample", shard_figures(sample, args.work, 2, len(files)))
    record("one_process_budget", one_process_budget(files, args.work / "store-budget", figures["floor"]["mb_per_s"],
                                                    sample_mb))
    store = args.work / "store-j1"
    if not args.skip_full:
        full_mb = sample_mb * args.count / len(files)  # estimated from the sample
        record("jobs2_full", ingest_figures(corpus, args.work / "store-full", 2, full_mb, args.count))
        store = args.work / "store-full"
        if not args.skip_dask:
            record("dask2_full", ingest_figures(corpus, args.work / "store-dask", 2, full_mb, args.count, "dask"))
            record("dask_over_jobs2", round(figures["dask2_full"]["seconds"] / figures["jobs2_full"]["seconds"], 2))
            record("dask_same_quads", quads_figures(args.work / "store-dask") == quads_figures(store))
            shutil.rmtree(args.work / "store-dask", ignore_errors=True)
    record("quads", quads_figures(store))
    record("query_who_promoted", query_figures(store))
    record("cli", cli_figures(store))
    if not args.skip_exports:
        record("exports", export_figures(store, args.work / "exports", args.check_timeout))
        record("viz_5000", viz_figures(store, args.work / "graph.html"))


if __name__ == "__main__":
    main()
