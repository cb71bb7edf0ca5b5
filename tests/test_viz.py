"""The graph page: one offline HTML file, filters, trimming, escaping; then the page itself in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pufa_graph import netview
from pufa_graph.errors import PufaError
from pufa_graph.viz import initial_layout, render_graph_html, write_graph

from .browser import Tags, ink, open_offline, settled_position

def _write(store_path: str, out: Path, **filters) -> tuple[dict, str]:
    from pufa_graph.store import open_store

    with open_store(store_path) as store:
        info = write_graph(store, out, **filters)
    return info, out.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def seed_page(seed_store, tmp_path_factory) -> tuple[dict, str, Path]:
    path = tmp_path_factory.mktemp("page") / "graph.html"
    info, page = _write(seed_store, path, overview=False)  # the whole store in detail
    return info, page, path


def page_json(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="pufa-data">(.*?)</script>', page, re.DOTALL)
    assert match, "the page carries its data as application/json"
    return json.loads(match.group(1))




# -- large stores ------------------------------------------------------------------------

def test_reading_report_by_report_gives_the_same_view(seed_store):
    """The per-report path that large stores use builds exactly what the whole-store queries build."""
    from pufa_graph.store import open_store

    with open_store(seed_store, read_only=True) as store:
        whole = netview.build(store)
        by_report = netview.build(store, graphs=[d.graph for d in store.documents()])
    assert dict(whole.nodes(data=True)) == dict(by_report.nodes(data=True))
    assert sorted(whole.edges(keys=True, data=True)) == sorted(by_report.edges(keys=True, data=True))


def test_a_store_larger_than_a_page_is_drawn_from_its_newest_reports(seed_store, tmp_path, monkeypatch):
    from pufa_graph import viz
    from pufa_graph.store import open_store

    monkeypatch.setattr(viz, "MAX_REPORTS", 2)
    with open_store(seed_store, read_only=True) as store:
        newest = sorted(store.documents(), key=lambda d: (d.date or "", d.id), reverse=True)[:2]
    info, page = _write(seed_store, tmp_path / "capped.html", overview=False)
    assert info["capped"] and info["reports"] == 2 and info["stored_reports"] == 5
    assert "newest 2 of 5 reports" in page_json(page)["title"]
    assert set(page_json(page)["docs"]) <= {d.id for d in newest}


# -- the file ---------------------------------------------------------------------------

def test_page_is_one_offline_utf8_file(seed_page):
    info, page, path = seed_page
    assert info["path"] == str(path) and info["bytes"] == path.stat().st_size
    assert not re.search(r"https?://", page, re.IGNORECASE)
    tags = Tags(page).tags
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert len(scripts) == 3 and not any("src" in a for a in scripts)
    assert not [t for t, a in tags if t in ("link", "iframe", "img", "object", "embed")]
    assert not [(t, a) for t, a in tags if any(k.startswith("on") for k in a)]
    assert '<meta charset="utf-8">' in page and "Content-Security-Policy" in page
    assert "vis.Network" in page and "bootstrap" not in page.lower()


def test_page_has_legend_search_and_type_filters(seed_page):
    info, page, _ = seed_page
    for marker in ('id="pufa-legend"', "图例 Legend", 'id="pufa-search"', 'id="pufa-types"', 'id="pufa-panel"'):
        assert marker in page
    data = page_json(page)
    assert set(data["types"]) >= {"agency", "law", "campaign", "activity"}
    assert all(t["color"].startswith("#") and t["shape"] for t in data["types"].values())
    assert sum(t["count"] for t in data["types"].values()) == info["nodes"] == len(data["nodes"])
    assert data["relations"]["organizer"] == "主办"
    assert f"showing {info['nodes']} of {info['total_nodes']} nodes" in page


def test_nodes_carry_aliases_and_evidence_with_report_titles(seed_page):
    data = page_json(seed_page[1])
    law = next(n for n in data["nodes"] if n[1] == "民法典" and n[2] == "law")
    assert "中华人民共和国民法典" in law[3]
    sentences = [data["evidence"][k] for k in law[4]]
    assert any("民法典" in text for _doc, text, _s, _e in sentences)
    assert data["docs"]["184fe6def0c044cf"] == "2024年柳江区普法责任落实情况报告"
    assert all(isinstance(e[0], int) and isinstance(e[1], int) for e in data["edges"])


def test_activity_nodes_are_labelled_by_their_sentence(seed_page):
    data = page_json(seed_page[1])
    activities = [n for n in data["nodes"] if n[2] == "activity"]
    assert activities and all(n[1] != n[0] for n in activities if n[4])


def test_law_filter_is_a_neighbourhood(seed_store, tmp_path):
    info, page = _write(seed_store, tmp_path / "law.html", law="民法典", radius=1)
    data = page_json(page)
    assert info["centres"] == ["law-ebb7b4599fd2"]
    centre = next(i for i, n in enumerate(data["nodes"]) if n[0] == "law-ebb7b4599fd2")
    assert all(centre in (e[0], e[1]) for e in data["edges"])  # radius 1: every edge touches the law
    assert "民法典" in data["title"]


def test_region_and_doc_filters_narrow_to_those_reports(seed_store, tmp_path):
    info, page = _write(seed_store, tmp_path / "region.html", region="柳江")
    data = page_json(page)
    assert info["nodes"] > 10
    assert all("184fe6def0c044cf" in n[8] for n in data["nodes"])
    info, page = _write(seed_store, tmp_path / "doc.html", doc="65436ae4")
    assert all(n[8] == ["65436ae45bf5fc65"] for n in page_json(page)["nodes"])


@pytest.mark.parametrize("filters, message", [
    ({"law": "不存在的法"}, "no law named"),
    ({"region": "火星"}, "no report from a region"),
    ({"doc": "ffffffff"}, "no report with an id"),
])
def test_filters_that_match_nothing_say_so(seed_store, tmp_path, filters, message):
    with pytest.raises(PufaError, match=message):
        _write(seed_store, tmp_path / "x.html", **filters)


def test_max_nodes_keeps_the_best_connected_and_says_so(seed_store, tmp_path):
    from pufa_graph.store import open_store

    info, page = _write(seed_store, tmp_path / "trim.html", max_nodes=40, overview=False)
    assert info["trimmed"] and info["nodes"] == 40 and info["total_nodes"] > 40
    assert f"showing 40 of {info['total_nodes']} nodes" in page and 'class="counts trimmed"' in page
    with open_store(seed_store) as store:
        graph = netview.build(store)
    degree = dict(graph.degree())
    kept = {n[0] for n in page_json(page)["nodes"]}
    threshold = sorted(degree.values(), reverse=True)[39]
    assert all(degree[k] >= threshold for k in kept)
    # a centre survives trimming even when it is not among the best connected
    info, page = _write(seed_store, tmp_path / "trim2.html", campaign="国家宪法日", radius=2, max_nodes=5)
    assert info["nodes"] == 5 and info["centres"][0] in {n[0] for n in page_json(page)["nodes"]}


def test_render_graph_html_takes_any_netview_shaped_graph():
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("a", type="agency", label="县司法局", aliases=["司法局"], docs=["d1"],
                   evidence=[{"doc": "d1", "title": "T", "text": "县司法局开展宣传。", "start": 0, "end": 9}])
    graph.add_node("b", type="law", label="宪法", aliases=[], docs=["d1"], evidence=[])
    graph.add_node("c", type="unknown-kind", label="x", aliases=[], docs=[], evidence=[])
    said = {"doc": "d1", "title": "T", "text": "县司法局宣传宪法。", "start": 10, "end": 19}
    graph.add_edge("a", "b", key="promotesLaw", relation="promotesLaw", evidence=[said])
    graph.add_edge("a", "b", key="organizer", relation="organizer", evidence=[])
    data = page_json(render_graph_html(graph, title="<t>"))
    assert data["title"] == "<t>" and data["types"]["unknown-kind"]["name"] == "其他"
    law = next(n for n in data["nodes"] if n[0] == "b")
    assert [data["evidence"][k][1] for k in law[4]] == ["县司法局宣传宪法。"]  # borrowed from its relation
    assert sorted(e[4] for e in data["edges"]) == [0, 0.2]  # parallel edges curve apart
    assert "&lt;t&gt;" in render_graph_html(graph, title="<t>")
    assert page_json(render_graph_html(nx.MultiDiGraph()))["nodes"] == []


def test_initial_layout_places_every_node_apart(seed_store):
    from pufa_graph.store import open_store

    with open_store(seed_store) as store:
        graph = netview.build(store)
    positions = initial_layout(graph)
    assert set(positions) == set(graph)
    assert len(set(positions.values())) == len(positions)


# -- escaping ---------------------------------------------------------------------------------

def test_report_text_never_becomes_markup(xss_store, tmp_path):
    info, page = _write(xss_store, tmp_path / "xss.html", overview=False)
    assert "<script>alert(" not in page and "<img" not in page and "<b onmouseover" not in page
    tags = Tags(page).tags
    assert [t for t, _ in tags].count("script") == 3
    assert not [(t, a) for t, a in tags if any(k.startswith("on") for k in a)]
    data = page_json(page)
    texts = [text for _doc, text, _s, _e in data["evidence"]]
    assert any("<script>alert(1)</script>" in t for t in texts)
    assert any('" onmouseover="alert(2)' in t for t in texts)
    assert any("<script>alert(4)</script>" in title for title in data["docs"].values())


def test_script_json_escapes_what_ends_a_script():
    from pufa_graph.viz import script_json

    text = script_json({"a": "</script><!-- & \u2028\u2029"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029"}


# -- in the browser ---------------------------------------------------------------------------

def test_browser_graph_renders_offline(browser, seed_page):
    info, _page, path = seed_page
    page, log = open_offline(browser, path)
    try:
        assert ink(page.locator("#pufa-graph canvas").screenshot()) > 0.01
        assert page.locator("#pufa-types input[type=checkbox]").count() == len(page_json(_page)["types"])
        assert "showing" in page.inner_text("#pufa-counts")
        # a type filter hides nodes, it does not delete them
        page.uncheck("#pufa-types input[data-type=activity]")
        hidden = page.evaluate("""() => { var d = window.pufa.data, n = window.pufa.nodes;
            return [n.length, d.nodes.filter((r, i) => r[2] === 'activity' && n.get(i).hidden).length]; }""")
        assert hidden[0] == info["nodes"] and hidden[1] == page_json(_page)["types"]["activity"]["count"]
        page.check("#pufa-types input[data-type=activity]")
        assert page.evaluate("() => window.pufa.nodes.get({filter: n => n.hidden}).length") == 0
        assert log == {"errors": [], "dialogs": [], "blocked": []}
    finally:
        page.close()


def test_browser_search_then_click_shows_the_evidence(browser, seed_page):
    _info, html, path = seed_page
    data = page_json(html)
    law = next(i for i, n in enumerate(data["nodes"]) if n[1] == "民法典" and n[2] == "law")
    sentences = [data["evidence"][k][1] for k in data["nodes"][law][4]]
    page, log = open_offline(browser, path)
    try:
        page.fill("#pufa-search", "民法典")
        page.press("#pufa-search", "Enter")
        assert page.evaluate("() => window.pufa.network.getSelectedNodes()") == [law]
        page.click("#pufa-panel-close")
        assert page.locator("#pufa-panel").is_hidden()
        point = settled_position(page, law)
        page.mouse.click(point["x"], point["y"])  # a real click on the node on the canvas
        panel = page.locator("#pufa-panel")
        panel.wait_for(state="visible")
        assert page.inner_text("#pufa-panel h2") == "民法典"
        text = panel.inner_text()
        assert "中华人民共和国民法典" in text and "2024年柳江区普法责任落实情况报告" in text
        assert any(s[:30] in text for s in sentences)
        assert not log["errors"] and not log["blocked"]
    finally:
        page.close()


def test_browser_click_on_an_edge_shows_its_relation_and_evidence(browser, seed_store, tmp_path):
    _info, html = _write(seed_store, tmp_path / "law.html", law="宪法", radius=1)
    page, log = open_offline(browser, tmp_path / "law.html")
    try:
        # the midpoint of the straight edge that lies farthest from every node
        target = page.evaluate("""() => {
            const p = window.pufa, pos = p.network.getPositions(), d = p.data;
            let best = null;
            d.edges.forEach((e, i) => {
              if (e[4]) return;
              const m = {x: (pos[e[0]].x + pos[e[1]].x) / 2, y: (pos[e[0]].y + pos[e[1]].y) / 2};
              const gap = Math.min(...Object.values(pos).map(q => Math.hypot(q.x - m.x, q.y - m.y)));
              if (!best || gap > best.gap) best = {i, gap, m};
            });
            const dom = p.network.canvasToDOM(best.m), rect = document.getElementById('pufa-graph').getBoundingClientRect();
            return {edge: best.i, x: rect.left + dom.x, y: rect.top + dom.y};
        }""")
        page.mouse.click(target["x"], target["y"])
        page.locator("#pufa-panel[data-kind=edge]").wait_for(state="visible")
        data = page_json(html)
        edge = data["edges"][target["edge"]]
        text = page.inner_text("#pufa-panel")
        assert f"({edge[2]})" in text and data["nodes"][edge[0]][1][:10] in text
        assert all(data["evidence"][k][1][:20] in text for k in edge[3])
        assert not log["errors"]
    finally:
        page.close()


def test_browser_hostile_report_shows_its_text_and_runs_nothing(browser, xss_store, tmp_path):
    _info, _html = _write(xss_store, tmp_path / "xss.html", overview=False)
    page, log = open_offline(browser, tmp_path / "xss.html")
    try:
        page.fill("#pufa-search", "民法典")
        page.press("#pufa-search", "Enter")
        assert "<script>alert(1)</script>" in page.inner_text("#pufa-panel")
        assert "<script>alert(4)</script>" in page.inner_text("#pufa-panel")  # the report title
        page.fill("#pufa-search", "消费者权益保护法")
        page.press("#pufa-search", "Enter")
        text = page.inner_text("#pufa-panel")
        assert '" onmouseover="alert(2)' in text and "<img src=x onerror=alert(3)>" in text
        box = page.locator("#pufa-graph").bounding_box()
        for step in range(12):  # sweep the pointer over the canvas and the panel
            page.mouse.move(box["x"] + box["width"] * step / 12, box["y"] + box["height"] / 2)
        page.hover("#pufa-panel blockquote")
        page.wait_for_timeout(200)
        assert page.locator("#pufa-panel script, #pufa-panel img, #pufa-panel b").count() == 0
        assert log == {"errors": [], "dialogs": [], "blocked": []}
    finally:
        page.close()
