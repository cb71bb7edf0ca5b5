"""The default store: Oxigraph embedded on disk (no server), through pyoxigraph.

Each ``update`` is one transaction, so a killed ingest leaves whole reports only. Beside the
RDF lives the answer index (:mod:`.answers`), written in the same batches.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from ..errors import StoreError
from ..vocab import ID
from .answers import AnswerIndex, ReportAnswers, answers_in_store
from .base import GraphStore

#: the graph that journals report graphs being written
JOURNAL = pyoxigraph.NamedNode(f"{ID}graph/_journal")


def plain(term) -> str | None:
    if term is None:
        return None
    return term.value


class EmbeddedStore(GraphStore):
    def __init__(self, path: Path, read_only: bool = False):
        self.location = str(path)
        self._index: AnswerIndex | None = None
        try:
            if read_only:
                self._store = pyoxigraph.Store.read_only(str(path))
                self._index = AnswerIndex.open(path, read_only=True)
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = pyoxigraph.Store(str(path))
                self.recovered = self._recover()
                self._index = AnswerIndex.open(path)
                if self._index is not None:
                    self.index_state = self._index.settle(self._committed, lambda: answers_in_store(self))
        except OSError as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreError(f"store {path} is in use by another pufa process (wait for it to finish)") from None
            raise StoreError(f"cannot open store {path}: {msg}") from None

    @property
    def raw(self):
        """The pyoxigraph.Store, for bulk reads and dumps."""
        return self._store

    def query(self, sparql: str, read_only: bool = True) -> list[dict[str, str | None]]:
        """SELECT rows, an ASK result, or CONSTRUCT/DESCRIBE triples as rows of s, p, o."""
        try:
            result = self._store.query(sparql)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from None
        if isinstance(result, bool):
            return [{"result": "true" if result else "false"}]
        if isinstance(result, pyoxigraph.QueryTriples):
            return [{"s": t.subject.value, "p": t.predicate.value, "o": t.object.value} for t in result]
        names = [v.value for v in result.variables]
        return [{name: plain(solution[name]) for name in names} for solution in result]

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL update syntax error: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot write to store {self.location}: {exc}") from None

    @property
    def answers(self) -> AnswerIndex | None:
        """The answer index, when it is known to match the store (else queries use SPARQL)."""
        if self._index is not None and self._index.usable():
            return self._index
        return None

    def write_reports(self, nquads: str, graphs: list[str], drop=(),
                      answers: list[ReportAnswers] | None = None) -> None:
        """Bulk-load a batch of reports under a journal, so a crash never leaves a half-written one.

        0. write the batch's answer-index rows, marked pending;
        1. journal the graphs about to be written (a transaction);
        2. bulk-load the N-Quads (fast, not transactional);
        3. drop the graphs they replace and clear the journal (one transaction);
        4. mark the index rows done.
        Opening the store after a crash drops every journalled graph (``_recover``) and settles the index.
        """
        from ..vocab import PUFA, XSD

        drop = list(drop)
        self._index_begin(answers, graphs, drop)
        existing = [g for g in graphs if self._store.contains_named_graph(pyoxigraph.NamedNode(g))]
        if existing:  # the same report, re-read by a newer pipeline: rewritten in place
            GraphStore.drop_graphs(self, existing)
        true = pyoxigraph.Literal("true", datatype=XSD.boolean)
        try:
            self._store.extend([pyoxigraph.Quad(pyoxigraph.NamedNode(g), PUFA.pendingWrite, true, JOURNAL)
                                for g in graphs])
            self._store.bulk_load(nquads.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
        except (SyntaxError, OSError) as exc:
            self._recover()
            raise StoreError(f"cannot write to store {self.location}: {exc}") from None
        parts = [f"DROP SILENT GRAPH <{g}>" for g in drop if g not in graphs] + [f"DROP SILENT GRAPH {JOURNAL}"]
        self.update(" ;\n".join(parts))
        if self._index is not None:
            self._index.done()

    def drop_graphs(self, graphs) -> None:
        graphs = list(graphs)
        self._index_begin([], [], graphs)
        super().drop_graphs(graphs)
        if self._index is not None:
            self._index.done()

    def _index_begin(self, answers: list[ReportAnswers] | None, graphs: list[str], drop: list[str]) -> None:
        if self._index is None:
            return
        if answers is None and graphs:  # written without index rows: rebuild it on the next open
            self._index.invalidate()
            self._index = None
            return
        self._index.begin(answers or [], [g.rsplit("/", 1)[-1] for g in drop], written=graphs, dropped=drop)

    def _committed(self, batch: dict) -> bool:
        """Did the store transaction of an index batch commit? (journal cleared, written there, dropped gone)"""
        from ..vocab import PUFA

        def has(graph: str) -> bool:
            return self._store.contains_named_graph(pyoxigraph.NamedNode(graph))

        journalled = {q.subject.value for q in self._store.quads_for_pattern(None, PUFA.pendingWrite, None, JOURNAL)}
        return (not journalled & set(batch["written"]) and all(has(g) for g in batch["written"])
                and not any(has(g) for g in batch["dropped"] if g not in batch["written"]))

    def _recover(self) -> list[str]:
        """Drop the graphs an interrupted ingest was writing; returns them."""
        from ..vocab import PUFA

        pending = [q.subject.value for q in self._store.quads_for_pattern(None, PUFA.pendingWrite, None, JOURNAL)]
        if pending:
            self.update(" ;\n".join([f"DROP SILENT GRAPH <{g}>" for g in pending] + [f"DROP SILENT GRAPH {JOURNAL}"]))
        elif self._store.contains_named_graph(JOURNAL):
            self._store.remove_graph(JOURNAL)
        return pending

    def optimize(self) -> None:
        """Merge the files that bulk loads leave: on 10,000 reports the flagship query drops from
        1.26 s to 0.75 s for about 16 s of compaction."""
        self._store.optimize()

    def close(self) -> None:
        if getattr(self, "_index", None) is not None:
            self._index.close()
            self._index = None
        store = getattr(self, "_store", None)
        if store is not None:
            try:
                store.flush()
            except Exception:  # noqa: BLE001 - read-only stores cannot flush
                pass
            self._store = None
