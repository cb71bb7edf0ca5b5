"""User words to canonical names, through the gazetteers the ingester uses.

``law("Civil Code")``, ``law("《民法典》")`` and ``law("中华人民共和国民法典")`` all give 民法典;
``venue_type("schools")`` and ``venue_type("学校")`` give ``school``.
"""

from __future__ import annotations

import re

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
    return None


def group(text: str) -> str | None:
    kb = knowledge()
    key = _fold(text)
    for g in kb.groups:
        if key in {_fold(g.name), *map(_fold, g.aliases), *map(_fold, g.english)}:
            return g.name
    return None
