"""Audience groups named by a modifier and a head word: 行政复议人员, 司法行政干警, 问题青少年, 普法队伍.

The gazetteer (``lexicon``) knows the common groups; this recognizer finds the
ones a report names in its own words. Heads are data (``group_head`` rows of
ontology/boundaries.csv); the modifier runs back over jieba tokens until a
lead-in verb, a particle or punctuation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Mention
from ..segment import tag
from . import Context

#: parts of speech a group's modifier is made of (verbs only from the modifier_verb list)
MODIFIER_POS = ("n", "vn", "a", "b", "j", "l")


@lru_cache(maxsize=1)
def _heads() -> tuple[re.Pattern, frozenset[str]]:
    from ..knowledge import boundary_words, word_alternation

    return word_alternation(boundary_words("group_head")), frozenset(boundary_words("modifier_verb"))


def find_groups(text: str, ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    heads, modifier_verbs = _heads()
    for m in heads.finditer(text):
        window_start = m.start()
        while window_start > 0 and m.start() - window_start < 8 and re.match(r"[\u4e00-\u9fff]", text[window_start - 1]):
            window_start -= 1
        start = m.start()
        tokens = 0
        for token, flag in reversed(tag(text[window_start:m.start()])):
            lead_in = token in ctx.kb.lead_in_words or token.endswith(ctx.kb.lead_in_long)
            modifier = flag.startswith(MODIFIER_POS) and flag not in ("ns", "nr", "nrt") or token in modifier_verbs
            if lead_in or not modifier or token.startswith(ctx.kb.generic_starts) or tokens == 3:
                break
            start -= len(token)
            tokens += 1
        if start == m.start():
            continue  # a bare head (人员, 群众) names no particular group
        surface = text[start:m.end()]
        out.append(Mention("group", start, m.end(), surface, "group.head", key=surface))
    return out
