"""The answer index gives the same answers as SPARQL over the report graphs, through rebuilds, removals and crashes."""

from __future__ import annotations

import shutil

import pytest

from .conftest import REPORTS, ingest_into


def _normal(answers) -> list:
    return sorted((a.name, sorted((e["doc"], e["start"], e["end"], e["text"]) for e in a.evidence)) for a in answers)


def index_and_sparql_agree(store, scoped: bool = False) -> int:
    """Compare both paths of who_promoted for every law and kind of place in the store (and, ``scoped``,
    every report region, a part of one, and every year); returns the answers seen."""
    from pufa_graph import queries as Q

    laws = [r["l"] for r in store.query(Q.PROLOGUE + "SELECT DISTINCT ?l WHERE { GRAPH ?g { ?a pufa:promotesLaw ?x } "
                                        f"GRAPH {Q.E} {{ ?x rdfs:label ?l }} }}")]
    kinds = [None] + [r["v"] for r in store.query(Q.PROLOGUE + "SELECT DISTINCT (STRAFTER(STR(?t), '#venue_') AS ?v) "
                                                  "WHERE { GRAPH ?g { ?a pufa:venueType ?t } }")]
    scopes = [(None, None)]
    if scoped:
        docs = store.documents()
        regions = sorted({d.region for d in docs if d.region})
        years = sorted({d.date[:4] for d in docs if d.date} | {"2021", "1999"})
        scopes += [(r, None) for r in regions + [regions[0][-3:], "火星"]] + [(None, y) for y in years]
        scopes += [(regions[0], years[0])]
    index = store.answers
    assert index is not None
    seen = 0
    for law in laws:
        for kind in kinds:
            for region, year in scopes:
                by_index = Q.who_promoted(store, law, venue_type=kind, region=region, year=year)
                store._index = None
                try:
                    by_sparql = Q.who_promoted(store, law, venue_type=kind, region=region, year=year)
                finally:
                    store._index = index
                assert _normal(by_index) == _normal(by_sparql), (law, kind, region, year)
                seen += len(by_index)
    return seen


def test_index_answers_like_sparql_on_the_seeds(seed_store):
    from pufa_graph.store import open_store

    with open_store(seed_store, read_only=True) as store:
        assert index_and_sparql_agree(store, scoped=True) > 20


def test_flagship_question_is_answered_from_the_index(seed_store):
    from pufa_graph.queries import who_promoted
    from pufa_graph.store import open_store

    with open_store(seed_store, read_only=True) as store:
        rows = store.answers.who_promoted("民法典", "school")
        names = {a.name for a in who_promoted(store, "民法典", venue_type="school")}
        docs = {d.id for d in store.documents()}
    assert rows and {name for name, *_ in rows} == names
    assert {doc for _, doc, *_ in rows} <= docs
    assert all(0 <= start < end and text for _, _, text, start, end in rows)


def test_a_store_without_index_rebuilds_it_when_opened_for_writing(tmp_path):
    from pufa_graph.store import open_store
    from pufa_graph.store.answers import INDEX_PATH

    store_dir = tmp_path / "store"
    ingest_into(store_dir, [REPORTS])
    (store_dir / INDEX_PATH).unlink()
    with open_store(str(store_dir), read_only=True) as store:
        assert store.answers is None  # readers fall back to SPARQL
    with open_store(str(store_dir)) as store:
        assert store.index_state == "rebuilt"
        assert index_and_sparql_agree(store) > 20


def test_removing_a_report_removes_its_answers(tmp_path):
    from pufa_graph.ingest import remove
    from pufa_graph.store import open_store

    store_dir = ingest_into(tmp_path / "store", [REPORTS])
    with open_store(store_dir) as store:
        before = {r[1] for r in store.answers.who_promoted("民法典")}
        victim = sorted(before)[0]
        remove(store, [victim])
        after = {r[1] for r in store.answers.who_promoted("民法典")}
        assert victim in before and victim not in after
        assert index_and_sparql_agree(store) > 0


@pytest.mark.parametrize("crash_point", ["after_index_rows", "after_store_commit"])
def test_a_crash_between_index_and_store_is_settled_on_open(tmp_path, monkeypatch, crash_point):
    """Killed between writing the index rows and the store's commit, or just after the commit."""
    from pufa_graph.ingest import ingest
    from pufa_graph.store import open_store
    from pufa_graph.store.answers import AnswerIndex
    from pufa_graph.store.embedded import EmbeddedStore

    store_dir = tmp_path / "store"
    reports = tmp_path / "reports"
    shutil.copytree(REPORTS, reports)
    first, *rest = sorted(reports.iterdir())
    with open_store(str(store_dir)) as store:
        ingest(store, [first])

    class Crash(Exception):
        pass

    original_update = EmbeddedStore.update

    def crash_before_commit(self, sparql):
        if "_journal" in sparql:
            raise Crash
        return original_update(self, sparql)

    def crash_after_commit(self):
        raise Crash

    store = open_store(str(store_dir))
    with monkeypatch.context() as patch:
        if crash_point == "after_index_rows":
            patch.setattr(EmbeddedStore, "update", crash_before_commit)
        else:
            patch.setattr(AnswerIndex, "done", crash_after_commit)
        with pytest.raises(Crash):
            ingest(store, rest)
    store._index._db.close()  # the process "dies": nothing else is flushed
    store._index = None
    store.close()
    with open_store(str(store_dir)) as store:
        assert store.index_state == ("rebuilt" if crash_point == "after_index_rows" else "settled")
        assert index_and_sparql_agree(store) > 0
        docs = {d.id for d in store.documents()}
        indexed = {r[1] for law in ("民法典", "宪法") for r in store.answers.who_promoted(law)}
        assert indexed <= docs


def test_an_index_from_another_version_is_not_read_and_is_rebuilt_on_write(tmp_path):
    import sqlite3

    from pufa_graph.store import open_store
    from pufa_graph.store.answers import INDEX_PATH

    store_dir = ingest_into(tmp_path / "store", [REPORTS])
    with sqlite3.connect(store_dir + "/" + str(INDEX_PATH)) as db:
        db.execute("PRAGMA user_version = 1")
    with open_store(store_dir, read_only=True) as store:
        assert store.answers is None  # answers still come, through SPARQL
    with open_store(store_dir) as store:
        assert store.index_state == "rebuilt" and index_and_sparql_agree(store) > 20
