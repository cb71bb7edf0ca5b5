"""Resolution: the report's jurisdiction, then one canonical name per mention.

"区司法局" in a 柳江区 report becomes 柳州市柳江区司法局; 《宪法》 and 中华人民共和国宪法
become 宪法; a later 思贤中学 joins 柳州市思贤中学. Each mention keeps a line
saying why (``attrs['why']``): the merge log behind ``pufa entities --explain``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import lru_cache

from .knowledge import Knowledge, RegionEntry
from .model import Document, Entity, Mention
from .recognize import Context, gazetteer
from .recognize.agencies import TOWNSHIP_LEVELS

PRC = "中华人民共和国"


@lru_cache(maxsize=65536)
def entity_id(type_: str, name: str) -> str:
    """Same type and canonical name, same entity, in every report (the same names recur: cached)."""
    return f"{type_}-" + hashlib.sha1(f"{type_}:{name}".encode("utf-8")).hexdigest()[:12]


# -- regions ----------------------------------------------------------------

def _ancestors(kb: Knowledge, code: str) -> list[str]:
    return [r.code for r in kb.region_chain(code)]


def pick_region(kb: Knowledge, codes: list[str], home: str | None, context: list[str] = (),
                named: Counter | None = None) -> str | None:
    """Of several regions with one name, the one nearest the names beside it, then the report's own region,
    then the one the rest of the report supports most (``named``: codes the report names unambiguously)."""
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0]

    def relation(code: str, other: str) -> float:
        lineage = set(_ancestors(kb, code))
        other_lineage = set(_ancestors(kb, other))
        if code == other:
            return 4
        if code in other_lineage or other in lineage:
            return 3
        shared = lineage & other_lineage
        return 1 + len(shared) / 10 if shared else 0

    support = (named if isinstance(named, NamedRegions) else NamedRegions(named or {})).support

    def score(code: str) -> tuple:
        beside = max((relation(code, other) for other in context), default=0)
        own = relation(code, home) if home else 0
        level_rank = LEVEL_RANK[kb.regions[code].level]
        return (beside, own, support(kb, code), level_rank)

    return max(codes, key=score)


class NamedRegions(Counter):
    """Region codes and how often a report names them (see :func:`named_regions`), counted first, then read.

    ``support(kb, code)`` is what :func:`pick_region` weighs: the count of every named region in the same
    line as ``code`` (itself, an ancestor or a descendant). Descendants are summed up each ancestor once,
    on first use, so a report's thousands of names cost one pass, not one pass per name read."""

    def support(self, kb: Knowledge, code: str) -> int:
        below = self.__dict__.get("_below")
        if below is None:
            below = self.__dict__["_below"] = Counter()
            for other, n in self.items():
                for ancestor in _ancestors(kb, other)[:-1]:  # the chain ends with ``other`` itself
                    below[ancestor] += n
        return sum(self.get(c, 0) for c in {code, *_ancestors(kb, code)}) + below[code]


#: of two same-named regions and nothing else to go by, the higher level (吉林省 before 吉林市)
LEVEL_RANK = {"province": 3, "city": 2, "county": 1, "township": 0}


def named_regions(kb: Knowledge, mentions: list[Mention]) -> NamedRegions:
    """Regions the report names with no doubt which (a full name, or a short name only one region has),
    with their ancestors: the evidence for reading the names that several regions share."""
    named = NamedRegions()
    for m in mentions:
        chains = []
        if m.type == "region" and "codes" in m.attrs:
            chains = [m.attrs["codes"]]
        elif m.type == "agency" and m.attrs.get("regions"):
            chains = [codes for _surface, codes in m.attrs["regions"]]
        for codes in chains:
            if len(codes) == 1:
                for code in _ancestors(kb, codes[0]):
                    named[code] += 1
    return named


def chain_code(kb: Knowledge, chain: list[tuple[str, list[str]]], home: str | None, named: Counter | None,
               start: str | None = None) -> str | None:
    """The region a written chain (福州市|鼓楼区) names: each name read beside the one before it."""
    code = start
    for _surface, codes in chain:
        code = pick_region(kb, codes, home, [code] if code else [], named)
    return code


def regions_in(kb: Knowledge, text: str, home: str | None = None, named: Counter | None = None) -> list[str]:
    """Region codes named in a short text (an issuer, a title), outermost first, each consistent with the last."""
    found: list[str] = []
    found_end = 0
    for start, end, surface, values in sorted(gazetteer.regions().iter(text), key=lambda x: (x[0], -x[1])):
        if start < found_end:  # inside a longer name already taken
            continue
        codes = [c for _t, c in values]
        full = any(kb.regions[c].name == surface for c in codes)
        if not full and len(surface) < 2:
            continue
        code = pick_region(kb, codes, home, found[-1:], named)
        if code:
            found.append(code)
            found_end = end
    return found


def jurisdiction(kb: Knowledge, doc: Document, mentions: list[Mention], named: Counter | None = None) -> str | None:
    """The report's own region: from its issuer, else its title, else the region it names most; a name that
    several regions share (鼓楼区) is read by the other places the report names (福州市)."""
    if named is None:
        named = named_regions(kb, mentions)
    for text in (doc.metadata.issuer, doc.metadata.title):
        if text:
            codes = regions_in(kb, text, named=named)
            if codes:
                return max(codes, key=lambda c: len(_ancestors(kb, c)))
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.type == "region" and "codes" in m.attrs:
            counts[pick_region(kb, m.attrs["codes"], None, named=named)] += 1
        elif m.type == "agency" and m.attrs.get("regions"):
            counts[pick_region(kb, m.attrs["regions"][-1][1], None, named=named)] += 1
    return counts.most_common(1)[0][0] if counts else None


def _by_level(kb: Knowledge, home: str | None, level_char: str, home_township: str | None = None) -> RegionEntry | None:
    """区/县/市/州/省 (or 镇/乡/街道) written before a body, read in the report's jurisdiction."""
    if not home:
        return None
    chain = kb.region_chain(home)
    own = chain[-1]
    if level_char in TOWNSHIP_LEVELS:
        if own.level == "township":
            return own
        return kb.regions[home_township] if home_township else None
    if own.level == "township":
        chain = chain[:-1]
        own = chain[-1]
    if level_char in "区县旗":
        return own if own.level == "county" else None
    if level_char == "市":
        if own.level == "county" and own.name.endswith("市"):
            return own
        cities = [r for r in chain if r.level == "city"]
        return cities[-1] if cities else (own if own.name.endswith("市") else None)
    if level_char in "州盟":
        cities = [r for r in chain if r.level == "city"]
        return cities[-1] if cities else None
    if level_char == "省":
        return chain[0] if chain[0].level == "province" else None
    return None


def home_township(kb: Knowledge, home: str | None, named: Counter) -> str | None:
    """In a county's report, the township it names most: where its 镇司法所 and 镇政府 are."""
    if not home or kb.regions[home].level != "county":
        return None
    towns = [(n, code) for code, n in named.items()
             if kb.regions[code].level == "township" and kb.regions[code].parent == home]
    return max(towns)[1] if towns else None


def _level_char(region: RegionEntry) -> str:
    return region.name[-1]


# -- agencies ---------------------------------------------------------------

@lru_cache(maxsize=1)
def _joining_words() -> frozenset[str]:
    """Words that join bodies (和, 与, 会同 …): the organizer-role words written before a body, and conjunctions."""
    from .knowledge import boundary_words, knowledge

    return frozenset([r.word for r in knowledge().organizer_roles if r.position == "before"]
                     + list(boundary_words("conjunction")))


class AgencyResolver:
    def __init__(self, kb: Knowledge, home: str | None, issuer: str | None, issuer_template: str | None,
                 issuer_kind: str | None = None, named: Counter | None = None):
        self.kb = kb
        self.named = named
        self.home_township = home_township(kb, home, named or Counter())
        self.issuer_kind = issuer_kind
        self.home = home
        self.issuer = issuer
        self.issuer_body = None
        if issuer_template and issuer_template.startswith("{R}") and "{" not in issuer_template[3:]:
            self.issuer_body = issuer_template[3:]

    def region_of(self, m: Mention, previous: Mention | None) -> tuple[RegionEntry | None, str]:
        attrs = m.attrs
        if attrs.get("regions"):
            code = chain_code(self.kb, attrs["regions"], self.home, self.named)
            joined = self._conjunction_before_level(attrs["regions"][0][0], code) if len(attrs["regions"]) == 1 else None
            if joined:
                # 县司法局会同县民政局, 政协委员和县法学会: 会同 and 和 join two bodies; 会同县 and 和县 are far away
                region = _by_level(self.kb, self.home, joined, self.home_township)
                return region, f"'{attrs['regions'][0][0]}' is a joining word before '{joined}', read in the report's region"
            if len(attrs["regions"]) == 1 and not self._township_in_reach(code):
                # 联合镇派出所 in a 信丰县 report: a verb before 镇派出所, not a township of another county
                surface = attrs["regions"][0][0]
                if surface[-1] in "镇乡":
                    region = _by_level(self.kb, self.home, surface[-1], self.home_township)
                    return region, f"'{surface}' is no township of the report's county: '{surface[-1]}' read in it"
            return self.kb.regions.get(code), f"region named in the text ({attrs['regions'][-1][0]})"
        if "level" in attrs and (attrs.get("kind") != "mass_organization" or "{L}" in attrs.get("body", "")
                                 or attrs["level"] in TOWNSHIP_LEVELS):
            region = _by_level(self.kb, self.home, attrs["level"], self.home_township)
            home = self.kb.regions[self.home].name if self.home else "unknown"
            return region, f"level '{attrs['level']}' read in the report's jurisdiction ({home})"
        if attrs.get("inherit") and previous is not None and previous.attrs.get("region_code"):
            return self.kb.regions.get(previous.attrs["region_code"]), "shares the region of the body before it"
        if self.home:
            return self.kb.regions[self.home], "no region written: the report's own jurisdiction"
        return None, "no region written and the report's jurisdiction is unknown"

    def _conjunction_before_level(self, surface: str, code: str | None) -> str | None:
        """The level character after a joining word (会同, 和, 与) that, with it, spells a region unrelated to the
        report's own (会同县 in a 谷城县 report): that character, else None."""
        if not code or not self.home or len(surface) < 2 or surface[-1] not in "县区市":
            return None
        cue = surface[:-1]
        if cue not in _joining_words():
            return None
        shared = set(_ancestors(self.kb, code)) & set(_ancestors(self.kb, self.home))
        return surface[-1] if not shared else None

    def _township_in_reach(self, code: str | None) -> bool:
        """A township written alone belongs to the report's county (or city), else the report names its county."""
        if not code or self.kb.regions[code].level != "township" or not self.home:
            return True
        county = self.kb.county_of(code).code
        home_chain = {r.code for r in self.kb.region_chain(self.home)}
        return county in home_chain or self.home in _ancestors(self.kb, code) or bool(self.named and self.named.get(county))

    def canonical(self, m: Mention, previous: Mention | None) -> tuple[str, str]:
        attrs = m.attrs
        if attrs.get("standalone"):
            surface = m.surface
            if attrs["kind"] == "section" or not re.match(r"[省市州县区]", surface):
                if self.issuer:
                    attrs["parent"] = self.issuer
                    return self.issuer + surface, "a section or group of the report's issuer"
                return surface, "a section or group; the issuer is unknown"
            region = _by_level(self.kb, self.home, surface[0], self.home_township)
            if region:
                return self.kb.agency_prefix(region.code) + surface[1:], f"level '{surface[0]}' in the jurisdiction"
            return surface, "unresolved level"
        template = attrs["template"]
        if template.startswith("{issuer}"):
            if not self.issuer:
                return m.surface, "part of the issuer, but the issuer is unknown"
            attrs["parent"] = self.issuer
            name = self.issuer + template[len("{issuer}"):] + attrs.get("sub", "")
            return name, "part of the report's issuer"
        region, why = self.region_of(m, previous)
        if template.startswith("{R}{issuer_body"):
            if not self.issuer_body:
                return m.surface, "a bureau of the issuer's system, but the issuer is unknown"
            body = self.issuer_body
            if template.endswith("_province}"):
                body = body[:-1] + "厅" if body.endswith("局") else body
            template = "{R}" + body
            attrs["kind"] = self.issuer_kind or "other"
            why += f"; '{m.attrs['body']}' is the issuer's own system ({self.issuer_body})"
        if "{R}" in template and region is None:
            return m.surface, why
        name = template
        if region is not None:
            county = self.kb.county_of(region.code)
            prefix = self.kb.agency_prefix(region.code) + attrs.get("collective", "")
            town_short = ""
            if region.level == "township":
                written = attrs.get("town_short")
                if written:  # 天德司法所: the township as the text writes it, after its county
                    prefix = self.kb.agency_prefix(county.code) + written
                town_short = written or (region.short_names[0] if region.short_names else region.name)
            name = (name.replace("{R}", prefix).replace("{C}", self.kb.agency_prefix(county.code))
                    .replace("{T}", town_short).replace("{L}", _level_char(region))
                    .replace("{court}", self.kb.court_by_level[county.level]))
            attrs["region_code"] = region.code
        if attrs.get("collective"):
            why = "a collective (各…) of the jurisdiction's bodies"
        if attrs.get("sub"):
            attrs["parent"] = name
            name += attrs["sub"]
            why += f"; '{attrs['sub']}' is part of it"
        return name, why


def _issuer_mention(ctx: Context, issuer: str | None) -> Mention | None:
    if not issuer:
        return None
    from .recognize.agencies import find_agencies

    found = [m for m in find_agencies(issuer, ctx) if not m.attrs.get("standalone")]
    return max(found, key=lambda m: m.end - m.start) if found else None


# -- the stage ---------------------------------------------------------------

def resolve_document(doc: Document, kb: Knowledge) -> None:
    """Fill ``canonical`` and ``entity_id`` of every mention, the jurisdiction and the issuer."""
    mentions = doc.mentions
    ctx = Context(kb)
    named = named_regions(kb, mentions)
    home = jurisdiction(kb, doc, mentions, named)
    doc.region_code = home
    doc.metadata.region = kb.full_region_name(home) if home else None

    issuer_m = _issuer_mention(ctx, doc.metadata.issuer)
    issuer_name = None
    issuer_template = None
    issuer_kind = None
    if issuer_m is not None:
        resolver = AgencyResolver(kb, home, None, None, named=named)
        issuer_name, _ = resolver.canonical(issuer_m, None)
        issuer_template = issuer_m.attrs.get("template")
        issuer_kind = issuer_m.attrs.get("kind")
    elif doc.metadata.issuer:
        issuer_name = doc.metadata.issuer
    resolver = AgencyResolver(kb, home, issuer_name, issuer_template, issuer_kind, named)

    previous: Mention | None = None
    for m in mentions:
        if m.type in ("agency", "collective"):
            m.canonical, m.attrs["why"] = resolver.canonical(m, previous)
            previous = m
    _merge_near_duplicates(mentions)
    if issuer_name is None:
        issuer_name = _infer_issuer(mentions, home)
        if issuer_name:
            doc.issuer_inferred = True
            resolver = AgencyResolver(kb, home, issuer_name, "{R}司法局", "justice", named)
            for m in mentions:
                if m.type == "agency" and m.attrs.get("standalone"):
                    m.canonical, m.attrs["why"] = resolver.canonical(m, None)
    doc.issuer_entity = issuer_name

    for m in mentions:
        if m.type == "law":
            _resolve_law(kb, m)
        elif m.type == "campaign":
            _resolve_campaign(kb, m)
        elif m.type == "region":
            _resolve_region(kb, m, home)
        elif m.type == "village":
            _resolve_village(kb, m, home, resolver)
        elif m.type in ("group", "role", "media", "person"):
            m.canonical = m.key or m.surface
            m.attrs["why"] = "gazetteer entry" if m.rule.endswith("gazetteer") else "as written"
    _resolve_venues(kb, mentions, home, resolver)
    doc.mentions = mentions = [m for m in mentions if not (m.type == "village" and m.canonical is None)]
    for m in mentions:
        if m.canonical is None:
            m.canonical = m.surface
        m.entity_id = entity_id(m.type, m.canonical)


def _merge_near_duplicates(mentions: list[Mention]) -> None:
    """人民参与促进法治科 and 人民参与和促进法治科 in one report are one section: the fuller name wins."""
    def key(name: str) -> str:
        return re.sub(r"[和与及、“”]", "", name)

    fullest: dict[str, str] = {}
    for m in mentions:
        if m.type == "agency" and m.canonical:
            k = key(m.canonical)
            if len(m.canonical) > len(fullest.get(k, "")):
                fullest[k] = m.canonical
    for m in mentions:
        if m.type == "agency" and m.canonical and fullest[key(m.canonical)] != m.canonical:
            m.attrs["why"] = f"{m.canonical} is written {fullest[key(m.canonical)]} elsewhere in the report"
            m.canonical = fullest[key(m.canonical)]


def _infer_issuer(mentions: list[Mention], home: str | None) -> str | None:
    """A report that names no author: the justice bureau of its jurisdiction that it names most."""
    counts = Counter(m.canonical for m in mentions
                     if m.type == "agency" and m.attrs.get("kind") == "justice" and m.attrs.get("region_code") == home
                     and not m.attrs.get("collective") and not m.attrs.get("sub"))
    return counts.most_common(1)[0][0] if counts else None


def _resolve_law(kb: Knowledge, m: Mention) -> None:
    if m.key:
        law = kb.law_by_key[m.key]
        m.canonical = law.name
        m.attrs.update(level=law.level, full_name=law.full_name)
        m.attrs["why"] = f"catalogue entry {law.key} ({law.full_name})"
    else:
        title = m.attrs.get("title") or m.surface.strip("《》")
        m.canonical = title
        m.attrs.setdefault("level", "local_regulation" if re.search(r"条例$", title) else "normative_document")
        m.attrs["why"] = "document title as written" if m.rule != "law.alias-of" else "以下简称 alias in this report"


def _resolve_campaign(kb: Knowledge, m: Mention) -> None:
    key = m.key or gazetteer.campaign_for(m.attrs.get("theme") or m.attrs.get("title") or m.surface)
    if key:
        entry = kb.campaign_by_key[key]
        m.key = key
        m.canonical = entry.name
        m.attrs.update(campaign_kind=entry.kind)
        m.attrs["why"] = f"catalogue entry {key}"
    else:
        m.canonical = m.attrs.get("theme") or m.attrs.get("title") or m.surface.strip("“”")
        m.attrs["why"] = "quoted theme as written"


def _resolve_region(kb: Knowledge, m: Mention, home: str | None) -> None:
    if m.rule == "region.own":
        region = _by_level(kb, home, m.attrs["level"]) if home else None
        code = region.code if region else None
    else:
        code = pick_region(kb, m.attrs["codes"], home)
    if code:
        m.canonical = kb.full_region_name(code)
        m.attrs["region_code"] = code
        m.attrs["why"] = "region catalogue (GB/T 2260)"
    else:
        m.canonical = m.surface


def _resolve_village(kb: Knowledge, m: Mention, home: str | None, resolver: AgencyResolver) -> None:
    """A village's canonical name is its township's, as agencies print it (松阳县古市镇, 福州市鼓楼区温泉街道),
    then its own; a bare 上河村 needs the report's township, else it is dropped (canonical stays None)."""
    attrs = m.attrs
    if "town_codes" in attrs:
        county = chain_code(kb, attrs["regions"], home, resolver.named)
        town = chain_code(kb, [(attrs["town"], attrs["town_codes"])], home, resolver.named, start=county)
        m.canonical = kb.agency_prefix(town) + attrs["village"]
        m.attrs.update(region_code=town, why=f"village of {kb.full_region_name(town)}")
    elif m.rule == "village.bare":
        town = home if home and kb.regions[home].level == "township" else resolver.home_township
        if town:
            m.canonical = kb.agency_prefix(town) + attrs["village"]
            m.attrs.update(region_code=town, why=f"a village of the report's township ({kb.regions[town].name})")
    else:
        county = kb.county_of(home) if home else None
        prefix = kb.agency_prefix(county.code) if county is not None and county.level == "county" else ""
        m.canonical = prefix + m.surface
        m.attrs["why"] = "town and village in the report's county" if prefix else "as written"


def _resolve_venues(kb: Knowledge, mentions: list[Mention], home: str | None, resolver: AgencyResolver) -> None:
    """A shorter name of a venue named in full elsewhere in the report joins it (思贤中学 -> 柳州市思贤中学)."""
    from .recognize.agencies import find_agencies

    venues = [m for m in mentions if m.type == "venue"]
    names = sorted({m.surface for m in venues}, key=len, reverse=True)
    index = _venue_name_index(names)
    for m in venues:
        name, why = _fuller_venue_name(m.surface, names, index)
        if why:
            m.attrs["why"] = why
        agencies = [a for a in find_agencies(name, Context(kb)) if a.start == 0 and not a.attrs.get("standalone")]
        if agencies:
            agency = agencies[0]
            canonical, _ = resolver.canonical(agency, None)
            name = canonical + name[agency.end:]
            m.attrs["why"] = f"{agency.surface} is {canonical}"
        elif (level := _venue_level(name)) and (region := _by_level(kb, home, level, resolver.home_township)):
            # 县客运站, 镇卫生院: the report's own county or township stands in for a name
            name = kb.agency_prefix(region.code) + name[len(level):]
            m.attrs["why"] = f"'{level}' read in the report's jurisdiction ({region.name})"
        elif m.attrs.get("venue_type") in ("school", "kindergarten") and home and not gazetteer_region_prefix(kb, name):
            name = kb.regions[home].name + name if kb.regions[home].level == "county" else name
            m.attrs.setdefault("why", "a school of the report's county")
        m.canonical = name
        m.attrs.setdefault("why", "as written")


def _venue_name_index(names: list[str]) -> tuple[dict[str, str], dict[str, list[int]]]:
    """For reading venue names against the report's others (``names``, longest first): each proper ending of
    a name -> the first name that ends so; each proper ending of four or more characters -> every name that
    ends so, by position in ``names``. A report's names are short: this costs their lengths squared, where
    comparing every venue with every name cost the report's size squared."""
    ending: dict[str, str] = {}
    overlapping: dict[str, list[int]] = {}
    for i, longer in enumerate(names):
        for k in range(1, len(longer)):
            ending.setdefault(longer[-k:], longer)
            if k >= 4:
                overlapping.setdefault(longer[-k:], []).append(i)
    return ending, overlapping


def _fuller_venue_name(name: str, names: list[str], index: tuple[dict[str, str], dict[str, list[int]]]) \
        -> tuple[str, str | None]:
    """A venue's name as the report writes it in full elsewhere, and why: the first of ``names`` (longest
    first) that ends with it (思贤中学 -> 柳州市思贤中学), else the first whose end of four or more characters
    starts it (思贤中学宪法长廊 -> 柳州市思贤中学宪法长廊); ``index`` is :func:`_venue_name_index` of ``names``."""
    ending, overlapping = index
    if name in ending:
        return ending[name], f"short form of {ending[name]} in this report"
    longer = _first_overlapping(name, names, overlapping)
    if longer is None:
        return name, None
    overlap = next(k for k in range(len(longer) - 1, 3, -1) if name.startswith(longer[-k:]))
    return longer + name[overlap:], f"{name[:overlap]} is {longer} in this report"


def _first_overlapping(name: str, names: list[str], overlapping: dict[str, list[int]]) -> str | None:
    """The first of ``names`` (other than ``name``) whose ending of four or more characters, shorter than
    itself, starts ``name``: 柳州市思贤中学 for 思贤中学宪法长廊. Each prefix of ``name`` is one lookup."""
    best = None
    for k in range(4, len(name) + 1):
        for i in overlapping.get(name[:k], ())[:2]:  # names are distinct: the second, if the first is ``name``
            if names[i] != name:
                best = i if best is None else min(best, i)
                break
    return names[best] if best is not None else None


def _venue_level(name: str) -> str | None:
    """The level word a venue's name opens with (县, 区, 镇, 街道), not a place word that starts so (县城:
    ``not_level_start`` words)."""
    from .knowledge import boundary_words

    if name.startswith(boundary_words("not_level_start")):
        return None
    return next((level for level in ("街道", "县", "区", "市", "镇", "乡") if name.startswith(level)), None)


def gazetteer_region_prefix(kb: Knowledge, name: str) -> bool:
    return any(start == 0 for start, _e, _s, _v in gazetteer.regions().iter(name))


def build_entities(docs: list[Document]) -> dict[str, Entity]:
    """Merge mentions by entity id across reports: canonical name, aliases seen, reports."""
    entities: dict[str, Entity] = {}
    for doc in docs:
        for m in doc.mentions:
            e = entities.get(m.entity_id)
            if e is None:
                e = entities[m.entity_id] = Entity(m.entity_id, m.type, m.canonical)
            e.aliases.add(m.surface)
            e.docs.add(doc.id)
    return entities
