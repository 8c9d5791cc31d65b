"""Interactive speed of every live explorer, against a naive redraw, measured in one interleaved run.

Usage (from the repo root; ``make bench`` runs the first)::

    .venv/bin/python -m benchmarks.bench               # full: results.json, results.md, results.png, README
    .venv/bin/python -m benchmarks.bench --quick       # smoke run: 3 repetitions, writes nothing
    .venv/bin/python -m benchmarks.bench --report-only # results.md, .png, README again from results.json

The modules, one job each: ``cases`` (what is timed: the explicit list of explorers, how to build
each at 3, 10 and 20 tokens, which slider to move), ``instruments`` (compute / send timers),
``timing`` (interleaved runs, summaries, notebook run times against per-notebook budgets),
``browser`` (key press -> new numbers in JupyterLab), ``report`` (tables, results.md, the README
block) and ``figure``.

What one "update" is
    A learner moves one slider by one step: setting ``slider.value`` (every observer runs in the
    kernel). For the plain heatmap widget: new weights and ``AttentionHeatmap.update``. For the naive
    baseline: what an ``ipywidgets.interact`` callback does (a new annotated matplotlib figure,
    rendered to PNG as the inline backend does, and sent).
    compute = time in the numpy helpers; send = ``Widget.send_state`` plus ipykernel's
    ``json_clean`` and ``Session.serialize`` (only the socket write is left out); render = the rest.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from . import report
from .browser import browser_latency
from .cases import TOKEN_COUNTS, build_variants
from .figure import figure
from .instruments import uninstall_instruments
from .timing import profile, run_interleaved, summarise, time_notebooks

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
README = ROOT / "README.md"


def machine() -> dict:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    from importlib.metadata import version

    pkgs = {p: version(p) for p in ("numpy", "matplotlib", "ipywidgets", "ipykernel", "nbclient")}
    return {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "nproc": os.cpu_count(),
            "cpu": cpu, "python": platform.python_version(), "platform": platform.platform(),
            "packages": pkgs}


def write_outputs(result: dict, folder: Path = HERE, readme: Path = README) -> str:
    """results.md (and the README block, verbatim) and results.png from a results dict."""
    md = report.results_markdown(result)
    (folder / "results.md").write_text(md)
    report.sync_readme(readme, md)
    figure(result["updates"], result.get("notebooks", {}), result.get("browser", {}), result["machine"],
           folder / "results.png")
    return md


def measure(reps: int, nb_reps: int, counts=TOKEN_COUNTS, notebooks=True, browser=True) -> dict:
    """Every variant timed ``reps`` times (interleaved), the notebooks, the browser: a results dict."""
    meta = machine()
    try:
        variants, skipped = build_variants(counts)
        print(f"timing {len(variants)} variants x {reps} repetitions, interleaved ...", flush=True)
        run_interleaved(variants, reps)
        rows = summarise(variants)
        by_key = {(v.name, v.n_tokens): v for v in variants}
        for r in rows:  # the breakdown for anything over its target (cProfile: read as shares)
            if r["kind"] != "naive" and not r["meets_target"]:
                r["profile"] = profile(by_key[(r["name"], r["n_tokens"])])
    finally:
        uninstall_instruments()
    training = training_step_times()
    nbs = {}
    paths = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if paths and notebooks:
        print(f"executing {len(paths)} notebooks x {nb_reps} (fresh kernel each) ...", flush=True)
        nbs = time_notebooks(paths, nb_reps)
    if browser:
        print("measuring key press -> heatmap latency in JupyterLab (headless Chromium) ...", flush=True)
        lat = browser_latency()
    else:
        lat = {"status": "not measured (--quick or --no-browser)"}
    return {"machine": meta, "reps": reps, "token_counts": list(counts), "updates": rows, "notebooks": nbs,
            "training": training,
            "browser": lat,
            "skipped": [{"name": k[0], "n_tokens": k[1], "why": v} for k, v in skipped.items()],
            "method": "interleaved, shuffled order per repetition; medians and paired ratios; "
                      "send = Widget.send_state + ipykernel json_clean + Session.serialize"}


def training_step_times(pairs=(8, 32)) -> list[dict]:
    """Notebook 05: one training step (forward, backward, Adam) per example, for both models."""
    from helpers.lessons.race import step_time_per_example

    print("timing one training step per example (notebook 05) ...", flush=True)
    return [{"model": kind, "n_pairs": n, "us_per_example": 1e6 * step_time_per_example(kind, n)}
            for kind in ("rnn", "attention") for n in pairs]


def _print_slow(rows: list[dict]) -> None:
    for r in rows:
        if r["kind"] == "naive" or r["meets_target"]:
            continue
        print(f"\nSLOW: {r['name']} at {r['n_tokens']} tokens: {r['median_ms']:.2f} ms > "
              f"{r['target_ms']:.1f} ms "
              f"(compute {r['compute_ms']:.2f}, render {r['render_ms']:.2f}, send {r['send_ms']:.2f} ms); "
              "compute by function: "
              + ", ".join(f"{k} {v:.3f} ms" for k, v in r["compute_by_function_ms"].items()))
        for p in r.get("profile", []):
            print(f"    {p['cum_ms']:7.3f} {p['self_ms']:7.3f} {p['calls_per_update']:5.1f}  {p['function']}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=15, help="repetitions per variant (interleaved)")
    ap.add_argument("--nb-reps", type=int, default=2, help="executions per notebook (round-robin)")
    ap.add_argument("--quick", action="store_true", help="smoke run: 3 repetitions, no notebooks or browser, "
                                                         "nothing written")
    ap.add_argument("--no-notebooks", action="store_true")
    ap.add_argument("--no-browser", action="store_true", help="skip the JupyterLab latency measurement")
    ap.add_argument("--no-write", action="store_true", help="print only; write no file")
    ap.add_argument("--report-only", action="store_true", help="re-render results.md, results.png and "
                                                               "the README block from results.json")
    args = ap.parse_args(argv)
    if args.report_only:
        md = write_outputs(json.loads((HERE / "results.json").read_text()))
        print(md)
        return 0
    quick = args.quick
    result = measure(3 if quick else args.reps, args.nb_reps, notebooks=not (quick or args.no_notebooks),
                     browser=not (quick or args.no_browser))
    print()
    print(report.results_markdown(result))
    _print_slow(result["updates"])
    if not (quick or args.no_write):
        (HERE / "results.json").write_text(json.dumps(result, indent=2) + "\n")
        write_outputs(result)
        print(f"\nwrote results.json, results.md, results.png in {HERE} and the README's bench block")
    return 0


if __name__ == "__main__":
    sys.exit(main())
