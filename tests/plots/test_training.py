"""The static figures of notebook 05 read back as drawn (helpers/plots/training.py).

Each test builds a tiny input by hand (one-hot recall tokens, a fake race result, a few weight
rows), draws it on the Agg canvas and reads the picture back: line data, rendered pixels turned into
weights through the cividis colour list, where each box and text landed on screen. Expected numbers
are worked out here with plain loops, never taken from the helpers that fed the figure. Styling
(sizes, widths, alpha, font sizes) is not pinned.
"""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.plots import training
from tests.drawn import cell_fractions, numbers, plain_words
from tests.support.figures import HEX_PALETTE, hex_colour, new_figures

N_KEYS, N_VALUES = 32, 8  # recall token: one-hot key (32), one-hot value (8), query flag (1)
def _token(key, value=None):
    """A pair token ``k<key>:v<value>``, or the query ``k<key>?`` when value is None."""
    x = np.zeros(N_KEYS + N_VALUES + 1)
    x[key] = 1.0
    if value is None:
        x[-1] = 1.0
    else:
        x[N_KEYS + value] = 1.0
    return x


def _extent(artist, draw=False):
    """The artist's box on screen in pixels (``draw=True`` redraws the figure first)."""
    fig = artist.figure
    if draw:
        fig.canvas.draw()
    return artist.get_window_extent(fig.canvas.get_renderer())


def _inside(inner, outer, tol=1.0):
    return (outer.x0 - tol <= inner.x0 and inner.x1 <= outer.x1 + tol
            and outer.y0 - tol <= inner.y0 and inner.y1 <= outer.y1 + tol)


# ---------------------------------------------------------------- training.py: the task example

KEYS = [3, 17, 5, 30, 8, 12, 21, 0, 9, 14, 26]
VALUES = [1, 2, 0, 7, 4, 5, 6, 3, 2, 1, 0]
QUERY, MATCH, ANSWER = 12, 5, 5  # the query asks for key 12: pair index 5 (the 6th pair), value 5


def _sequence():
    return np.array([_token(k, v) for k, v in zip(KEYS, VALUES, strict=True)] + [_token(QUERY)])


def test_task_example_draws_every_token_in_its_own_box_in_order():
    X = _sequence()
    T = len(X)
    ax = training.plot_task_example(X, ANSWER, MATCH).ax
    fig = ax.figure
    boxes = ax.patches
    assert len(boxes) == T
    names = [f"k{k}:v{v}" for k, v in zip(KEYS, VALUES, strict=True)] + [f"k{QUERY}?"]
    view = _extent(ax, draw=True)
    for t, (box, name) in enumerate(zip(boxes, names, strict=True)):
        b = _extent(box)
        left, bottom = ax.transData.transform((t, 0))
        right, top = ax.transData.transform((t + 1, 1))
        assert left < b.x0 < b.x1 < right and bottom < b.y0 < b.y1 < top  # slot t, left to right
        assert _inside(b, view)
        (label,) = [s for s in ax.texts if s.get_text() == name]
        e = _extent(label)
        assert _inside(e, b)  # the token's name fits inside its box ...
        assert abs((e.x0 + e.x1) / 2 - (b.x0 + b.x1) / 2) < 2  # ... centred
        assert abs((e.y0 + e.y1) / 2 - (b.y0 + b.y1) / 2) < 2
        (under,) = [s for s in ax.texts if s is not label and abs(s.get_position()[0] - (t + 0.5)) < 1e-9
                    and s.get_text() not in names]
        u = _extent(under)
        assert u.y1 < b.y0 and _inside(u, view)  # the position name sits under the box, in view
        assert abs((u.x0 + u.x1) / 2 - (b.x0 + b.x1) / 2) < 2
        if t < T - 1:
            assert numbers(under.get_text()) == [t + 1]  # pairs counted from 1
        else:
            assert not numbers(under.get_text())  # the query is named, not numbered
    assert len(ax.texts) == 2 * T
    # No empty band taller than a box around the strip.
    rows = [_extent(b) for b in boxes]
    height = rows[0].height
    assert view.y1 - max(r.y1 for r in rows) < height
    assert min(_extent(s).y0 for s in ax.texts) - view.y0 < height
    left, right = rows[0].x0 - view.x0, view.x1 - rows[-1].x1
    assert 0 < left < rows[0].width and abs(left - right) < 2  # the strip is centred in its view
    assert not ax.axison  # a strip of tokens: no frame or ticks
    plain_words(fig, at_least=2 * T + 1)


def test_task_example_outlines_the_query_and_the_match():
    X = _sequence()
    ax = training.plot_task_example(X, ANSWER, MATCH).ax
    edges = [hex_colour(p.get_edgecolor()) for p in ax.patches]
    widths = [p.get_linewidth() for p in ax.patches]
    query, match = edges[-1], edges[MATCH]
    rest = [e for t, e in enumerate(edges[:-1]) if t != MATCH]
    assert query in HEX_PALETTE and match in HEX_PALETTE and query != match
    assert len(set(rest)) == 1 and rest[0] not in (query, match)
    thin = [w for t, w in enumerate(widths[:-1]) if t != MATCH]
    assert len(set(thin)) == 1 and widths[-1] > thin[0] and widths[MATCH] > thin[0]  # drawn thicker


def test_task_example_title_names_the_pair_count_and_the_answer():
    X = _sequence()
    ax = training.plot_task_example(X, np.int64(ANSWER), np.int64(MATCH)).ax
    title = ax.get_title()
    after = title.split(f"v{ANSWER}", 1)
    assert len(KEYS) in numbers(after[0])  # 11 pairs before the query
    assert len(after) == 2 and numbers(after[1]) == [MATCH + 1]  # answer v5, from pair 6
    assert training.plot_task_example(X, ANSWER, MATCH, title="mine").ax.get_title() == "mine"


def test_task_example_draws_into_the_axes_given_and_refuses_a_batch():
    X = _sequence()[-3:]
    fig, ax = plt.subplots()
    before = set(plt.get_fignums())
    assert training.plot_task_example(X, 2, 0, ax=ax).ax is ax
    assert new_figures(before) == set() and len(ax.patches) == 3
    with pytest.raises(ValueError) as err:
        training.plot_task_example(X[None], 2, 0)
    assert {1, 3, 41} <= set(numbers(str(err.value)))
    with pytest.raises(ValueError):
        training.plot_task_example(X[0], 2, 0)


# ---------------------------------------------------------------- training.py: the race

# Shaped like the notebook's race (per-seed accuracies; the means fall like the RNN's do there).
ASSOC = {"task": "associative", "sizes": [1, 2, 4, 8, 16], "steps": 200, "accuracy": {
    "rnn": np.array([[1.0, 1.0, 1.0], [0.6, 0.5, 0.58], [0.4, 0.35, 0.36], [0.25, 0.22, 0.25],
                     [0.16, 0.14, 0.15]]),
    "attention": np.array([[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 0.99], [1.0, 0.99, 1.0],
                           [1.0, 0.98, 0.99]])}}
FIRST = {"task": "first_token", "sizes": [5, 10, 20, 40, 80], "steps": 100, "accuracy": {
    "rnn": np.array([[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [0.88, 0.97, 0.1],
                     [0.38, 0.15, 0.04]]),
    "attention": np.array([[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0],
                           [1.0, 1.0, 0.99]])}}


def _means(acc):
    return [sum(row) / len(row) for row in acc]


def _dots(ax):
    return [ln for ln in ax.get_lines() if ln.get_linestyle() == "None"]


@pytest.mark.parametrize("result", [ASSOC, FIRST], ids=["associative", "first_token"])
def test_race_draws_each_seed_and_the_mean_over_the_sizes(result):
    lines = training.plot_race(result)["lines"]
    ax = lines["rnn"].axes
    sizes = result["sizes"]
    dots = _dots(ax)
    assert len(dots) == 6
    for kind, acc in result["accuracy"].items():
        line = lines[kind]
        np.testing.assert_allclose(line.get_xdata(), sizes)
        np.testing.assert_allclose(line.get_ydata(), _means(acc))
        mine = [d for d in dots if d.get_color() == line.get_color()]  # dots in their line's colour
        got = sorted(np.asarray(d.get_ydata()).tolist() for d in mine)
        assert got == sorted([[row[j] for row in acc] for j in range(3)])
        assert all(list(d.get_xdata()) == sizes for d in mine)
        assert len(acc[0]) in numbers(line.get_label())  # "mean of 3 seeds"
    colours = [hex_colour(lines[k].get_color()) for k in ("rnn", "attention")]
    assert colours[0] != colours[1] and set(colours) <= set(HEX_PALETTE)
    assert lines["rnn"].get_linestyle() != lines["attention"].get_linestyle()
    assert 32 in numbers(lines["rnn"].get_label())  # the RNN's 32 hidden units
    chance = [ln for ln in ax.get_lines() if np.allclose(ln.get_ydata(), 1 / 8)]
    assert len(chance) == 1 and "1/8" in chance[0].get_label()
    styles = {ln.get_linestyle() for ln in [*lines.values(), *chance]}
    assert len(styles) == 3  # the chance line has a dash pattern of its own
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert lines["rnn"].get_label() in legend and lines["attention"].get_label() in legend
    assert chance[0].get_label() in legend
    assert ax.get_xscale() == "log" and ax.xaxis.get_transform().base == 2 and "log" in ax.get_xlabel()
    assert list(ax.get_xticks()) == sizes
    assert [float(t.get_text()) for t in ax.get_xticklabels()] == sizes
    bottom, top = ax.get_ylim()
    assert bottom == 0 and 1.0 < top <= 1.1  # the whole 0..1 range of an accuracy, small margin
    assert "accuracy" in ax.get_ylabel()
    assert result["steps"] in numbers(ax.get_title())
    plain_words(ax.figure, at_least=10)


def test_race_draws_the_random_pair_value_for_associative_recall_only():
    lines = training.plot_race(ASSOC)["lines"]
    ax = lines["rnn"].axes
    (base,) = [ln for ln in ax.get_lines() if len(ln.get_xdata()) > 5]
    n = np.asarray(base.get_xdata())
    assert n[0] == pytest.approx(1) and n[-1] == pytest.approx(16)
    steps = np.diff(np.log(n))
    assert np.all(steps > 0) and np.allclose(steps, steps[0])  # an even curve on the log axis
    np.testing.assert_allclose(base.get_ydata(), [1 / k + (1 - 1 / k) / 8 for k in n])
    assert base.get_linestyle() == ":"  # "the dotted curve" in the lesson
    colours = {hex_colour(ln.get_color()) for ln in (*lines.values(), base)}
    assert len(colours) == 3 and colours <= set(HEX_PALETTE)
    assert "1/n" in base.get_label()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(legend) == 4 and base.get_label() in legend
    assert "pairs" in ax.get_xlabel() and "associative" in ax.get_title()
    first = training.plot_race(FIRST).ax
    assert all(len(ln.get_xdata()) <= 5 for ln in first.get_lines())
    assert len(first.get_legend().get_texts()) == 3
    assert "length" in first.get_xlabel() and "pairs" not in first.get_xlabel()
    assert "first" in first.get_title() and "associative" not in first.get_title()


@pytest.mark.parametrize("result", [ASSOC, FIRST], ids=["associative", "first_token"])
def test_race_legend_hides_no_point_and_no_mean_curve(result):
    lines = training.plot_race(result)["lines"]
    ax = lines["rnn"].axes
    box = _extent(ax.get_legend(), draw=True)
    for ln in [*lines.values(), *_dots(ax)]:
        xy = ax.transData.transform(np.column_stack([ln.get_xdata(), ln.get_ydata()]))
        for x, y in xy:
            assert not box.contains(x, y), (ln.get_label(), x, y)
    for ln in lines.values():  # nor any stretch of a mean curve, sampled on screen between its points
        xy = ax.transData.transform(np.column_stack([ln.get_xdata(), ln.get_ydata()]))
        for (x0, y0), (x1, y1) in zip(xy[:-1], xy[1:], strict=True):
            for f in np.linspace(0, 1, 41):
                assert not box.contains(x0 + f * (x1 - x0), y0 + f * (y1 - y0)), ln.get_label()


def test_race_title_axes_and_other_model_names():
    fig, ax = plt.subplots()
    before = set(plt.get_fignums())
    lines = training.plot_race(ASSOC, ax=ax, title="mine")["lines"]
    assert lines["rnn"].axes is ax and ax.get_title() == "mine" and new_figures(before) == set()
    low = {"gru": FIRST["accuracy"]["rnn"] * 0.8}  # never above 0.8: the axis still shows 0..1
    other = training.plot_race(dict(FIRST, accuracy=low))["lines"]["gru"]
    assert "gru" in other.get_label()
    assert other.axes.get_ylim()[0] == 0 and 1.0 < other.axes.get_ylim()[1] <= 1.1


# ---------------------------------------------------------------- training.py: learned attention

EX_X = np.array([[_token(4, 1), _token(9, 6), _token(2, 3), _token(2)],
                 [_token(7, 0), _token(1, 5), _token(30, 2), _token(7)]])
EX_W = np.array([[0.1, 0.2, 0.7, 0.0], [0.85, 0.05, 0.1, 0.0]])
EX_MATCH = [2, 0]


def test_attention_examples_show_each_sequence_weights_as_one_row():
    arts = training.plot_attention_examples(EX_W, EX_X, EX_MATCH)["heatmaps"]
    fig = arts[0].ax.figure
    assert len(arts) == 2 and len(fig.axes) == 2  # one row per sequence, no colour bars
    for i, art in enumerate(arts):
        ax = art.ax
        names = [f"k{int(np.argmax(x[:N_KEYS]))}" + ("?" if x[-1] else f":v{int(np.argmax(x[N_KEYS:-1]))}")
                 for x in EX_X[i]]
        assert [t.get_text() for t in ax.get_xticklabels()] == names
        assert [t.get_text() for t in ax.get_yticklabels()] == [names[-1]]  # the query's row
        np.testing.assert_allclose(cell_fractions(ax, 1, 4)[0], EX_W[i], atol=1.5 / 256)
        assert art.image.get_clim() == (0.0, 1.0)
        (outline,) = ax.patches
        b = outline.get_bbox()
        m = EX_MATCH[i]
        assert (b.x0, b.x1, b.y0, b.y1) == (m - 0.5, m + 0.5, -0.5, 0.5)  # around the matching cell
        assert ax.get_title() == "" and "query" in ax.get_ylabel()  # one heading for the figure
    assert [bool(a.ax.get_xlabel()) for a in arts] == [False, True]  # the bottom row names the x axis
    assert "query" in fig.get_suptitle() and "match" in fig.get_suptitle()  # says what the outline marks
    plain_words(fig, at_least=12)


def test_attention_examples_heading_and_given_axes():
    titled = training.plot_attention_examples(EX_W[:1], EX_X[:1], EX_MATCH[:1], title="mine")
    assert titled.fig.get_suptitle() == "mine"
    fig, axes = plt.subplots(2, 1)
    before = set(plt.get_fignums())
    arts = training.plot_attention_examples(EX_W, EX_X, EX_MATCH, ax=axes)["heatmaps"]
    assert [a.ax for a in arts] == list(axes) and new_figures(before) == set()
    assert fig.get_suptitle() == ""  # the caller's figure keeps its own heading
    fig1, ax = plt.subplots()
    (one,) = training.plot_attention_examples(EX_W[1:], EX_X[1:], EX_MATCH[1:], ax=ax)["heatmaps"]
    assert one.ax is ax and ax.get_xlabel()


# ---------------------------------------------------------------- training.py: gradient norms


def test_gradient_norms_are_drawn_from_position_one_on_a_log_axis():
    curves = {"random weights": [1e-3, 1e-2, 0.1, 1.0, 2.0], "learned": [0.5, 0.5, 0.6, 0.8, 1.0],
              "failed": [1e-6, 1e-4, 1e-2, 0.3, 1.5], "fourth": [1.0, 1.0, 1.0, 1.0, 1.0]}
    drawn = training.plot_gradient_norms(curves)
    lines, ax = list(drawn["lines"].values()), drawn.ax
    assert len(lines) == 4
    for line, (label, g) in zip(lines, curves.items(), strict=True):
        np.testing.assert_array_equal(line.get_xdata(), [1, 2, 3, 4, 5])  # positions counted from 1
        np.testing.assert_allclose(line.get_ydata(), g)
        assert line.get_label() == label
    colours = [hex_colour(ln.get_color()) for ln in lines]
    assert len(set(colours)) == 4 and set(colours) <= set(HEX_PALETTE)
    assert len({ln.get_linestyle() for ln in lines[:3]}) == 3
    assert ax.get_yscale() == "log" and "log" in ax.get_ylabel()
    assert re.search(r"\bt\b", ax.get_xlabel())
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(curves)
    assert ax.get_title()
    plain_words(ax.figure, at_least=8)
    fig, own = plt.subplots()
    before = set(plt.get_fignums())
    mine = training.plot_gradient_norms({"a": [1.0, 0.5]}, ax=own, title="mine")
    assert mine.ax is own and own.get_title() == "mine" and new_figures(before) == set()


def test_accuracy_by_pair_draws_one_bar_per_pair_with_its_value_and_both_strategies():
    by_pair = {4: [0.45, 0.39, 0.37, 0.37], 2: [0.61, 0.52]}
    bars = list(training.plot_accuracy_by_pair(by_pair)["bars"].values())
    assert len(bars) == 2
    for (n, acc), container in zip(by_pair.items(), bars, strict=True):
        ax = container[0].axes
        heights = [b.get_height() for b in container]
        centres = [b.get_x() + b.get_width() / 2 for b in container]
        np.testing.assert_allclose(heights, acc)
        np.testing.assert_allclose(centres, range(1, n + 1))
        shown = sorted((t.get_position()[0], float(t.get_text())) for t in ax.texts)
        assert shown == [(k + 1, pytest.approx(a)) for k, a in enumerate(acc)]   # the value on each bar
        dotted = [ln for ln in ax.get_lines() if ln.get_linestyle() == ":"]
        assert len(dotted) == 1 and dotted[0].get_ydata()[0] == pytest.approx(1 / n + (1 - 1 / n) / 8)
        (last,) = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
        want = [1.0 if k == n else 1 / 8 for k in range(1, n + 1)]
        np.testing.assert_allclose(last.get_ydata(), want)                         # keep-the-last-pair
        assert f"{n} pairs" in ax.get_title() and "asks" in ax.get_xlabel()
    assert "pair the query asks for" in bars[0][0].axes.figure._suptitle.get_text()
