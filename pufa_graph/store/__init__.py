"""Where the graph lives: an embedded on-disk store by default, any SPARQL 1.1 server by URL.

Both speak SPARQL: the operations in :class:`GraphStore` are written once, over
``query`` and ``update``, so every command works the same on either.

An embedded store knows itself: a marker (``pufa/store.json``) written when it is created names
its layout version. Readers open it read-only, and nothing but a writer ever creates one, so a
damaged store is reported, never "repaired" into an empty one (RocksDB, handed a folder without
its ``CURRENT`` file, starts a new database and deletes the old one's files).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import StoreError
from .answers import INDEX_PATH
from .base import GraphStore

DEFAULT_LOCATION = "./pufa-store"
#: beside the answer index, in the folder of pufa's own files inside the store's, where RocksDB looks at nothing
MARKER = INDEX_PATH.parent / "store.json"
#: the layout of an embedded store (graphs, journal, answer index); a newer one is refused
STORE_LAYOUT = 1
#: how the files RocksDB keeps in a database folder begin and end; any of them means a store was made here
ROCKSDB_NAMES = ("CURRENT", "IDENTITY", "OPTIONS-", "MANIFEST-")
ROCKSDB_SUFFIXES = (".sst", ".log")


def store_location(location: str | None = None) -> str:
    """--store, else $PUFA_STORE, else ./pufa-store."""
    return location or os.environ.get("PUFA_STORE") or DEFAULT_LOCATION


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def damaged(path: Path, cause: str) -> StoreError:
    return StoreError(f"store {path} is damaged: {cause}; restore it from a backup or `pufa ingest` into a new store")


@dataclass
class Found:
    """What a folder holds, before anything opens it."""

    state: str  # absent | empty | store | foreign
    layout: int | None = None  # from the marker; None for a store made before markers
    problems: list[str] = field(default_factory=list)


def inspect_folder(path: Path) -> Found:
    """Read what is on disk without opening the database (and so without changing anything)."""
    if not path.exists():
        return Found("absent")
    if not path.is_dir():
        return Found("foreign", problems=[f"{path} is a file, not a store folder"])
    try:
        names = os.listdir(path)
    except OSError as exc:
        return Found("foreign", problems=[f"cannot list {path}: {exc.strerror or exc}"])
    rocksdb = [n for n in names if n.startswith(ROCKSDB_NAMES) or n.endswith(ROCKSDB_SUFFIXES)]
    marker = path / MARKER
    if not rocksdb:
        if not names or (set(names) == {MARKER.parts[0]} and os.listdir(marker.parent) == [MARKER.name]):
            return Found("empty")  # nothing, or made and never written
        return Found("foreign",
                     problems=[f"{path} holds other files and is not a pufa store; name a new or empty folder"])
    found = Found("store")
    if marker.exists():
        try:
            found.layout = int(json.loads(marker.read_text(encoding="utf-8"))["layout"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            found.problems.append(f"its marker {MARKER} cannot be read ({type(exc).__name__})")
    if "CURRENT" not in names:
        found.problems.append("RocksDB's CURRENT file is missing")
    return found


def write_marker(path: Path) -> None:
    from .. import __version__

    marker = path / MARKER
    marker.parent.mkdir(parents=True, exist_ok=True)
    temporary = marker.with_suffix(".tmp")
    temporary.write_text(json.dumps({"kind": "pufa-graph store", "layout": STORE_LAYOUT,
                                     "created_by": __version__}) + "\n", encoding="utf-8")
    os.replace(temporary, marker)


def open_store(location: str | None = None, *, create: bool = True, read_only: bool = False,
               any_model: bool = False, update_url: str | None = None) -> GraphStore:
    """Open the store at ``location``; ``create`` makes a new one where there is none (writers only).
    A store written in another RDF model is refused unless ``any_model`` (for `doctor` and `migrate`)."""
    from .base import check_model

    location = store_location(location)
    if is_remote(location):
        from .remote import RemoteStore

        store = RemoteStore(location, update_url=update_url)
        return store if any_model else check_model(store)
    from .embedded import EmbeddedStore

    path = Path(location)
    found = inspect_folder(path)
    if found.state == "foreign":
        raise StoreError(found.problems[0])
    if found.state in ("absent", "empty"):
        if read_only or not create:
            raise StoreError(f"no store at {path} (run `pufa ingest FILES` first, or pass --store / set PUFA_STORE)")
        path.mkdir(parents=True, exist_ok=True)
        write_marker(path)
        return EmbeddedStore(path)
    if found.problems:
        raise damaged(path, "; ".join(found.problems))
    if found.layout is not None and found.layout > STORE_LAYOUT:
        raise StoreError(f"store {path} was made by a newer pufa-graph (layout {found.layout}); upgrade pufa-graph")
    store = EmbeddedStore(path, read_only=read_only)
    if found.layout is None and not read_only:
        write_marker(path)  # a store made before markers: it is ours, say so from now on
    return store if any_model else check_model(store)
