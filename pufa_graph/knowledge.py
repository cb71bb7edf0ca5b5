"""The ontology/ folder: catalogues loaded once per process, from one place.

In a source checkout the folder is ``ontology/`` at the top of the repository;
installed, it is the package ``pufa_graph.ontology``.
"""

from __future__ import annotations

import functools

import csv
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def ontology_dir() -> Path:
    """$PUFA_ONTOLOGY (your own catalogues), else the checkout's ontology/, else the installed copy."""
    import os

    if os.environ.get("PUFA_ONTOLOGY"):
        return Path(os.environ["PUFA_ONTOLOGY"])
    here = Path(__file__).resolve().parent
    checkout = here.parent / "ontology"
    if (checkout / "portal.csv").exists():
        return checkout
    from importlib.resources import files

    return Path(str(files("pufa_graph.ontology")))


def read_csv(name: str) -> list[dict[str, str]]:
    """A catalogue's rows; a row with more cells than the header (an unquoted comma) is an error that says where."""
    from .errors import PufaError

    path = ontology_dir() / name
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = []
        for row in reader:
            if None in row:
                raise PufaError(f"{path}: line {reader.line_num} has more cells than the header "
                                "(quote a cell that holds a comma)")
            rows.append({k: (v or "").strip() for k, v in row.items()})
        return rows


def _read_townships() -> list[list[str]]:
    """townships.csv (38,000 rows, no quoted cells: the tool writes none) read without csv's per-cell cost."""
    from .errors import PufaError

    path = ontology_dir() / "townships.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split(",") != ["code", "name", "short_names", "county_code"]:
        raise PufaError(f"{path}: the header must be code,name,short_names,county_code")
    rows = [line.split(",") for line in lines[1:] if line]
    for number, row in enumerate(rows, start=2):
        if len(row) != 4:
            raise PufaError(f"{path}: line {number} has {len(row)} cells, not 4")
    return rows


@lru_cache(maxsize=None)
def boundary_words(role: str) -> tuple[str, ...]:
    """The words of one role in ontology/boundaries.csv, in file order."""
    return tuple(r["word"] for r in _boundary_rows() if r["role"] == role)


@lru_cache(maxsize=1)
def _boundary_rows() -> tuple[dict[str, str], ...]:
    return tuple(read_csv("boundaries.csv"))


def word_alternation(words) -> re.Pattern:
    """Any of the words, longest first, so that 领导小组 wins over 小组 where both match."""
    return re.compile("|".join(sorted(map(re.escape, set(words)), key=len, reverse=True)))


def read_words(name: str) -> list[str]:
    """A whitespace-separated word list; lines starting with # are comments."""
    text = (ontology_dir() / name).read_text(encoding="utf-8")
    return [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]


def spaced(label: str) -> str:
    """A label that portals may print with spaces between its characters (索 引 号)."""
    return r"\s*".join(re.escape(ch) for ch in label)


@dataclass(frozen=True)
class PortalRules:
    """How to recognise page chrome and disclosure fields on government portals."""

    field_label: re.Pattern  # any known label followed by a colon
    head_only: frozenset[str]  # labels trusted only near the top of a page
    field_of: dict[str, str]  # label -> metadata field ('' = ignore)
    drop_line: re.Pattern
    drop_inline: re.Pattern
    chrome_class: re.Pattern  # an HTML element whose class or id holds one of these words is page chrome


@lru_cache(maxsize=1)
def portal_rules() -> PortalRules:
    rows = read_csv("portal.csv")
    fields = [r for r in rows if r["kind"] == "field"]
    labels = sorted((r["pattern"] for r in fields), key=len, reverse=True)
    label_re = re.compile("(" + "|".join(spaced(lab) for lab in labels) + r")\s*[:：]")
    return PortalRules(
        field_label=label_re,
        head_only=frozenset(r["pattern"] for r in fields if r["zone"] == "head"),
        field_of={r["pattern"]: r["field"] for r in fields},
        drop_line=re.compile("|".join(f"(?:{r['pattern']})" for r in rows if r["kind"] == "line")),
        drop_inline=re.compile("|".join(f"(?:{r['pattern']})" for r in rows if r["kind"] == "inline")),
        chrome_class=re.compile(r"(^|[-_\s])(" + "|".join(r["pattern"] for r in rows if r["kind"] == "chrome_class")
                                + r")([-_\s]|$)", re.I),
    )


def split_multi(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()] if cell else []


_QUOTES = str.maketrans("", "", "《》〈〉“”\"'‘’「」『』")


def surface_key(text: str) -> str:
    """How gazetteer surfaces are compared: no quotes or book-title marks, no spaces, ASCII width."""
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_QUOTES))


@dataclass(frozen=True)
class LawEntry:
    key: str
    name: str
    full_name: str
    level: str
    aliases: tuple[str, ...]
    english: str


@dataclass(frozen=True)
class CampaignEntry:
    key: str
    name: str
    kind: str
    month: int | None
    day: int | None
    first_year: int | None
    last_year: int | None
    aliases: tuple[str, ...]
    english: str


@dataclass(frozen=True)
class RegionEntry:
    code: str
    name: str
    short_names: tuple[str, ...]
    level: str  # province | city | county | township
    parent: str | None


@dataclass(frozen=True)
class AgencyBody:
    pattern: str
    kind: str
    canonical: str
    prefix: str
    english: str
    level: str = ""  # township: a body of a 乡, 镇 or 街道 (司法所, 派出所), which a township's short name may prefix
    venue_type: str = ""  # a body that is also a place (人民医院: hospital): a venue where the text goes there


@dataclass(frozen=True)
class OrganizerRole:
    """A word that says what part the bodies beside it play: 主办 after them, 联合 before them."""

    word: str
    role: str  # the role as the conventions name it: 主办, 承办, 协办, 牵头, 参与, 配合, 联合, 会同, 指导
    prop: str  # the RDF property (pufa:host …)
    organizes: bool
    position: str  # after | before


@dataclass(frozen=True)
class VenueTypeEntry:
    code: str
    label_zh: str
    label_en: str
    named_suffixes: tuple[str, ...]
    generic_words: tuple[str, ...]
    english_words: tuple[str, ...]
    broader: str = ""
    #: the kind of place an activity reports for it, in the conventions' coarser set (文化礼堂 cultural_site ->
    #: other); "" = itself, "-" = none (家庭 names an audience's home, not a place the activity went)
    reported_as: str = ""


@dataclass(frozen=True)
class NamedEntry:
    """A gazetteer row with a canonical name, aliases and English names (groups, media, forms)."""

    name: str
    aliases: tuple[str, ...]
    english: tuple[str, ...]
    code: str = ""


def _int(cell: str) -> int | None:
    return int(cell) if cell and cell.strip().isdigit() else None


class Regions(dict):
    """Regions by code; a township's entry is made when first asked for (its code comes from
    ``Knowledge.township_names``, which reads the townships)."""

    def __init__(self, regions: dict[str, RegionEntry]):
        super().__init__(regions)
        self.townships: dict[str, list[str]] = {}  # code -> its townships.csv row, once they are read

    def __missing__(self, code: str) -> RegionEntry:
        row = self.townships.get(code)
        if row is None:
            raise KeyError(code)
        entry = self[code] = RegionEntry(row[0], row[1], tuple(row[2].split("|")) if row[2] else (), "township",
                                         row[3])
        return entry

    def get(self, code, default=None):
        try:
            return self[code]
        except KeyError:
            return default

    def __contains__(self, code) -> bool:
        return dict.__contains__(self, code) or code in self.townships


class Knowledge:
    """Every catalogue of ontology/, loaded once per process."""

    def __init__(self) -> None:
        self.laws = [LawEntry(r["key"], r["name"], r["full_name"], r["level"], tuple(split_multi(r["aliases"])),
                              r["english"]) for r in read_csv("laws.csv")]
        self.campaigns = [CampaignEntry(r["key"], r["name"], r["kind"], _int(r["month"]), _int(r["day"]),
                                        _int(r["first_year"]), _int(r["last_year"]),
                                        tuple(split_multi(r["aliases"])), r["english"])
                          for r in read_csv("campaigns.csv")]
        self.regions = {r["code"]: RegionEntry(r["code"], r["name"], tuple(split_multi(r["short_names"])),
                                               r["level"], r["parent_code"] or None)
                        for r in read_csv("regions.csv")}
        self.agency_bodies = [AgencyBody(r["pattern"], r["kind"], r["canonical"], r["prefix"], r["english"],
                                         r.get("level", ""), r.get("venue_type", ""))
                              for r in read_csv("agency_bodies.csv")]
        #: region level -> the court of that level (the {court} of agency_bodies.csv)
        self.court_by_level = {r["level"]: r["court"] for r in read_csv("courts.csv")}
        self.venue_types = [VenueTypeEntry(r["code"], r["label_zh"], r["label_en"],
                                           tuple(split_multi(r["named_suffixes"])),
                                           tuple(split_multi(r["generic_words"])),
                                           tuple(split_multi(r["english_words"])), r.get("broader", ""),
                                           r.get("reported_as", ""))
                            for r in read_csv("venue_types.csv")]
        self.groups = [NamedEntry(r["name"], tuple(split_multi(r["aliases"])), tuple(split_multi(r["english"])))
                       for r in read_csv("audience_groups.csv")]
        self.media = [NamedEntry(r["name"], tuple(split_multi(r["aliases"])), tuple(split_multi(r["english"])),
                                 r["kind"]) for r in read_csv("media.csv")]
        self.forms = [NamedEntry(r["label_zh"], tuple(split_multi(r["triggers"])), (r["label_en"],), r["code"])
                      for r in read_csv("activity_forms.csv")]
        self.organizer_roles = [OrganizerRole(r["word"], r["role"], r["property"], r["organizes"] == "yes",
                                              r["position"]) for r in read_csv("organizer_roles.csv")]
        self.lead_in_words = frozenset(boundary_words("lead_in"))
        self.lead_in_long = tuple(w for w in self.lead_in_words if len(w) > 1)  # for str.endswith
        self.generic_starts = boundary_words("generic")
        self.topic_words = frozenset(boundary_words("topic"))
        self.surnames = frozenset(read_words("surnames.txt"))
        titles = read_csv("person_titles.csv")
        self.titles_after = tuple(sorted({r["title"] for r in titles if r["position"] == "after"}, key=len, reverse=True))
        self.titles_before = tuple(sorted({r["title"] for r in titles if r["position"] == "before"}, key=len, reverse=True))
        self.law_by_key = {law.key: law for law in self.laws}
        self.campaign_by_key = {c.key: c for c in self.campaigns}
        self.regions_by_name: dict[str, list[RegionEntry]] = {}
        for region in self.regions.values():
            for name in (region.name, *region.short_names):
                self.regions_by_name.setdefault(name, []).append(region)
        self.regions = Regions(self.regions)

    @cached_property
    def township_names(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Townships (乡, 镇, 街道) as (full name -> codes, short name -> codes), read on first use: a
        question that names no township never pays for 38,000 rows. A short name (古市 of 古市镇) counts
        only before a township's own body (古市派出所), where a report writes it so."""
        full: dict[str, list[str]] = {}
        short: dict[str, list[str]] = {}
        rows = _read_townships()
        self.regions.townships = {r[0]: r for r in rows}
        for code, name, shorts, _county in rows:
            full.setdefault(name, []).append(code)
            for s in shorts.split("|") if shorts else ():
                short.setdefault(s, []).append(code)
        return full, short

    # -- regions ---------------------------------------------------------
    def region_chain(self, code: str) -> list[RegionEntry]:
        """From the province down to ``code``."""
        chain = []
        region = self.regions.get(code)
        while region is not None:
            chain.append(region)
            region = self.regions.get(region.parent) if region.parent else None
        return chain[::-1]

    def full_region_name(self, code: str) -> str:
        """广西壮族自治区柳州市柳江区: every level, as gazetteers of addresses write it."""
        chain = self.region_chain(code)
        names = [r.name for r in chain]
        # municipalities list themselves once
        return "".join(n for i, n in enumerate(names) if i == 0 or n != names[i - 1])

    def county_of(self, code: str) -> RegionEntry:
        """A township's county (the county or city that the township belongs to); any other region itself."""
        region = self.regions[code]
        return self.regions[region.parent] if region.level == "township" and region.parent else region

    def agency_prefix(self, code: str) -> str:
        """The region as agency names print it: a city district keeps its city (柳州市柳江区), a county does not;
        a township follows its county (松阳县古市镇)."""
        region = self.regions[code]
        if region.level == "township":
            return self.agency_prefix(region.parent) + region.name if region.parent else region.name
        if region.level == "county" and region.name.endswith("区") and region.parent:
            parent = self.regions.get(region.parent)
            if parent is not None and parent.level in ("city", "province") and parent.name != region.name:
                return parent.name + region.name
        return region.name

    @functools.cached_property
    def english_names(self) -> dict[tuple[str, str], str]:
        """(entity type, canonical name) -> the English name the catalogues give (laws, campaigns, groups)."""
        out = {("law", law.name): law.english for law in self.laws if law.english}
        out |= {("campaign", c.name): c.english for c in self.campaigns if c.english}
        out |= {("group", g.name): g.english[0] for g in self.groups if g.english}
        return out


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    return Knowledge()
