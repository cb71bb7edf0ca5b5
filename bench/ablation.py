"""Do the entity figures depend on catalogue entries added after reading the seed reports?

Copies ontology/ without the rows marked ``origin=seed``, ingests the seeds with
that copy ($PUFA_ONTOLOGY) and with the full catalogues, scores both with
../shared/eval/score.py and prints the two tables side by side.

    python bench/ablation.py [--gold ../shared/gold] [--skip questions]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def without_seed_rows(target: Path) -> int:
    shutil.copytree(ROOT / "ontology", target)
    dropped = 0
    for path in target.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        if not rows or "origin" not in rows[0]:
            continue
        kept = [r for r in rows if r.get("origin") != "seed"]
        dropped += len(rows) - len(kept)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(kept)
    return dropped


def score(env: dict, gold: Path, skip: str) -> dict:
    store = tempfile.mkdtemp(prefix="pufa-ablation-")
    env = dict(env, PUFA_STORE=store)
    subprocess.run(["pufa", "ingest", "-q", str(ROOT / "data" / "reports")], env=env, check=True,
                   capture_output=True)
    out = subprocess.run([sys.executable, str(gold.parent / "eval" / "score.py"), "--gold", str(gold),
                          "--skip", skip, "--json"], env=env, check=True, capture_output=True, text=True)
    shutil.rmtree(store, ignore_errors=True)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    ap.add_argument("--skip", default="activities,questions")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ablated = Path(tmp) / "ontology"
        dropped = without_seed_rows(ablated)
        full = score(dict(os.environ), args.gold, args.skip)
        held_out = score(dict(os.environ, PUFA_ONTOLOGY=str(ablated)), args.gold, args.skip)
    print(f"rows marked origin=seed left out: {dropped}")
    print(f"{'figure':32} {'full':>6} {'without':>8} {'diff':>6}")
    for key in full:
        if key == "score":
            continue
        a, b = full[key]["f1"], held_out[key]["f1"]
        print(f"{key:32} {a:6.2f} {b:8.2f} {b - a:+6.2f}")
    print(f"{'score':32} {full['score']:6.3f} {held_out['score']:8.3f} {held_out['score'] - full['score']:+6.3f}")


if __name__ == "__main__":
    main()
