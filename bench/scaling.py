"""Scaling on paper: what 100,000 and 1,000,000 reports would take, from the figures one `bench/run.py`
run measured (per-report analysis CPU, shard and store sizes, bulk-load rates).

    python bench/scaling.py bench/out/results.json      # a Markdown table for the README

The model is simple and says so: a worker is one core like this machine's; the analysis divides over
the workers; one process loads the store (pufa's embedded store, or a server's own bulk loader reading
the shards); the load overlaps the analysis in `--engine dask`, so the run takes the longer of the two;
the store's rate is taken as measured on 1,000 reports (it falls as a store grows: compare the
10,000-report ingest in the same run).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SIZES = (100_000, 1_000_000)
WORKERS = (2, 8, 32, 128)


def _hours(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def rows(figures: dict) -> list[dict]:
    analysis_s = figures["one_process_budget"]["analysis_ms_per_report"] / 1000
    shards = figures["shards_sample"]
    loaders = {"embedded (pufa load)": shards["load_reports_per_s"]}
    for name, label in (("oxigraph", "Oxigraph server (oxigraph load)"), ("virtuoso", "Virtuoso (rdf_loader_run)")):
        if f"{name}_load_reports_per_s" in shards:
            loaders[label] = shards[f"{name}_load_reports_per_s"]
    out = []
    for reports in SIZES:
        for workers in WORKERS:
            analysis = reports * analysis_s / workers
            for store, rate in loaders.items():
                load = reports / rate
                out.append({"reports": reports, "workers": workers, "store": store, "analysis_s": analysis,
                            "load_s": load, "total_s": max(analysis, load),
                            "bottleneck": "analysis" if analysis >= load else "store load",
                            "shards_gb": reports * shards["shard_kb_per_report"] / 1024 / 1024,
                            "store_gb": reports * shards["store_kb_per_report"] / 1024 / 1024})
    return out


def markdown(figures: dict) -> str:
    lines = ["| reports | workers | store | analysis | load | run (the longer) | bottleneck | shards | embedded store on disk |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows(figures):
        lines.append(f"| {r['reports']:,} | {r['workers']} | {r['store']} | {_hours(r['analysis_s'])} | "
                     f"{_hours(r['load_s'])} | **{_hours(r['total_s'])}** | {r['bottleneck']} | "
                     f"{r['shards_gb']:.1f} GB | {r['store_gb']:.0f} GB |")
    return "\n".join(lines)


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/out/results.json")
    print(markdown(json.loads(path.read_text(encoding="utf-8"))))


if __name__ == "__main__":
    main()
