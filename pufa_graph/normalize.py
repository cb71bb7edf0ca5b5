"""Normalization: pinyin glosses, script, width, white space and portal lines, with an offset map.

Every character of the normalized text remembers the source character it came
from, so any span maps back to the file (``OffsetMap.orig_span``).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

from .knowledge import portal_rules

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PINYIN = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
#: a parenthesized pinyin syllable with a tone mark right after a CJK character: 數(shù), 責（zé）
GLOSS = re.compile(rf"(?<=[{_CJK}])[(（](?=[{_PINYIN}]*[{_TONED}])[{_PINYIN}]{{1,7}}[)）]")
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200b\u3000\r\f\v]+")
_WIDTH = {0x3000: " ", 0x00A0: " "} | {c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)} | {
    c: chr(c - 0xFEE0) for c in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))
}
#: full-width digits and Latin letters become ASCII; Chinese punctuation is kept as written
WIDTH_TABLE = str.maketrans(_WIDTH)


@dataclass
class OffsetMap:
    """For each normalized character, the source index it came from."""

    index: array
    source_length: int

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            pos = self.index[start] if start < len(self.index) else self.source_length
            return pos, pos
        return self.index[start], self.index[end - 1] + 1


@dataclass
class Normalized:
    text: str
    offsets: OffsetMap
    script: str  # simplified | traditional | mixed
    #: portal lines dropped from the text, normalized, as (line, position in source); metadata reads them
    dropped: list[tuple[str, int]] = field(default_factory=list)
    #: the kept lines' positions in ``text``: (start, end)
    lines: list[tuple[int, int]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _converter().convert(text)


def _delete(text: str, index: array, pattern: re.Pattern) -> tuple[str, array]:
    """Remove every match of ``pattern``, keeping the map of what remains."""
    pieces: list[str] = []
    kept = array("l")
    last = 0
    for m in pattern.finditer(text):
        pieces.append(text[last:m.start()])
        kept.extend(index[last:m.start()])
        last = m.end()
    if not pieces:
        return text, index
    pieces.append(text[last:])
    kept.extend(index[last:])
    return "".join(pieces), kept


def _simplify(text: str, index: array) -> tuple[str, array]:
    """OpenCC t2s; where a line changes length, its characters map proportionally."""
    converted = to_simplified(text)
    if len(converted) == len(text):
        return converted, index
    out_text: list[str] = []
    out_index = array("l")
    pos = 0
    for line in text.split("\n"):
        new = to_simplified(line)
        if len(new) == len(line):
            out_index.extend(index[pos:pos + len(line)])
        else:
            for k in range(len(new)):
                out_index.append(index[pos + min(len(line) - 1, k * len(line) // max(len(new), 1))])
        out_text.append(new)
        pos += len(line)
        if pos < len(text):
            out_index.append(index[pos])  # the newline
            pos += 1
    return "\n".join(out_text), out_index


_EDGE_SPACE = re.compile(r"^[\s\u200b]+|[\s\u200b]+$")


_NOT_CJK = re.compile(f"[^{_CJK}]+")


def detect_script(text: str) -> str:
    sample = _NOT_CJK.sub("", text[:50000])
    if not sample:
        return "simplified"
    changed = sum(map(str.__ne__, sample, to_simplified(sample)))
    ratio = changed / len(sample)
    return "traditional" if ratio > 0.05 else "simplified" if ratio < 0.005 else "mixed"


#: a sentence ends here: no line of page chrome holds one
_SENTENCE_END = re.compile("[。！？]")
#: clauses of a sentence; a chrome line separates its pieces with spaces, bars and brackets instead
_CLAUSE_MARK = re.compile("[，；]")
#: what is left of a sentence once chrome words and fields are taken out: a few Chinese characters in a row
_WORDS = re.compile(f"[{_CJK}]{{4,}}")


@lru_cache(maxsize=1)
def _field_with_value() -> re.Pattern:
    """A field and its short value, up to the next space or clause mark: a known disclosure field
    (索 引 号：…, 发布时间：2024-05-13) or any short label (承办单位：鼓楼区融媒体中心)."""
    label = f"(?:{portal_rules().field_label.pattern}|[{_CJK}]{{2,6}}\\s*[:：])"
    return re.compile(label + r"\s*[^\s，；,;|]*")


def _is_chrome_pattern(line: str, line_no: int) -> bool:
    """A portal chrome pattern or disclosure field hits the line (it may still be report text)."""
    rules = portal_rules()
    if rules.drop_line.search(line):
        return True
    m = rules.field_label.search(line)
    if not m:
        return False
    label = re.sub(r"\s+", "", m.group(1))
    if label in rules.head_only and line_no >= 25:
        return False
    # a disclosure field starts the line (after a bullet), or the line is a run of fields
    prefix = line[: m.start()].strip(" •·*-|")
    return not prefix or len(rules.field_label.findall(line)) >= 2


def _is_portal_line(line: str, line_no: int) -> bool:
    """Page chrome only: a chrome pattern hits the line and, once its chrome words and fields with their
    values are taken out, no sentence is left. A report line that mentions 扫一扫 or starts 时间：… stays."""
    if not _is_chrome_pattern(line, line_no):
        return False
    if _SENTENCE_END.search(line):
        return False
    if not _CLAUSE_MARK.search(line):
        return True
    rest = portal_rules().drop_line.sub(" ", _field_with_value().sub(" ", line))
    return not _WORDS.search(rest)


def normalize(source: str) -> Normalized:
    """Clean source text into the simplified, single-spaced, chrome-free text we analyse."""
    index = array("l", range(len(source)))
    text, index = _delete(source, index, GLOSS)
    text, index = _delete(text, index, portal_rules().drop_inline)
    script = detect_script(text)
    text, index = _simplify(text, index)
    text = text.translate(WIDTH_TABLE)

    out: list[str] = []
    out_index = array("l")
    dropped: list[tuple[str, int]] = []
    lines: list[tuple[int, int]] = []
    length = 0
    pos = 0
    for line_no, raw_line in enumerate(text.split("\n")):
        line_start = pos
        pos += len(raw_line) + 1
        line, line_index = _delete(raw_line, index[line_start:line_start + len(raw_line)], _EDGE_SPACE)
        if not line:
            continue
        line, line_index = _collapse_spaces(line, line_index)
        if _is_portal_line(line, line_no):
            dropped.append((line, line_index[0]))
            continue
        if out:
            out.append("\n")
            out_index.append(out_index[-1] + 1)
            length += 1
        out.append(line)
        out_index.extend(line_index)
        lines.append((length, length + len(line)))
        length += len(line)
    return Normalized(
        text="".join(out),
        offsets=OffsetMap(out_index, len(source)),
        script=script,
        dropped=dropped,
        lines=lines,
    )


def _collapse_spaces(line: str, index: array) -> tuple[str, array]:
    if not _SPACES.search(line) or " " == line:
        return line, index
    pieces: list[str] = []
    kept = array("l")
    last = 0
    for m in _SPACES.finditer(line):
        pieces.append(line[last:m.start()] + " ")
        kept.extend(index[last:m.start() + 1])
        last = m.end()
    pieces.append(line[last:])
    kept.extend(index[last:])
    return "".join(pieces), kept
