"""PDF reports through pypdf; lines that a PDF wrapped mid-sentence are joined again."""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..errors import ReadError
from ..model import SourceText

_ENDS_PARAGRAPH = re.compile(r"[。！？；：:!?;]$")
_STARTS_PARAGRAPH = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")


def _unwrap(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and not _ENDS_PARAGRAPH.search(out[-1]) and not _STARTS_PARAGRAPH.match(line) and len(out[-1]) > 20:
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def read_pdf_file(path: Path, data: bytes) -> SourceText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.startswith(b"%PDF"):
        raise ReadError(path, "not a valid PDF (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ReadError(path, "encrypted PDF; remove the password first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ReadError(path, f"not a readable PDF: {exc}") from None
    text = _unwrap("\n".join(pages).splitlines())
    if not text.strip():
        raise ReadError(path, "PDF holds no extractable text (a scan? run OCR first)")
    return SourceText(path=str(path), format="pdf", text=text, encoding=None)
