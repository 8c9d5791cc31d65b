"""Print the share of mutants killed per module, from mutmut's results (``make mutants``).

mutmut 3 keeps one ``mutants/<path>.meta`` JSON file per mutated module with an exit code per
mutant: 1 or 3 killed (a test failed), 0 survived, 36/24/-24/152/255 timeout (counted as killed:
the mutant hung the tests), 37 caught by the type check; ``None`` not run yet. Usage:

    python tests/tools/mutation_report.py [mutants_dir] [--min-draw 90] [--min-all 80]

Also counts the ``# pragma: no mutate`` lines in helpers/. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

KILLED = {1, 3, 37}
TIMEOUT = {36, 24, -24, 152, 255}
SURVIVED = {0}
DRAWING = ("helpers/ui/heatmap.py", "helpers/ui/charts.py", "helpers/style.py", "helpers/plots/")


def read(mutants: Path) -> dict[str, dict[str, int]]:
    """``{module path: {"killed", "survived", "timeout", "other", "not_run"}}`` from the .meta files."""
    out = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"].values()
        counts = {"killed": 0, "survived": 0, "timeout": 0, "other": 0, "not_run": 0}
        for c in codes:
            key = (
                "killed"
                if c in KILLED
                else "survived"
                if c in SURVIVED
                else "timeout"
                if c in TIMEOUT
                else "not_run"
                if c is None
                else "other"
            )
            counts[key] += 1
        if sum(counts.values()):
            out[meta.relative_to(mutants).as_posix().removesuffix(".meta")] = counts
    return out


def score(c: dict[str, int]) -> tuple[int, int]:
    """(killed incl. timeouts, mutants that ran); 'no tests' and 'suspicious' count as not killed."""
    ran = c["killed"] + c["survived"] + c["timeout"] + c["other"]
    return c["killed"] + c["timeout"], ran


def pragmas(root: Path) -> int:
    return sum(
        line.count("pragma: no mutate") for p in root.rglob("*.py") for line in p.read_text().splitlines()
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mutants", nargs="?", default="mutants")
    ap.add_argument("--min-draw", type=float, default=90.0)
    ap.add_argument("--min-all", type=float, default=80.0)
    args = ap.parse_args(argv)
    rows = read(Path(args.mutants))
    if not rows:
        print(f"no mutmut results under {args.mutants}/ (run `mutmut run` first)")
        return 1
    print(f"{'module':44} {'killed':>7} {'ran':>5} {'survived':>8} {'not run':>7} {'score':>7}")
    totals = {"draw": [0, 0], "all": [0, 0]}
    for path, c in rows.items():
        k, n = score(c)
        pct = f"{100 * k / n:6.1f}%" if n else "     -"
        print(f"{path:44} {k:7d} {n:5d} {c['survived']:8d} {c['not_run']:7d} {pct:>7}")
        totals["all"][0] += k
        totals["all"][1] += n
        if path.startswith(DRAWING):
            totals["draw"][0] += k
            totals["draw"][1] += n
    ok = True
    for name, label, need in (
        ("draw", "modules that draw", args.min_draw),
        ("all", "helpers/ overall", args.min_all),
    ):
        k, n = totals[name]
        pct = 100 * k / n if n else 0.0
        ok &= pct >= need
        print(f"{label:44} {k:7d} {n:5d} {'':8} {'':7} {pct:6.1f}%  (target {need:g}%)")
    print(f"`# pragma: no mutate` lines in helpers/: {pragmas(Path('helpers'))}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
