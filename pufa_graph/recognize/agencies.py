"""Agencies: region + level + body (柳江区司法局, 县检察院, 团区委, 市委依法治市办), their sections
and working groups, and lists of lead units (牵头单位).

The recognizer records what the text says (region names, level character,
body); :mod:`pufa_graph.resolve` turns that into one canonical body per
jurisdiction.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..knowledge import AgencyBody, knowledge
from ..model import Mention
from . import Context, gazetteer
from .spans import Taken

LEVEL_CHARS = "省市州县区旗盟镇乡"
#: written before a township's body: 街道司法所, 街道办事处 (the report's own sub-district)
TOWNSHIP_LEVEL_WORD = "街道"
#: what stands before a body of the report's own township: 镇司法所, 乡政府, 街道办事处
TOWNSHIP_LEVELS = ("镇", "乡", TOWNSHIP_LEVEL_WORD)
_L = f"[{LEVEL_CHARS}]"
#: after an agency: a section, office, party group or working group of it
SUB_BODY = re.compile(r"[\u4e00-\u9fff“”]{1,14}?(?:领导小组|协调小组|工作小组|办公室|秘书科|政治部|党组|中心组|科|股|分局|大队|支队)"
                      r"(?![\u4e00-\u9fff]{0,2}(?:长|员))")
SUB_BODY_STOP = re.compile(r"[的了在对向为将把从到和及]|开展|组织|举办|联合|负责|设在|牵头|按照|根据|通过|围绕|主办|制作|涉及")
#: a standalone section name, bounded by list punctuation: (牵头单位:政治部、普法与依法治理科)
SECTION = re.compile(r"(?:(?<=[:：、，,（(；;])|(?<=设在)|(?<=[报由在]))([\u4e00-\u9fff]{2,12}?(?:科|股)|政治部|办公室)"
                     r"(?=[、，,）);；。:：]|负责|牵头)")
SECTION_WORDS = re.compile(r"法|治|政|务|理|管|督|服|宣|矫|复议|促进|办|导|规划|综合|人事|财|监|审|调解|援助|公证|仲裁|律师|秘书|信息|保障")
#: verbs that end the words before a working group's name: 迎接|市考核组
GROUP_LEAD_IN = re.compile(r".*(?:调整|充实|迎接|成立|组建|设立|建立|配合|接受|邀请|联合|会同|经|由|在|向|对|以|的|是)")
GROUP_WORDS = "领导小组|协调小组|工作小组|考核组|复核组|检查组|督导组|评估组"
#: a working group's name runs at most this many characters before its group word
GROUP_NAME_REACH = 18
GROUP_WORD = re.compile(GROUP_WORDS)
WORKING_GROUP = re.compile(rf"[\u4e00-\u9fff“”]{{0,{GROUP_NAME_REACH}}}?(?:{GROUP_WORDS})")
COLLECTIVE = re.compile(rf"各{_L}{{0,3}}$")


@lru_cache(maxsize=1)
def _goes_to() -> tuple[str, ...]:
    from ..knowledge import boundary_words

    return tuple(sorted(boundary_words("goes_to"), key=len, reverse=True))


#: kinds of body that are institutions an organizer sends the work to (hospitals, libraries, schools), not bodies
#: that publicize law on their own account: after 组织 (``puts_institution``) they are the place
INSTITUTION_KINDS = frozenset(("other", "education"))


@lru_cache(maxsize=1)
def _puts_institution() -> tuple[str, ...]:
    from ..knowledge import boundary_words

    return tuple(sorted(boundary_words("puts_institution"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _department_list() -> tuple[re.Pattern, dict[str, AgencyBody]]:
    """民政、人社、教育等部门: shorthand names that count only inside such a list."""
    short = {b.pattern: b for b in knowledge().agency_bodies if b.prefix == "list"}
    names = "|".join(sorted(map(re.escape, short), key=len, reverse=True))
    item = rf"(?:[{LEVEL_CHARS}])?(?:{names})"
    return re.compile(rf"(?:(?<![\u4e00-\u9fff])|(?<=[与和及同对向])|(?<=会同)|(?<=联合)){item}(?:[、和及与]{item})*"
                      rf"(?=等?[\u4e00-\u9fff]{{0,3}}?(?:部门|单位|系统|机关))"), short


@lru_cache(maxsize=1)
def _bodies() -> tuple[re.Pattern, list[tuple[re.Pattern, AgencyBody]]]:
    parts = []
    for body in knowledge().agency_bodies:
        if "{R}" in body.pattern or body.prefix == "list":
            continue  # full names such as 共青团{R}委员会 are found as region + 委员会
        pattern = re.escape(body.pattern).replace(r"\{L\}", _L).replace(r"\{NAME\}", r"[\u4e00-\u9fff]{2,4}?")
        parts.append((len(body.pattern), pattern, body))
    parts.sort(key=lambda p: -p[0])
    alternation = re.compile("|".join(p for _, p, _ in parts))
    return alternation, [(re.compile(p), b) for _, p, b in parts]


@lru_cache(maxsize=4096)
def _which_body(matched: str) -> AgencyBody:
    """The catalogue body whose pattern the alternation matched (the same few hundred names recur)."""
    _, table = _bodies()
    for pattern, body in table:
        if pattern.fullmatch(matched):
            return body
    raise LookupError(matched)


@lru_cache(maxsize=8192)
def kind_of_name(name: str) -> str:
    """The kind of a canonical agency name by the catalogue body it ends with (柳州市公安局 -> police),
    for agencies a report names only as another's parent; "other" when none fits."""
    alternation, _ = _bodies()
    ending = [m for m in alternation.finditer(name) if m.end() == len(name)]
    return _which_body(ending[-1].group(0)).kind if ending else "other"


def _regions_ending(text: str) -> dict[int, list[tuple[int, str, list[str]]]]:
    ends: dict[int, list[tuple[int, str, list[str]]]] = {}
    for start, end, surface, values in gazetteer.region_matches(text):
        ends.setdefault(end, []).append((start, surface, [code for _t, code in values]))
    return ends


def _region_prefix(text: str, pos: int, ends) -> tuple[int, list[tuple[str, list[str]]]]:
    """Region names written right before ``pos`` (柳州市柳江区), outermost first."""
    chain: list[tuple[str, list[str]]] = []
    while pos in ends:
        start, surface, codes = max(ends[pos], key=lambda r: len(r[1]))
        chain.insert(0, (surface, codes))
        pos = start
    return pos, chain


def find_agencies(text: str, ctx: Context) -> list[Mention]:
    alternation, _ = _bodies()
    ends = _regions_ending(text)
    out: list[Mention] = []
    for m in alternation.finditer(text):
        body = _which_body(m.group(0))
        start = m.start()
        attrs: dict = {"body": body.pattern, "kind": body.kind, "template": body.canonical}
        level_inside = re.search(_L, m.group(0)) if "{L}" in body.pattern else None
        if level_inside:
            attrs["level"] = level_inside.group(0)
        chain: list = []
        collective = COLLECTIVE.search(text[max(0, start - 4):start])
        if collective:
            attrs["collective"] = collective.group(0)
            start -= len(collective.group(0))
        else:
            start, chain = _region_prefix(text, start, ends)
            shorts = gazetteer.townships().short_ending(text, start) if not chain and body.level == "township" else []
            if shorts:
                # 古市派出所, 大塘埠人民法庭: a township's short name, perhaps after its county (松阳县古市派出所)
                town_start, surface, codes = shorts[0]
                start, chain = _region_prefix(text, town_start, ends)
                chain.append((surface, codes))
                attrs["town_short"] = surface
            if chain:
                attrs["regions"] = chain
            elif body.level == "township" and text[max(0, start - 2):start] == TOWNSHIP_LEVEL_WORD:
                attrs["level"] = TOWNSHIP_LEVEL_WORD
                start -= 2
            elif start > 0 and text[start - 1] in LEVEL_CHARS and body.prefix != "none":
                attrs["level"] = text[start - 1]
                start -= 1
        if text[max(0, start - 3):start] == "共青团" and body.pattern in ("委员会", "委"):
            start -= 3
            attrs.update(kind="mass_organization", template="共青团{R}委员会")
        elif text[max(0, start - 2):start] == "中共":
            start -= 2
        has_prefix = bool(chain) or "level" in attrs or "collective" in attrs
        if body.prefix in ("required", "level", "level-inside") and not has_prefix:
            if not _coordinated(text, start, out):
                continue
            attrs["inherit"] = True
        if body.prefix == "none" and has_prefix:
            continue
        if body.pattern in ("委", "政府", "局", "厅") and not chain and "level" not in attrs and "inherit" not in attrs:
            continue
        if body.pattern in ("局", "厅") and "level" not in attrs:
            continue
        end = m.end()
        sub = SUB_BODY.match(text, end)
        if sub and not SUB_BODY_STOP.search(sub.group(0)) and not alternation.search(sub.group(0)[:-1]):
            attrs["sub"] = sub.group(0)
            end = sub.end()
        before = text[max(0, start - 3):start]
        if body.venue_type and (before.endswith(_goes_to()) or (
                body.kind in INSTITUTION_KINDS and before.endswith(_puts_institution())) or (
                before.endswith("、") and out and out[-1].rule == "venue.body" and out[-1].end == start - 1)):
            # 走进县人民医院, 在区公共法律服务中心, 组织县人民医院、县中医院开展: the body is where the activity
            # happens (and the next in a list with it)
            out.append(Mention("venue", start, end, text[start:end], "venue.body", attrs={"venue_type": body.venue_type}))
            continue
        type_ = "collective" if "collective" in attrs else "agency"
        out.append(Mention(type_, start, end, text[start:end], f"{type_}.{attrs['kind']}", attrs=attrs))
    lists, short = _department_list()
    for m in lists.finditer(text):
        for item in re.finditer(r"[^、和及与]+", m.group(0)):
            word = item.group(0)
            level = word[0] if word[0] in LEVEL_CHARS and word[1:] in short else None
            body = short[word[1:] if level else word]
            attrs = {"body": body.pattern, "kind": body.kind, "template": body.canonical, "shorthand": True}
            if level:
                attrs["level"] = level
            start = m.start() + item.start()
            out.append(Mention("agency", start, start + len(word), word, "agency.department-list", attrs=attrs))
    taken = Taken(((x.start, x.end) for x in out), len(text))
    for matches, rule in ((SECTION.finditer(text), "agency.section"), (_working_groups(text), "agency.working-group")):
        for m in matches:
            s, e = m.span(1) if m.re.groups else m.span(0)
            if taken.overlaps(s, e):
                continue
            surface = text[s:e]
            if rule == "agency.section" and not SECTION_WORDS.search(surface[:-1]):
                continue
            if rule == "agency.working-group":
                lead_in = GROUP_LEAD_IN.match(surface)
                if lead_in:
                    s += lead_in.end()
                    surface = text[s:e]
                named = re.sub(rf"({GROUP_WORDS})$", "", surface)
                if len(named) < 2 and not (named and named in LEVEL_CHARS):
                    continue  # a bare 领导小组 refers back to a group named before
            kind = "section" if rule.endswith("section") else "working_group"
            out.append(Mention("agency", s, e, surface, rule, attrs={"kind": kind, "standalone": True}))
            taken.add(s, e)
    return out


def _working_groups(text: str) -> Iterator[re.Match]:
    """``WORKING_GROUP.finditer(text)``, searched only near group words: a match ends in one, so none starts
    further than ``GROUP_NAME_REACH`` before the next (the plain scan tried its lazy run at every character)."""
    pos = 0
    while word := GROUP_WORD.search(text, pos):
        m = WORKING_GROUP.search(text, max(pos, word.start() - GROUP_NAME_REACH))
        if not m:
            return
        yield m
        pos = m.end()


def _coordinated(text: str, start: int, found: list[Mention]) -> bool:
    """区委区政府, 巴州党委、政府: a body that shares the region of the agency just before it."""
    if not found:
        return False
    prev = found[-1]
    if start - prev.end > 1:
        return False  # the gap is longer than any joining word (and is not read: it may span the report)
    gap = text[prev.end:start]
    return gap in ("", "、", "和", "及", "与") and ("regions" in prev.attrs or "level" in prev.attrs)
