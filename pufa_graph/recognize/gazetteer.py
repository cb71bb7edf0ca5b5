"""The catalogues' names in one Aho–Corasick automaton, built once per process; each dictionary is a view of it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from ..knowledge import Knowledge, knowledge


Match = tuple[int, int, str, list[tuple[str, str]]]  # (start, end, surface, [(type, key) …])


class Catalogue:
    """Every dictionary's surface forms in one Aho–Corasick automaton, so a report is scanned once for all
    of them (five scans cost about twice one: the cost is walking the text, not the matches)."""

    def __init__(self, dictionaries: dict[str, Iterable[tuple[str, str, str]]]):
        import ahocorasick

        table: dict[str, dict[str, list[tuple[str, str]]]] = {}
        for name, entries in dictionaries.items():
            for surface, type_, key in entries:
                if surface and (type_, key) not in (values := table.setdefault(surface, {}).setdefault(name, [])):
                    values.append((type_, key))
        self.sizes = {name: sum(1 for by_name in table.values() if name in by_name) for name in dictionaries}
        self._automaton = ahocorasick.Automaton()
        for surface, by_name in table.items():
            self._automaton.add_word(surface, (len(surface), surface, tuple(by_name.items())))
        if table:
            self._automaton.make_automaton()

    def scan(self, text: str) -> dict[str, tuple[Match, ...]]:
        """Dictionary name -> its matches in ``text``, overlapping ones included, in order of their end."""
        found: dict[str, list[Match]] = {}
        if not any(self.sizes.values()):
            return {}
        for end_index, (length, surface, by_name) in self._automaton.iter(text):
            end = end_index + 1
            for name, values in by_name:
                found.setdefault(name, []).append((end - length, end, surface, values))
        return {name: tuple(matches) for name, matches in found.items()}


class Dictionary:
    """One catalogue's surface forms; a value is a list of (type, key)."""

    def __init__(self, name: str):
        self.name = name

    def iter(self, text: str) -> Iterator[Match]:
        """(start, end, surface, [(type, key) …]) for every match, overlapping ones included."""
        return iter(scan(text).get(self.name, ()))


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    kb = knowledge()
    return Catalogue({"laws": _law_surfaces(kb), "law_stems": _law_stem_surfaces(kb), "regions": _region_surfaces(kb),
                      "township_short": _township_short_surfaces(kb), "campaigns": _campaign_surfaces(kb), "lexicon": _lexicon_surfaces(kb)})


def scan(text: str) -> dict[str, tuple[Match, ...]]:
    """The catalogue's matches in a text; a report's text is scanned once for all recognizers."""
    return _scan_report(text) if len(text) > 512 else _scan_phrase(text)


@lru_cache(maxsize=4)
def _scan_report(text: str) -> dict[str, tuple[Match, ...]]:
    return catalogue().scan(text)


@lru_cache(maxsize=4096)
def _scan_phrase(text: str) -> dict[str, tuple[Match, ...]]:
    return catalogue().scan(text)


def _law_surfaces(kb: Knowledge) -> Iterator[tuple[str, str, str]]:
    for law in kb.laws:
        names = {law.name, law.full_name, *law.aliases}
        if law.full_name.startswith("中华人民共和国"):
            names.add(law.full_name[len("中华人民共和国"):])
        else:
            names.add("中华人民共和国" + law.name)
        for name in names:
            yield name, "law", law.key


def _law_stem_surfaces(kb: Knowledge) -> Iterator[tuple[str, str, str]]:
    """Law names without their final 法 (未成年人保护), for topic lists that end in 法律法规."""
    return ((law.name[:-1], "law", law.key) for law in kb.laws if law.name.endswith("法") and len(law.name) >= 5)


def _region_surfaces(kb: Knowledge) -> Iterator[tuple[str, str, str]]:
    """Provinces to counties by full and short name; townships by full name only (古市镇)."""
    yield from ((name, "region", e.code) for name, entries in kb.regions_by_name.items() if len(name) >= 2
                for e in entries)
    yield from ((name, "region", e.code) for name, entries in kb.townships_by_name.items() for e in entries)


def _township_short_surfaces(kb: Knowledge) -> Iterator[tuple[str, str, str]]:
    return ((name, "township", e.code) for name, entries in kb.townships_by_short_name.items() for e in entries)


def _campaign_surfaces(kb: Knowledge) -> Iterator[tuple[str, str, str]]:
    from ..knowledge import surface_key

    for c in kb.campaigns:
        for name in {c.name, *c.aliases}:
            for form in {name, surface_key(name)}:
                if len(form) >= 2:
                    yield form, "campaign", c.key


def _lexicon_surfaces(kb: Knowledge) -> Iterator[tuple[str, str, str]]:
    """Audience groups and media channels."""
    for group in kb.groups:
        yield from ((s, "group", group.name) for s in (group.name, *group.aliases))
    for medium in kb.media:
        yield from ((s, "media", medium.name) for s in (medium.name, *medium.aliases))


@lru_cache(maxsize=1)
def laws() -> Dictionary:
    return Dictionary("laws")


@lru_cache(maxsize=1)
def law_stems() -> Dictionary:
    return Dictionary("law_stems")


@lru_cache(maxsize=1)
def regions() -> Dictionary:
    return Dictionary("regions")


def region_matches(text: str) -> tuple[Match, ...]:
    """Region names in a text (the region and agency recognizers both read them)."""
    return scan(text).get("regions", ())


def township_short_matches(text: str) -> tuple[Match, ...]:
    """Townships' short names (古市, 大塘埠): the agency recognizer reads them before a township's body."""
    return scan(text).get("township_short", ())


@lru_cache(maxsize=1)
def campaigns() -> Dictionary:
    return Dictionary("campaigns")


@lru_cache(maxsize=1)
def lexicon() -> Dictionary:
    return Dictionary("lexicon")


@lru_cache(maxsize=1)
def campaign_keys() -> dict[str, str]:
    """surface_key(name or alias) -> campaign key, for themes written with other separators (美好生活?民法典相伴)."""
    from ..knowledge import surface_key

    table: dict[str, str] = {}
    for c in knowledge().campaigns:
        for name in (c.name, *c.aliases):
            table.setdefault(re.sub(r"[·•・?？\s]", "", surface_key(name)), c.key)
    return table


def campaign_for(text: str) -> str | None:
    """The catalogue key of a campaign written any which way, or None."""
    from ..knowledge import surface_key

    return campaign_keys().get(re.sub(r"[·•・?？\s]", "", surface_key(text)))
