"""Quantities: the thing a figure counts is a noun phrase, each figure gives one quantity, and each keeps its
sentence. Real sentences of the samples and the development set, then sentences made for each failure."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

from pufa_graph.activities import quantities

from .conftest import DEV, REPORTS, SEEDS



def found(clause: str) -> list[tuple]:
    return [(q.what, q.value, q.unit, q.qualifier) for q in quantities(clause)]


@pytest.mark.parametrize("clause, expected", [
    # the thing after the measure word, not the verb or the place before the number
    ("扩大培养范围,2024年底前确保每个村(社区)培养不少于6名“法律明白人”",
     [("法律明白人", 6, "名", "at_least")]),
    ("全州打造不少于100个“法律明白人工作室(站、家)”",
     [("法律明白人工作室(站、家)", 100, "个", "at_least")]),
    ("并将4个村居的台帐资料按要求进行了整理", [("村居", 4, "个", "exact")]),
    ("组织全镇26个村（社区）的法律明白人参加集中培训4期",
     [("村（社区）", 26, "个", "exact"), ("培训", 4, "期", "exact")]),
    ("宣讲团由12名律师、6名法官和检察官以及区直单位的普法讲师组成",
     [("律师", 12, "名", "exact"), ("法官和检察官", 6, "名", "exact")]),
    ("镇人大主席团成员、各村党组织书记和“法律明白人”代表共46人参加测评",
     [("党组织书记和“法律明白人”代表", 46, "人", "exact")]),
    ("区市场监管局、区妇联、区总工会、区法学会等8家单位设置咨询台", [("单位", 8, "家", "exact")]),
    ("经过前期的广泛征集,征集到600余份的法治文化作品", [("法治文化作品", 600, "份", "approx")]),
    # the thing before the number, without the verb, the scope and the link words
    ("全县共培养“法律明白人”1260名", [("法律明白人", 1260, "名", "exact")]),
    ("目前全县建成市级法治文化示范点11个", [("市级法治文化示范点", 11, "个", "exact")]),
    ("组织“法治佛冈”宣讲团开展基层宣讲不少于20场", [("基层宣讲", 20, "场", "at_least")]),
    ("现场受理消费投诉17件", [("消费投诉", 17, "件", "exact")]),
    ("为消费者挽回经济损失380余万元", [("经济损失", 3800000, "元", "approx")]),
    ("每月至少开展1次集中普法活动", [("普法活动", 1, "次", "at_least")]),
    # one figure, one quantity: 率 … % is not read a second time
    ("实现安置帮教对象帮教率95%以上", [("安置帮教对象帮教率", 95, "%", "at_least")]),
    ("组织参加自治区行政执法人员网上学法考试，参考率、合格率均达100%", [("合格率", 100, "%", "exact")]),
    # no thing, no quantity: a function word, a distributive scope, an ordinal
    ("宣传工作部门是由政策法规研究室或法制处兼任,只1个或者没有专职普法工作岗位", []),
    ("全县共培养“法律明白人”1260名，实现每个村（社区）不少于5名", [("法律明白人", 1260, "名", "exact")]),
    ("第6期", []),
])
def test_real_sentences(clause, expected):
    assert found(clause) == expected


@pytest.mark.parametrize("clause, expected", [
    ("培育法律明白人3200名", [("法律明白人", 3200, "名", "exact")]),
    ("开展普法活动120场", [("普法活动", 120, "场", "exact")]),
    ("覆盖率95%以上", [("覆盖率", 95, "%", "at_least")]),
    ("调解成功率达98%以上", [("调解成功率", 98, "%", "at_least")]),
    ("全市打造120个法治文化广场", [("法治文化广场", 120, "个", "exact")]),
    ("我县新建法治文化公园3个", [("法治文化公园", 3, "个", "exact")]),
    ("对5个社区进行了回访", [("社区", 5, "个", "exact")]),
    ("全年不少于40场次", []),
    ("共有900余人次参与", []),
    ("第10个国家宪法日", []),
])
def test_made_sentences(clause, expected):
    assert found(clause) == expected


@pytest.fixture(scope="module")
def documents():
    from pufa_graph.pipeline import read_document

    paths = list(SEEDS) + (sorted(DEV.glob("*.txt")) if DEV.is_dir() else [])
    return [read_document(p, analyse=True) for p in paths]


#: parts of speech (jieba's tags) that cannot be the thing counted: adverbs, prepositions, conjunctions,
#: particles, pronouns, numerals, measure words, localizers, time words; a verb only as a counted event
NOT_A_THING = re.compile(r"^(?:d|p|c|u\w*|r\w*|m|mq|q|f|t|tg|y|e|o)$")
EVENTS = {"场", "次", "场次", "期", "堂", "课时", "小时"}
SCOPE = re.compile(r"^[全我本该各每](?:省|市|州|县|区|镇|乡|街道|年|月)")


def test_no_subject_is_a_function_word_a_bare_verb_or_a_scope(documents):
    from pufa_graph.knowledge import boundary_words
    from pufa_graph.segment import tag

    governing = set(boundary_words("figure_verb"))
    bad = []
    checked = 0
    for doc in documents:
        for q in doc.quantities:
            checked += 1
            words = tag(q.what)
            if len(words) == 1:
                word, pos = words[0]
                if NOT_A_THING.match(pos) or word in governing or (pos == "v" and q.unit not in EVENTS):
                    bad.append((doc.source, q.what, q.text))
            if not q.what.strip("“”（）() ") or SCOPE.match(q.what):
                bad.append((doc.source, q.what, q.text))
    assert checked > 200 and not bad


def test_one_figure_one_quantity_and_each_keeps_its_sentence(documents):
    for doc in documents:
        spans: dict = {}
        for q in doc.quantities:
            ev = q.evidence
            assert ev.doc == doc.id and doc.text[ev.start:ev.end] == ev.text
            assert ev.text[q.at:q.at + len(q.text)] == q.text
            spans.setdefault(ev.start, []).append((q.at, q.at + len(q.text)))
        for figures in spans.values():
            figures.sort()
            assert all(end <= start for (_s, end), (start, _e) in pairwise(figures)), figures


def test_quantities_about_a_topic(tmp_path):
    """`pufa quantities 法律明白人` on the samples and the development set: each answer's thing names the topic,
    and its sentence holds the figure as written."""
    from click.testing import CliRunner

    from pufa_graph.cli import main

    store = str(tmp_path / "store")
    runner = CliRunner()
    folders = [str(REPORTS)] + ([str(DEV)] if DEV.is_dir() else [])
    assert runner.invoke(main, ["--store", store, "ingest", *folders, "--quiet"]).exit_code == 0
    result = runner.invoke(main, ["--store", store, "quantities", "法律明白人", "--format", "json"])
    answers = json.loads(result.stdout)
    assert {"6", "100"} <= {a["name"] for a in answers}  # 培养不少于6名“法律明白人”, 全州打造不少于100个“法律明白人工作室”
    if DEV.is_dir():
        assert {"1260", "32000", "72"} <= {a["name"] for a in answers}
    for a in answers:
        assert "法律明白人" in a["detail"]["what"]
        assert any(a["detail"]["as_written"] in ev["text"] for ev in a["evidence"])
