"""Reading the real seed reports: metadata, glosses, script, outline and sentences."""

from __future__ import annotations

import re

import pytest

from pufa_graph.normalize import normalize

from .conftest import SEED

# issuer and date as the text states them (the signature block first, then the portal header)
EXPECTED_METADATA = [
    ("000", "巴音郭楞蒙古自治州司法局", "2025-04-15"),
    ("001", "灌云县司法局", "2021-05-27"),
    ("002", None, None),  # the report names no author and carries no date
    ("003", "中共岳阳市岳阳楼区委全面依法治区委员会办公室", "2022-12-09"),
    ("004", "楚雄州司法局", "2024-03-27"),  # signed 3-27; the portal published it 04-03
]


@pytest.mark.parametrize("key,issuer,date", EXPECTED_METADATA)
def test_issuer_and_date(seed_docs, key, issuer, date):
    meta = seed_docs[key].metadata
    assert (meta.issuer, meta.date) == (issuer, date)


def test_titles_document_numbers_and_index_numbers(seed_docs):
    assert seed_docs["002"].metadata.title == "2024年柳江区普法责任落实情况报告"
    assert seed_docs["003"].metadata.title == "2022年岳阳楼区落实国家机关 “谁执法谁普法”责任制履职评议情况通报"
    assert seed_docs["004"].metadata.title.startswith("楚雄州司法局关于印发《关于深化普法强基补短板专项行动的实施意见")
    assert seed_docs["004"].metadata.doc_number == "楚司通(2024)1号"
    assert seed_docs["004"].metadata.index_number == "11532300015167401G-/2024-0403001"
    assert seed_docs["003"].metadata.index_number == "352/2022-2026888"
    assert seed_docs["000"].metadata.title is None  # the text has no title line


@pytest.mark.parametrize("key,script", [("000", "traditional"), ("001", "traditional"), ("002", "simplified"),
                                        ("003", "traditional"), ("004", "simplified")])
def test_script_is_detected_and_text_is_simplified(seed_docs, key, script):
    doc = seed_docs[key]
    assert doc.metadata.script == script
    assert "執法" not in doc.text and "执法" in doc.text


PINYIN_GLOSS = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")


@pytest.mark.parametrize("key", ["001", "003"])
def test_no_pinyin_gloss_survives(seed_docs, key):
    assert SEED[key].read_text(encoding="utf-8").count("(") > 150  # the glosses are really there
    assert PINYIN_GLOSS.findall(seed_docs[key].text) == []


@pytest.mark.parametrize("raw,clean", [
    ("運用大數(shù)據(jù)開展普法", "运用大数据开展普法"),
    ("普法責(zé)任制", "普法责任制"),
    ("法治教育的基礎(chǔ)性", "法治教育的基础性"),
])
def test_glosses_are_stripped_from_named_examples(raw, clean):
    assert normalize(raw).text == clean


@pytest.mark.parametrize("key,kept", [
    ("001", "(一)"),
    ("001", "民主法治示范村(社区)"),
    ("004", "(2024—2025年)"),
    ("004", "(牵头单位:政治部、普法与依法治理科)"),
    ("004", "楚司通(2024)1号"),
    ("002", "（一）组织领导保障"),
])
def test_real_parentheses_are_kept(seed_docs, key, kept):
    doc = seed_docs[key]
    assert kept in doc.text or kept == doc.metadata.doc_number


def test_portal_chrome_is_dropped_but_read_as_metadata(seed_docs):
    assert "浏览次数" not in seed_docs["001"].text
    assert "索引号" not in seed_docs["003"].text and "公开方式" not in seed_docs["003"].text
    assert "您当前所在的位置" not in seed_docs["004"].text
    assert "[bookmark: _GoBack]" not in seed_docs["002"].text
    assert seed_docs["001"].metadata.source_line.startswith("时间:2021-05-27")


def test_outline_tree(seed_docs):
    top = seed_docs["000"].sections
    assert [s.marker + s.title for s in top] == ["一、工作开展情况", "二、工作成效", "三、存在的问题", "四、下一步工作计划"]
    first = top[0].children[0]
    assert (first.level, first.marker, first.title) == (2, "(一)", "强化组织领导,压实普法责任")
    items = [s.marker for s in top[0].children[1].children]
    assert items[:4] == ["一是", "二是", "三是", "四是"]
    numbered = seed_docs["003"].sections[0].children
    assert [s.marker for s in numbered] == ["1.", "2.", "3."]
    for section in top:
        assert section.start < section.end <= len(seed_docs["000"].text)


@pytest.mark.parametrize("key", sorted(SEED))
def test_every_sentence_maps_back_to_its_source_characters(seed_docs, key):
    doc = seed_docs[key]
    assert len(doc.sentences) > 20
    for sentence in doc.sentences:
        assert doc.text[sentence.start:sentence.end] == sentence.text
        original = doc.source_text[sentence.orig_start:sentence.orig_end]
        assert normalize(original).text == sentence.text


def test_sentences_split_on_chinese_full_stops(seed_docs):
    texts = [s.text for s in seed_docs["002"].sentences]
    vice_principals = [t for t in texts if "法治副校长69名" in t]
    assert len(vice_principals) == 1
    assert vice_principals[0].startswith("为全区各中小学校（幼儿园）聘请法治副校长69名，")
    assert vice_principals[0].endswith("今年共开展法治教育100余场。")


def test_same_report_read_twice_is_the_same_document(seed_docs):
    from pufa_graph.pipeline import read_document

    again = read_document(SEED["003"])
    assert again.id == seed_docs["003"].id and again.text == seed_docs["003"].text
