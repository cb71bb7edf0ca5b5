"""The default store: Oxigraph embedded on disk (no server), through pyoxigraph.

Each ``update`` is one transaction, so a killed ingest leaves whole reports only.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import GraphStore


def plain(term) -> str | None:
    if term is None:
        return None
    return term.value


class EmbeddedStore(GraphStore):
    def __init__(self, path: Path, read_only: bool = False):
        import pyoxigraph

        self.location = str(path)
        try:
            if read_only:
                self._store = pyoxigraph.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = pyoxigraph.Store(str(path))
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
        import pyoxigraph

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
        """One atomic load of the batch, then the replaced graphs go: a crash between the two leaves
        both versions, never a half-written one (the next ingest removes the older)."""
        import pyoxigraph

        existing = [g for g in graphs if self._store.contains_named_graph(pyoxigraph.NamedNode(g))]
        if existing:  # same report, new pipeline version: its graph is rewritten in place
            self.drop_graphs(existing)
        try:
            self._store.load(nquads.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"cannot write to store {self.location}: {exc}") from None
        self.drop_graphs(g for g in drop if g not in graphs)

    def close(self) -> None:
        store = getattr(self, "_store", None)
        if store is not None:
            try:
                store.flush()
            except Exception:  # noqa: BLE001 - read-only stores cannot flush
                pass
            self._store = None
