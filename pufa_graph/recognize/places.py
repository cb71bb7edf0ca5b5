"""Places: named venues (…中学, …广场, …长廊, …景区). Villages are :mod:`.villages`.

A name runs back from its type word over jieba tokens until a lead-in word
(走进, 在, 新建 …) or punctuation: 走进|圩丰|中学 -> 圩丰中学.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Mention
from ..segment import tag
from . import Context

#: parts of speech a place name is made of: nouns, place and person names, numbers, unknown words
NAME_POS = set("nmxqlj") | {"e"}
NAME_CHAR = re.compile(r"[\u4e00-\u9fff0-9A-Za-z·]")


@lru_cache(maxsize=1)
def _suffixes(kb_id: int = 0):
    from ..knowledge import knowledge

    kb = knowledge()
    pairs = sorted(((s, vt.code) for vt in kb.venue_types for s in vt.named_suffixes), key=lambda p: -len(p[0]))
    return re.compile("|".join(re.escape(s) for s, _ in pairs)), dict(pairs)


def _name_before(text: str, pos: int, ctx: Context, max_chars: int = 10) -> int:
    """Where the proper name that ends at ``pos`` starts (== pos when there is none)."""
    start = pos
    while start > 0 and pos - start < max_chars and NAME_CHAR.match(text[start - 1]):
        start -= 1
    if start == pos:
        return pos
    keep = pos
    for token, flag in reversed(tag(text[start:pos])):
        lead_in = token in ctx.kb.lead_in_words or token.endswith(ctx.kb.lead_in_long)
        topic = token in ctx.kb.topic_words
        if lead_in or not NAME_CHAR.match(token[0]) or (flag[:1] not in NAME_POS and not topic):
            break
        keep -= len(token)
    return keep


#: parts of speech that make a name proper: person, place, organization and other proper names, numbers
PROPER_POS = {"nr", "ns", "nz", "nt", "nrt", "nrfg", "x", "l", "j", "eng", "m"}


def _is_proper(name: str, ctx: Context) -> bool:
    """思贤 (nr), 伊甸园 (ns), 308 (m), 禁毒 (a topic) name a place; 指导, 行政, 青少年法治教育 do not."""
    return any(flag in PROPER_POS or token in ctx.kb.topic_words for token, flag in tag(name))


def _is_generic(name: str, ctx: Context) -> bool:
    return (not name or name.startswith(ctx.kb.generic_starts) or bool(re.fullmatch(r"[\d一二三四五六七八九十几多数]+[所个家处座]?", name)))


def find_places(text: str, ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    pattern, type_of = _suffixes()
    for m in pattern.finditer(text):
        suffix = m.group(0)
        start = _name_before(text, m.start(), ctx)
        name = text[start:m.start()]
        if not name and type_of[suffix] == "elderly_center":
            pass  # 老年人活动中心 names itself
        elif _is_generic(name, ctx) or not _is_proper(name, ctx):
            continue
        if name and name[-1].isdigit() and not re.search(r"[\u4e00-\u9fff]", name):
            continue
        out.append(Mention("venue", start, m.end(), text[start:m.end()], "venue.named",
                           attrs={"venue_type": type_of[suffix]}))
    return out
