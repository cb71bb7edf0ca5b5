"""Exports, found by format name in one registry and imported only when used.

Every exporter writes canonical output: the same store gives byte-identical files.
"""

from __future__ import annotations

import importlib
import os
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
    suffix = Path(default_name).suffix
    if target.exists() and suffix and (not target.is_file() or target.suffix != suffix):
        raise PufaError(f"{target}: exists and is not a {suffix} file; name a new file or remove it first")
    module_name, func_name = spec.split(":")
    writer = getattr(importlib.import_module(f".{module_name}", __name__), func_name)
    # written beside the target and renamed at the end: a failed export leaves the old file as it was
    partial = target.with_name(f".{target.name}.partial") if suffix else target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if on_progress is not None and "on_progress" in inspect.signature(writer).parameters:
            writer(store, partial, on_progress=on_progress)
        else:
            writer(store, partial)
        if partial != target:
            os.replace(partial, target)
    except OSError as exc:
        if partial != target:
            partial.unlink(missing_ok=True)
        raise PufaError(f"{target}: cannot write the export ({exc.strerror or exc})") from None
    return target
