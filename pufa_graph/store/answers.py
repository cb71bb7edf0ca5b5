"""The answer index: which activities promoted which law, by whom, where, with their evidence.

A derived copy of facts that are already in the report graphs, kept in SQLite beside the
embedded store, because the flagship question ("which agencies promoted 民法典 in schools?")
must answer at once on 10,000 reports, where the SPARQL join takes most of a second.

The RDF store stays the truth. The index is written in the same batch as the store, and a
batch it has written but not yet seen committed is recorded as *pending*; whoever opens the
store next settles it (committed -> done, not committed -> rebuild from the store). Readers
use the index only when nothing is pending, and fall back to SPARQL otherwise.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

#: inside the store's folder; RocksDB leaves sub-folders alone
INDEX_PATH = Path("pufa") / "answers.sqlite"
SCHEMA_VERSION = 3

#: one row per (activity, law, kind of place, organizer), and one with kind of place '' for "anywhere",
#: so the flagship question is a single range scan of ``promotions_by_law``; an activity keeps its
#: report's region and its date (else the report's), which questions may be scoped to
SCHEMA = """
CREATE TABLE IF NOT EXISTS acts (id INTEGER PRIMARY KEY, act TEXT NOT NULL UNIQUE, doc TEXT NOT NULL,
                                 start INTEGER, end INTEGER, sentence TEXT, region TEXT NOT NULL,
                                 dated TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS acts_by_doc ON acts (doc);
CREATE TABLE IF NOT EXISTS promotions (law TEXT NOT NULL, venue_type TEXT NOT NULL, org TEXT NOT NULL,
                                       act_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS promotions_by_law ON promotions (law, venue_type, act_id, org);
CREATE INDEX IF NOT EXISTS promotions_by_act ON promotions (act_id);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass
class ReportAnswers:
    """One report's rows: activities with an organizer that promoted a law, and who, which law, where."""

    doc: str
    region: str = ""  # the report's region, by its full name
    acts: list[tuple[str, int, int, str, str]] = field(default_factory=list)  # act, start, end, sentence, date
    promotions: list[tuple[str, str, str, str]] = field(default_factory=list)  # act, law, venue type or '', org

    def add(self, act: str, start: int, end: int, sentence: str, laws, venue_types, organizers,
            dated: str = "") -> None:
        self.acts.append((act, start, end, sentence, dated))
        self.promotions += [(act, law, vt, org) for law in dict.fromkeys(laws)
                            for vt in ["", *dict.fromkeys(venue_types)] for org in dict.fromkeys(organizers)]


def report_answers(doc) -> ReportAnswers:
    """The rows one analysed Document contributes; names are the canonical labels the graph uses."""
    from ..knowledge import knowledge
    from ..vocab import ID

    from ..dates import filed_under

    meta = doc.metadata
    out = ReportAnswers(doc.id, knowledge().full_region_name(doc.region_code) if doc.region_code else "")
    for a in doc.activities:
        if a.laws and a.organizers:
            out.add(f"{ID}activity/{a.id}", a.evidence.start, a.evidence.end, a.evidence.text,
                    a.laws, a.venue_types, a.organizers,
                    filed_under(a.date, meta.period_start, meta.period_end, meta.date))
    return out


class AnswerIndex:
    def __init__(self, path: Path, read_only: bool = False):
        self.path = path
        if read_only:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), check_same_thread=False)
            if self._db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:  # made by another version
                self._db.executescript("DROP TABLE IF EXISTS acts; DROP TABLE IF EXISTS promotions;"
                                       "DROP TABLE IF EXISTS terms; DROP TABLE IF EXISTS state;"
                                       f"PRAGMA user_version = {SCHEMA_VERSION};")
            self._db.executescript(SCHEMA)

    @classmethod
    def open(cls, store_dir: Path, read_only: bool = False) -> "AnswerIndex | None":
        path = store_dir / INDEX_PATH
        if read_only and not path.exists():
            return None
        try:
            return cls(path, read_only=read_only)
        except sqlite3.Error:
            return None

    def close(self) -> None:
        self._db.close()

    # -- state -----------------------------------------------------------
    def _get(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set(self, key: str, value: str | None) -> None:
        if value is None:
            self._db.execute("DELETE FROM state WHERE key = ?", (key,))
        else:
            self._db.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))

    @property
    def complete(self) -> bool:
        """Built for every report of the store (not just created empty beside an older store)."""
        return self._get("complete") == "yes"

    def pending(self) -> dict | None:
        """The batch written here whose store transaction was not seen to commit: {"written": [...], "dropped": [...]}."""
        value = self._get("pending")
        return json.loads(value) if value else None

    def usable(self) -> bool:
        """Built by this version for every report, with nothing pending (a reader never rebuilds it)."""
        same_schema = self._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        return same_schema and self.complete and self.pending() is None

    # -- writing ---------------------------------------------------------
    def begin(self, reports: Iterable[ReportAnswers], drop_docs: Iterable[str], written: list[str],
              dropped: list[str], token: str = "") -> None:
        """Replace the rows of these reports and mark the batch pending, in one SQLite transaction."""
        reports = list(reports)
        with self._db:
            self._delete_docs([r.doc for r in reports] + list(drop_docs))
            ids: dict[str, int] = {}
            for r in reports:
                for act, start, end, text, dated in r.acts:
                    ids[act] = self._db.execute(
                        "INSERT OR REPLACE INTO acts (act, doc, start, end, sentence, region, dated) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", (act, r.doc, start, end, text, r.region, dated)).lastrowid
            self._db.executemany("INSERT INTO promotions VALUES (?, ?, ?, ?)",
                                 [(law, vt, org, ids[act]) for r in reports for act, law, vt, org in r.promotions])
            self._set("pending", json.dumps({"written": written, "dropped": dropped, "token": token}))

    def invalidate(self) -> None:
        """Reports were written without their rows: the index no longer covers the store."""
        with self._db:
            self._set("complete", None)

    def done(self) -> None:
        with self._db:
            self._set("pending", None)

    def _delete_docs(self, docs: list[str]) -> None:
        for start in range(0, len(docs), 500):
            chunk = docs[start:start + 500]
            marks = ",".join("?" * len(chunk))
            self._db.execute(f"DELETE FROM promotions WHERE act_id IN (SELECT id FROM acts WHERE doc IN ({marks}))",
                             chunk)
            self._db.execute(f"DELETE FROM acts WHERE doc IN ({marks})", chunk)

    def settle(self, committed: Callable[[dict], bool], rebuild: Callable[[], Iterable[ReportAnswers]]) -> str:
        """After opening for writing: finish or redo what a crash left; returns what was done."""
        batch = self.pending()
        if self.complete and batch is None:
            return "ok"
        if self.complete and committed(batch):
            self.done()
            return "settled"
        with self._db:
            self._db.execute("DELETE FROM promotions")
            self._db.execute("DELETE FROM acts")
            self._set("complete", None)
        self.begin(rebuild(), (), [], [])
        with self._db:
            self._set("pending", None)
            self._set("complete", "yes")
        return "rebuilt"

    # -- reading ---------------------------------------------------------
    def who_promoted(self, law: str, venue_type: str | None = None, region: str | None = None,
                     year: str | None = None) -> list[tuple[str, str, str, int, int]]:
        """(organizer, doc, sentence, start, end) of every activity that promoted ``law`` [at a kind of place]
        [in a report whose region's name contains ``region``] [dated in ``year``, else in a report of it], in
        the order answers are given (report, offsets, then organizer by code point: SQLite's BINARY
        collation compares UTF-8 bytes, which is code point order)."""
        sql = ("SELECT p.org, a.doc, a.sentence, a.start, a.end FROM promotions p JOIN acts a ON a.id = p.act_id "
               "WHERE p.law = ? AND p.venue_type = ?")
        params: list = [law, venue_type or ""]
        if region:
            sql += " AND instr(a.region, ?) > 0"
            params.append(region)
        if year:
            sql += " AND substr(a.dated, 1, length(?)) = ?"
            params += [str(year), str(year)]
        return self._db.execute(sql + " ORDER BY a.doc, a.start, a.end, p.org", params).fetchall()


REBUILD_QUERY = """
SELECT ?act ?docid ?start ?end ?text ?region ?filedUnder ?role ?value WHERE {
  GRAPH ?g {
    ?act pufa:promotesLaw ?anyLaw ; pufa:organizer ?anyOrg ; prov:wasDerivedFrom ?e . ?d a pufa:Report .
    ?d pufa:docId ?docid . ?e prov:value ?text ; pufa:start ?start . BIND(?start + STRLEN(?text) AS ?end)
    FILED_UNDER
  }
  OPTIONAL { GRAPH ?g { ?d pufa:region ?regionNode } GRAPH ENTITIES { ?regionNode rdfs:label ?region } }
  { GRAPH ?g { ?act pufa:promotesLaw ?x } GRAPH ENTITIES { ?x rdfs:label ?value } BIND("law" AS ?role) }
  UNION { GRAPH ?g { ?act pufa:organizer ?x } GRAPH ENTITIES { ?x rdfs:label ?value } BIND("org" AS ?role) }
  UNION { GRAPH ?g { ?act pufa:venueType ?vt } BIND("venue_type" AS ?role) BIND(STRAFTER(STR(?vt), "#venue_") AS ?value) }
}"""


def answers_in_store(store) -> list[ReportAnswers]:
    """The index rows rebuilt from the report graphs (after a crash, or for a store made before the index)."""
    from .base import PROLOGUE

    acts: dict[str, dict] = {}
    from .base import ENTITIES

    from ..dates import FILED_UNDER

    for r in store.query(PROLOGUE + REBUILD_QUERY.replace("ENTITIES", ENTITIES).replace("FILED_UNDER", FILED_UNDER)):
        act = acts.setdefault(r["act"], {"doc": r["docid"], "evidence": (int(r["start"]), int(r["end"]), r["text"]),
                                         "region": r["region"] or "", "dated": r["filedUnder"] or "",
                                         "law": [], "org": [], "venue_type": []})
        act[r["role"]].append(r["value"])
    by_doc: dict[str, ReportAnswers] = {}
    for iri, act in acts.items():
        by_doc.setdefault(act["doc"], ReportAnswers(act["doc"], act["region"])).add(
            iri, *act["evidence"], sorted(act["law"]), sorted(act["venue_type"]), sorted(act["org"]), act["dated"])
    return list(by_doc.values())
