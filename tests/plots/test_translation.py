"""helpers.plots.translation: the static figures of notebook 06 read back as drawn.

Each test builds a tiny input by hand (a weight matrix, a model that reverses its input, a fake
reversal sweep), draws it on the Agg canvas and reads the picture back: line data, and rendered
pixels turned into weights through the cividis colour list. Expected numbers are worked out here with
plain loops, never taken from the helpers that fed the figure. Styling is not pinned.
"""

from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.core.seq2seq import Seq2Seq
from helpers.plots import alignment_heatmap, plot_alignments, translation
from tests.drawn import cell_fractions, numbers, plain_words, text_outside
from tests.support.figures import HEX_PALETTE, hex_colour, new_figures


def _plain_sentence(text):
    """Assert a message is written in plain words, with the same rule as figure texts."""
    fig = plt.figure()
    fig.suptitle(text)
    plain_words(fig)
    plt.close(fig)




def test_char_labels_show_each_space_as_a_visible_mark():
    text = "a b  c"
    assert translation.char_labels(text) == ["a", "␣", "b", "␣", "␣", "c"]
    assert translation.char_labels("") == []


def test_alignment_heatmap_draws_the_weights_with_characters_upright():
    w = np.array([[0.6, 0.3, 0.1], [0.0, 0.5, 0.5]])
    art = translation.alignment_heatmap(w, "xy", "a b")
    ax = art.ax
    np.testing.assert_allclose(cell_fractions(ax, 2, 3), w, atol=1.5 / 256)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "␣", "b"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["x", "y"]
    assert "'a b'" in ax.get_title() and "'xy'" in ax.get_title()
    assert "source" in ax.get_xlabel() and "output" in ax.get_ylabel()
    assert art.image.get_clim() == (0.0, 1.0) and art.colorbar is not None
    assert [[t.get_text() for t in row] for row in art.texts] == [["0.60", "0.30", "0.10"],
                                                                    ["0.00", "0.50", "0.50"]]
    plain_words(ax.figure, at_least=8)
    source = "abcdefghij k"  # more than 8 columns: the heatmap would turn its labels sideways
    long = translation.alignment_heatmap(np.full((1, 12), 1 / 12), "z", source)
    assert [t.get_text() for t in long.ax.get_xticklabels()] == [c if c != " " else "␣" for c in source]
    assert all(t.get_rotation() == 0 for t in long.ax.get_xticklabels())
    bare = translation.alignment_heatmap(w, "xy", "a b", title="mine", show_values=False, colorbar=False)
    assert bare.ax.get_title() == "mine" and bare.texts == [] and bare.colorbar is None
    fig, own = plt.subplots()
    before = set(plt.get_fignums())
    assert translation.alignment_heatmap(w, "xy", "a b", own).ax is own and new_figures(before) == set()


class _Reverser:
    """Reverses its input; with attention, output character i looks at source character n-1-i."""

    def __init__(self, attention=True):
        self.attention = attention

    def translate(self, src):
        n = len(src)
        w = [[1.0 if j == n - 1 - i else 0.0 for j in range(n)] for i in range(n)]
        return src[::-1], (np.array(w) if self.attention else None)


def test_plot_alignments_draws_one_panel_per_source():
    sources = ["12", "345"]
    arts = translation.plot_alignments(_Reverser(), sources)["heatmaps"]
    assert len(arts) == 2 and arts[0].ax.figure is arts[1].ax.figure
    for art, src in zip(arts, sources, strict=True):
        n = len(src)
        expect = [[1.0 if j == n - 1 - i else 0.0 for j in range(n)] for i in range(n)]
        np.testing.assert_allclose(cell_fractions(art.ax, n, n), expect, atol=1.5 / 256)
        assert [t.get_text() for t in art.ax.get_xticklabels()] == list(src)
        assert [t.get_text() for t in art.ax.get_yticklabels()] == list(reversed(src))
        out = "".join(reversed(src))
        assert f"'{src}'" in art.ax.get_title() and f"'{out}'" in art.ax.get_title()
        assert len(art.texts) == n
    quiet = translation.plot_alignments(_Reverser(), ["12"], show_values=False)["heatmaps"]
    assert quiet[0].texts == []
    fig, ax = plt.subplots()
    before = set(plt.get_fignums())
    assert translation.plot_alignments(_Reverser(), ["12"], ax=ax).ax is ax
    assert new_figures(before) == set()
    fig2, two = plt.subplots(2, 1)
    with pytest.raises(ValueError):
        translation.plot_alignments(_Reverser(), ["12"], ax=two)  # one panel per source
    with pytest.raises(ValueError) as err:
        translation.plot_alignments(_Reverser(attention=False), ["12"])
    _plain_sentence(str(err.value))
    assert "attention" in str(err.value)  # says what the model lacks
    panel = translation.plot_alignments(_Reverser(), ["12"]).ax.get_title()
    alone = translation.alignment_heatmap(np.eye(2)[::-1], "21", "12").ax.get_title()
    assert "'12'" in panel and "'21'" in panel and len(panel) < len(alone)  # a stacked panel's title is short


SWEEP = SimpleNamespace(
    lengths=np.array([2, 4, 6]),
    accuracy={"bottleneck": np.array([[1.0, 0.5, 0.0], [0.8, 0.3, 0.1]]),
              "attention": np.array([[1.0, 1.0, 0.9], [1.0, 0.9, 0.9]])},
    char_accuracy={"bottleneck": np.array([[0.9, 0.7, 0.4], [0.9, 0.6, 0.5], [0.8, 0.8, 0.3]]),
                   "attention": np.array([[0.9, 0.9, 0.9], [0.95, 0.95, 0.9], [0.9, 0.9, 0.9]])})


@pytest.mark.parametrize("key", ["accuracy", "char_accuracy"])
def test_length_sweep_draws_every_seed_and_the_mean(key):
    ax = translation.plot_length_sweep(SWEEP, key=key).ax
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(legend) == 2 and legend[0] != legend[1]
    means = [ln for ln in ax.get_lines() if ln.get_label() in legend]
    seeds = [ln for ln in ax.get_lines() if ln.get_label() not in legend]
    data = getattr(SWEEP, key)
    for variant, mean in zip(("bottleneck", "attention"), means, strict=True):
        acc = data[variant]
        np.testing.assert_allclose(mean.get_ydata(), [sum(c) / len(c) for c in zip(*acc, strict=True)])
        mine = [ln for ln in seeds if ln.get_color() == mean.get_color()]
        got = sorted(np.asarray(ln.get_ydata()).tolist() for ln in mine)
        assert got == sorted(row.tolist() for row in acc)
        assert len(acc) in numbers(mean.get_label())
    for ln in ax.get_lines():
        np.testing.assert_array_equal(ln.get_xdata(), [2, 4, 6])
    assert len(seeds) == sum(len(v) for v in data.values())
    colours = [hex_colour(ln.get_color()) for ln in means]
    assert colours[0] != colours[1] and set(colours) <= set(HEX_PALETTE)
    assert means[0].get_marker() != means[1].get_marker()
    assert list(ax.get_xticks()) == [2, 4, 6]
    bottom, top = ax.get_ylim()
    assert -0.1 < bottom < 0.0 and 1.0 < top < 1.1  # 0 and 1 drawn clear of the frame, whatever the data
    assert ("character" in ax.get_ylabel()) == (key == "char_accuracy") and "accuracy" in ax.get_ylabel()
    assert "length" in ax.get_xlabel() and ax.get_title()
    plain_words(ax.figure, at_least=8)


def test_length_sweep_title_and_given_axes():
    fig, ax = plt.subplots()
    before = set(plt.get_fignums())
    assert translation.plot_length_sweep(SWEEP, ax=ax, title="mine").ax is ax
    assert ax.get_title() == "mine" and new_figures(before) == set()


def test_sequential_steps_grow_with_length_for_the_rnn_only():
    T = [1, 4, 16, 64]
    ax = translation.plot_sequential_steps(T).ax
    rnn, att = ax.get_lines()
    for ln in (rnn, att):
        np.testing.assert_array_equal(ln.get_xdata(), T)
    np.testing.assert_array_equal(rnn.get_ydata(), T)  # h_t waits for h_(t-1): T steps
    np.testing.assert_array_equal(att.get_ydata(), [1, 1, 1, 1])  # every position at once
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [rnn.get_label(), att.get_label()] and legend[0] != legend[1]
    assert "steps" in ax.get_ylabel() and "T" in ax.get_xlabel() and ax.get_title()
    plain_words(ax.figure, at_least=6)
    fig, own = plt.subplots()
    before = set(plt.get_fignums())
    assert translation.plot_sequential_steps([1, 2], ax=own).ax is own and new_figures(before) == set()


def test_notebook_06_draws_each_model_in_one_colour_and_marker_throughout():
    steps = translation.plot_sequential_steps([1, 4]).ax
    rnn, att = steps.get_lines()
    sweep = translation.plot_length_sweep(SWEEP).ax
    legend = [t.get_text() for t in sweep.get_legend().get_texts()]
    bottleneck, attention = [ln for ln in sweep.get_lines() if ln.get_label() in legend]
    # The RNN encoder without attention (the bottleneck) and the attention model keep their looks.
    for mine, same in ((bottleneck, rnn), (attention, att)):
        looks = [(hex_colour(ln.get_color()), ln.get_marker()) for ln in (mine, same)]
        assert looks[0] == looks[1], looks
    assert hex_colour(rnn.get_color()) != hex_colour(att.get_color()) and rnn.get_marker() != att.get_marker()
    assert {hex_colour(rnn.get_color()), hex_colour(att.get_color())} <= set(HEX_PALETTE)


def test_alignment_panels_stay_readable_at_their_own_size_on_a_1280_px_screen():
    # 28 source characters: the widest date a format writes ("wednesday, september 27, 1994" is 29).
    source = "wednesday, september 27, 94"
    n = len(source)

    class Wide:
        def translate(self, src):
            return "1994-09-27", np.full((10, len(src)), 1 / len(src))

    arts = translation.plot_alignments(Wide(), [source, "9/27/94"])["heatmaps"]
    fig = arts[0].ax.figure
    assert fig.get_size_inches()[0] * fig.dpi <= 1100  # shown at its own size, not shrunk
    assert arts[0].colorbar is arts[1].colorbar is not None  # one colour bar for every panel
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    cell = arts[0].ax.transData.transform((1, 0))[0] - arts[0].ax.transData.transform((0, 0))[0]
    for art in arts:
        values = [t for row in art.texts for t in row]
        assert values and min(t.get_fontsize() for t in values) >= 10  # 14 px at 100 dpi
        labels = art.ax.get_xticklabels() + art.ax.get_yticklabels()
        assert min(t.get_fontsize() for t in labels) >= 11
    widest = max(t.get_window_extent(renderer).width for row in arts[0].texts for t in row)
    assert widest < cell, f"a value ({widest:.0f} px) is wider than its cell ({cell:.0f} px) at {n} columns"
    assert text_outside(fig) == []


def test_position_accuracy_draws_each_character_in_the_order_written():
    acc = {"bottleneck": np.array([1.0, 0.9, 1.0, 0.2, 0.1, 0.7]), "attention": np.array([1.0] * 6)}
    ax = translation.plot_position_accuracy(acc, "YY-DD", guess=[0.5, 0.1, 1.0, 0.3, 0.1]).ax
    lines = ax.get_lines()
    assert len(lines) == 2
    for ln, values in zip(lines, acc.values(), strict=True):
        np.testing.assert_array_equal(ln.get_xdata(), range(5))
        np.testing.assert_allclose(ln.get_ydata(), values[:5])  # the end symbol is not drawn
    sweep = translation.plot_length_sweep(SWEEP).ax
    legend = [t.get_text() for t in sweep.get_legend().get_texts()]
    same = [ln for ln in sweep.get_lines() if ln.get_label() in legend]
    for mine, there in zip(lines, same, strict=True):  # each model keeps its colour and marker
        looks = [(hex_colour(ln.get_color()), ln.get_marker()) for ln in (mine, there)]
        assert looks[0] == looks[1], looks
    (guess,) = ax.collections
    np.testing.assert_allclose(guess.get_offsets(), [[0, 0.5], [1, 0.1], [2, 1.0], [3, 0.3], [4, 0.1]])
    assert [t.get_text() for t in ax.get_xticklabels()] == list("YY-DD")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["without attention", "with attention",
                                                                   "a constant guess"]
    bottom, top = ax.get_ylim()
    assert -0.1 < bottom < 0.0 and 1.0 < top < 1.1
    assert "YY-DD" in ax.get_title() and "order written" in ax.get_xlabel()
    for text in (ax.get_xlabel(), ax.get_ylabel()):
        _plain_sentence(text)
    assert text_outside(ax.figure) == []
    bare = translation.plot_position_accuracy({"attention": [1, 1]}, "YY", title="mine").ax
    assert bare.get_title() == "mine" and len(bare.collections) == 0
    fig, own = plt.subplots()
    before = set(plt.get_fignums())
    assert translation.plot_position_accuracy(acc, "YY-DD", own).ax is own and new_figures(before) == set()


def test_position_by_length_draws_one_line_per_length():
    table = np.array([[1.0, 0.8, np.nan], [0.9, 0.7, 0.2]])
    ax = translation.plot_position_by_length(table, [2, 3]).ax
    lines = ax.get_lines()
    assert [ln.get_label() for ln in lines] == ["2 digits", "3 digits"]
    for ln, row in zip(lines, table, strict=True):
        np.testing.assert_array_equal(ln.get_xdata(), [1, 2, 3])  # u counts from 1: the first digit written
        np.testing.assert_allclose(ln.get_ydata(), row)
    assert hex_colour(lines[0].get_color()) != hex_colour(lines[1].get_color())
    assert list(ax.get_xticks()) == [1, 2, 3] and "written first" in ax.get_xlabel()
    assert ax.get_legend() is not None and ax.get_title()
    plain_words(ax.figure, at_least=6)
    assert translation.plot_position_by_length(table, [2, 3], title="mine").ax.get_title() == "mine"
    with pytest.raises(ValueError):
        translation.plot_position_by_length(table, [2])  # one length per row


def test_alignment_heatmap_shows_translate_weights_with_character_labels():
    model = Seq2Seq("ab c", "xy", 3, 4, attention=True, rng=np.random.default_rng(0), max_output_len=4)
    drawn = plot_alignments(model, ["ab c", "ca"])["heatmaps"]
    for art, src in zip(drawn, ["ab c", "ca"], strict=True):
        out, w = model.translate(src)
        np.testing.assert_allclose(art.image.get_array(), w)
        assert [t.get_text() for t in art.ax.get_xticklabels()] == [("␣" if c == " " else c) for c in src]
        assert [t.get_text() for t in art.ax.get_yticklabels()] == list(out)
        assert [[t.get_text() for t in row] for row in art.texts] == [[f"{v:.2f}" for v in r] for r in w]
        assert art.image.get_clim() == (0.0, 1.0)
    plt.close("all")
    with pytest.raises(ValueError):
        alignment_heatmap(np.ones((2, 3)), "ab", "ab")
