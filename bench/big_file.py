"""How analysis time grows with one report's size: single-file reports of 1, 5 and 20 MB.

    python -m bench.big_file                  # 1, 5 and 20 MB
    python -m bench.big_file --sizes 1,5 --keep /tmp/big

Each file is the real report texts of the seeds and dev docs (/work/shared, or --sources)
concatenated, in order and repeated, until the size is reached: plain UTF-8 .txt. Each size
is analysed in a fresh process (``pufa_graph.ingest.process_file``, the whole per-report work:
read … N-Quads) after a warm-up on one small report, so the dictionaries' loading is not
counted and each peak RSS is that size's own. The last column is the s/MB of the largest size
over that of the smallest: about 1 when analysis is linear in the text.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import machine_speed

DEFAULT_SOURCES = [Path("/work/shared/seeds"), Path("/work/shared/dev/docs")]
MB = 1_000_000


def source_texts(folders: list[Path]) -> list[str]:
    """The .txt reports of ``folders``, in a stable order, as read by our reader (any encoding)."""
    from pufa_graph.read import read_source

    files = sorted(p for folder in folders for p in folder.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt reports in {', '.join(map(str, folders))}")
    return [read_source(p).text.strip() for p in files]


def write_big_file(path: Path, texts: list[str], megabytes: float) -> int:
    """Reports one after another, separated by a blank line, up to ``megabytes`` of UTF-8; returns bytes written."""
    limit = int(megabytes * MB)
    parts: list[bytes] = []
    size = 0
    while True:
        for text in texts:
            part = (text + "\n\n").encode("utf-8")
            if size + len(part) > limit:
                path.write_bytes(b"".join(parts))
                return size
            parts.append(part)
            size += len(part)


def measure_one(path: Path, warm: Path) -> dict:
    """In this process: warm up on a small report, then time the analysis of ``path``."""
    from pufa_graph.ingest import process_file

    process_file(str(warm))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    done = process_file(str(path), max_bytes=path.stat().st_size + 1)
    seconds = time.perf_counter() - start
    if done.error:
        raise SystemExit(done.error)
    return {"seconds": seconds, "triples": done.triples,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "warm_rss_mb": rss_before / 1024}


def measure(path: Path, warm: Path, timeout: float) -> dict | None:
    """:func:`measure_one` in a fresh process; None when it does not finish within ``timeout`` seconds."""
    cmd = [sys.executable, "-m", "bench.big_file", "--one", str(path), "--warm", str(warm)]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    if result.returncode != 0:
        raise SystemExit(f"analysis of {path} failed: {result.stderr[-800:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,5,20", help="file sizes in MB, comma-separated (default 1,5,20)")
    ap.add_argument("--sources", type=Path, nargs="*", default=DEFAULT_SOURCES, help="folders of .txt reports")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per size before giving up (default 900)")
    ap.add_argument("--keep", type=Path, help="write the files here and keep them (default: a temp dir)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--warm", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one, args.warm)))
        return 0

    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    texts = source_texts(args.sources)
    with tempfile.TemporaryDirectory(prefix="pufa-big-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        warm = folder / "warm.txt"
        warm.write_text(texts[0] + "\n", encoding="utf-8")
        print(f"machine {json.dumps(machine_speed())}", flush=True)
        print(f"{'size MB':>8} {'seconds':>9} {'s/MB':>7} {'peak RSS MB':>12} {'triples':>9}", flush=True)
        rows = []
        for size in sizes:
            path = folder / f"big-{size:g}mb.txt"
            written = write_big_file(path, texts, size)
            figures = measure(path, warm, args.timeout)
            mb = written / MB
            if figures is None:
                print(f"{mb:8.2f} {'>' + format(args.timeout, '.0f'):>9} {'-':>7} {'-':>12} {'-':>9}", flush=True)
                rows.append({"mb": mb, "seconds": None})
                continue
            row = {"mb": round(mb, 3), "seconds": round(figures["seconds"], 2),
                   "s_per_mb": round(figures["seconds"] / mb, 2), "peak_rss_mb": round(figures["peak_rss_mb"], 1),
                   "triples": figures["triples"]}
            rows.append(row)
            print(f"{mb:8.2f} {row['seconds']:9.2f} {row['s_per_mb']:7.2f} {row['peak_rss_mb']:12.1f} "
                  f"{row['triples']:9d}", flush=True)
    timed = [r for r in rows if r.get("seconds") is not None]
    if len(timed) >= 2:
        ratio = timed[-1]["s_per_mb"] / timed[0]["s_per_mb"]
        print(f"s/MB at {timed[-1]['mb']:g} MB over s/MB at {timed[0]['mb']:g} MB: {ratio:.2f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
