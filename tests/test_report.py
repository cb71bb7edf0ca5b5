"""The one-page summary: counts with evidence links, offline charts with Chinese text, HTML and Markdown."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from pufa_graph.errors import PufaError
from pufa_graph.report import months_between, summarize, write_report

from .browser import Tags, ink, open_offline

HAS_GAPS = importlib.util.find_spec("pufa_graph.gaps") is not None


def _summary(store_path: str, **scope) -> dict:
    from pufa_graph.store import open_store

    with open_store(store_path) as store:
        return summarize(store, **scope)


def _write(store_path: str, out: Path, **options) -> tuple[dict, str]:
    from pufa_graph.store import open_store

    with open_store(store_path) as store:
        info = write_report(store, out, **options)
    return info, out.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def seed_html(seed_store, tmp_path_factory) -> tuple[dict, str, Path]:
    path = tmp_path_factory.mktemp("html") / "report.html"
    info, page = _write(seed_store, path)
    return info, page, path




# -- the data ----------------------------------------------------------------------------------

def test_counts_come_with_their_evidence(seed_store):
    s = _summary(seed_store)
    assert len(s["reports"]) == 5 and s["activity_count"] > 100
    top = s["by_law"][0]
    assert top["name"] == "民法典" and top["count"] >= len(top["evidence"]) > 0
    numbers = {ev["n"] for ev in s["evidence"]}
    assert numbers == set(range(1, len(s["evidence"]) + 1))
    for table in ("by_law", "by_month", "coverage", "venue_types", "audiences", "designations", "culture_sites",
                  "quantities", "problems"):
        assert s[table], table
        assert all(row["evidence"] and set(row["evidence"]) <= numbers for row in s[table]), table
    law_rows = [s["evidence"][n - 1] for n in top["evidence"]]
    assert all("民法典" in ev["text"] or "宪法" in ev["text"] for ev in law_rows)
    assert any(d["name"].endswith("怀洪村") for d in s["designations"])
    assert {"尹场法治文化广场", "百朋怀洪法治宣传长廊"} <= {c["name"] for c in s["culture_sites"]}
    assert "学校" in {v["name"] for v in s["venue_types"]}  # venue codes read as their Chinese names


def test_months_are_sorted_and_the_timeline_fills_gaps(seed_store):
    s = _summary(seed_store)
    months = [r["name"] for r in s["by_month"]]
    assert months == sorted(months) and all(re.fullmatch(r"\d{4}-\d{2}", m) for m in months)
    timeline = months_between(s["by_month"])
    assert timeline[0]["name"] == months[0] and timeline[-1]["name"] == months[-1]
    assert sum(r["count"] for r in timeline) == sum(r["count"] for r in s["by_month"])
    assert s["undated"] + sum(r["count"] for r in timeline) == s["activity_count"]


def test_region_and_year_narrow_the_scope(seed_store):
    s = _summary(seed_store, region="柳江", year=2024)
    assert [r["id"] for r in s["reports"]] == ["184fe6def0c044cf"]
    assert "柳江" in s["title"] and "2024年" in s["title"]
    assert all(ev["doc"] == "184fe6def0c044cf" for ev in s["evidence"] if ev["doc"])
    assert [r["id"] for r in _summary(seed_store, region="灌云")["reports"]] == ["65436ae45bf5fc65"]
    with pytest.raises(PufaError, match="no reports"):
        _summary(seed_store, region="火星")


@pytest.mark.skipif(not HAS_GAPS, reason="pufa_graph.gaps is not in this version yet")
def test_responsibility_gaps_are_listed(seed_store, seed_html):
    s = _summary(seed_store)
    assert s["gaps"] is not None and all({"agency", "gaps", "evidence"} <= set(g) for g in s["gaps"])
    assert "缺口 gaps</th>" in seed_html[1]


# -- HTML --------------------------------------------------------------------------------------------

def test_html_is_offline_and_every_link_has_its_target(seed_html):
    info, page, path = seed_html
    assert info["format"] == "html" and info["bytes"] == path.stat().st_size
    assert not re.search(r"https?://", page) and "<script" not in page
    tags = Tags(page).tags
    assert not [t for t, _ in tags if t in ("link", "img", "iframe", "object")]
    anchors = {a["id"] for _, a in tags if "id" in a}
    links = [a["href"][1:] for t, a in tags if t == "a" and a.get("href", "").startswith("#")]
    assert any(link.startswith("ev-") for link in links) and set(links) <= anchors
    assert len(re.findall(r'<li id="ev-\d+">', page)) == info["evidence"]


def test_html_charts_are_inline_svg_with_chinese_text(seed_html):
    page = seed_html[1]
    assert page.count("<svg") >= 5
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", page)
    assert "民法典" in texts and any("司法局" in t for t in texts)  # svg.fonttype none: text stays text
    assert "WenQuanYi Micro Hei" in page


def test_markdown_has_the_same_tables(seed_store, tmp_path):
    info, text = _write(seed_store, tmp_path / "report.md", fmt="md")
    assert info["format"] == "md" and "<svg" not in text
    for heading in ("## 按法律统计的活动", "## 机关 × 法律 覆盖", "## 示范命名", "## 法治文化阵地", "## 数字",
                    "## 存在的问题", "## 证据 Evidence"):
        assert heading in text
    assert re.search(r"^\| 民法典 \| \d+ \| █+ \| \[\d+\]\(#ev-\d+\)", text, re.MULTILINE)
    links = set(re.findall(r"\]\(#(ev-\d+)\)", text))
    assert links <= set(re.findall(r'<a id="(ev-\d+)"></a>', text))


def test_unknown_format_is_refused(seed_store, tmp_path):
    with pytest.raises(PufaError, match="format"):
        _write(seed_store, tmp_path / "r.pdf", fmt="pdf")


def test_report_text_is_escaped_in_html_and_markdown(xss_store, tmp_path):
    _info, page = _write(xss_store, tmp_path / "xss.html")
    assert "<script>alert" not in page and "<img" not in page and "<b " not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not [(t, a) for t, a in Tags(page).tags if t in ("script", "img", "b") or any(k.startswith("on") for k in a)]
    _info, text = _write(xss_store, tmp_path / "xss.md", fmt="md")
    assert "<script>" not in text and "<img" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


# -- in the browser ------------------------------------------------------------------------------------

def test_browser_report_charts_show_chinese_labels(browser, seed_html):
    page, log = open_offline(browser, seed_html[2], ready=None)
    try:
        for section in ("by-law", "by-month", "coverage", "venues", "audiences"):
            figure = page.locator(f"#{section} figure")
            assert figure.locator("svg").bounding_box()["height"] > 100, section
            assert ink(figure.screenshot()) > 0.02, section
        labels = page.locator("#by-law svg text").all_text_contents()
        assert "民法典" in labels
        # drawn in a CJK font: three full-width glyphs take about three ems
        width = page.evaluate("""() => { const t = [...document.querySelectorAll('#by-law svg text')]
            .find(e => e.textContent === '民法典'); return t.getBBox().width / parseFloat(getComputedStyle(t).fontSize); }""")
        assert 2.5 < width < 3.5
        page.click("#by-law td a")
        assert page.evaluate("() => location.hash").startswith("#ev-")
        assert log == {"errors": [], "dialogs": [], "blocked": []}
    finally:
        page.close()


def test_browser_hostile_report_runs_nothing(browser, xss_store, tmp_path):
    _write(xss_store, tmp_path / "xss.html")
    page, log = open_offline(browser, tmp_path / "xss.html", ready=None)
    try:
        page.hover("#evidence blockquote")
        assert "<script>alert(1)</script>" in page.inner_text("#evidence")
        assert log["dialogs"] == [] and log["errors"] == []
    finally:
        page.close()
