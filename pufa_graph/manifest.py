"""What the user knows about a report that its text does not say: the issuer, date and address of a page
crawled from one agency's site (``ingest --issuer``, ``ingest --manifest FILE.csv``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .dates import parse_date
from .errors import PufaError

MANIFEST_COLUMNS = ("file", "issuer", "date", "url")


@dataclass(frozen=True)
class Given:
    """Facts about one file from the user; an empty field leaves what the reader found."""

    issuer: str | None = None
    date: str | None = None  # ISO 8601
    url: str | None = None
    source: str = ""  # where the facts came from, for provenance: "--issuer", "manifest.csv line 3"
    #: the issuer holds only where the page names none (--issuer); a manifest row's issuer always holds
    issuer_fallback: bool = False


def read_manifest(path: str | Path) -> dict[str, Given]:
    """Resolved file path -> its Given; a file is named relative to the manifest's folder (or absolute).

    A manifest that cannot be read, lacks the ``file`` column or gives a date that is no date is one error
    naming the manifest and the line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PufaError(f"{path}: cannot read the manifest ({exc.__class__.__name__}: {exc})") from exc
    reader = csv.DictReader(text.splitlines())
    columns = [c.strip() for c in reader.fieldnames or []]
    if "file" not in columns:
        raise PufaError(f"{path}: a manifest needs a header row with the columns {','.join(MANIFEST_COLUMNS)}"
                        f" (found: {','.join(columns) or 'nothing'})")
    unknown = [c for c in columns if c not in MANIFEST_COLUMNS]
    if unknown:
        raise PufaError(f"{path}: unknown manifest column {', '.join(unknown)} (known: {','.join(MANIFEST_COLUMNS)})")
    out: dict[str, Given] = {}
    for row in reader:
        line = reader.line_num
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if not row.get("file"):
            raise PufaError(f"{path}: line {line} names no file")
        date = None
        if row.get("date"):
            date = parse_date(row["date"])
            if date is None:
                raise PufaError(f"{path}: line {line}: '{row['date']}' is not a date (write 2024-05-13 or 2024年5月13日)")
        target = Path(row["file"])
        if not target.is_absolute():
            target = path.parent / target
        out[str(target.resolve())] = Given(issuer=row.get("issuer") or None, date=date, url=row.get("url") or None,
                                           source=f"{path.name} line {line}")
    return out


def apply_given(metadata, given: Given | None) -> None:
    """A manifest row's facts win over what the reader found (the user knows whose page it is); the
    --issuer of a whole run fills in only where the page names no issuer."""
    if given is None:
        return
    if given.issuer and not (given.issuer_fallback and metadata.issuer):
        metadata.issuer = given.issuer
        metadata.source_line = f"issuer given by the user ({given.source})"
    if given.date:
        metadata.date = given.date
    if given.url:
        metadata.url = given.url
