"""Laws: 《…》 titles, catalogue names written without marks, and 以下简称 aliases."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Mention
from . import Context
from . import gazetteer

TITLE = re.compile(r"《([^《》]{1,80})》")
#: what a title of a legal or normative document ends with
LEGAL_SUFFIX = re.compile(r"(法|法典|条例|规定|办法|意见|方案|规划|纲要|清单|制度|要点|准则|细则|决定|通知|规则|章程|大纲|"
                          r"标准|指引|公约|解释|守则|规范|计划|措施)(\s*[(（][^()（）]*[)）])?$")
ABBREVIATION = re.compile(r"^[(（]\s*以下简称\s*[“《\"]?([^”》\"）)]{1,20})[”》\"]?\s*[)）]")
DOC_NUMBER_AFTER = re.compile(r"^[(（]([\u4e00-\u9fff]{1,10}[〔\[(（]\d{4}[〕\])）]\d+号)[)）]")
#: a non-legal title counts as a campaign or work when the clause calls it one
#: a law named by its topic in a list that ends in 法律法规: 宣传未成年人保护、预防未成年人犯罪等法律法规
TOPIC_LIST_END = re.compile(r"^[^。；;！？]{0,30}?等?(方面)?的?法律法规")
WORK_CONTEXT = re.compile(r"^[^。；;]{0,12}(活动|宣讲|宣传|视频|节目|课堂|讲座|展演|演出)")
#: a book or leaflet handed out is a publication, not a campaign: 《宪法知识漫画手册》, 《…读本》
PUBLICATION = re.compile(r"(手册|读本|漫画|画册|折页|宣传册|一封信|问答|\d+问|汇编|丛书|教材|指南)$")
HANDED_OUT = re.compile(r"(发放|赠送|赠阅|编印|印发|配备|分发|派发)[^。；;！？\n]{0,30}$")
PRC = "中华人民共和国"


def catalogue_key(title: str) -> str | None:
    """The catalogue key of a law title as written, or None."""
    cleaned = title.strip()
    if cleaned.startswith("新"):
        cleaned = cleaned[1:]
    for candidate in (cleaned, cleaned.removeprefix(PRC)):
        for _s, end, surface, values in gazetteer.laws().iter(candidate):
            if surface == candidate:
                return values[0][1]
    return None


def find_laws(text: str, ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    local_alias: dict[str, Mention] = {}
    titled: list[tuple[int, int]] = []
    for m in TITLE.finditer(text):
        title = m.group(1).strip()
        titled.append((m.start(), m.end()))
        key = catalogue_key(title)
        if key is None and title in local_alias:
            source = local_alias[title]
            out.append(Mention("law", m.start(), m.end(), m.group(0), "law.alias-of", key=source.key,
                               attrs=dict(source.attrs)))
            continue
        if key is not None:
            mention = Mention("law", m.start(), m.end(), m.group(0), "law.title-catalogue", key=key)
        elif LEGAL_SUFFIX.search(title) and not re.fullmatch(r"[\d\s]+", title):
            mention = Mention("law", m.start(), m.end(), m.group(0), "law.title-document",
                              attrs={"title": title.replace("<", "〈").replace(">", "〉")})
        else:
            if (WORK_CONTEXT.search(text[m.end():m.end() + 20]) and not PUBLICATION.search(title)
                    and not HANDED_OUT.search(text[max(0, m.start() - 30):m.start()])):
                out.append(Mention("campaign", m.start(), m.end(), m.group(0), "campaign.work-title",
                                   attrs={"title": title}))
            continue
        if m.start() > 0 and text[m.start() - 1] == "新":
            mention.attrs["new"] = True
        out.append(mention)
        tail = text[m.end():m.end() + 40]
        alias = ABBREVIATION.match(tail)
        if alias:
            local_alias[alias.group(1)] = mention
        number = DOC_NUMBER_AFTER.match(tail)
        if number:
            mention.attrs["doc_number"] = number.group(1)

    title_starts = [s for s, _e in titled]

    def inside_title(start: int, end: int) -> bool:
        """Titles never overlap (one finditer), so only the last one starting at or before ``start`` can hold it."""
        i = bisect_right(title_starts, start) - 1
        return i >= 0 and end <= titled[i][1]

    for start, end, surface, values in gazetteer.laws().iter(text):
        if inside_title(start, end):
            continue
        key = values[0][1]
        law = ctx.kb.law_by_key[key]
        official = surface in (law.name, law.full_name, law.full_name.removeprefix(PRC), PRC + law.name)
        if not official and not (len(surface) >= 3 and surface.endswith("法")):
            continue  # short abbreviations (消法) count only inside 《》
        out.append(Mention("law", start, end, surface, "law.name" if official else "law.abbreviation", key=key))
    for start, end, surface, values in gazetteer.law_stems().iter(text):
        if text[end:end + 1] == "法" or inside_title(start, end):
            continue
        if TOPIC_LIST_END.match(text[end:end + 40]):
            out.append(Mention("law", start, end, surface, "law.topic-stem", key=values[0][1]))
    return out
