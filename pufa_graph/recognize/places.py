"""Places: named venues (…中学, …广场, …长廊, …景区, …物流园, …客运站). Villages are :mod:`.villages`.

A name runs back from its type word (a ``named_suffixes`` word of ontology/venue_types.csv) over
jieba tokens until a lead-in word (走进, 在, 新建 …) or punctuation: 走进|圩丰|中学 -> 圩丰中学.
Where the name starts is settled by boundary rules, all data in ontology/boundaries.csv:

* a lead-in word or a verb ends it; so does a word cut by the window (活|动在… is no name);
* a quantity ends it (1个|镇级法治文化广场), and generic modifiers in front are dropped
  (辖区|义井物流园); a name of generic words only (镇级, 特色, 法治文化) names no venue;
* the report's own jurisdiction may stand for a name (县|人民医院, 镇|卫生院), as it does for agencies;
* a quoted brand joins the name around it (东山峪村“德法相伴”法治长廊); a quoted generic name takes
  its owner (上河村“法治书屋”), a quoted proper one stands alone (“骑手普法驿站”).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from ..model import Mention
from ..segment import tag
from . import Context, gazetteer
from .spans import Taken

#: parts of speech a place name is made of: nouns, place and person names, numbers, unknown words
NAME_POS = set("nmxqlj") | {"e"}
NAME_CHAR = re.compile(r"[\u4e00-\u9fff0-9A-Za-z·]")
#: characters a quoted brand inside a name may hold besides name characters: “孝善+法治”
BRAND_CHAR = re.compile(r"[\u4e00-\u9fff0-9A-Za-z·+＋&]")
#: parts of speech a venue's name may hold besides NAME_POS: verbal nouns (百色|综合|物流园), one-character
#: morphemes (东山|峪|村), time words (县|现代|物流园), place words (城北|集贸市场) and adverbs jieba
#: finds in names (金|都|宾馆, 连霍|高速|…服务区); only a place word may start it (see _trim)
VENUE_INNER_POS = {"vn", "g", "zg", "t", "s", "d"}
#: other forms of a quoted venue's type word, in brackets before the closing quote: (站、家)
VARIANTS = re.compile(r"[(（][\u4e00-\u9fff、，,]{1,8}[)）]”")
#: how long a venue's name may be before its type word: 枣庄市市中区齐村镇北庄村|宪法主题公园
VENUE_CHARS = 16
#: how far before its first character a name is segmented, so that jieba sees whole words
CONTEXT_CHARS = 4
#: a count with its measure word: 1个, 5所, 23家, 两处 (the name starts after it)
QUANTITY = re.compile(r"(?:[0-9]+|[一二两三四五六七八九十几多数]+)[个所处家座名批类条场次项支户间块套本]")


@lru_cache(maxsize=1)
def _suffixes(kb_id: int = 0):
    from ..knowledge import knowledge

    kb = knowledge()
    pairs = sorted(((s, vt.code) for vt in kb.venue_types for s in vt.named_suffixes), key=lambda p: -len(p[0]))
    return re.compile("|".join(re.escape(s) for s, _ in pairs)), dict(pairs)


class _Bounds(NamedTuple):
    """Venue-only boundary words of ontology/boundaries.csv."""

    levels: frozenset[str]  # venue_level: the report's own jurisdiction standing for a name (县|人民医院)
    weak: frozenset[str]  # venue_weak: too general to name a venue alone (法治|长廊)
    not_after: tuple[str, ...]  # venue_not_after: after a type word, it names no venue (中学|旧址)
    exclude: re.Pattern | None  # venue_exclude: words holding a type word that name no venue (人民法庭)


@lru_cache(maxsize=1)
def _boundaries() -> _Bounds:
    from ..knowledge import boundary_words

    exclude = sorted(boundary_words("venue_exclude"), key=len, reverse=True)
    return _Bounds(frozenset(boundary_words("venue_level")), frozenset(boundary_words("venue_weak")),
                   boundary_words("venue_not_after"),
                   re.compile("|".join(map(re.escape, exclude))) if exclude else None)


def _is_lead_in(token: str, ctx: Context) -> bool:
    return token in ctx.kb.lead_in_words or token.endswith(ctx.kb.lead_in_long)


def _is_word(text: str) -> bool:
    """Whether ``text`` is one word of jieba's dictionary (完成, 和县; not 动全, which only its HMM joins)."""
    tokens = tag(text)
    return len(tokens) == 1 and tokens[0][1] != "x"


def _name_before(text: str, pos: int, ctx: Context, max_chars: int = 10, venue: bool = False) -> int:
    """Where the proper name that ends at ``pos`` starts (== pos when there is none).

    The window is segmented from a few characters before its limit, so that a word the limit
    would cut (活动 in 活动在温泉街道…) is seen whole and ends the name. A venue's name may also
    hold verbal nouns (百色|综合|物流园) and start with a level (县|客运站); :func:`_trim` tidies its start."""
    levels = _boundaries().levels if venue else frozenset()
    limit = pos - max_chars
    start = pos
    while start > 0 and start > limit - CONTEXT_CHARS and NAME_CHAR.match(text[start - 1]):
        start -= 1
    if start == pos:
        return pos
    tokens = tag(text[start:pos])
    keep = pos
    stop = None  # the token that ended the name
    for i in range(len(tokens) - 1, -1, -1):
        token, flag = tokens[i]
        topic = token in ctx.kb.topic_words or token in levels or (venue and flag in VENUE_INNER_POS)
        if (keep - len(token) < limit or _is_lead_in(token, ctx) or not NAME_CHAR.match(token[0])
                or (flag[:1] not in NAME_POS and not topic)
                or venue and flag == "x" and len(token) > 1 and token[-1] in ctx.kb.lead_in_words):
            stop = i  # the last: a word jieba's HMM glued to a lead-in, 送法进|物流园
            break
        if venue and len(token) == 2 and token[1] in levels and (
                _is_lead_in(token[0], ctx) or (i and _is_word(tokens[i - 1][0][-1] + token[0]))):
            return keep - 1  # a lead-in glued to a level: 和县|客运站 is 和|县客运站, 完成县… is 完成|县…
        keep -= len(token)
    if keep == pos:
        return pos
    if stop is not None:
        token, flag = tokens[stop]
        before = tokens[stop - 1][0] if stop else None
        # a direction word or an adjective split off a name, between a lead-in (or a clause's start) and the
        # rest of it: 在|西|丰镇, ，|上|河村, 在|幸福|林带… (not 活动|中)
        first = keep - len(token)
        if ((flag == "f" and len(token) == 1 or flag == "a" and len(token) <= 2) and first >= limit
                and (before is None and (first == 0 or not NAME_CHAR.match(text[first - 1]))
                     or before is not None and _is_lead_in(before, ctx))):
            keep = first
    return keep


def _own_level_start(name: str, ctx: Context) -> int:
    """Length of the report's-own-jurisdiction word a name starts with (县 in 县人民, 县城 in 县城建筑), else 0."""
    first = tag(name)[0][0] if name else ""
    return len(first) if first in _boundaries().levels else 0


#: parts of speech that make a name proper: person, place, organization and other proper names, numbers
PROPER_POS = {"nr", "ns", "nz", "nt", "nrt", "nrfg", "x", "l", "j", "eng", "m"}


def _is_proper(name: str, ctx: Context) -> bool:
    """思贤 (nr), 伊甸园 (ns), 308 (m), 禁毒 (a topic), 百色 and 同心 (regions), 城头山 (a township) name a
    place; 指导, 行政, 青少年法治教育 do not."""
    return (any(flag in PROPER_POS or token in ctx.kb.topic_words or token in ctx.kb.regions_by_name
                for token, flag in tag(name))
            or bool(gazetteer.region_matches(name)) or gazetteer.townships().names_a_township(name))


def _is_generic(name: str, ctx: Context) -> bool:
    return (not name or name.startswith(ctx.kb.generic_starts) or bool(re.fullmatch(r"[\d一二三四五六七八九十几多数]+[所个家处座]?", name)))


#: a verb of going in a quoted text makes it a slogan: 送法进新兴工业园, 法律进社区 (jieba may read 送法进 as one word)
SLOGAN_VERB = re.compile(r".(?:进|到).{2}|深入|走进")
#: a slogan, not a name: 一园一带一街区, 一村一品
SLOGAN = re.compile(r"一[\u4e00-\u9fff]一")


def _is_weak(name: str) -> bool:
    """法治, 普法, 法治文化: a name of such words alone is a kind of place, not a place (法治长廊)."""
    weak = _boundaries().weak
    return all(token in weak for token, _flag in tag(name)) if name else True


#: parts of speech a venue's name does not start with (verbal nouns, verbs, adverbs, pronouns, morphemes …)
NOT_FIRST_POS = {"vn", "v", "d", "c", "p", "r", "g", "zg", "t"}


def _trim(text: str, start: int, end: int, ctx: Context) -> int:
    """Move a name's start past a quantity (1个|镇级…), a generic modifier (辖区|义井物流园) and a word
    that starts no name (综合 is fine inside 百色综合物流园, not first); a level word stays (县|客运站)."""
    for q in QUANTITY.finditer(text, start, end):
        start = q.end()
    while start < end:
        tokens = tag(text[start:end])
        token, flag = tokens[0]
        generic = token in ctx.kb.generic_starts
        not_first = flag in NOT_FIRST_POS and len(tokens) > 1 and not _own_level_start(text[start:end], ctx)
        if not (generic or not_first):
            break
        start += len(token)
    return start


def _is_slogan(quoted: str, ctx: Context) -> bool:
    """“送法进新兴工业园” is a slogan that holds a venue, not a venue's name: a verb leads in to it."""
    return bool(SLOGAN_VERB.search(quoted)) or any(flag in ("v", "p") and _is_lead_in(token, ctx)
                                                   for token, flag in tag(quoted))


def _quoted(text: str, start: int, suffix_start: int, suffix_end: int, ctx: Context,
            regions: _Regions) -> tuple[int, int] | None:
    """A quoted name is a name whatever its words: “骑手普法驿站” and “暖蜂驿站” stand alone, a quoted
    kind of place takes its owner (上河村“法治书屋”), a brand joins the name around it
    (东山峪村“德法相伴”法治长廊). (start, end) of the venue; None where no quote is involved or the
    quoted kind of place has no owner (村口“普法驿站”)."""
    variants = VARIANTS.match(text, suffix_end)  # “法律明白人工作室(站、家)”
    closes = variants.end() - 1 if variants else suffix_end
    open_at = text.rfind("“", max(0, suffix_start - 12), suffix_start)
    if (open_at >= 0 and text[closes:closes + 1] == "”"
            and all(BRAND_CHAR.match(c) for c in text[open_at + 1:suffix_start])
            and not _is_slogan(text[open_at + 1:suffix_end], ctx)):
        if not _is_weak(text[open_at + 1:suffix_start]):
            return open_at + 1, closes
        owner = _owner(text, open_at, ctx, regions)
        return (owner, closes + 1) if owner is not None else (-1, -1)
    if start > 0 and text[start - 1] == "”":
        open_at = text.rfind("“", max(0, start - 12), start - 1)
        if open_at < 0 or not all(BRAND_CHAR.match(c) for c in text[open_at + 1:start - 1]):
            return None
        owner = _owner(text, open_at, ctx, regions)
        return (owner if owner is not None else open_at), suffix_end
    return None


def _owner(text: str, pos: int, ctx: Context, regions: _Regions) -> int | None:
    """The start of a proper name written right before ``pos`` (a village, a community), or None."""
    start = _trim(text, _region_start(_name_before(text, pos, ctx, VENUE_CHARS, venue=True), regions), pos, ctx)
    name = text[start:pos]
    if not name or _is_generic(name, ctx) or not (_is_proper(name, ctx) or _own_level_start(name, ctx)):
        return None
    return start


class _Regions(NamedTuple):
    """The report's region names of three or more characters, in ``gazetteer.region_matches`` order (by end)."""

    ends: list[int]
    spans: list[tuple[int, int]]
    longest: int


def _regions(text: str) -> _Regions:
    spans = [(a, b) for a, b, _surface, _values in gazetteer.region_matches(text) if b - a >= 3]
    return _Regions([b for _a, b in spans], spans, max((b - a for a, b in spans), default=0))


def _region_start(start: int, regions: _Regions) -> int:
    """A name that starts inside a region name of three or more characters starts with it:
    jieba's 古|市镇 or 齐|村镇 cut 古市镇 and 齐村镇 (two-character ones such as 和县 are left alone).
    Of several, the first by end; only names ending within ``longest`` after ``start`` can hold it."""
    for i in range(bisect_right(regions.ends, start), len(regions.spans)):
        a, b = regions.spans[i]
        if b - regions.longest >= start:
            break
        if a < start:
            return a
    return start


def _excluded(text: str) -> list[tuple[int, int]]:
    pattern = _boundaries().exclude
    return [(x.start(), x.end()) for x in pattern.finditer(text)] if pattern else []


def _ends_word(text: str, m: re.Match, ctx: Context) -> bool:
    """A type word must end a word: not 中学 in 中学生, not 市场 in 市场监管所, not 中学 in 中学旧址."""
    if text.startswith(_boundaries().not_after, m.end()):
        return False
    after = text[m.end():m.end() + 2]
    if not after or not NAME_CHAR.match(after[0]):
        return True
    length = 0
    for token, _flag in tag(text[m.start():m.end() + 2]):
        length += len(token)
        if length >= len(m.group(0)):
            return length == len(m.group(0))
    return True


def find_places(text: str, ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    pattern, type_of = _suffixes()
    excluded = Taken(_excluded(text), len(text))
    regions = _regions(text)
    for m in pattern.finditer(text):
        suffix = m.group(0)
        if excluded.overlaps(m.start(), m.end()) or not _ends_word(text, m, ctx):
            continue
        start, end = _region_start(_name_before(text, m.start(), ctx, VENUE_CHARS, venue=True), regions), m.end()
        quoted = _quoted(text, start, m.start(), end, ctx, regions)
        if quoted == (-1, -1):
            continue
        if quoted:
            start, end = quoted
        else:
            start = _trim(text, start, m.start(), ctx)
            if text[max(0, start - 1):start] == "等" or QUANTITY.match(text, end):
                continue  # 模拟法庭、禁毒长廊等|青少年法治教育基地, 新建宪法主题公园|1个: kinds of place, counted or listed
            name = text[start:m.start()]
            if not name and type_of[suffix] == "elderly_center":
                pass  # 老年人活动中心 names itself
            elif _is_generic(name, ctx) or _is_weak(name) or SLOGAN.search(name):
                continue
            elif not (_is_proper(name, ctx) or _own_level_start(name, ctx)):
                continue
            if name and name[-1].isdigit() and not re.search(r"[\u4e00-\u9fff]", name):
                continue
        out.append(Mention("venue", start, end, text[start:end], "venue.named",
                           attrs={"venue_type": type_of[suffix]}))
    return out
