"""Questions in Chinese or English -> (answer type, slots) -> a named query -> answers with evidence.

Parsing lives in ``question`` (slots first, then the answer type, then the kind); here every slot
constrains the answer: the activities a question is about are those that fit all of its slots (law,
agency, kind of place, region, year, months, planned, audience, event words), and the answer is read
from them. Nothing here knows particular questions.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from . import lookup
from .errors import PufaError
from .knowledge import boundary_words, knowledge
from .question import CJK, Parsed, UnparsedQuestion, help_text, quoted
from .question import parse as parse_question
from .store.base import GraphStore

__all__ = ["Parsed", "UnparsedQuestion", "answer", "parse", "help_text"]


def parse(question: str, store: GraphStore | None = None) -> Parsed:
    """The question's kind and slots; with a store, a place name several regions share is read as
    the one its reports are about."""
    return parse_question(question, (lambda: known_regions(store)) if store is not None else None)


def known_regions(store: GraphStore) -> Counter:
    """Region codes of the stored reports and agencies, by how many reports and agencies have them
    (a region's IRI ends in its code: no join needed, which on 10,000 reports is most of the time)."""
    from .store.base import ENTITIES, PROLOGUE

    rows = store.query(PROLOGUE + f"""SELECT ?r (COUNT(*) AS ?n) WHERE {{
        {{ GRAPH ?g {{ ?d pufa:region ?r }} }} UNION {{ GRAPH {ENTITIES} {{ ?a pufa:jurisdiction ?r }} }} }} GROUP BY ?r""")
    return Counter({region_code(r["r"]): int(r["n"]) for r in rows})


def region_code(iri: str) -> str:
    """The GB/T 2260 code of a region's IRI (…/id/region/450206)."""
    return iri.rsplit("/", 1)[-1]


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


# -- the activities a question is about -------------------------------------------------------

@lru_cache(maxsize=1024)
def _parts(term: str) -> tuple[str, ...]:
    """An event named by its parts: 利剑护蕾行动 is 利剑护蕾 + 行动, so it matches “利剑护蕾”专项行动."""
    from .queries import _squash as squash

    pieces = [squash(term)]
    for word in sorted(boundary_words("event_word"), key=len, reverse=True):
        pieces = [bit for piece in pieces for bit in _split_keep(piece, word)]
    return tuple(p for p in pieces if len(p) >= 2)


def _split_keep(text: str, word: str) -> list[str]:
    if word not in text or text == word:
        return [text]
    out = []
    for i, bit in enumerate(text.split(word)):
        if i:
            out.append(word)
        if bit:
            out.append(bit)
    return out


def _haystack(a: dict) -> str:
    from .queries import _squash as squash

    return "|".join([squash((a["evidence"] or {}).get("text", "")), squash("|".join(a["campaigns"])),
                     squash("|".join(a["organizers"])), squash("|".join(a["venues"]))])


def _fits(a: dict, term: str) -> bool:
    hay = _haystack(a)
    return all(part in hay for part in _parts(term))


def best_matching(acts: list[dict], terms: list[str], campaigns: list[str] = (),
                  titles: dict[str, str] | None = None) -> list[dict]:
    """The activities that fit every event word and campaign; else those that fit the most (none when
    nothing fits). An activity fits what its report's title names (titles: doc id -> title)."""
    from .queries import _squash as squash

    wanted = [("term", t) for t in terms] + [("campaign", c) for c in campaigns if not any(c in t for t in terms)]
    if not wanted:
        return acts
    titles = titles or {}

    def fit(a: dict) -> int:
        title = squash(titles.get(a["doc"], ""))
        return sum(1 for what, t in wanted if (what == "campaign" and (t in a["campaigns"] or squash(t) in title))
                   or _fits(a, t) or (title and all(p in title for p in _parts(t))))

    scored = [(fit(a), a) for a in acts]
    best = max((n for n, _ in scored), default=0)
    return [a for n, a in scored if n == best and n > 0]


def question_activities(store: GraphStore, s: dict, *, by_law: bool = True, by_agency: bool = True,
                        by_events: bool = True) -> list[dict]:
    """The activities that fit the question's slots. Law, agency, kind of place and year filter in the
    query; region, months, audiences, planned and the event words are read from each activity."""
    from .queries import find_activities

    laws = s.get("laws") if by_law and s.get("laws") else [None]
    agency = s.get("agency") if by_agency else None
    groups = set(s.get("groups", []))
    venue_types = _with_narrower(s.get("venue_types", []))
    acts: dict[str, dict] = {}
    for law in laws:
        for vt in venue_types or [None]:
            for a in find_activities(store, law=law, agency=agency, venue_type=vt, year=s.get("year")):
                acts[a["id"]] = a
        if venue_types and groups:  # 到农村/农民群众中: a kind of place and an audience are alternatives
            for a in find_activities(store, law=law, agency=agency, year=s.get("year")):
                if groups & set(a["audiences"]):
                    acts[a["id"]] = a
    found = _in_region(store, list(acts.values()), s.get("region"))
    if s.get("months"):
        found = [a for a in found if not a["date"] or int(a["date"][5:7]) in s["months"]]
    if groups and not venue_types:
        found = _preferred(found, lambda a: bool(groups & set(a["audiences"])))
    if s.get("planned"):
        found = _preferred(found, lambda a: a["planned"])
    if by_events and (s.get("terms") or s.get("campaigns")):
        found = best_matching(found, s.get("terms", []), s.get("campaigns", []), _doc_titles(store))
    return found


def _doc_titles(store: GraphStore) -> dict[str, str]:
    from .store.base import PROLOGUE

    rows = store.query(PROLOGUE + """SELECT ?docid ?title WHERE { GRAPH ?g {
        ?d a pufa:Report ; pufa:docId ?docid ; dcterms:title ?title } }""")
    return {r["docid"]: r["title"] for r in rows}


def _preferred(acts: list[dict], test) -> list[dict]:
    """The activities that pass ``test``, or all when none does (a slot the reports never mark
    does not empty the answer)."""
    passing = [a for a in acts if test(a)]
    return passing or acts


def _doc_regions(store: GraphStore) -> dict[str, str]:
    from .store.base import PROLOGUE

    rows = store.query(PROLOGUE + """SELECT ?docid ?r WHERE { GRAPH ?g {
        ?d a pufa:Report ; pufa:docId ?docid ; pufa:region ?r } }""")
    return {r["docid"]: region_code(r["r"]) for r in rows}


def _significant(code: str) -> str:
    """A division code without its empty levels: 520000 -> 52, 520300 -> 5203, 130433102 stays."""
    if len(code) == 6 and code.endswith("0000"):
        return code[:2]
    if len(code) == 6 and code.endswith("00"):
        return code[:4]
    return code


def _in_region(store: GraphStore, acts: list[dict], region: str | None) -> list[dict]:
    """Activities of reports whose region is the question's, inside it, or (for a township) around it
    where the activity names the township."""
    if not region:
        return acts
    within = _region_test(store, region)
    return [a for a in acts if within(a["doc"], _haystack(a))]


def _region_test(store: GraphStore, region: str):
    kb = knowledge()
    doc_code = _doc_regions(store)
    want = _significant(region)
    entry = kb.regions[region]
    names = [n for n in (entry.name, *entry.short_names) if len(n) >= 2]

    def within(doc: str, text: str) -> bool:
        code = doc_code.get(doc)
        if not code:
            return False
        have = _significant(code)
        if have.startswith(want):
            return True
        return want.startswith(have) and any(n in text for n in names)

    return within


def _answers_in_region(store: GraphStore, answers: list, region: str | None) -> list:
    """Answers keep the evidence of the question's region only; one with none left is dropped."""
    if not region:
        return answers
    within = _region_test(store, region)
    from .queries import _squash as squash

    kept = []
    for a in answers:
        a.evidence = [e for e in a.evidence if within(e.get("doc"), squash(e.get("text") or "") + squash(a.name))]
        if a.evidence:
            kept.append(a)
    return kept


# -- answering ---------------------------------------------------------------------------------

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


#: the slots that ``question_activities`` reads; a question with only these is one query of the index
INDEX_SLOTS = {"laws", "venue_types", "region", "year"}


def answer(store: GraphStore, question: str) -> dict:
    rec = RecordingStore(store)
    parsed = parse(question, rec)
    unknown_law(store, parsed)
    if parsed.kind is None:
        raise UnparsedQuestion(question)
    answers = _merge(ANSWERERS[parsed.kind](rec, parsed))
    from . import queries as Q

    answers = Q.fill_sentences(rec, answers)
    return {"question": question, "kind": parsed.kind, "lang": parsed.lang, "slots": parsed.slots,
            "answer_types": parsed.answer_types, "answers": [a.to_json() for a in answers], "sparql": rec.queries}


def _who_promoted(store: GraphStore, parsed: Parsed) -> list:
    from . import queries as Q

    s = parsed.slots
    if set(s) - {"qualifiers", "level"} <= INDEX_SLOTS:  # the flagship question: one query (or the answer index)
        answers = []
        for law in s["laws"]:
            for vt in _with_narrower(s.get("venue_types", [])) or [None]:
                answers += Q.who_promoted(store, law, venue_type=vt, region=None, year=s.get("year"))
        return _answers_in_region(store, _merge(answers), s.get("region"))
    return _from_acts(question_activities(store, s), "organizers")


#: a question that asks who hosted, ran or assisted an event asks about the activity that names its hosts
HOST_WORDS = re.compile(r"主办|承办|协办|\bhost(?:s|ed)?\b|\bundert(?:ook|akes?)\b|co-?organi[sz]ed|\bassisted\b", re.I)


def _co_organizers(store: GraphStore, parsed: Parsed) -> list:
    s = parsed.slots
    acts = question_activities(store, s, by_law=False)
    if HOST_WORDS.search(parsed.question):
        acts = _preferred(acts, lambda a: bool({"主办", "承办", "协办"} & set(a["roles"])))
    return _from_acts(acts, "organizers", with_date="time" in parsed.answer_types)


def _campaign(store: GraphStore, parsed: Parsed) -> list:
    return _from_acts(question_activities(store, parsed.slots), "organizers")


def _agencies_of_kind(store: GraphStore, parsed: Parsed) -> list:
    from . import queries as Q

    return _answers_in_region(store, Q.agencies_of_kind(store, parsed.slots["agency_kinds"]),
                              parsed.slots.get("region"))


def _laws_of(store: GraphStore, parsed: Parsed) -> list:
    """Laws of the activities the question is about (an agency's, an event's, a kind of place's)."""
    return _from_acts(question_activities(store, parsed.slots, by_law=False), "laws")


def _where_when(store: GraphStore, parsed: Parsed) -> list:
    from . import queries as Q

    s = parsed.slots
    acts = question_activities(store, s)
    wants = set(parsed.answer_types)
    answers = _from_acts(acts, "venues" if "place" in wants else None, with_date="time" in wants)
    if "person" in wants:
        answers += [Q.Answer(p, [Q._evidence_of(a)]) for a in acts for p in Q._persons_of(store, a["id"])]
    return answers


def _audiences(store: GraphStore, parsed: Parsed) -> list:
    return _from_acts(question_activities(store, parsed.slots, by_law=False), "audiences")


def _lead_units(store: GraphStore, parsed: Parsed) -> list:
    from . import queries as Q

    s = dict(parsed.slots, planned=True)
    acts = [a for a in question_activities(store, s, by_law=False) if a["planned"]]
    pairs = [(u, Q._evidence_of(a), {}) for a in acts for u in (a["lead_units"] or a["organizers"])]
    return Q._collect(pairs)


def _quantity(store: GraphStore, parsed: Parsed) -> list:
    """Numbers about the topic; of the activities the question names, when it names any."""
    from . import queries as Q

    s = parsed.slots
    topic, qualifiers = _quantity_topic(parsed)
    names_activities = any(s.get(k) for k in ("campaigns", "agency", "region", "venue_types", "groups")) or \
        any(t not in topic for t in s.get("terms", []))
    if names_activities:
        acts = question_activities(store, s, by_law=False)
        pairs = []
        for a in acts:
            for q in a["quantities"]:
                if _quantity_fits(q, topic, qualifiers):
                    pairs.append((_shown(q), Q._evidence_of(a), {"what": q["what"], "as_written": q["text"]}))
        if pairs:
            return Q._collect(pairs)
    return _answers_in_region(store, Q.quantities_for(store, topic, qualifiers), s.get("region"))


def _quantity_fits(q: dict, topic: list[str], qualifiers: list[str]) -> bool:
    from .queries import _squash as squash

    what = squash(q["what"]) + squash(q["unit"])
    if topic and not all(_core(t) in what for t in topic):
        return False
    return not qualifiers or any(w in what for w in qualifiers)


def _core(topic: str) -> str:
    """A quantity's topic without the measure word a question puts before it (份宣传资料 -> 宣传资料)."""
    return re.sub(r"^[名个所场次份篇条人家期批]", "", topic)


def _shown(q: dict) -> str:
    value = q["value"]
    return str(value) + ("%" if q["unit"] == "%" else "")


def _designations(store: GraphStore, parsed: Parsed) -> list:
    from . import queries as Q

    s = parsed.slots
    title = [t for t in s.get("terms", []) if "示范" in t] or [w for w in _demonstration_words(parsed) if w]
    designee = "Village" if "village" in parsed.answer_types else None
    answers = Q.designations(store, [_title_core(t) for t in title[:1]], level=s.get("level"),
                             designee_type=designee, batch=s.get("batch"), year=s.get("year"))
    if s.get("planned"):  # 拟推荐: the titles proposed, not yet conferred
        answers = [a for a in answers if any(re.search(PROPOSED, e.get("text") or "") for e in a.evidence)] or answers
    return _answers_in_region(store, answers, s.get("region"))


#: a designation's sentence that proposes rather than confers
PROPOSED = r"拟|推荐|候选|公示|参评"


def _title_core(title: str) -> str:
    """A title as questions write it, without the words before it and the level and batch words the
    slots carry (入选了第九批全国民主法治示范村（社区） -> 民主法治示范村)."""
    core = re.sub(r"[（(][^）)]*[）)]", "", title)
    return re.sub(r"^.*(?:第\s*[\d一二三四五六七八九十]+\s*批|全国|国家级|级|年度|\d{4}年|了|的|为|是|被|选)", "", core)


def _culture_sites(store: GraphStore, parsed: Parsed) -> list:
    from . import queries as Q

    return Q.culture_sites(store)


def _media(store: GraphStore, parsed: Parsed) -> list:
    from . import queries as Q

    return Q.media_accounts(store)


def _people(store: GraphStore, parsed: Parsed) -> list:
    from . import queries as Q

    return Q.people(store)


def _problems(store: GraphStore, parsed: Parsed) -> list:
    from . import queries as Q

    return Q.problems(store, _problem_topic(parsed))


def _joint_levels(store: GraphStore, parsed: Parsed) -> list:
    from . import queries as Q

    return Q.joint_across_levels(store, (parsed.slots.get("agency_kinds") or ["justice"])[0])


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
    from .question import extract_slots

    q = unicodedata.normalize("NFKC", parsed.question)
    halves = re.split(r"又|\band the\b|\band\b", q, maxsplit=1) if parsed.lang == "en" else re.split(r"又", q, maxsplit=1)
    if len(halves) < 2:
        return []
    groups = []
    for half in halves:
        slots = extract_slots(half, parsed.lang)
        terms = slots.get("terms") or slots.get("campaigns") or []
        month = (slots.get("months") or [None])[0]
        acts = [a for a in best_matching(Q.find_activities(store), terms) if Q._in_month(a, month)] if terms else []
        groups.append({o: a for a in acts for o in a["organizers"]})
    common = [o for o in groups[0] if all(o in g for g in groups[1:])]
    return [Q.Answer(o, [Q._evidence_of(g[o]) for g in groups]) for o in common]


ANSWERERS = {
    "who_promoted": _who_promoted, "co_organizers": _co_organizers, "campaign": _campaign,
    "agencies_of_kind": _agencies_of_kind, "laws_by_agency": _laws_of, "laws_of_event": _laws_of,
    "laws_at": _laws_of, "where_when": _where_when, "audiences": _audiences, "lead_units": _lead_units,
    "quantity": _quantity, "designations": _designations, "culture_sites": _culture_sites, "media": _media,
    "people": _people, "problems": _problems, "joint_levels": _joint_levels, "both": _both,
}


def _demonstration_words(parsed: Parsed) -> list[str]:
    q = parsed.question
    m = re.search(rf"([{CJK}]{{0,12}}示范(?:村|基地|单位|社区|点))", q)
    if m:
        return [re.sub(r"^.*(为|成|获评|命名|推荐|是|选|入选了|参评)", "", m.group(1))]
    return [t for t in parsed.slots.get("terms", []) if "示范" in t]


def _quantity_topic(parsed: Parsed) -> tuple[list[str], list[str]]:
    qualifiers = parsed.slots.get("qualifiers", [])
    if parsed.lang == "zh":
        m = re.search(rf"(?:多少|(?<!哪)几)[名个所场次份篇条人家期]?([{CJK}]{{2,14}})", parsed.question)
        phrase = m.group(1) if m else ""
    else:  # the first of the glossary's words after "how many" that is not a level (municipal-level)
        from .question import _translated

        q = unicodedata.normalize("NFKC", parsed.question)
        asked = re.search(r"\bhow (?:many|much)\b|\bnumber of\b|\bcoverage\b", q, re.I)
        after = [w for s, _e, w in _translated(q) if asked and s >= asked.start() and w not in qualifiers]
        phrase = next(iter(after), "") or next((t for t in parsed.slots.get("terms", [])
                                                if "示范" in t or len(t) >= 3), "")
    for w in qualifiers + ["和", "及"]:
        phrase = phrase.replace(w, "")
    phrase = phrase.strip()
    if not phrase:
        phrase = next(iter(parsed.slots.get("terms", [])), "")
    return ([phrase] if phrase else []), qualifiers


def _problem_topic(parsed: Parsed) -> list[str]:
    scaffold = set(boundary_words("question_scaffold"))
    cited = [t for t in quoted(parsed.question) if re.search(f"[{CJK}]", t)]
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
