"""The ontology/ folder: catalogues loaded once per process, from one place.

In a source checkout the folder is ``ontology/`` at the top of the repository;
installed, it is the package ``pufa_graph.ontology``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def ontology_dir() -> Path:
    here = Path(__file__).resolve().parent
    checkout = here.parent / "ontology"
    if (checkout / "portal.csv").exists():
        return checkout
    from importlib.resources import files

    return Path(str(files("pufa_graph.ontology")))


def read_csv(name: str) -> list[dict[str, str]]:
    with open(ontology_dir() / name, encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def spaced(label: str) -> str:
    """A label that portals may print with spaces between its characters (索 引 号)."""
    return r"\s*".join(re.escape(ch) for ch in label)


@dataclass(frozen=True)
class PortalRules:
    """How to recognise page chrome and disclosure fields on government portals."""

    field_label: re.Pattern  # any known label followed by a colon
    head_only: frozenset[str]  # labels trusted only near the top of a page
    field_of: dict[str, str]  # label -> metadata field ('' = ignore)
    drop_line: re.Pattern
    drop_inline: re.Pattern


@lru_cache(maxsize=1)
def portal_rules() -> PortalRules:
    rows = read_csv("portal.csv")
    fields = [r for r in rows if r["kind"] == "field"]
    labels = sorted((r["pattern"] for r in fields), key=len, reverse=True)
    label_re = re.compile("(" + "|".join(spaced(lab) for lab in labels) + r")\s*[:：]")
    return PortalRules(
        field_label=label_re,
        head_only=frozenset(r["pattern"] for r in fields if r["zone"] == "head"),
        field_of={r["pattern"]: r["field"] for r in fields},
        drop_line=re.compile("|".join(f"(?:{r['pattern']})" for r in rows if r["kind"] == "line")),
        drop_inline=re.compile("|".join(f"(?:{r['pattern']})" for r in rows if r["kind"] == "inline")),
    )
