"""How the graph page scales: generation time, file size and time to a frozen layout in Chromium.

Builds graphs of the requested sizes by repeating the seed reports' graph
(laws, campaigns and regions stay shared, everything else is copied), renders
each with ``pufa_graph.viz`` and opens it in headless Debian Chromium with the
network blocked, timing until the page reports its layout frozen.

    python bench/viz_bench.py [--sizes 500 5000] [--json] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SHARED_TYPES = {"law", "campaign", "region"}


def seed_graph(workdir: Path):
    from pufa_graph import netview
    from pufa_graph.ingest import ingest
    from pufa_graph.store import open_store

    with open_store(str(workdir / "store")) as store:
        ingest(store, [REPORTS])
        return netview.build(store)


def repeated(seed, size: int):
    """Copies of ``seed`` joined through their shared laws, campaigns and regions, cut to ``size`` nodes."""
    import networkx as nx

    from pufa_graph.viz import trim

    graph = nx.MultiDiGraph()
    copy = 0
    while graph.number_of_nodes() < size:
        def name(n, copy=copy):
            return n if seed.nodes[n]["type"] in SHARED_TYPES else f"{n}~{copy}"
        for n, data in seed.nodes(data=True):
            if name(n) not in graph:
                graph.add_node(name(n), **{k: (list(v) if isinstance(v, list) else v) for k, v in data.items()})
        for u, v, key, data in seed.edges(keys=True, data=True):
            graph.add_edge(name(u), name(v), key=key, **data)
        copy += 1
    return trim(graph, size)


def repeated_rows(rows: list[dict], copies: int) -> list[dict]:
    """``copies`` copies of overview rows (``netview.overview_rows``), each copy its own set of regions
    with its own agencies and places; laws and venue types stay shared, as across real regions."""
    out = []
    for k in range(copies):
        def mark(name: str, k=k) -> str:
            return name if k == 0 else f"{name}~{k}"
        for row in rows:
            out.append(dict(row, doc=mark(row["doc"]), region=mark(row["region"]),
                            agencies=[mark(a) for a in row["agencies"]],
                            places=[p if p[0] == "venue_type" else [p[0], mark(p[1]), p[2]] for p in row["places"]],
                            evidence=dict(row["evidence"], doc=mark(row["evidence"]["doc"])) if row["evidence"] else None))
    return out


def time_in_chromium(pages: list[Path]) -> list[float | None]:
    """Seconds from navigation to the page's data-ready mark (layout stabilized and frozen)."""
    if not Path(CHROMIUM).exists():
        return [None for _ in pages]
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in pages:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", lambda route: route.continue_()
                       if route.request.url.startswith(("file:", "data:")) else route.abort())
            start = time.perf_counter()
            page.goto(path.resolve().as_uri())
            page.wait_for_selector("body[data-ready='1']", timeout=300_000)
            out.append(time.perf_counter() - start)
            page.close()
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", type=Path, help="write the pages into this folder and keep them")
    args = parser.parse_args(argv)

    from pufa_graph.viz import render_graph_html, vis_assets

    vis_assets()  # read once per process; not part of the per-graph figure

    tmp = Path(tempfile.mkdtemp(prefix="viz-bench-"))
    outdir = args.keep or tmp
    outdir.mkdir(parents=True, exist_ok=True)
    try:
        seed = seed_graph(tmp)
        rows, pages = [], []
        for size in args.sizes:
            graph = repeated(seed, size)
            start = time.perf_counter()
            page = render_graph_html(graph, title=f"bench {size}", max_nodes=None)
            seconds = time.perf_counter() - start
            path = outdir / f"graph-{size}.html"
            path.write_text(page, encoding="utf-8")
            pages.append(path)
            rows.append({"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
                         "generate_s": round(seconds, 3), "bytes": path.stat().st_size})
        for row, seconds in zip(rows, time_in_chromium(pages)):
            row["render_s"] = round(seconds, 2) if seconds is not None else None
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        print()
    else:
        print(f"{'nodes':>7} {'edges':>7} {'generate s':>11} {'MB':>7} {'render s':>9}")
        for r in rows:
            render = f"{r['render_s']:.2f}" if r["render_s"] is not None else "n/a"
            print(f"{r['nodes']:>7} {r['edges']:>7} {r['generate_s']:>11.3f} {r['bytes'] / 1e6:>7.2f} {render:>9}")
        if any(r["render_s"] is None for r in rows):
            print(f"(render times need {CHROMIUM} and playwright)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
