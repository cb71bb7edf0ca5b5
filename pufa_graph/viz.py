"""The graph as one self-contained HTML page: search, legend, type filters and an evidence panel.

pyvis gives us vis-network but not a page we can ship: its output loads Bootstrap
from a CDN, is written in the locale's encoding, has no search or legend, and
stalls with physics on past ~1,000 nodes. So we take only vis-network's bundled
JS/CSS from the pyvis package, inline them (with their URL strings neutralized),
fill the node and edge lists as JSON ourselves and write the page as UTF-8.

Every string that comes from a report travels as JSON inside
``<script type="application/json">`` (with ``<``, ``>``, ``&``, U+2028/9 escaped)
and is put on the page with ``textContent``; nothing from a report is markup.

>>> info = write_graph(store, "exports/graph.html", law="民法典")   # doctest: +SKIP
>>> info["nodes"], info["trimmed"]                                   # doctest: +SKIP
(40, False)
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import deque
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .errors import PufaError

# Colour and shape by node type. Shapes that draw the label below the node keep labels readable.
NODE_STYLES: dict[str, dict[str, str]] = {
    "agency": {"color": "#3b73b9", "shape": "square", "name": "机关单位"},
    "law": {"color": "#d62f2f", "shape": "diamond", "name": "法律法规"},
    "campaign": {"color": "#f28e1c", "shape": "star", "name": "主题活动"},
    "venue": {"color": "#2e9e44", "shape": "triangle", "name": "场所"},
    "venue_type": {"color": "#7cb87f", "shape": "dot", "name": "场所类型"},
    "village": {"color": "#8c5a3c", "shape": "hexagon", "name": "村（社区）"},
    "group": {"color": "#8e63c5", "shape": "triangleDown", "name": "受众群体"},
    "collective": {"color": "#5b7fa6", "shape": "square", "name": "单位集合"},
    "role": {"color": "#b07aa1", "shape": "triangle", "name": "普法角色"},
    "media": {"color": "#17a9bd", "shape": "square", "name": "媒体"},
    "person": {"color": "#e377c2", "shape": "dot", "name": "人物"},
    "region": {"color": "#7a7a7a", "shape": "hexagon", "name": "地区"},
    "activity": {"color": "#b5b82a", "shape": "dot", "name": "普法活动"},
    "report": {"color": "#2c3470", "shape": "diamond", "name": "报告"},
    "designation": {"color": "#d9a520", "shape": "star", "name": "示范命名"},
}
OTHER_STYLE = {"color": "#a0a0a0", "shape": "dot", "name": "其他"}

RELATION_LABELS: dict[str, str] = {
    "organizer": "主办", "partner": "协办", "leadUnit": "牵头", "promotesLaw": "宣传", "venue": "地点",
    "audience": "对象", "partOfCampaign": "属于", "person": "人员", "issuer": "发文", "region": "地区",
    "jurisdiction": "辖区", "operatedBy": "运营", "designee": "命名", "inReport": "出自", "subOrganizationOf": "下属",
}

_URL = re.compile(r"\b(https?)://", re.IGNORECASE)


# -- assets ------------------------------------------------------------------------

@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's minified JS and CSS from the installed pyvis package, safe to inline.

    URL strings in licence comments and string literals become ``http:\\/\\/…`` (the
    same string to JavaScript, no URL to a scanner); CSS comments are dropped.
    """
    try:
        import pyvis
    except ImportError as exc:  # pragma: no cover - pyvis is a dependency
        raise PufaError("the graph page needs pyvis's copy of vis-network: pip install pyvis") from exc
    base = Path(pyvis.__file__).resolve().parent
    found = {}
    for js in base.glob("**/vis-network.min.js"):
        match = re.search(r"vis-(\d+)\.(\d+)\.(\d+)", str(js.parent))
        css = js.with_name("vis-network.css")
        if match and css.exists():
            found[tuple(int(g) for g in match.groups())] = (js, css)
    if not found:
        raise PufaError(f"no vis-network.min.js inside {base}; reinstall pyvis")
    js_path, css_path = found[max(found)]
    js = js_path.read_text(encoding="utf-8")
    css = css_path.read_text(encoding="utf-8")
    js = _URL.sub(r"\1:\\/\\/", js)
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE).replace("<!--", "<\\!--")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return js, css


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no ``<``, ``>``, ``&`` or line separators as raw text."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# -- graph -> page data ------------------------------------------------------------

def trim(graph, max_nodes: int | None, keep: Iterable[str] = ()):
    """The ``max_nodes`` best-connected nodes (the ``keep`` nodes first), or the graph itself when it fits."""
    if not max_nodes or graph.number_of_nodes() <= max_nodes:
        return graph
    pinned = [n for n in dict.fromkeys(keep) if n in graph][:max_nodes]
    degree = dict(graph.degree())
    rest = sorted((n for n in graph if n not in set(pinned)), key=lambda n: (-degree[n], str(n)))
    return graph.subgraph(pinned + rest[: max_nodes - len(pinned)]).copy()


def _snippet(text: str, width: int = 16) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width] + "…"


def _display_label(key: str, data: dict, doc_titles: dict[str, str]) -> str:
    """Activities and designations are labelled by their IRI's hash; show the start of their sentence instead."""
    label = data.get("label") or key
    if data.get("type") == "report":
        return doc_titles.get(key) or label
    if label == key and data.get("evidence"):
        return _snippet(data["evidence"][0].get("text", "")) or label
    return label


def initial_layout(graph, unit: float = 60.0, skeleton: int = 250) -> dict[str, tuple[float, float]]:
    """Cheap starting positions: a force layout of the best-connected nodes, the rest in spirals around them.

    networkx's spring layout is quadratic, so it only places a skeleton of at most
    ``skeleton`` hubs; every other node then joins its best-connected placed neighbour
    on a sunflower spiral (breadth first), and unreached components go in rows below.
    vis-network refines briefly in the page and freezes. 5,000 nodes take about a second.
    """
    import networkx as nx

    adjacency: dict[Any, set] = {n: set() for n in graph}
    for u, v in graph.edges():
        if u != v:
            adjacency[u].add(v)
            adjacency[v].add(u)
    if not adjacency:
        return {}
    degree = {n: len(a) for n, a in adjacency.items()}
    ranked = sorted(adjacency, key=lambda n: (-degree[n], str(n)))
    hubs = [n for n in ranked[:skeleton] if degree[n] > 0] or ranked[:1]
    core = nx.Graph()
    core.add_nodes_from(hubs)
    core.add_edges_from((u, v) for u in hubs for v in adjacency[u] if v in core and str(u) < str(v))
    spread = math.sqrt(len(adjacency)) * unit * 0.9
    layout = nx.spring_layout(core, iterations=60, seed=7) if len(hubs) > 1 else {hubs[0]: (0.0, 0.0)}
    positions = {n: (float(x) * spread, float(y) * spread) for n, (x, y) in layout.items()}
    golden = math.pi * (3 - math.sqrt(5))
    satellites: dict[Any, int] = {}

    def place_around(anchor, node) -> None:
        j = satellites.get(anchor, 0)
        satellites[anchor] = j + 1
        r, a = unit * math.sqrt(j + 1.5), j * golden
        ax, ay = positions[anchor]
        positions[node] = (ax + r * math.cos(a), ay + r * math.sin(a))

    def grow(sources) -> None:
        queue = deque(sources)
        while queue:
            anchor = queue.popleft()
            for node in sorted(adjacency[anchor], key=lambda n: (-degree[n], str(n))):
                if node not in positions:
                    place_around(anchor, node)
                    queue.append(node)

    grow(hubs)
    rest = [n for n in ranked if n not in positions]
    if rest:  # components the skeleton does not reach: one small spiral each, in rows below
        xs = [p[0] for p in positions.values()]
        left, width = min(xs), max(max(xs) - min(xs), unit * 10)
        x, y = left, max(p[1] for p in positions.values()) + unit * 3
        for n in rest:
            if n in positions:
                continue
            positions[n] = (x, y)
            grow([n])
            x += unit * (2 + 2 * math.sqrt(satellites.get(n, 0)))
            if x > left + width:
                x, y = left, y + unit * 4
    return {n: (round(px, 1), round(py, 1)) for n, (px, py) in positions.items()}


def overview_layout(graph, unit: float = 64.0) -> dict[str, tuple[float, float]]:
    """Each region a disc of its own nodes, the discs in rows; shared nodes (laws, venue types) near
    the middle of their neighbours, on the nearest free cell of a grid as fine as the nodes' spacing.

    In a disc (a sunflower spiral) agencies come first, the busiest in the middle, then the places.
    Nothing shares a cell, so no two nodes lie on each other; 5,000 nodes take well under a second.
    """
    by_region: dict[str, list] = {}
    for n, data in graph.nodes(data=True):
        by_region.setdefault(data.get("region") or "", []).append(n)
    shared = by_region.pop("", [])

    def busiest(n) -> tuple:
        data = graph.nodes[n]
        return (data.get("type") != "agency", -data.get("count", 0), str(n))

    golden = math.pi * (3 - math.sqrt(5))
    discs = []
    for region, members in by_region.items():
        members.sort(key=busiest)
        spots = [(unit * 0.62 * math.sqrt(k + 0.5) * math.cos(k * golden),
                  unit * 0.62 * math.sqrt(k + 0.5) * math.sin(k * golden)) for k in range(len(members))]
        radius = unit * 0.62 * math.sqrt(len(members) + 0.5) + unit
        discs.append((radius, region, members, spots))
    discs.sort(key=lambda d: (-d[0], d[1]))
    total = sum((2 * d[0]) ** 2 for d in discs) + len(shared) * (2 * unit) ** 2
    row_width = max(math.sqrt(total) * 1.15, 2 * discs[0][0] if discs else 0.0)
    positions: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for radius, _region, members, spots in discs:  # shelf packing, widest first
        if x and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height + unit, 0.0
        cx, cy = x + radius, y + radius
        for n, (dx, dy) in zip(members, spots):
            positions[n] = (cx + dx, cy + dy)
        x += 2 * radius + unit
        row_height = max(row_height, 2 * radius)
    taken = {(round(px / unit), round(py / unit)) for px, py in positions.values()}
    middle = (row_width / 2, (y + row_height) / 2)
    undirected = graph.to_undirected(as_view=True)
    # shared nodes are the busiest: each keeps room for its label from the other shared nodes, as wide
    # as the label will be on a screen about 1,000 pixels wide that shows the whole layout
    screen_unit = unit * min(1.0, 1000 / max(row_width, y + row_height, 1.0))  # one cell, in pixels
    room = set()
    for n in sorted(shared, key=lambda n: (-graph.nodes[n].get("count", 0), str(n))):
        placed = [positions[m] for m in undirected.neighbors(n) if m in positions]
        tx, ty = (sum(p[0] for p in placed) / len(placed), sum(p[1] for p in placed) / len(placed)) \
            if placed else middle
        cell = _free_cell(taken | room, (round(tx / unit), round(ty / unit)))
        taken.add(cell)
        wide = math.ceil((12 * min(len(str(graph.nodes[n].get("label", ""))), 12) + 8) / screen_unit)
        high = math.ceil(24 / screen_unit)
        room.update((cell[0] + dx, cell[1] + dy) for dx in range(-wide, wide + 1) for dy in range(-high, high + 1))
        positions[n] = (cell[0] * unit, cell[1] * unit)
    return {n: (round(px, 1), round(py, 1)) for n, (px, py) in positions.items()}


def _free_cell(taken: set, start: tuple[int, int]) -> tuple[int, int]:
    """The free grid cell nearest ``start``, searched ring by ring."""
    if start not in taken:
        return start
    sx, sy = start
    ring = 1
    while True:
        cells = [(sx + dx, sy + dy) for dx in range(-ring, ring + 1) for dy in (-ring, ring)]
        cells += [(sx + dx, sy + dy) for dx in (-ring, ring) for dy in range(-ring + 1, ring)]
        free = [c for c in cells if c not in taken]
        if free:
            return min(free, key=lambda c: ((c[0] - sx) ** 2 + (c[1] - sy) ** 2, c))
        ring += 1


def trim_overview(graph, max_nodes: int | None):
    """The ``max_nodes`` busiest nodes of an overview, then without the nodes that trimming left alone."""
    if max_nodes and graph.number_of_nodes() > max_nodes:
        ranked = sorted(graph, key=lambda n: (-graph.nodes[n].get("count", 0), str(n)))
        graph = graph.subgraph(ranked[:max_nodes]).copy()
    alone = [n for n in graph if graph.degree(n) == 0]
    if alone:
        graph = graph.copy()
        graph.remove_nodes_from(alone)
    return graph


#: one colour per region of the overview (by size; more regions than colours reuse them)
REGION_COLOURS = ["#3b73b9", "#2e9e44", "#f28e1c", "#8e63c5", "#17a9bd", "#e377c2", "#8c5a3c", "#b5b82a",
                  "#5b7fa6", "#d9a520", "#2c3470", "#7f7f7f"]
#: what each overview node's focused page is drawn with (``{}`` is the node's name)
FOCUS_OPTIONS = {"agency": "viz --agency", "law": "viz --law", "venue": "viz --place", "village": "viz --place",
                 "venue_type": "activities --venue-type"}


def _shell_word(text: str) -> str:
    import shlex

    return text if re.fullmatch(r"[\w\-.,/:@%+=]+", text) else shlex.quote(text)


def focus_command(data: dict, prefix: str = "pufa", out_dir: str = "exports", stem: str = "graph") -> tuple[str, str]:
    """The command that draws a node's focused page, and the file it writes (none for a venue type,
    whose detail is the list of its activities)."""
    type_, name = data["type"], data["label"]
    if type_ == "venue_type":
        return f"{prefix} activities --venue-type {_shell_word(data.get('code') or name)}", ""
    kind = "place" if type_ in ("venue", "village") else type_
    safe = re.sub(r"[^\w\-]+", "_", name)
    path = f"{out_dir}/{stem}-{kind}-{safe}.html"
    return f"{prefix} {FOCUS_OPTIONS[type_]} {_shell_word(name)} -o {_shell_word(path)}", path


def _edge_evidence(graph, key, limit: int = 5) -> list[dict]:
    """A node with no sentence of its own (a law only ever promoted) borrows those of its relations."""
    out: list[dict] = []
    for edges in (graph.in_edges(key, data=True), graph.out_edges(key, data=True)):
        for _u, _v, data in edges:
            for ev in data.get("evidence") or []:
                if ev and ev not in out and len(out) < limit:
                    out.append(ev)
    return out


def page_data(graph, title: str, max_nodes: int | None = None, doc_titles: dict[str, str] | None = None,
              keep: Iterable[str] = (), command: str = "pufa", out_dir: str = "exports",
              stem: str = "graph") -> dict:
    """Everything the page shows, as plain JSON-ready data (nodes and edges as compact rows).

    An overview graph (``netview.overview``) adds to each node row its activity count, region (an
    index into ``regions``), the command of its focused page and the file that writes, its planned
    count and how many sentences it has; to each edge row its count, planned count and sentences.
    """
    doc_titles = dict(doc_titles or {})
    total_nodes, total_edges = graph.number_of_nodes(), graph.number_of_edges()
    overview = graph.graph.get("view") == "overview"
    shown = trim_overview(graph, max_nodes) if overview else trim(graph, max_nodes, keep)
    evidence: list[list] = []
    seen_evidence: dict[tuple, int] = {}

    def intern(items: list[dict] | None) -> list[int]:
        out = []
        for ev in items or []:
            if not ev or not ev.get("text"):
                continue
            key = (ev.get("doc"), ev.get("text"), ev.get("start"), ev.get("end"))
            if key not in seen_evidence:
                seen_evidence[key] = len(evidence)
                evidence.append([ev.get("doc") or "", ev["text"], ev.get("start"), ev.get("end")])
                if ev.get("doc") and ev.get("title") and ev["doc"] not in doc_titles:
                    doc_titles[ev["doc"]] = ev["title"]
            if seen_evidence[key] not in out:
                out.append(seen_evidence[key])
        return out

    positions = overview_layout(shown) if overview else initial_layout(shown)
    degree = dict(shown.degree())
    regions: dict[str, int] = {}
    if overview:
        for _key, data in shown.nodes(data=True):
            if data.get("region"):
                regions[data["region"]] = regions.get(data["region"], 0) + 1
        regions = dict(sorted(regions.items(), key=lambda kv: (-kv[1], kv[0])))
    region_index = {r: i for i, r in enumerate(regions)}
    index: dict[Any, int] = {}
    nodes = []
    types: dict[str, int] = {}
    for key, data in sorted(shown.nodes(data=True), key=lambda kv: str(kv[0])):
        index[key] = len(nodes)
        type_ = data.get("type") or "other"
        types[type_] = types.get(type_, 0) + 1
        if overview:
            size = min(7 + 3 * math.sqrt(data.get("count", 0)), 30)
        else:
            size = min(10 + 4 * math.sqrt(degree.get(key, 0)), 42) * (0.7 if type_ == "activity" else 1.0)
        x, y = positions.get(key, (0.0, 0.0))
        own = data.get("evidence") or _edge_evidence(shown, key)
        row = [str(key), _display_label(str(key), data, doc_titles), type_,
               [a for a in data.get("aliases") or [] if a], intern(own),
               round(size, 1), x, y, [d for d in data.get("docs") or []]]
        if overview:
            cmd, path = focus_command(data, command, out_dir, stem)
            row += [data.get("count", 0), region_index.get(data.get("region") or "", -1), cmd, path,
                    data.get("planned", 0), data.get("sentences", 0)]
        nodes.append(row)
    edges = []
    pair_count: dict[tuple, int] = {}
    for u, v, data in sorted(shown.edges(data=True), key=lambda e: (str(e[0]), str(e[1]), e[2].get("relation", ""))):
        pair = (u, v) if str(u) <= str(v) else (v, u)
        k = pair_count.get(pair, 0)
        pair_count[pair] = k + 1
        row = [index[u], index[v], data.get("relation") or "", intern(data.get("evidence")), round(0.2 * k, 2)]
        if overview:
            row += [data.get("count", 0), data.get("planned", 0), data.get("sentences", 0)]
        edges.append(row)
    used_docs = {ev[0] for ev in evidence} | {d for n in nodes for d in n[8]}
    styles = {t: dict(NODE_STYLES.get(t, OTHER_STYLE), count=types[t]) for t in types}
    return {
        "view": "overview" if overview else "graph",
        "regions": [[r, REGION_COLOURS[i % len(REGION_COLOURS)], n] for i, (r, n) in enumerate(regions.items())],
        "title": title, "total_nodes": total_nodes, "total_edges": total_edges,
        "shown_nodes": len(nodes), "shown_edges": len(edges), "trimmed": len(nodes) < total_nodes,
        "types": dict(sorted(styles.items(), key=lambda kv: list(NODE_STYLES).index(kv[0])
                             if kv[0] in NODE_STYLES else len(NODE_STYLES))),
        "relations": RELATION_LABELS,
        "docs": {d: doc_titles.get(d) or d for d in sorted(used_docs) if d},
        "evidence": evidence, "nodes": nodes, "edges": edges,
    }


# -- page ----------------------------------------------------------------------------

def render_graph_html(graph, title: str = "普法知识图谱", max_nodes: int | None = None,
                      doc_titles: dict[str, str] | None = None, keep: Iterable[str] = ()) -> str:
    """A self-contained, offline HTML page for a netview graph (see the module docstring)."""
    return _render(page_data(graph, title, max_nodes, doc_titles, keep))


def _counts_text(data: dict) -> str:
    text = (f"显示 {data['shown_nodes']} / {data['total_nodes']} 个节点 · "
            f"showing {data['shown_nodes']} of {data['total_nodes']} nodes, "
            f"{data['shown_edges']} of {data['total_edges']} edges")
    if data["trimmed"]:
        text += " — 仅显示连接最多的节点 (the most connected; narrow with a filter or raise max_nodes)"
    return text


def _render(data: dict) -> str:
    js, css = vis_assets()
    title = html.escape(data["title"])
    trimmed = " trimmed" if data["trimmed"] else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="generator" content="pufa-graph">
<title>{title}</title>
<style>{css}</style>
<style>{_PAGE_CSS}</style>
</head>
<body>
<header>
  <h1>{title}</h1>
  <p id="pufa-counts" class="counts{trimmed}">{html.escape(_counts_text(data))}</p>
  <div class="search" role="search">
    <label for="pufa-search">查找 Search</label>
    <input id="pufa-search" type="search" list="pufa-names" autocomplete="off"
           placeholder="名称或别名 name or alias, Enter">
    <button id="pufa-search-go" type="button">查找</button>
    <span id="pufa-search-status" aria-live="polite"></span>
    <datalist id="pufa-names"></datalist>
  </div>
</header>
<main>
  <nav id="pufa-legend" aria-label="legend">
    <h2>图例 Legend</h2>
    <div id="pufa-types"></div>
    <div id="pufa-regions"></div>
    <p class="hint">勾选以显示或隐藏类型；点击节点或连线查看证据。<br>Tick to show or hide a type; click a node or edge for its evidence.</p>
  </nav>
  <div id="pufa-graph" aria-label="graph"></div>
  <aside id="pufa-panel" aria-live="polite" hidden>
    <button id="pufa-panel-close" type="button" aria-label="close">×</button>
    <div id="pufa-panel-body"></div>
  </aside>
</main>
<div id="pufa-status">正在布局 laying out…</div>
<script type="application/json" id="pufa-data">{script_json(data)}</script>
<script>{js}</script>
<script>{_PAGE_JS}</script>
</body>
</html>
"""


_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:")

_PAGE_CSS = """
html, body { margin: 0; height: 100%; font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei",
  "PingFang SC", "SimHei", sans-serif; font-size: 14px; color: #222; background: #fff; }
body { display: flex; flex-direction: column; }
header { padding: 6px 12px; border-bottom: 1px solid #ddd; display: flex; flex-wrap: wrap; gap: 4px 16px;
  align-items: center; }
header h1 { font-size: 17px; margin: 0; }
.counts { margin: 0; color: #555; font-size: 12px; }
.counts.trimmed { color: #9a4a00; font-weight: bold; }
.search { display: flex; gap: 6px; align-items: center; }
.search input { width: 18em; padding: 3px 6px; }
#pufa-search-status { color: #555; font-size: 12px; }
main { flex: 1; display: flex; min-height: 0; position: relative; }
#pufa-legend { width: 190px; padding: 8px 10px; border-right: 1px solid #ddd; overflow-y: auto; font-size: 13px; }
#pufa-legend h2 { font-size: 14px; margin: 0 0 6px; }
#pufa-legend label { display: flex; align-items: center; gap: 6px; padding: 2px 0; cursor: pointer; }
#pufa-legend svg { flex: none; }
#pufa-legend .count { color: #777; margin-left: auto; }
#pufa-legend .hint { color: #777; font-size: 11px; }
#pufa-graph { flex: 1; min-width: 0; position: relative; }
#pufa-panel { width: 340px; border-left: 1px solid #ddd; padding: 10px 12px; overflow-y: auto; position: relative;
  background: #fcfcfc; }
#pufa-panel[hidden] { display: none; }
#pufa-panel h2 { font-size: 16px; margin: 0 24px 6px 0; word-break: break-all; }
#pufa-panel dl { margin: 0 0 8px; display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; font-size: 13px; }
#pufa-panel dt { color: #666; }
#pufa-panel dd { margin: 0; word-break: break-all; }
#pufa-panel h3 { font-size: 13px; margin: 10px 0 4px; color: #444; }
#pufa-panel ol.evidence { padding-left: 18px; margin: 0; }
#pufa-panel ol.evidence li { margin-bottom: 8px; }
#pufa-panel .source { font-size: 12px; color: #555; }
#pufa-panel .report-id { color: #888; }
#pufa-panel blockquote { margin: 2px 0 0; padding: 4px 6px; background: #f1f1ea; border-left: 3px solid #c9c48a;
  white-space: pre-wrap; word-break: break-all; }
#pufa-panel ul.links { padding-left: 16px; margin: 0; font-size: 13px; }
#pufa-panel button.link { border: none; background: none; color: #1a57a8; cursor: pointer; padding: 0;
  text-align: left; font: inherit; }
#pufa-panel-close { position: absolute; top: 6px; right: 8px; border: none; background: none; font-size: 18px;
  cursor: pointer; }
#pufa-status { position: fixed; bottom: 8px; left: 50%; transform: translateX(-50%); background: #333; color: #fff;
  padding: 4px 12px; border-radius: 4px; font-size: 12px; opacity: .85; }
#pufa-status[hidden] { display: none; }
#pufa-regions h2 { font-size: 14px; margin: 10px 0 6px; }
#pufa-legend .swatch { flex: none; width: 12px; height: 12px; border-radius: 6px; }
#pufa-legend label.region .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
#pufa-panel .focus { margin: 6px 0 8px; padding: 6px; background: #eef3fa; border: 1px solid #c8d6ea; }
#pufa-panel .focus h3 { margin: 0 0 4px; }
#pufa-panel code.command { display: block; white-space: pre-wrap; word-break: break-all; font-size: 12px;
  background: #fff; padding: 4px; border: 1px solid #ddd; user-select: all; }
#pufa-panel .focus .hint { margin: 4px 0 0; font-size: 11px; color: #555; word-break: break-all; }
#pufa-panel .count { color: #777; }
"""

_PAGE_JS = r"""
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("pufa-data").textContent);
  var FALLBACK = {color: "#a0a0a0", shape: "dot", name: "其他"};
  var N = data.nodes.length;
  var byType = {}, hiddenTypes = {}, checkboxes = {};
  var status = document.getElementById("pufa-status");

  function style(t) { return data.types[t] || FALLBACK; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function darker(hex) {
    var n = parseInt(hex.slice(1), 16), f = 0.65;
    var r = Math.round(((n >> 16) & 255) * f), g = Math.round(((n >> 8) & 255) * f), b = Math.round((n & 255) * f);
    return "#" + ((1 << 24) + (r << 16) + (g << 8) + b).toString(16).slice(1);
  }

  // -- vis data --------------------------------------------------------------------
  // the overview colours agencies and places by region, and labels only what fits (see declutter)
  var OVERVIEW = data.view === "overview";
  var byRegion = {}, hiddenRegions = {}, byRegionType = {};
  if (OVERVIEW) data.nodes.forEach(function (r) { if (r[10] >= 0) byRegionType[r[2]] = true; });
  function colourOf(r) {
    return OVERVIEW && r[10] >= 0 ? data.regions[r[10]][1] : style(r[2]).color;
  }
  function shortLabel(text) { return text.length > 12 ? text.slice(0, 11) + "…" : text; }
  var nodeItems = data.nodes.map(function (r, i) {
    var s = style(r[2]), c = colourOf(r);
    (byType[r[2]] = byType[r[2]] || []).push(i);
    if (OVERVIEW && r[10] >= 0) (byRegion[r[10]] = byRegion[r[10]] || []).push(i);
    return {id: i, label: OVERVIEW ? "" : r[1], shape: s.shape, size: r[5], x: r[6], y: r[7],
            color: {background: c, border: darker(c), highlight: {background: c, border: "#000000"}}};
  });
  var edgeItems = data.edges.map(function (r, i) {
    var e = {id: i, from: r[0], to: r[1]};
    if (OVERVIEW) {
      e.width = Math.min(0.6 + 1.4 * Math.log2(1 + r[5]), 9);
      e.color = {color: "rgba(150,150,150," + (N > 1000 ? 0.25 : 0.6) + ")", highlight: "#333333"};
      if (r[6] === r[5]) e.dashes = true;  // only ever planned
    } else {
      e.label = data.relations[r[2]] || r[2];
    }
    if (r[4]) e.smooth = {enabled: true, type: "curvedCW", roundness: r[4]};
    return e;
  });
  var nodes = new vis.DataSet(nodeItems), edges = new vis.DataSet(edgeItems);
  var big = N > 1000;
  // the Python layout is the starting point; physics only refines it, within about 3 s, then freezes
  var iterations = N > 1000 || OVERVIEW ? 0 : Math.min(200, Math.round(60000 / Math.max(N, 1)));
  var options = {
    autoResize: true,
    layout: {improvedLayout: false, randomSeed: 7},
    nodes: {borderWidth: 1, font: {size: 12, face: "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, sans-serif"}},
    edges: {width: 0.8, smooth: false, color: {color: "#b9b9b9", highlight: "#333333"},
            arrows: {to: {enabled: true, scaleFactor: 0.45}},
            font: {size: 9, align: "middle", color: "#666666", strokeWidth: 2}},
    physics: {enabled: iterations > 0 && N > 1, solver: "barnesHut",
              barnesHut: {gravitationalConstant: -4000, centralGravity: 0.15, springLength: 110,
                          springConstant: 0.04, damping: 0.35, avoidOverlap: 0.05},
              stabilization: {enabled: true, iterations: iterations, updateInterval: 10, fit: true}},
    interaction: {hover: false, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false,
                  tooltipDelay: 3600000}
  };
  var container = document.getElementById("pufa-graph");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  var api = window.pufa = {network: network, nodes: nodes, edges: edges, data: data, ready: false,
                           timings: {start: started}};

  // ready means drawn: the page says so (body[data-ready]) after the first frame of the fitted view,
  // not when the layout stops, which is a frame earlier (a screenshot then shows an empty canvas)
  var settling = false;
  function ready() {
    if (settling) return;
    settling = true;
    network.setOptions({physics: {enabled: false}});
    network.fit({animation: false});
    if (OVERVIEW) declutter();
    status.hidden = true;
    network.once("afterDrawing", function () {
      api.ready = true;
      api.timings.ready = performance.now() - started;
      document.body.setAttribute("data-ready", "1");
    });
    network.redraw();
  }
  network.on("stabilizationProgress", function (p) {
    status.textContent = "正在布局 laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", ready);
  network.once("stabilized", ready);
  if (!options.physics.enabled) { network.once("afterDrawing", ready); setTimeout(ready, 0); }

  // -- labels that fit (overview) ---------------------------------------------------------
  // Every label is drawn at the same size on screen; the busiest nodes are labelled first and a
  // label that would touch one already placed is left out, so zooming in shows more of them.
  var FONT_PX = 12, labelled = {}, measure = document.createElement("canvas").getContext("2d");
  measure.font = FONT_PX + "px " + options.nodes.font.face;
  var widths = {};
  function textWidth(t) { return widths[t] === undefined ? (widths[t] = measure.measureText(t).width) : widths[t]; }
  var order = data.nodes.map(function (r, i) { return i; }).sort(function (a, b) {
    return (data.nodes[b][9] || 0) - (data.nodes[a][9] || 0) || a - b;
  });
  function declutter() {
    var scale = network.getScale(), pos = network.getPositions(), w = container.clientWidth, h = container.clientHeight;
    var cell = 64, grid = {}, placed = [], updates = [], want = {};
    function hits(b) {
      for (var gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx++)
        for (var gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy++) {
          var near = grid[gx + "," + gy] || [];
          for (var k = 0; k < near.length; k++) {
            var o = placed[near[k]];
            if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return true;
          }
        }
      return false;
    }
    function add(b) {
      placed.push(b);
      for (var gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx++)
        for (var gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy++)
          (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(placed.length - 1);
    }
    var first = api.selected !== undefined ? [api.selected] : [];
    first.concat(order).forEach(function (i) {
      if (want[i] !== undefined || nodes.get(i).hidden) return;
      var r = data.nodes[i], p = network.canvasToDOM(pos[i]);
      if (p.x < 0 || p.y < 0 || p.x > w || p.y > h) return;
      var text = shortLabel(r[1]), half = textWidth(text) / 2 + 3, top = p.y + r[5] * scale;
      var box = [p.x - half, top, p.x + half, top + FONT_PX * 1.4 + 6];
      if (hits(box)) { want[i] = false; return; }
      add(box);
      want[i] = true;
    });
    var size = FONT_PX / scale;
    data.nodes.forEach(function (r, i) {
      var on = want[i] === true;
      if (on) updates.push({id: i, label: shortLabel(r[1]), font: {size: size}});
      else if (labelled[i]) updates.push({id: i, label: ""});
      labelled[i] = on;
    });
    if (updates.length) nodes.update(updates);
    api.labelled = placed.length;
  }
  var pending = null;
  function declutterSoon() {
    if (!OVERVIEW || !api.ready) return;
    clearTimeout(pending);
    pending = setTimeout(declutter, 120);
  }
  network.on("zoom", declutterSoon);
  network.on("dragEnd", declutterSoon);
  network.on("resize", declutterSoon);
  api.declutter = declutter;
  if (N === 0) { status.textContent = "空图 empty graph"; }

  // -- legend and type filters --------------------------------------------------------
  var SVGNS = "http:\/\/www.w3.org/2000/svg";
  function icon(s) {
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16"); svg.setAttribute("viewBox", "0 0 16 16");
    var shape, pts = null;
    switch (s.shape) {
      case "square": shape = document.createElementNS(SVGNS, "rect");
        shape.setAttribute("x", "2"); shape.setAttribute("y", "2");
        shape.setAttribute("width", "12"); shape.setAttribute("height", "12"); break;
      case "diamond": pts = "8,1 15,8 8,15 1,8"; break;
      case "triangle": pts = "8,1 15,14 1,14"; break;
      case "triangleDown": pts = "1,2 15,2 8,15"; break;
      case "hexagon": pts = "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"; break;
      case "star": pts = "8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.6 3.2,15 5,9.5 0.5,6 6,6"; break;
      default: shape = document.createElementNS(SVGNS, "circle");
        shape.setAttribute("cx", "8"); shape.setAttribute("cy", "8"); shape.setAttribute("r", "6");
    }
    if (pts) { shape = document.createElementNS(SVGNS, "polygon"); shape.setAttribute("points", pts); }
    shape.setAttribute("fill", s.color); shape.setAttribute("stroke", darker(s.color));
    svg.appendChild(shape);
    return svg;
  }
  function setTypeVisible(t, visible) {
    hiddenTypes[t] = !visible;
    if (checkboxes[t]) checkboxes[t].checked = visible;
    nodes.update((byType[t] || []).map(function (i) { return {id: i, hidden: !visible || hiddenRegion(i)}; }));
    declutterSoon();
  }
  function hiddenRegion(i) { return OVERVIEW && !!hiddenRegions[data.nodes[i][10]]; }
  var typeBox = document.getElementById("pufa-types");
  Object.keys(data.types).forEach(function (t) {
    var s = style(t);
    var label = el("label", "type");
    label.setAttribute("data-type", t);
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.setAttribute("data-type", t);
    box.addEventListener("change", function () { setTypeVisible(t, box.checked); });
    checkboxes[t] = box;
    label.appendChild(box);
    // in the overview the colour of agencies and places is their region's: the type is the shape
    label.appendChild(icon(OVERVIEW && byRegionType[t] ? {shape: s.shape, color: "#9a9a9a"} : s));
    label.appendChild(el("span", "name", s.name + " " + t));
    label.appendChild(el("span", "count", (byType[t] || []).length));
    typeBox.appendChild(label);
  });
  api.setTypeVisible = setTypeVisible;
  var regionBox = document.getElementById("pufa-regions");
  if (OVERVIEW && data.regions.length) {
    regionBox.appendChild(el("h2", null, "地区 Regions"));
    data.regions.forEach(function (g, k) {
      var label = el("label", "region"), box = el("input"), swatch = el("span", "swatch");
      box.type = "checkbox"; box.checked = true; box.setAttribute("data-region", k);
      box.addEventListener("change", function () {
        hiddenRegions[k] = !box.checked;
        nodes.update((byRegion[k] || []).map(function (i) {
          return {id: i, hidden: !box.checked || !!hiddenTypes[data.nodes[i][2]]}; }));
        declutterSoon();
      });
      swatch.style.background = g[1];
      label.title = g[0];
      label.appendChild(box);
      label.appendChild(swatch);
      label.appendChild(el("span", "name", g[0]));
      label.appendChild(el("span", "count", g[2]));
      regionBox.appendChild(label);
    });
  }

  // -- side panel ------------------------------------------------------------------------
  var panel = document.getElementById("pufa-panel"), body = document.getElementById("pufa-panel-body");
  document.getElementById("pufa-panel-close").addEventListener("click", function () { panel.hidden = true; });
  function row(dl, term, value) {
    dl.appendChild(el("dt", null, term));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    dl.appendChild(dd);
  }
  function evidenceList(ids) {
    if (!ids.length) return el("p", "none", "（无证据句 no evidence sentence）");
    var ol = el("ol", "evidence");
    ids.forEach(function (k) {
      var ev = data.evidence[k], li = el("li"), src = el("div", "source");
      src.appendChild(el("span", "report-title", data.docs[ev[0]] || ev[0]));
      src.appendChild(el("span", "report-id", " · " + ev[0] + (ev[2] !== null ? " [" + ev[2] + "–" + ev[3] + "]" : "")));
      li.appendChild(src);
      li.appendChild(el("blockquote", null, ev[1]));
      ol.appendChild(li);
    });
    return ol;
  }
  function nodeLink(i) {
    var b = el("button", "link", data.nodes[i][1]);
    b.type = "button";
    b.addEventListener("click", function () { select(i); });
    return b;
  }
  function open(kind) {
    while (body.firstChild) body.removeChild(body.firstChild);
    panel.hidden = false;
    panel.setAttribute("data-kind", kind);
  }
  function more(shown, total) {
    return total > shown ? " (" + shown + " / " + total + ", +" + (total - shown) + " more)" : "";
  }
  // the overview links into the detail by the command that draws it: a page per node would copy
  // vis-network into thousands of files, and a command always draws from the store as it is now
  function focusBox(r) {
    var box = el("div", "focus");
    box.appendChild(el("h3", null, r[12] ? "详图 Detailed page" : "详情 Details"));
    var code = el("code", "command", r[11]);
    box.appendChild(code);
    var copy = el("button", "copy", "复制 Copy");
    copy.type = "button";
    copy.addEventListener("click", function () {
      var done = function () { copy.textContent = "已复制 Copied"; };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(r[11]).then(done, selectText);
      else selectText();
      function selectText() {
        var range = document.createRange();
        range.selectNodeContents(code);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        copy.textContent = "已选中 Selected: Ctrl+C";
      }
    });
    box.appendChild(copy);
    if (r[12]) box.appendChild(el("p", "hint", "然后打开 then open " + r[12]));
    return box;
  }
  function showNode(i) {
    var r = data.nodes[i], s = style(r[2]);
    open("node");
    body.appendChild(el("h2", null, r[1]));
    var dl = el("dl");
    row(dl, "类型", s.name + " (" + r[2] + ")");
    row(dl, "标识", r[0]);
    row(dl, "别名", r[3].length ? r[3].join("；") : "—");
    row(dl, "报告", r[8].length ? r[8].map(function (d) { return data.docs[d] || d; }).join("；") : "—");
    if (OVERVIEW) {
      row(dl, "活动 activities", r[9] + (r[13] ? "（其中计划 " + r[13] + " planned）" : ""));
      row(dl, "地区 region", r[10] >= 0 ? data.regions[r[10]][0] : "（多地共有 shared）");
    }
    body.appendChild(dl);
    if (OVERVIEW) body.appendChild(focusBox(r));
    body.appendChild(el("h3", null, "证据 Evidence" + (OVERVIEW ? more(r[4].length, r[14]) : "")));
    body.appendChild(evidenceList(r[4]));
    var connected = network.getConnectedEdges(i);
    if (connected.length) {
      body.appendChild(el("h3", null, "关系 Relations (" + connected.length + ")"));
      var ul = el("ul", "links");
      if (OVERVIEW) connected.sort(function (a, b) { return data.edges[b][5] - data.edges[a][5] || a - b; });
      connected.slice(0, 60).forEach(function (eid) {
        var e = data.edges[eid], li = el("li"), out = e[0] === i;
        li.appendChild(el("span", null, (out ? "→ " : "← ") + (data.relations[e[2]] || e[2]) + " "));
        li.appendChild(nodeLink(out ? e[1] : e[0]));
        if (OVERVIEW) li.appendChild(el("span", "count", " ×" + e[5]));
        ul.appendChild(li);
      });
      body.appendChild(ul);
    }
  }
  function showEdge(id) {
    var e = data.edges[id];
    open("edge");
    body.appendChild(el("h2", null, (data.relations[e[2]] || e[2]) + " (" + e[2] + ")"));
    var dl = el("dl");
    row(dl, "从 from", nodeLink(e[0]));
    row(dl, "到 to", nodeLink(e[1]));
    if (OVERVIEW) row(dl, "活动 activities", e[5] + (e[6] ? "（其中计划 " + e[6] + " planned）" : ""));
    body.appendChild(dl);
    body.appendChild(el("h3", null, "证据 Evidence" + (OVERVIEW ? more(e[3].length, e[7]) : "")));
    body.appendChild(evidenceList(e[3]));
  }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });
  function select(i) {
    var t = data.nodes[i][2];
    if (hiddenTypes[t]) setTypeVisible(t, true);
    network.selectNodes([i]);
    network.focus(i, {scale: Math.max(network.getScale(), 1.2), animation: false});
    showNode(i);
    api.selected = i;
  }
  api.select = select;
  api.showEdge = showEdge;
  api.domPosition = function (i) {
    var p = network.canvasToDOM(network.getPositions([i])[i]), rect = container.getBoundingClientRect();
    return {x: rect.left + p.x, y: rect.top + p.y};
  };

  // -- search -----------------------------------------------------------------------------
  function norm(s) { return String(s).replace(/[\s《》〈〉“”"'‘’「」『』]/g, "").toLowerCase(); }
  var names = data.nodes.map(function (r) { return [norm(r[1]), norm(r[0])].concat(r[3].map(norm)); });
  var list = document.getElementById("pufa-names"), listed = {};
  data.nodes.forEach(function (r) {
    [r[1]].concat(r[3]).forEach(function (n) {
      if (!listed[n]) { listed[n] = true; var o = el("option"); o.value = n; list.appendChild(o); }
    });
  });
  function matches(q) {
    q = norm(q);
    if (!q) return [];
    var exact = [], partial = [];
    names.forEach(function (ns, i) {
      if (ns.indexOf(q) >= 0) exact.push(i);
      else if (ns.some(function (n) { return n.indexOf(q) >= 0; })) partial.push(i);
    });
    var bySize = function (a, b) { return data.nodes[b][5] - data.nodes[a][5] || a - b; };
    return exact.sort(bySize).concat(partial.sort(bySize));
  }
  var input = document.getElementById("pufa-search"), searchStatus = document.getElementById("pufa-search-status");
  var last = {q: null, found: [], at: -1};
  function go() {
    var q = input.value;
    if (q !== last.q) last = {q: q, found: matches(q), at: -1};
    if (!last.found.length) { searchStatus.textContent = q ? "未找到 not found" : ""; return; }
    last.at = (last.at + 1) % last.found.length;
    select(last.found[last.at]);
    searchStatus.textContent = (last.at + 1) + " / " + last.found.length;
  }
  input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); go(); } });
  input.addEventListener("input", function (e) {
    // a pick from the datalist arrives as an input event that is not typing
    if (!(e instanceof InputEvent) || e.inputType === "insertReplacementText") { go(); return; }
    var n = matches(input.value).length;
    searchStatus.textContent = input.value ? n + " 个匹配 matches — Enter" : "";
  });
  document.getElementById("pufa-search-go").addEventListener("click", go);
  api.search = function (q) { input.value = q; last = {q: null, found: [], at: -1}; go(); return api.selected; };
})();
"""


# -- store -> file ---------------------------------------------------------------------

def write_graph(store, out_path: str | Path, law: str | None = None, agency: str | None = None,
                region: str | None = None, doc: str | None = None, campaign: str | None = None,
                radius: int = 2, max_nodes: int | None = 1500, place: str | None = None,
                command: str = "pufa", overview: bool | None = None) -> dict:
    """Write the graph page for the part of the store a filter picks, or the overview without one.

    ``doc`` (a report id prefix) and ``region`` (text in the reports' region name)
    narrow the graph to those reports; ``law``, ``agency``, ``campaign`` and ``place`` (a venue
    or village; label or alias) pick centre nodes, and the page shows everything within ``radius``
    steps of any centre. ``max_nodes`` keeps the best-connected nodes (centres first).
    A page draws at most ``MAX_REPORTS`` reports (the newest, of those naming a centre);
    the title says so when a store holds more. Without any filter the page is the overview
    (``write_overview``), whose nodes show the ``command`` … that draws their own page;
    ``overview=False`` draws the whole store in detail instead.
    """
    from . import netview

    if overview or (overview is None and not any((law, agency, region, doc, campaign, place))):
        return write_overview(store, out_path, max_nodes=max_nodes, command=command)
    documents = store.documents()
    titles = {d.id: d.title or d.source for d in documents}
    chosen = documents
    scope = []
    if doc:
        chosen = [d for d in chosen if d.id.startswith(doc)]
        if not chosen:
            raise PufaError(f"no report with an id starting {doc!r} (see `pufa docs`)")
        scope.append(f"报告 {doc}")
    if region:
        chosen = [d for d in chosen if d.region and region in d.region]
        if not chosen:
            known = sorted({d.region for d in documents if d.region})
            raise PufaError(f"no report from a region named like {region!r}; regions: {', '.join(known) or 'none'}")
        scope.append(f"地区 {region}")
    capped = len(chosen) > MAX_REPORTS
    if capped:
        chosen = _reports_to_draw(store, chosen, [v for v in (law, agency, campaign, place) if v])
        scope.append(f"最新 {len(chosen)} / {len(documents)} 份报告 newest {len(chosen)} of {len(documents)} reports")
    if len(chosen) == len(documents):
        graph = netview.build(store, documents=documents)
    else:
        graph = netview.build(store, graphs=[d.graph for d in chosen], documents=documents)
    centres: list[str] = []
    for value, types in ((law, ("law",)), (agency, ("agency",)), (campaign, ("campaign",)),
                         (place, ("venue", "village"))):
        if value:
            found = [n for type_ in types for n in netview.find_nodes(graph, value, type_)]
            if not found:
                raise PufaError(f"no {' or '.join(types)} named {value!r} in the graph "
                                f"(see `pufa entities --type {types[0]}`)")
            centres += [n for n in found if n not in centres]
            scope.append(value)
    if centres:
        graph = netview.neighbourhood(graph, centres, radius)
    title = "普法知识图谱" + (" · " + " · ".join(scope) if scope else "")
    data = page_data(graph, title, max_nodes, titles, keep=centres)
    info = _write_page(data, out_path)
    return dict(info, centres=centres, reports=len(chosen), stored_reports=len(documents), capped=capped)


def write_overview(store, out_path: str | Path, max_nodes: int | None = 1500, command: str = "pufa") -> dict:
    """Write the overview page: who promoted what, where (``netview.overview``), coloured by region.

    Each node's panel gives the command that draws its focused page beside this one
    (``focus_command``), with ``command`` (e.g. ``pufa --store X``) in front.
    """
    from . import netview

    documents = store.documents()
    titles = {d.id: d.title or d.source for d in documents}
    info = write_overview_of(netview.overview_rows(store), out_path, max_nodes, command, titles)
    return dict(info, centres=[], reports=len(documents), stored_reports=len(documents), capped=False)


def write_overview_of(rows: list[dict], out_path: str | Path, max_nodes: int | None = 1500, command: str = "pufa",
                      doc_titles: dict[str, str] | None = None) -> dict:
    """The overview page of activity rows (``netview.overview_rows``), wherever they come from."""
    from . import netview

    out = Path(out_path)
    title = "普法概览 · 谁在哪里宣传了什么 · who promoted what, where"
    data = page_data(netview.overview(rows), title, max_nodes, doc_titles, command=command,
                     out_dir=out.parent.as_posix(), stem=out.stem)
    return _write_page(data, out)


def _write_page(data: dict, out_path: str | Path) -> dict:
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = _render(data).encode("utf-8")
    out.write_bytes(raw)
    return {"path": str(out), "view": data["view"], "nodes": data["shown_nodes"], "edges": data["shown_edges"],
            "trimmed": data["trimmed"], "bytes": len(raw), "total_nodes": data["total_nodes"],
            "total_edges": data["total_edges"]}


#: a page draws at most this many reports; a larger store is narrowed to the newest (of those naming
#: the centres): reading every report of a store of 10,000 took six minutes for a page that shows 5,000 nodes
MAX_REPORTS = 300


def _reports_to_draw(store, reports: list, names: list[str]) -> list:
    """The newest MAX_REPORTS of ``reports``, preferring those whose graph names one of ``names``."""
    from .sparql import label
    from .store.base import ENTITIES, PROLOGUE

    if names:
        values = " ".join(label(n) for n in names)
        rows = store.query(PROLOGUE + f"SELECT DISTINCT ?g WHERE {{ VALUES ?name {{ {values} }} "
                                      f"GRAPH {ENTITIES} {{ ?x rdfs:label|skos:altLabel ?name }} "
                                      "GRAPH ?g { ?d a pufa:Report . ?xBy ?xHow ?x } }")
        naming = {r["g"] for r in rows}
        reports = [d for d in reports if d.graph in naming] or reports
    return sorted(reports, key=lambda d: (d.date or "", d.id), reverse=True)[:MAX_REPORTS]
