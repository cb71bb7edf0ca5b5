"""Chinese dates to ISO: 2025年4月15日, 2024-04-03 17:35:06, 二〇二四年三月二十七日."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇零○Ｏ一二三四五六七八九十"

DATE_ARABIC = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
YEAR = re.compile(r"((?:19|20)\d{2})年")
DATE_CHINESE = re.compile(rf"([{_CN}]{{4}})\s*年\s*([{_CN}]{{1,3}})\s*月\s*([{_CN}]{{1,3}})\s*日")


def chinese_number(text: str) -> int:
    """一 -> 1, 十二 -> 12, 二十七 -> 27, 三十一 -> 31; digit strings like 二〇二四 -> 2024."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first full date in ``text`` as ISO 8601, or None."""
    found = []
    for pattern, convert in ((DATE_ARABIC, int), (DATE_ISO, int), (DATE_CHINESE, chinese_number)):
        m = pattern.search(text)
        if m:
            try:
                iso = _iso(*(convert(g) for g in m.groups()))
            except (KeyError, ValueError):
                iso = None
            if iso:
                found.append((m.start(), iso))
    return min(found)[1] if found else None


def stated_year(title: str | None, text: str) -> int | None:
    """The year a report without a date speaks of: the first in its title or opening, else the one it names most."""
    for part in (title or "", text[:200]):
        m = YEAR.search(part)
        if m:
            return int(m.group(1))
    years = Counter(int(y) for y in YEAR.findall(text))
    return years.most_common(1)[0][0] if years else None


def is_date_line(line: str) -> bool:
    """A line that is only a date: the date of a signature block."""
    stripped = line.strip()
    for pattern in (DATE_ARABIC, DATE_CHINESE):
        m = pattern.fullmatch(stripped)
        if m:
            return True
    return False


# -- the reporting period ---------------------------------------------------------------
# A report tells of a span of time (its title's year, 2020年以来, 今年上半年 …) that is often not the year it was
# published in: a report of 2021-05 about 2020 work says 9月1日 for 2020-09-01. Dates written without a year take
# theirs from this period, never one that falls after the report itself.

#: words for a year counted from the publication year
RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "上一年": -1, "明年": 1}
#: parts of a year: word -> (first month, last month)
YEAR_PARTS = {"上半年": (1, 6), "下半年": (7, 12), "前三季度": (1, 9), "一季度": (1, 3), "第一季度": (1, 3),
              "二季度": (4, 6), "第二季度": (4, 6), "三季度": (7, 9), "第三季度": (7, 9), "四季度": (10, 12),
              "第四季度": (10, 12)}
_YEAR_WORD = "|".join(sorted(RELATIVE_YEARS, key=len, reverse=True))
_PART_WORD = "|".join(sorted(YEAR_PARTS, key=len, reverse=True))
#: 2024年度, 2024—2025年, 今年上半年, 2020年以来, 1月中旬以来, 上半年: a span of time as a report states its own
PERIOD_PHRASE = re.compile(
    rf"(?=(?:19|20)\d{{2}}|\d{{1,2}}月|{_YEAR_WORD}|{_PART_WORD})"  # a quick skip where no phrase starts
    rf"(?:(?P<year>(?:19|20)\d{{2}})(?:\s*[-—–~至到]\s*(?P<to>(?:19|20)\d{{2}}))?\s*年(?:度)?|(?P<rel>{_YEAR_WORD})(?:度)?)?"
    rf"(?:(?P<part>{_PART_WORD})|(?P<month>\d{{1,2}})月(?!\d)(?:上旬|中旬|下旬|初|份|底)?)?"
    rf"(?P<since>以来|至今)?")


@dataclass(frozen=True)
class Period:
    """The span of time a report tells of, and the title or sentence that says so (None: its publication year)."""

    start: date
    end: date
    source: str | None

    @classmethod
    def of(cls, metadata) -> Period | None:
        """The period a report's metadata holds (``period_start``, ``period_end``), if any."""
        if not (metadata.period_start and metadata.period_end):
            return None
        return cls(date.fromisoformat(metadata.period_start), date.fromisoformat(metadata.period_end),
                   metadata.period_source)


def _month_end(year: int, month: int) -> date:
    return date.fromordinal(date(year + month // 12, month % 12 + 1, 1).toordinal() - 1)


def _phrase_period(m: re.Match, base_year: int | None, published: date | None) -> tuple[date, date] | None:
    """A matched PERIOD_PHRASE as (start, end); None when it states no span (5月 alone is a date) or names a
    year relative to a publication year that is unknown."""
    g = m.groupdict()
    if not (g["year"] or g["rel"] or g["part"] or (g["month"] and g["since"])):
        return None
    if g["year"]:
        year = int(g["year"])
    elif base_year is None:
        return None
    else:
        year = base_year + RELATIVE_YEARS.get(g["rel"] or "", 0)
    last = int(g["to"]) if g["to"] and int(g["to"]) >= year else year
    first_month, last_month = YEAR_PARTS.get(g["part"] or "", (1, 12))
    if g["month"]:
        if not 1 <= int(g["month"]) <= 12:
            return None
        first_month = last_month = int(g["month"])
    start, end = date(year, first_month, 1), _month_end(last, last_month)
    if g["since"]:  # 2020年以来: up to the time of writing
        end = published if published and published >= start else _month_end(max(last, year), 12)
    return start, end


def _opens_clause(text: str, pos: int) -> bool:
    """The phrase at ``pos`` opens its clause (自2020年以来，…; 。今年以来，…), so it is the time of what follows."""
    before = text[:pos].rstrip(" 　").removesuffix("自").rstrip(" 　")
    return not before or before[-1] in "。！？；;，,：:\n"


def _phrases(text: str, base_year: int | None, published: date | None, accept=lambda m: True):
    """(match, (start, end)) of the phrases in ``text`` that ``accept`` keeps and that state a span."""
    for m in PERIOD_PHRASE.finditer(text):
        if m.group(0) and accept(m):
            span = _phrase_period(m, base_year, published)
            if span:
                yield m, span


#: how many sentences open a report's body (a title line, then 2023年，在县委…)
OPENING_SENTENCES = 3


def reporting_period(title: str | None, sentences: list[str], published: str | None,
                     fallback_year: int | None = None) -> Period | None:
    """The report's period: the one its title states (2024年度…报告, 关于2023年度…的通报, 2024年上半年…总结),
    else the first a clause of its body opens with (2020年以来，…; 今年以来，…), or its opening sentence (2023年，
    在县委…; 去年，…), else the publication year (``fallback_year`` for a report without a date)."""
    pub = date.fromisoformat(published) if published else None
    base = pub.year if pub else fallback_year
    for _m, (start, end) in _phrases(title or "", base, pub):
        return Period(start, end, title)
    for i, sentence in enumerate(sentences):
        def states_its_time(m: re.Match, i=i, sentence=sentence) -> bool:
            if m.group("since"):
                return _opens_clause(sentence, m.start())
            return i < OPENING_SENTENCES and m.start() == 0 and sentence[m.end():m.end() + 1] in ("，", ",")

        for _m, (start, end) in _phrases(sentence, base, pub, states_its_time):
            return Period(start, end, sentence)
    if base is None:
        return None
    return Period(date(base, 1, 1), date(base, 12, 31), None)


def complete_date(month: int, day: int | None, period: Period | None, published: date | None = None,
                  planned: bool = False, first_year: int | None = None) -> str | None:
    """月日 written without a year, as ISO (YYYY-MM-DD, or YYYY-MM without a day), or None.

    Something done took place between the period's start and the report's date: the most recent such day
    (a 2023 通报 of 2024-02 puts 3·15 in 2023 and its 1月18日 评议会 in 2024). A planned task lies in the
    period: its first such day from the report's date on, else the period's last. Never before
    ``first_year`` (a campaign's first year)."""
    if period is None or not 1 <= month <= 12:
        return None
    latest = period.end if planned or published is None else published

    def fits(year: int) -> date | None:
        if first_year and year < first_year:
            return None
        try:
            first = date(year, month, day or 1)
        except ValueError:
            return None
        last = first if day else _month_end(year, month)
        return first if last >= period.start and first <= latest else None

    years = list(range(latest.year, period.start.year - 1, -1))
    found = [d for d in map(fits, years) if d]
    if planned and published:
        ahead = [d for d in found if (d if day else _month_end(d.year, d.month)) >= published]
        found = ahead[-1:] or found
    if not found:
        return None
    return found[0].isoformat() if day else f"{found[0].year:04d}-{month:02d}"


#: a date as a clause writes it: 2024年5月13日, 今年3月, 去年12月, 9月1日, 12月份
CLAUSE_DATE = re.compile(rf"(?:((?:19|20)\d{{2}})年|({_YEAR_WORD}))?(\d{{1,2}})月(?:(\d{{1,2}})[日号])?")


def written_date(m: re.Match, period: Period | None, base_year: int | None, published: date | None,
                 planned: bool = False) -> str | None:
    """A CLAUSE_DATE match as ISO (YYYY-MM-DD or YYYY-MM): its own year, a year counted from ``base_year``
    (今年, 去年), or one the period gives (``complete_date``); None for something done after the report."""
    month = int(m.group(3))
    day = int(m.group(4)) if m.group(4) and 1 <= int(m.group(4)) <= 31 else None
    if m.group(1) or m.group(2):
        if m.group(1):
            year = int(m.group(1))
        elif base_year is not None:
            year = base_year + RELATIVE_YEARS[m.group(2)]
        else:
            return None
        try:
            first = date(year, month, day or 1)
        except ValueError:
            return None
        if not planned and published and first > published:
            return None
        return first.isoformat() if day else f"{year:04d}-{month:02d}"
    return complete_date(month, day, period, published, planned)


def filed_under(activity_date: str | None, period_start: str | None, period_end: str | None,
                report_date: str | None) -> str:
    """The date a year filter reads for an activity: its own; when it has none, its report's period when
    that lies in one year (a 2023 annual report published in February 2024 tells of 2023); else the
    report's date. The SPARQL form of this rule is ``FILED_UNDER`` below."""
    if activity_date:
        return activity_date
    if period_start and period_end and period_start[:4] == period_end[:4]:
        return period_start
    return report_date or ""


#: ``filed_under`` in SPARQL, over ?when (the activity's date), ?periodStart, ?periodEnd and ?docDate of ?d
FILED_UNDER = ("OPTIONAL { ?act pufa:date ?when } OPTIONAL { ?d dcterms:date ?docDate } "
               "OPTIONAL { ?d pufa:periodStart ?periodStart ; pufa:periodEnd ?periodEnd } "
               "BIND(COALESCE(STR(?when), IF(BOUND(?periodStart) && SUBSTR(STR(?periodStart), 1, 4) = "
               "SUBSTR(STR(?periodEnd), 1, 4), STR(?periodStart), STR(?docDate)), \"\") AS ?filedUnder)")
