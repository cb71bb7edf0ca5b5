"""The overview page (`pufa viz` without a filter): who promoted what, where; then readable in Chromium."""

from __future__ import annotations

import json
import re
import shlex
from collections import Counter
from pathlib import Path

import pytest

from pufa_graph import netview
from pufa_graph.store import open_store
from pufa_graph.store.base import PROLOGUE
from pufa_graph.viz import write_graph, write_overview, write_overview_of

from .browser import Tags, open_offline
from .conftest import REPORTS, ingest_into


def page_json(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="pufa-data">(.*?)</script>', page, re.DOTALL)
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def seed_rows(seed_store) -> list[dict]:
    with open_store(seed_store, read_only=True) as store:
        return netview.overview_rows(store)


@pytest.fixture(scope="module")
def seed_overview(seed_store, tmp_path_factory) -> tuple[dict, dict, Path]:
    path = tmp_path_factory.mktemp("overview") / "graph.html"
    with open_store(seed_store, read_only=True) as store:
        info = write_graph(store, path)  # no filter: the overview
    return info, page_json(path.read_text(encoding="utf-8")), path


# -- the graph -------------------------------------------------------------------------------

def test_an_edge_counts_the_activities_that_join_an_agency_to_a_law_or_place(seed_rows):
    graph = netview.overview(seed_rows)
    assert {d["type"] for _n, d in graph.nodes(data=True)} <= set(netview.OVERVIEW_TYPES)
    expected = Counter()
    for row in seed_rows:
        whats = [f"law:{law}" for law in row["laws"]] + [f"{t}:{code or name}" for t, name, code in row["places"]]
        expected.update((f"agency:{a}", w) for a in row["agencies"] for w in whats)
    assert {(u, v): d["count"] for u, v, d in graph.edges(data=True)} == dict(expected)
    law = graph.nodes["law:民法典"]
    assert law["count"] == sum(1 for r in seed_rows if "民法典" in r["laws"] and r["agencies"])
    assert graph.nodes["agency:柳州市柳江区司法局"]["region"] == "广西壮族自治区柳州市柳江区"
    assert law["region"] == ""  # laws are shared between regions


def test_the_agencies_of_a_law_are_those_the_activities_query_finds(seed_store, seed_rows):
    from pufa_graph.queries import find_activities

    graph = netview.overview(seed_rows)
    with open_store(seed_store, read_only=True) as store:
        acts = find_activities(store, law="宪法")
    found = {f"agency:{a}" for act in acts for a in act["organizers"] + act["partners"]}
    assert {u for u, _v in graph.in_edges("law:宪法")} == found


def test_every_edge_keeps_a_few_sentences_of_its_reports(seed_store, seed_rows):
    graph = netview.overview(seed_rows)
    with open_store(seed_store, read_only=True) as store:
        texts = {d.id: store.query(PROLOGUE + f"SELECT ?t WHERE {{ GRAPH <{d.graph}> {{ ?d pufa:text ?t }} }}")[0]["t"]
                 for d in store.documents()}
    for _u, _v, edge in graph.edges(data=True):
        assert 1 <= len(edge["evidence"]) <= netview.OVERVIEW_EVIDENCE <= edge["sentences"] or \
            len(edge["evidence"]) == edge["sentences"]
        for ev in edge["evidence"]:
            assert texts[ev["doc"]][ev["start"]:ev["end"]] == ev["text"]
            assert ev["doc"] in edge["docs"]


def test_a_quoted_edge_prefers_sentences_from_different_reports():
    rows = [{"doc": doc, "region": "某县", "agencies": ["县司法局"], "laws": ["宪法"], "places": [], "planned": False,
             "evidence": {"doc": doc, "title": doc, "text": f"{doc}第{i}句", "start": i, "end": i + 4}}
            for doc, i in [("a", 1), ("a", 2), ("a", 3), ("b", 1), ("c", 1)]]
    edge = netview.overview(rows).edges["agency:县司法局", "law:宪法", "promotesLaw"]
    assert edge["count"] == 5 and edge["sentences"] == 5
    assert sorted(ev["doc"] for ev in edge["evidence"]) == ["a", "b", "c"]


def test_the_overview_page_has_no_isolated_node_even_when_trimmed(seed_store, tmp_path):
    with open_store(seed_store, read_only=True) as store:
        whole = netview.build(store)
        info = write_graph(store, tmp_path / "small.html", max_nodes=12)
    assert any(whole.degree(n) == 0 for n in whole)  # the detailed graph has them
    data = page_json((tmp_path / "small.html").read_text(encoding="utf-8"))
    assert info["view"] == "overview" and data["view"] == "overview" and 0 < info["nodes"] <= 12
    joined = {i for e in data["edges"] for i in e[:2]}
    assert joined == set(range(len(data["nodes"])))


def test_overview_nodes_carry_count_region_and_evidence(seed_overview):
    _info, data, _path = seed_overview
    by_name = {n[1]: n for n in data["nodes"]}
    agency = by_name["柳州市柳江区司法局"]
    assert agency[9] > 0 and data["regions"][agency[10]][0] == "广西壮族自治区柳州市柳江区"
    assert by_name["民法典"][10] == -1 and by_name["民法典"][9] >= by_name["民法典"][13]
    for n in data["nodes"]:
        assert n[4], f"{n[1]} has no sentence"
        assert all(data["evidence"][k][0] in data["docs"] for k in n[4])
    assert all(e[5] >= 1 and e[3] for e in data["edges"])


def test_report_text_never_becomes_markup_in_the_overview(xss_store, tmp_path):
    with open_store(xss_store, read_only=True) as store:
        write_overview(store, tmp_path / "xss.html")
    page = (tmp_path / "xss.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in page and "<img" not in page
    assert [t for t, _ in Tags(page).tags].count("script") == 3
    assert any("<script>alert(1)</script>" in ev[1] for ev in page_json(page)["evidence"])


# -- the CLI: the overview links into the focused pages --------------------------------------

def test_each_node_shows_the_command_that_draws_its_focused_page(pufa, store_path, tmp_path):
    from click.testing import CliRunner

    from pufa_graph.cli import main

    pufa("ingest", str(REPORTS), "--quiet")
    out = tmp_path / "pages" / "graph.html"
    result = pufa("viz", "-o", str(out))
    assert "the overview" in result.output
    data = page_json(out.read_text(encoding="utf-8"))
    picked = {}
    for n in sorted(data["nodes"], key=lambda n: -n[9]):
        picked.setdefault(n[2], n)
    assert {"agency", "law", "venue", "venue_type"} <= set(picked)
    for type_, node in picked.items():
        command = shlex.split(node[11])
        assert command[:3] == ["pufa", "--store", store_path]
        result = CliRunner().invoke(main, command[1:], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        if type_ == "venue_type":
            assert command[3:5] == ["activities", "--venue-type"] and node[12] == ""
            assert result.output.strip()
            continue
        page = Path(node[12])
        assert page.parent == out.parent and page.exists(), node[11]
        focused = page_json(page.read_text(encoding="utf-8"))
        assert focused["view"] == "graph" and node[1] in focused["title"]
        assert node[1] in {n[1] for n in focused["nodes"]}


@pytest.mark.parametrize("option, value, message", [
    ("--max-nodes", "0", "Invalid value for '--max-nodes': 0 is not in the range x>=1."),
    ("--radius", "-1", "Invalid value for '--radius': -1 is not in the range x>=0."),
])
def test_viz_refuses_sizes_that_draw_nothing(pufa, option, value, message):
    result = pufa("viz", "--law", "宪法", option, value, expect=2)
    assert result.output.strip().splitlines()[-1] == f"Error: {message}"


# -- in the browser: readable at 500 and 5,000 nodes -------------------------------------------

@pytest.fixture(scope="module")
def generated_rows(tmp_path_factory) -> tuple[str, list[dict]]:
    """40 generated reports (bench/corpus.py): about 700 overview nodes in some 40 regions."""
    from bench.corpus import generate

    folder = tmp_path_factory.mktemp("generated")
    generate(folder / "reports", 40, seed=17)
    store = ingest_into(folder / "store", [folder / "reports"])
    with open_store(store, read_only=True) as opened:
        return store, netview.overview_rows(opened)


@pytest.fixture(scope="module")
def overview_pages(generated_rows, tmp_path_factory) -> dict[int, Path]:
    """The 500-node page from the store by the command's own path; the 5,000-node page from nine
    copies of its rows, each copy its own regions (as bench/viz_bench.py does), by the same function."""
    from bench.viz_bench import repeated_rows

    store, rows = generated_rows
    folder = tmp_path_factory.mktemp("pages")
    with open_store(store, read_only=True) as opened:
        write_graph(opened, folder / "500.html", max_nodes=500)
    write_overview_of(repeated_rows(rows, 9), folder / "5000.html", max_nodes=5000)
    return {500: folder / "500.html", 5000: folder / "5000.html"}


#: the labels vis-network drew in the initial view, as screen rectangles; hidden nodes are not drawn
VISIBLE_LABELS = """() => {
  const p = window.pufa, net = p.network, rect = document.getElementById('pufa-graph').getBoundingClientRect();
  const out = [];
  p.data.nodes.forEach((r, i) => {
    const node = net.body.nodes[i], label = node.labelModule;
    if (node.options.hidden || !label.visible()) return;
    const a = net.canvasToDOM({x: label.size.left, y: label.size.top});
    const b = net.canvasToDOM({x: label.size.left + label.size.width, y: label.size.top + label.size.height});
    if (b.x < 0 || b.y < 0 || a.x > rect.width || a.y > rect.height) return;
    out.push({i, count: r[9], box: [a.x, a.y, b.x, b.y]});
  });
  return {labels: out, inView: p.data.nodes.filter((r, i) => {
            const q = net.canvasToDOM(net.getPositions([i])[i]);
            return q.x >= 0 && q.y >= 0 && q.x <= rect.width && q.y <= rect.height; }).length,
          alone: p.data.nodes.filter((r, i) => net.getConnectedEdges(i).length === 0).length};
}"""


def overlapping_share(labels: list[dict]) -> float:
    """The share of labels whose rectangle overlaps another's by more than a pixel each way."""
    boxes = [lab["box"] for lab in labels]
    hit = set()
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1:
                hit.update((i, j))
    return len(hit) / max(len(boxes), 1)


@pytest.mark.parametrize("size", [500, 5000])
def test_browser_overview_is_readable_in_its_first_view(browser, overview_pages, size):
    """Labels of the first view do not overlap (measured on vis-network's own label boxes), the busiest
    nodes are labelled, and no isolated node is drawn. The threshold, 2%, leaves room for the few
    pixels between the page's estimate of a label (its font's measure) and the box vis-network draws;
    the page itself places none on another, while the whole-store page of before overlapped most."""
    data = page_json(overview_pages[size].read_text(encoding="utf-8"))
    assert abs(len(data["nodes"]) - size) <= size * 0.05
    page, log = open_offline(browser, overview_pages[size])
    try:
        found = page.evaluate(VISIBLE_LABELS)
        labels = found["labels"]
        assert found["alone"] == 0
        assert len(labels) >= 40, f"only {len(labels)} labels drawn of {found['inView']} nodes in view"
        assert overlapping_share(labels) < 0.02
        busiest = sorted(range(len(data["nodes"])), key=lambda i: (-data["nodes"][i][9], i))[:10]
        shown = {lab["i"] for lab in labels}
        assert busiest[0] in shown and len(shown & set(busiest)) >= 5  # the rest show on zooming in
        # zooming in labels more of what is in view
        page.evaluate("() => window.pufa.network.moveTo({scale: window.pufa.network.getScale() * 4})")
        page.evaluate("() => window.pufa.declutter()")
        page.evaluate("() => new Promise(done => { window.pufa.network.once('afterDrawing', done); "
                      "window.pufa.network.redraw(); })")
        zoomed = page.evaluate(VISIBLE_LABELS)["labels"]
        assert overlapping_share(zoomed) < 0.02
        assert not log["errors"] and not log["blocked"]
    finally:
        page.close()


def test_browser_clicking_an_overview_node_shows_its_command_and_evidence(browser, seed_overview):
    _info, data, path = seed_overview
    law = next(i for i, n in enumerate(data["nodes"]) if n[1] == "民法典")
    page, log = open_offline(browser, path)
    try:
        page.fill("#pufa-search", "民法典")
        page.press("#pufa-search", "Enter")
        panel = page.inner_text("#pufa-panel")
        assert data["nodes"][law][11] in panel
        assert data["evidence"][data["nodes"][law][4][0]][1][:20] in panel
        assert "×" in panel  # its agencies, with how often
        page.uncheck("#pufa-regions input[data-region='0']")
        hidden = page.evaluate("() => window.pufa.nodes.get({filter: n => n.hidden}).map(n => n.id)")
        assert sorted(hidden) == [i for i, n in enumerate(data["nodes"]) if n[10] == 0]
        assert not log["errors"] and not log["blocked"]
    finally:
        page.close()
