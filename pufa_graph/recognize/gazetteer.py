"""Aho–Corasick dictionaries built once per process from the catalogues."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from ..knowledge import Knowledge, knowledge


class Dictionary:
    """Finds every occurrence of every surface form; a value is a list of (type, key)."""

    def __init__(self, entries: Iterable[tuple[str, str, str]]):
        import ahocorasick

        table: dict[str, list[tuple[str, str]]] = {}
        for surface, type_, key in entries:
            if surface and (type_, key) not in table.setdefault(surface, []):
                table[surface].append((type_, key))
        self._automaton = ahocorasick.Automaton()
        for surface, values in table.items():
            self._automaton.add_word(surface, (surface, values))
        self._automaton.make_automaton()
        self.size = len(table)

    def iter(self, text: str) -> Iterator[tuple[int, int, str, list[tuple[str, str]]]]:
        """(start, end, surface, [(type, key) …]) for every match, overlapping ones included."""
        if self.size == 0:
            return
        for end_index, (surface, values) in self._automaton.iter(text):
            end = end_index + 1
            yield end - len(surface), end, surface, values


def _law_surfaces(kb: Knowledge) -> Iterator[tuple[str, str, str]]:
    for law in kb.laws:
        names = {law.name, law.full_name, *law.aliases}
        if law.full_name.startswith("中华人民共和国"):
            names.add(law.full_name[len("中华人民共和国"):])
        else:
            names.add("中华人民共和国" + law.name)
        for name in names:
            yield name, "law", law.key


@lru_cache(maxsize=1)
def laws() -> Dictionary:
    return Dictionary(_law_surfaces(knowledge()))


@lru_cache(maxsize=1)
def law_stems() -> Dictionary:
    """Law names without their final 法 (未成年人保护), for topic lists that end in 法律法规."""
    return Dictionary((law.name[:-1], "law", law.key) for law in knowledge().laws
                      if law.name.endswith("法") and len(law.name) >= 5)


@lru_cache(maxsize=1)
def regions() -> Dictionary:
    kb = knowledge()
    return Dictionary((name, "region", code) for name, entries in kb.regions_by_name.items() if len(name) >= 2
                      for code in [e.code for e in entries])


@lru_cache(maxsize=4)
def region_matches(text: str) -> tuple[tuple[int, int, str, list[tuple[str, str]]], ...]:
    """Region names in a text: the region and agency recognizers both need them, so scan once."""
    return tuple(regions().iter(text))


@lru_cache(maxsize=1)
def campaigns() -> Dictionary:
    from ..knowledge import surface_key

    kb = knowledge()
    entries = []
    for c in kb.campaigns:
        for name in {c.name, *c.aliases}:
            for form in {name, surface_key(name)}:
                if len(form) >= 2:
                    entries.append((form, "campaign", c.key))
    return Dictionary(entries)


@lru_cache(maxsize=1)
def lexicon() -> Dictionary:
    """Audience groups and media channels."""
    kb = knowledge()
    entries = []
    for group in kb.groups:
        entries += [(s, "group", group.name) for s in (group.name, *group.aliases)]
    for medium in kb.media:
        entries += [(s, "media", medium.name) for s in (medium.name, *medium.aliases)]
    return Dictionary(entries)


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
