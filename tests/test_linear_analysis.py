"""Analysis grows with a report's length, not with its square: a 19 MB report inside the size limit
never finished, because each candidate span was tested against every span kept before it.

Each structure that replaced such a scan is held here to the scan it replaced, on random inputs, and
the overlap policy is held to a bounded amount of work per candidate (counted, not timed).
bench/big_file.py measures the time on 1, 5 and 20 MB reports.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pufa_graph.knowledge import knowledge
from pufa_graph.model import Mention
from pufa_graph.recognize import NESTABLE, TYPE_PRIORITY, resolve_overlaps
from pufa_graph.recognize.spans import Taken

from .conftest import SEED

# -- the overlap policy --------------------------------------------------------------------------


def overlaps_by_definition(candidates: list[Mention]) -> list[Mention]:
    """The policy as the docstring states it, each candidate tested against every span kept so far."""
    rank = {t: i for i, t in enumerate(TYPE_PRIORITY)}
    kept: list[Mention] = []
    for m in sorted(candidates, key=lambda m: (-(m.end - m.start), rank.get(m.type, 99), m.start)):
        clash = [k for k in kept if m.start < k.end and k.start < m.end]
        if not clash:
            kept.append(m)
        elif all(k.start <= m.start and m.end <= k.end and (k.type, m.type) in NESTABLE
                 and "nested_in" not in k.attrs for k in clash):
            m.attrs["nested_in"] = clash[0].type
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))


def outcome(kept: list[Mention]) -> list[tuple]:
    return [(m.type, m.start, m.end, m.rule, m.attrs.get("nested_in")) for m in kept]


#: types that nest (law > agency, campaign > law …) are drawn more often than the rest
TYPES = ["law", "agency", "campaign", "venue", "village", "region", "group", "person"]


@st.composite
def candidate_spans(draw):
    n = draw(st.integers(0, 40))
    spans = []
    for i in range(n):
        start = draw(st.integers(0, 50))
        end = start + draw(st.integers(1, 12))
        spans.append((draw(st.sampled_from(TYPES)), start, end, f"rule{i}"))
    return spans


def mentions(spans) -> list[Mention]:
    return [Mention(t, s, e, "x" * (e - s), rule) for t, s, e, rule in spans]


@settings(max_examples=600, deadline=None)
@given(candidate_spans())
def test_overlaps_keep_what_the_definition_keeps(spans):
    assert outcome(resolve_overlaps(mentions(spans))) == outcome(overlaps_by_definition(mentions(spans)))


def test_an_agency_inside_a_law_title_stays_nested():
    # 《市委依法治市办关于印发…的通知》: the law keeps the agency inside it; a second agency overlapping it does not stay
    law = Mention("law", 0, 30, "", "law.title-document")
    agency = Mention("agency", 1, 8, "", "agency.justice")
    shorter = Mention("agency", 5, 10, "", "agency.justice")
    region = Mention("region", 40, 43, "", "region.name")
    kept = resolve_overlaps([agency, region, shorter, law])
    assert outcome(kept) == [("law", 0, 30, "law.title-document", None),
                             ("agency", 1, 8, "agency.justice", "law"),
                             ("region", 40, 43, "region.name", None)]


class TooMuchWork(Exception):
    pass


def counting_mentions(spans, budget: int) -> list[Mention]:
    """Mentions that count how often their start and end are read (the work done on them), and stop
    the run once that passes ``budget``: a quadratic policy fails at once instead of running for minutes."""
    reads: Counter = Counter()

    class Counted(Mention):
        def __getattribute__(self, name):
            if name in ("start", "end"):
                reads[name] += 1
                if reads.total() > budget:
                    raise TooMuchWork(f"more than {budget} reads of start and end")
            return object.__getattribute__(self, name)

    return [Counted(t, s, e, "", rule) for t, s, e, rule in spans]


def test_each_candidate_costs_a_bounded_number_of_reads():
    # 20,000 candidates as in a long report: laws with two agencies inside, the second overlapping the
    # first, and a region after each law. Testing each against every span kept before it reads starts
    # and ends some 10⁸ times; the policy reads those of each candidate a bounded number of times.
    spans = []
    for i in range(5_000):
        base = 20 * i
        spans += [("law", base, base + 15, "law"), ("agency", base + 2, base + 9, "agency"),
                  ("agency", base + 6, base + 12, "agency"), ("region", base + 15, base + 19, "region")]
    candidates = counting_mentions(spans, budget=25 * len(spans))
    kept = resolve_overlaps(candidates)
    assert len(kept) == 15_000  # each law, its first agency nested inside it, and the region after it
    assert [m.attrs.get("nested_in") for m in kept[:3]] == [None, "law", None]


# -- spans taken ---------------------------------------------------------------------------------

span_lists = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=30)


@settings(max_examples=400, deadline=None)
@given(span_lists, st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=20))
def test_taken_answers_as_the_scan_did(spans, queries):
    taken = Taken(spans[:10], size=20)  # some spans given at the start, the rest added later, past its size
    for a, b in spans[10:]:
        taken.add(a, b)
    for s, e in queries:
        assert taken.overlaps(s, e) == any(a < e and s < b for a, b in spans), (s, e)


# -- venue names inside region names -------------------------------------------------------------


def test_a_venue_name_starting_inside_a_region_name_starts_with_it():
    from pufa_graph.recognize import gazetteer
    from pufa_graph.recognize.places import _region_start, _regions

    text = SEED["000"].read_text(encoding="utf-8")
    spans = [(a, b) for a, b, _surface, _values in gazetteer.region_matches(text)]
    regions = _regions(text)

    def by_scan(start: int) -> int:
        return next((a for a, b in spans if a < start < b and b - a >= 3), start)

    assert all(_region_start(pos, regions) == by_scan(pos) for pos in range(len(text) + 1))
    inside = [pos for pos in range(len(text)) if by_scan(pos) != pos]
    assert inside  # the report names regions of three or more characters: the test tests something


# -- venue names read against the report's others --------------------------------------------------


def fuller_by_scan(name: str, names: list[str]) -> tuple[str, str | None]:
    for longer in names:
        if longer != name and longer.endswith(name):
            return longer, f"short form of {longer} in this report"
    for longer in names:
        overlap = next((k for k in range(len(longer) - 1, 3, -1) if name.startswith(longer[-k:])), 0)
        if overlap and longer != name:
            return longer + name[overlap:], f"{name[:overlap]} is {longer} in this report"
    return name, None


def test_venue_names_join_their_fuller_forms():
    from pufa_graph.resolve import _fuller_venue_name, _venue_name_index

    names = sorted({"柳州市思贤中学", "思贤中学", "思贤中学宪法长廊", "上河村法治广场"}, key=len, reverse=True)
    index = _venue_name_index(names)
    assert _fuller_venue_name("思贤中学", names, index) == ("柳州市思贤中学", "short form of 柳州市思贤中学 in this report")
    assert _fuller_venue_name("思贤中学宪法长廊", names, index) == (
        "柳州市思贤中学宪法长廊", "思贤中学 is 柳州市思贤中学 in this report")
    assert _fuller_venue_name("上河村法治广场", names, index) == ("上河村法治广场", None)


@settings(max_examples=400, deadline=None)
@given(st.sets(st.text(alphabet="法治学中广场村", min_size=1, max_size=9), max_size=12))
def test_venue_names_as_the_scan_read_them(surfaces):
    from pufa_graph.resolve import _fuller_venue_name, _venue_name_index

    names = sorted(surfaces, key=len, reverse=True)
    index = _venue_name_index(names)
    for name in names:
        assert _fuller_venue_name(name, names, index) == fuller_by_scan(name, names)


# -- regions a report names ------------------------------------------------------------------------


def support_by_definition(kb, named: Counter, code: str) -> int:
    """What pick_region weighed: every named region that is the region itself, an ancestor or a descendant."""
    def line(c: str) -> set[str]:
        return {r.code for r in kb.region_chain(c)}

    return sum(n for other, n in named.items() if other == code or code in line(other) or other in line(code))


@pytest.mark.parametrize("written", [["福州市", "鼓楼区", "温泉街道"], ["鼓楼区"], ["柳州市", "柳江区", "南宁市", "吉林省"]])
def test_region_support_counts_the_regions_line(written):
    from pufa_graph.resolve import NamedRegions

    kb = knowledge()
    kb.township_names  # noqa: B018 - townships are read on first use
    codes = [r.code for name in written for r in kb.regions_by_name.get(name, [])]
    codes += [code for name in written for code in kb.township_names[0].get(name, [])]
    assert codes
    unrelated = [r.code for name in ("海口市", "龙华区") for r in kb.regions_by_name[name]]
    named = NamedRegions()
    for i, code in enumerate(codes):
        for ancestor in kb.region_chain(code):
            named[ancestor.code] += i + 1
    asked = {r.code for c in codes + unrelated for r in kb.region_chain(c)} | set(codes + unrelated)
    for code in asked:
        assert named.support(kb, code) == support_by_definition(kb, named, code), code


# -- sections and sentences --------------------------------------------------------------------------


def test_section_titles_as_the_scan_found_them():
    from pufa_graph.activities import _Outline
    from pufa_graph.pipeline import read_document

    doc = read_document(SEED["000"])
    assert doc.sections

    def by_scan(pos: int) -> list[str]:
        titles, sections = [], doc.sections
        while sections:
            inside = [s for s in sections if s.start <= pos < s.end]
            if not inside:
                break
            titles.append(inside[0].title)
            sections = inside[0].children
        return titles

    outline = _Outline(doc.sections)
    assert all(outline.titles_at(pos) == by_scan(pos) for pos in range(0, len(doc.text) + 1, 3))


def test_sections_out_of_order_are_scanned():
    from pufa_graph.activities import _Outline
    from pufa_graph.model import Section

    overlapping = [Section(1, "一、", "first", 0, 50), Section(1, "二、", "second", 20, 80)]
    assert _Outline(overlapping).titles_at(30) == ["first"]
    assert _Outline(overlapping).titles_at(60) == ["second"]
