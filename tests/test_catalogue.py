"""One Aho–Corasick scan serves every catalogue dictionary (laws, law stems, regions, campaigns, lexicon)."""

from pathlib import Path

import ahocorasick
import pytest

from pufa_graph.knowledge import knowledge
from pufa_graph.pipeline import read_document
from pufa_graph.recognize import gazetteer

SEEDS = sorted((Path(__file__).parent.parent / "data" / "reports").iterdir())
def _region_and_township_surfaces(kb):
    """The regions dictionary: the catalogue's provinces to counties, and townships by full name."""
    yield from gazetteer._region_surfaces(kb)
    full, _short = kb.township_names
    yield from ((name, "region", code) for name, codes in full.items() for code in codes)


SURFACES = {"laws": gazetteer._law_surfaces, "law_stems": gazetteer._law_stem_surfaces,
            "regions": _region_and_township_surfaces, "campaigns": gazetteer._campaign_surfaces,
            "lexicon": gazetteer._lexicon_surfaces}


def one_dictionary_matches(name: str, text: str) -> set[tuple[int, int, str, frozenset]]:
    """What a separate automaton of one dictionary alone finds: the behaviour before the scans were merged."""
    table: dict[str, set] = {}
    for surface, type_, key in SURFACES[name](knowledge()):
        if surface:
            table.setdefault(surface, set()).add((type_, key))
    automaton = ahocorasick.Automaton()
    for surface, values in table.items():
        automaton.add_word(surface, surface)
    automaton.make_automaton()
    return {(end + 1 - len(s), end + 1, s, frozenset(table[s])) for end, s in automaton.iter(text)}


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_each_dictionary_finds_what_it_would_find_alone(name):
    for path in SEEDS:
        text = read_document(path).text
        found = {(s, e, surface, frozenset(values)) for s, e, surface, values in getattr(gazetteer, name)().iter(text)}
        assert found == one_dictionary_matches(name, text), path.name


def test_a_sentence_is_split_among_the_dictionaries():
    text = "柳州市柳江区司法局在国家宪法日走进学校，向青少年宣传民法典和宪法"
    assert {m[2] for m in gazetteer.laws().iter(text)} >= {"民法典", "宪法"}
    assert {m[2] for m in gazetteer.regions().iter(text)} >= {"柳州市", "柳江区"}
    assert "国家宪法日" in {m[2] for m in gazetteer.campaigns().iter(text)}
    assert "青少年" in {m[2] for m in gazetteer.lexicon().iter(text)}
    assert not {m[2] for m in gazetteer.laws().iter(text)} & {"柳州市", "青少年", "国家宪法日"}
    start, end, surface, _ = next(m for m in gazetteer.laws().iter(text) if m[2] == "民法典")
    assert text[start:end] == surface


def test_matches_are_shared_read_only():
    """Recognizers read one cached scan of a report: they must not be able to change it for the next one."""
    text = "宪法" * 400  # long enough to be cached as a report
    matches = gazetteer.scan(text)["laws"]
    assert isinstance(matches, tuple)
    assert gazetteer.scan(text)["laws"] is matches


def test_a_text_without_names_has_no_matches():
    assert list(gazetteer.laws().iter("")) == []
    assert list(gazetteer.regions().iter("abc 123")) == []


@pytest.mark.parametrize("text,full,short", [
    ("信丰县大塘埠镇司法所联合大塘埠人民法庭、古市派出所，在温泉街道汤泉社区开展宣传。",
     {"大塘埠镇", "温泉街道"}, {(15, "大塘埠"), (22, "古市")}),
    ("各乡镇（街道）司法所：城关镇、新华街道、和隆满族乡、和隆乡都在名单里。", {"城关镇", "和隆满族乡"}, {(22, "和隆")}),
])
def test_a_phrase_and_a_report_find_the_same_townships(text, full, short):
    """Short texts are looked up name by name, long ones through the automaton: the same matches either way;
    a short name is looked up where a body would follow it."""
    index = gazetteer.townships()
    assert sorted(index.full_by_name(text)) == sorted(index.full_by_automaton(text))
    assert {m[2] for m in index.full_by_name(text)} >= full
    for pos, surface in short:
        assert surface in {s for _start, s, _codes in index.short_ending(text, pos)}
