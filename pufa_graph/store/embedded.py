"""The default store: Oxigraph embedded on disk (no server), through pyoxigraph.

Each ``update`` is one transaction, so a killed ingest leaves whole reports only.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from ..errors import StoreError
from ..vocab import ID
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
        try:
            if read_only:
                self._store = pyoxigraph.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = pyoxigraph.Store(str(path))
                self.recovered = self._recover()
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

    def write_reports(self, nquads: str, graphs: list[str], drop=()) -> None:
        """Bulk-load a batch of reports under a journal, so a crash never leaves a half-written one.

        1. journal the graphs about to be written (a transaction);
        2. bulk-load the N-Quads (fast, not transactional);
        3. drop the graphs they replace and clear the journal (one transaction).
        Opening the store after a crash drops every journalled graph (``_recover``).
        """
        from ..vocab import PUFA, XSD

        existing = [g for g in graphs if self._store.contains_named_graph(pyoxigraph.NamedNode(g))]
        if existing:  # the same report, re-read by a newer pipeline: rewritten in place
            self.drop_graphs(existing)
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
        store = getattr(self, "_store", None)
        if store is not None:
            try:
                store.flush()
            except Exception:  # noqa: BLE001 - read-only stores cannot flush
                pass
            self._store = None
