"""Readers: one per file format, found by extension in one registry.

Each reader turns a file into a :class:`~pufa_graph.model.SourceText`, or raises
:class:`~pufa_graph.errors.ReadError` naming the file and the cause.
"""

from __future__ import annotations

import errno
import importlib
import os
import stat
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

#: one "MB" as the command line means it (``--max-mb``): a mebibyte
MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB
#: a compressed file (.docx, the streams of a .pdf) may unpack to at most this many times the file limit
UNPACK_FACTOR = 10

_NOT_REGULAR = [
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
]


def megabytes(n_bytes: float) -> str:
    """Bytes in the unit of ``--max-mb``, as short as the number allows: 20, 20.5, 0.25."""
    value = n_bytes / MB
    return f"{value:.2f}".rstrip("0").rstrip(".") if value >= 1 else f"{value:.3g}"


def mebibytes(n_bytes: int) -> str:
    """A size for what a compressed file unpacks to: 1024.0 MiB."""
    return f"{n_bytes / MB:.1f} MiB"


def _over(size: int, limit: int) -> str:
    """A size just over a limit, with enough decimals that it does not read as equal to it."""
    for digits in range(1, 7):
        shown = f"{size / MB:.{digits}f}"
        if float(shown) > limit / MB:
            return shown
    return f"{size / MB}"


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    kind = next((what for test, what in _NOT_REGULAR if test(mode)), "a special file")
    return f"not a regular file ({kind})"


def _os_cause(exc: OSError) -> str:
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    return f"cannot read: {exc.strerror or exc}"


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; what is not a regular file (a pipe, a device) is refused before a read can block on it,
    and anything over ``max_bytes`` is refused, even a file that grows while it is read."""
    try:
        # O_NONBLOCK: if the path was swapped for a pipe since the stat, opening it must not hang
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            cause = _not_regular(info.st_mode)
            if cause:
                raise ReadError(path, cause)
            if info.st_size == 0:
                raise ReadError(path, "empty file")
            if info.st_size > max_bytes:
                raise ReadError(path, _too_large(info.st_size, max_bytes))
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grew since the stat: read on, but never past the limit
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        raise ReadError(path, _os_cause(exc)) from None
    if len(data) > max_bytes:
        raise ReadError(path, _too_large(len(data), max_bytes))
    if not data:
        raise ReadError(path, "empty file")
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return f"file too large ({_over(size, max_bytes)} MB > limit {megabytes(max_bytes)} MB; raise it with --max-mb)"


def read_source(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read one report file into source text, checking what it is, its size and its format first.

    ``max_bytes`` bounds the file; a compressed format may unpack to ``UNPACK_FACTOR`` times it.
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise ReadError(path, _os_cause(exc)) from None
    cause = _not_regular(mode)
    if cause:
        raise ReadError(path, cause)
    spec = READERS.get(path.suffix.lower())
    if spec is None:
        known = ", ".join(sorted(READERS))
        raise ReadError(path, f"unsupported file type '{path.suffix or '(none)'}' (supported: {known})")
    data = _read_bytes(path, max_bytes)
    module_name, func_name = spec.split(":")
    reader = getattr(importlib.import_module(f".{module_name}", __name__), func_name)
    return reader(path, data, max_bytes=max_bytes)
