"""The bench's report: markdown tables, the results file the README includes, and the README block.

``results_markdown(result)`` turns a results dict (what ``benchmarks/results.json`` holds) into the
text of ``benchmarks/results.md``. The README carries that text verbatim between :data:`BEGIN` and
:data:`END`; ``sync_readme`` rewrites the block and ``readme_block`` reads it back (a test checks
that the three agree: results.json -> results.md -> README).
"""

from __future__ import annotations

import statistics
from pathlib import Path

import numpy as np

BEGIN = "<!-- bench-results:begin (written by `make bench` from benchmarks/results.md; do not edit) -->"
END = "<!-- bench-results:end -->"
PACE_WORDS = {"held": "next step as soon as the last shows", "tapped": "a step every quarter second"}


def _q(xs, q):
    return float(np.quantile(np.asarray(xs), q))


def summarise_browser(ms: dict, notebook: str, slider_label: str, steps: int,
                      target_ms: float = 50.0) -> dict:
    """Medians, 90th percentiles, steps over target and paired ratios from ``{pace: {server: [ms]}}``.

    ``median_ms`` and ``meets_target`` are those of the tuned server at its slower pace.
    """

    def summary(xs: list[float]) -> dict:
        return {"median_ms": statistics.median(xs), "p90_ms": _q(xs, 0.9),
                "steps_over_target": sum(x > target_ms for x in xs), "samples_ms": xs}

    paces = {}
    for pace, by_name in ms.items():
        paired = [s / t for s, t in zip(by_name["stock"], by_name["nodelay"], strict=True)]
        paces[pace] = {"nodelay": summary(by_name["nodelay"]), "stock": summary(by_name["stock"]),
                       "stock_over_nodelay_paired_median": statistics.median(paired),
                       # steady where the median is not: the stock server's steps are quick or stalled
                       "stock_over_nodelay_means": statistics.fmean(by_name["stock"])
                       / statistics.fmean(by_name["nodelay"])}
    worst = max(p["nodelay"]["median_ms"] for p in paces.values())
    return {"status": "measured", "notebook": notebook, "slider": slider_label, "steps": steps,
            "paces": paces,
            "median_ms": worst, "target_ms": target_ms, "meets_target": worst <= target_ms,
            "method": "two JupyterLab servers side by side (tuned as make lab runs it, and stock), blocks of "
                      "steps alternating between them; median_ms is the tuned server's slower pace"}


def _update_table(rows: list[dict], skipped: list[dict]) -> list[str]:
    lines = ["| update | kind | tokens | median ms | compute | render | send | bytes sent | target ms "
             "| x faster than naive (paired median) | ok |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|:-:|"]
    entries = [(r["kind"] != "naive", r["name"], r["n_tokens"] or 0, r) for r in rows]
    entries += [(True, s["name"], s["n_tokens"], s) for s in skipped]
    for _, _, _, r in sorted(entries, key=lambda e: e[:3]):
        if "why" in r:
            lines.append(f"| {r['name']} | | {r['n_tokens']} | not measured: {r['why']} | | | | | | | |")
            continue
        ratio = f"{r['ratio_vs_naive_median']:.0f}" if r.get("ratio_vs_naive_median") is not None else ""
        ok = "" if r["kind"] == "naive" else ("yes" if r["meets_target"] else "**NO**")
        target = f"{r['target_ms']:.1f}" if "target_ms" in r else ""
        lines.append(f"| {r['name']} | {r['kind']} | {r['n_tokens']} | {r['median_ms']:.2f} "
                     f"| {r['compute_ms']:.3f} | {r['render_ms']:.2f} | {r['send_ms']:.2f} "
                     f"| {r['message_bytes']:,} | {target} | {ratio} | {ok} |")
    return lines


def _notebook_table(notebooks: dict) -> list[str]:
    lines = ["| notebook (fresh kernel, nbclient) | median s | max s | runs | budget s | ok |",
             "|---|---:|---:|---:|---:|:-:|"]
    for name, n in notebooks.items():
        if "error" in n:
            lines.append(f"| {name} | error: {n['error']} | | | | **NO** |")
        else:
            lines.append(f"| {name} | {n['median_s']:.2f} | {n['max_s']:.2f} | {len(n['runs_s'])} "
                         f"| {n['target_s']:.0f} | {'yes' if n['meets_target'] else '**NO**'} |")
    return lines


def _browser_table(browser: dict) -> list[str]:
    target = browser["target_ms"]
    lines = [f"| key press -> new numbers, {browser['steps']} steps (JupyterLab, headless Chromium) "
             f"| median ms | p90 ms | steps > {target:.0f} ms | stock connection: median ms "
             f"| p90 ms | steps > {target:.0f} ms | stock / tuned: paired median, ratio of means "
             f"| ok (median <= {target:.0f} ms) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|:-:|"]
    for pace, p in browser["paces"].items():
        tuned, stock = p["nodelay"], p["stock"]
        ok = "yes" if tuned["median_ms"] <= target else "**NO**"
        lines.append(f"| {pace}: {PACE_WORDS[pace]} | {tuned['median_ms']:.1f} | {tuned['p90_ms']:.1f} "
                     f"| {tuned['steps_over_target']} | {stock['median_ms']:.1f} | {stock['p90_ms']:.1f} "
                     f"| {stock['steps_over_target']} "
                     f"| {p['stock_over_nodelay_paired_median']:.2f}, "
                     f"{p['stock_over_nodelay_means']:.2f} | {ok} |")
    return lines


def _training_table(training: list[dict]) -> list[str]:
    lines = ["| training step, notebook 05 (batch 32, best of 5) | pairs | µs per example |",
             "|---|---:|---:|"]
    lines += [f"| {t['model']} | {t['n_pairs']} | {t['us_per_example']:.1f} |" for t in training]
    return lines


def table(rows: list[dict], notebooks: dict, browser: dict, skipped: list[dict] | None = None,
          training: list[dict] | None = None) -> str:
    """The three tables: kernel time per update (every explorer at every size, or why not), notebook
    run times against their budgets, and browser latency (or why it was not measured)."""
    lines = _update_table(rows, skipped or [])
    if training:
        lines += ["", *_training_table(training)]
    if notebooks:
        lines += ["", *_notebook_table(notebooks)]
    if browser.get("status") == "measured":
        lines += ["", *_browser_table(browser)]
    else:
        lines += ["", f"Browser latency: {browser.get('status')}"]
    return "\n".join(lines)


def results_markdown(result: dict) -> str:
    """The text of ``benchmarks/results.md`` for a results dict (as written to results.json)."""
    m = result["machine"]
    head = (f"Measured {m['date']}: {m['nproc']} cores, {m['cpu']}, Python {m['python']}; "
            f"{result['reps']} repetitions per update, interleaved.")
    body = table(result["updates"], result.get("notebooks", {}), result.get("browser", {}),
                 result.get("skipped", []), result.get("training"))
    notes = "".join(f"\n- {k}: {v}" for k, v in result.get("notes", {}).items())
    return f"{head}\n\n{body}\n" + (f"\nNotes:{notes}\n" if notes else "")


def readme_block(readme_text: str) -> str:
    """The text between the README's markers (without them)."""
    if BEGIN not in readme_text or END not in readme_text:
        raise ValueError(f"the README has no bench block: add the lines\n{BEGIN}\n{END}")
    return readme_text.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n") + "\n"


def sync_readme(readme: Path, markdown: str) -> None:
    """Replace the README's bench block by ``markdown`` (the rest of the file is left as it is)."""
    text = readme.read_text()
    readme_block(text)  # raises when the markers are missing
    before, rest = text.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    readme.write_text(f"{before}{BEGIN}\n{markdown.rstrip()}\n{END}{after}")
