"""The default store: Oxigraph embedded on disk (no server), through pyoxigraph.

Each ``update`` is one transaction, so a killed ingest leaves whole reports only. Beside the
RDF lives the answer index (:mod:`.answers`), written in the same batches.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pyoxigraph

from ..errors import StoreError
from .answers import AnswerIndex, ReportAnswers, answers_in_store
from .base import FORGET_UNMENTIONED, JOURNAL_GRAPH, GraphStore, draft_graph, is_report_graph, retarget

#: the graph that journals report graphs being written
JOURNAL = pyoxigraph.NamedNode(JOURNAL_GRAPH)


def plain(term) -> str | None:
    if term is None:
        return None
    return term.value


class EmbeddedStore(GraphStore):
    #: every write is journalled and recovered on open, so a stored report is whole
    journalled = True

    def __init__(self, path: Path, read_only: bool = False):
        self.location = str(path)
        self._index: AnswerIndex | None = None
        #: the graphs a reader may see, when a write is under way or was cut short (else None: all of them)
        self._visible: list | None = None
        try:
            if read_only:
                self._store = pyoxigraph.Store.read_only(str(path))
                self._visible = self._complete_graphs()
                self._index = AnswerIndex.open(path, read_only=True)
            else:
                self._store = pyoxigraph.Store(str(path))
                self.recovered = self._recover()
                self._index = AnswerIndex.open(path)
                if self._index is not None:
                    self.index_state = self._index.settle(self._committed, lambda: answers_in_store(self))
        except (OSError, RuntimeError) as exc:
            raise self._failure(exc, "open") from None

    def _failure(self, exc: BaseException, doing: str) -> StoreError:
        """The one-line error for what RocksDB said."""
        from . import damaged

        msg = str(exc)
        if "corrupt" in msg.lower() or "checksum" in msg.lower() or "No such file" in msg:
            return damaged(Path(self.location), msg.split("\n")[0].split("  ")[0][:300])
        if "/LOCK:" in msg or "lock hold" in msg:
            return StoreError(f"store {self.location} is in use by another pufa process (wait for it to finish)")
        return StoreError(f"cannot {doing} store {self.location}: {msg[:300]}")

    def unfinished(self) -> list[str]:
        from ..vocab import PUFA

        return [q.subject.value for q in self._store.quads_for_pattern(None, PUFA.pendingWrite, None, JOURNAL)]

    def _complete_graphs(self) -> list | None:
        """Every named graph but those a journal says are being written; None when none is."""
        pending = {pyoxigraph.NamedNode(g) for g in self.unfinished()}
        if not pending:
            return None
        return [g for g in self._store.named_graphs() if g not in pending and g != JOURNAL]

    @property
    def raw(self):
        """The pyoxigraph.Store, for bulk reads and dumps; None while some graphs must stay hidden
        (a write under way or cut short), so readers go through ``query``, which hides them."""
        return self._store if self._visible is None else None

    def query(self, sparql: str) -> list[dict[str, str | None]]:
        """SELECT rows, an ASK result, or CONSTRUCT/DESCRIBE triples as rows of s, p, o."""
        try:
            result = self._store.query(sparql, named_graphs=self._visible)
            if isinstance(result, (bool, pyoxigraph.QueryBoolean)):
                return [{"result": "true" if bool(result) else "false"}]
            if isinstance(result, pyoxigraph.QueryTriples):
                return [{"s": t.subject.value, "p": t.predicate.value, "o": t.object.value} for t in result]
            names = [v.value for v in result.variables]
            return [{name: plain(solution[name]) for name in names} for solution in result]
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from None
        except (OSError, RuntimeError) as exc:
            raise self._failure(exc, "read") from None

    def terms(self, sparql: str) -> list[dict]:
        try:
            result = self._store.query(sparql, named_graphs=self._visible)
            names = [v.value for v in result.variables]
            return [{name: solution[name] for name in names} for solution in result]
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from None
        except (OSError, RuntimeError) as exc:
            raise self._failure(exc, "read") from None

    def graph_triples(self, graph: str) -> list[tuple]:
        node = pyoxigraph.NamedNode(graph)
        if self._visible is not None and node not in self._visible:
            return []
        return [(q.subject, q.predicate, q.object) for q in self._store.quads_for_pattern(None, None, None, node)]

    def graph_lines(self, graph: str):
        """Oxigraph writes the N-Triples itself (creating no Python term objects: exports run near its own
        dump rate); a report's graph is sorted in memory, a shared graph by an external merge sort of
        its dump, so memory stays bounded however large it grows."""
        from .sorting import sorted_chunks

        node = pyoxigraph.NamedNode(graph)
        if self._visible is not None and node not in self._visible:
            return
        if is_report_graph(graph):
            lines = self._store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=node).decode("utf-8")
            yield sorted(lines.split("\n")[:-1])  # not splitlines(): a literal may hold U+2028 unescaped
            return
        import tempfile

        with tempfile.TemporaryDirectory(prefix="pufa-export-") as folder:
            dumped = Path(folder) / "graph.nt"
            self._store.dump(output=str(dumped), format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=node)
            yield from sorted_chunks(dumped, Path(folder))

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL update syntax error: {exc}") from None
        except (OSError, RuntimeError) as exc:
            raise self._failure(exc, "write to") from None

    @property
    def answers(self) -> AnswerIndex | None:
        """The answer index, when it is known to match the store (else queries use SPARQL)."""
        if self._index is not None and self._index.usable():
            return self._index
        return None

    def write_reports(self, nquads: str, graphs: list[str], drop=(),
                      answers: list[ReportAnswers] | None = None) -> None:
        """Bulk-load a batch of reports under a journal, so a crash never leaves a half-written one.

        0. write the batch's answer-index rows, marked pending under a fresh batch token;
        1. journal the graphs about to be written (a transaction);
        2. bulk-load the N-Quads (fast, not transactional); a report already stored (re-read by a newer
           pipeline) is loaded into a draft graph beside the old one, which stays whole meanwhile;
        3. one transaction: drop the graphs replaced, move each draft over its old graph, clear the
           journal and record the batch token;
        4. mark the index rows done.
        Opening the store after a crash drops every journalled graph (``_recover``); the index is settled
        by the token: the batch committed exactly when the store holds its token.
        """
        from ..sparql import iri
        from ..vocab import PUFA, XSD

        drop = list(drop)
        token = uuid.uuid4().hex
        self._index_begin(answers, graphs, drop, token)
        drafts = {g: draft_graph(g) for g in graphs if self._store.contains_named_graph(pyoxigraph.NamedNode(g))}
        if drafts:
            nquads = retarget(nquads, drafts)
        true = pyoxigraph.Literal("true", datatype=XSD.boolean)
        try:
            self._store.extend([pyoxigraph.Quad(pyoxigraph.NamedNode(drafts.get(g, g)), PUFA.pendingWrite, true,
                                                JOURNAL) for g in graphs])
            self._store.bulk_load(nquads.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
        except (SyntaxError, OSError, RuntimeError) as exc:
            self._remove_bulk_leftovers()
            self._recover()
            raise self._failure(exc, "write to") from None
        parts = [f"DROP SILENT GRAPH {iri(g)}" for g in drop if g not in graphs]
        parts += [f"MOVE SILENT GRAPH {iri(draft)} TO {iri(g)}" for g, draft in drafts.items()]
        if drafts or drop:  # a report replaced or removed may leave entities no report mentions
            parts.append(FORGET_UNMENTIONED)
        self.update(" ;\n".join(parts + self._commit(token)))
        self._index_done()

    def load_statements(self, graph: str, statements: list[str]) -> None:
        """By bulk load: a transaction would write them twice (log and tables)."""
        suffix = f" <{graph}> .\n"
        text = "".join(line[:-2] + suffix for line in statements)
        try:
            self._store.bulk_load(text.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
        except (SyntaxError, OSError, RuntimeError) as exc:
            self._remove_bulk_leftovers()
            raise self._failure(exc, "write to") from None

    def drop_graphs(self, graphs) -> None:
        """Remove whole reports in one transaction."""
        from ..sparql import iri

        graphs = list(graphs)
        token = uuid.uuid4().hex
        self._index_begin([], [], graphs, token)
        self.update(" ;\n".join([f"DROP SILENT GRAPH {iri(g)}" for g in graphs] + [FORGET_UNMENTIONED]
                                 + self._commit(token)))
        self._index_done()

    @staticmethod
    def _commit(token: str) -> list[str]:
        """The updates that end a write: the journal cleared, the batch's token recorded (in the default
        graph, which no report query ranges over)."""
        from ..vocab import PUFA

        return [f"DROP SILENT GRAPH {JOURNAL}", f"DELETE WHERE {{ {JOURNAL} {PUFA.writeBatch} ?token }}",
                f'INSERT DATA {{ {JOURNAL} {PUFA.writeBatch} "{token}" }}']

    def _index_begin(self, answers: list[ReportAnswers] | None, graphs: list[str], drop: list[str],
                     token: str) -> None:
        if self._index is None:
            return
        if answers is None and graphs:  # written without index rows: rebuild it on the next open
            self._index.invalidate()
            self._index = None
            return
        try:
            self._index.begin(answers or [], [g.rsplit("/", 1)[-1] for g in drop], written=graphs, dropped=drop,
                              token=token)
        except sqlite3.Error as exc:  # rolled back: neither the index nor the store has changed
            raise StoreError(f"cannot write to store {self.location} (its answer index): {exc}") from None

    def answer_index_state(self) -> str:
        if self._index is None:
            return "none"
        try:
            return "usable" if self._index.usable() else "pending" if self._index.pending() else "incomplete"
        except sqlite3.Error:
            return "unreadable"

    def _index_done(self) -> None:
        """The batch reached the store; if the index cannot say so now, the next writer settles it."""
        if self._index is not None:
            try:
                self._index.done()
            except sqlite3.Error:
                pass

    def _committed(self, batch: dict) -> bool:
        """Did the store transaction of an index batch commit? (the store holds the batch's token)"""
        from ..vocab import PUFA

        tokens = [q.object.value for q in self._store.quads_for_pattern(JOURNAL, PUFA.writeBatch, None,
                                                                               pyoxigraph.DefaultGraph())]
        return bool(batch.get("token")) and tokens == [batch["token"]]

    def _recover(self) -> list[str]:
        """Drop the graphs (and drafts) an interrupted ingest was writing; returns them."""
        from ..sparql import iri

        pending = self.unfinished()
        if pending:
            self.update(" ;\n".join([f"DROP SILENT GRAPH {iri(g)}" for g in pending] + [f"DROP SILENT GRAPH {JOURNAL}"]))
        return pending

    def _remove_bulk_leftovers(self) -> None:
        """A bulk load that failed (a full disk) leaves its sorted files behind; none of them was ingested,
        and the store's lock means no other load is using them."""
        for leftover in Path(self.location).glob("bulk-*.sst"):
            leftover.unlink(missing_ok=True)

    def recover(self) -> list[str]:
        return self.recovered  # done on opening for writing

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
