"""Campaigns: the catalogue (国家宪法日, 民法典宣传月, 送法下乡 …), quoted themes that the text calls an
activity (以“美好生活·民法典相伴”为主题, “与法同行 共护未来”模拟法庭大赛), quoted names with the head that
belongs to them (“书香某地”法治读书节, 某群体“某某”专项行动) and anniversaries made a theme."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import Knowledge, boundary_words, word_alternation
from ..model import Mention
from . import Context, gazetteer
from .spans import Taken

QUOTED = re.compile(r"“([^“”\n]{2,24})”")
#: generic words after a quoted theme: the mention keeps them, the campaign's name does not
CAMPAIGN_TAIL = re.compile(r"(?:法治|普法|宣传|主题|模拟法庭|知识|法律|专题|专项|专场|志愿服务|文艺|培养|集中|线上|网络|"
                           r"有奖|巡回|教育){0,3}"
                           r"(主题活动|系列活动|专场活动|行动方案|活动|大赛|比赛|竞赛|竞答|答题|夏令营|同心营|讲座|宣讲|演出|"
                           r"巡演|晚会|课堂|法治课|主题课|班会|工作座谈会|宣传日|宣传教育|主题教育|签名墙|签名|普法)"
                           r"(?![团队员站点志])")
#: a generic tail a little further on, ending the clause, after a slogan: “某某 某某”学习《某法》电视知识竞赛活动；
LOOSE_TAIL = re.compile(r"(?:(?!开展|组织|举办|进行|参加|参与)[^，。；;：:“”！？\n]){1,16}?"
                        r"(?:知识竞赛活动|竞赛活动|主题活动|宣传活动|系列活动|主题演出)(?=[，。；;！？\n]|$)")
SLOGAN = re.compile(r"^(?:.{6,}|.+[\s·•・].+)$")
#: words between a quoted name and its head: modifiers only
HEAD_MODIFIERS = r"(?:法治|普法|法律|集中|专项|主题|学法){0,2}"
CAMPAIGN_LEAD = re.compile(r"(以|围绕|开展|举办|组织|启动|结合|利用|推进|深化|参加|开启|实施|推动|推行|推出|办好|举行|"
                           r"主题为|主题是|主题：)$")
THEME_AFTER = re.compile(r"^(?:为主题|为题|这一主题|主题(?!活动|宣传|教育))")
THEME_BEFORE = re.compile(r"(主题为|主题是|主题：)$")
PLUS_THEME = re.compile(r"^(?=.*法)[\u4e00-\u9fff]{1,8}[+＋][\u4e00-\u9fff]{1,8}$")  # “公园+法治”, “调解+普法”
DATE_ALIAS = re.compile(r"^[\d.·•・．]+$")
SEND_LAW = re.compile(r"送法(?:进|下|到|助)[\u4e00-\u9fff]{1,5}?(?=[”，,、。；;\s]|等|活动|主题|宣传|$)"
                      r"|法律进(?:校园|学校|社区|乡村|企业|机关|单位|家庭)")
#: an anniversary that the text makes the occasion: 以人民代表大会成立70周年为契机, 结合庆祝某某成立75周年
ANNIVERSARY = re.compile(r"(?:以|结合|庆祝|纪念|迎接|喜迎|围绕)(?:庆祝|纪念)?"
                         r"([\u4e00-\u9fff]{2,14}?(?:成立|颁布|公布施行|颁布实施|施行|实施)[\d一二三四五六七八九十百]+周年)")
#: an unquoted name ending in a head of its own, after 举办/第三届 …: 举办第二届某某法治读书节
UNQUOTED_HEAD = r"(?:法治读书节|读书节|法治文化节|文化节|艺术节|宣传月|活动周)"
UNQUOTED_NAMED = re.compile(r"(?:(?:举办|办好|举行|启动)了?(?:首届|第[一二三四五六七八九十\d]+届)?|首届|第[一二三四五六七八九十\d]+届)"
                            r"([\u4e00-\u9fff·]{2,10}?" + UNQUOTED_HEAD + ")")
#: a phrase made only of these is not the name part of an unquoted campaign
MODIFIER_ONLY = re.compile(r"^(?:法治|普法|法律|集中|主题|专项|系列|青少年|全民|全县|全市|全区|全省|本届|年度)+$")
#: after a quote that a lead word alone makes a campaign, the phrase ends, or goes on to an activity word:
#: 开展“某某”暑期普法活动, 但不是 围绕“两卡”犯罪开展宣传 or 深化“放管服”改革
LEAD_ENDS_PHRASE = re.compile(r"[，,。；;、：:（()）“”！？\s]|等|和|与|及|为|$"
                              r"|(?:(?!开展|组织|进行|举办)[\u4e00-\u9fff]){0,6}?"
                              r"(?:活动|宣传|宣讲|普法|送法|创建|主题|行动|培训|讲座|教育|演出|比赛|竞赛|巡演|课)")
CLAUSE_END = re.compile(r"[，,。；;！？\n]")
#: what a list of quotes ending in 等 is a list of: activities (its quotes are campaigns), ways of working
#: (no say), or other things (“免费体检”“保健品讲座”等消费陷阱: not campaigns)
LIST_OF_ACTIVITIES = re.compile(r"等[^，。；;“”]{0,12}?(活动|宣传|行动|主题|节日|契机|节点)")
LIST_OF_WAYS = re.compile(r"等[^，。；;“”]{0,6}?(做法|形式|载体|举措|措施|方式|模式|工作|机制|经验)")
ORDINAL_HEAD = re.compile(r"^第[一二三四五六七八九十\d]+[\u4e00-\u9fff]{1,2}$")


@dataclass(frozen=True)
class _Words:
    """The word lists of ontology/boundaries.csv that this recognizer reads."""

    name_head: re.Pattern      # “某某”青少年法治读书节: heads that belong to a quoted name
    self_head: tuple[str, ...]  # “板凳课堂”: endings that make a quoted phrase a name by itself
    not_after: tuple[str, ...]  # “某某”宣讲团, 微信公众号: a team, an account, a place
    object_verb: tuple[str, ...]  # 防范打击“套路贷”: the quote is the topic
    not_end: tuple[str, ...]  # “法治副村长”, “点单式”: a role or a manner
    creation_object: tuple[str, ...]  # “无毒社区”创建: what 创建 creates
    holiday: frozenset[str]
    holiday_time: re.Pattern
    topic: re.Pattern  # 某地优化营商环境普法宣传
    list_next: re.Pattern  # 送法下乡、法治文化惠民行等


@lru_cache(maxsize=1)
def _words() -> _Words:
    self_head = boundary_words("campaign_self_head")
    not_a_verb = "(?!进行|开展|组织|加强|深化|推进|推动|强化|做好|落实|开设|举办)"
    return _Words(
        name_head=re.compile(HEAD_MODIFIERS + "(" + word_alternation(boundary_words("campaign_name_head")).pattern
                             + ")(?!方案)"),
        self_head=tuple(self_head),
        not_after=tuple(boundary_words("campaign_not_after")),
        object_verb=tuple(boundary_words("campaign_object_verb")),
        not_end=tuple(boundary_words("campaign_not_end")),
        creation_object=tuple(boundary_words("creation_object_end")),
        holiday=frozenset(boundary_words("holiday")),
        holiday_time=word_alternation(boundary_words("holiday_time")),
        topic=re.compile("(?:" + word_alternation(boundary_words("publicity_topic")).pattern
                         + ")(?:普法宣传|法治宣传|专题普法)"),
        list_next=re.compile("、(" + not_a_verb + "[\u4e00-\u9fff]{2,10}?(?:" + word_alternation(self_head).pattern
                             + "))(?=等|、|[，,。；;]|$)"),
    )


def find_campaigns(text: str, ctx: Context) -> list[Mention]:
    out, dropped = _catalogue(text, ctx)
    words = _words()
    for m in words.topic.finditer(text):
        start = _region_before(text, m.start())
        out.append(Mention("campaign", start, m.end(), text[start:m.end()], "campaign.topic-publicity",
                           attrs={"theme": text[start:m.end()]}))
    for m in list(out):  # 送法下乡、法治文化惠民行等: the next item of a list of campaigns, named by its head
        nxt = words.list_next.match(text, m.end)
        if m.key and nxt:
            out.append(Mention("campaign", nxt.start(1), nxt.end(1), nxt.group(1), "campaign.list-next",
                               attrs={"theme": nxt.group(1)}))
    for m in SEND_LAW.finditer(text):
        if not _in_place_list(text, m.end()):
            out.append(Mention("campaign", m.start(), m.end(), m.group(0), "campaign.send-law"))
    for m in ANNIVERSARY.finditer(text):
        out.append(Mention("campaign", m.start(1), m.end(1), m.group(1), "campaign.anniversary",
                           attrs={"theme": m.group(1)}))
    catalogue_ends = {m.end for m in out if m.key}
    for m in UNQUOTED_NAMED.finditer(text):
        name = m.group(1)
        stem = re.sub(UNQUOTED_HEAD + "$", "", name)
        if m.end(1) in catalogue_ends or MODIFIER_ONLY.match(stem) or re.search(r"[的和与及]", stem):
            continue
        out.append(Mention("campaign", m.start(1), m.end(1), name, "campaign.named", attrs={"theme": name}))
    out += _quoted(text, dropped, ctx)
    return _merge_adjacent(out, text)


def _catalogue(text: str, ctx: Context) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Catalogue names, except dotted dates that are not a campaign, holidays that only say when, and
    法律进社区 in a list of the places the law goes to (推动法律进社区、进军休所)."""
    words = _words()
    out: list[Mention] = []
    dropped: list[tuple[int, int]] = []  # holidays that only say when: a quote inside them is no theme either
    for start, end, surface, values in gazetteer.campaigns().iter(text):
        if DATE_ALIAS.match(surface):
            before, after = text[start - 1:start], text[end:end + 1]
            if not (before in "“\"" and after in "”\"" or after in "国全宪消禁世"):
                continue
        key = values[0][1]
        if ctx.kb.campaign_by_key[key].name in words.holiday and _only_a_time(text, end):
            dropped.append((start, end))
            continue
        if _in_place_list(text, end):
            continue
        out.append(Mention("campaign", start, end, surface, "campaign.catalogue", key=key))
    return out, dropped


def _region_before(text: str, pos: int) -> int:
    """The start of a region name right before ``pos`` (柳州市|优化…), else ``pos``."""
    window = text[max(0, pos - 12):pos]
    starts = [pos - len(window) + s for s, e, _surface, _v in gazetteer.regions().iter(window) if e == len(window)]
    return min(starts, default=pos)


def _only_a_time(text: str, end: int) -> bool:
    """国庆等重要节点, 春节前后, 六一前夕: the holiday says when, it is not the theme."""
    end += text[end:end + 1] == "”"
    rest = text[end:end + 20]
    stop = CLAUSE_END.search(rest)
    rest = rest[:stop.start()] if stop else rest
    return rest[:1] in ("前", "后") or bool(_words().holiday_time.search(rest))


def _in_place_list(text: str, end: int) -> bool:
    """推动法律进社区、进军休所: a list of the places the law goes to, not the campaign."""
    return text[end:end + 2] == "、进"


def _quoted(text: str, dropped: list[tuple[int, int]], ctx: Context) -> list[Mention]:
    """Quoted themes, one list of adjacent quotes at a time: a list that the text calls an activity makes
    each of its quotes a campaign (开展“安全生产月”“某某集中宣传月”“3·15”等主题活动)."""
    out: list[Mention] = []
    group: list[re.Match] = []
    inside_dropped = Taken(dropped, len(text))
    dropped_starts = {s for s, _e in dropped}
    for m in QUOTED.finditer(text):
        if inside_dropped.overlaps(m.start(), m.start() + 1) or m.end() in dropped_starts:  # “五一”劳动节前后
            continue
        if group and text[group[-1].end():m.start()] not in ("", "、"):
            out += _quoted_group(text, group, ctx)
            group = []
        group.append(m)
    if group:
        out += _quoted_group(text, group, ctx)
    return _unify_names(out)


def _quoted_group(text: str, group: list[re.Match], ctx: Context) -> list[Mention]:
    """The campaigns of one list of adjacent quotes: those that are campaigns on their own, and the others
    too when the list is one of occasions or the text calls it an activity."""
    decided: list[Mention] = []
    pending: list[tuple[re.Match, str]] = []
    for m in group:
        verdict = _quoted_one(text, m, ctx)
        if isinstance(verdict, Mention):
            decided.append(verdict)
        elif verdict is not None:
            pending.append((m, verdict))
    after = group[-1].end()
    if text.startswith("等", after) and not (LIST_OF_ACTIVITIES.match(text, after) or LIST_OF_WAYS.match(text, after)):
        return [d for d in decided if d.key]  # “某某”“某某”等消费陷阱: examples of something else
    # a list with a day, week or month of the catalogue, or with a theme of its own, is a list of occasions;
    # one with only a principle (“谁执法谁普法”、“谁主管谁负责”) is not
    occasions = any(not d.key or ctx.kb.campaign_by_key[d.key].kind in ("day", "week", "month") for d in decided)
    if pending and len(group) > 1 and (occasions or _list_called_activity(text, group)):
        for m, theme in pending:
            decided.append(Mention("campaign", m.start(), m.end(), m.group(0), "campaign.quoted-list",
                                   attrs={"theme": theme}))
    return decided


def _list_called_activity(text: str, group: list[re.Match]) -> bool:
    first, last = group[0], group[-1]
    lead = CAMPAIGN_LEAD.search(text[max(0, first.start() - 3):first.start()])
    after = text[last.end():last.end() + 20]
    tail = LIST_OF_ACTIVITIES.match(after) or CAMPAIGN_TAIL.match(after)
    return bool(tail or (lead and lead.group(1) != "以" and LEAD_ENDS_PHRASE.match(after)))


def _quoted_one(text: str, m: re.Match, ctx: Context) -> Mention | str | None:
    """A mention for a quote that is a campaign on its own, its theme if it may be one in a list of
    campaigns, or None if it is something else (an account, a role, the object of 打击 …)."""
    words = _words()
    theme = m.group(1).strip()
    name = _name_after(text, m.end())
    if name is not None:
        key = gazetteer.campaign_for(theme + text[m.end():name])
        if key:
            return Mention("campaign", m.start(), name, text[m.start():name], "campaign.catalogue-quoted", key=key)
    key = (gazetteer.campaign_for(theme) or (theme.endswith("主题") and gazetteer.campaign_for(theme[:-2]))
           or _covered_by_one(theme))
    if key:  # the catalogue names it, perhaps with other separators (美好生活?民法典相伴)
        return Mention("campaign", m.start(), m.end(), m.group(0), "campaign.catalogue-quoted", key=key)
    if _not_a_campaign(text, m, theme):
        return None
    if "、" in theme or ORDINAL_HEAD.match(theme):
        return None  # a list of names (the catalogue finds those inside) or an ordinal (“第二课堂”)
    if theme in _form_words(ctx.kb) and not theme.endswith(words.self_head):
        return None  # “模拟法庭”: a form of activity, not the name of one
    if name is not None and not (text[m.end():name].endswith("创建") and not _created_object(theme)):
        prefix = _group_before(text, m.start())
        head = text[m.end():name]
        canonical = f"{text[prefix:m.start()]}“{theme}”{head}" if prefix < m.start() else theme + head
        return Mention("campaign", prefix, name, text[prefix:name], "campaign.quoted-name",
                       attrs={"theme": canonical, "base": theme})
    theme_of = (THEME_AFTER.match(text[m.end():m.end() + 4])
                or THEME_BEFORE.search(text[max(0, m.start() - 3):m.start()]))
    if re.search(r"[，。；;]", theme) and len(theme) > 16 and not theme_of:
        return None
    if theme.endswith("主题") and len(theme) > 3:
        theme = theme[:-2]
    tail = CAMPAIGN_TAIL.match(text, m.end())
    if tail and text.startswith(words.not_after, tail.end()):
        return None  # “某某”专题普法微信: an account
    lead = CAMPAIGN_LEAD.search(text[max(0, m.start() - 3):m.start()])
    if lead and lead.group(1) == "以" and not (theme_of or tail):
        lead = None  # 以“某某”为主线: a motto, not a campaign
    if lead and not LEAD_ENDS_PHRASE.match(text, m.end()):
        lead = None  # 围绕“两卡”犯罪: the quote is a modifier of what follows
    called = (tail or lead or theme_of or theme.endswith(words.self_head) and len(theme) >= 4
              or PLUS_THEME.match(theme) or _occasion_follows(text, m.end(), ctx)
              or SLOGAN.match(theme) and LOOSE_TAIL.match(text, m.end()))
    if not called:
        return theme
    end = tail.end() if tail and not theme_of else m.end()
    return Mention("campaign", m.start(), end, text[m.start():end], "campaign.quoted-theme", attrs={"theme": theme})


@lru_cache(maxsize=1)
def _form_words(kb: Knowledge) -> frozenset[str]:
    """The words of activity_forms.csv (模拟法庭, 知识竞赛): a quote that is only one of them names no campaign."""
    return frozenset(w for form in kb.forms for w in (form.name, *form.aliases))


def _not_a_campaign(text: str, m: re.Match, theme: str) -> bool:
    """“法律明白人” is a group, “法治某地”宣讲团 a team, “法治副村长” a role, “点单式” a manner, and the
    quote in 防范打击“套路贷” the topic acted on."""
    words = _words()
    bare = re.sub(r"\s+", "", re.sub(r"[（(][^（）()]*[)）]$", "", theme))
    return (_names_something_else(theme) or text.startswith(words.not_after, m.end())
            or ("+" not in bare and "＋" not in bare and bare.endswith(words.not_end))
            or text[max(0, m.start() - 4):m.start()].endswith(words.object_verb))


def _name_after(text: str, pos: int) -> int | None:
    """Where the head of a quoted name ends (“某某”青少年法治读书节, “某某”专项行动), or None."""
    head = _words().name_head
    found = head.match(text, pos)
    if found:
        return found.end()
    for start, end, _surface, values in gazetteer.lexicon().iter(text[pos:pos + 10]):
        if start == 0 and values[0][0] == "group":
            found = head.match(text, pos + end)
            if found:
                return found.end()
    return None


def _group_before(text: str, pos: int) -> int:
    """The start of an audience word right before a quoted name (新就业形态劳动者“某某”专项行动), else pos."""
    window = text[max(0, pos - 10):pos]
    best = pos
    for start, end, _surface, values in gazetteer.lexicon().iter(window):
        if end == len(window) and values[0][0] == "group":
            best = min(best, pos - len(window) + start)
    return best


def _created_object(theme: str) -> bool:
    bare = re.sub(r"[（(][^（）()]*[)）]$", "", theme)
    return bare.endswith(_words().creation_object)


def _covered_by_one(theme: str) -> str | None:
    """“4.15国家安全日”: a theme written as pieces of one catalogue campaign."""
    covered, key = 0, None
    for start, end, _surface, values in sorted(gazetteer.campaigns().iter(theme), key=lambda t: (t[0], -t[1])):
        if start == covered and (key is None or values[0][1] == key):
            covered, key = end, values[0][1]
    return key if covered == len(theme) else None


def _occasion_follows(text: str, pos: int, ctx: Context) -> bool:
    """“某某”国际禁毒日活动: a theme right before a day, week or month of the catalogue."""
    return any(start == 0 and ctx.kb.campaign_by_key[values[0][1]].kind in ("day", "week", "month")
               for start, _e, _s, values in gazetteer.campaigns().iter(text[pos:pos + 14]))


def _names_something_else(theme: str) -> bool:
    """“法律明白人” is a group and “法治柳江” an account, not campaigns."""
    for start, end, _surface, values in gazetteer.lexicon().iter(theme):
        if start == 0 and end == len(theme) and values[0][0] in ("group", "media"):
            return True
    return False


def _unify_names(mentions: list[Mention]) -> list[Mention]:
    """A quoted theme written once with its head (某群体“某某”专项行动) and elsewhere alone is one campaign."""
    full: dict[str, set[str]] = {}
    for m in mentions:
        if m.rule == "campaign.quoted-name":
            full.setdefault(m.attrs["base"], set()).add(m.attrs["theme"])
    for m in mentions:
        names = full.get(m.attrs.get("theme", ""))
        if m.rule != "campaign.quoted-name" and not m.key and names and len(names) == 1:
            m.attrs["theme"] = next(iter(names))
    return mentions


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
