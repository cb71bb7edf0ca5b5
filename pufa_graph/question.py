"""A question in Chinese or English -> its slots, its answer type, and the kind of named query that answers it.

Slots come first, found with the gazetteers the ingester uses (laws, campaigns, venue types, agencies,
regions and townships, groups) and ontology/glossary.csv for English words of 普法 work. The answer type
is then read from ontology/answer_types.csv in what is left of the question (a word that names a slot is
never also the answer type), and the kind from ontology/question_kinds.csv: the first row whose answer
type, needed slots and cue fit. Nothing here knows particular questions.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from . import lookup
from .errors import PufaError
from .knowledge import boundary_words, knowledge, read_csv, word_alternation

CJK = r"\u4e00-\u9fff"
MONTHS_EN = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                           "september", "october", "november", "december"], start=1)}
LEVEL_EN = {"county": "县", "district": "区", "city": "市", "prefecture": "州", "province": "省"}
TOWNSHIP_EN = ("township", "town", "subdistrict", "street", "sub-district")
ORDINALS_EN = {w: i for i, w in enumerate(["first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                                            "eighth", "ninth", "tenth", "eleventh", "twelfth"], start=1)}
NUMERALS_ZH = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
#: the award levels of demonstration titles, as questions write them
DESIGNATION_LEVELS = {"全国": "national", "国家级": "national", "national": "national", "省级": "provincial",
                      "provincial": "provincial", "市级": "municipal", "municipal": "municipal",
                      "州级": "municipal", "县级": "county", "区级": "county", "county-level": "county"}
#: a question about what is planned: 拟推荐, 将开展, 计划, "is to", "planned"
PLANNED = re.compile(r"(?<![模虚])拟|计划|将要|将(?=[在向对为开组举])|要向|要在|准备|\bplanned\b|\bplans? to\b|"
                     r"\bplanning\b|\bwill\b|\b(?:is|are) to\b|\bto be\b|\bput forward\b|\bproposed?\b|"
                     r"\brecommend", re.I)
#: "done or planned" asks about both
EITHER_PLANNED = re.compile(r"或计划|或拟|或将|\bor plann|\bor to be\b|\bor proposed\b", re.I)


class UnparsedQuestion(PufaError):
    """The question matched no kind the tool understands; the message lists the kinds with examples."""

    def __init__(self, question: str):
        self.question = question
        super().__init__(f"cannot tell what this question asks: {question!r}\n" + help_text())

    def to_json(self) -> dict:
        """For ``--format json``: the refusal, and the kinds of question understood, as data."""
        return {"kind": "unparsed_question", "question": self.question,
                "message": f"cannot tell what this question asks: {self.question!r}",
                "understood": [{"kind": r.kind, "example_zh": r.example_zh, "example_en": r.example_en}
                               for r in kind_rules()]}


@dataclass
class Parsed:
    question: str
    lang: str
    kind: str | None = None
    slots: dict = field(default_factory=dict)
    answer_types: list[str] = field(default_factory=list)

    def explain(self) -> dict:
        """What --explain shows: the same for every wording of one question."""
        return {"kind": self.kind, "answer_types": self.answer_types, "slots": self.slots}


@dataclass(frozen=True)
class KindRule:
    kind: str
    answers: frozenset[str]
    needs: tuple[str, ...]
    cue: re.Pattern | None
    example_zh: str
    example_en: str


@lru_cache(maxsize=1)
def kind_rules() -> tuple[KindRule, ...]:
    return tuple(KindRule(r["kind"], frozenset(r["answer"].split("|")), tuple(filter(None, r["needs"].split("|"))),
                          re.compile(r["cue"], re.I) if r["cue"] else None, r["example_zh"], r["example_en"])
                 for r in read_csv("question_kinds.csv"))


@lru_cache(maxsize=1)
def _answer_lexicon() -> tuple[tuple[str, str, re.Pattern], ...]:
    return tuple((r["answer"], r["lang"], re.compile(r["pattern"], re.I)) for r in read_csv("answer_types.csv"))


def help_text() -> str:
    lines = ["Questions pufa understands (Chinese or English), with an example of each:"]
    for rule in kind_rules():
        lines.append(f"  {rule.kind:18} {rule.example_zh}")
        lines.append(f"  {'':18} {rule.example_en}")
    return "\n".join(lines)


# -- the question's parts ---------------------------------------------------------------

def _chinese_parts(q: str) -> list[str]:
    """Quoted, bracketed and bare runs of Chinese in a question (for English questions, the Chinese it cites)."""
    return [p.strip() for p in re.findall(rf"[{CJK}][{CJK}·•\s、0-9]*[{CJK}]|[{CJK}]", q)]


#: a bracketed aside, not a name: （或计划宣传）, （含幼儿园）
ASIDE = re.compile(r"^(?:或|和|及|含|包括|即|如|新建的|以下)")


def quoted(q: str) -> list[str]:
    found = re.findall(r"[“\"'‘]([^“”\"'‘’]{2,40})[”\"'’]", q)
    found += [f for f in re.findall(rf"[(（]([^()（）]*[{CJK}][^()（）]*)[)）]", q) if not ASIDE.match(f)]
    found += re.findall(r"《([^《》]+)》", q)
    return [f.strip() for f in found if f.strip()]


def _blank_quotes(q: str) -> str:
    """The question without what it quotes (“谁执法谁普法” asks nobody)."""
    q = re.sub(r"《[^《》]*》|“[^“”]*”|‘[^‘’]*’|「[^「」]*」", " ", q)
    return re.sub(r"(?<![A-Za-z])'[^']{2,60}'(?![A-Za-z])|\"[^\"]{2,60}\"", " ", q)


@lru_cache(maxsize=1)
def _glossary() -> list[tuple[re.Pattern, str]]:
    rows = sorted(read_csv("glossary.csv"), key=lambda r: -len(r["en"]))
    return [(re.compile(r"\b" + re.escape(r["en"]).replace(r"\ ", r"[\s-]") + r"s?\b", re.I), r["zh"]) for r in rows]


def _translated(q: str) -> list[tuple[int, int, str]]:
    """(start, end, Chinese) of the glossary's English words in the question, longest first, not overlapping."""
    taken: list[tuple[int, int, str]] = []
    for pattern, zh in _glossary():
        for m in pattern.finditer(q):
            if not any(m.start() < e and s < m.end() for s, e, _ in taken):
                taken.append((m.start(), m.end(), zh))
    return sorted(taken)


def _question_tail() -> re.Pattern:
    return word_alternation(boundary_words("question_tail"))


@lru_cache(maxsize=1)
def _event_phrase() -> re.Pattern:
    """A named event of the question: up to 30 characters ending in an event word (…宣传月活动, …大赛)."""
    return re.compile(rf"[{CJK}·]{{2,30}}?(?:{word_alternation(boundary_words('event_word')).pattern})")


def _squash(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’《》·•・?？、，,。()（）/]", "", text)


# -- answer type and kind ------------------------------------------------------------------

def answer_types(text: str, lang: str) -> list[str]:
    """The kinds of thing the question asks for, in the order it asks (由谁主办…何时举办 -> agency, time)."""
    found: dict[str, tuple[int, int]] = {}
    for answer, answer_lang, pattern in _answer_lexicon():
        if answer_lang != lang:
            continue
        m = pattern.search(text)
        if m and (answer not in found or m.span() < found[answer]):
            found[answer] = m.span()
    # of two at one place, the shorter: 哪些报告指出部分单位 asks for reports
    return sorted(found, key=found.get)


def classify(q: str, slots: dict, answers: list[str]) -> str | None:
    for answer in answers:
        for rule in kind_rules():
            if answer not in rule.answers:
                continue
            if rule.needs and not any(slots.get(n) for n in rule.needs):
                continue
            if rule.cue and not rule.cue.search(q):
                continue
            return rule.kind
    return None


#: region codes by how many stored reports and agencies have them, or how to read them when needed
KnownRegions = Counter | Callable[[], Counter] | None


def parse(question: str, known_regions: KnownRegions = None) -> Parsed:
    """``known_regions``: region codes the store's reports hold, to read a name several places share
    (鼓楼区, Chaoyang) as the one the reports are about; given as a function, it is called only for a
    question that may name a place (counting them is a scan of the store: 0.2 s on 10,000 reports)."""
    from .normalize import to_simplified

    q = to_simplified(unicodedata.normalize("NFKC", question).strip())  # 農村宣傳了哪些法律 as the reports are read
    q = re.sub(r"\s+", " ", q)
    cjk = len(re.findall(f"[{CJK}]", q))
    latin = len(re.findall(r"[A-Za-z]", q))
    lang = "en" if latin > cjk else "zh"
    slots = extract_slots(q, lang, known_regions)
    answers = answer_types(_without_slots(q, lang, slots), lang)
    kind = classify(_blank_quotes(q), slots, answers)
    if kind in TOPIC_KINDS:  # the kinds that read no activities: their places and campaigns are topic words
        for key in ("venue_types", "campaigns"):
            slots.pop(key, None)
    return Parsed(question=question, lang=lang, kind=kind, slots=slots, answer_types=answers)


#: kinds answered from designations, problems, sites, accounts and people, not from activities
TOPIC_KINDS = {"designations", "problems", "culture_sites", "media", "people"}


def _without_slots(q: str, lang: str, slots: dict) -> str:
    """The question with what it quotes and the laws it names blanked: what is left asks."""
    text = _blank_quotes(q)
    if lang == "zh":
        from .recognize import gazetteer

        for start, end, _surface, _values in sorted(gazetteer.laws().iter(text), key=lambda x: -x[0]):
            text = text[:start] + " " * (end - start) + text[end:]
    return text


# -- slots -------------------------------------------------------------------------------------

def extract_slots(q: str, lang: str, known_regions: KnownRegions = None) -> dict:
    slots: dict = {}
    en = q if lang == "en" else ""
    translated = _translated(q) if en else []
    zh = q if lang == "zh" else " ".join(_chinese_parts(q))
    # an English question's words of 普法 work, in the Chinese the reports use (Anti-Drug Law -> 禁毒法)
    zh_words = zh + " " + " ".join(w for _s, _e, w in translated)
    cited = [t for t in quoted(q) if re.search(f"[{CJK}]", t)]
    campaigns = _campaigns(zh_words, cited, en)
    # a law inside a campaign's name (宪法 of 宪法宣传周, Constitution of Constitution Publicity Week) is no law slot
    zh_words, en_free = _without_campaigns(zh_words, en)
    laws = _laws(zh_words + " " + " ".join(c for c in cited if not lookup.campaign(c)), en_free)
    region = _region(zh, en, known_regions)
    terms = _terms(q, lang, cited, [w for _s, _e, w in translated], region)
    # a kind of place inside a campaign's or an event's name (送法下乡, 模拟法庭大赛) is no place the question asks about
    # and a glossary phrase is no English venue word ("moot court" names an event)
    venue_types = _venue_types(_without(_without_asking_words(zh_words, "zh"), terms + cited),
                               _without_asking_words(_without_spans(en, translated), "en"))
    agency = _agency(zh, en, region, translated)
    kinds = _agency_kinds(zh, _without_spans(en, translated)) if agency is None else []
    groups = _groups(zh_words, en)
    years = list(dict.fromkeys(re.findall(r"((?:19|20)\d{2})\s*年", zh) + re.findall(r"\b((?:19|20)\d{2})\b", en)))
    months = _months(q, zh, en)
    for key, value in (("laws", laws), ("campaigns", campaigns), ("venue_types", venue_types), ("region", region),
                       ("agency", agency), ("agency_kinds", kinds), ("groups", groups),
                       ("year", years[0] if len(years) == 1 else None), ("months", months),
                       ("terms", terms)):
        if value:
            slots[key] = value
    translated_words = [w for _s, _e, w in translated]
    qualifiers = [w for w in boundary_words("level_qualifier") if w in zh or w in translated_words]
    if qualifiers:
        slots["qualifiers"] = qualifiers
    level = next((code for word, code in DESIGNATION_LEVELS.items()
                  if word in zh or re.search(rf"\b{re.escape(word)}\b", en, re.I)), None)
    if level:
        slots["level"] = level
    batch = _batch(zh, en)
    if batch:
        slots["batch"] = batch
    if PLANNED.search(_blank_quotes(q)) and not EITHER_PLANNED.search(q):
        slots["planned"] = True
    return slots


def _months(q: str, zh: str, en: str) -> list[int]:
    months = [int(m) for m in re.findall(r"(?<![\d·.])(\d{1,2})\s*月(?!\d)", _blank_quotes(zh)) if 1 <= int(m) <= 12]
    months += [MONTHS_EN[w.lower()] for w in re.findall(r"\b(" + "|".join(MONTHS_EN) + r")\b", en, re.I)]
    if re.search(r"上半年|first half|first six months|\bH1\b", q, re.I):
        months += range(1, 7)
    if re.search(r"下半年|second half|last six months|\bH2\b", q, re.I):
        months += range(7, 13)
    return sorted(set(months))


def _batch(zh: str, en: str) -> int | None:
    m = re.search(r"第\s*(\d+|[一二三四五六七八九十]+)\s*批", zh)
    if m:
        word = m.group(1)
        if word.isdigit():
            return int(word)
        return (10 if word.startswith("十") else 0) + NUMERALS_ZH.get(word[-1], 0) if len(word) > 1 else NUMERALS_ZH[word]
    m = re.search(r"\b(" + "|".join(ORDINALS_EN) + r"|\d+(?:st|nd|rd|th))\s+batch\b", en, re.I)
    if m:
        word = m.group(1).lower()
        return ORDINALS_EN.get(word) or int(re.sub(r"\D", "", word))
    return None


def _laws(zh: str, en: str) -> list[str]:
    from .recognize import gazetteer

    found = []
    for _s, _e, surface, values in gazetteer.laws().iter(zh):
        name = knowledge().law_by_key[values[0][1]].name
        if len(surface) >= 2 and name not in found:
            found.append(name)
    for entry in knowledge().laws:
        if en and entry.english and re.search(r"\b" + re.escape(entry.english) + r"\b", en, re.I) \
                and entry.name not in found:
            found.append(entry.name)
    # a law inside a longer one (宪法 in 宪法宣传周) is no law slot of its own
    return [n for n in found if not any(n != m and n in m for m in found)]


def _campaigns(zh: str, cited: list[str], en: str) -> list[str]:
    from .recognize import gazetteer

    kb = knowledge()
    found = []
    for _s, _e, _surface, values in gazetteer.campaigns().iter(zh):
        name = kb.campaign_by_key[values[0][1]].name
        if name not in found:
            found.append(name)
    for text in cited:
        name = lookup.campaign(text)
        if name and name not in found:
            found.append(name)
    for c in kb.campaigns:
        if en and c.english and c.name not in found and any(
                re.search(r"\b" + re.escape(form).replace(r"\ ", r"[\s-]+") + r"\b", en, re.I)
                for form in _english_forms(c.english)):
            found.append(c.name)
    return [n for n in found if not any(n != m and n in m for m in found)]


def _without_campaigns(zh: str, en: str) -> tuple[str, str]:
    """The question without the campaigns it names, in either language."""
    from .recognize import gazetteer

    for start, end, _surface, _values in sorted(gazetteer.campaigns().iter(zh), key=lambda x: -x[0]):
        zh = zh[:start] + " " + zh[end:]
    for c in knowledge().campaigns:
        if en and c.english:
            for form in _english_forms(c.english):
                en = re.sub(r"\b" + re.escape(form).replace(r"\ ", r"[\s-]+") + r"\b", " ", en, flags=re.I)
    return zh, en


def _english_forms(english: str) -> list[str]:
    """A campaign's English name as questions shorten it: without its last "and …" part or "Publicity"
    (International Day against Drug Abuse; Civil Code Month)."""
    forms = [english]
    head = re.split(r"\s+and\s+", english)[0]
    if head != english and len(head.split()) >= 3:
        forms.append(head)
    for form in list(forms):
        shorter = re.sub(r"\s*\bPublicity\b", "", form)
        if shorter != form and len(shorter.split()) >= 3:
            forms.append(shorter)
    return forms


def _without_asking_words(text: str, lang: str) -> str:
    """The question with its asking words (哪些机关, which agencies) blanked: they name the answer, never a slot."""
    for answer, answer_lang, pattern in _answer_lexicon():
        if answer_lang == lang:
            text = pattern.sub(" ", text)
    return text


def _without_spans(en: str, translated: list[tuple[int, int, str]]) -> str:
    """English with the glossary's phrases blanked: "moot court" is an event, not a court or a body."""
    for start, end, _zh_word in sorted(translated, reverse=True):
        en = en[:start] + " " * (end - start) + en[end:]
    return en


def _without(text: str, phrases: list[str]) -> str:
    for phrase in sorted(phrases, key=len, reverse=True):
        text = text.replace(phrase, " ")
    return text


def _venue_types(zh: str, en: str) -> list[str]:
    kb = knowledge()
    found = []
    for vt in kb.venue_types:
        words = [w for w in vt.generic_words + vt.named_suffixes if len(w) >= 2]
        if vt.code == "government":  # 机关 asks for bodies; a body's offices are a place after 进, 到, 在
            words = [w for w in vt.named_suffixes if len(w) >= 2] + [p + w for w in vt.generic_words
                                                                     for p in ("进", "到", "在", "走进", "深入")]
            hit = any(w in zh for w in words)
            if hit and vt.code not in found:
                found.append(vt.code)
            continue
        hit = any(w in zh for w in words) or any(
            re.search(r"\b" + re.escape(w) + r"\b", en, re.I) for w in vt.english_words if en)
        if hit and vt.code not in found:
            found.append(vt.code)
    return found


def _groups(zh: str, en: str) -> list[str]:
    kb = knowledge()
    found = [g for g in (lookup.group(w) for w in re.findall(rf"[{CJK}]+", zh)) if g]
    for g in kb.groups:
        words = [g.name, *g.aliases]
        if g.name not in found and any(len(w) >= 2 and w in zh for w in words):
            found.append(g.name)
        if en and g.name not in found and any(re.search(r"\b" + re.escape(w) + r"\b", en, re.I) for w in g.english):
            found.append(g.name)
    return list(dict.fromkeys(found))


# -- places and agencies -------------------------------------------------------------------------

def _region(zh: str, en: str, known: KnownRegions) -> str | None:
    from .recognize import gazetteer
    from .resolve import pick_region

    kb = knowledge()
    if callable(known):
        may_name_a_place = next(iter(gazetteer.regions().iter(zh)), None) is not None or re.search("[A-Z]", en)
        known = known() if may_name_a_place else None
    codes = _regions_named(zh, known)
    if codes:
        return max(codes, key=lambda c: len(kb.region_chain(c)))
    if not en:
        return None
    named = []  # (pinyin word, level word) of each English place name, in order
    for m in re.finditer(r"\b([A-Z][a-z]+(?:['’](?!s\b)[a-z]+|-[a-z]+)?)(?:['’]s)?\s+([Cc]ounty|[Dd]istrict|[Cc]ity|[Pp]refecture"
                         r"|[Pp]rovince|[Tt]ownship|[Tt]own|[Ss]ubdistrict)\b", en):
        named.append((m.group(1), m.group(2).lower()))
    for m in re.finditer(r"\b([A-Z][a-z]+(?:['’](?!s\b)[a-z]+)?)(?:['’]s)?\b", en):
        if not any(m.group(1) in word for word, _level in named):
            named.append((m.group(1), ""))
    candidates = [c for c in (_places_by_pinyin(word, level) for word, level in named) if c]
    # a name one place has is the context of those several share: Chaoyang District (Changchun)
    sure = [min(codes, key=lambda c: len(kb.region_chain(c))) for codes in candidates
            if len(codes) == 1 or _one_lineage(kb, codes)]
    found = []
    for codes in candidates:
        code = pick_region(kb, codes, None, sure, known) if (len(codes) == 1 or sure or known) else None
        if code:
            found.append(code)
    return max(found, key=lambda c: len(kb.region_chain(c))) if found else None


def _one_lineage(kb, codes: list[str]) -> bool:
    """Chuxiong is 楚雄州 and 楚雄市 inside it: the outermost, with nothing else to go by."""
    outer = min(codes, key=lambda c: len(kb.region_chain(c)))
    return all(c == outer or outer in {r.code for r in kb.region_chain(c)} for c in codes)


def _regions_named(zh: str, known: Counter | None) -> list[str]:
    from .resolve import regions_in

    kb = knowledge()
    # a short name that is also a word (新建 of 新建区 in 新建了哪些阵地) names no place before 了, 的, 成
    for name in {n for n in kb.regions_by_name if len(n) == 2 and n in zh}:
        if not any(r.name == name for r in kb.regions_by_name[name]):
            zh = re.sub(rf"{name}(?=[了的成过])", "  ", zh)
    return regions_in(kb, zh, named=known) if zh.strip() else []


@lru_cache(maxsize=1)
def _pinyin_index() -> dict[str, list[str]]:
    """Toneless pinyin (ontology/regions.csv, column pinyin) -> region codes."""
    index: dict[str, list[str]] = {}
    for row in read_csv("regions.csv"):
        for key in filter(None, (row.get("pinyin") or "").split("|")):
            index.setdefault(key, []).append(row["code"])
    return index


@lru_cache(maxsize=1)
def _township_pinyin() -> dict[str, list[str]]:
    """Toneless pinyin of township short names -> codes (ontology/township_pinyin.csv)."""
    return {r["pinyin"]: r["codes"].split("|") for r in read_csv("township_pinyin.csv")}


def _places_by_pinyin(word: str, level_word: str) -> list[str]:
    """The regions (or, after "township", the townships) whose name is this pinyin."""
    key = re.sub(r"[\s'’-]", "", word).lower()
    if key in boundary_words("english_non_place"):
        return []
    kb = knowledge()
    if level_word in TOWNSHIP_EN:
        codes = _township_pinyin().get(key, [])
        if codes:
            kb.township_names  # the township entries are made when first asked for
        return codes
    codes = list(dict.fromkeys(_pinyin_index().get(key, [])))
    if not codes and level_word and len(key) >= 5:
        # names from other languages are spelt their own way: Manas County is 玛纳斯县 (manasi)
        codes = [c for k, cs in _pinyin_index().items() if k.startswith(key) and len(k) - len(key) <= 2 for c in cs]
    if level_word:
        suffix = LEVEL_EN[level_word]
        codes = [c for c in codes if kb.regions[c].name.endswith(suffix)] or codes
    return codes


def _agency(zh: str, en: str, region: str | None, translated: list[tuple[int, int, str]]) -> str | None:
    from .recognize import Context
    from .recognize.agencies import find_agencies
    from .resolve import AgencyResolver

    kb = knowledge()
    texts = [zh]
    if en and region:
        # "the Datangbu township justice office" -> 大塘埠镇司法所: the place in Chinese before the body's words
        place = kb.regions[region]
        en = _without_spans(en, translated)
        bodies = {body.pattern for body in kb.agency_bodies}
        texts += [place.name + zh_word for _s, _e, zh_word in translated if zh_word in bodies]
        texts += [place.name + body.pattern for body in kb.agency_bodies if body.english and "{" not in body.pattern
                  and re.search(r"\b" + re.escape(body.english) + r"\b", en, re.I)]
    for text in texts:
        found = [m for m in find_agencies(text, Context(kb)) if not m.attrs.get("standalone")]
        with_region = [m for m in found if m.attrs.get("regions")]
        if with_region:
            name, _ = AgencyResolver(kb, region, None, None).canonical(with_region[0], None)
            return name
    return None


def _agency_kinds(zh: str, en: str) -> list[str]:
    kb = knowledge()
    kinds = []
    for body in kb.agency_bodies:
        if body.prefix not in ("optional",) or "{" in body.pattern or len(body.pattern) < 2:
            continue
        last = body.english.split()[-1].rstrip("s").lower() if body.english else ""
        hit = body.pattern in zh or (en and last and last not in boundary_words("generic_body_english") and re.search(
            r"\b" + re.escape(last) + r"(s|es)?\b", en, re.I))
        if hit and body.kind not in kinds and body.kind not in ("government",):
            kinds.append(body.kind)
    return kinds


def _terms(q: str, lang: str, cited: list[str], translated: list[str], region: str | None) -> list[str]:
    """Words that name the event, task or topic asked about."""
    terms = [t for t in cited if not _names_a_slot(t)]
    if lang == "en":
        terms += [p for p in _chinese_parts(q) if not any(p in t for t in terms) and not _names_a_slot(p)]
        terms += translated
    else:
        body = re.sub(r"《[^》]*》|“[^”]*”|\d{4}年|\d{1,2}月", "，", q)
        if region:
            kb = knowledge()
            entry = kb.regions[region]
            for name in [entry.name, *entry.short_names]:
                body = body.replace(name, " ")
        body = _question_tail().sub("，", body)
        for m in _event_phrase().finditer(body):
            phrase = re.sub(r"^.*(的|在|了|为|由|既|又|是)", "", m.group(0))
            if len(phrase) >= 3 and phrase not in terms:
                terms.append(phrase)
    # an event word alone (专项行动 after “利剑护蕾”) names no event: the quoted name does
    scaffold = {"存在的问题", "存在问题", *boundary_words("event_word")}
    laws = {lookup.law(t) for t in terms}
    return [t for t in dict.fromkeys(terms)
            if t not in scaffold and len(_squash(t)) >= 2 and not (lookup.law(t) and lookup.law(t) in laws)]


def _names_a_slot(term: str) -> bool:
    """A cited word that is a law, a kind of place or an audience (集贸市场 / 农贸市场, 《消法》) is that slot,
    not an event to match."""
    from .recognize import Context
    from .recognize.agencies import find_agencies

    pieces = [p for p in re.split(r"[/、\s]+|或|和", term) if p]
    return bool(pieces) and all(lookup.law(p) or lookup.venue_type(p) or lookup.group(p) or any(
        m.start == 0 and m.end == len(p) for m in find_agencies(p, Context(knowledge()))) for p in pieces)
