"""Exports, found by format name in one registry and imported only when used.

Every exporter writes canonical output: the same store gives byte-identical files.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Callable

from ..errors import PufaError
from ..store.base import GraphStore

#: format -> ("module:function", default file name)
EXPORTERS: dict[str, tuple[str, str]] = {
    "turtle": ("rdf:write_turtle", "pufa.ttl"),
    "ntriples": ("rdf:write_ntriples", "pufa.nt"),
    "trig": ("rdf:write_trig", "pufa.trig"),
    "nquads": ("rdf:write_nquads", "pufa.nq"),
    "jsonld": ("rdf:write_jsonld", "pufa.jsonld"),
    "graphml": ("graphs:write_graphml", "pufa.graphml"),
    "neo4j-csv": ("graphs:write_neo4j_csv", "neo4j"),
}


def export(store: GraphStore, fmt: str, path: str | Path | None = None,
           on_progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the store in ``fmt`` to ``path`` (default: exports/<name>); returns the path written.

    ``on_progress(done, total)`` hears from the exporters that stream (Turtle, N-Triples), which on a
    large store run for minutes.
    """
    if fmt not in EXPORTERS:
        raise PufaError(f"unknown export format '{fmt}' (known: {', '.join(EXPORTERS)})")
    spec, default_name = EXPORTERS[fmt]
    target = Path(path) if path else Path("exports") / default_name
    target.parent.mkdir(parents=True, exist_ok=True)
    module_name, func_name = spec.split(":")
    writer = getattr(importlib.import_module(f".{module_name}", __name__), func_name)
    if on_progress is not None and "on_progress" in inspect.signature(writer).parameters:
        writer(store, target, on_progress=on_progress)
    else:
        writer(store, target)
    return target
