"""bench/corpus.py: the seeded report generator is deterministic, mixes formats as asked,
and writes only files our reader can read."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from pufa_graph.pipeline import read_document

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


SHARES = dict(traditional_share=0.3, gbk_share=0.1, html_share=0.1, noisy_share=0.1)


@pytest.fixture(scope="module")
def twenty(corpus, tmp_path_factory):
    a = corpus.generate(tmp_path_factory.mktemp("a"), 20, seed=7, **SHARES)
    b = corpus.generate(tmp_path_factory.mktemp("b"), 20, seed=7, **SHARES)
    return a, b


def test_same_seed_same_bytes(twenty):
    a, b = twenty
    assert [p.name for p in a] == [p.name for p in b] == [p.name for p in sorted(a)]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))


def test_another_seed_other_reports(corpus, tmp_path, twenty):
    other = corpus.generate(tmp_path, 3, seed=8, **SHARES)
    assert all(x.read_bytes() != y.read_bytes() for x, y in zip(twenty[0], other))


def test_format_shares(corpus, twenty):
    paths = twenty[0]
    assert [p.name[:6] for p in paths] == [f"r{i:05d}" for i in range(20)]
    specs = corpus.layout(20, 7, **SHARES)
    assert sum(s.fmt == "html" for s in specs) == 2 == sum(p.suffix == ".html" for p in paths)
    assert sum(s.fmt == "gbk" for s in specs) == 2
    assert sum(s.fmt == "noisy" for s in specs) == 2
    assert sum(s.traditional for s in specs) == 6
    for spec, path in zip(specs, paths):
        data = path.read_bytes()
        if spec.fmt == "gbk":
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
            data.decode("gb18030")
        else:
            data.decode("utf-8")


def test_reader_reads_every_report(corpus, twenty):
    specs = corpus.layout(20, 7, **SHARES)
    for spec, path in zip(specs, twenty[0]):
        doc = read_document(path)
        assert len(doc.text) > 500 and doc.sections, path.name
        assert doc.metadata.script == ("traditional" if spec.traditional else "simplified"), path.name
        if spec.fmt == "gbk":
            assert doc.encoding == "gb18030", path.name
        assert "(" not in doc.text or not any(c in doc.text for c in "āáǎàēéěèīíǐìōóǒòūúǔù"), "pinyin gloss left"
    doc = read_document(twenty[0][0], analyse=True)
    assert {"agency", "law"} <= {m.type for m in doc.mentions}


def test_bad_shares_rejected(corpus, tmp_path):
    with pytest.raises(ValueError):
        corpus.generate(tmp_path, 5, html_share=0.7, gbk_share=0.5)
