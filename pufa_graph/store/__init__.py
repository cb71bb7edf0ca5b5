"""Where the graph lives: an embedded on-disk store by default, any SPARQL 1.1 server by URL.

Both speak SPARQL: the operations in :class:`GraphStore` are written once, over
``query`` and ``update``, so every command works the same on either.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError
from .base import GraphStore

DEFAULT_LOCATION = "./pufa-store"


def store_location(location: str | None = None) -> str:
    """--store, else $PUFA_STORE, else ./pufa-store."""
    return location or os.environ.get("PUFA_STORE") or DEFAULT_LOCATION


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def open_store(location: str | None = None, *, create: bool = True, read_only: bool = False) -> GraphStore:
    location = store_location(location)
    if is_remote(location):
        from .remote import RemoteStore

        return RemoteStore(location)
    from .embedded import EmbeddedStore

    path = Path(location)
    if not create and not path.exists():
        raise StoreError(f"no store at {path} (run `pufa ingest FILES` first, or pass --store / set PUFA_STORE)")
    return EmbeddedStore(path, read_only=read_only)
