"""The bench's report and bookkeeping (``benchmarks/``), on made-up timings; and the README's numbers.

The timings themselves are taken by ``make bench``; these tests check that what it prints, writes
and draws says what the numbers say, that every explorer is measured at every size or the table
says why, and that the README's table is the bench's own output.
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.image
import matplotlib.pyplot as plt
import pytest

from benchmarks import figure as figure_module
from benchmarks.cases import EXPLORERS, TOKEN_COUNTS, ExplorerCase, explorer_variants
from benchmarks.figure import figure
from benchmarks.report import readme_block, results_markdown, summarise_browser, sync_readme, table
from benchmarks.timing import notebook_budget

ROOT = Path(__file__).resolve().parents[2]


def _row(name, kind, n, median, ratio=None):
    row = {"name": name, "kind": kind, "n_tokens": n, "reps": 3, "median_ms": median, "p90_ms": median,
           "compute_ms": median / 4, "render_ms": median / 2, "send_ms": median / 4, "message_bytes": 1000,
           "sliders": ["x"]}
    if kind != "naive":
        row |= {"target_ms": 2.0, "meets_target": median <= 2.0, "ratio_vs_naive_median": ratio}
    return row


def _browser(tuned_held, stock_held):
    ms = {"held": {"nodelay": tuned_held, "stock": stock_held},
          "tapped": {"nodelay": [20.0, 22.0, 24.0, 26.0], "stock": [21.0, 22.0, 25.0, 26.0]}}
    return summarise_browser(ms, "00_start_here.ipynb", "temperature", steps=4)


def _nb(median, budget):
    return {"median_s": median, "max_s": median + 0.1, "runs_s": [median, median + 0.1], "target_s": budget,
            "meets_target": median <= budget}


def test_browser_summary_pairs_steps_and_counts_stalls():
    b = _browser([20.0, 30.0, 25.0, 40.0], [60.0, 30.0, 55.0, 80.0])
    held = b["paces"]["held"]
    assert held["nodelay"]["median_ms"] == 27.5 and held["stock"]["median_ms"] == 57.5
    assert held["stock"]["steps_over_target"] == 3 and held["nodelay"]["steps_over_target"] == 0
    # step by step: 3.0, 1.0, 2.2, 2.0 -> median 2.1 (not the 57.5 / 27.5 ratio of the medians)
    assert held["stock_over_nodelay_paired_median"] == pytest.approx(2.1)
    assert held["stock_over_nodelay_means"] == pytest.approx(56.25 / 28.75)
    assert b["median_ms"] == 27.5 and b["meets_target"]  # the slower of the tuned paces


def test_browser_summary_refuses_unpaired_steps():
    with pytest.raises(ValueError):
        _browser([20.0, 30.0], [60.0, 30.0, 55.0])


def test_notebook_budgets_per_notebook():
    names = ("00_start_here.ipynb", "05_x.ipynb", "06_y.ipynb", "07_z.ipynb")
    assert [notebook_budget(n) for n in names] == [10.0, 15.0, 45.0, 8.0]


def test_table_marks_a_missed_target_and_a_missed_budget():
    rows = [_row("naive redraw", "naive", 20, 500.0),
            _row("AttentionHeatmap.update", "heatmap", 20, 0.4, 1250),
            _row("slow.Explorer", "heatmap", 20, 3.0, 160)]
    notebooks = {"00.ipynb": _nb(2.0, 10.0), "01.ipynb": _nb(12.0, 10.0), "06.ipynb": _nb(40.0, 45.0)}
    browser = _browser([60.0, 70.0, 55.0, 52.0], [60.0, 30.0, 55.0, 80.0])
    lines = table(rows, notebooks, browser).splitlines()
    (heatmap,) = [x for x in lines if x.startswith("| AttentionHeatmap.update |")]
    (slow,) = [x for x in lines if x.startswith("| slow.Explorer |")]
    assert heatmap.endswith("| 1250 | yes |") and slow.endswith("| 160 | **NO** |")
    assert [x for x in lines if x.startswith("| 01.ipynb |")][0].endswith("| 10 | **NO** |")
    assert [x for x in lines if x.startswith("| 06.ipynb |")][0].endswith("| 45 | yes |")
    (held,) = [x for x in lines if x.startswith("| held:")]
    cells = [c.strip() for c in held.strip("|").split("|")]
    assert cells[1:4] == ["57.5", "67.0", "4"]
    assert cells[-1] == "**NO**"
    (tapped,) = [x for x in lines if x.startswith("| tapped:")]
    assert tapped.endswith("| yes |")


def test_table_says_why_a_size_or_the_browser_was_not_measured():
    skipped = [{"name": "Fixed", "n_tokens": 20, "why": "shows its own 12-word sentence"}]
    text = table([_row("naive redraw", "naive", 3, 100.0)], {}, {"status": "not measured: --no-browser"},
                 skipped)
    assert "| Fixed | | 20 | not measured: shows its own 12-word sentence |" in text
    assert "Browser latency: not measured: --no-browser" in text


def test_every_explorer_case_at_every_size_or_a_reason():
    """A case that fails to build, and one of a fixed size, still give a row per size."""

    class Fake:
        tokens = ["a"] * 12
        description = "s"

    def broken(n):
        raise ValueError("no such sentence")

    cases = [ExplorerCase("Broken", "09", "heatmap", broken, lambda ex: ex),
             ExplorerCase("Fixed", "09", "chart", lambda n: Fake(), lambda ex: ex,
                          fixed_size="its own sentence")]
    variants, skipped = explorer_variants(cases, TOKEN_COUNTS)
    assert [(v.name, v.n_tokens) for v in variants] == [("Fixed", 12)]
    assert {k: v.split(":")[0] for k, v in skipped.items()} == {
        **{("Broken", n): "not built" for n in TOKEN_COUNTS},
        **{("Fixed", n): "its own sentence" for n in TOKEN_COUNTS}}
    assert len({c.name for c in EXPLORERS}) == len(EXPLORERS) >= 5


def test_readme_table_is_the_bench_output():
    """README block == benchmarks/results.md == what the bench renders from benchmarks/results.json."""
    result = json.loads((ROOT / "benchmarks" / "results.json").read_text())
    md = (ROOT / "benchmarks" / "results.md").read_text()
    assert md == results_markdown(result), (
        "results.md is stale: run `python -m benchmarks.bench --report-only`")
    assert readme_block((ROOT / "README.md").read_text()) == md, (
        "the README's bench block differs from benchmarks/results.md: run `python -m benchmarks.bench "
        "--report-only` (it copies the file between the markers)")


def test_sync_readme_replaces_only_the_block(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("intro\n<!-- bench-results:begin (written by `make bench` from benchmarks/results.md; "
                      "do not edit) -->\nold\n<!-- bench-results:end -->\noutro\n")
    sync_readme(readme, "| new |\n")
    text = readme.read_text()
    assert readme_block(text) == "| new |\n" and text.startswith("intro\n") and text.endswith("\noutro\n")
    with pytest.raises(ValueError):
        readme_block("no markers")


def test_figure_draws_every_panel(tmp_path, monkeypatch):
    closed, really_close = [], plt.close
    monkeypatch.setattr(figure_module.plt, "close", closed.append)  # keep each figure to look at it
    rows = [_row("naive redraw", "naive", n, 100.0 * n) for n in TOKEN_COUNTS]
    rows += [_row("AttentionHeatmap.update", "heatmap", n, 0.1 * n, 1000) for n in TOKEN_COUNTS]
    notebooks = {"00.ipynb": _nb(2.0, 10.0)}
    meta = {"date": "2026-01-01 00:00 UTC", "nproc": 2, "cpu": "test CPU", "python": "3.11"}
    path = tmp_path / "results.png"
    figure(rows, notebooks, _browser([20.0, 30.0, 25.0, 40.0], [60.0, 30.0, 55.0, 80.0]), meta, path)
    assert matplotlib.image.imread(path).shape[:2] == (1000, 1500)
    titles = [ax.get_title() for ax in closed[0].axes]
    assert titles[0].startswith("One slider step") and titles[2] == "Notebook execution (dashed: its budget)"
    assert titles[3].startswith("Browser: key press to new numbers (target 50 ms)")
    browser_ax = closed[0].axes[3]
    assert [t.get_text() for t in browser_ax.get_yticklabels()] == ["held key", "tapped key"]
    widths = sorted(round(p.get_width(), 2) for p in browser_ax.patches)
    assert widths == sorted([27.5, 57.5, 23.0, 23.5])  # the four medians: tuned and stock, held and tapped

    figure(rows, {}, {"status": "not measured: --no-browser"}, meta, path)  # no notebooks, no browser
    titles = [ax.get_title() for ax in closed[1].axes]
    assert titles[2] == "Notebooks: not measured" and "not measured: --no-browser" in titles[3]
    for fig in closed:
        really_close(fig)
