"""Document structure: metadata, the outline tree and sentences, from normalized text."""

from __future__ import annotations

import re

from .dates import is_date_line, parse_date, reporting_period, stated_year
from .knowledge import portal_rules
from .model import Metadata, Section, Sentence
from .normalize import Normalized

_CN_NUM = "一二三四五六七八九十百"
#: outline markers by level: 一、 / （一） / 1. / （1） / 一是
OUTLINE = [
    (1, re.compile(rf"^([{_CN_NUM}]+、)")),
    (2, re.compile(rf"^([（(][{_CN_NUM}]+[）)])")),
    (3, re.compile(r"^(\d{1,2}[.．、](?!\d))")),
    (4, re.compile(r"^([（(]\d{1,2}[）)])")),
]
ITEM = re.compile(rf"(?:^|(?<=[。；;：:！？]))([{_CN_NUM}]是)")
_SENTENCE_END = re.compile(r"(?:[。！？!]|\?(?![\u4e00-\u9fff]))+[”’」』）)]*")
_TITLE_WORDS = re.compile(r"报告|通报|意见|总结|方案|要点|通知|规划|办法|情况|计划|决定|纲要|细则|公告|简报")
#: lines of a page's chrome, bylines and bulletin mastheads: never its headline
_NOT_HEADLINE = re.compile(r"[|>»]|当前位置|首页|门户网站|网站$|来源[：:]|发布时间|发布日期|作者[：:]|通讯员|记者[：:]|浏览|"
                           r"字号|打印|分享|^第\s*\d+\s*期$|工作信息$|简报$|动态$|快讯$|网$|^[一二三四五六七八九十]+、|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_ORG_END = re.compile(r"(局|院|委员会|办公室|办|厅|部|委|政府|中心|司法所|所|队|会|室|处|科|站|法院|检察院)$")
#: a media outlet credited as a source (本网, 法治日报, 县融媒体中心 is a body and stays)
_MEDIA = re.compile(r"(?:本网|日报|晚报|报社|网站|电视台|广播电台|新闻网|客户端|[^中]网)$")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[(（]\s*\d{4}\s*[〕\])）]\s*\d+\s*号")


def split_sentences(norm: Normalized) -> list[Sentence]:
    """Sentences end at 。！？ (with closing quotes) or at the end of a line."""
    text = norm.text
    out: list[Sentence] = []
    for line_start, line_end in norm.lines:
        pos = line_start
        for m in _SENTENCE_END.finditer(text, line_start, line_end):
            _add_sentence(out, norm, pos, m.end())
            pos = m.end()
        if pos < line_end:
            _add_sentence(out, norm, pos, line_end)
    return out


def _add_sentence(out: list[Sentence], norm: Normalized, start: int, end: int) -> None:
    while start < end and norm.text[start].isspace():
        start += 1
    while end > start and norm.text[end - 1].isspace():
        end -= 1
    if end > start:
        orig_start, orig_end = norm.offsets.orig_span(start, end)
        out.append(Sentence(norm.text[start:end], start, end, orig_start, orig_end))


def _headline(lines: list[str], issuer: str | None) -> str | None:
    """A news page's headline: the first short line among its first that is no chrome, byline, masthead,
    document number or bare name of a body (the issuer's line above a notice's title)."""
    for line in lines:
        text = line.strip()
        if not (6 <= len(text) <= 60) or "。" in text or _NOT_HEADLINE.search(text) or _DOC_NUMBER.fullmatch(text):
            continue
        if (issuer and text == issuer) or (_ORG_END.search(text) and not re.search(r"[：:“”\s]", text)):
            continue
        return text
    return None


def _section_title(text: str, start: int, line_end: int) -> str:
    m = re.search(r"[。；;！？]", text[start:line_end])
    end = start + m.start() if m else line_end
    return text[start:min(end, start + 60)].strip()


def outline(norm: Normalized) -> list[Section]:
    """The section tree from outline markers; a section runs until the next of its level or higher."""
    text = norm.text
    flat: list[Section] = []
    for line_start, line_end in norm.lines:
        line = text[line_start:line_end]
        for level, pattern in OUTLINE:
            m = pattern.match(line)
            if m:
                marker = m.group(1)
                flat.append(Section(level, marker, _section_title(text, line_start + m.end(), line_end),
                                    line_start, len(text)))
                break
        items = list(ITEM.finditer(line))
        if len(items) >= 2 and items[0].group(1)[0] == "一":
            for m in items:
                start = line_start + m.start(1)
                flat.append(Section(5, m.group(1), _section_title(text, start + 2, line_end), start, line_end))
    roots: list[Section] = []
    stack: list[Section] = []
    for section in flat:
        while stack and stack[-1].level >= section.level:
            closed = stack.pop()
            closed.end = min(closed.end, section.start)
        if section.level == 5 and stack and stack[-1].level == 5:
            stack[-1].end = section.start
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
    _trim(roots, len(text))
    return roots


def _trim(sections: list[Section], limit: int) -> None:
    for i, section in enumerate(sections):
        nxt = sections[i + 1].start if i + 1 < len(sections) else limit
        section.end = min(section.end, nxt, limit)
        _trim(section.children, section.end)


def portal_fields(norm: Normalized) -> dict[str, tuple[str, str]]:
    """Disclosure fields from dropped portal lines: field -> (value, the line it came from). Where several
    labels give one field, the label listed first in ontology/portal.csv wins (发布机构 before 来源)."""
    rules = portal_rules()
    rank = {label: i for i, label in enumerate(rules.field_of)}
    found: dict[str, tuple[str, str, int]] = {}
    for line, _pos in norm.dropped:
        matches = list(rules.field_label.finditer(line))
        for i, m in enumerate(matches):
            label = re.sub(r"\s+", "", m.group(1))
            field = rules.field_of.get(label, "")
            end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
            value = line[m.end():end].strip(" •·|")
            if field and value and (field not in found or rank[label] < found[field][2]):
                found[field] = (value, line, rank[label])
    return {field: (value, line) for field, (value, line, _rank) in found.items()}


def _portal_issuer(value: str) -> str:
    """'区司法局 2022-12-26 08:57' -> '区司法局'; '新昌县司法局 章晓梅' (a byline) -> '新昌县司法局'."""
    return re.split(r"\s|\d{4}[-年/]", value, maxsplit=1)[0].strip()


#: a masthead near the top: 大塘埠镇司法所    2024年7月2日, 磐安镇司法所编  2024年1月31日
_MASTHEAD = re.compile(r"^\s*([\u4e00-\u9fff（）()]{3,30}?)(?:编印|编|印发|主办)?\s+(\S.{5,20})$")
#: a title naming its issuer: 信丰县大塘埠镇司法所工作信息, X司法局普法简报
_TITLE_ISSUER = re.compile(r"^([\u4e00-\u9fff]{3,30}?)(?:工作信息|工作简报|普法简报|简报|工作动态)(?:第.{1,4}期)?$")


def _signature(lines: list[str], i: int) -> str | None:
    """The issuing body above the date line ``i``; of several bodies signing together, the first."""
    bodies = []
    j = i - 1
    while j >= 0 and len(lines[j]) <= 40 and _ORG_END.search(lines[j].strip()) and "，" not in lines[j]:
        bodies.insert(0, lines[j].strip())
        j -= 1
        if len(bodies) == 4:
            break
    return bodies[0] if bodies else None


def extract_metadata(norm: Normalized) -> Metadata:
    text = norm.text
    lines = [text[s:e] for s, e in norm.lines]
    fields = portal_fields(norm)
    meta = Metadata(script=norm.script)

    # Signature block: a date-only line, with the issuing body (or bodies) on the lines before it.
    for i in range(len(lines) - 1, -1, -1):
        if is_date_line(lines[i]):
            meta.date = parse_date(lines[i])
            meta.issuer = _signature(lines, i)
            meta.source_line = lines[i] if meta.issuer is None else f"{meta.issuer} {lines[i]}"
            break
    if meta.issuer is None:
        for line in lines[:6]:
            masthead = _MASTHEAD.match(line)
            if masthead and _ORG_END.search(masthead.group(1)) and is_date_line(masthead.group(2)):
                meta.issuer, meta.source_line = masthead.group(1), line
                meta.date = meta.date or parse_date(masthead.group(2))
                break
    if meta.issuer is None and "issuer" in fields:
        issuer = _portal_issuer(fields["issuer"][0])
        if _ORG_END.search(issuer) and not _MEDIA.search(issuer):  # not a person (作者：张三) or 本网, XX日报
            meta.issuer, meta.source_line = issuer, fields["issuer"][1]
    if meta.issuer is None and lines and (titled := _TITLE_ISSUER.match(lines[0].strip())):
        if _ORG_END.search(titled.group(1)):
            meta.issuer, meta.source_line = titled.group(1), lines[0]
    if meta.date is None and "date" in fields:
        meta.date = parse_date(fields["date"][0])
        meta.source_line = meta.source_line or fields["date"][1]

    if "title" in fields:
        meta.title = fields["title"][0]
    elif lines and len(lines[0]) <= 80 and "。" not in lines[0] and _TITLE_WORDS.search(lines[0]):
        meta.title = lines[0]
    else:
        meta.title = _headline(lines[:10], meta.issuer)
    if "doc_number" in fields:
        meta.doc_number = fields["doc_number"][0].replace(" ", "")
    else:
        for line in lines[:6]:
            m = _DOC_NUMBER.fullmatch(line.strip())
            if m:
                meta.doc_number = m.group(0)
                break
    if "index_number" in fields:
        meta.index_number = fields["index_number"][0]
    return meta


def state_period(meta: Metadata, sentences: list[Sentence], text: str) -> None:
    """Fill the metadata's reporting period, once its title and date are final (after what the user gives)."""
    period = reporting_period(meta.title, [s.text for s in sentences], meta.date,
                              fallback_year=None if meta.date else stated_year(meta.title, text))
    if period is not None:
        meta.period_start, meta.period_end = period.start.isoformat(), period.end.isoformat()
        meta.period_source = period.source
