"""Media channels from the gazetteer, and named accounts (“法治柳江”微信公众号).

Audience groups share the gazetteer but are found by ``groups``, which reads each name in its clause.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..model import Mention
from . import Context, gazetteer

NAMED_ACCOUNT = re.compile(r"“([^“”]{2,12})”(微信公众号|公众号|官方微博|微博|抖音号|抖音|视频号|头条号|客户端|APP|栏目)")
#: 人民法院的“柳江法苑”: an agency's quoted account in a sentence about new media
OWNED_ACCOUNT = re.compile(r"的“([^“”]{2,8})”")
NEW_MEDIA_CONTEXT = re.compile(r"新媒体|公众号|微博|矩阵|平台|抖音|账号")
SENTENCE_BREAK = re.compile(r"[。\n]")


def find_lexicon(text: str, ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    for start, end, surface, values in gazetteer.lexicon().iter(text):
        for type_, key in values[:1]:
            if type_ == "group":
                continue  # groups.find_groups reads them with their modifier and clause
            out.append(Mention(type_, start, end, surface, f"{type_}.gazetteer", key=key))
    for m in NAMED_ACCOUNT.finditer(text):
        out.append(Mention("media", m.start(), m.end(), m.group(0), "media.named-account", key=m.group(1),
                           attrs={"platform": m.group(2)}))
    breaks: list[int] | None = None  # where 。 and line ends are, found once: a report may hold few of them
    for m in OWNED_ACCOUNT.finditer(text):
        if breaks is None:
            breaks = [b.start() for b in SENTENCE_BREAK.finditer(text)]
        i = bisect_left(breaks, m.start())  # the last break before the match, and the first after it
        sentence_start = breaks[i - 1] + 1 if i else 0
        j = bisect_left(breaks, m.end(), i)
        sentence_end = breaks[j] if j < len(breaks) else len(text)
        if NEW_MEDIA_CONTEXT.search(text, sentence_start, sentence_end):
            out.append(Mention("media", m.start() + 1, m.end(), m.group(0)[1:], "media.owned-account",
                               key=m.group(1)))
    return out
