"""PDF reports through pypdf; lines that a PDF wrapped mid-sentence are joined again.

A compressed stream may unpack to at most ``UNPACK_FACTOR`` times the file limit (pypdf stops
decoding there), the text extracted may be no longer than a text file could be, and what pypdf
logs about a damaged file becomes at most one warning of ours, never lines of its own.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from ..errors import ReadError, shown
from ..model import SourceText
from . import DEFAULT_MAX_BYTES, UNPACK_FACTOR, mebibytes

#: pypdf's limits on what one stream may decode to (pypdf.Configuration, pypdf >= 6.18; those a version lacks are skipped)
_OUTPUT_LIMITS = ("zlib_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
                  "brotli_maximum_output_length", "array_based_stream_maximum_output_length",
                  "stream_decoding_work_maximum_length")

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


def _stream_limits(max_unpacked: int) -> tuple[AbstractContextManager, int]:
    """A context in which pypdf decodes no stream past ``max_unpacked`` bytes, nor past its own defaults;
    and the limit that holds for a FlateDecode stream."""
    import pypdf

    current = pypdf.get_configuration()
    lower = {name: min(getattr(current, name), max_unpacked) for name in _OUTPUT_LIMITS if hasattr(current, name)}
    return pypdf.apply_configuration(**lower), lower.get(_OUTPUT_LIMITS[0], max_unpacked)


class _Notes(logging.Handler):
    """Keeps what pypdf logs, so that it reaches the user as our warning or not at all."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _quiet_pypdf() -> Iterator[list[str]]:
    """pypdf's log records and Python warnings while reading, collected instead of printed."""
    logger = logging.getLogger("pypdf")
    notes = _Notes()
    propagate = logger.propagate
    logger.addHandler(notes)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield notes.messages
        notes.messages.extend(str(w.message) for w in caught)
    finally:
        logger.removeHandler(notes)
        logger.propagate = propagate


def _extract(path: Path, data: bytes, max_bytes: int) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ReadError(path, "encrypted PDF; remove the password first")
    pages: list[str] = []
    length = 0
    for number, page in enumerate(reader.pages, 1):
        pages.append(page.extract_text() or "")
        length += len(pages[-1])
        if length > max_bytes:
            raise ReadError(path, f"the PDF's text runs past {max_bytes:,} characters by page {number} "
                                  "(the limit for a text file; raise it with --max-mb)")
    return pages


def _one_line(what: object) -> str:
    """A message of pypdf's, on one line and not too long to read."""
    text = " ".join(str(what).split()) or type(what).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def read_pdf_file(path: Path, data: bytes, max_bytes: int | None = None) -> SourceText:
    from pypdf.errors import PyPdfError

    try:
        from pypdf.errors import LimitReachedError
    except ImportError:  # pypdf < 4.1
        LimitReachedError = PyPdfError

    if not data.startswith(b"%PDF"):
        raise ReadError(path, "not a valid PDF (no %PDF header)")
    max_bytes = max_bytes or DEFAULT_MAX_BYTES
    limits, stream_limit = _stream_limits(UNPACK_FACTOR * max_bytes)
    with _quiet_pypdf() as notes:
        try:
            with limits:
                pages = _extract(path, data, max_bytes)
        except ReadError:
            raise
        except LimitReachedError as exc:
            if "decompress" not in str(exc).lower():
                raise ReadError(path, f"the PDF goes past a safety limit of pypdf: {_one_line(exc)}") from None
            raise ReadError(path, f"a compressed stream would unpack past {mebibytes(stream_limit)} "
                                  "(the limit for one PDF stream); not decoded") from None
        except Exception as exc:  # noqa: BLE001 - pypdf on damaged bytes raises anything from KeyError to zlib.error
            raise ReadError(path, f"not a readable PDF: {_one_line(exc)}") from None
    text = _unwrap("\n".join(pages).splitlines())
    if not text.strip():
        raise ReadError(path, "PDF holds no extractable text (a scan? run OCR first)")
    found = []
    if notes:
        more = f" and {len(notes) - 1} more" if len(notes) > 1 else ""
        found.append(f"{shown(path)}: damaged PDF, read anyway (pypdf: {_one_line(notes[0])}{more})")
    return SourceText(path=str(path), format="pdf", text=text, encoding=None, warnings=found)
