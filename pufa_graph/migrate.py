"""``pufa migrate``: a store written in an older RDF model, rebuilt in this one.

Every stored report is analysed again: from its file where the path the old model recorded still
holds the same report, else from the normalized text the store kept (what a portal header said of
issuer and date then comes from that text alone). The new graphs replace the old ones in one
journalled write, so a migration cut short leaves the store as it was or migrated; run it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .store.base import PROLOGUE, GraphStore, is_report_graph
from .vocab import ENTITIES_GRAPH, MODEL_VERSION

OLD_REPORTS = PROLOGUE + """
SELECT ?g ?id ?name ?path ?text ?issuer ?date ?url WHERE { GRAPH ?g {
  ?d a pufa:Report ; pufa:docId ?id ; pufa:sourceName ?name ; pufa:text ?text .
  OPTIONAL { ?d <https://w3id.org/pufa-graph/ontology#sourcePath> ?path }
  OPTIONAL { ?d pufa:issuerName ?issuer } OPTIONAL { ?d dcterms:date ?date } OPTIONAL { ?d dcterms:source ?url } } }"""


@dataclass
class Migrated:
    model_before: int | None
    reports: int = 0
    from_files: int = 0
    from_stored_text: int = 0
    failed: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return self.__dict__


def migrate(store: GraphStore, on_report: Callable[[str], None] | None = None) -> Migrated:
    from .ingest import process_file
    from .manifest import Given
    from .vocab import doc_graph

    result = Migrated(model_before=store.model_version())
    if result.model_before in (None, MODEL_VERSION):
        return result
    rows = store.query(OLD_REPORTS)
    store.recover()
    old_graphs = [r["g"] for r in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
                  if is_report_graph(r["g"]) or r["g"] == ENTITIES_GRAPH]
    batch = []
    for r in rows:
        processed = None
        if r["path"] and Path(r["path"]).is_file():
            processed = process_file(r["path"])
            if processed.error or processed.id != r["id"]:
                processed = None  # the file has changed since: keep the report the store holds
            else:
                result.from_files += 1
        if processed is None:
            # what the old graph says of issuer, date and address stands in for the page header
            given = Given(issuer=r["issuer"], date=r["date"], url=r["url"], source="the migrated store")
            processed = process_file(r["name"], given=given, stored_text=r["text"])
            result.from_stored_text += 1
        if processed.error:
            result.failed.append(f"{r['name']}: {processed.error}")
            continue
        batch.append(processed)
        if on_report:
            on_report(r["name"])
    graphs = [doc_graph(p.id).value for p in batch]
    store.write_reports("".join(p.nquads for p in batch), graphs=graphs,
                        drop=[g for g in old_graphs if g not in graphs], answers=[p.answers for p in batch])
    store.ensure_model(migrated=True)
    result.reports = len(batch)
    return result
