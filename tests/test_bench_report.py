"""The report half of ``benchmarks/bench.py`` (summary, table, figure), on made-up timings.

The timings themselves are taken by ``make bench``; these tests check that what it prints and
draws says what the numbers say, so a README table cannot claim a target the numbers miss.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import matplotlib.image
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_report_under_test", ROOT / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _row(name, kind, n, median, ratio=None):
    row = {"name": name, "kind": kind, "n_tokens": n, "reps": 3, "median_ms": median, "p90_ms": median,
           "compute_ms": median / 4, "render_ms": median / 2, "send_ms": median / 4, "message_bytes": 1000,
           "sliders": ["x"]}
    if kind != "naive":
        row |= {"target_ms": 2.0, "meets_target": median <= 2.0, "ratio_vs_naive_median": ratio}
    return row


def _browser(bench, tuned_held, stock_held):
    ms = {"held": {"nodelay": tuned_held, "stock": stock_held},
          "tapped": {"nodelay": [20.0, 22.0, 24.0, 26.0], "stock": [21.0, 22.0, 25.0, 26.0]}}
    return bench.summarise_browser(ms, "00_start_here.ipynb", "temperature", steps=4)


def test_browser_summary_pairs_steps_and_counts_stalls(bench):
    b = _browser(bench, [20.0, 30.0, 25.0, 40.0], [60.0, 30.0, 55.0, 80.0])
    held = b["paces"]["held"]
    assert held["nodelay"]["median_ms"] == 27.5 and held["stock"]["median_ms"] == 57.5
    assert held["stock"]["steps_over_target"] == 3 and held["nodelay"]["steps_over_target"] == 0
    # step by step: 3.0, 1.0, 2.2, 2.0 -> median 2.1 (not the 57.5 / 27.5 ratio of the medians)
    assert held["stock_over_nodelay_paired_median"] == pytest.approx(2.1)
    assert held["stock_over_nodelay_means"] == pytest.approx(56.25 / 28.75)
    assert b["median_ms"] == 27.5 and b["meets_target"]  # the slower of the tuned paces


def test_browser_summary_refuses_unpaired_steps(bench):
    with pytest.raises(ValueError):
        _browser(bench, [20.0, 30.0], [60.0, 30.0, 55.0])


def test_table_marks_a_missed_target(bench):
    rows = [_row("naive redraw", "naive", 20, 500.0), _row("AttentionHeatmap.update", "heatmap", 20, 0.4, 1250),
            _row("slow.Explorer", "heatmap", 20, 3.0, 160)]
    notebooks = {"00.ipynb": {"median_s": 2.0, "max_s": 2.1, "runs_s": [2.0, 2.1], "meets_target": True},
                 "01.ipynb": {"median_s": 12.0, "max_s": 13.0, "runs_s": [12.0, 13.0], "meets_target": False}}
    browser = _browser(bench, [60.0, 70.0, 55.0, 52.0], [60.0, 30.0, 55.0, 80.0])
    lines = bench.table(rows, notebooks, browser).splitlines()
    (heatmap,) = [x for x in lines if x.startswith("| AttentionHeatmap.update |")]
    (slow,) = [x for x in lines if x.startswith("| slow.Explorer |")]
    assert heatmap.endswith("| 1250 | yes |") and slow.endswith("| 160 | **NO** |")
    assert [x for x in lines if x.startswith("| 01.ipynb |")][0].endswith("| **NO** |")
    (held,) = [x for x in lines if x.startswith("| held:")]
    cells = [c.strip() for c in held.strip("|").split("|")]
    assert cells[1:4] == ["57.5", f"{bench._q([60.0, 70.0, 55.0, 52.0], 0.9):.1f}", "4"]
    assert cells[-1] == "**NO**"
    (tapped,) = [x for x in lines if x.startswith("| tapped:")]
    assert tapped.endswith("| yes |")


def test_table_says_when_the_browser_was_not_measured(bench):
    text = bench.table([_row("naive redraw", "naive", 3, 100.0)], {}, {"status": "not measured: --no-browser"})
    assert "Browser latency: not measured: --no-browser" in text


def test_figure_draws_every_panel(bench, tmp_path, monkeypatch):
    closed, really_close = [], bench.plt.close
    monkeypatch.setattr(bench.plt, "close", closed.append)  # keep each figure to look at it
    rows = [_row("naive redraw", "naive", n, 100.0 * n) for n in bench.TOKEN_COUNTS]
    rows += [_row("AttentionHeatmap.update", "heatmap", n, 0.1 * n, 1000) for n in bench.TOKEN_COUNTS]
    notebooks = {"00.ipynb": {"median_s": 2.0, "max_s": 2.1, "runs_s": [2.0, 2.1], "meets_target": True}}
    meta = {"date": "2026-01-01 00:00 UTC", "nproc": 2, "cpu": "test CPU", "python": "3.11"}
    path = tmp_path / "results.png"
    bench.figure(rows, notebooks, _browser(bench, [20.0, 30.0, 25.0, 40.0], [60.0, 30.0, 55.0, 80.0]), meta, path)
    assert matplotlib.image.imread(path).shape[:2] == (1000, 1500)
    titles = [ax.get_title() for ax in closed[0].axes]
    assert titles[0].startswith("One slider step") and titles[2] == "Notebook execution (target 10 s)"
    assert titles[3].startswith("Browser: key press to new numbers (target 50 ms)")
    browser_ax = closed[0].axes[3]
    assert [t.get_text() for t in browser_ax.get_yticklabels()] == ["held key", "tapped key"]
    widths = sorted(round(p.get_width(), 2) for p in browser_ax.patches)
    assert widths == sorted([27.5, 57.5, 23.0, 23.5])  # the four medians: tuned and stock, held and tapped

    bench.figure(rows, {}, {"status": "not measured: --no-browser"}, meta, path)  # no notebooks, no browser
    titles = [ax.get_title() for ax in closed[1].axes]
    assert titles[2] == "Notebooks: not measured" and "not measured: --no-browser" in titles[3]
    for fig in closed:
        really_close(fig)
