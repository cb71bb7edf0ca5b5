"""Plain data types that flow through the pipeline.

Offsets are into the normalized text (``start``/``end``) and, through the
offset map, into the reader's source text (``orig_start``/``orig_end``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class SourceText:
    """What a reader made of a file: its text before normalization."""

    path: str
    format: str  # txt | html | docx | pdf
    text: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    orig_start: int
    orig_end: int


@dataclass
class Section:
    level: int  # 1 一、 / 2 （一） / 3 1. / 4 (1) / 5 一是
    marker: str
    title: str
    start: int
    end: int
    children: list["Section"] = field(default_factory=list)


@dataclass
class Metadata:
    title: str | None = None
    issuer: str | None = None
    date: str | None = None  # ISO 8601 date
    doc_number: str | None = None  # 文号
    index_number: str | None = None  # 索引号
    source_line: str | None = None  # the portal line the issuer/date came from
    region: str | None = None  # filled by entity resolution
    script: str = "simplified"  # simplified | traditional | mixed


@dataclass
class Document:
    id: str
    source: str  # file name read
    path: str  # absolute path of the file read
    format: str
    encoding: str | None
    source_text: str
    text: str
    metadata: Metadata
    sections: list[Section]
    sentences: list[Sentence]
    warnings: list[str] = field(default_factory=list)

    def to_json(self, with_source_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "metadata": asdict(self.metadata),
            "text": self.text,
            "sections": [asdict(s) for s in self.sections],
            "sentences": [asdict(s) for s in self.sentences],
            "warnings": self.warnings,
        }
        if with_source_text:
            out["source_text"] = self.source_text
        return out
