"""Word .docx reports through python-docx: paragraphs and table cells in document order.

A .docx is a ZIP package, so it is checked before python-docx sees it: a part may not
unpack past ``UNPACK_FACTOR`` times the file limit, nor may all parts together, and the
sizes the archive declares are not trusted but counted while each part is unpacked.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from ..errors import ReadError, shown
from ..model import SourceText
from . import DEFAULT_MAX_BYTES, UNPACK_FACTOR, mebibytes

#: no Word document needs more archive members than this
MAX_MEMBERS = 10_000
_CHUNK = 1 << 20
#: what a damaged or hostile archive makes zipfile raise while a member is unpacked
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError)


def check_package(path: Path, data: bytes, max_unpacked: int) -> None:
    """Raise ReadError unless every member of the ZIP package, and all of them together, unpack
    to at most ``max_unpacked`` bytes, first by the sizes declared, then by the bytes really unpacked."""
    limit = f"limit {mebibytes(max_unpacked)}, {UNPACK_FACTOR} × --max-mb"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            if len(members) > MAX_MEMBERS:
                raise ReadError(path, f"the .docx package holds {len(members)} members (limit {MAX_MEMBERS})")
            for info in members:
                if info.file_size > max_unpacked:
                    raise ReadError(path, f"{shown(info.filename)} would unpack to {mebibytes(info.file_size)} ({limit})")
            declared = sum(info.file_size for info in members)
            if declared > max_unpacked:
                raise ReadError(path, f"the .docx parts would unpack to {mebibytes(declared)} in all ({limit})")
            total = 0
            for info in members:
                unpacked = 0
                with package.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        unpacked += len(chunk)
                        total += len(chunk)
                        if unpacked > max_unpacked:
                            raise ReadError(path, f"{shown(info.filename)} unpacks to more than "
                                                  f"{mebibytes(max_unpacked)} though it declares {mebibytes(info.file_size)} ({limit})")
                        if total > max_unpacked:
                            raise ReadError(path, "the .docx parts unpack to more than "
                                                  f"{mebibytes(max_unpacked)} in all ({limit})")
    except _ZIP_ERRORS as exc:
        raise ReadError(path, f"not a valid .docx (damaged ZIP package: {exc})") from None


def _text_of(node) -> str:
    """The text runs (w:t) under a paragraph or cell; comments and processing instructions have no tag name."""
    return "".join(n.text or "" for n in node.iter() if isinstance(n.tag, str) and n.tag.endswith("}t"))


def read_docx_file(path: Path, data: bytes, max_bytes: int | None = None) -> SourceText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(path, "not a valid .docx (it is not a ZIP package)")
    check_package(path, data, UNPACK_FACTOR * (max_bytes or DEFAULT_MAX_BYTES))
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError,
            AttributeError, TypeError, IndexError) as exc:  # a package python-docx cannot make sense of
        raise ReadError(path, f"not a valid .docx: {exc}") from None
    if body is None:
        raise ReadError(path, "not a valid .docx: the main document has no body")
    lines: list[str] = []
    for block in body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1] if isinstance(block.tag, str) else ""
        if tag == "p":
            lines.append(_text_of(block))
        elif tag == "tbl":
            for row in block.iter():
                if isinstance(row.tag, str) and row.tag.endswith("}tr"):
                    cells = [_text_of(cell) for cell in row.iterchildren()
                             if isinstance(cell.tag, str) and cell.tag.endswith("}tc")]
                    lines.append(" ".join(c for c in cells if c.strip()))
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError(path, ".docx holds no text")
    return SourceText(path=str(path), format="docx", text=text, encoding=None)
