"""Exports read the store at its own dump rate and in bounded memory: Oxigraph writes each graph's
N-Triples, a shared graph is sorted on disk in runs, and the order is the same as sorting in memory."""

from __future__ import annotations

import random

import pyoxigraph

from pufa_graph.store import sorting
from pufa_graph.store.sorting import sorted_chunks


def test_lines_sorted_on_disk_in_runs_come_out_as_sorted_in_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(sorting, "RUN_LINES", 7)  # 100 lines: 15 runs merged
    monkeypatch.setattr(sorting, "CHUNK_LINES", 9)
    rng = random.Random(3)
    lines = [f'<x:{rng.randrange(50)}> <x:p> "{rng.random()} 普法 \u2028 x" .' for _ in range(100)]
    path = tmp_path / "graph.nt"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    chunks = list(sorted_chunks(path, tmp_path))
    assert [line for chunk in chunks for line in chunk] == sorted(lines)
    assert max(len(c) for c in chunks) == 9 and len(list(tmp_path.glob("run-*.txt"))) == 15


def test_a_sentence_with_a_line_separator_survives_every_line_based_export(tmp_path, pufa):
    report = tmp_path / "r.txt"
    report.write_text("某县司法局2024年普法工作报告\n\n2024年3月，县司法局在县一中开展《民法典》宣传活动\u2028，"
                      "发放资料500份。\n", encoding="utf-8")
    pufa("ingest", str(report))
    for fmt in ("nquads", "ntriples"):
        out = tmp_path / f"p.{fmt}"
        pufa("export", "--format", fmt, "-o", str(out))
        parsed = list(pyoxigraph.parse(path=str(out), format=pyoxigraph.RdfFormat.N_QUADS if fmt == "nquads"
                                       else pyoxigraph.RdfFormat.N_TRIPLES))
        assert len(parsed) == pufa.json("stats")["triples"]
        assert any("\u2028" in q.object.value for q in parsed if isinstance(q.object, pyoxigraph.Literal))
