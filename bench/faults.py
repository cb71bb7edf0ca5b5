"""Kills at random moments of an ingest that replaces every report, on both stores (issue 14).

    python -m bench.faults                        # 200 reports, 20 kills of the client and 20 of the
                                                  # server, embedded store and an Oxigraph server
    python -m bench.faults --reports 60 --kills 3 --json bench/out/faults.json

Each round ages every stored report (its pipelineVersion is set to an old one, so the next ingest
rewrites all of them in place), starts `pufa ingest`, and kills the client (SIGKILL) or the Oxigraph
server at a random moment of it. Then it checks the store: every path must hold exactly one report,
old or new, with every one of its statements. A last ingest must repair everything.

The tests (tests/test_faults.py) run the same rounds with a few kills; this is the many-kill mode.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.servers import OxigraphServer

OLD_VERSION = "0.0.0-aged"


def corpus(folder: Path, count: int) -> list[Path]:
    """Distinct generated reports (bench/corpus.py), every container the readers take."""
    from bench.corpus import generate

    return generate(folder, count, seed=14)


def expected_statements(paths: list[Path]) -> dict[str, tuple[str, int]]:
    """Source key (of the resolved path) -> (file name, how many statements its report's graph holds)."""
    from pufa_graph.ingest import process_file

    from pufa_graph.graph import source_key

    out = {}
    for path in paths:
        processed = process_file(str(path))
        assert processed.error is None, processed.error
        out[source_key(str(path.resolve()))] = (path.name, processed.graph_triples)
    return out


#: worker processes of each ingest; the parent alone writes, so kills land the same way
JOBS = "2"


def pufa(location: str, *args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pufa_graph.cli", "--store", location, *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def ingest(location: str, folder: Path, env: dict | None = None, timeout: float = 600) -> str:
    """A whole ingest; returns its stderr."""
    proc = pufa(location, "ingest", "-q", "-j", JOBS, str(folder), env=env)
    _, err = proc.communicate(timeout=timeout)
    return err.decode("utf-8", "replace")


def age(location: str) -> None:
    """Make every stored report look written by an older pipeline: the next ingest rewrites each in place."""
    from pufa_graph.store import open_store
    from pufa_graph.store.base import PROLOGUE

    with open_store(location, create=False) as store:
        store.recover()
        store.update(PROLOGUE + f"""
            DELETE {{ GRAPH ?g {{ ?d pufa:pipelineVersion ?v }} }}
            INSERT {{ GRAPH ?g {{ ?d pufa:pipelineVersion "{OLD_VERSION}" }} }}
            WHERE {{ GRAPH ?g {{ ?d a pufa:Report ; pufa:pipelineVersion ?v }} }}""")


#: entities a stored report points to that the entities graph does not describe
UNDESCRIBED = """SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  GRAPH ?g { ?d a <https://w3id.org/pufa-graph/ontology#Report> . ?s ?p ?e .
             FILTER(STRSTARTS(STR(?e), "https://w3id.org/pufa-graph/id/entity/")
                    || STRSTARTS(STR(?e), "https://w3id.org/pufa-graph/id/region/")) }
  FILTER NOT EXISTS { GRAPH <https://w3id.org/pufa-graph/id/graph/entities> { ?e a ?class } }
}"""


def problems(location: str, expected: dict[str, tuple[str, int]]) -> list[str]:
    """What is wrong with the store, as a reader sees it: a file without exactly one whole report, or
    an entity a report points to that no description says what it is."""
    from pufa_graph.store import open_store

    with open_store(location, create=False, read_only=not location.startswith("http")) as store:
        docs = store.documents()
        counts = {r["g"]: int(r["n"]) for r in store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
        undescribed = int(store.query(UNDESCRIBED)[0]["n"])
    found = [f"{undescribed} entities without a description"] if undescribed else []
    by_path: dict[str, list] = {}
    for d in docs:
        by_path.setdefault(d.path, []).append(d)
    for key, (name, statements) in expected.items():
        held = by_path.get(key, [])
        if len(held) != 1:
            found.append(f"{name}: {len(held)} reports")
        elif counts.get(held[0].graph) != statements:
            found.append(f"{name}: {counts.get(held[0].graph)} of {statements} statements")
    return found


def versions(location: str) -> dict[str, int]:
    from collections import Counter

    from pufa_graph.store import open_store

    with open_store(location, create=False, read_only=not location.startswith("http")) as store:
        return dict(Counter("old" if d.version == OLD_VERSION else "new" for d in store.documents()))


@dataclass
class Round:
    store: str
    victim: str  # client | server
    at_s: float
    killed: bool  # False when the ingest ended before the moment came
    versions: dict
    problems: list[str] = field(default_factory=list)


def kill_rounds(location: str, folder: Path, expected: dict[str, tuple[str, int]], kills: int, victim: str = "client",
                server: OxigraphServer | None = None, rng: random.Random | None = None,
                env: dict | None = None, on_round=None) -> list[Round]:
    """``kills`` rounds: age every report, ingest, kill at a random moment of it, check."""
    rng = rng or random.Random(14)
    started = time.perf_counter()
    age(location)
    err = ingest(location, folder, env=env)
    whole = time.perf_counter() - started
    assert not problems(location, expected), err
    rounds = []
    for _ in range(kills):
        age(location)
        at = rng.uniform(0.05, 1.0) * whole
        proc = pufa(location, "ingest", "-q", "-j", JOBS, str(folder), env=env)
        try:
            proc.wait(timeout=at)
            killed = False
        except subprocess.TimeoutExpired:
            killed = True
            if victim == "server":
                server.kill()
                server.start()
            proc.send_signal(signal.SIGKILL)  # with the server gone the client fails anyway; make it sure
        proc.wait()
        proc.stderr.close()
        rounds.append(Round(store="server" if server else "embedded", victim=victim, at_s=round(at, 2),
                            killed=killed, versions=versions(location), problems=problems(location, expected)))
        if on_round:
            on_round(rounds[-1])
    return rounds


def repaired(location: str, folder: Path, expected: dict[str, tuple[str, int]], env: dict | None = None) -> list[str]:
    """After the kills: one more ingest must leave every report whole and new."""
    ingest(location, folder, env=env)
    found = problems(location, expected)
    left = versions(location).get("old", 0)
    return found + ([f"{left} reports still old after the repairing ingest"] if left else [])


#: many small batches, so kills land between batches and inside them, not only around one
SMALL_BATCHES = {"PUFA_BATCH_REPORTS": "8", "PUFA_BATCH_TRIPLES": "1"}


def run(reports: int, kills: int, workdir: Path, stores=("embedded", "server"), on_round=None,
        victims=("client", "server")) -> dict:
    folder = workdir / "reports"
    paths = corpus(folder, reports)
    expected = expected_statements(paths)
    rng = random.Random(14)
    results: dict = {"reports": reports, "kills": kills, "rounds": [], "repair_problems": {}}

    def record(r: Round) -> None:
        results["rounds"].append(asdict(r))
        if on_round:
            on_round(r, results)

    batches = dict(os.environ, **SMALL_BATCHES)
    if "embedded" in stores:
        embedded = str(workdir / "embedded")
        ingest(embedded, folder, env=batches)
        kill_rounds(embedded, folder, expected, kills, rng=rng, env=batches, on_round=record)
        results["repair_problems"]["embedded"] = repaired(embedded, folder, expected, env=batches)
    if "server" in stores:
        server = OxigraphServer(workdir / "server").start()
        try:
            small_chunks = dict(batches, PUFA_REMOTE_CHUNK="400")  # smaller than a report: kills land mid-report
            ingest(server.url, folder, env=small_chunks)
            for victim in victims:
                kill_rounds(server.url, folder, expected, kills, victim=victim, server=server, rng=rng,
                            env=small_chunks, on_round=record)
            results["repair_problems"]["server"] = repaired(server.url, folder, expected, env=small_chunks)
        finally:
            server.stop()
    return results


def table(results: dict) -> str:
    lines = [f"{results['reports']} reports, {results['kills']} kills per (store, victim)", "",
             "| store | killed | rounds | kill landed | paths not exactly one whole report | old/new after kills |",
             "|---|---|---|---|---|---|"]
    groups: dict[tuple, list] = {}
    for r in results["rounds"]:
        groups.setdefault((r["store"], r["victim"]), []).append(r)
    for (store, victim), rounds in groups.items():
        mixed = sum(1 for r in rounds if len(r["versions"]) > 1)
        lines.append(f"| {store} | {victim} | {len(rounds)} | {sum(r['killed'] for r in rounds)} | "
                     f"{sum(len(r['problems']) for r in rounds)} | {mixed} rounds left a mix |")
    for store, found in results["repair_problems"].items():
        lines.append(f"\nafter a repairing ingest ({store}): {'all whole and new' if not found else found}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--stores", default="embedded,server", help="embedded, server or both (comma-separated)")
    parser.add_argument("--victims", default="client,server", help="on a server, kill the client, the server or both")
    parser.add_argument("--json", type=Path, help="Write the rounds here, after every round.")
    args = parser.parse_args()

    def progress(r: Round, results: dict) -> None:
        print(f"{r.store} {r.victim} kill at {r.at_s} s: {'killed' if r.killed else 'finished first'}, "
              f"{r.versions}, {len(r.problems)} problem(s)", file=sys.stderr, flush=True)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="pufa-faults-") as tmp:
        results = run(args.reports, args.kills, Path(tmp), stores=args.stores.split(","), on_round=progress,
                      victims=args.victims.split(","))
    print(table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
