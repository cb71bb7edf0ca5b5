"""User words to canonical names, through the gazetteers the ingester uses.

``law("Civil Code")``, ``law("《民法典》")`` and ``law("中华人民共和国民法典")`` all give 民法典;
``venue_type("schools")`` and ``venue_type("学校")`` give ``school``.
"""

from __future__ import annotations

import re

from .errors import PufaError
from .knowledge import knowledge, surface_key


def _fold(text: str) -> str:
    return re.sub(r"[\s'’\-_]+", " ", surface_key(text) if re.search(r"[\u4e00-\u9fff]", text) else text).strip().lower()


def law(text: str) -> str | None:
    kb = knowledge()
    key = _fold(text).removeprefix("新")
    for entry in kb.laws:
        names = {entry.name, entry.full_name, *entry.aliases, entry.english}
        if key in {_fold(n) for n in names if n} or key == _fold(entry.full_name.removeprefix("中华人民共和国")):
            return entry.name
    return None


def venue_type(text: str) -> str | None:
    kb = knowledge()
    key = _fold(text)
    for vt in kb.venue_types:
        if key in {vt.code, _fold(vt.label_zh), _fold(vt.label_en), *map(_fold, vt.english_words),
                   *map(_fold, vt.generic_words), *map(_fold, vt.named_suffixes)}:
            return vt.code
    return None


def campaign(text: str) -> str | None:
    from .recognize.gazetteer import campaign_for

    kb = knowledge()
    key = campaign_for(text)
    if key:
        return kb.campaign_by_key[key].name
    folded = _fold(text)
    for c in kb.campaigns:
        if folded == _fold(c.english):
            return c.name
    # Constitution Day for National Constitution Day: the words end an English name, and only one
    within = [c for c in kb.campaigns if c.english and re.search(rf"(^|\s){re.escape(folded)}$", _fold(c.english))]
    return within[0].name if len(within) == 1 else None


def group(text: str) -> str | None:
    kb = knowledge()
    key = _fold(text)
    for g in kb.groups:
        if key in {_fold(g.name), *map(_fold, g.aliases), *map(_fold, g.english)}:
            return g.name
    return None


# -- filters of the named queries: a word the tool does not know is an error that names it -----------------

class UnknownName(PufaError):
    """A word given for a filter that names nothing the catalogues or the stored reports know."""

    def __init__(self, kind: str, word: str, suggestions: list[str], known: list[str] | None = None):
        """``known``: for a short closed list (venue types), every value, said when none is close."""
        self.kind, self.word, self.suggestions = kind, word, suggestions or []
        if suggestions:
            hint = f"; did you mean {' or '.join(suggestions)}?"
        else:
            hint = f"; the known ones: {'、'.join(known)}" if known else ""
        super().__init__(f"{word}: no {kind.replace('_', ' ')} of that name in the catalogues or the stored reports{hint}")

    def to_json(self) -> dict:
        return {"kind": self.kind, "word": self.word, "message": str(self), "suggestions": self.suggestions}


def _closest(word: str, candidates, n: int = 3) -> list[str]:
    """The known names nearest ``word`` (民法点 -> 民法典), by characters in common and in order."""
    from difflib import SequenceMatcher
    from os.path import commonprefix

    def closeness(candidate: str) -> tuple[float, float]:
        ratio = SequenceMatcher(None, word, candidate).ratio()
        return ratio + len(commonprefix([word, candidate])) / (10 * max(len(word), 1)), ratio

    scored = sorted(((closeness(c), c) for c in {c for c in candidates if c}), reverse=True)
    return [c for (score, ratio), c in scored if ratio >= 0.5][:n]


def _stored_labels(store, class_name: str, word: str | None = None) -> list[str]:
    """With ``word``: whether a stored entity of the class has it as name or surface form (a quick check);
    without: the canonical names, to suggest from."""
    from .sparql import literal
    from .store.base import ENTITIES, PROLOGUE

    if word is None:
        pattern, tail = "rdfs:label ?name .", ""
    else:
        pattern, tail = f"rdfs:label|skos:altLabel ?name . FILTER(STR(?name) = {literal(word)})", "LIMIT 1"
    rows = store.query(PROLOGUE + f"""SELECT DISTINCT ?name WHERE {{ GRAPH {ENTITIES} {{
        ?e a pufa:{class_name} ; {pattern} }} }} {tail}""")
    return [r["name"] for r in rows]


def law_filter(store, word: str) -> str:
    """A law's canonical name from any of its names, or a law the reports name by its title."""
    name = law(word)
    if name or _stored_labels(store, "Law", word.strip("《》")):
        return name or word.strip("《》")
    kb = knowledge()
    raise UnknownName("law", word, _closest(word, [n for e in kb.laws for n in (e.name, *e.aliases)]
                                          + _stored_labels(store, "Law")))


def agency_filter(store, word: str) -> str:
    if _stored_labels(store, "Agency", word):
        return word
    raise UnknownName("agency", word, _closest(word, _stored_labels(store, "Agency")))


#: the venue type of places no other type covers: a filter asks for it by its own name only
OTHER_VENUE = "other"


def venue_type_filter(word: str) -> str:
    """A venue type's code from any of its words. A place that only falls under ``other`` (火车站) is
    not a kind the reports' activities are told apart by: filtering by ``other`` would answer for every
    such place, so it is an error that names the kinds there are."""
    code = venue_type(word)
    kb = knowledge()
    if code and (code != OTHER_VENUE or _fold(word) in {_fold(n) for vt in kb.venue_types if vt.code == OTHER_VENUE
                                                         for n in (vt.code, vt.label_zh, vt.label_en)}):
        return code
    raise UnknownName("venue_type", word, _closest(word, [n for vt in kb.venue_types
                                                          for n in (vt.code, vt.label_zh, vt.label_en)]),
                      known=[vt.label_zh for vt in kb.venue_types])


def campaign_filter(store, word: str) -> str:
    name = campaign(word)
    if name or _stored_labels(store, "Campaign", word):
        return name or word
    kb = knowledge()
    raise UnknownName("campaign", word, _closest(word, [n for c in kb.campaigns for n in (c.name, c.english)]
                                               + _stored_labels(store, "Campaign")))


def region_filter(store, word: str) -> str:
    """A region filter matches any part of a stored report's region: it must name a region or be part of one."""
    from .store.base import ENTITIES, PROLOGUE

    kb = knowledge()
    stored = [r["name"] for r in store.query(PROLOGUE + f"""SELECT DISTINCT ?name WHERE {{
        GRAPH ?g {{ ?d a pufa:Report ; pufa:region ?r }} GRAPH {ENTITIES} {{ ?r rdfs:label ?name }} }}""")]
    if any(word in name for name in stored):
        return word
    for region in kb.regions_by_name.get(word, []):  # 巴州 -> 巴音郭楞蒙古自治州, as report regions are written
        if any(region.name in name for name in stored):
            return region.name
    if word in kb.regions_by_name:
        return kb.regions_by_name[word][0].name
    raise UnknownName("region", word, _closest(word, [*kb.regions_by_name, *stored]))


def reports_named(docs: list, key: str) -> list:
    """The stored reports a user's word names: the one whose id or file name it is, else those whose id
    starts with it (``docs``: ``store.documents()`` or ``store.report_names()``)."""
    return [d for d in docs if d.id == key or d.source == key] or [d for d in docs if d.id.startswith(key)]


def report_filter(store, word: str) -> str:
    """A report's full id from its id, an id prefix or its file name, as ``pufa docs`` lists them; a word
    that names none, or several, is an error (a filter that silently matched nothing would read as
    "no facts")."""
    key = word.strip()
    found = reports_named(store.report_names(key), key)
    if len(found) == 1:
        return found[0].id
    if found:
        raise PufaError(f"{word}: {len(found)} reports have ids starting so; give more of the id "
                        f"({', '.join(d.id for d in found[:4])}{' …' if len(found) > 4 else ''})")
    docs = store.report_names()
    raise UnknownName("report", word, _closest(word, [d.id for d in docs] + [d.source for d in docs if d.source]))
