"""Exports, found by format name in one registry and imported only when used.

Every exporter writes canonical output: the same store gives byte-identical files.
"""

from __future__ import annotations

import importlib
from pathlib import Path

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


def export(store: GraphStore, fmt: str, path: str | Path | None = None) -> Path:
    """Write the store in ``fmt`` to ``path`` (default: exports/<name>); returns the path written."""
    if fmt not in EXPORTERS:
        raise PufaError(f"unknown export format '{fmt}' (known: {', '.join(EXPORTERS)})")
    spec, default_name = EXPORTERS[fmt]
    target = Path(path) if path else Path("exports") / default_name
    target.parent.mkdir(parents=True, exist_ok=True)
    module_name, func_name = spec.split(":")
    writer = getattr(importlib.import_module(f".{module_name}", __name__), func_name)
    writer(store, target)
    return target
