"""Running the variants and summarising them; executing the notebooks against their time budgets.

Every variant runs once per repetition, in a freshly shuffled order (seeded), so slow phases of a
noisy machine hit all variants alike; ratios against the naive redraw are taken per repetition
(paired) and their median is reported. Notebooks run round-robin, a fresh kernel each time, on
copies in a temporary folder (the committed notebooks are not touched).
"""

from __future__ import annotations

import gc
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from .cases import Variant

ROOT = Path(__file__).resolve().parents[1]
FRAME_MS = 1000.0 / 60.0  # one display frame at 60 Hz
TARGET_MS = {"heatmap": 2.0, "chart": FRAME_MS}
# Seconds for a notebook, top to bottom from a fresh kernel, by its number ("05_x.ipynb" -> "05").
NOTEBOOK_BUDGET_S = {"default": 10.0, "05": 15.0, "06": 45.0, "07": 8.0}


def notebook_budget(name: str) -> float:
    """The time budget of a notebook file name (``"06_seq2seq.ipynb"`` -> 45.0)."""
    return NOTEBOOK_BUDGET_S.get(name.split("_", 1)[0], NOTEBOOK_BUDGET_S["default"])


def run_interleaved(variants: list[Variant], reps: int, warmup: int = 2, seed: int = 0) -> None:
    """Warm every variant up, then run each once per repetition in a shuffled order."""
    rng = np.random.default_rng(seed)
    for v in variants:
        for i in range(warmup):
            v.step(10_000 + i)
    for v in variants:
        for key in v.samples:
            v.samples[key].clear()
    for r in range(reps):
        for j in rng.permutation(len(variants)):
            variants[j].run(r)
        gc.collect()  # garbage from one repetition is not charged to the next one's first variant


def profile(variant: Variant, steps: int = 30, top: int = 10) -> list[dict]:
    """Where one update's time goes: cProfile over ``steps`` updates, per-update ms, biggest first.

    ``cum_ms`` includes callees; lists the project's own functions and the widget send path, so a
    slow explorer can be read off as e.g. "two AttentionHeatmap.update calls, 0.8 ms each".
    """
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for i in range(steps):
        variant.step(20_000 + i)
    prof.disable()
    stats = pstats.Stats(prof).stats
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.items():
        if "/helpers/" in file or func in ("send_state", "_serialise"):
            where = file.split("/helpers/")[-1] if "/helpers/" in file else Path(file).name
            rows.append({"function": f"{where}:{line}({func})", "calls_per_update": nc / steps,
                         "cum_ms": ct * 1e3 / steps, "self_ms": tt * 1e3 / steps})
    rows.sort(key=lambda r: -r["cum_ms"])
    return rows[:top]


def _q(xs, q):
    return float(np.quantile(np.asarray(xs), q))


def _by_function(per_rep: list[dict]) -> dict:
    """Median ms per compute function over the repetitions (0 where a repetition did not call it)."""
    names = sorted({k for d in per_rep for k in d})
    out = {k: round(statistics.median([d.get(k, 0.0) * 1e3 for d in per_rep]), 4) for k in names}
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def summarise(variants: list[Variant]) -> list[dict]:
    naive = {v.n_tokens: v for v in variants if v.kind == "naive"}
    rows = []
    for v in variants:
        s = v.samples
        row = {
            "name": v.name, "kind": v.kind, "n_tokens": v.n_tokens, "reps": len(s["total"]),
            "median_ms": statistics.median(s["total"]), "p90_ms": _q(s["total"], 0.9),
            "compute_ms": statistics.median(s["compute"]), "render_ms": statistics.median(s["render"]),
            "send_ms": statistics.median(s["send"]), "message_bytes": int(statistics.median(s["bytes"])),
            "sliders": v.sliders, "notebook": v.notebook,
            "compute_by_function_ms": _by_function(s["compute_by_function"]),
        }
        if v.kind != "naive":
            row["target_ms"] = TARGET_MS[v.kind]
            row["meets_target"] = row["median_ms"] <= row["target_ms"]
            base = naive.get(v.n_tokens)
            if base is not None:
                ratios = np.asarray(base.samples["total"]) / np.asarray(s["total"])  # paired, per repetition
                row["ratio_vs_naive_median"] = float(np.median(ratios))
                row["ratio_vs_naive_p10"] = _q(ratios, 0.1)
        rows.append(row)
    return rows


def time_notebooks(paths: list[Path], reps: int, timeout: int = 120) -> dict:
    """Execute copies of the notebooks from a fresh kernel each, round-robin; wall time per run."""
    import nbformat
    from nbclient import NotebookClient

    runs: dict[str, list[float]] = {p.name: [] for p in paths}
    errors: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench-nb-") as tmp:
        tmp = Path(tmp)
        for item in (ROOT / "notebooks").iterdir():  # data files the notebooks might read
            if item.is_file():
                shutil.copy2(item, tmp / item.name)
        for _ in range(reps):
            for p in paths:
                if p.name in errors:
                    continue
                nb = nbformat.read(tmp / p.name, as_version=4)
                client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                        resources={"metadata": {"path": str(tmp)}},
                                        store_widget_state=False, allow_errors=False)
                t0 = time.perf_counter()
                try:
                    client.execute()
                except Exception as exc:
                    errors[p.name] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                    continue
                runs[p.name].append(time.perf_counter() - t0)
    out = {}
    for name, xs in runs.items():
        if xs:
            budget = notebook_budget(name)
            out[name] = {"median_s": statistics.median(xs), "max_s": max(xs), "runs_s": xs,
                         "target_s": budget, "meets_target": statistics.median(xs) <= budget}
        else:
            out[name] = {"error": errors.get(name, "not run")}
    return out
