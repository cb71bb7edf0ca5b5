"""Activity frames: clauses -> who promoted which law, where, to whom, when and how.

A clause (text between ；。！？ or line ends) becomes an activity when it has an
activity verb or form and something to say (a law, place, campaign, form or
audience). Organizers are the agencies the clause names as actors; partners
come after 联合/会同/邀请; with no actor named, the report's issuer is the
organizer (``implicit_organizer``); in a plan, the task's 牵头单位 are.
Designations (民主法治示范村 …) and the problems a report lists are framed here too.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise

from .dates import CLAUSE_DATE, Period, complete_date, stated_year, written_date
from .knowledge import Knowledge, boundary_words, word_alternation
from .model import Activity, Designation, Document, Evidence, Mention, Problem, Quantity, Section, Sentence
from .recognize.quantities import quantities
from .structure import OUTLINE

#: ASCII ? between characters is a character lost to an encoding, not a question mark
CLAUSE_END = re.compile(r"[；;。！？!]|\?(?![\u4e00-\u9fff])")
MONTH_DAY = re.compile(r"(?:((?:19|20)\d{2})年)?(\d{1,2})月(?:(\d{1,2})[日号])?(?:份)?")
YEAR = re.compile(r"((?:19|20)\d{2})年")
#: a demonstration title written without quotes: 第九批全国民主法治示范村（社区）, 省级法治文化示范点
BARE_TITLE = r"(?:第[一二三四五六七八九十\d]+批|\d{4}年度?)?[\u4e00-\u9fff]{0,14}?示范(?:村|社区|基地|单位|点|街道|乡镇)(?:[（(]社区[）)])?"
#: a title conferred, proposed or held: 被命名为“…”, 入选第九批全国民主法治示范村, 推荐…参评省级“…”, 该村为…
DESIGNATION = re.compile(r"(荣获|获评|获得|被命名为|命名为|被评为|评为|获|成功创建|创建为|入选|参评|申报|推荐为|确定为|"
                         r"列为|(?<=[该本此][村社区点地])为)([^。；“”]{0,14}?)(?:“([^“”]{4,40}?(?:示范|先进|达标)[^“”]{0,20})”|"
                         rf"({BARE_TITLE}))")
#: a title in brackets after its holder: 永定区湖雷镇上寨村（第九批全国民主法治示范村（社区））
BRACKETED_TITLE = re.compile(rf"[（(]((?:第[一二三四五六七八九十\d]+批|\d{{4}}年度?)?[^（）()]{{0,14}}?[“]?"
                             rf"[^（）()“”]{{0,14}}?示范(?:村|社区|基地|单位|点)(?:[（(]社区[）)])?[”]?)[）)]")
BATCH = re.compile(r"第([一二三四五六七八九十\d]+)批")
ITEM = re.compile(r"(?:^|(?<=[。；;：:\n]))\s*([一二三四五六七八九十]是|[（(]?[一二三四五六七八九十\d]+[）)、.．])")
#: what may stand between a run of agencies and its role word: 等12个单位参加, 的指导下, 共同主办
ROLE_FILLER = r"^(?:等[\d一二三四五六七八九十几多余]*[个家]?(?:单位|部门|机关|成员单位)?)?(?:的)?(?:共同|分别|联合|积极)?"
#: roles that make a clause announce an event with named hosts, which later clauses may point back to
HOST_ROLES = ("主办", "承办", "协办")


@dataclass(frozen=True)
class Cues:
    activity_verbs: re.Pattern
    role_after: re.Pattern  # 主办, 承办 … written after a run of agencies
    role_before: tuple[str, ...]  # 联合, 会同 … written before one
    role_of: dict[tuple[str, str], object]  # (word, position) -> OrganizerRole
    event_backref: re.Pattern  # 活动现场, 随后, 本次活动: a clause about the event named before
    unit_label: re.Pattern  # 牵头单位：, 责任单位： in a plan
    scope_break: tuple[str, ...]  # 据统计, 今年以来: a paragraph that leaves the event being told
    invite_cues: tuple[str, ...]
    not_actor: tuple[str, ...]
    venue_words: re.Pattern
    venue_type_of: dict[str, str]
    venue_reported_as: dict[str, str]  # fine kind of place -> the kind an activity reports
    venue_exclude: re.Pattern
    form_words: re.Pattern
    form_of: dict[str, str]
    actor_before: tuple[str, ...]
    not_audience_after: tuple[str, ...]
    plan_title: re.Pattern
    report_title: re.Pattern
    plan_section: re.Pattern
    problem_section: re.Pattern


@lru_cache(maxsize=1)
def cues() -> Cues:
    from .knowledge import knowledge

    kb = knowledge()
    venue_type_of = {w: vt.code for vt in kb.venue_types for w in vt.generic_words}
    form_of = {w: f.code for f in kb.forms for w in f.aliases}
    return Cues(
        activity_verbs=word_alternation([*boundary_words("activity_verb"), *form_of]),
        role_after=re.compile(ROLE_FILLER + "(" + word_alternation(
            r.word for r in kb.organizer_roles if r.position == "after").pattern + ")"),
        role_before=tuple(sorted((r.word for r in kb.organizer_roles if r.position == "before"), key=len, reverse=True)),
        role_of={(r.word, r.position): r for r in kb.organizer_roles},
        unit_label=re.compile("(" + word_alternation(
            r.word for r in kb.organizer_roles if r.position == "label").pattern + r")\s*[:：]"),
        scope_break=boundary_words("scope_break"),
        event_backref=re.compile("^(?:" + word_alternation(boundary_words("event_backref")).pattern + ")"),
        invite_cues=boundary_words("invite_cue"),
        not_actor=boundary_words("not_actor"),
        venue_words=word_alternation(venue_type_of),
        venue_type_of=venue_type_of,
        venue_reported_as={vt.code: vt.reported_as for vt in kb.venue_types if vt.reported_as},
        venue_exclude=word_alternation(boundary_words("venue_exclude")),
        form_words=word_alternation(form_of),
        form_of=form_of,
        actor_before=boundary_words("actor_before"),
        not_audience_after=boundary_words("not_audience_after"),
        plan_title=word_alternation(boundary_words("plan_title")),
        report_title=word_alternation(boundary_words("report_title")),
        plan_section=word_alternation(boundary_words("plan_section")),
        problem_section=word_alternation(boundary_words("problem_section")),
    )


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def report_year(doc: Document) -> int | None:
    if doc.metadata.date:
        return int(doc.metadata.date[:4])
    return stated_year(doc.metadata.title, doc.text)


def is_plan(doc: Document) -> bool:
    """实施意见, 工作要点, 方案: a document of things to do, not of things done."""
    title = doc.metadata.title or doc.text.split("\n", 1)[0]
    return bool(cues().plan_title.search(title)) and not cues().report_title.search(re.sub(r"《[^》]*》", "", title))


def clauses(doc: Document) -> list[tuple[int, int]]:
    out = []
    for line_start, line_end in _lines(doc):
        pos = line_start
        for m in CLAUSE_END.finditer(doc.text, line_start, line_end):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if pos < line_end:
            out.append((pos, line_end))
    return out


def _lines(doc: Document) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in doc.text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


class _Outline:
    """The titles of the sections holding a position, outermost first. Sibling sections are in order and
    do not overlap (structure.outline ends each where the next starts), so one bisection per level finds
    the section holding it; siblings that break that order, checked once here, are scanned instead."""

    def __init__(self, sections: list[Section]):
        self.sections = sections
        self.starts: dict[int, list[int] | None] = {}  # id of a list of siblings -> their starts, or None
        todo = [sections]
        while todo:
            siblings = todo.pop()
            ordered = all(a.start <= b.start and a.end <= b.start for a, b in pairwise(siblings))
            self.starts[id(siblings)] = [s.start for s in siblings] if ordered else None
            todo += [s.children for s in siblings if s.children]

    def titles_at(self, pos: int) -> list[str]:
        titles = []
        sections = self.sections
        while sections:
            starts = self.starts[id(sections)]
            if starts is None:
                inside = next((s for s in sections if s.start <= pos < s.end), None)
            else:
                i = bisect_right(starts, pos) - 1
                inside = sections[i] if i >= 0 and pos < sections[i].end else None
            if inside is None:
                break
            titles.append(inside.title)
            sections = inside.children
        return titles


def _sentences_within(sentences: list[Sentence], starts: list[int] | None, after: int, end: int) -> list[Sentence]:
    """The sentences that start after ``after`` and end by ``end``. Sentences are in order and do not overlap
    (``starts`` is given only when that holds): they are a run from the first one starting after ``after``."""
    if starts is None:
        return [s for s in sentences if after < s.start and s.end <= end]
    out = []
    for i in range(bisect_right(starts, after), len(sentences)):
        if sentences[i].end > end:
            break
        out.append(sentences[i])
    return out


class Framer:
    def __init__(self, doc: Document, kb: Knowledge):
        self.doc = doc
        self.kb = kb
        self.cues = cues()
        self.mentions = sorted(doc.mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.year = report_year(doc)
        self.period = Period.of(doc.metadata)
        self.published = date.fromisoformat(doc.metadata.date) if doc.metadata.date else None
        self.plan = is_plan(doc)
        self.lines = _lines(doc)
        self.line_starts = [s for s, _e in self.lines]
        self.task_units = self._task_units()
        self.quantities_at: dict[tuple[int, int], list[Quantity]] = {}  # per clause, read once
        self.event: dict | None = None  # the last event with named hosts (由A主办…的活动在X举行)
        self.last: Activity | None = None  # the activity framed last
        self.place: dict | None = None  # where the event being told took place (走进…上河村, 开展…)
        self.invited: list[str] = []
        self.collective: list[str] = []
        self.collective_names = {m.canonical for m in self.mentions if m.type == "collective"}
        self.outline = _Outline(doc.sections)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def _task_units(self) -> dict[tuple[int, int], dict[str, list[str]]]:
        """Each task line's units by role, from a plan's labels: （牵头单位：A；责任单位：B） closing the task's
        line, or a line 责任单位：A、B after the task, which holds for the lines since the last such line."""
        text = self.doc.text
        out: dict[tuple[int, int], dict[str, list[str]]] = {}
        pending: list[tuple[int, int]] = []
        for line in self.lines:
            labels = list(self.cues.unit_label.finditer(text, *line))
            if not labels:
                if text[line[0]:line[1]].strip():
                    pending.append(line)
                continue
            units: dict[str, list[str]] = {}
            for i, m in enumerate(labels):
                stop = labels[i + 1].start() if i + 1 < len(labels) else line[1]
                role = self.cues.role_of[(m.group(1), "label")].role
                names = [x.canonical for x in self.mentions_in(m.end(), stop) if x.type in ("agency", "collective")]
                if names:
                    units.setdefault(role, []).extend(n for n in names if n not in units.get(role, []))
            if not units:
                continue
            own_line = text[line[0]:labels[0].start()].strip(" 　（(")
            for task in ([line] if own_line else pending[-3:]):
                out[task] = units
            pending = []
        return out

    # -- one clause -----------------------------------------------------------
    def frame(self, start: int, end: int) -> Activity | None:
        text = self.doc.text
        clause = text[start:end]
        if self.cues.unit_label.match(clause.lstrip("（( 　")):
            return None  # the units of a task, not a task
        if start < len(self.doc.metadata.title or "") + 2 and self.doc.metadata.title and clause in self.doc.metadata.title:
            return None  # the title announces the report, it is no activity
        titles = self.outline.titles_at(start)
        if any(self.cues.problem_section.search(t) for t in titles[:1]):
            return None
        if not self.cues.activity_verbs.search(clause):
            return None
        ms = self.mentions_in(start, end)
        laws = [m.canonical for m in ms if m.type == "law" and _promotable(m)]
        campaigns = [m.canonical for m in ms if m.type == "campaign"]
        venues = [m.canonical for m in ms if m.type in ("venue", "village")]
        audiences = [m.canonical for m in ms if m.type == "group" and self._audience(m)]
        venue_types = self._venue_types(start, end, ms)
        titles_in = [_title_span(m, start) for m in ms if m.type in ("law", "campaign")]
        forms = list(dict.fromkeys(self.cues.form_of[w.group(0)] for w in self.cues.form_words.finditer(clause)
                                   if not any(a <= w.start() and w.end() <= b for a, b in titles_in)))
        if not (laws or campaigns or venues or venue_types or forms):
            self._hosts_of_the_last_event(start, end, ms)
            return None
        organizers, partners, roles = self._actors(start, end, ms)
        units = self.task_units.get(self.lines[self._line_of(start)], {})
        lead = units.get("牵头", [])
        implicit = False
        event = self._event_for(start, clause)
        place = self._place_for(start)
        if any(r in roles for r in HOST_ROLES):
            self._open_event(start, organizers + partners, roles, venues, venue_types)
        elif event is not None and organizers and set(roles) <= {"参与"} and roles:
            # 区法院、区城管局等12个单位参加: the event's participants join its organizers
            event["organizers"] = list(dict.fromkeys(event["organizers"] + organizers))
            event["roles"] = {**event["roles"], "参与": list(dict.fromkeys(event["roles"].get("参与", []) + organizers))}
            organizers, roles = list(event["organizers"]), dict(event["roles"])
        elif event is not None and not organizers and not partners:
            organizers, roles = list(event["organizers"]), dict(event["roles"])
            if not venues:  # 活动现场: at the event's place
                venues = list(event["venues"])
                venue_types = list(dict.fromkeys(event["venue_types"] + venue_types))
        if venues and (organizers or partners) and not self.plan:
            # where a named event took place: later paragraphs about it, by the bodies that held it, too
            self.place = {"line": self._line_of(start), "venues": venues, "venue_types": venue_types,
                          "bodies": set(organizers + partners) | set(roles.get("指导", []))}
        elif place is not None and not venues and set(organizers + partners) <= place["bodies"] and not \
                any(self.cues.plan_section.search(t) for t in titles[:1]):
            venues = list(place["venues"])
            venue_types = list(dict.fromkeys(place["venue_types"] + venue_types))
        if not organizers and not self.collective:  # 各司法所开展…: the collective organized it, not the issuer
            if units:
                named = list(dict.fromkeys(n for names in units.values() for n in names))
                organizers = [n for n in named if n not in self.collective_names]
                self.collective = [n for n in named if n in self.collective_names]
                roles = {r: [n for n in names if n not in self.collective_names] for r, names in units.items()}
            elif self.doc.issuer_entity:
                organizers = [self.doc.issuer_entity]
                implicit = True
        organizers = list(dict.fromkeys(organizers + partners))
        partners = list(dict.fromkeys(partners + self.invited))  # invited bodies take part, they do not organize
        planned = self.plan or any(self.cues.plan_section.search(t) for t in titles[:1])
        when = self._date(clause, ms, planned)
        return Activity(
            id=_id(self.doc.id, start, end), doc=self.doc.id, organizers=organizers, implicit_organizer=implicit,
            evidence=Evidence(self.doc.id, clause, start, end), partners=partners, lead_units=lead,
            laws=list(dict.fromkeys(laws)), venues=list(dict.fromkeys(venues)), venue_types=venue_types,
            audiences=list(dict.fromkeys(audiences)), campaign=campaigns[0] if campaigns else None,
            campaigns=list(dict.fromkeys(campaigns)), forms=forms, date=when, planned=planned,
            quantities=self._quantities(start, end),
            persons=list(dict.fromkeys(m.canonical for m in ms if m.type == "person")), roles=roles,
            collective_organizers=list(self.collective),
        )

    def _subject_position(self, clause_start: int, pos: int) -> bool:
        """Nothing but a time or place adverbial before ``pos`` in its clause (活动结束后，镇司法所…)."""
        before = self.doc.text[clause_start:pos]
        last = max(before.rfind("，"), before.rfind(","))
        return not before[last + 1:].strip(" 　“”") and (last < 0 or len(before) <= 24)

    def _line_of(self, pos: int) -> int:
        return bisect_right(self.line_starts, pos) - 1

    def _event_for(self, start: int, clause: str) -> dict | None:
        """The event with named hosts this clause belongs to: a later clause of its paragraph, or one that points
        back to it (活动现场, 随后, 本次活动); a new paragraph that does not point back ends it."""
        event = self.event
        if event is None:
            return None
        if self.cues.event_backref.match(clause.lstrip()) or self._line_of(start) == event["line"]:
            event["line"] = self._line_of(start)
            return event
        self.event = None
        return None

    def _hosts_of_the_last_event(self, start: int, end: int, ms: list[Mention]) -> None:
        """活动由县委依法治县办主办，县司法局承办…: a clause that only names the hosts of the event just told.
        They organized it (the activity before, in this paragraph, that had no named organizer) and the
        clauses that point back to it."""
        organizers, partners, roles = self._actors(start, end, ms)
        if not any(r in roles for r in HOST_ROLES):
            return
        hosts = list(dict.fromkeys(organizers + partners))
        last = self.last
        if last is not None and last.implicit_organizer and self._line_of(last.evidence.start) == self._line_of(start):
            last.organizers, last.roles, last.implicit_organizer = list(hosts), dict(roles), False
            venues, venue_types = last.venues, last.venue_types
        else:
            venues, venue_types = [], []
        self._open_event(start, hosts, roles, venues, venue_types)

    def _open_event(self, start: int, hosts: list[str], roles: dict, venues: list[str], venue_types: list[str]):
        self.event = {"line": self._line_of(start), "organizers": list(dict.fromkeys(hosts)), "roles": roles,
                      "venues": venues, "venue_types": venue_types}

    def _place_for(self, start: int) -> dict | None:
        """The place of the event being told: it holds until a paragraph opens with a date, an outline marker or
        a turn of the report (据统计, 今年以来, 下一步: ``scope_break`` words)."""
        place = self.place
        if place is None:
            return None
        line = self._line_of(start)
        text = self.doc.text
        for between in range(place["line"] + 1, line + 1):  # every paragraph since, headings too
            line_start, line_end = self.lines[between]
            opening = text[line_start:min(line_end, line_start + 8)].lstrip(" 　")
            if (MONTH_DAY.match(opening) or YEAR.match(opening) or ITEM.match(opening)
                    or any(marker.match(opening) for _level, marker in OUTLINE)
                    or opening.startswith(self.cues.scope_break)):
                self.place = None
                return None
        place["line"] = line
        return place

    def _quantities(self, start: int, end: int) -> list[Quantity]:
        """The clause's numbers, read once by frame_document (an empty list is an answer too)."""
        found = self.quantities_at.get((start, end))
        return quantities(self.doc.text[start:end]) if found is None else found

    def _audience(self, m: Mention) -> bool:
        """律师 in 组织律师…开展 acts; 学生 in 学生开学 is a time; 留守儿童 after 聚焦 is an audience."""
        text = self.doc.text
        before = text[max(0, m.start - 5):m.start]
        after = text[m.end:m.end + 3]
        if before.endswith(self.cues.actor_before) or after.startswith(self.cues.not_audience_after):
            return False
        if before.endswith("、"):  # 组织律师、基层法律服务工作者: a list shares the role of its head
            i = m.start
            while i > 0 and text[i - 1] not in "，,。；;：:\n":
                i -= 1
            return not any(w in text[i:m.start] for w in self.cues.actor_before)
        return True

    def _venue_types(self, start: int, end: int, ms: list[Mention]) -> list[str]:
        text = self.doc.text
        masked = [(m.start, m.end) for m in ms if m.type in ("law", "agency", "media")]
        for x in self.cues.venue_exclude.finditer(text[start:end]):
            masked.append((start + x.start(), start + x.end()))
        found = []
        for w in self.cues.venue_words.finditer(text[start:end]):
            s, e = start + w.start(), start + w.end()
            if not any(a <= s and e <= b for a, b in masked):
                found.append((s, self.cues.venue_type_of[w.group(0)]))
        found += [(m.start, m.attrs["venue_type"]) for m in ms if m.type == "venue" and m.attrs.get("venue_type")]
        found += [(m.start, "village") for m in ms if m.type == "village"]
        reported = self.cues.venue_reported_as
        return list(dict.fromkeys(reported.get(code, code) for _s, code in sorted(found) if reported.get(code) != "-"))

    def _actors(self, start: int, end: int, ms: list[Mention]) -> tuple[list[str], list[str], dict[str, list[str]]]:
        """Agencies the clause names as doing something, those it names as partners, and each one's role
        (由A、B主办，C承办: A and B host, C undertakes; 在X的指导下: X guides and does not organize)."""
        text = self.doc.text
        agencies = [m for m in ms if m.type in ("agency", "collective") and m.attrs.get("nested_in") not in ("law", "venue")]
        collectives = {m.canonical for m in agencies if m.type == "collective"}
        runs: list[list[Mention]] = []
        for a in agencies:
            if runs and text[runs[-1][-1].end:a.start] in ("、", "和", "及", "，", ",", "与", "以及"):
                runs[-1].append(a)
            else:
                runs.append([a])
        organizers: list[str] = []
        partners: list[str] = []
        invited: list[str] = []
        roles: dict[str, list[str]] = {}
        for i, run in enumerate(runs):
            names = [a.canonical for a in run]
            before = text[max(start, run[0].start - 3):run[0].start]
            stop = runs[i + 1][0].start if i + 1 < len(runs) else end
            after = text[run[-1].end:min(stop, run[-1].end + 24)]
            role_after = self.cues.role_after.match(after)
            role = self.cues.role_of[(role_after.group(1), "after")] if role_after else None
            if role is not None and not role.organizes:
                roles.setdefault(role.role, []).extend(names)
                continue
            if before.endswith(self.cues.not_actor):
                continue
            cue = next((w for w in self.cues.role_before if before.endswith(w)), None)
            if cue:
                partners += names
                roles.setdefault(self.cues.role_of[(cue, "before")].role, []).extend(names)
                continue
            if before.endswith(self.cues.invite_cues):
                invited += names
                continue
            if role is not None:
                organizers += names
                roles.setdefault(role.role, []).extend(names)
            elif self.cues.activity_verbs.search(after) or after.startswith(("联合", "会同", "与", "主办", "牵头")):
                organizers += names
            elif i == 0 and self._subject_position(start, run[0].start) and \
                    self.cues.activity_verbs.search(text, run[-1].end, end):
                organizers += names  # 古市人民法庭法官吴建平和村“法律明白人”…讲解: the clause's subject acts
            elif after.startswith("的“") and any(m.type == "media" and m.start == run[-1].end + 2 for m in ms):
                organizers += names  # 人民法院的“柳江法苑”: the account's operator
        self.invited = list(dict.fromkeys(invited))
        # 各司法所 organizes as a collective of bodies, never as one agency (CONVENTIONS)
        self.collective = [n for n in dict.fromkeys(organizers + partners) if n in collectives]
        return ([n for n in dict.fromkeys(organizers) if n not in collectives],
                [n for n in dict.fromkeys(partners) if n not in collectives],
                {r: [x for x in dict.fromkeys(n) if x not in collectives] for r, n in roles.items()})

    def _date(self, clause: str, ms: list[Mention], planned: bool) -> str | None:
        """The clause's date, its year from the report's period; never after the report for something done
        (a plan's tasks may lie ahead)."""
        m = CLAUSE_DATE.search(clause)
        if m and 1 <= int(m.group(3)) <= 12:
            return written_date(m, self.period, self.year, self.published, planned)
        for c in ms:
            if c.type == "campaign" and c.key:
                entry = self.kb.campaign_by_key[c.key]
                if entry.month:
                    day = entry.day if entry.kind == "day" else None
                    return complete_date(entry.month, day, self.period, self.published, planned, entry.first_year)
        return None

    # -- designations and problems --------------------------------------------
    def designations(self) -> list[Designation]:
        out = []
        text = self.doc.text
        seen = set()
        for start, end in clauses(self.doc):
            found = []  # (title, words before it that say its level, holders)
            for m in DESIGNATION.finditer(text, start, end):
                holders = [x for x in self.mentions_in(start, m.start()) if x.type in ("village", "venue")]
                if re.search(r"[该本此]村", text[start:m.start()]):  # 该村为…: the village, not its square
                    holders = [x for x in holders if x.type == "village"]
                found.append((m.group(3) or m.group(4), m.group(2), holders, m.start()))
            for m in BRACKETED_TITLE.finditer(text, start, end):
                if DESIGNATION.search(m.group(1)):  # （该村为…）: read by the verb above
                    continue
                holders = [x for x in self.mentions_in(start, m.start()) if x.type in ("village", "venue")
                           and x.end == m.start()]
                found.append((m.group(1).replace("“", "").replace("”", ""), "", holders, m.start()))
            for title, before, holders, _at in found:
                batch = BATCH.search(before + title)  # the title's own batch, not another's in the clause
                for holder in holders:
                    key = (holder.canonical, title)
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(Designation(
                        id=_id(self.doc.id, "designation", holder.canonical, title), doc=self.doc.id,
                        designee=holder.canonical, designee_type=holder.type, title=title,
                        level=designation_level(before + title, self.kb),
                        batch=_batch(batch.group(1)) if batch else None,
                        year=self.year, evidence=Evidence(self.doc.id, text[start:end], start, end)))
        return out

    def problems(self) -> list[Problem]:
        """Items of a 存在的问题 section: 一是…二是…, or its sentences."""
        out = []
        text = self.doc.text
        sentences = self.doc.sentences
        ordered = all(a.start <= a.end <= b.start <= b.end for a, b in pairwise(sentences))
        sentence_starts = [s.start for s in sentences] if ordered else None
        for section in _all_sections(self.doc.sections):
            if section.level > 2 or not self.cues.problem_section.search(section.title) \
                    or self.cues.plan_section.search(section.title):  # 存在的问题及下一步打算: plans, not problems
                continue
            body_start = text.find("\n", section.start)
            if body_start < 0 or body_start >= section.end:
                continue
            body = text[body_start + 1:section.end]
            pieces = [(body_start + 1 + s, body_start + 1 + e) for s, e in _items(body)]
            pieces = pieces or [(s.start, s.end) for s in _sentences_within(sentences, sentence_starts, body_start,
                                                                             section.end)]
            for ev_start, ev_end in pieces:
                piece = text[ev_start:ev_end].strip("。；; ")
                if len(piece) < 8:
                    continue
                summary = re.sub(r"^([一二三四五六七八九十]是|[（(]?[一二三四五六七八九十\d]+[）)、.．])", "", piece)
                out.append(Problem(_id(self.doc.id, "problem", ev_start), self.doc.id, summary[:80],
                                   Evidence(self.doc.id, text[ev_start:ev_end], ev_start, ev_end)))
        return out


def _title_span(m: Mention, offset: int) -> tuple[int, int]:
    """The quoted part of a title or theme (not a 大赛 or 活动 after it), relative to ``offset``."""
    close = max(m.surface.rfind("”"), m.surface.rfind("》"))
    end = m.start + close + 1 if close >= 0 else m.end
    return m.start - offset, end - offset


def _all_sections(sections):
    for s in sections:
        yield s
        yield from _all_sections(s.children)


def _items(body: str) -> list[tuple[int, int]]:
    marks = [m.start(1) for m in ITEM.finditer(body)]
    if len(marks) < 2:
        return []
    out = []
    for i, s in enumerate(marks):
        e = marks[i + 1] if i + 1 < len(marks) else len(body)
        piece_end = s + len(body[s:e].rstrip("\n"))
        out.append((s, piece_end))
    return out


def _batch(text: str) -> int:
    from .dates import chinese_number

    return int(text) if text.isdigit() else chinese_number(text)


def designation_level(title: str, kb: Knowledge) -> str | None:
    if re.search(r"全国|国家级|中央", title):
        return "national"
    if re.search(r"省级|自治区级|^.{0,4}省|自治区", title):
        return "provincial"
    if re.search(r"市级|州级|^.{0,6}[市州]", title):
        return "municipal"
    if re.search(r"县级|区级|^.{0,6}[县区]", title):
        return "county"
    return None


def _promotable(m: Mention) -> bool:
    """Laws an activity can promote: catalogue laws and acts titled …法/条例, not work plans (…办法)."""
    return bool(m.key) or bool(re.search(r"((?<!办)法|法典|条例)$", m.canonical or ""))


def frame_document(doc: Document, kb: Knowledge) -> None:
    """Fill ``doc.activities``, ``doc.designations`` and ``doc.problems``."""
    framer = Framer(doc, kb)
    spans = clauses(doc)
    doc.quantities = []
    for s, e in spans:
        found = framer.quantities_at[(s, e)] = quantities(doc.text[s:e])
        for q in found:
            q.evidence = Evidence(doc.id, doc.text[s:e], s, e)  # the clause: the same span an activity cites
            doc.quantities.append(q)
    doc.activities = []
    for s, e in spans:
        activity = framer.frame(s, e)
        if activity is not None:
            doc.activities.append(activity)
            framer.last = activity
    doc.designations = framer.designations()
    doc.problems = framer.problems()
