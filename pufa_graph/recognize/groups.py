"""Who a report speaks of: the audiences its activities address (``group``) and the roles that deliver them (``role``).

A name is a catalogue entry (ontology/audience_groups.csv, ontology/roles.csv) or a head word (``group_head``,
``role_head`` in ontology/boundaries.csv), with the modifier before it: the modifier runs back over jieba tokens
until a lead-in verb, a particle, punctuation or a quantity (返乡|农民工, 跨境货车|司机, 辖区|外卖骑手).

Whether the people are addressed or act is read from their clause first, then from the word: the object of
面向/为/向 is an audience; people followed by 宣讲/授课/担任/组成, or sent by 组织/选派 to go somewhere, act; people
gathered to 参加/学习 learn. Without a cue, 律师 and 普法志愿者 act and 村民 and 外卖骑手 are addressed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..model import Mention
from ..segment import tag
from . import Context
from .spans import Taken

#: parts of speech a modifier is made of; verbs come from the modifier_verb list, and l (idioms) and x (words
#: jieba does not know) only where they are a catalogue name (退役军人|骑手)
MODIFIER_POS = ("n", "vn", "a", "b", "j", "l", "x")
#: at most this many tokens of modifier before a head
MAX_MODIFIER_TOKENS = 3
CJK = re.compile(r"[\u4e00-\u9fff]")
#: the last character of a body's name: a modifier stops there (区市场监管局|工作人员, 县人民医院|医务人员)
BODY_END = frozenset("局所院委办厅庭会站部处科校组社中队学园")
#: what may stand between the members of a list of people: 律师、6名法官和检察官, 外卖骑手、快递员等
LIST_GAP = re.compile(r"(?:[、和及与或]|以及|还有|等)?[“”\"]?(?:[\d一二三四五六七八九十百千两]+(?:余|多)?[名位个支家户人])?[“”\"]?")
#: a quantity or quote before a list, looked through for the word that governs it: 由|12名|律师
LEAD_QUANTITY = re.compile(r"(?:[\d一二三四五六七八九十百千两]+(?:余|多)?[名位个支家户人](?:的)?|[“\"])$")
CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?\n]")
#: words that may come between people and what they do: 律师|现场|解答, 工作人员|则|在
ADVERBS = re.compile(r"^(?:分别|现场|积极|主动|还|也|则|均|都|共同|一起|定期|先后|专门|耐心|逐一)*")
#: 残疾人及其家属: the family goes with the group
FAMILY = re.compile(r"^及其?(?:家属|家长|子女)")
#: a token ending in a function word is no modifier (围坐在|老人); nor is one that starts with a measure word (名新)
FUNCTION_END = frozenset("在于到给向为对把将被让使和与及的是")
MEASURE = frozenset("名位个家户支批场次人")
NUMERAL = re.compile(r"[\d一二三四五六七八九十百千万两余多]")
#: 副科级以上|领导干部: a rank and 以上 are one modifier
RANK_ABOVE = re.compile(r"(?:副|正)?(?:县处|乡科|厅局|省部|处|科|厅|局|部|股)级(?:以上|以下)$")
#: the last character of 全区, 我县, 本市 …
REGION_LEVEL = frozenset("省市州盟县区旗镇乡村")
#: 为 in 作为, 成为, 认为 … names no one's audience
NOT_FOR = set("作成认称视更行因较广")


@dataclass(frozen=True)
class Entry:
    """What a word names: kind (group or role), canonical key (None for a head word that needs a modifier)."""

    kind: str
    key: str | None
    head_only: bool = False


@dataclass(frozen=True)
class Vocabulary:
    automaton: object
    modifier_words: tuple[str, ...]  # verbs and nouns jieba does not know, longest first, matched on the text
    role_modifiers: tuple[str, ...]
    generic: frozenset[str]
    generic_long: tuple[str, ...]  # the generic words of two or more characters, matched on the text
    group_modifiers: tuple[str, ...]
    stops: frozenset[str]
    body_after: tuple[str, ...]
    not_group_after: tuple[str, ...]
    bare_audience: frozenset[str]
    may_act: tuple[str, ...]
    catalogue: dict[str, str]  # group surface -> key, for 驾驶员群体
    audience_cue: re.Pattern
    learner_after: re.Pattern
    agent_before: tuple[str, ...]
    agent_after: tuple[str, ...]
    agent_words: re.Pattern  # agent_before and agent_after: a verb between a cue and the people


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    import ahocorasick

    from ..knowledge import boundary_words, knowledge, read_csv, split_multi, word_alternation

    kb = knowledge()
    entries: dict[str, Entry] = {}
    for word in boundary_words("group_head"):
        entries[word] = Entry("group", None, True)
    for word in boundary_words("role_head"):
        entries[word] = Entry("role", None, True)
    catalogue: dict[str, str] = {}
    for g in kb.groups:
        for surface in (g.name, *g.aliases):
            entries[surface] = Entry("group", g.name)
            catalogue[surface] = g.name
    for r in read_csv("roles.csv"):
        for surface in (r["name"], *split_multi(r["aliases"])):
            entries[surface] = Entry("role", r["name"])
    automaton = ahocorasick.Automaton()
    for surface, entry in entries.items():
        automaton.add_word(surface, (surface, entry))
    automaton.make_automaton()
    agent_after = boundary_words("agent_after")
    audience_cue = boundary_words("audience_cue")
    learner_after = boundary_words("learner_after")
    agent_before = boundary_words("agent_before")
    return Vocabulary(
        automaton=automaton,
        modifier_words=tuple(sorted({*boundary_words("modifier_verb"), *boundary_words("modifier_noun")}, key=len,
                                    reverse=True)),
        role_modifiers=boundary_words("role_modifier"),
        generic=frozenset(boundary_words("group_generic")),
        generic_long=tuple(sorted((w for w in boundary_words("group_generic") if len(w) > 1), key=len, reverse=True)),
        group_modifiers=boundary_words("group_modifier"),
        stops=frozenset((*boundary_words("group_stop"), *kb.topic_words, *agent_after, *audience_cue,
                         *learner_after, *agent_before)),
        body_after=boundary_words("body_after"),
        not_group_after=boundary_words("not_group_after"),
        bare_audience=frozenset(boundary_words("bare_audience")),
        may_act=boundary_words("may_act"),
        catalogue=catalogue,
        audience_cue=word_alternation(audience_cue),
        learner_after=word_alternation(learner_after),
        agent_before=agent_before,
        agent_after=agent_after,
        agent_words=word_alternation((*agent_after, *agent_before)),
    )


@dataclass
class Candidate:
    start: int  # of the surface, with a prefix such as 辖区 or 全体
    name_start: int  # of the name
    end: int
    kind: str  # by the word: group or role
    key: str
    bare: bool  # a head alone (企业) that names a group only as an audience
    rule: str  # gazetteer (a catalogue name as written) or head (a modifier and a head)


def find_groups(text: str, ctx: Context) -> list[Mention]:
    """Audience groups and roles: candidate names, then each list of them read in its clause."""
    voc = vocabulary()
    candidates = _settle(list(_candidates(text, ctx, voc)))
    out: list[Mention] = []
    for members in _lists(text, candidates):
        cue = _clause_cue(text, members[0].start, members[-1].end, voc)
        for c in members:
            kind = _kind(c, cue, voc)
            if c.bare and (kind != "group" or not cue[0].startswith("audience") or text.startswith("的", c.end)):
                continue  # 企业 names a group only as the object of 为/向, not in 为3家企业的务工人员
            rule = f"{kind}.{c.rule}" if kind == c.kind else f"{kind}.clause"
            attrs = {"cue": cue[1]} if kind != c.kind else {}
            out.append(Mention(kind, c.start, c.end, text[c.start:c.end], rule, key=c.key, attrs=attrs))
    return out


def _candidates(text: str, ctx: Context, voc: Vocabulary) -> Iterator[Candidate]:
    """The longest who-word ending at each character, with its modifier; none inside a book title or a body's name."""
    longest: dict[int, tuple[str, Entry]] = {}
    for end_index, (surface, entry) in voc.automaton.iter(text):
        if end_index not in longest or len(surface) > len(longest[end_index][0]):
            longest[end_index] = (surface, entry)
    titles = [(m.start(), m.end()) for m in re.finditer(r"《[^《》]{1,60}》", text)] if "《" in text else []
    title_starts = [a for a, _ in titles]
    for end_index, (surface, entry) in longest.items():
        end = end_index + 1
        head_start = end - len(surface)
        i = bisect_left(title_starts, head_start) - 1
        if i >= 0 and end < titles[i][1]:
            continue  # 《民法典与百姓生活100问》 is a book
        after = text[end:end + 6]
        if after.startswith(voc.body_after) or after.startswith(voc.not_group_after):
            continue  # 律师事务所, 退役军人局; 预防未成年人犯罪
        candidate = _candidate(text, ctx, voc, head_start, end, surface, entry)
        if candidate:
            yield candidate


def _candidate(text: str, ctx: Context, voc: Vocabulary, head_start: int, end: int, surface: str,
               entry: Entry) -> Candidate | None:
    start, name_start = _modifier(text, ctx, voc, head_start)
    if entry.kind == "role" and entry.key and name_start < head_start:
        start = name_start = head_start  # 古市派出所|民警: a catalogue role keeps its name, the body before is no part of it
    modifier = text[name_start:head_start]
    if not modifier and entry.head_only and surface not in voc.bare_audience:
        return None  # a bare head (人员, 群众 as a word of a name) names no particular group
    family = FAMILY.match(text[end:end + 5])
    if family and entry.kind == "group":
        end += family.end()
    name = text[name_start:end]
    if not modifier:
        key = (entry.key or surface) + (family.group(0) if family and entry.kind == "group" else "")
    elif surface in ("群体", "人群") and modifier in voc.catalogue:
        key = voc.catalogue[modifier]  # 驾驶员群体 is 驾驶员
    else:
        key = name
    kind = entry.kind
    if kind == "group" and any(w in modifier for w in voc.role_modifiers):
        kind = "role"  # 专职普法人员 deliver publicity
    rule = "gazetteer" if not modifier and entry.key else "head"
    return Candidate(start, name_start, end, kind, key, bare=not modifier and entry.head_only, rule=rule)


def _modifier(text: str, ctx: Context, voc: Vocabulary, head_start: int) -> tuple[int, int]:
    """(start of the surface, start of the name): the modifier before a head, and a generic prefix (辖区, 全体)."""
    pos = head_start
    tokens = 0
    while tokens < MAX_MODIFIER_TOKENS and pos > 0:
        if text[pos - 1] == "”":  # 村“两委”干部: a short quoted word is one token
            q = text.rfind("“", max(0, pos - 7), pos - 1)
            if q < 0 or not all(CJK.match(ch) for ch in text[q + 1:pos - 1]):
                break
            pos, tokens = q, tokens + 1
            continue
        if text.endswith(voc.generic_long, 0, pos):
            generic = next(g for g in voc.generic_long if text.endswith(g, 0, pos))
            return pos - len(generic), pos  # 过往|群众, 受教育|群众
        if text.endswith(voc.modifier_words, 0, pos):
            verb = next(v for v in voc.modifier_words if text.endswith(v, 0, pos))
            pos, tokens = pos - len(verb), tokens + 1
            continue
        rank = RANK_ABOVE.search(text, max(0, pos - 6), pos)
        if rank:
            pos, tokens = rank.start(), tokens + 1
            continue
        run_start = pos
        while run_start > 0 and pos - run_start < 8 and CJK.match(text[run_start - 1]):
            if text[run_start - 1] in MEASURE and run_start > 1 and NUMERAL.match(text[run_start - 2]):
                break  # 42名|新任职: the quantity ends the modifier
            run_start -= 1
        if run_start == pos:
            break
        token, flag = tag(text[run_start:pos])[-1]
        if token[0] in "全各我本" and len(token) <= 3 and token[-1] in REGION_LEVEL:
            break  # 全区|中小学生: 全区 names the report's region, for the region recognizer
        if token in voc.generic or (token[0] in "全各我本" and len(token) <= 3 and token not in voc.catalogue):
            return pos - len(token), pos  # 辖区|青少年, 全体|干部职工: the surface keeps it, the name does not
        if not _modifier_token(token, flag, ctx, voc):
            break
        pos, tokens = pos - len(token), tokens + 1
    return pos, pos


def _modifier_token(token: str, flag: str, ctx: Context, voc: Vocabulary) -> bool:
    if token in ctx.kb.lead_in_words or token.endswith(ctx.kb.lead_in_long) or token in voc.stops:
        return False
    if token.startswith(ctx.kb.generic_starts) and not token.startswith(voc.group_modifiers):
        return False
    if not flag.startswith(MODIFIER_POS) or flag in ("ns", "nr", "nrt", "nt"):
        return False
    if token[-1] in FUNCTION_END or (flag == "x" and token[0] in MEASURE):
        return False
    if len(token) > 1 and token[-1] in BODY_END and not token.startswith(voc.group_modifiers):
        return False  # a body's name: 司法局|业务骨干
    if flag in ("x", "l") and token not in voc.catalogue:
        return False  # a word jieba does not know is mostly a place or a person's name (伊芦|种植大户); l is an idiom
    return True


def _settle(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first; no two kept candidates overlap (a candidate is never empty: it ends in its head)."""
    kept: list[Candidate] = []
    taken = Taken(size=max((c.end for c in candidates), default=0))
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if not taken.overlaps(c.start, c.end):
            kept.append(c)
            taken.add(c.start, c.end)
    return sorted(kept, key=lambda c: c.start)


def _lists(text: str, candidates: list[Candidate]) -> list[list[Candidate]]:
    """Runs of candidates joined by 、和及与 or a quantity: 律师、6名法官和检察官."""
    out: list[list[Candidate]] = []
    for c in candidates:
        gap = text[out[-1][-1].end:c.start] if out else None
        if gap is not None and len(gap) <= 6 and LIST_GAP.fullmatch(gap):
            out[-1].append(c)
        else:
            out.append([c])
    return out


def _clause_cue(text: str, start: int, end: int, voc: Vocabulary) -> tuple[str, str]:
    """What the clause says of the people in text[start:end], and the word that says it:
    audience (为|外卖骑手), audience-learner (对|人民调解员|开展业务培训), agent (组织|律师|走进, 法官|为),
    learner (组织|干部职工|参加), or "" when it says nothing."""
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, max(0, start - 40), start)]
    clause_start = breaks[-1] if breaks else max(0, start - 40)
    before = text[clause_start:start]
    trimmed = LEAD_QUANTITY.sub("", before)
    tail_match = CLAUSE_BREAK.search(text, end, end + 40)
    after = text[end:tail_match.start() if tail_match else end + 40]
    after = after.lstrip("”\"")
    after = after[ADVERBS.match(after).end():]
    for m in reversed(list(voc.audience_cue.finditer(before))):
        word = m.group(0)
        if word == "为" and (before[m.start() - 1:m.start()] in NOT_FOR or before[m.end():m.end() + 1] in ("期", "主")):
            continue  # 作为, 成为, 为期, 为主
        between = before[m.end():]
        if len(between) <= 14 and not voc.agent_words.search(between):
            return ("audience-learner" if voc.learner_after.search(after) else "audience", word)
        break
    if trimmed.endswith(voc.agent_before):
        learns = voc.learner_after.search(after[:8])
        word = next(w for w in voc.agent_before if trimmed.endswith(w))
        return ("learner", learns.group(0)) if learns else ("agent", word)
    if after.startswith(voc.agent_after):
        return ("agent", next(w for w in voc.agent_after if after.startswith(w)))
    return ("", "")


def _kind(c: Candidate, cue: tuple[str, str], voc: Vocabulary) -> str:
    """The clause decides where it is clear; 学生 that 走进法院 are still students, so only people who may
    deliver publicity (人员, 干部, 网格员 …) turn into roles."""
    what = cue[0]
    if c.kind == "role":
        return "group" if what in ("learner", "audience-learner") else "role"
    if what == "agent" and c.key.endswith(voc.may_act):
        return "role"
    return "group"
