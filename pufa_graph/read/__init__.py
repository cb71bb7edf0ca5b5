"""Readers: one per file format, found by extension in one registry.

Each reader turns a file into a :class:`~pufa_graph.model.SourceText`, or raises
:class:`~pufa_graph.errors.ReadError` naming the file and the cause.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import ReadError
from ..model import SourceText

#: extension -> "module:function"; modules are imported only when a file needs them
READERS: dict[str, str] = {
    ".txt": "text:read_text_file",
    ".text": "text:read_text_file",
    ".html": "html:read_html_file",
    ".htm": "html:read_html_file",
    ".docx": "docx:read_docx_file",
    ".pdf": "pdf:read_pdf_file",
}

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def read_source(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read one report file into source text, checking size and format first."""
    path = Path(path)
    if path.is_dir():
        raise ReadError(path, "is a directory")
    if not path.exists():
        raise ReadError(path, "no such file")
    spec = READERS.get(path.suffix.lower())
    if spec is None:
        known = ", ".join(sorted(READERS))
        raise ReadError(path, f"unsupported file type '{path.suffix or '(none)'}' (supported: {known})")
    try:
        size = path.stat().st_size
        if size == 0:
            raise ReadError(path, "empty file")
        if size > max_bytes:
            raise ReadError(
                path,
                f"file too large ({size / 1e6:.1f} MB > limit {max_bytes / 1e6:.1f} MB; raise it with --max-mb)",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}") from None
    module_name, func_name = spec.split(":")
    reader = getattr(importlib.import_module(f".{module_name}", __name__), func_name)
    return reader(path, data)
