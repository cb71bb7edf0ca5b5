"""``pufa doctor``: what a store holds and what is wrong with it, found without changing anything."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import StoreError


@dataclass
class Health:
    store: str
    kind: str  # embedded | remote
    ok: bool = True
    layout: int | None = None
    #: the RDF model the store is written in (None: no reports yet)
    model: int | None = None
    reports: int | None = None
    graphs: int | None = None
    #: report graphs a write cut short: drafts and journalled graphs (the next ingest drops them)
    unfinished: list[str] = field(default_factory=list)
    #: graphs that are neither a report, a draft nor the journal
    stray: list[str] = field(default_factory=list)
    index: str = "none"  # usable | pending | incomplete | none | unreadable
    leftover_files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def problem(self, text: str) -> None:
        self.ok = False
        self.problems.append(text)

    def to_json(self) -> dict:
        return asdict(self)


def diagnose(location: str) -> Health:
    from . import inspect_folder, is_remote, open_store

    health = Health(store=location, kind="remote" if is_remote(location) else "embedded")
    if health.kind == "embedded":
        found = inspect_folder(Path(location))
        health.layout = found.layout
        if found.state in ("absent", "empty"):
            health.problem(f"no store at {location}")
            return health
        if found.state == "foreign" or found.problems:
            for problem in found.problems:
                health.problem(problem)
            return health
        health.leftover_files = sorted(p.name for p in Path(location).glob("bulk-*.sst"))
        if health.leftover_files:
            health.problem(f"{len(health.leftover_files)} file(s) left by a failed bulk load (safe to delete)")
    try:
        store = open_store(location, create=False, read_only=True, any_model=True)
    except StoreError as exc:
        health.problem(str(exc))
        return health
    with store:
        try:
            _count(store, health)
        except StoreError as exc:
            health.problem(str(exc))
    return health


def _count(store, health: Health) -> None:
    from ..vocab import ENTITIES_GRAPH, ID, MODEL_VERSION, ONTOLOGY_GRAPH
    from .base import DRAFTS, JOURNAL_GRAPH, old_model

    health.model = store.model_version()
    if health.model is not None and health.model != MODEL_VERSION:
        health.problem(old_model(store.location, health.model))
        return
    docs = store.documents()
    health.reports = len(docs)
    report_graphs = {d.graph for d in docs}
    rows = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = [r["g"] for r in rows if r["g"].startswith(ID + "graph/")]  # not a server's own graphs
    health.graphs = len(graphs)
    health.unfinished = sorted(set(store.unfinished()) | {g for g in graphs if g.startswith(DRAFTS)})
    if health.unfinished:
        health.problem(f"{len(health.unfinished)} graph(s) left by a write cut short or under way"
                       " (the next `pufa ingest` drops them)")
    health.stray = sorted(set(graphs) - report_graphs - set(health.unfinished)
                          - {JOURNAL_GRAPH, ENTITIES_GRAPH, ONTOLOGY_GRAPH})
    if health.stray:
        health.problem(f"{len(health.stray)} named graph(s) hold no report")
    ids = [d.id for d in docs]
    if len(ids) != len(set(ids)):
        health.problem("some report is stored twice")
    health.index = store.answer_index_state()
    if health.index == "unreadable":
        health.problem("the answer index cannot be read (the next `pufa ingest` rebuilds it)")
