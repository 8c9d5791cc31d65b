"""helpers.plots.attention: the word arrows of notebooks 03-04 read back as drawn."""

from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots
from helpers.lessons import examples
from tests.drawn import (
    numbers,
    plain_words,
    sentence_case_titles,
    words,
)
from tests.support.figures import hex_colour, in_palette

# ---------------------------------------------------------------- word_arrows


def test_arrows_run_from_the_origin_to_each_vector_with_the_name_beyond_the_tip():
    X = np.array([[2.0, 0.0], [0.0, 2.0]])
    fig, ax = plt.subplots()
    art = plots.word_arrows(X, ["a", "b"], ax=ax, encodings=[[1.0, 1.0], [-1.0, 0.5]])
    assert art.ax is ax and len(art["arrows"]) == len(art["labels"]) == 4
    assert all(a.get_text() == "" for a in art["arrows"])  # the name is a separate text
    names = [t.get_text() for t in art["labels"]]
    assert names[:2] == ["a", "b"] and "a" in names[2] and "b" in names[3] and names[2] not in ("a", "b")
    fig.canvas.draw()
    origin = ax.transData.transform((0, 0))
    ends = [[2.0, 0.0], [0.0, 2.0], [1.0, 1.0], [-1.0, 0.5]]
    for arrow, end in zip(art["arrows"], ends, strict=True):
        path = arrow.arrow_patch.get_path()
        pts = path.vertices[path.codes != path.CLOSEPOLY]
        tip = ax.transData.transform(end)
        assert np.min(np.linalg.norm(pts - origin, axis=1)) < 1.0  # the shaft starts at the origin
        farthest = pts[np.argmax(np.linalg.norm(pts - origin, axis=1))]
        assert np.linalg.norm(farthest - tip) < 4.0  # the head ends at the vector (line join ~3 px)
    for label, v in zip(art["labels"][:2], X, strict=True):
        pos = np.array(label.get_position())
        assert np.dot(pos - v, v) > 0  # beyond the tip along the arrow
    tip_y = ax.transData.transform((2.0, 0.0))[1]
    assert art["labels"][0].get_window_extent().y0 > tip_y  # the name is not struck through by its shaft
    colours = [hex_colour(a.arrow_patch.get_edgecolor()) for a in art["arrows"]]
    in_palette(colours)
    assert colours[0] != colours[1] and colours[2:] == colours[:2]  # an encoding in its word's colour
    assert [hex_colour(t.get_color()) for t in art["labels"]] == colours
    styles = [a.arrow_patch.get_linestyle() for a in art["arrows"]]
    assert styles[0] == styles[1] and styles[2] == styles[3] and styles[0] != styles[2]
    assert ax.get_xlim() == ax.get_ylim() == pytest.approx((-2.4, 2.4))  # 1.2 x the longest vector
    assert "1" in ax.get_xlabel() and "2" in ax.get_ylabel() and ax.get_title()
    sentence_case_titles(fig)
    plain_words(fig, at_least=9)


def test_arrow_limits_follow_short_vectors_and_a_given_half_width():
    short = plots.word_arrows([[0.5, 0.0], [0.0, -0.25]], ["a", "b"], title="Short")
    assert short.ax.get_xlim() == pytest.approx((-0.6, 0.6)) and short.ax.get_title() == "Short"
    fixed = plots.word_arrows([[0.5, 0.0]], ["a"], lim=3)
    assert fixed.ax.get_xlim() == fixed.ax.get_ylim() == (-3.0, 3.0)
    one = plots.word_arrows([[0.5, 0.5]], ["a"], encodings=[0.25, -0.25])  # one encoding, flat
    assert np.allclose(one["arrows"][1].xy, [0.25, -0.25])
    named = plots.word_arrows([[1.0, 0.0], [0.0, 1.0]], ["a", "b"], encodings=[[1, 1], [0, 0]],
                              encoding_labels=["mix", "none"])
    assert [t.get_text() for t in named["labels"]] == ["a", "b", "mix", "none"]
    with pytest.raises(ValueError):
        plots.word_arrows(np.eye(2), ["a", "b"], encodings=np.eye(2), encoding_labels=["only one"])


@pytest.mark.parametrize(("X", "n", "shown"), [(np.ones(2), 2, "(2,)"), (np.ones((2, 3)), 2, "(2, 3)"),
                                               (np.ones((2, 2)), 3, "(2, 2)")])
def test_arrow_errors_name_the_shapes(X, n, shown):
    with pytest.raises(ValueError) as err:
        plots.word_arrows(X, [f"w{i}" for i in range(n)])
    assert shown in str(err.value) and str(n) in str(err.value)


# ---------------------------------------------------------------- distance_plot


def test_distance_plot_starts_at_distance_one_and_keeps_a_zero_at_the_bottom():
    T = 5
    c = SimpleNamespace(distance=np.arange(T), rnn_influence=np.array([3.0, 1.0, 0.1, 0.0, 0.01]),
                        attention_influence=np.array([9.0, 0.5, 0.4, 0.3, 0.3]),
                        attention_weight=np.array([1.0, 0.5, 0.3, 0.25, 0.2]))
    fig, ax = plt.subplots()
    out = plots.distance_plot(c, ax)
    assert out.ax is ax and ax.get_yscale() == "log" and "log" in words(ax.get_ylabel())
    rnn, att, w = (out["lines"][k] for k in ("rnn", "attention", "weight"))
    for line in (rnn, att, w):
        assert list(line.get_xdata()) == [1, 2, 3, 4]  # distance 0 (one word) is left out
    y = np.asarray(rnn.get_ydata(), dtype=float)
    assert list(y[[0, 1, 3]]) == [1.0, 0.1, 0.01]
    assert 0 < y[2] < 0.01 and np.isfinite(y[2])  # the zero is drawn below everything else, not dropped
    assert list(att.get_ydata()) == [0.5, 0.4, 0.3, 0.3] and list(w.get_ydata()) == [0.5, 0.3, 0.25, 0.2]
    colours = [line.get_color() for line in (rnn, att, w)]
    in_palette(colours)
    assert len({hex_colour(col) for col in colours}) == 3
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [rnn.get_label(), att.get_label(), w.get_label()] and len(set(labels)) == 3
    assert "RNN" in words(labels[0]) and "attention" in words(labels[1])
    assert set(numbers(ax.get_title())) == {2, T} and ax.get_xlabel()  # sentences of 2 to T words
    sentence_case_titles(fig)
    plain_words(fig, at_least=8)
    assert plots.distance_plot(c, title="Own").ax.get_title() == "Own"


def test_word_arrows_end_at_the_vectors():
    X = np.array([[1.0, 0.5], [-0.5, 2.0]])
    art = plots.word_arrows(X, ["I", "go"], encodings=[[0.2, 1.1]], title="t")
    tips = np.array([a.xy for a in art["arrows"]])
    np.testing.assert_allclose(tips, [[1.0, 0.5], [-0.5, 2.0], [0.2, 1.1]])
    assert all(tuple(a.xyann) == (0, 0) for a in art["arrows"])
    styles = [a.arrow_patch.get_linestyle() for a in art["arrows"]]
    assert styles[0] == styles[1] != styles[2]
    assert [t.get_text() for t in art["labels"]] == ["I", "go", "enc(I)"]
    for t, tip in zip(art["labels"], tips, strict=True):
        assert np.linalg.norm(np.array(t.get_position()) - tip) < 0.2 * 2.4
    ax = art.ax
    assert ax.get_xlim() == pytest.approx((-2.4, 2.4)) and ax.get_ylim() == pytest.approx((-2.4, 2.4))
    assert art["arrows"][0].arrow_patch.get_edgecolor()[:3] == pytest.approx(
        art["arrows"][2].arrow_patch.get_edgecolor()[:3]
    )  # an encoding in its word's colour
    with pytest.raises(ValueError):
        plots.word_arrows(X, ["I"])


def test_word_arrows_as_rendered_run_from_the_origin_to_each_tip():
    X = np.array([[1.5, 0.0], [0.0, -1.0], [-1.0, 1.0]])
    art = plots.word_arrows(X, ["a", "b", "c"])  # no encodings
    ax = art.ax
    ax.figure.canvas.draw()
    assert len(art["arrows"]) == 3 and [t.get_text() for t in art["labels"]] == ["a", "b", "c"]
    origin = ax.transData.transform((0, 0))
    for arrow, label, v in zip(art["arrows"], art["labels"], X, strict=True):
        path = arrow.arrow_patch.get_path()  # display coordinates once drawn
        path = path.vertices[path.codes != path.CLOSEPOLY]
        tip = ax.transData.transform(v)
        # The shaft starts at the origin and the head ends at the tip (the line join takes ~3 px).
        assert np.min(np.linalg.norm(path - origin, axis=1)) < 1.0
        assert np.min(np.linalg.norm(path - tip, axis=1)) < 5.0
        assert np.max(np.linalg.norm(path - origin, axis=1)) <= np.linalg.norm(tip - origin) + 1.0
        # The word's name sits beyond the tip, in the arrow's colour, in bold.
        pos = ax.transData.transform(label.get_position())
        assert np.linalg.norm(pos - tip) < 25 and np.dot(pos - origin, tip - origin) > 0
        assert pos[1] > tip[1] - 1e-9 and label.get_ha() == "center" and label.get_fontweight() == "bold"
        assert label.get_color() == arrow.arrow_patch.get_edgecolor() or np.allclose(
            plt.matplotlib.colors.to_rgba(label.get_color()), arrow.arrow_patch.get_edgecolor()
        )
    colours = {tuple(a.arrow_patch.get_edgecolor()) for a in art["arrows"]}
    assert len(colours) == 3
    axes_lines = [(tuple(ln.get_xdata()), tuple(ln.get_ydata())) for ln in ax.get_lines()]
    assert ((0, 1), (0, 0)) in axes_lines and ((0, 0), (0, 1)) in axes_lines  # the two axes through 0
    assert ax.get_aspect() == 1.0 and ax.get_xlim() == pytest.approx((-1.8, 1.8))
    assert "1" in ax.get_xlabel() and "2" in ax.get_ylabel() and ax.get_title()
    fixed = (
        plots.word_arrows(X, ["a", "b", "c"], lim=4.0)
        if "lim" in plots.word_arrows.__code__.co_varnames
        else None
    )
    if fixed is not None:
        assert fixed.ax.get_xlim() == (-4.0, 4.0)
    zero = plots.word_arrows(np.zeros((1, 2)), ["z"])
    assert zero.ax.get_xlim() == (-1.0, 1.0)
    named = plots.word_arrows(X[:1], ["a"], encodings=[[0.5, 0.5]], encoding_labels=["out"])
    assert [t.get_text() for t in named["labels"]] == ["a", "out"]


# ---------- static figures (helpers.plots.attention) ----------

def test_word_arrows_draws_each_vector_and_encoding():
    import matplotlib.pyplot as plt

    from helpers.plots.attention import word_arrows

    tokens, X = examples.naive_example()
    enc = np.array([[0.5, -0.2]])
    art = word_arrows(X, tokens, encodings=enc, title="t")
    tips = np.array([a.xy for a in art["arrows"]])
    assert np.allclose(tips, np.vstack([X, enc]))
    assert [t.get_text() for t in art["labels"]] == [*tokens, "enc(I)"]
    assert art.ax.get_title() == "t"
    with pytest.raises(ValueError, match=r"\[T, 2\]"):
        word_arrows(np.ones((3, 3)), tokens)
    plt.close("all")
