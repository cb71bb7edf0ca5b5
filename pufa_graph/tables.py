"""What the CLI prints for people: tables that wrap instead of cutting, labels instead of codes,
whole ids, and evidence that says how much was left out.

Scripts read ``--format json``, which keeps codes and every item; this is only the table form.
"""

from __future__ import annotations

import sys

from .labels import label

#: evidence sentences shown under an answer unless ``--all``
EVIDENCE_SHOWN = 3
#: result columns (and answer details) that hold codes of a controlled list, and the list
CODED = {"venue_types": "venue_type", "venue_type": "venue_type", "forms": "form", "kind": "kind",
         "level": "level", "type": "type"}
#: columns printed whole on one line: ids are pasted into other commands (``pufa remove``)
UNBROKEN = {"id", "doc", "date", "period"}


def cell(value, column: str, lang: str = "zh") -> str:
    """One value as shown: lists joined with |, codes as their labels."""
    scheme = CODED.get(column)
    values = value if isinstance(value, (list, tuple, set)) else [value]
    shown = [label(scheme, v, lang) if scheme and isinstance(v, str) else v for v in values]
    if not isinstance(value, (list, tuple, set)):
        return "" if shown[0] is None else str(shown[0])
    return "|".join(str(v) for v in shown)


def print_table(rows: list[dict], columns: list[str], lang: str = "zh") -> None:
    """A table that wraps long cells over lines in the terminal's width (80 columns when not a terminal)."""
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for column in columns:
        if column in UNBROKEN:
            widest = max([len(cell(r.get(column), column)) for r in rows] + [len(column)])
            table.add_column(column, no_wrap=True, min_width=widest)
        else:
            table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(*[cell(r.get(c), c, lang) for c in columns])
    Console(file=sys.stdout).print(table)
    print(f"{len(rows)} row(s)")


def evidence_lines(evidence: list[dict], show_all: bool = False, indent: str = "    ") -> list[str]:
    """The sentences behind an answer, each whole with its report and offsets; past EVIDENCE_SHOWN,
    one line that says how many more there are and how to see them."""
    shown = evidence if show_all else evidence[:EVIDENCE_SHOWN]
    lines = [f"{indent}[{ev['doc']}:{ev['start']}-{ev['end']}] {(ev.get('text') or '').replace(chr(10), ' ')}"
             for ev in shown]
    if len(evidence) > len(shown):
        lines.append(f"{indent}+{len(evidence) - len(shown)} more (--all shows every one)")
    return lines


def detail_text(detail: dict | None, lang: str = "zh") -> str:
    """An answer's details (level=national, kind=date …) as ``k=v`` pairs, codes as labels."""
    return ", ".join(f"{k}={cell(v, k, lang)}" for k, v in (detail or {}).items() if v not in (None, ""))
