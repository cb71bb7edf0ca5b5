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
                      "campaigns": _campaign_surfaces(kb), "lexicon": _lexicon_surfaces(kb)})


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
    """Provinces to counties by full and short name (townships have an index of their own)."""
    return ((name, "region", e.code) for name, entries in kb.regions_by_name.items() if len(name) >= 2
            for e in entries)


class TownshipIndex:
    """The 38,000 townships by full name (古市镇) and short name (古市), apart from the catalogue. Full names
    are found anywhere: in a question or a title name by name (three or more characters); in a report's text,
    and in any text once a report is read, at each character that ends a full name (镇, 乡, 道 …). A short
    name is only looked up where a township's own body follows it (古市|派出所): 2-character short names are
    everywhere in any text."""

    def __init__(self, kb: Knowledge):
        self.full, self.short = kb.township_names  # name -> codes
        self.longest = max(map(len, (*self.full, *self.short)))
        #: the last characters of the full names (镇, 乡, 道 …): a full name can end only there
        self.endings = re.compile("[" + "".join(map(re.escape, sorted({name[-1] for name in self.full}))) + "]")
        self._automaton = None
        self._reports_read = False  # since the first report, phrases are read as reports are

    def full_matches(self, text: str) -> tuple[Match, ...]:
        """Townships named in full in ``text``, in order of their end."""
        if len(text) <= 512 and not self._reports_read:  # a question: names of three or more characters
            return self.full_by_name(text)
        self._reports_read = True
        return self.full_by_ending(text)

    def full_by_name(self, text: str) -> tuple[Match, ...]:
        found: list[Match] = []
        for end in range(1, len(text) + 1):
            for n in range(min(end, self.longest), 2, -1):
                surface = text[end - n:end]
                if surface in self.full:
                    found.append((end - n, end, surface, [("region", c) for c in self.full[surface]]))
        return tuple(found)

    def full_by_automaton(self, text: str) -> tuple[Match, ...]:
        return tuple((end + 1 - len(surface), end + 1, surface, [("region", c) for c in self.full[surface]])
                     for end, surface in self.automaton().iter(text))

    def full_by_ending(self, text: str) -> tuple[Match, ...]:
        """What :meth:`full_by_automaton` finds, in its order (by end, longest first), looked up only where
        a full name may end: one character in a hundred of a report. Walking the 38,000-name automaton
        over every character cost seven times as much."""
        found: list[Match] = []
        full = self.full
        for ending in self.endings.finditer(text):
            end = ending.end()
            for n in range(min(end, self.longest), 0, -1):
                surface = text[end - n:end]
                if surface in full:
                    found.append((end - n, end, surface, [("region", c) for c in full[surface]]))
        return tuple(found)

    def short_ending(self, text: str, pos: int) -> list[tuple[int, str, list[str]]]:
        """Short names that end right before ``pos``, longest first: (start, surface, codes)."""
        out = []
        for n in range(min(pos, self.longest), 1, -1):
            surface = text[pos - n:pos]
            if surface in self.short:
                out.append((pos - n, surface, list(self.short[surface])))
        return out

    def names_a_township(self, text: str) -> bool:
        """Some part of ``text`` is a township's full or short name (古市, 城头山): a proper place word."""
        return any(text[i:j] in self.full or text[i:j] in self.short
                   for i in range(len(text)) for j in range(i + 2, min(len(text), i + self.longest) + 1))

    def automaton(self):
        if self._automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for name in self.full:
                automaton.add_word(name, name)
            automaton.make_automaton()
            self._automaton = automaton
            self._reports_read = True
        return self._automaton


@lru_cache(maxsize=1)
def townships() -> TownshipIndex:
    return TownshipIndex(knowledge())


#: the last character of every township's full name (镇, 乡, 街道, 苏木, 区公所): a text without one names
#: no township, and a question need not load them (tests/test_townships.py holds the file to it)
TOWNSHIP_ENDINGS = frozenset("镇乡道木所")


def _township_full_matches(text: str) -> tuple[Match, ...]:
    if not TOWNSHIP_ENDINGS.intersection(text):
        return ()
    return townships().full_matches(text)


_townships_in_report = lru_cache(maxsize=4)(_township_full_matches)
_townships_in_phrase = lru_cache(maxsize=4096)(_township_full_matches)


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


class RegionDictionary(Dictionary):
    """Regions by name: the catalogue's provinces to counties, and townships by full name (古市镇)."""

    def iter(self, text: str) -> Iterator[Match]:
        return iter(region_matches(text))


@lru_cache(maxsize=1)
def regions() -> Dictionary:
    return RegionDictionary("regions")


def region_matches(text: str) -> tuple[Match, ...]:
    """Region names in a text (the region and agency recognizers both read them), in order of their end."""
    return _region_matches_report(text) if len(text) > 512 else _region_matches_phrase(text)


def _region_matches(text: str) -> tuple[Match, ...]:
    townships_named = _townships_in_report(text) if len(text) > 512 else _townships_in_phrase(text)
    matches = scan(text).get("regions", ()) + townships_named
    return tuple(sorted(matches, key=lambda m: m[1]))


_region_matches_report = lru_cache(maxsize=4)(_region_matches)
_region_matches_phrase = lru_cache(maxsize=4096)(_region_matches)


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
