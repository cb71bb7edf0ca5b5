"""Word .docx reports through python-docx: paragraphs and table cells in document order."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import ReadError
from ..model import SourceText


def read_docx_file(path: Path, data: bytes) -> SourceText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(path, "not a valid .docx (it is not a ZIP package)")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReadError(path, f"not a valid .docx: {exc}") from None
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(node.text or "" for node in block.iter() if node.tag.endswith("}t")))
        elif tag == "tbl":
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append("".join(n.text or "" for n in cell.iter() if n.tag.endswith("}t")))
                    lines.append(" ".join(c for c in cells if c.strip()))
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError(path, ".docx holds no text")
    return SourceText(path=str(path), format="docx", text=text, encoding=None)
