"""helpers.ui.explorers.attention: notebook 03's naive-attention explorer, read back as drawn."""


import numpy as np
import pytest

from helpers.lessons import examples
from helpers.lessons.examples import naive_sentences
from helpers.ui.explorers.attention import NaiveAttentionExplorer
from tests.drawn import (
    LEVEL,
    arrow_ends,
    colour_to_fraction,
    read_svg,
    read_table,
    value_fraction,
)
from tests.reference import loop_attention_weights, loop_self_attention, loop_softmax_rows
from tests.support.widgets import (
    all_labels_plain,
    assert_drawn,
    clip_range,
    drawn,
    on_screen,
    readout_fmt_shows_step,
    sentence_case,
)


def test_naive_explorer_draws_scores_weights_and_the_encoding_arrow():
    from helpers.ui import NaiveAttentionExplorer
    from tests.drawn import arrow_ends

    ex = NaiveAttentionExplorer()
    X = [[1.0, 0.5], [-0.5, 2.0], [1.5, -1.0]]
    for ed, x in zip(ex.editors, X, strict=True):
        ed.set_value(np.array(x))
    ex.query.value = 1
    S = [[X[i][0] * X[j][0] + X[i][1] * X[j][1] for j in range(3)] for i in range(3)]
    W = loop_softmax_rows(S)
    enc = [sum(W[1][j] * X[j][c] for j in range(3)) for c in range(2)]
    scores, weights = read_table(ex.scores.html.value), read_table(ex.heatmap.html.value)
    np.testing.assert_allclose(scores.numbers, S, atol=0.005 + 1e-12)
    shown = colour_to_fraction(scores.backgrounds)
    np.testing.assert_allclose(shown, value_fraction(S, -4.0, 7.0), atol=LEVEL)
    np.testing.assert_allclose(weights.numbers, W, atol=0.005 + 1e-12)
    np.testing.assert_allclose(colour_to_fraction(weights.backgrounds), W, atol=LEVEL)
    ends, svg = arrow_ends(ex.arrows.html.value)
    x0, _, x1, _ = svg.frame
    per_unit = (x1 - x0) / (2 * 3.0)  # the explorer's fixed limit
    for tok, x in zip(ex.tokens, X, strict=True):
        np.testing.assert_allclose(ends[tok] / per_unit, x, atol=0.1 / per_unit * 1.5)
    np.testing.assert_allclose(ends["enc(go)"] / per_unit, enc, atol=0.1 / per_unit * 1.5)


# ---------------------------------------------------------------- NaiveAttentionExplorer


def test_naive_every_control_is_shown_and_labelled():
    ex = NaiveAttentionExplorer()
    on_screen(ex, ex.sentence, ex.query, ex.scores, ex.heatmap, ex.arrows, *ex.editors)
    on_screen(ex, *[s for ed in ex.editors for row in ed.sliders for s in row])
    assert all_labels_plain(ex) >= 8
    assert [ed.name for ed in ex.editors] == ["I", "go", "home"]
    assert ex.query.options == (("I", 0), ("go", 1), ("home", 2))
    assert "score" in drawn(ex.scores).caption.lower() and "softmax" in drawn(ex.heatmap).caption.lower()
    for caption in (
        drawn(ex.scores).caption,
        drawn(ex.heatmap).caption,
        read_svg(ex.arrows.html.value).title,
    ):
        sentence_case(caption)
    assert set(ex.sentence.options) == {"(custom)", *naive_sentences()}


def test_naive_sliders_span_plus_minus_the_limit():
    ex = NaiveAttentionExplorer(limit=2.0)
    for s in (ex.editors[0].sliders[0][0], ex.editors[2].sliders[0][1]):
        assert clip_range(s) == (-2.0, 2.0)
        assert 0 < s.step <= 0.05
        readout_fmt_shows_step(s)
    assert clip_range(NaiveAttentionExplorer().editors[1].sliders[0][0]) == (-3.0, 3.0)  # default limit


@pytest.mark.parametrize("name", list(naive_sentences()))
def test_naive_drawn_scores_and_weights(name):
    ex = NaiveAttentionExplorer()
    ex.sentence.value = name
    X = naive_sentences()[name]
    S, A, _ = loop_self_attention(X, np.eye(2), np.eye(2), np.eye(2), 1.0)
    t = assert_drawn(ex.scores, S, ["I", "go", "home"])
    w = assert_drawn(ex.heatmap, A, ["I", "go", "home"])
    # weights on the fixed 0..1 colour scale; scores on one fixed scale around 0 that holds every
    # preset's scores (the long "home" self-score is 6.8), so no preset cell is clipped to an end colour
    assert [float(v) for v in w.legend] == [0.0, 1.0]
    assert np.abs(colour_to_fraction(w.backgrounds) - A).max() < 0.02
    lo, hi = (float(v) for v in t.legend)
    assert lo < 0 < S.mean() < hi
    assert lo <= S.min() and S.max() <= hi
    assert np.abs(colour_to_fraction(t.backgrounds) - np.clip((S - lo) / (hi - lo), 0, 1)).max() < 0.02
    assert ex.sentence.value == name  # choosing a set is not a hand edit


def test_naive_preset_names_say_what_is_shown():
    ex = NaiveAttentionExplorer()
    names, checked = list(naive_sentences()), []
    for name in names:
        ex.sentence.value = name
        weights = drawn(ex.heatmap).numbers
        X = np.array([ed.value for ed in ex.editors])
        lengths = np.sqrt((X**2).sum(axis=1))
        if "0.2 / 0.1 / 0.7" in name:
            assert np.allclose(weights[0], [0.2, 0.1, 0.7], atol=0.006)
            checked.append(name)
        if "equal lengths" in name:
            assert np.allclose(lengths, lengths[0]) and list(weights.argmax(axis=1)) == [0, 1, 2]
            checked.append(name)
        if "long" in name:
            assert lengths.argmax() == 2 and list(weights.argmax(axis=1)) == [2, 2, 2]
            checked.append(name)
    assert checked == names  # every set's name was read and held
    ex.sentence.value = "(custom)"  # picking "(custom)" keeps the vectors shown
    assert np.allclose([ed.value for ed in ex.editors], naive_sentences()[names[-1]])


@pytest.mark.parametrize("i", [0, 1, 2])
def test_naive_arrows_as_drawn(i):
    ex = NaiveAttentionExplorer()
    ex.editors[1].sliders[0][0].value = -1.5
    ex.query.value = i
    X = np.array([ed.value for ed in ex.editors])
    _, _, out = loop_self_attention(X, np.eye(2), np.eye(2), np.eye(2), 1.0)
    ends, svg = arrow_ends(ex.arrows.html.value)
    tokens = ["I", "go", "home"]
    assert list(ends) == [*tokens, f"enc({tokens[i]})"]
    expected = np.vstack([X, out[i]])
    drawn_px = np.array(list(ends.values()))
    x0, y0, x1, y1 = svg.frame
    px_per_unit = (x1 - x0) / (2 * 3.0)  # the fixed limit 3: the plot spans -3..3
    assert np.abs(drawn_px / px_per_unit - expected).max() < 0.05
    dashed = [
        "stroke-dasharray" in next(el for el in g if el.tag.endswith("line")).attrib
        for g in svg.elements("g", "rta-arrow")
    ]
    assert dashed == [False, False, False, True]
    assert np.allclose(ex.outputs, out)
    assert "vector" in sentence_case(svg.title).lower()


def test_naive_custom_vectors_edit_marks_custom():
    ex = NaiveAttentionExplorer(["a", "b"], [[1.0, 0.0], [0.0, 2.0]])
    assert ex.sentence.value == "(custom)"
    ex.editors[0].sliders[0][1].value = 1.0
    S, A, _ = loop_self_attention([[1.0, 1.0], [0.0, 2.0]], np.eye(2), np.eye(2), np.eye(2), 1.0)
    assert_drawn(ex.heatmap, A, ["a", "b"])
    assert_drawn(ex.scores, S, ["a", "b"])
    with pytest.raises(ValueError) as err:
        NaiveAttentionExplorer(["a", "b", "c"], np.ones((2, 2)))
    assert "3" in str(err.value) and "(2, 2)" in str(err.value)

# ---------- NaiveAttentionExplorer ----------

def test_naive_explorer_starts_on_the_posts_example():
    ex = NaiveAttentionExplorer()
    assert np.allclose(ex.heatmap.weights[0], examples.EXAMPLE_WEIGHTS)
    assert ex.heatmap.query_labels == ["I", "go", "home"]
    assert repr(ex).startswith("Naive self-attention explorer")


def test_naive_explorer_slider_updates_everything():
    ex = NaiveAttentionExplorer()
    ex.editors[2].sliders[0][1].value = 1.5  # move "home" up
    X = np.array([ed.value for ed in ex.editors])
    assert X[2, 1] == 1.5
    assert np.allclose(ex.scores.weights, [[a @ b for b in X] for a in X])
    w = loop_attention_weights(X, X, 1.0)
    assert np.allclose(ex.heatmap.weights, w)
    assert np.allclose(ex.arrows.vectors[:3], X)
    assert np.allclose(ex.arrows.vectors[3], w[0] @ X)  # the encoding of "I"
    assert ex.sentence.value == "(custom)"


def test_naive_explorer_query_and_sentence_picker():
    ex = NaiveAttentionExplorer()
    ex.query.value = 1
    X = ex.X
    assert ex.arrows.labels[-1] == "enc(go)"
    assert np.allclose(ex.arrows.vectors[-1], loop_attention_weights(X, X, 1.0)[1] @ X)
    name, vecs = list(naive_sentences().items())[1]
    ex.sentence.value = name
    assert np.allclose(ex.X, vecs)
    assert np.allclose(ex.heatmap.weights, loop_attention_weights(vecs, vecs, 1.0))
    assert np.all(np.argmax(ex.heatmap.weights, axis=1) == np.arange(3))  # equal lengths: self on top


def test_naive_explorer_custom_vectors_and_bad_shape():
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    ex = NaiveAttentionExplorer(["a", "b"], X)
    assert ex.sentence.value == "(custom)"
    assert np.allclose(ex.heatmap.weights, loop_attention_weights(X, X, 1.0))
    with pytest.raises(ValueError, match=r"\[2, 2\]"):
        NaiveAttentionExplorer(["a", "b"], np.ones((3, 2)))
