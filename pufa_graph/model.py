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
class Mention:
    """A span of normalized text that names an entity, and the rule that found it."""

    type: str  # agency | law | campaign | venue | village | group | media | person | region
    start: int
    end: int
    surface: str
    rule: str
    key: str | None = None  # catalogue key when the recognizer knows it (law key, region code …)
    attrs: dict[str, Any] = field(default_factory=dict)
    canonical: str | None = None  # filled by resolution
    entity_id: str | None = None
    orig_start: int = -1
    orig_end: int = -1
    sentence: int = -1  # index into Document.sentences


@dataclass
class Entity:
    """A canonical thing the reports speak of, merged across mentions and reports."""

    id: str
    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Evidence:
    """Where a fact comes from: a span of the report's normalized text."""

    doc: str
    text: str
    start: int
    end: int


@dataclass
class Quantity:
    what: str
    value: float
    unit: str
    approx: bool = False
    qualifier: str = "exact"  # exact | approx | at_least | at_most
    text: str = ""
    evidence: "Evidence | None" = None
    at: int = 0  # where in the evidence the number is written


@dataclass
class Activity:
    """Who promoted which law, where, to whom, when and how: one clause's worth."""

    id: str
    doc: str
    organizers: list[str]
    implicit_organizer: bool
    evidence: Evidence
    partners: list[str] = field(default_factory=list)
    lead_units: list[str] = field(default_factory=list)
    laws: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    venue_types: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    campaign: str | None = None
    campaigns: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    date: str | None = None
    planned: bool = False
    quantities: list[Quantity] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    #: the part each organizer played, as the text says it: {"主办": [...], "承办": [...], "指导": [...]}
    roles: dict[str, list[str]] = field(default_factory=dict)
    #: collectives that organized it (各司法所开展…): not agencies, so not in ``organizers``
    collective_organizers: list[str] = field(default_factory=list)


@dataclass
class Designation:
    """A title such as 民主法治示范村 conferred on a village or venue."""

    id: str
    doc: str
    designee: str
    designee_type: str
    title: str
    level: str | None
    batch: int | None
    year: int | None
    evidence: Evidence


@dataclass
class Problem:
    id: str
    doc: str
    summary: str
    evidence: Evidence


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
    url: str | None = None  # the page's address, when the user gives it (ingest --manifest)
    #: the span of time the report tells of (ISO dates), and the title or sentence that states it (None: the
    #: publication year, nothing saying otherwise)
    period_start: str | None = None
    period_end: str | None = None
    period_source: str | None = None


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
    mentions: list[Mention] = field(default_factory=list)
    #: the report's jurisdiction as a region code (GB/T 2260), from issuer, title or text
    region_code: str | None = None
    #: canonical name of the issuing agency, and whether it was inferred rather than stated
    issuer_entity: str | None = None
    issuer_inferred: bool = False
    #: normalized -> source offsets (an OffsetMap); not serialized
    offsets: Any = None
    activities: list[Activity] = field(default_factory=list)
    designations: list[Designation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: every number the report gives (69名, 3万多份, 覆盖率达100%), with its clause as evidence
    quantities: list[Quantity] = field(default_factory=list)

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
