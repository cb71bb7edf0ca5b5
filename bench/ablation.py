"""Do the figures depend on catalogue rows added after reading the sample or development reports?

Copies ontology/ without the rows marked ``origin=seed`` or ``origin=dev``, ingests each annotated set with
that copy ($PUFA_ONTOLOGY) and with the full catalogues, scores both with ../shared/eval/score.py and
prints the two tables side by side, with the largest drop. The figures count only where they hold
without those rows (within 0.03).

    python bench/ablation.py                      # the seeds and the development set
    python bench/ablation.py --set dev --json     # one set, as JSON
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
SHARED = ROOT.parent / "shared"
#: name -> (reports, gold annotations)
SETS = {"seeds": (SHARED / "seeds", SHARED / "gold"), "dev": (SHARED / "dev" / "docs", SHARED / "dev" / "gold")}
HELD_OUT = ("seed", "dev")


def without_fitted_rows(target: Path) -> dict[str, int]:
    """A copy of ontology/ with the rows of the sample and development reports left out: file -> rows dropped."""
    shutil.copytree(ROOT / "ontology", target)
    dropped: dict[str, int] = {}
    for path in sorted(target.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        if not rows or "origin" not in rows[0]:
            continue
        kept = [r for r in rows if r.get("origin") not in HELD_OUT]
        if len(kept) < len(rows):
            dropped[path.name] = len(rows) - len(kept)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(kept)
    return dropped


def score(env: dict, reports: Path, gold: Path, skip: str) -> dict:
    store = tempfile.mkdtemp(prefix="pufa-ablation-")
    env = dict(env, PUFA_STORE=str(Path(store) / "s"))
    subprocess.run(["pufa", "ingest", "-q", str(reports)], env=env, check=False, capture_output=True)
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold),
                          "--skip", skip, "--json"], env=env, check=True, capture_output=True, text=True)
    shutil.rmtree(store, ignore_errors=True)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=[*SETS, "all"], default="all", help="which annotated set (default: both)")
    ap.add_argument("--skip", default="questions", help="parts of score.py to skip (default: questions)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    names = list(SETS) if args.set == "all" else [args.set]
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        ablated = Path(tmp) / "ontology"
        dropped = without_fitted_rows(ablated)
        for name in names:
            reports, gold = SETS[name]
            full = score(dict(os.environ), reports, gold, args.skip)
            held_out = score(dict(os.environ, PUFA_ONTOLOGY=str(ablated)), reports, gold, args.skip)
            results[name] = {key: {"full": full[key]["f1"], "without": held_out[key]["f1"]}
                             for key in full if key != "score"}
            results[name]["score"] = {"full": full["score"], "without": held_out["score"]}
    if args.json:
        print(json.dumps({"dropped": dropped, "sets": results}, ensure_ascii=False, indent=1))
        return
    print("rows marked origin=seed or origin=dev left out: "
          + (", ".join(f"{f} {n}" for f, n in dropped.items()) or "none"))
    for name, figures in results.items():
        print(f"\n{name}\n{'figure':32} {'full':>6} {'without':>8} {'diff':>6}")
        for key, f in figures.items():
            print(f"{key:32} {f['full']:6.3f} {f['without']:8.3f} {f['without'] - f['full']:+6.3f}")
        worst = min((f["without"] - f["full"], key) for key, f in figures.items() if key != "score")
        print(f"largest drop: {worst[1]} {worst[0]:+.3f}")


if __name__ == "__main__":
    main()
