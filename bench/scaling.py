"""Scaling on paper: what 100,000 and 1,000,000 reports would take, from the figures one `bench/run.py`
run measured (per-report analysis CPU, shard and store sizes, bulk-load rates).

    python bench/scaling.py bench/out/results.json      # a Markdown table for the README

The model is simple and says so: a worker is one core like this machine's, on machines other than the
store's; the analysis divides over
the workers; one process loads the store (pufa's embedded store, or a server's own bulk loader reading
the shards); the load overlaps the analysis in `--engine dask` into the embedded store, so the run takes
the longer of the two, while a server's bulk loader reads the shards after the analysis, so it takes both;
the store's rate is taken as measured on 1,000 reports (it falls as a store grows: compare the
10,000-report ingest in the same run).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SIZES = (100_000, 1_000_000)
WORKERS = (2, 8, 32)


def _hours(seconds: float) -> str:
    if seconds < 60:
        return "< 1 min"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def loaders(figures: dict) -> dict[str, float]:
    """Store -> reports a second its load takes in, as measured on the sample's shards."""
    shards = figures["shards_sample"]
    out = {"embedded (`pufa load`)": shards["load_reports_per_s"]}
    for name, label in (("oxigraph", "Oxigraph server (`oxigraph load`)"),
                        ("virtuoso", "Virtuoso (`rdf_loader_run`)")):
        if f"{name}_load_reports_per_s" in shards:
            out[label] = shards[f"{name}_load_reports_per_s"]
    return out


def run_seconds(figures: dict, reports: int, workers: int, rate: float, overlapped: bool) -> tuple[float, str]:
    """The run's time, and which part is the larger: the analysis over the workers and the load, overlapped
    (`--engine dask` into the embedded store) or one after the other (shards, then a server's loader)."""
    analysis = reports * figures["one_process_budget"]["analysis_ms_per_report"] / 1000 / workers
    load = reports / rate
    return (max(analysis, load) if overlapped else analysis + load), "analysis" if analysis >= load else "load"


def markdown(figures: dict) -> str:
    shards = figures["shards_sample"]
    head = " | ".join(f"{w} workers" for w in WORKERS)
    lines = [f"| reports | store | {head} | the load alone | shards | embedded store on disk |",
             "|---|---|" + "---|" * len(WORKERS) + "---|---|---|"]
    for reports in SIZES:
        for store, rate in loaders(figures).items():
            cells = []
            for workers in WORKERS:
                seconds, bound = run_seconds(figures, reports, workers, rate, overlapped=store.startswith("embedded"))
                cells.append(f"{_hours(seconds)}" + (" (analysis)" if bound == "analysis" else ""))
            lines.append(f"| {reports:,} | {store} | " + " | ".join(cells) + f" | {_hours(reports / rate)} | "
                         f"{reports * shards['shard_kb_per_report'] / 1024 / 1024:.1f} GB | "
                         f"{reports * shards['store_kb_per_report'] / 1024 / 1024:.0f} GB |")
    return "\n".join(lines)


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/out/results.json")
    print(markdown(json.loads(path.read_text(encoding="utf-8"))))


if __name__ == "__main__":
    main()
