"""Chinese dates to ISO: 2025年4月15日, 2024-04-03 17:35:06, 二〇二四年三月二十七日."""

from __future__ import annotations

import re
from datetime import date

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇零○Ｏ一二三四五六七八九十"

DATE_ARABIC = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
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


def is_date_line(line: str) -> bool:
    """A line that is only a date: the date of a signature block."""
    stripped = line.strip()
    for pattern in (DATE_ARABIC, DATE_CHINESE):
        m = pattern.fullmatch(stripped)
        if m:
            return True
    return False
