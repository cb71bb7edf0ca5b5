"""Questions in Chinese or English -> (kind, slots) -> a named query -> answers with evidence.

Kinds and their trigger words are data (ontology/question_kinds.csv); slots
are found with the gazetteers the ingester uses (laws, campaigns, venue types,
agencies, regions, groups) plus ontology/glossary.csv for English words of
普法 work. Nothing here knows particular questions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from . import lookup
from .errors import PufaError
from .knowledge import boundary_words, knowledge, read_csv, word_alternation
from .store.base import GraphStore

CJK = r"\u4e00-\u9fff"
MONTHS_EN = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                           "september", "october", "november", "december"], start=1)}
LEVEL_EN = {"county": "县", "district": "区", "city": "市", "prefecture": "州", "province": "省"}


class UnparsedQuestion(PufaError):
    """The question matched no kind the tool understands; the message lists the kinds with examples."""


@dataclass
class Parsed:
    question: str
    lang: str
    kind: str | None = None
    slots: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def _kinds() -> list[tuple[str, str, re.Pattern, str]]:
    return [(r["kind"], r["lang"], re.compile(r["pattern"], re.I), r["example"]) for r in read_csv("question_kinds.csv")]


@lru_cache(maxsize=1)
def _question_tail() -> re.Pattern:
    """The asking words of a Chinese question (哪些, 由谁, 牵头单位 …): not part of what is asked about."""
    return word_alternation(boundary_words("question_tail"))


@lru_cache(maxsize=1)
def _event_phrase() -> re.Pattern:
    """A named event of the question: up to 30 characters ending in an event word (…宣传月活动, …大赛)."""
    return re.compile(rf"[{CJK}·]{{2,30}}?(?:{word_alternation(boundary_words('event_word')).pattern})")


@lru_cache(maxsize=1)
def _glossary() -> list[tuple[re.Pattern, str]]:
    rows = sorted(read_csv("glossary.csv"), key=lambda r: -len(r["en"]))
    return [(re.compile(r"\b" + re.escape(r["en"]).replace(r"\ ", r"[\s-]") + r"s?\b", re.I), r["zh"]) for r in rows]


def help_text() -> str:
    lines = ["Questions pufa understands (Chinese or English), with an example of each:"]
    seen = set()
    for kind, lang, _pattern, example in _kinds():
        if (kind, lang) not in seen:
            seen.add((kind, lang))
            lines.append(f"  {kind:18} {example}")
    return "\n".join(lines)


# -- slots ----------------------------------------------------------------------

def _chinese_parts(q: str) -> list[str]:
    """Quoted, bracketed and bare runs of Chinese in a question (for English questions, the Chinese it cites)."""
    return [p.strip() for p in re.findall(rf"[{CJK}][{CJK}·•\s、0-9]*[{CJK}]|[{CJK}]", q)]


def _quoted(q: str) -> list[str]:
    found = re.findall(r"[“\"'‘]([^“”\"'‘’]{2,40})[”\"'’]", q)
    found += re.findall(rf"[(（]([^()（）]*[{CJK}][^()（）]*)[)）]", re.sub(r"[(（][^()（）]*[)）]", lambda m: m.group(0), q))
    found += re.findall(r"《([^《》]+)》", q)
    return [f.strip() for f in found if f.strip()]


def _squash(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’《》·•・?？、，,。()（）/]", "", text)


def extract_slots(q: str, lang: str) -> dict:
    slots: dict = {}
    zh = q if lang == "zh" else " ".join(_chinese_parts(q))
    translated = [zh_word for pattern, zh_word in _glossary() if lang == "en" and pattern.search(q)]
    quoted = [t for t in _quoted(q) if re.search(f"[{CJK}]", t)]

    laws = _laws(zh + " " + " ".join(quoted), q if lang == "en" else "")
    campaigns = _campaigns(zh, quoted, q if lang == "en" else "")
    # the words that ask (哪些机关, which agencies) name the answer, never a slot: 机关 is no kind of place here
    venue_types = _venue_types(_without_asking_words(zh), _without_asking_words(q) if lang == "en" else "")
    region = _region(zh, q if lang == "en" else "")
    agency = _agency(zh, q if lang == "en" else "", region)
    kinds = _agency_kinds(zh, q if lang == "en" else "") if agency is None else []
    groups = [g for g in (lookup.group(w) for w in re.findall(rf"[{CJK}]+", zh)) if g]
    years = list(dict.fromkeys(re.findall(r"((?:19|20)\d{2})年", zh)
                               + (re.findall(r"\b((?:19|20)\d{2})\b", q) if lang == "en" else [])))
    months = [int(m) for m in re.findall(r"(\d{1,2})月", zh)]
    months += [MONTHS_EN[w.lower()] for w in re.findall(r"\b(" + "|".join(MONTHS_EN) + r")\b", q, re.I)
               if lang == "en"]
    terms = _terms(q, lang, quoted, translated, region)
    for key, value in (("laws", laws), ("campaigns", campaigns), ("venue_types", venue_types), ("region", region),
                       ("agency", agency), ("agency_kinds", kinds), ("groups", groups),
                       ("year", years[0] if len(years) == 1 else None), ("months", months),
                       ("terms", terms)):
        if value:
            slots[key] = value
    qualifiers = [w for w in boundary_words("level_qualifier") if w in zh or w in translated]
    if qualifiers:
        slots["qualifiers"] = qualifiers
    wants = set()
    if re.search(r"何时|什么时候|\bwhen\b|几月", q, re.I):
        wants.add("when")
    if re.search(r"何地|哪里|在哪|\bwhere\b", q, re.I):
        wants.add("where")
    if re.search(r"哪位|谁.{0,4}讲话|领导出席|\bwho spoke\b|which leader|哪些人", q, re.I):
        wants.add("who")
    if wants:
        slots["wants"] = sorted(wants)
    return slots


def _laws(zh: str, en: str) -> list[str]:
    from .recognize import gazetteer

    found = []
    for _s, _e, surface, values in gazetteer.laws().iter(zh):
        name = knowledge().law_by_key[values[0][1]].name
        if len(surface) >= 2 and name not in found:
            found.append(name)
    for entry in knowledge().laws:
        if en and entry.english and re.search(r"\b" + re.escape(entry.english) + r"\b", en, re.I):
            if entry.name not in found:
                found.append(entry.name)
    # a law inside a longer one (宪法 in 宪法宣传周) is no law slot of its own
    return [n for n in found if not any(n != m and n in m for m in found)]


def _campaigns(zh: str, quoted: list[str], en: str) -> list[str]:
    from .recognize import gazetteer

    kb = knowledge()
    found = []
    for _s, _e, surface, values in gazetteer.campaigns().iter(zh):
        name = kb.campaign_by_key[values[0][1]].name
        if name not in found:
            found.append(name)
    for text in quoted:
        name = lookup.campaign(text)
        if name and name not in found:
            found.append(name)
    for c in kb.campaigns:
        if en and c.english and re.search(r"\b" + re.escape(c.english) + r"\b", en, re.I) and c.name not in found:
            found.append(c.name)
    return [n for n in found if not any(n != m and n in m for m in found)]


def _without_asking_words(text: str) -> str:
    """The question with the trigger words of every question kind blanked out."""
    for _kind, _lang, pattern, _example in _kinds():
        text = pattern.sub(" ", text)
    return text


def _venue_types(zh: str, en: str) -> list[str]:
    kb = knowledge()
    found = []
    for vt in kb.venue_types:
        words = [w for w in vt.generic_words + vt.named_suffixes if len(w) >= 2]
        hit = any(w in zh for w in words) or any(
            re.search(r"\b" + re.escape(w) + r"\b", en, re.I) for w in vt.english_words if en)
        if hit and vt.code not in found:
            found.append(vt.code)
    return found


def _region(zh: str, en: str) -> str | None:
    from .resolve import regions_in

    kb = knowledge()
    codes = regions_in(kb, zh)
    if codes:
        return max(codes, key=lambda c: len(kb.region_chain(c)))
    if en:
        for m in re.finditer(r"\b([A-Z][a-z]+(?:[ -][a-z]+)?)\s+(County|District|City|Prefecture|Province)\b", en):
            code = _region_by_pinyin(m.group(1), m.group(2).lower())
            if code:
                return code
        for m in re.finditer(r"\b([A-Z][a-z]+)(?:'s)?\b", en):
            code = _region_by_pinyin(m.group(1), "")
            if code:
                return code
    return None


@lru_cache(maxsize=1)
def _pinyin_index() -> dict[str, list[str]]:
    """Toneless pinyin (ontology/regions.csv, column pinyin) -> region codes."""
    index: dict[str, list[str]] = {}
    for row in read_csv("regions.csv"):
        if row.get("pinyin"):
            index.setdefault(row["pinyin"], []).append(row["code"])
    return index


def _region_by_pinyin(word: str, level_word: str) -> str | None:
    key = re.sub(r"[\s'-]", "", word).lower()
    if key in boundary_words("english_non_place"):
        return None
    codes = list(dict.fromkeys(_pinyin_index().get(key, [])))
    if not codes:
        return None
    kb = knowledge()
    if level_word:
        suffix = LEVEL_EN[level_word]
        preferred = [c for c in codes if kb.regions[c].name.endswith(suffix)]
        codes = preferred or codes
    return codes[0] if len(codes) == 1 or level_word else None


def _agency(zh: str, en: str, region: str | None) -> str | None:
    from .recognize import Context
    from .recognize.agencies import find_agencies
    from .resolve import AgencyResolver

    kb = knowledge()
    found = [m for m in find_agencies(zh, Context(kb)) if not m.attrs.get("standalone")]
    with_region = [m for m in found if m.attrs.get("regions")]
    if with_region:
        name, _ = AgencyResolver(kb, region, None, None).canonical(with_region[0], None)
        return name
    if en and region:
        for body in kb.agency_bodies:
            if body.english and body.prefix in ("optional", "required") and "{" not in body.pattern and \
                    re.search(r"\b" + re.escape(body.english) + r"\b", en, re.I):
                from .model import Mention

                m = Mention("agency", 0, 0, body.pattern, "question", attrs={
                    "body": body.pattern, "kind": body.kind, "template": body.canonical})
                name, _ = AgencyResolver(kb, region, None, None).canonical(m, None)
                return name
    return None


def _agency_kinds(zh: str, en: str) -> list[str]:
    kb = knowledge()
    kinds = []
    for body in kb.agency_bodies:
        if body.prefix not in ("optional",) or "{" in body.pattern or len(body.pattern) < 2:
            continue
        hit = body.pattern in zh or (en and body.english and re.search(
            r"\b" + re.escape(body.english.split()[-1].rstrip("s")) + r"(s|es)?\b", en, re.I))
        if hit and body.kind not in kinds and body.kind not in ("government",):
            kinds.append(body.kind)
    return kinds


def _terms(q: str, lang: str, quoted: list[str], translated: list[str], region: str | None) -> list[str]:
    """Words that name the event, task or topic asked about."""
    terms = list(quoted)
    if lang == "en":
        terms += [p for p in _chinese_parts(q) if not any(p in t for t in terms)]
        terms += translated
    else:
        body = re.sub(r"《[^》]*》|“[^”]*”|\d{4}年|\d{1,2}月", "，", q)
        if region:
            for name in [knowledge().regions[region].name, *knowledge().regions[region].short_names]:
                body = body.replace(name, " ")
        body = _question_tail().sub("，", body)
        for m in _event_phrase().finditer(body):
            phrase = re.sub(r"^.*(的|在|了|为|由|既|又)", "", m.group(0))
            if len(phrase) >= 3 and phrase not in terms:
                terms.append(phrase)
    scaffold = {"存在的问题", "存在问题"}
    laws = {lookup.law(t) for t in terms}
    return [t for t in dict.fromkeys(terms)
            if t not in scaffold and len(_squash(t)) >= 2 and not (lookup.law(t) and lookup.law(t) in laws)]


# -- kinds ------------------------------------------------------------------------

#: what a kind needs before it can be asked
REQUIRES = {
    "laws_by_agency": ("agency",), "laws_at": ("venue_types", "groups"), "agencies_of_kind": ("agency_kinds",),
    "campaign": ("campaigns", "terms"), "who_promoted": ("laws",), "co_organizers": ("terms", "campaigns"),
    "where_when": ("terms", "campaigns"), "lead_units": ("terms",), "audiences": ("terms", "campaigns"),
    "both": ("terms",),
}


def classify(q: str, lang: str, slots: dict) -> str | None:
    for kind, kind_lang, pattern, _example in _kinds():
        if kind_lang != lang or not pattern.search(q):
            continue
        needs = REQUIRES.get(kind)
        if needs and not any(slots.get(n) for n in needs):
            continue
        return kind
    return None


def parse(question: str) -> Parsed:
    q = unicodedata.normalize("NFKC", question).strip()
    cjk = len(re.findall(f"[{CJK}]", q))
    latin = len(re.findall(r"[A-Za-z]", q))
    lang = "en" if latin > cjk else "zh"
    slots = extract_slots(q, lang)
    return Parsed(question=question, lang=lang, kind=classify(q, lang, slots), slots=slots)


# -- answering --------------------------------------------------------------------

class RecordingStore(GraphStore):
    """Passes queries through and keeps them, for --explain."""

    def __init__(self, inner: GraphStore):
        self.inner = inner
        self.location = inner.location
        self.queries: list[str] = []

    def query(self, sparql: str):
        self.queries.append(sparql)
        return self.inner.query(sparql)

    @property
    def answers(self):
        """The inner store's answer index, when it has a usable one."""
        return getattr(self.inner, "answers", None)

    def note(self, text: str) -> None:
        """A question answered without a query here: keep what stands for it."""
        self.queries.append(text)

    def update(self, sparql: str) -> None:
        raise PufaError("asking never writes")


def _best_partial(store: GraphStore, terms: list[str], **filters) -> list[dict]:
    """Activities matching all terms; else those matching the most of them."""
    from .queries import _squash as squash
    from .queries import find_activities, matching_activities

    found = matching_activities(store, terms, **filters)
    if found or len(terms) < 2:
        return found
    scored = []
    for a in find_activities(store, **filters):
        hay = squash((a["evidence"] or {}).get("text", "")) + squash("|".join(a["campaigns"]))
        score = sum(1 for t in terms if squash(t) and squash(t) in hay)
        scored.append((score, a))
    best = max((s for s, _ in scored), default=0)
    return [a for s, a in scored if s == best and s > 0]


#: what a question says was promoted: 宣传了民法点, 宣讲过《民法点》 (the object, up to the question's end)
PROMOTED_OBJECT = re.compile(rf"(?:宣传|宣讲|普及|讲解)(?:了|过)?[《“]?([{CJK}]{{2,12}}?)[》”]?(?=[？?。!！]|$)")


def unknown_law(store: GraphStore, parsed: Parsed) -> None:
    """A question about a law the tool does not know (民法点) says so, with the laws that are close,
    instead of answering about nothing."""
    from .lookup import UnknownName, _closest, _stored_labels

    if parsed.lang != "zh" or parsed.slots.get("laws") or parsed.slots.get("campaigns"):
        return
    m = PROMOTED_OBJECT.search(unicodedata.normalize("NFKC", parsed.question))
    if not m:
        return
    word = m.group(1)
    if word in boundary_words("generic_law_word") or lookup.law(word) or lookup.campaign(word) \
            or lookup.group(word) or lookup.venue_type(word) or _stored_labels(store, "Law", word):
        return
    kb = knowledge()
    close = _closest(word, [n for e in kb.laws for n in (e.name, *e.aliases)] + _stored_labels(store, "Law"))
    if close:  # a word near no law is some other topic (宣传了哪些内容): the question goes on
        raise UnknownName("law", word, close)


def answer(store: GraphStore, question: str) -> dict:
    from . import queries as Q

    parsed = parse(question)
    unknown_law(store, parsed)
    if parsed.kind is None:
        raise UnparsedQuestion(f"cannot tell what this question asks: {question!r}\n" + help_text())
    rec = RecordingStore(store)
    s = parsed.slots
    kind = parsed.kind
    terms = s.get("terms", [])
    vts = _with_narrower(s.get("venue_types", []))
    if kind == "who_promoted":
        answers = []
        for law in s["laws"]:
            for vt in vts or [None]:
                answers += Q.who_promoted(rec, law, venue_type=vt, region=_region_name(s), year=s.get("year"))
    elif kind == "laws_by_agency":
        # every slot constrains the answer: 玛纳斯县交运局在客运站宣传过哪些法律 asks about bus stations only
        answers = []
        for vt in vts or [None]:
            answers += Q.laws_promoted_by(rec, s["agency"], venue_type=vt, year=s.get("year"))
    elif kind == "laws_at":
        answers = Q.laws_at(rec, vts, s.get("groups", []))
    elif kind == "agencies_of_kind":
        answers = Q.agencies_of_kind(rec, s["agency_kinds"])
    elif kind == "campaign":
        answers = Q.campaign_organizers(rec, s.get("campaigns", []),
                                        [] if s.get("campaigns") else terms)
    elif kind == "co_organizers":
        acts = _best_partial(rec, terms or s.get("campaigns", []))
        answers = _from_acts(acts, "organizers", with_date="when" in s.get("wants", []))
    elif kind == "where_when":
        acts = _best_partial(rec, terms or s.get("campaigns", []))
        wants = set(s.get("wants", ["where", "when"]))
        answers = _from_acts(acts, "venues" if "where" in wants else None, with_date="when" in wants)
        if "who" in wants:
            answers += [Q.Answer(p, [Q._evidence_of(a)]) for a in acts for p in Q._persons_of(rec, a["id"])]
    elif kind == "both":
        answers = _both(rec, parsed)
    elif kind == "joint_levels":
        answers = Q.joint_across_levels(rec, (s.get("agency_kinds") or ["justice"])[0])
    elif kind == "designations":
        title = [t for t in terms if "示范" in t] or [w for w in _demonstration_words(parsed) if w]
        answers = Q.designations(rec, title[:1], designee_type="Village" if re.search("哪些村|villages", question)
                                 else None)
    elif kind == "culture_sites":
        answers = Q.culture_sites(rec)
    elif kind == "quantity":
        topic, qualifiers = _quantity_topic(parsed)
        answers = Q.quantities_for(rec, topic, qualifiers)
    elif kind == "lead_units":
        answers = Q.lead_units(rec, terms)
    elif kind == "audiences":
        answers = Q.audiences_of(rec, terms or s.get("campaigns", []))
    elif kind == "problems":
        answers = Q.problems(rec, _problem_topic(parsed))
    elif kind == "media":
        answers = Q.media_accounts(rec)
    elif kind == "people":
        answers = Q.people(rec)
    else:  # pragma: no cover - every kind of the csv is handled above
        raise UnparsedQuestion(help_text())
    answers = Q.fill_sentences(rec, _merge(answers))
    return {"question": question, "kind": kind, "lang": parsed.lang, "slots": s,
            "answers": [a.to_json() for a in answers], "sparql": rec.queries}


def _region_name(slots: dict) -> str | None:
    code = slots.get("region")
    return knowledge().regions[code].name if code else None


def _with_narrower(codes: list[str]) -> list[str]:
    """Asking about the countryside includes villages."""
    kb = knowledge()
    out = list(codes)
    for vt in kb.venue_types:
        if vt.broader in codes and vt.code not in out:
            out.append(vt.code)
    return out


def _from_acts(acts: list[dict], field_name: str | None, with_date: bool = False):
    from . import queries as Q

    pairs = []
    for a in acts:
        ev = Q._evidence_of(a)
        if field_name:
            pairs += [(x, ev, {}) for x in a[field_name]]
        if with_date and a["date"]:
            pairs.append((a["date"], ev, {"kind": "date"}))
    return Q._collect(pairs)


def _merge(answers):
    from . import queries as Q

    merged: dict[str, Q.Answer] = {}
    for a in answers:
        if a.name in merged:
            merged[a.name].evidence += [e for e in a.evidence if e not in merged[a.name].evidence]
        else:
            merged[a.name] = a
    return list(merged.values())


def _both(store: GraphStore, parsed: Parsed) -> list:
    """既…又…: the organizers common to two events."""
    from . import queries as Q

    q = unicodedata.normalize("NFKC", parsed.question)
    halves = re.split(r"又|\band the\b|\band\b", q, maxsplit=1) if parsed.lang == "en" else re.split(r"又", q, maxsplit=1)
    if len(halves) < 2:
        return []
    groups = []
    for half in halves:
        slots = extract_slots(half, parsed.lang)
        terms = slots.get("terms") or slots.get("campaigns") or []
        month = (slots.get("months") or [None])[0]
        acts = [a for a in _best_partial(store, terms) if Q._in_month(a, month)] if terms else []
        groups.append({o: a for a in acts for o in a["organizers"]})
    common = [o for o in groups[0] if all(o in g for g in groups[1:])]
    return [Q.Answer(o, [Q._evidence_of(g[o]) for g in groups]) for o in common]


def _demonstration_words(parsed: Parsed) -> list[str]:
    q = parsed.question
    m = re.search(rf"([{CJK}]{{0,12}}示范(?:村|基地|单位|社区|点))", q)
    if m:
        return [re.sub(r"^.*(为|成|获评|命名|推荐)", "", m.group(1))]
    return [t for t in parsed.slots.get("terms", []) if "示范" in t]


def _quantity_topic(parsed: Parsed) -> tuple[list[str], list[str]]:
    qualifiers = parsed.slots.get("qualifiers", [])
    if parsed.lang == "zh":
        m = re.search(rf"多少[名个所场次份篇条人家]?([{CJK}]{{2,14}})", parsed.question)
        phrase = m.group(1) if m else ""
    else:
        phrase = next((t for t in parsed.slots.get("terms", []) if "示范" in t or len(t) >= 3), "")
    for w in qualifiers + ["和", "及"]:
        phrase = phrase.replace(w, "")
    phrase = phrase.strip()
    if not phrase:
        phrase = next(iter(parsed.slots.get("terms", [])), "")
    return ([phrase] if phrase else []), qualifiers


def _problem_topic(parsed: Parsed) -> list[str]:
    scaffold = set(boundary_words("question_scaffold"))
    cited = [t for t in _quoted(parsed.question) if re.search(f"[{CJK}]", t)]
    source = cited if parsed.lang == "en" and any(t not in scaffold for t in cited) else parsed.slots.get("terms", [])
    terms = [t for t in source if t not in scaffold]
    if parsed.lang == "zh" and not terms:
        body = re.sub(r"“[^”]*”", " ", parsed.question)
        m = re.search(rf"(?:指出|提到|反映)([{CJK}]+)", body)
        if m:
            terms = [m.group(1)]
    keep = []
    for t in terms:
        rest = t
        for word in sorted(scaffold, key=len, reverse=True):
            rest = rest.replace(word, " ")
        keep += [w for w in rest.split() if len(w) >= 2] or [t]
    return list(dict.fromkeys(keep))
