"""A one-page summary of what the store holds for a region and year, as HTML or Markdown.

Counts come from the named queries (``find_activities``, ``designations``,
``culture_sites``, ``problems`` …) and every table row links to the sentences
behind it, listed at the bottom of the page with their report id and title.
Charts are matplotlib SVG inlined with their text kept as text, so Chinese
labels stay searchable and the page needs no network.

>>> write_report(store, "exports/report.html", region="柳江", year="2024")   # doctest: +SKIP
{'path': 'exports/report.html', 'format': 'html', 'bytes': 66341, 'reports': 1, 'activities': 9, ...}
"""

from __future__ import annotations

import html
import io
import logging
import re
import warnings
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import queries
from .errors import PufaError
from .store.base import PROLOGUE, GraphStore

CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "SimHei",
             "Microsoft YaHei", "PingFang SC", "DejaVu Sans", "sans-serif"]
REPORT_HEADERS = ["报告 id", "标题 title", "发布机构 issuer", "日期 date", "地区 region"]
GAP_HEADERS = ["机关 agency", "类别 kind", "执法 enforces", "已宣传 publicized", "缺口 gaps", "证据 evidence"]
NO_GAPS = "责任缺口分析尚不可用 (pufa_graph.gaps is not installed in this version)."
LINKS_PER_ROW = 12  # a row shows its first evidence links, then "+N"
TOP = 20  # bars per chart


# -- data -------------------------------------------------------------------------------

@dataclass
class Evidence:
    """The sentences the page cites, numbered in first-cited order."""

    titles: dict[str, str]
    items: list[dict] = field(default_factory=list)
    _index: dict[tuple, int] = field(default_factory=dict)

    def cite(self, ev: dict | None) -> int | None:
        if not ev or not ev.get("text"):
            return None
        key = (ev.get("doc"), ev.get("start"), ev.get("end"), ev.get("text"))
        if key not in self._index:
            self._index[key] = len(self.items) + 1
            doc = ev.get("doc") or ""
            self.items.append({"n": len(self.items) + 1, "doc": doc, "title": self.titles.get(doc) or doc,
                               "text": ev["text"], "start": ev.get("start"), "end": ev.get("end")})
        return self._index[key]

    def cite_all(self, evs) -> list[int]:
        out = []
        for ev in evs or []:
            n = self.cite(ev)
            if n is not None and n not in out:
                out.append(n)
        return out


def _activity_evidence(a: dict) -> dict:
    ev = a.get("evidence") or {}
    return {"doc": a["doc"], "text": ev.get("text"), "start": ev.get("start"), "end": ev.get("end")}


def _counted(pairs: Iterator[tuple[str, int | None]]) -> list[dict]:
    """(name, evidence number) pairs -> rows {name, count, evidence} by count, then name."""
    rows: dict[str, dict] = {}
    for name, n in pairs:
        row = rows.setdefault(name, {"name": name, "count": 0, "evidence": []})
        row["count"] += 1
        if n is not None and n not in row["evidence"]:
            row["evidence"].append(n)
    return sorted(rows.values(), key=lambda r: (-r["count"], r["name"]))


def _venue_labels() -> dict[str, str]:
    from .knowledge import read_csv

    try:
        return {r["code"]: r["label_zh"] for r in read_csv("venue_types.csv")}
    except (OSError, KeyError):
        return {}


def _quantities(store: GraphStore) -> list[dict]:
    from .queries import quantity_rows

    rows = quantity_rows(store)
    return [{"what": r["what"], "as_written": r["text"], "doc": r["docid"],
             "evidence": {"doc": r["docid"], "text": r["sentence"], "start": int(r["start"]), "end": int(r["end"])}}
            for r in rows]


def _responsibility_gaps(store: GraphStore, region: str | None) -> list[dict] | None:
    """``pufa_graph.gaps.responsibility_gaps`` when that module exists, else None."""
    try:
        from .gaps import responsibility_gaps  # type: ignore[import-not-found]
    except ImportError:
        return None
    return list(responsibility_gaps(store, region=region))


def _gap_evidence(items) -> list[dict]:
    out = []
    for ev in items or []:
        if isinstance(ev, dict):
            out.append(ev)
        elif isinstance(ev, str):
            out.append({"doc": "", "text": ev})
    return out


def summarize(store: GraphStore, region: str | None = None, year: str | int | None = None) -> dict:
    """Everything the report shows, as plain data: tables of rows whose ``evidence`` are citation numbers."""
    year = str(year) if year else None
    documents = store.documents()
    reports = [d for d in documents if not region or (d.region and region in d.region)]
    activities = queries.find_activities(store, region=region, year=year)
    if year:
        active = {a["doc"] for a in activities}
        reports = [d for d in reports if (d.date or "").startswith(year) or d.id in active]
    if not reports:
        scope = " and ".join(x for x in (f"region {region!r}" if region else "", f"year {year}" if year else "") if x)
        raise PufaError(f"no reports in the store for {scope or 'this store'} (see `pufa docs`)")
    in_scope = {d.id for d in reports}
    titles = {d.id: d.title or d.source for d in documents}
    cites = Evidence(titles)

    def scoped(answers) -> list:
        return [a for a in answers if any(ev.get("doc") in in_scope for ev in a.evidence)]

    cited = [(a, cites.cite(_activity_evidence(a))) for a in activities]
    months = _counted((a["date"][:7], n) for a, n in cited if a.get("date"))
    months.sort(key=lambda r: r["name"])
    pairs = Counter()
    pair_evidence: dict[tuple[str, str], list[int]] = {}
    for a, n in cited:
        for agency in dict.fromkeys(a["organizers"] + a.get("lead_units", [])):
            for law in a["laws"]:
                pairs[(agency, law)] += 1
                if n is not None and n not in pair_evidence.setdefault((agency, law), []):
                    pair_evidence[(agency, law)].append(n)
    venue_names = _venue_labels()
    summary = {
        "title": "普法工作概览" + "".join(f" · {x}" for x in (region, f"{year}年" if year else None) if x),
        "region": region, "year": year,
        "reports": [{"id": d.id, "title": d.title or d.source, "issuer": d.issuer, "date": d.date, "region": d.region}
                    for d in reports],
        "activity_count": len(activities),
        "by_law": _counted((law, n) for a, n in cited for law in a["laws"]),
        "by_month": months,
        "undated": sum(1 for a in activities if not a.get("date")),
        "coverage": [{"agency": ag, "law": law, "count": c, "evidence": pair_evidence.get((ag, law), [])}
                     for (ag, law), c in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))],
        "venue_types": _counted((venue_names.get(v, v), n) for a, n in cited for v in a["venue_types"]),
        "audiences": _counted((g, n) for a, n in cited for g in a["audiences"]),
        "designations": [{"name": a.name, "title": a.detail.get("title"), "level": a.detail.get("level"),
                          "batch": a.detail.get("batch"), "evidence": cites.cite_all(a.evidence)}
                         for a in scoped(queries.designations(store))],
        "culture_sites": [{"name": a.name, "evidence": cites.cite_all(a.evidence)}
                          for a in scoped(queries.culture_sites(store))],
        "quantities": [{"what": q["what"], "as_written": q["as_written"], "evidence": [cites.cite(q["evidence"])]}
                       for q in _quantities(store) if q["doc"] in in_scope],
        "problems": [{"issuer": a.name, "problem": a.detail.get("problem"), "evidence": cites.cite_all(a.evidence)}
                     for a in scoped(queries.problems(store, []))],
        "gaps": None,
    }
    gaps = _responsibility_gaps(store, region)
    if gaps is not None:
        summary["gaps"] = [{"agency": g.get("agency"), "kind": g.get("kind"),
                            "enforces": list(g.get("enforces") or []), "publicized": list(g.get("publicized") or []),
                            "gaps": list(g.get("gaps") or []),
                            "evidence": cites.cite_all(_gap_evidence(g.get("evidence")))} for g in gaps]
    summary["evidence"] = cites.items
    return summary


# -- charts --------------------------------------------------------------------------------

@contextmanager
def _quiet_matplotlib():
    """CJK font settings for one chart, without font-fallback warnings on machines missing some fonts."""
    import matplotlib

    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "pufa-graph",
                                        "font.family": "sans-serif", "font.sans-serif": CJK_FONTS,
                                        "axes.unicode_minus": False, "text.parse_math": False,
                                        "font.size": 10}):
                yield
    finally:
        logger.setLevel(level)


def _svg(fig) -> str:
    """The figure as an <svg> element for inlining in HTML: no prolog, DOCTYPE, metadata or namespace URLs."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = re.sub(r'\s+xmlns(?::\w+)?="[^"]*"', "", text)
    return text.strip()


def _short(text: str, width: int = 16) -> str:
    return text if len(text) <= width else text[:width] + "…"


def bar_chart(rows: list[dict], horizontal: bool = True, color: str = "#3b73b9") -> str:
    """Counts as a bar chart (largest first when horizontal), as inline SVG."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    rows = rows[:TOP] if horizontal else rows
    with _quiet_matplotlib():
        if horizontal:
            fig = Figure(figsize=(7, 0.8 + 0.28 * len(rows)))
            ax = fig.subplots()
            names = [_short(r["name"]) for r in rows][::-1]
            counts = [r["count"] for r in rows][::-1]
            ax.barh(range(len(rows)), counts, color=color)
            ax.set_yticks(range(len(rows)), names)
            for i, c in enumerate(counts):
                ax.text(c, i, f" {c}", va="center", fontsize=8)
            ax.set_xlabel("活动数 activities")
        else:  # a timeline: at most ~24 tick labels however many months it spans
            fig = Figure(figsize=(min(10, max(4, 0.25 * len(rows) + 1.5)), 3))
            ax = fig.subplots()
            ax.bar(range(len(rows)), [r["count"] for r in rows], color=color)
            every = max(1, -(-len(rows) // 24))
            ticks = list(range(0, len(rows), every))
            ax.set_xticks(ticks, [rows[i]["name"] for i in ticks], rotation=45, ha="right")
            ax.set_ylabel("活动数 activities")
        (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
        ax.spines[["top", "right"]].set_visible(False)
        return _svg(fig)


def months_between(rows: list[dict]) -> list[dict]:
    """Monthly counts with the empty months in between filled in, so the timeline keeps its scale."""
    if not rows:
        return []
    known = {r["name"]: r for r in rows}
    (y, m), (y1, m1) = (map(int, rows[0]["name"].split("-")), map(int, rows[-1]["name"].split("-")))
    out = []
    while (y, m) <= (y1, m1) and len(out) < 240:
        key = f"{y:04d}-{m:02d}"
        row = known.get(key, {})
        out.append({"name": key, "count": row.get("count", 0), "evidence": row.get("evidence", [])})
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def coverage_heatmap(coverage: list[dict], agencies: int = 15, laws: int = 12) -> str:
    """Agency × law activity counts for the busiest agencies and most promoted laws, as inline SVG."""
    from matplotlib.figure import Figure

    by_agency, by_law = Counter(), Counter()
    for c in coverage:
        by_agency[c["agency"]] += c["count"]
        by_law[c["law"]] += c["count"]
    rows = [a for a, _ in sorted(by_agency.items(), key=lambda kv: (-kv[1], kv[0]))[:agencies]]
    cols = [law for law, _ in sorted(by_law.items(), key=lambda kv: (-kv[1], kv[0]))[:laws]]
    cell = {(c["agency"], c["law"]): c["count"] for c in coverage}
    matrix = [[cell.get((a, law), 0) for law in cols] for a in rows]
    with _quiet_matplotlib():
        fig = Figure(figsize=(1.8 + 0.55 * len(cols), 1.2 + 0.32 * len(rows)))
        ax = fig.subplots()
        image = ax.imshow(matrix, cmap="Blues", aspect="auto", vmin=0)
        ax.set_xticks(range(len(cols)), [_short(c, 10) for c in cols], rotation=45, ha="right")
        ax.set_yticks(range(len(rows)), [_short(r, 18) for r in rows])
        peak = max((v for row in matrix for v in row), default=0)
        for i, row in enumerate(matrix):
            for j, v in enumerate(row):
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontsize=8,
                            color="white" if v > peak / 2 else "#222")
        fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
        return _svg(fig)


# -- HTML ------------------------------------------------------------------------------------

def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _links(numbers: list[int]) -> str:
    shown = [f'<a href="#ev-{n}">[{n}]</a>' for n in numbers[:LINKS_PER_ROW]]
    if len(numbers) > LINKS_PER_ROW:
        shown.append(f"<span class=more>+{len(numbers) - LINKS_PER_ROW}</span>")
    return " ".join(shown) or "—"


def _html_table(headers: list[str], rows: list[list[str]], empty: str = "（无 none）") -> str:
    """Cells must already be escaped HTML."""
    if not rows:
        return f"<p class=empty>{_e(empty)}</p>"
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _count_rows(rows: list[dict]) -> list[list[str]]:
    return [[_e(r["name"]), str(r["count"]), _links(r["evidence"])] for r in rows]


def render_html(s: dict) -> str:
    """The summary as one offline HTML page (charts inline, report strings escaped)."""
    sections: list[tuple[str, str, str]] = []  # (anchor, heading, body)
    sections.append(("reports", "报告 Reports", _html_table(
        REPORT_HEADERS,
        [[f"<code>{_e(r['id'])}</code>", _e(r["title"]), _e(r["issuer"]), _e(r["date"]), _e(r["region"])]
         for r in s["reports"]])))
    law_chart = f"<figure>{bar_chart(s['by_law'])}</figure>" if s["by_law"] else ""
    sections.append(("by-law", "按法律统计的活动 Activities by law", law_chart + _html_table(
        ["法律 law", "活动 activities", "证据 evidence"], _count_rows(s["by_law"]))))
    timeline = months_between(s["by_month"])
    month_chart = f"<figure>{bar_chart(timeline, horizontal=False, color='#2e9e44')}</figure>" if timeline else ""
    sections.append(("by-month", "按月份统计的活动 Activities by month", month_chart
                     + f"<p class=note>{s['undated']} 项活动无日期 activities without a date are not shown.</p>"
                     + _html_table(["月份 month", "活动 activities", "证据 evidence"], _count_rows(s["by_month"]))))
    heat = f"<figure>{coverage_heatmap(s['coverage'])}</figure>" if s["coverage"] else ""
    sections.append(("coverage", "机关 × 法律 覆盖 Agency × law coverage", heat + _html_table(
        ["机关 agency", "法律 law", "活动 activities", "证据 evidence"],
        [[_e(c["agency"]), _e(c["law"]), str(c["count"]), _links(c["evidence"])] for c in s["coverage"]])))
    venue_chart = f"<figure>{bar_chart(s['venue_types'], color='#f28e1c')}</figure>" if s["venue_types"] else ""
    sections.append(("venues", "场所类型 Venue types", venue_chart + _html_table(
        ["场所类型 venue type", "活动 activities", "证据 evidence"], _count_rows(s["venue_types"]))))
    audience_chart = f"<figure>{bar_chart(s['audiences'], color='#8e63c5')}</figure>" if s["audiences"] else ""
    sections.append(("audiences", "受众 Audiences", audience_chart + _html_table(
        ["受众 audience", "活动 activities", "证据 evidence"], _count_rows(s["audiences"]))))
    sections.append(("designations", "示范命名 Demonstration designations", _html_table(
        ["对象 designee", "称号 title", "级别 level", "批次 batch", "证据 evidence"],
        [[_e(d["name"]), _e(d["title"]), _e(d["level"]), _e(d["batch"]), _links(d["evidence"])]
         for d in s["designations"]])))
    sections.append(("culture-sites", "法治文化阵地 Legal-culture sites", _html_table(
        ["阵地 site", "证据 evidence"], [[_e(c["name"]), _links(c["evidence"])] for c in s["culture_sites"]])))
    sections.append(("quantities", "数字 Quantities", _html_table(
        ["关于 about", "数量 as written", "证据 evidence"],
        [[_e(q["what"]), _e(q["as_written"]), _links(q["evidence"])] for q in s["quantities"]])))
    sections.append(("problems", "存在的问题 Problems reported", _html_table(
        ["报告单位 reported by", "问题 problem", "证据 evidence"],
        [[_e(p["issuer"]), _e(p["problem"]), _links(p["evidence"])] for p in s["problems"]])))
    if s["gaps"] is None:
        gaps = f"<p class=empty>{_e(NO_GAPS)}</p>"
    else:
        gaps = _html_table(GAP_HEADERS,
                           [[_e(g["agency"]), _e(g["kind"]), _e("、".join(g["enforces"])),
                             _e("、".join(g["publicized"])), _e("、".join(g["gaps"])), _links(g["evidence"])]
                            for g in s["gaps"]])
    sections.append(("gaps", "“谁执法谁普法”责任缺口 Responsibility gaps", gaps))
    evidence = "\n".join(
        f'<li id="ev-{ev["n"]}"><div class=source><code>{_e(ev["doc"])}</code> · {_e(ev["title"])}'
        + (f' <span class=offsets>[{_e(ev["start"])}–{_e(ev["end"])}]</span>' if ev["start"] is not None else "")
        + f"</div><blockquote>{_e(ev['text'])}</blockquote></li>" for ev in s["evidence"])
    sections.append(("evidence", "证据 Evidence", f"<ol class=evidence>\n{evidence}\n</ol>" if evidence
                     else "<p class=empty>（无 none）</p>"))
    toc = " · ".join(f'<a href="#{a}">{_e(h.split(" ", 1)[0])}</a>' for a, h, _ in sections)
    body = "\n".join(f'<section id="{a}">\n<h2>{_e(h)}</h2>\n{b}\n</section>' for a, h, b in sections)
    scope = f"{len(s['reports'])} 份报告 reports · {s['activity_count']} 项活动 activities"
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="pufa-graph">
<title>{_e(s['title'])}</title>
<style>{_REPORT_CSS}</style>
</head>
<body>
<header><h1>{_e(s['title'])}</h1><p class=scope>{_e(scope)}</p><nav>{toc}</nav></header>
{body}
</body>
</html>
"""


_REPORT_CSS = """
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "SimHei", sans-serif;
  max-width: 1100px; margin: 0 auto; padding: 12px 20px 60px; color: #222; line-height: 1.5; }
h1 { font-size: 22px; margin: 8px 0 2px; }
h2 { font-size: 17px; border-bottom: 1px solid #ddd; padding-bottom: 3px; margin-top: 28px; }
.scope, .note, .empty { color: #666; font-size: 13px; }
nav { font-size: 13px; }
figure { margin: 8px 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0; width: 100%; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td a { text-decoration: none; }
.more { color: #888; }
ol.evidence li { margin-bottom: 8px; }
ol.evidence li:target { background: #fff6cc; }
.source { font-size: 12px; color: #555; }
blockquote { margin: 2px 0; padding: 4px 8px; background: #f6f6f0; border-left: 3px solid #c9c48a;
  white-space: pre-wrap; word-break: break-all; }
"""


# -- Markdown ------------------------------------------------------------------------------------

def _m(value) -> str:
    """A Markdown table cell that shows report text literally (no markup, no broken columns)."""
    text = " ".join(("" if value is None else str(value)).split())
    text = html.escape(text, quote=False)
    return re.sub(r"([\\|*_`\[\]#])", r"\\\1", text)


def _md_links(numbers: list[int]) -> str:
    shown = [f"[{n}](#ev-{n})" for n in numbers[:LINKS_PER_ROW]]
    if len(numbers) > LINKS_PER_ROW:
        shown.append(f"+{len(numbers) - LINKS_PER_ROW}")
    return " ".join(shown) or "—"


def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "（无 none）"
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _md_counts(rows: list[dict], header: str) -> str:
    peak = max((r["count"] for r in rows), default=1) or 1
    return _md_table([header, "活动 activities", "", "证据 evidence"],
                     [[_m(r["name"]), str(r["count"]), "█" * max(1, round(20 * r["count"] / peak)) if r["count"] else "",
                       _md_links(r["evidence"])] for r in rows])


def render_markdown(s: dict) -> str:
    """The summary as Markdown: the same tables, with text bars instead of charts."""
    out = [f"# {_m(s['title'])}", "",
           f"{len(s['reports'])} 份报告 reports · {s['activity_count']} 项活动 activities", ""]

    def section(heading: str, body: str) -> None:
        out.extend([f"## {heading}", "", body, ""])

    section("报告 Reports", _md_table(REPORT_HEADERS, [
        [f"`{r['id']}`", _m(r["title"]), _m(r["issuer"]), _m(r["date"]), _m(r["region"])] for r in s["reports"]]))
    section("按法律统计的活动 Activities by law", _md_counts(s["by_law"], "法律 law"))
    section("按月份统计的活动 Activities by month",
            _md_counts(months_between(s["by_month"]), "月份 month")
            + f"\n\n{s['undated']} 项活动无日期 activities without a date are not shown.")
    section("机关 × 法律 覆盖 Agency × law coverage",
            _md_table(["机关 agency", "法律 law", "活动 activities", "证据 evidence"],
                      [[_m(c["agency"]), _m(c["law"]), str(c["count"]), _md_links(c["evidence"])]
                       for c in s["coverage"]]))
    section("场所类型 Venue types", _md_counts(s["venue_types"], "场所类型 venue type"))
    section("受众 Audiences", _md_counts(s["audiences"], "受众 audience"))
    section("示范命名 Demonstration designations",
            _md_table(["对象 designee", "称号 title", "级别 level", "批次 batch", "证据 evidence"],
                      [[_m(d["name"]), _m(d["title"]), _m(d["level"]), _m(d["batch"]), _md_links(d["evidence"])]
                       for d in s["designations"]]))
    section("法治文化阵地 Legal-culture sites", _md_table(["阵地 site", "证据 evidence"],
                                                   [[_m(c["name"]), _md_links(c["evidence"])]
                                                    for c in s["culture_sites"]]))
    section("数字 Quantities", _md_table(["关于 about", "数量 as written", "证据 evidence"],
                                       [[_m(q["what"]), _m(q["as_written"]), _md_links(q["evidence"])]
                                        for q in s["quantities"]]))
    section("存在的问题 Problems reported", _md_table(["报告单位 reported by", "问题 problem", "证据 evidence"],
                                                  [[_m(p["issuer"]), _m(p["problem"]), _md_links(p["evidence"])]
                                                   for p in s["problems"]]))
    if s["gaps"] is None:
        gaps = NO_GAPS
    else:
        gaps = _md_table(GAP_HEADERS,
                         [[_m(g["agency"]), _m(g["kind"]), _m("、".join(g["enforces"])), _m("、".join(g["publicized"])),
                           _m("、".join(g["gaps"])), _md_links(g["evidence"])] for g in s["gaps"]])
    section("“谁执法谁普法”责任缺口 Responsibility gaps", gaps)
    lines = []
    for ev in s["evidence"]:
        offsets = f" [{ev['start']}–{ev['end']}]" if ev["start"] is not None else ""
        lines.append(f'{ev["n"]}. <a id="ev-{ev["n"]}"></a>`{ev["doc"]}` · {_m(ev["title"])}{offsets}  \n'
                     f"   > {_m(ev['text'])}")
    section("证据 Evidence", "\n".join(lines) or "（无 none）")
    return "\n".join(out).rstrip() + "\n"


# -- store -> file -----------------------------------------------------------------------------------

def write_report(store: GraphStore, out_path: str | Path, region: str | None = None, year: str | int | None = None,
                 fmt: str = "html") -> dict:
    """Write the one-page summary for ``region`` (text in the reports' region name) and ``year``."""
    if fmt not in ("html", "md"):
        raise PufaError(f"unknown report format {fmt!r}: use html or md")
    summary = summarize(store, region=region, year=year)
    text = render_html(summary) if fmt == "html" else render_markdown(summary)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = text.encode("utf-8")
    out.write_bytes(raw)
    return {"path": str(out), "format": fmt, "bytes": len(raw), "reports": len(summary["reports"]),
            "activities": summary["activity_count"], "evidence": len(summary["evidence"]),
            "gaps": summary["gaps"] is not None}
