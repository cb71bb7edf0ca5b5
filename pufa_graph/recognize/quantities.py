"""The numbers a clause gives and the thing each counts: 培育法律明白人3200名 -> 法律明白人 3200 名.

A figure is a number with its measure word (不少于6名, 3万多份, 95%以上). What it counts is a noun phrase read
over our tokenizer's part-of-speech tags, found in one of two places:

- right after the measure word (数 + 量 + 名词): 培养不少于6名“法律明白人”, 区法学会等8家单位设置咨询台,
  征集到600余份的法治文化作品;
- else right before the number, after the verb that governs it: 发放宣传资料3000余份, 覆盖率达100%
  (the link words 达/共/均/占 … and a scope word in front, 全州/我市/全年, are not part of it).

People (人, 人次) are counted by what is written before them: the noun after is a whole they make up
(群众代表共21人组成评议团). A number whose thing cannot be found (只1个或者没有…, 200余人次参加) gives no
quantity rather than a garbled one; an ordinal (第6期) is no quantity. One figure gives one quantity.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..knowledge import boundary_words
from ..model import Quantity
from ..segment import tag

#: measure words; a longer one wins where both match (人次 over 人, 平方米 over 米)
MEASURE_WORDS = ("人次", "场次", "家次", "批次", "课时", "小时", "平方米", "公里", "场", "次", "份", "人", "名", "个",
                 "篇", "条", "所", "期", "册", "家", "户", "件", "幅", "堂", "起", "处", "块", "张", "项", "元",
                 "万", "%")
#: measure words of events: 开展1次集中普法活动 (a verb may open the phrase after them)
EVENT_WORDS = frozenset(("场", "次", "场次", "期", "堂", "课时", "小时"))
#: measure words of people, whose thing is read before the number only
PEOPLE_WORDS = frozenset(("人", "人次"))
MULTIPLIER = {"万": 10000, "千": 1000, "百": 100}
AT_LEAST, AT_MOST, APPROX = ("不少于", "至少", "超过", "不低于"), ("不超过", "最多"), ("近", "约")
FIGURE = re.compile(
    rf"(?<![\d.第])(?P<bound>{'|'.join(AT_LEAST + AT_MOST + APPROX)}|共)?(?P<number>\d+(?:\.\d+)?)\s*"
    rf"(?P<more>余|多)?(?P<times>万|千|百)?\s*(?P<more_after>余|多)?\s*"
    rf"(?P<unit>{'|'.join(map(re.escape, sorted(MEASURE_WORDS, key=len, reverse=True)))})(?P<after>以上|以下|以内|左右)?")
#: words between the thing and its number that belong to neither: 覆盖率|达|100%, 群众代表|共|21人
LINK = re.compile(r"(?:达到了?|均达|均为|均|达|共计|共有|共|合计|总计|累计|分别为|分别|为|占|约|近|多达|高达|"
                  r"不少于|至少|超过|不低于|不超过|最多)+$")
#: 每月至少开展|1次: a bound written before the verb of the number
BOUND_BEFORE_VERB = re.compile(r"(不少于|至少|不低于|不超过|最多)[\u4e00-\u9fff]{1,2}$")
#: a scope or time word in front of the thing: 全州|打造, 我市|12个村, 全年|不少于50场次
SCOPE = re.compile(r"^(?:[全我本该每各](?:个)?(?:省|市|州|县|区|镇|乡|村|街道|盟|旗|年|月|天|季度)|"
                   r"现场|当天|当日|今年|年内|期间|目前|此类|其中|其余)$")
#: parts of speech a noun phrase is made of (jieba's tags): nouns, verbal nouns, place words, abbreviations,
#: distinguishing words (省级), words jieba does not know (x: often a name), Latin words; a quote or title is one
#: word. Idioms (l: 榜上有名, 一字排开) are predicates here.
NOMINAL = ("n", "vn", "s", "j", "b", "zg", "eng", "x", "quote")
#: parts of speech that never head a phrase: adverbs, prepositions, conjunctions, particles, pronouns, numerals,
#: measure words, localizers, time words, modal particles, interjections, onomatopoeia
FUNCTION = ("d", "p", "c", "u", "r", "m", "q", "f", "t", "y", "e", "o")
#: a word before a phrase that makes it the scope of a figure, not its thing: 每个|村（社区）|不少于5名
DISTRIBUTIVE = ("每个", "每", "各", "每一个")
SEPARATOR = re.compile(r"^[\s，,、：:；;。！？!?…—\-]+$")
OPENING = {"“": "”", "《": "》", "（": "）", "(": ")", "‘": "’"}
WINDOW = 40  # characters read on either side of a figure


class Token(NamedTuple):
    word: str
    pos: str


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Verbs that govern a counted thing (ontology/boundaries.csv ``figure_verb``) and verbs that modify a noun
    (``modifier_verb``: 执法|单位), read as jieba cannot: its tags for them are often wrong; the conjunctions
    that join two nouns into one thing (普法书籍和读本)."""
    return (frozenset(boundary_words("figure_verb")), frozenset(boundary_words("modifier_verb")),
            frozenset(boundary_words("conjunction")))


def _joins(tokens: list[Token], i: int) -> bool:
    """tokens[i] is a conjunction between two nouns: 律师、“法律明白人”和|群众代表共21人."""
    return (tokens[i].word in _lexicon()[2] and 0 < i < len(tokens) - 1 and _nominal(tokens[i - 1])
            and _nominal(tokens[i + 1]))


def _verb(t: Token) -> bool:
    """A verb that governs the thing: 新建, 培养, and 共培养, 已建成 as jieba keeps them."""
    verbs = _lexicon()[0]
    return t.word in verbs or (len(t.word) > 1 and t.word[0] in "共已均新再还" and t.word[1:] in verbs)


def quantities(clause: str) -> list[Quantity]:
    """Every figure of the clause whose thing is found, in the order written."""
    out = []
    for m in FIGURE.finditer(clause):
        unit = m["unit"]
        what = _thing(clause, m, unit)
        if not what:
            continue
        value = float(m["number"]) * MULTIPLIER.get(m["times"] or "", 1)
        if unit == "万":
            value, unit = float(m["number"]) * 10000, ""
        approx = bool(m["more"] or m["more_after"]) or m["bound"] in APPROX or m["after"] == "左右"
        out.append(Quantity(what=what, value=value, unit=unit, approx=approx,
                            qualifier=_qualifier(clause[:m.start()], m, approx), text=m.group(0), at=m.start()))
    return out


def _qualifier(before: str, m: re.Match, approx: bool) -> str:
    bound = m["bound"] or ""
    if not bound and (b := BOUND_BEFORE_VERB.search(LINK.sub("", before))):
        bound = b.group(1)
    if bound in AT_LEAST or m["after"] == "以上":
        return "at_least"
    if bound in AT_MOST or m["after"] in ("以下", "以内"):
        return "at_most"
    return "approx" if approx else "exact"


def _thing(clause: str, m: re.Match, unit: str) -> str:
    """The noun phrase a figure counts: after its measure word, else before its number."""
    if unit not in PEOPLE_WORDS and unit != "%":
        after = _phrase_after(_tokens(_up_to_break(clause[m.end():m.end() + WINDOW])), unit)
        if after:
            return after
    before = LINK.sub("", clause[max(0, m.start() - WINDOW):m.start()].rstrip()).rstrip("（( ")
    return _phrase_before(_tokens(_from_last_break(before)), unit)


#: punctuation that ends a phrase and that jieba never joins to a word, so the words on either side of it are
#: the same whatever the text around
BREAKS = "，,、：:；;。！？!?…—"
_BREAK_OR_OPENING = re.compile("[" + re.escape(BREAKS + "".join(OPENING)) + "]")


def _breaks(text: str) -> list[int]:
    """Where the text has a break outside quotes and brackets (a bracket that never closes is a character)."""
    found, i = [], 0
    while (m := _BREAK_OR_OPENING.search(text, i)) is not None:
        i = m.start()
        close = OPENING.get(text[i])
        j = text.find(close, i + 1) if close else -1
        if j > 0:
            i = j + 1
            continue
        if close is None:
            found.append(i)
        i += 1
    return found


def _up_to_break(text: str) -> str:
    """The text after a figure through its first break: a phrase after a number never reads past one, and
    tagging only this much is most of the grammar's saving (tagging is the dear part)."""
    found = _breaks(text)
    return text[:found[0] + 1] if found else text


def _from_last_break(text: str) -> str:
    """The text before a figure from its last break on (the break kept: it is what the phrase follows)."""
    found = _breaks(text)
    return text[found[-1]:] if found else text


def _tokens(text: str) -> list[Token]:
    """Tagged words, a quoted name, a title or a bracketed aside taken as one word (“法律明白人”, （社区）)."""
    words: list[Token] = []
    for w, p in tag(text):
        if w == "率" and words and re.search(r"[\u4e00-\u9fff]$", words[-1].word):  # 帮教|率: jieba tags 率 a verb
            words[-1] = Token(words[-1].word + w, "n")
        else:
            words.append(Token(w, p))
    out: list[Token] = []
    i = 0
    while i < len(words):
        close = OPENING.get(words[i].word)
        j = next((k for k in range(i + 1, len(words)) if words[k].word == close), None) if close else None
        if j is None:
            out.append(words[i])
            i += 1
            continue
        inner = "".join(w.word for w in words[i:j + 1])
        out.append(Token(inner, "paren" if words[i].word in "（(" else "quote"))
        i = j + 1
    return out


def _nominal(t: Token) -> bool:
    if _verb(t) or (t.pos == "x" and not re.search(r"[\u4e00-\u9fffA-Za-z]", t.word)):
        return False  # punctuation and digits are tagged x too
    return t.pos.startswith(NOMINAL) or t.word.endswith("率") or t.word in _lexicon()[1]


def _phrase_after(tokens: list[Token], unit: str) -> str:
    """数 + 量 + 名: the noun phrase opening the text after the measure word (的 may come between)."""
    if tokens and tokens[0].word == "的":
        tokens = tokens[1:]
    if len(tokens) > 1 and tokens[0].pos == "v" and unit in EVENT_WORDS and _nominal(tokens[1]):
        tokens = tokens[1:]  # 开展1次|集中|普法活动: an adverbial verb before the event
    chain: list[Token] = []
    for i, t in enumerate(tokens):
        if (t.pos == "paren" or _joins(tokens, i)) and chain:
            chain.append(t)
            continue
        if not _nominal(t) or SEPARATOR.match(t.word):
            break
        if chain and (t.pos in ("b", "quote") or (t.pos == "x" and len(t.word) < 3)):
            break  # 8家单位|主要负责人, 8家单位|“晒”…, 12家单位|要于…: a new phrase or an unknown short word
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if chain and t.pos == "vn" and following is not None and following.pos.startswith(("n", "b", "quote")):
            break  # 8家单位|设置咨询台: a verbal noun between nouns is the verb of the sentence
        chain.append(t)
    return _phrase(chain)


def _head(t: Token) -> bool:
    """A word that may end the phrase before a number although jieba tags it a verb or an idiom: the event or
    thing a verb governs (开展基层|宣讲, 受理消费|投诉, 文艺演出, 小|超市), never a function word or governing verb."""
    return (len(t.word) > 1 and re.fullmatch(r"[\u4e00-\u9fff]+", t.word) is not None and not _verb(t)
            and not t.pos.startswith(FUNCTION))


def _phrase_before(tokens: list[Token], unit: str) -> str:
    """The noun phrase that ends the text before a number, after the verb that governs it."""
    chain: list[Token] = []
    verb_head = bool(tokens) and not _nominal(tokens[-1]) and unit not in PEOPLE_WORDS and unit != "%" \
        and _head(tokens[-1])
    if verb_head:
        chain, tokens = [tokens[-1]], tokens[:-1]
    for i in range(len(tokens) - 1, -1, -1):
        t = tokens[i]
        if (t.pos == "paren" and i > 0 and _nominal(tokens[i - 1])) or (chain and _joins(tokens, i)):
            chain.insert(0, t)
            continue
        if not _nominal(t) or SEPARATOR.match(t.word):
            break
        chain.insert(0, t)
    start = len(tokens) - len(chain) + verb_head
    before = tokens[start - 1] if start > 0 else None
    if before is not None and before.word in DISTRIBUTIVE:
        return ""  # 每个村（社区）|不少于5名: what each has, said before
    if before is not None and before.pos == "p":  # 在现场|设置咨询台: the place of a preposition, then the verb
        verbs = [k for k, t in enumerate(chain[:-1]) if t.pos == "vn"]
        chain = chain[verbs[0] + 1:] if verbs else chain
    verbs = [k for k in range(len(chain) - 1) if chain[k].pos == "vn" and chain[k + 1].pos == "quote"]
    if verbs:  # 培育|“法律明白人”: a verbal noun before a quoted name is its verb
        chain = chain[verbs[-1] + 1:]
    if len(chain) > 1 and chain[0].pos == "vn" and (before is None or SEPARATOR.match(before.word)
                                                    and "、" not in before.word):
        chain = chain[1:]  # ，设置|法治标识标牌60余块: a verbal noun opening a clause is its verb (after 、 the
        # verb is the list's: 布设法治景观小品40余处、宣传展板120余块)
    if verb_head and len(chain) == 1 and unit not in EVENT_WORDS:
        return ""  # 追回|欠薪86万元: a word tagged a verb counts alone only as an event (宣讲20场)
    return _phrase(chain)


def _phrase(chain: list[Token]) -> str:
    """The words of a noun phrase without the scope, time or place words around it (全州, 我市, 今年, 现场)."""
    while chain and (SCOPE.match(chain[0].word) or chain[0].pos in ("ns", "t", "s", "paren")):
        chain = chain[1:]
    while chain and (SCOPE.match(chain[-1].word) or chain[-1].pos == "paren" and len(chain) == 1):
        chain = chain[:-1]
    if all(t.pos == "x" and len(t.word) < 3 for t in chain):
        return ""  # a short word jieba does not know is a fragment more often than a name (要于, 个点)
    if len(chain) == 1 and chain[0].pos == "quote":
        return chain[0].word[1:-1]  # “法律明白人”: the name without its quotes
    return "".join(t.word for t in chain)
