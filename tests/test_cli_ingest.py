"""The CLI on real reports and on hostile input: one line per bad file, good files still stored."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPORTS, SEED


def test_read_json_shape(pufa):
    data = pufa.json("read", str(SEED["004"]))
    assert {"title", "issuer", "date", "doc_number", "region", "script"} <= set(data["metadata"])
    assert data["metadata"]["doc_number"] == "楚司通(2024)1号"
    assert data["text"].startswith("楚雄州司法局关于印发")
    assert data["sections"][0]["marker"] == "一、"
    sentence = data["sentences"][3]
    assert set(sentence) == {"text", "start", "end", "orig_start", "orig_end"}
    assert data["text"][sentence["start"]:sentence["end"]] == sentence["text"]


def test_read_text_shows_metadata_and_outline(pufa):
    out = pufa("read", str(SEED["000"])).stdout
    assert "巴音郭楞蒙古自治州司法局" in out and "2025-04-15" in out and "一、工作开展情况" in out


def test_ingest_then_docs(pufa):
    assert "5 new" in pufa("ingest", str(REPORTS)).stdout
    docs = pufa.json("docs")
    assert sorted(d["source"] for d in docs) == sorted(p.name for p in SEED.values())
    for d in docs:
        assert {"id", "source", "title", "issuer", "date", "region"} <= set(d)
    by_source = {d["source"][:3]: d for d in docs}
    assert by_source["000"]["issuer"] == "巴音郭楞蒙古自治州司法局"
    assert by_source["003"]["date"] == "2022-12-09"
    # 002 names no author: its issuer is resolved from the text and flagged as inferred
    assert (by_source["002"]["issuer"], by_source["002"]["issuer_inferred"]) == ("柳州市柳江区司法局", True)
    assert (by_source["004"]["issuer"], by_source["004"]["issuer_inferred"]) == ("楚雄彝族自治州司法局", False)


def test_reingest_changes_nothing(pufa, store_path):
    from pufa_graph.store import open_store

    pufa("ingest", str(REPORTS))
    with open_store(store_path) as store:
        before = store.triple_count()
    assert "5 unchanged" in pufa("ingest", str(REPORTS)).stdout
    with open_store(store_path) as store:
        assert store.triple_count() == before


def test_changed_file_replaces_its_report(pufa, tmp_path):
    path = tmp_path / "report.txt"
    shutil.copy(SEED["002"], path)
    pufa("ingest", str(path))
    first = pufa.json("docs")[0]["id"]
    path.write_text(path.read_text(encoding="utf-8") + "\n今年共开展送法下乡活动10场。", encoding="utf-8")
    assert "1 replaced" in pufa("ingest", str(path)).stdout
    docs = pufa.json("docs")
    assert len(docs) == 1 and docs[0]["id"] != first


def test_remove_drops_one_report(pufa):
    pufa("ingest", str(REPORTS))
    victim = pufa.json("docs")[0]
    pufa("remove", victim["id"][:8])
    remaining = pufa.json("docs")
    assert len(remaining) == 4 and victim["id"] not in {d["id"] for d in remaining}
    assert pufa("remove", "no-such-report", expect=1).exit_code == 1


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(SEED["000"], folder / "good.txt")
    shutil.copy(SEED["002"], folder / "also-good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\n ")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (folder / "notes.xyz").write_text("普法", encoding="utf-8")
    (folder / "fake.docx").write_bytes("这不是一个Word文件".encode("utf-8"))
    (folder / "fake.pdf").write_bytes(b"%PDF-1.4 garbage")
    (folder / "chrome-only.html").write_text("<html><script>alert(1)</script><nav>首页</nav></html>", encoding="utf-8")
    cut = SEED["004"].read_bytes() + "普".encode("utf-8")[:2]  # the file ends inside a character
    (folder / "truncated.txt").write_bytes(cut)
    with open(folder / "huge.txt", "wb") as handle:
        handle.write("普法宣传。".encode("utf-8") * (50 * 1024 * 1024 // 15 + 1))  # > 50 MB
    return folder


def test_hostile_folder_one_line_per_bad_file(hostile_folder, store_path):
    env = dict(os.environ, PUFA_STORE=store_path)
    run = subprocess.run([sys.executable, "-m", "pufa_graph.cli", "ingest", str(hostile_folder)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    bad = {"empty.txt": "empty", "blank.txt": "empty", "binary.txt": "binary", "image.txt": "PNG",
           "notes.xyz": "unsupported", "fake.docx": "not a valid .docx", "fake.pdf": "PDF",
           "chrome-only.html": "no visible text", "huge.txt": "too large"}
    assert len(errors) == len(bad), run.stderr
    for name, cause in bad.items():
        assert any(name in line and cause in line for line in errors), (name, run.stderr)
    assert any("truncated.txt" in line and "truncated UTF-8" in line for line in run.stderr.splitlines())
    listing = subprocess.run([sys.executable, "-m", "pufa_graph.cli", "docs", "--format", "json"],
                             capture_output=True, text=True, env=env, timeout=60)
    import json

    stored = sorted(d["source"] for d in json.loads(listing.stdout))
    assert stored == ["also-good.txt", "good.txt", "truncated.txt"]


def test_bad_file_does_not_touch_what_was_stored(pufa, tmp_path):
    pufa("ingest", str(REPORTS))
    before = pufa.json("docs")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    result = pufa("ingest", str(bad), expect=1)
    assert "bad.txt" in result.output and "binary" in result.output
    assert pufa.json("docs") == before


def test_read_of_a_missing_file_is_one_line(pufa, tmp_path):
    result = pufa("read", str(tmp_path / "missing.txt"), expect=None)
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_a_file_read_ahead_by_the_ingesting_process_is_analysed_as_one_the_worker_reads(hostile_folder):
    """Ingest reads and cleans each file in its own process and hands it to a worker: the outcome (the
    failure line, or the report's quads and index rows) is the one a worker reading the file gets."""
    from pufa_graph.ingest import _process_read, process_file, read_ahead

    names = sorted(p.name for p in hostile_folder.iterdir())
    assert len(names) >= 10
    for path in sorted(hostile_folder.iterdir()):
        ahead = _process_read((str(path), None, None, read_ahead(str(path))))
        itself = process_file(str(path))
        assert (ahead.error, ahead.id, ahead.nquads, ahead.warnings) == \
            (itself.error, itself.id, itself.nquads, itself.warnings), path.name
        assert ahead.error or ahead.answers.promotions == itself.answers.promotions
    assert sum(1 for p in hostile_folder.iterdir() if process_file(str(p)).error) >= 8


def test_batches_shrink_towards_the_end_so_the_last_write_is_small(tmp_path):
    """The last batch is written after the analysis has ended, with nothing to overlap it: knowing how many
    reports there are, ingest writes smaller batches as it nears the end (none above half of what is left)."""
    from bench.corpus import generate
    from pufa_graph.ingest import ingest
    from pufa_graph.store import open_store

    files = generate(tmp_path / "reports", 60, seed=3)
    store = open_store(str(tmp_path / "store"))
    sizes: list[int] = []
    write = store.write_reports

    def recorded(nquads, graphs, drop=(), answers=None):
        sizes.append(len(graphs))
        return write(nquads, graphs=graphs, drop=drop, answers=answers)

    store.write_reports = recorded
    try:
        done = ingest(store, files, jobs=1, batch_size=4, batch_triples=10**9)  # only the end makes batches
    finally:
        store.close()
    assert done.count("new") == 60 and sum(sizes) == 60
    left = 60
    for size in sizes[:-1]:
        assert size <= left / 2 + 1, sizes
        left -= size
    assert len(sizes) > 3 and sizes[-1] <= 4, sizes
