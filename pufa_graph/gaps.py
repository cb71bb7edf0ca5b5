"""谁执法谁普法 gaps: laws an agency enforces (ontology/responsibilities.csv) that no activity of it promoted."""

from __future__ import annotations

import csv
import io
from functools import lru_cache

from .knowledge import read_csv
from .sparql import literal
from .store.base import ENTITIES, EVIDENCE, PROLOGUE, GraphStore


@lru_cache(maxsize=1)
def duties() -> list[tuple[str, str]]:
    """(body suffix, law) pairs, longest suffix first so 公安分局 is read before 公安局."""
    rows = [(r["body"], r["law"]) for r in read_csv("responsibilities.csv")]
    return sorted(rows, key=lambda r: -len(r[0]))


def enforced_by(agency_name: str) -> list[str]:
    """The laws an agency enforces, by the body its name ends with (柳州市公安局柳江分局 -> 公安分局)."""
    for body, _law in duties():
        if agency_name.endswith(body):
            return [law for b, law in duties() if b == body]
    return []


def responsibility_gaps(store: GraphStore, region: str | None = None) -> list[dict]:
    """For each agency seen in the reports: laws it enforces, laws it publicized, and the gap between them."""
    region_filter = f"FILTER(CONTAINS(?regionLabel, {literal(region)}))" if region else ""
    agencies = store.query(PROLOGUE + f"""
        SELECT DISTINCT ?name ?kind ?regionLabel WHERE {{ GRAPH {ENTITIES} {{
          ?a a pufa:Agency ; rdfs:label ?name . OPTIONAL {{ ?a pufa:kind ?kind }}
          OPTIONAL {{ ?a pufa:jurisdiction/rdfs:label ?regionLabel }} }} {region_filter} }}""")
    promoted = store.query(PROLOGUE + f"""
        SELECT ?name ?law ?docid ?text ?start ?end WHERE {{ GRAPH ?g {{
          ?act pufa:promotesLaw ?lawNode . {EVIDENCE} ?d a pufa:Report ; pufa:docId ?docid .
          {{ ?act pufa:organizer ?a }} UNION {{ ?act pufa:partner ?a }} UNION {{ ?act pufa:leadUnit ?a }} }}
          GRAPH {ENTITIES} {{ ?a rdfs:label ?name . ?lawNode rdfs:label ?law }} }}""")
    by_agency: dict[str, dict[str, list[dict]]] = {}
    for r in sorted(promoted, key=lambda r: (r["docid"], int(r["start"]), int(r["end"]))):
        evidence = by_agency.setdefault(r["name"], {}).setdefault(r["law"], [])
        ev = {"doc": r["docid"], "text": r["text"], "start": int(r["start"]), "end": int(r["end"])}
        if ev not in evidence:  # an agency both organizer and partner of one activity
            evidence.append(ev)
    sections = _sections(store)
    out = []
    seen = set()
    # sorted here, not by the store: servers collate Chinese names differently
    for r in sorted(agencies, key=lambda r: (r["name"], r["kind"] or "", r["regionLabel"] or "")):
        name = r["name"]
        if name in seen:
            continue
        seen.add(name)
        enforces = enforced_by(name)
        evidence = {law: list(evs) for law, evs in by_agency.get(name, {}).items()}
        through: dict[str, list[str]] = {}  # section -> laws it publicized: a bureau acts through its 科 and 股
        for section in sections.get(name, []):
            for law, evs in by_agency.get(section, {}).items():
                through.setdefault(section, []).append(law)
                evidence.setdefault(law, []).extend(ev for ev in evs if ev not in evidence[law])
        publicized = sorted(evidence)
        if not enforces and not publicized:
            continue
        out.append({
            "agency": name, "kind": r["kind"].rsplit("#kind_", 1)[-1] if r["kind"] else None,
            "region": r["regionLabel"], "enforces": enforces, "publicized": publicized,
            "gaps": [law for law in enforces if law not in publicized],
            "evidence": dict(sorted(evidence.items())),
            "through_sections": {section: sorted(laws) for section, laws in sorted(through.items())},
        })
    return out


def _sections(store: GraphStore) -> dict[str, list[str]]:
    """Agency name -> the names of its sections, at any depth (org:subOrganizationOf, read from the names:
    楚雄彝族自治州司法局普法与依法治理科 is a section of 楚雄彝族自治州司法局)."""
    rows = store.query(PROLOGUE + f"""SELECT DISTINCT ?section ?parent WHERE {{ GRAPH {ENTITIES} {{
        ?s org:subOrganizationOf+ ?p . ?s rdfs:label ?section . ?p rdfs:label ?parent }} }}""")
    out: dict[str, list[str]] = {}
    for r in sorted(rows, key=lambda r: (r["parent"], r["section"])):
        out.setdefault(r["parent"], []).append(r["section"])
    return out


def coverage_matrix_csv(rows: list[dict]) -> str:
    """Agency x law: the number of activities, 'gap' where an enforced law has none, blank otherwise."""
    laws = sorted({law for r in rows for law in r["enforces"] + r["publicized"]})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["agency"] + laws)
    for r in rows:
        cells = []
        for law in laws:
            count = len(r["evidence"].get(law, []))
            cells.append(str(count) if law in r["publicized"] else ("gap" if law in r["enforces"] else ""))
        writer.writerow([r["agency"]] + cells)
    return buffer.getvalue()
