"""Plain-text reports."""

from __future__ import annotations

from pathlib import Path

from ..model import SourceText
from .encoding import decode_bytes


def read_text_file(path: Path, data: bytes, max_bytes: int | None = None) -> SourceText:
    text, encoding, warnings = decode_bytes(path, data)
    return SourceText(path=str(path), format="txt", text=text, encoding=encoding, warnings=warnings)
