"""Shortcuts taken for speed find exactly what the plain way finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pufa_graph.normalize import _CJK, detect_script, to_simplified
from pufa_graph.recognize.agencies import WORKING_GROUP, _working_groups

from .conftest import SEED

#: pieces that make working-group names, their edges and their near misses
PIECES = ["领导小组", "协调小组", "考核组", "督导组", "小组", "组", "市委", "依法治市", "普法", "“", "”", "，", "。",
          "a", "1", " ", "工作", "迎接", "检查", "评估", "复核"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_working_groups_are_found_as_by_a_plain_scan(pieces):
    text = "".join(pieces)
    assert [m.span() for m in _working_groups(text)] == [m.span() for m in WORKING_GROUP.finditer(text)]


def test_working_groups_in_the_seeds_are_found_as_by_a_plain_scan():
    for path in SEED.values():
        text = path.read_text(encoding="utf-8")
        assert [m.span() for m in _working_groups(text)] == [m.span() for m in WORKING_GROUP.finditer(text)]


def test_a_name_longer_than_the_reach_is_cut_as_the_plain_scan_cuts_it():
    text = "关于" + "依" * 30 + "领导小组"
    assert [m.group(0) for m in _working_groups(text)] == ["依" * 18 + "领导小组"]


def plain_detect_script(text: str) -> str:
    """Script detection as first written: a list of every CJK character."""
    import re

    cjk = re.findall(f"[{_CJK}]", text[:50000])
    if not cjk:
        return "simplified"
    sample = "".join(cjk)
    ratio = sum(map(str.__ne__, sample, to_simplified(sample))) / len(sample)
    return "traditional" if ratio > 0.05 else "simplified" if ratio < 0.005 else "mixed"


def test_script_detection_agrees_with_the_plain_way_on_the_seeds_and_mixtures():
    texts = [path.read_text(encoding="utf-8") for path in SEED.values()]
    texts += ["", "abc", "中華人民共和國憲法 and 宪法", texts[0][:300] + texts[1][:300]]
    for text in texts:
        assert detect_script(text) == plain_detect_script(text)
    assert {detect_script(t) for t in texts} >= {"simplified", "traditional"}


def test_terms_prefiltered_in_the_store_find_what_a_scan_of_every_activity_finds(seed_store):
    """matching_activities asks the store first for the activities that may mention the terms (a regular
    expression that lets separators fall between characters); the answer is that of reading them all."""
    import re

    from pufa_graph.queries import _squash, find_activities, matching_activities
    from pufa_graph.store import open_store

    with open_store(seed_store, read_only=True) as store:
        every = find_activities(store)
        texts = [(a["evidence"] or {}).get("text", "") for a in every]
        words = {w for t in texts for w in re.findall(r"[\u4e00-\u9fff]{2,4}", t)}
        terms = [["宪法"], ["法治副村 长"], ["“利剑护蕾”"], ["美好生活", "法典相伴"], ["火星"], ["宪法", "学校"]]
        terms += [[w] for w in sorted(words)[::97]] + [[c] for c in "《“ "]
        for term in terms:
            wanted = [_squash(t) for t in term if _squash(t)]
            scanned = [a["id"] for a in every if all(
                t in _squash((a["evidence"] or {}).get("text", "")) + "|" + _squash("|".join(a["campaigns"]))
                for t in wanted)]
            assert sorted(a["id"] for a in matching_activities(store, term)) == sorted(scanned), term
