"""Ingest: files -> documents -> one named graph per report in the store.

The per-report work (read, normalize, recognize, build triples) runs in worker
processes with ``jobs > 1``; only the parent writes, one transaction per batch,
so a crash leaves every earlier report whole. Writing runs in a background thread
(the store's bulk load releases the GIL), so the next reports are analysed meanwhile.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import __version__
from .errors import PufaError, shown
from .settings import setting
from .store.base import GraphStore


#: compact the embedded store after writing at least this many reports in one ingest
COMPACT_AFTER = 500
#: reports per store write, at least (unless $PUFA_BATCH_REPORTS says otherwise)
BATCH_REPORTS = 32
#: quads per store write, unless $PUFA_BATCH_TRIPLES says otherwise: bigger batches were no faster and cost memory
BATCH_TRIPLES = 300_000
#: fewer files than this are analysed in the ingesting process: a worker would cost more than it saves
IN_PROCESS_BELOW = 8
#: an id prefix names a report for ``remove`` from this many characters on (``remove 0`` must not pick one)
MIN_ID_PREFIX = 6
#: reports analysed by workers but not yet taken by the writer, at most: when the store writes slower
#: than the workers analyse, workers wait instead of the parent holding thousands of results in memory
MAX_AHEAD = 256


@dataclass
class Outcome:
    path: str
    status: str  # new | replaced | unchanged | failed (analysed, when only written as shards)
    id: str | None = None
    title: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)
    triples: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def to_json(self) -> dict:
        return {
            "stored": self.count("new") + self.count("replaced"),
            "new": self.count("new"), "replaced": self.count("replaced"),
            "unchanged": self.count("unchanged"), "failed": len(self.failed), "triples": self.triples,
            "files": [o.__dict__ for o in self.outcomes],
        }


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and every non-hidden file below a directory, in a stable order.

    A folder that cannot be listed stays in the list, so that reading it reports why (never skipped
    in silence)."""
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            out.append(path)
            continue
        found: list[Path] = []
        for folder, subfolders, names in os.walk(path, onerror=lambda exc: found.append(Path(exc.filename))):
            subfolders[:] = [d for d in subfolders if not d.startswith(".")]
            found += [Path(folder) / n for n in names if not n.startswith(".")]
        out += sorted(found)
    return out


@dataclass
class Processed:
    path: str
    id: str | None = None
    doc_path: str | None = None
    title: str | None = None
    nquads: str = ""  # the report's named graph, written out
    answers: object = None  # its rows for the store's answer index (store.answers.ReportAnswers)
    triples: int = 0  # quads written: the report's graph and its entity descriptions
    graph_triples: int = 0  # of them in the report's own graph
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def process_file(path: str, max_bytes: int | None = None, given=None, stored_text: str | None = None,
                 read: dict | None = None) -> Processed:
    """All per-report work; runs in a worker process. Errors come back as data, never as tracebacks.
    With ``stored_text`` the report is the text a store kept, named ``path`` (see ``pufa migrate``); with
    ``read``, the file as :func:`read_ahead` read it."""
    from .graph import report_nquads, source_key
    from .pipeline import analyse_stored, read_document
    from .store.answers import report_answers

    if stored_text is None and read is None and (folder := _folder(path)) is not None:
        return folder
    collecting = gc.isenabled()
    # one report's objects live until it is written out: the collector's full passes over them only
    # cost time, growing with the report (15 of 80 s on a 20 MB file); cycles are freed afterwards
    gc.disable()
    try:
        doc = (read_document(path, max_bytes=max_bytes, analyse=True, given=given, read=read) if stored_text is None
               else analyse_stored(stored_text, path, given))
        nquads, in_graph, entity_quads = report_nquads(doc)
        answers = report_answers(doc)
    except Exception as exc:  # noqa: BLE001 - a bug must not stop the other files
        return _failed(path, exc)
    finally:
        if collecting:
            gc.enable()
    return Processed(path=path, id=doc.id, doc_path=source_key(doc.path), title=doc.metadata.title, nquads=nquads,
                     answers=answers, triples=in_graph + entity_quads, graph_triples=in_graph,
                     warnings=doc.warnings)


def read_ahead(path: str, max_bytes: int | None = None) -> dict | Processed:
    """The file read and its text cleaned (:func:`pufa_graph.pipeline.read_file`), or why it cannot be: what
    the ingesting process does for its workers while they analyse, so that one job's worker only analyses
    (reading and cleaning were about a seventh of the work)."""
    from .pipeline import read_file

    if (folder := _folder(path)) is not None:
        return folder
    try:
        return read_file(path, max_bytes)
    except Exception as exc:  # noqa: BLE001 - a bug must not stop the other files
        return _failed(path, exc)


def _folder(path: str) -> Processed | None:
    """A folder expand_paths could not list, as a failure that says so."""
    if not os.path.isdir(path):
        return None
    try:
        os.listdir(path)
        cause = "is a folder"
    except OSError as exc:
        cause = f"cannot list this folder ({exc.strerror or exc})"
    return Processed(path=path, error=f"{shown(path)}: {cause}")


def _failed(path: str, exc: Exception) -> Processed:
    if isinstance(exc, PufaError):
        return Processed(path=path, error=str(exc))
    return Processed(path=path, error=f"{shown(path)}: internal error: {type(exc).__name__}: {exc}")


def _process_star(args: tuple) -> Processed:
    return process_file(*args)


def _process_read(args: tuple) -> Processed:
    """A worker's task: a file already read by :func:`read_ahead` (or its failure, handed back)."""
    path, max_bytes, given, read = args
    return read if isinstance(read, Processed) else process_file(path, max_bytes, given, read=read)


def _work(paths: list[Path], max_bytes: int | None, given_for=None) -> list[tuple]:
    """process_file's arguments for each file."""
    return [(str(p), max_bytes, given_for(p) if given_for else None) for p in paths]


def _processed(work: list[tuple], jobs: int) -> Iterator[Processed]:
    """Analysed reports, as they come. Even one job runs in a worker process once there are a few files:
    the parent's store write then has the other core to itself instead of sharing this process's lock
    (in-process, the write and the analysis slowed each other down by a third)."""
    from .segment import warm_up

    if len(work) < IN_PROCESS_BELOW:
        for item in work:
            yield _process_star(item)
        return
    import multiprocessing
    import threading

    chunksize = max(1, min(16, len(work) // (jobs * 8)))
    ahead = threading.Semaphore(max(MAX_AHEAD, 2 * chunksize * jobs))

    def feed() -> Iterator[tuple]:
        """Hand out work only while few results wait (the pool does not hold back on its own), each file read
        here first: this process has time to spare between the batches it writes."""
        for path, max_bytes, given in work:
            ahead.acquire()
            yield path, max_bytes, given, read_ahead(path, max_bytes)

    warm_up()  # forked workers inherit the loaded dictionaries instead of each loading its own
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for processed in pool.imap_unordered(_process_read, feed(), chunksize=chunksize):
            ahead.release()
            yield processed


def analysed(files: list[Path], jobs: int = 1, max_bytes: int | None = None, given_for=None,
             engine: str = "local", scheduler: str | None = None, scratch: str | None = None) -> Iterator[Processed]:
    """Every file analysed, in the order results come: by ``jobs`` local worker processes, or on a Dask
    cluster (``engine="dask"``), whose tasks write shards into ``scratch`` (a temporary folder here when
    none is named: a LocalCluster's workers share it)."""
    check_engine(engine, scheduler, scratch)
    work = _work(files, max_bytes, given_for)
    if engine == "local":
        yield from _processed(work, jobs)
        return
    import shutil
    import tempfile

    from .cluster import shards_on_dask

    folder = scratch or tempfile.mkdtemp(prefix="pufa-shards-")
    try:
        for shard in shards_on_dask(work, folder, jobs, scheduler):
            yield from shard
    finally:
        if scratch is None:
            shutil.rmtree(folder, ignore_errors=True)


def check_engine(engine: str, scheduler: str | None = None, scratch: str | None = None,
                 shards: str | None = None) -> None:
    """Where an ingest's analysis runs must make sense before anything starts: one line saying what is missing."""
    if engine not in ("local", "dask"):
        raise PufaError(f"unknown engine {engine!r} (local or dask)")
    if scratch and engine != "dask":
        raise PufaError("--scratch is where Dask workers write shards: use it with --engine dask")
    if scheduler and not scratch and not shards:
        raise PufaError("with --scheduler, name a --scratch folder that the workers and this machine share "
                        "(a network path, or a URL such as s3://bucket/pufa-shards)")


class BatchWriter:
    """Writes one batch at a time in a background thread; outcomes are reported once their batch is stored."""

    def __init__(self, store: GraphStore, report: "IngestReport", on_progress: Callable[[Outcome], None] | None):
        self.store, self.report, self.on_progress = store, report, on_progress
        self._thread = None
        self._error: BaseException | None = None
        self._in_flight: list[tuple[Outcome, Processed]] = []

    def submit(self, batch: list[tuple[Outcome, Processed, list[str]]]) -> None:
        import threading

        from .vocab import doc_graph

        self.wait()
        nquads = "".join(p.nquads for _, p, _ in batch)
        for _, p, _ in batch:
            p.nquads = ""  # joined above: do not hold the batch twice while it is written
        graphs = [doc_graph(p.id).value for _, p, _ in batch]
        drop = [doc_graph(old).value for _, _, olds in batch for old in olds]
        answers = [p.answers for _, p, _ in batch]

        def write() -> None:
            try:
                self.store.write_reports(nquads, graphs=graphs, drop=drop, answers=answers)
            except BaseException as exc:  # noqa: BLE001 - raised again in the ingesting thread
                self._error = exc

        self._in_flight = [(o, p) for o, p, _ in batch]
        self._thread = threading.Thread(target=write, name="pufa-writer", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Block until the batch in flight is stored; re-raise its error here."""
        if self._thread is None:
            return
        self._thread.join()
        self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        for outcome, processed in self._in_flight:
            self.report.triples += processed.triples
            if self.on_progress:
                self.on_progress(outcome)
        self._in_flight = []


def ingest(store: GraphStore, paths: Iterable[str | Path], jobs: int = 1, max_bytes: int | None = None,
           on_progress: Callable[[Outcome], None] | None = None, batch_size: int | None = None,
           batch_triples: int | None = None, issuer: str | None = None, manifest: dict | None = None,
           engine: str = "local", scheduler: str | None = None, scratch: str | None = None) -> IngestReport:
    """Store every readable report; re-ingesting an unchanged file changes nothing.

    ``issuer`` names the body whose reports these are, for pages that do not sign; ``manifest`` (from
    :func:`pufa_graph.manifest.read_manifest`) gives each file its issuer, date and url. ``engine``,
    ``scheduler`` and ``scratch``: where the analysis runs (see :func:`analysed`).
    """
    files = expand_paths(paths)
    work = analysed(files, jobs, max_bytes, _given_for(issuer, manifest), engine, scheduler, scratch)
    try:
        return store_analysed(store, work, on_progress, batch_size, batch_triples, expected=len(files))
    finally:
        work.close()  # a Dask cluster started for this ingest stops with it


def load(store: GraphStore, folder: str, on_progress: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Store the reports of a folder of shards (``pufa ingest --shards``), as an ingest of their files would."""
    from .shards import read_shards

    return store_analysed(store, read_shards(folder), on_progress)


@dataclass
class ShardRun:
    """What ``pufa ingest --shards`` wrote: the shards and, per file, analysed or failed."""

    folder: str
    shards: int = 0
    outcomes: list[Outcome] = field(default_factory=list)

    def to_json(self) -> dict:
        failed = sum(1 for o in self.outcomes if o.status == "failed")
        return {"folder": self.folder, "shards": self.shards, "analysed": len(self.outcomes) - failed,
                "failed": failed, "files": [o.__dict__ for o in self.outcomes]}


def analyse_to_shards(paths: Iterable[str | Path], folder: str, jobs: int = 1, max_bytes: int | None = None,
                      on_progress: Callable[[Outcome], None] | None = None, issuer: str | None = None,
                      manifest: dict | None = None, engine: str = "local",
                      scheduler: str | None = None) -> ShardRun:
    """Analyse the files into shards in ``folder`` (no store): ``pufa load`` stores them later."""
    from .shards import write_ontology, write_shards

    check_engine(engine, scheduler, shards=folder)
    run = ShardRun(folder)
    write_ontology(folder)

    def note(batch: list[Processed]) -> None:
        for p in batch:
            p.path = shown(p.path)
            outcome = (Outcome(p.path, "failed", error=p.error) if p.error else
                       Outcome(p.path, "analysed", id=p.id, title=p.title, warnings=p.warnings))
            run.outcomes.append(outcome)
            if on_progress:
                on_progress(outcome)
        run.shards += 1

    files = expand_paths(paths)
    given_for = _given_for(issuer, manifest)
    if engine == "dask":  # the tasks write the shards themselves
        from .cluster import shards_on_dask

        for shard in shards_on_dask(_work(files, max_bytes, given_for), folder, jobs, scheduler):
            note(shard)
        return run
    write_shards(analysed(files, jobs, max_bytes, given_for), folder, on_shard=note)
    return run


def store_analysed(store: GraphStore, work: Iterable[Processed],
                   on_progress: Callable[[Outcome], None] | None = None, batch_size: int | None = None,
                   batch_triples: int | None = None, expected: int | None = None) -> IngestReport:
    """Write analysed reports: new and changed ones, in batches (at least ``batch_size`` reports, or more
    until ``batch_triples`` triples: the embedded store's bulk load makes far fewer, larger files from big
    batches), while the next are analysed; unchanged and failed ones are only reported.

    Knowing how many reports to ``expect``, batches shrink towards the end (none above half of what is
    left to analyse): the last batch is written after the analysis has ended, with nothing to overlap, so
    it should be small (a full batch there was 2.4 of 36 s on 1,000 reports). Compacting the store before
    the last batches instead of after them saved less than a second and left the queries twice as slow."""
    if batch_triples is None:
        batch_triples = batch_triples_setting()
    if batch_size is None:
        batch_size = setting("PUFA_BATCH_REPORTS", BATCH_REPORTS)
    report = IngestReport()
    store.recover()
    store.ensure_model()
    known = {d.id: d for d in store.documents()}
    by_path: dict[str, list[str]] = {}
    for d in known.values():
        by_path.setdefault(d.path, []).append(d.id)
    pending: list[tuple[Outcome, Processed, list[str]]] = []
    writer = BatchWriter(store, report, on_progress)

    def flush() -> None:
        if pending:
            writer.submit(list(pending))
            pending.clear()

    seen_ids: set[str] = set()
    try:
        for processed in work:
            processed.path = shown(processed.path)  # printed and written as JSON: no undecodable bytes
            if processed.error:
                outcome = Outcome(processed.path, "failed", error=processed.error)
            elif processed.id in seen_ids or (processed.id in known and known[processed.id].version == __version__
                                              and (store.journalled or store.is_whole(known[processed.id].graph,
                                                                                      processed.graph_triples))):
                outcome = Outcome(processed.path, "unchanged", id=processed.id, title=processed.title,
                                  warnings=processed.warnings)
            else:
                olds = [i for i in by_path.get(processed.doc_path or "", []) if i != processed.id]
                status = "replaced" if olds or processed.id in known else "new"
                outcome = Outcome(processed.path, status, id=processed.id, title=processed.title,
                                  warnings=processed.warnings)
                pending.append((outcome, processed, olds))
                if processed.doc_path:
                    by_path[processed.doc_path] = [processed.id]
            if processed.id:
                seen_ids.add(processed.id)
            report.outcomes.append(outcome)
            if outcome.status in ("failed", "unchanged") and on_progress:
                on_progress(outcome)
            left = expected - len(report.outcomes) if expected is not None else None
            if len(pending) >= batch_size and (sum(p.triples for _, p, _ in pending) >= batch_triples
                                               or (left is not None and len(pending) >= left / 2)):
                flush()
        flush()
    finally:
        writer.wait()  # even when interrupted: the batch in flight is stored whole
    if report.count("new") + report.count("replaced") >= COMPACT_AFTER:
        store.optimize()
    return report


def _given_for(issuer: str | None, manifest: dict | None):
    """path -> what the user says of it: its manifest row, with --issuer where the row names none."""
    if not issuer and not manifest:
        return None
    from dataclasses import replace

    from .manifest import Given

    default = Given(issuer=issuer, source="--issuer", issuer_fallback=True) if issuer else None

    def given_for(path: Path):
        row = (manifest or {}).get(str(Path(path).resolve()))
        if row is None:
            return default
        return replace(row, issuer=issuer, issuer_fallback=True) if issuer and not row.issuer else row
    return given_for


def batch_triples_setting() -> int:
    return setting("PUFA_BATCH_TRIPLES", BATCH_TRIPLES)


def remove(store: GraphStore, doc_ids: Iterable[str]) -> list[str]:
    """Drop whole reports by id (or unique id prefix, or source file name); returns the ids removed."""
    from .lookup import reports_named
    from .vocab import doc_graph

    docs = store.documents()
    chosen: list[str] = []
    for key in doc_ids:
        if not key.strip():
            raise PufaError("an empty name matches no report: give a report id, id prefix or file name")
        matches = reports_named(docs, key)
        if len(key) < MIN_ID_PREFIX and matches and key not in {matches[0].id, matches[0].source}:
            raise PufaError(f"'{key}' is too short to name a report: give its full id, at least "
                            f"{MIN_ID_PREFIX} characters of it, or its file name (see `pufa docs`)")
        if len(matches) != 1:
            what = "no stored report" if not matches else f"{len(matches)} reports"
            raise PufaError(f"'{key}' matches {what} (see `pufa docs`)")
        chosen.append(matches[0].id)
    store.drop_graphs(doc_graph(i).value for i in chosen)
    return chosen
