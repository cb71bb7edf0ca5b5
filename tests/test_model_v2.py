"""The RDF model in standard terms: what one report costs, what it says and where, and stores of the old model."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import REPORTS, SEED

PUFA = "https://w3id.org/pufa-graph/ontology#"
ID = "https://w3id.org/pufa-graph/id/"


def cli(location: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pufa_graph.cli", "--store", location, *args], capture_output=True,
                          text=True, timeout=300)


def test_a_sentence_becomes_an_activity_derived_from_its_sentence_node(seed_docs):
    """The README's worked example, checked: an activity of 柳江区 (002) that promoted 民法典."""
    from pufa_graph.graph import describe
    from pufa_graph.pipeline import read_document

    doc = read_document(SEED["002"], analyse=True)
    described = describe(doc)
    acts = [a for a in doc.activities if "民法典" in a.laws and a.organizers]
    assert acts
    act = f"<{ID}activity/{acts[0].id}>"
    facts = {(p, o) for s, p, o in described.report if s == act}
    sentence = next(o for p, o in facts if p == "<http://www.w3.org/ns/prov#wasDerivedFrom>")
    told = {p: o for s, p, o in described.report if s == sentence}
    assert told["<http://www.w3.org/ns/prov#value>"].endswith('"@zh')
    assert told[f"<{PUFA}start>"].endswith("^^<http://www.w3.org/2001/XMLSchema#integer>")
    assert told["<http://purl.org/dc/terms/isPartOf>"] == f"<{ID}doc/{doc.id}>"
    from pufa_graph.graph import entity_node
    from pufa_graph.resolve import entity_id

    law = entity_node(entity_id("law", "民法典"))
    assert (f"<{PUFA}promotesLaw>", law) in facts
    # the law is described in the entities graph only, once, with a Chinese label
    assert not any(s == law for s, _p, _o in described.report)
    assert (law, "<http://www.w3.org/2000/01/rdf-schema#label>", '"民法典"@zh') in described.entities


def test_no_path_no_mention_node_no_packed_string(seed_docs):
    from pufa_graph.graph import describe
    from pufa_graph.pipeline import read_document

    for path in SEED.values():
        described = describe(read_document(path, analyse=True))
        text = "\n".join(" ".join(t) for t in described.report + described.entities)
        assert str(REPORTS) not in text and "sourcePath" not in text
        assert "/id/mention/" not in text and "mentionOf" not in text and "#spans" not in text
        assert not any(p.endswith("#rule>") and "|" in o for _s, p, o in described.entities)


def test_quads_per_report_stay_within_the_budget(tmp_path):
    """At most 550 quads a report in the store (its graph, and its share of the entities and the ontology
    graph), measured on generated reports like the benchmark's."""
    from bench.corpus import generate
    from pufa_graph.ingest import ingest
    from pufa_graph.store import open_store

    files = generate(tmp_path / "corpus", 60, seed=3)
    with open_store(str(tmp_path / "store")) as store:
        ingest(store, files)
        in_reports = sum(int(r["n"]) for r in store.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?d a <https://w3id.org/pufa-graph/ontology#Report> . "
            "?s ?p ?o } }"))
        reports = len(store.documents())
    assert reports == 60
    assert in_reports / reports <= 550


def test_removing_reports_leaves_the_entities_of_those_still_stored(tmp_path):
    """An entity no stored report points to leaves the entities graph; the others stay whole."""
    store = str(tmp_path / "store")
    assert cli(store, "ingest", str(REPORTS)).returncode == 0
    alone = str(tmp_path / "alone")
    assert cli(alone, "ingest", str(SEED["002"])).returncode == 0
    others = [p.name for key, p in SEED.items() if key != "002"]
    assert cli(store, "remove", *others).returncode == 0
    left = json.loads(cli(store, "entities", "--format", "json").stdout)
    fresh = json.loads(cli(alone, "entities", "--format", "json").stdout)
    assert {(e["type"], e["name"]) for e in left} == {(e["type"], e["name"]) for e in fresh}
    for command in (["who-promoted", "民法典"], ["activities"], ["gaps"]):
        assert cli(store, *command, "--format", "json").stdout == cli(alone, *command, "--format", "json").stdout


def _old_model_store(location: str) -> str:
    """A store as the previous model wrote it: report facts and entity descriptions in the report's graph,
    a machine path, mention nodes, no model version."""
    import pyoxigraph

    from pufa_graph.ingest import process_file

    doc_id = process_file(str(SEED["001"])).id
    g = f"<{ID}graph/{doc_id}>"
    d = f"<{ID}doc/{doc_id}>"
    lines = [f"{d} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{PUFA}Report> {g} .",
             f'{d} <{PUFA}docId> "{doc_id}" {g} .', f'{d} <{PUFA}sourceName> "{SEED["001"].name}" {g} .',
             f'{d} <{PUFA}sourcePath> "{SEED["001"]}" {g} .', f'{d} <{PUFA}text> "县司法局开展宪法宣传活动。" {g} .',
             f'<{ID}mention/{doc_id}/x> <{PUFA}mentionOf> <{ID}entity/law-1> {g} .']
    store = pyoxigraph.Store(location)
    store.load("\n".join(lines) + "\n", format=pyoxigraph.RdfFormat.N_QUADS)
    store.flush()
    del store
    return doc_id


def test_a_store_of_the_old_model_is_refused_in_one_line_and_migrated(tmp_path):
    location = str(tmp_path / "old")
    doc_id = _old_model_store(location)
    for command in (["docs"], ["who-promoted", "民法典"], ["ingest", str(SEED["000"])], ["export", "--format", "nquads"]):
        result = cli(location, *command)
        assert result.returncode != 0 and "Traceback" not in result.stderr, command
        assert "RDF model 1" in result.stderr and "pufa migrate" in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    doctor = json.loads(cli(location, "doctor", "--format", "json").stdout)
    assert doctor["model"] == 1 and not doctor["ok"]
    migrated = json.loads(cli(location, "migrate", "--format", "json").stdout)
    assert migrated == {"model_before": 1, "reports": 1, "from_files": 1, "from_stored_text": 0, "failed": []}
    docs = json.loads(cli(location, "docs", "--format", "json").stdout)
    assert [d["id"] for d in docs] == [doc_id]
    fresh = str(tmp_path / "fresh")
    assert cli(fresh, "ingest", str(SEED["001"])).returncode == 0
    assert cli(location, "export", "--format", "nquads", "-o", str(tmp_path / "a.nq")).returncode == 0
    assert cli(fresh, "export", "--format", "nquads", "-o", str(tmp_path / "b.nq")).returncode == 0
    assert (tmp_path / "a.nq").read_text(encoding="utf-8") == (tmp_path / "b.nq").read_text(encoding="utf-8")
    assert json.loads(cli(location, "migrate", "--format", "json").stdout)["model_before"] == 2


@pytest.mark.parametrize("fmt,ending", [("nquads", "nq"), ("trig", "trig"), ("turtle", "ttl"), ("ntriples", "nt"),
                                        ("jsonld", "jsonld")])
def test_every_rdf_export_imports_back_to_the_same_store(tmp_path, fmt, ending):
    source = str(tmp_path / "source")
    assert cli(source, "ingest", str(REPORTS)).returncode == 0
    exported = tmp_path / f"pufa.{ending}"
    assert cli(source, "export", "--format", fmt, "-o", str(exported)).returncode == 0
    copy = str(tmp_path / "copy")
    result = cli(copy, "import", str(exported), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["reports"] == 5
    for store, name in ((source, "a.nq"), (copy, "b.nq")):
        assert cli(store, "export", "--format", "nquads", "-o", str(tmp_path / name)).returncode == 0
    assert (tmp_path / "a.nq").read_bytes() == (tmp_path / "b.nq").read_bytes()
    assert cli(copy, "doctor").returncode == 0
    assert json.loads(cli(copy, "who-promoted", "民法典", "--format", "json").stdout)


@pytest.mark.parametrize("name,content,words", [
    ("other.ttl", "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n",
     "is not a subject pufa writes"),
    ("broken.nq", "<a> <b> \"unterminated .\n", "not valid"),
    ("empty.trig", "", None),
    ("notes.txt", "hello", "not an RDF export"),
])
def test_import_refuses_what_is_not_ours_in_one_line_and_changes_nothing(tmp_path, name, content, words):
    store = str(tmp_path / "store")
    assert cli(store, "ingest", str(SEED["000"])).returncode == 0
    before = cli(store, "export", "--format", "nquads", "-o", str(tmp_path / "before.nq"))
    assert before.returncode == 0
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = cli(store, "import", str(path))
    if words is None:
        assert result.returncode == 0 and "0 report(s)" in result.stdout
    else:
        assert result.returncode != 0 and words in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert cli(store, "export", "--format", "nquads", "-o", str(tmp_path / "after.nq")).returncode == 0
    assert (tmp_path / "before.nq").read_bytes() == (tmp_path / "after.nq").read_bytes()


def test_an_activitys_quantities_are_those_of_its_sentence():
    """Why the graph needs no activity → quantity link: on the seeds and the development set, the
    quantities an activity has are exactly those derived from its clause."""
    from pathlib import Path

    from pufa_graph.pipeline import read_document

    dev = Path(__file__).resolve().parents[2] / "shared" / "dev" / "docs"
    paths = list(SEED.values()) + (sorted(dev.iterdir()) if dev.is_dir() else [])
    checked = 0
    for path in paths:
        doc = read_document(path, analyse=True)
        by_clause: dict = {}
        for q in doc.quantities:
            by_clause.setdefault((q.evidence.start, q.evidence.end), []).append((q.text, q.at))
        for a in doc.activities:
            assert sorted((q.text, q.at) for q in a.quantities) == sorted(
                by_clause.get((a.evidence.start, a.evidence.end), [])), (path.name, a.evidence.text)
            checked += bool(a.quantities)
    assert checked > 20


def test_explain_reads_the_merge_log_again_from_the_stored_text(tmp_path):
    store = str(tmp_path / "store")
    assert cli(store, "ingest", str(REPORTS)).returncode == 0
    found = json.loads(cli(store, "entities", "--explain", "柳州市柳江区司法局", "--format", "json").stdout)
    forms = {f["surface"]: f for f in found[0]["forms"]}
    assert "区司法局" in forms and "jurisdiction" in forms["区司法局"]["why"]
    assert forms["区司法局"]["rules"] and forms["区司法局"]["docs"] == found[0]["entity"]["docs"]
