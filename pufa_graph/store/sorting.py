"""Sorting the lines of a file larger than memory should hold: sorted runs on disk, merged."""

from __future__ import annotations

import heapq
from itertools import islice
from pathlib import Path
from typing import Iterator

#: lines sorted in memory at once (about 40 MB of N-Triples)
RUN_LINES = 200_000
#: lines handed out at once while merging
CHUNK_LINES = 20_000


def sorted_chunks(path: Path, scratch: Path) -> Iterator[list[str]]:
    """The lines of a UTF-8 text file (without their line ends), in sorted order, in chunks."""
    runs: list[Path] = []
    with path.open(encoding="utf-8", newline="\n") as handle:
        while True:
            run = sorted(line.rstrip("\n") for line in islice(handle, RUN_LINES))
            if not run:
                break
            if not runs and len(run) < RUN_LINES:  # it fitted in one run: no files needed
                for i in range(0, len(run), CHUNK_LINES):
                    yield run[i:i + CHUNK_LINES]
                return
            runs.append(scratch / f"run-{len(runs):05d}.txt")
            runs[-1].write_text("".join(line + "\n" for line in run), encoding="utf-8")
    handles = [r.open(encoding="utf-8", newline="\n") for r in runs]
    try:
        merged = heapq.merge(*((line.rstrip("\n") for line in h) for h in handles))
        while chunk := list(islice(merged, CHUNK_LINES)):
            yield chunk
    finally:
        for h in handles:
            h.close()
