"""Campaigns: the catalogue (国家宪法日, 民法典宣传月, 送法下乡 …) and quoted themes that the text
calls an activity: 以“美好生活·民法典相伴”为主题, “与法同行 共护未来”模拟法庭大赛."""

from __future__ import annotations

import re

from ..model import Mention
from . import Context, gazetteer

QUOTED = re.compile(r"“([^“”\n]{2,24})”")
#: words after a quoted theme that make it a campaign; the longest that fits is kept with the mention
CAMPAIGN_TAIL = re.compile(r"(?:法治|普法|宣传|主题|模拟法庭|知识|法律|专题|志愿服务|文艺|培养|集中)?"
                           r"(主题活动|系列活动|专项行动|行动方案|行动|活动|大赛|比赛|竞赛|夏令营|同心营|"
                           r"讲座|宣传月|宣传周|宣传日|工程|宣讲|演出|晚会|课堂|工作座谈会)")
CAMPAIGN_LEAD = re.compile(r"(以|围绕|开展|举办|组织|启动|结合|利用|推进|深化|参加|开启|实施|推动)$")
THEME_AFTER = re.compile(r"^为主题")
DATE_ALIAS = re.compile(r"^[\d.·•・．]+$")
SEND_LAW = re.compile(r"送法(?:进|下|到|助)[\u4e00-\u9fff]{1,5}?(?=[”，,、。；;\s]|等|活动|主题|宣传|$)"
                      r"|法律进(?:校园|学校|社区|乡村|企业|机关|单位|家庭)")


def find_campaigns(text: str, ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    for start, end, surface, values in gazetteer.campaigns().iter(text):
        if DATE_ALIAS.match(surface):
            before, after = text[start - 1:start], text[end:end + 1]
            if not (before in "“\"" and after in "”\"" or after in "国全宪消禁世"):
                continue
        out.append(Mention("campaign", start, end, surface, "campaign.catalogue", key=values[0][1]))
    for m in SEND_LAW.finditer(text):
        out.append(Mention("campaign", m.start(), m.end(), m.group(0), "campaign.send-law"))
    for m in QUOTED.finditer(text):
        theme = m.group(1).strip()
        key = gazetteer.campaign_for(theme)
        if key:  # the catalogue names it, perhaps with other separators (美好生活?民法典相伴)
            out.append(Mention("campaign", m.start(), m.end(), m.group(0), "campaign.catalogue-quoted", key=key))
            continue
        if _names_something_else(theme):
            continue
        tail = CAMPAIGN_TAIL.match(text, m.end())
        lead = CAMPAIGN_LEAD.search(text[max(0, m.start() - 2):m.start()])
        theme_of = THEME_AFTER.match(text[m.end():m.end() + 3])
        if not (tail or lead or theme_of):
            continue
        if re.search(r"[，。；;]", theme) and len(theme) > 16:
            continue
        end = tail.end() if tail and not theme_of else m.end()
        out.append(Mention("campaign", m.start(), end, text[m.start():end], "campaign.quoted-theme",
                           attrs={"theme": theme}))
    return _merge_adjacent(out, text)


def _names_something_else(theme: str) -> bool:
    """“法律明白人” is a group and “法治柳江” an account, not campaigns."""
    for start, end, _surface, values in gazetteer.lexicon().iter(theme):
        if end == len(theme) and values[0][0] == "group":
            return True
    return False


def _merge_adjacent(mentions: list[Mention], text: str) -> list[Mention]:
    """“12·4”国家宪法日: pieces of one catalogue campaign separated only by quotes become one mention."""
    by_start = sorted(mentions, key=lambda m: (m.start, -m.end))
    merged: list[Mention] = []
    for m in by_start:
        if merged and m.key and merged[-1].key == m.key and text[merged[-1].end:m.start].strip("“”\" ") == "" \
                and m.start >= merged[-1].end:
            prev = merged[-1]
            prev.end = m.end
            if prev.start > 0 and text[prev.start - 1] == "“" and "”" in text[prev.start:prev.end]:
                prev.start -= 1  # keep the opening quote with the closing one
            prev.surface = text[prev.start:prev.end]
            continue
        merged.append(m)
    return merged
