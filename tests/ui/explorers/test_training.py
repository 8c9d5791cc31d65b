"""Explorers of notebooks 00, 01, 02, 05, 06 and the matrix editors, read back as the learner sees them.

Each test moves a widget (slider, drop-down, button, editor cell) and reads what is drawn: the
heatmap table (``read_table``), the SVG curves and bars (``line_chart_data``, ``bars``) and the
numbers in the readouts, and compares them with a computation written here in plain numpy.
Labels and messages are checked for plain words (``plain_text``), never for their exact wording.
"""

import asyncio
import html
import re
import types

import ipywidgets as W
import numpy as np
import pytest

from helpers.core.embeddings import embed_tokens, tokenize
from helpers.core.rnn import init_rnn
from helpers.core.training import Trainer
from helpers.lessons.examples import LONG_SENTENCE, SHORT_SENTENCE
from helpers.lessons.race import held_out, make_model, sampler
from helpers.lessons.translation_experiments import train_dates
from helpers.ui import BiRNNExplorer, InfluenceExplorer, MatrixEditor, StartHereExplorer, VectorEditor
from helpers.ui.explorer import CUSTOM, Explorer, event_loop
from helpers.ui.explorers.training import CHUNK, MAX_PAIRS, N_SHOWN, TrainingExplorer
from helpers.ui.explorers.translation import TranslationExplorer
from tests.drawn import axis_map, bars, line_chart_data, plain_text, read_svg, read_table
from tests.reference import at_radius, loop_rnn, loop_rnn_jacobian_norms, loop_softmax_rows
from tests.support.widgets import labels_are_plain, nums, reaches, run_until

# --------------------------------------------------------------------- the Explorer base


def test_explorer_keeps_children_options_and_the_browser_hook():
    a, layout = W.HTML("x"), W.Layout(width="50%")
    e = Explorer([a], layout=layout)
    assert e.children == (a,) and e.layout is layout
    assert "rta-explorer" in e._dom_classes  # the class the browser tests look for


def test_event_loop_is_made_and_installed_when_the_thread_has_none():
    outer = asyncio._get_running_loop()
    asyncio._set_running_loop(None)
    asyncio.set_event_loop(None)
    try:
        lp = event_loop()
        assert isinstance(lp, asyncio.AbstractEventLoop) and not lp.is_closed()
        assert asyncio.get_event_loop_policy().get_event_loop() is lp  # the next call finds the same
        assert event_loop() is lp
        assert lp.run_until_complete(asyncio.sleep(0, result=7)) == 7
        lp.close()
    finally:
        asyncio.set_event_loop(None)
        asyncio._set_running_loop(outer)


# --------------------------------------------------------------------- notebook 00


def test_start_here_opens_at_temperature_one_with_its_own_embedding():
    e = StartHereExplorer("we read long books", d=6, seed=3)
    tokens = tokenize("we read long books")
    X = embed_tokens(tokens, 6, seed=3)
    drawn = read_table(e.heatmap.html.value)
    assert e.temperature.value == 1.0
    np.testing.assert_allclose(drawn.numbers, np.round(loop_softmax_rows(X @ X.T), 2), atol=0.0051)
    assert drawn.row_labels == tokens and drawn.col_labels == tokens
    assert "we read long books" in drawn.caption and "1.0" in drawn.caption
    plain_text(drawn.caption)
    e.temperature.value = 0.5
    np.testing.assert_allclose(
        read_table(e.heatmap.html.value).numbers, np.round(loop_softmax_rows(X @ X.T / 0.5), 2), atol=0.0051
    )


def test_start_here_slider_spans_sharp_to_flat_live():
    e = StartHereExplorer()
    t = e.temperature
    labels_are_plain(t)
    assert "temperature" in t.description and t.continuous_update  # the heatmap follows the drag
    assert reaches(t, 0.1) and reaches(t, 1.0) and reaches(t, 3.0)
    assert (t.min, t.max) == (0.1, 3.0)
    X = embed_tokens(tokenize("I go home"), 4, seed=0)
    for temp in (0.1, 3.0):
        t.value = temp
        caption = read_table(e.heatmap.html.value).caption
        assert f"temperature {format(temp, t.readout_format)}" in caption  # slider and title agree
        np.testing.assert_allclose(
            read_table(e.heatmap.html.value).numbers, np.round(loop_softmax_rows(X @ X.T / temp), 2),
            atol=0.0051,
        )


# --------------------------------------------------------------------- editors


def test_matrix_editor_shows_its_name_then_presets_then_the_grid():
    m = MatrixEditor("W<q>", [[1, 0, 0], [0, 1, 0]], presets={"swap": [[0, 1, 0], [1, 0, 0]]})
    title, preset, grid = m.children
    assert "W&lt;q&gt;" in title.value
    assert preset is m.preset and m.preset.value == CUSTOM  # the shown values are no preset's
    assert [list(row.children) for row in grid.children] == m.sliders
    for row in m.sliders:
        labels_are_plain(*row)
        assert all(s.continuous_update for s in row)
    labels_are_plain(m.preset)
    assert "W<q>" in m.preset.description
    plain = MatrixEditor("A", np.eye(2))
    assert len(plain.children) == 2 and m.preset not in plain.children  # no presets: no drop-down


def test_matrix_editor_range_clips_and_its_step_lands_on_round_values():
    m = MatrixEditor("A", [[0.0, 0.5]])
    for s in m.sliders[0]:
        assert reaches(s, -2.0) and reaches(s, 1.0) and reaches(s, 0.5) and reaches(s, 2.0)
    m.set_value([[3.0, -7.0]])  # outside the range: clipped, as the docstring says
    np.testing.assert_allclose(m.value, [[2.0, -2.0]])
    narrow = MatrixEditor("B", [[0.0]], min=-1.0, max=1.0, step=0.25)
    narrow.set_value([[5.0]])
    assert narrow.value[0, 0] == 1.0 and narrow.sliders[0][0].step == 0.25


def test_editor_errors_name_the_shapes():
    with pytest.raises(ValueError) as err:
        MatrixEditor("W_k", [1.0, 2.0, 3.0])
    assert "W_k" in str(err.value) and "(3,)" in str(err.value)
    plain_text(str(err.value))
    with pytest.raises(ValueError) as err:
        MatrixEditor("W_k", np.eye(2), presets={"big": np.eye(3)})
    assert "big" in str(err.value) and "(3, 3)" in str(err.value) and "(2, 2)" in str(err.value)
    m = MatrixEditor("W_v", np.eye(2))
    with pytest.raises(ValueError) as err:
        m.set_value(np.ones((2, 3)))
    assert "(2, 2)" in str(err.value) and "(2, 3)" in str(err.value)


def test_vector_editor_set_value_notifies_once_with_a_vector():
    v = VectorEditor("q", [0.0, 0.0, 0.0], presets={"ones": [1, 1, 1]})
    seen = []
    v.observe_value(seen.append)
    v.set_value(np.array([[0.5, -0.5, 1.0]]))
    assert len(seen) == 1 and seen[0].shape == (3,)
    np.testing.assert_allclose(seen[0], [0.5, -0.5, 1.0])
    v.preset.value = "ones"
    np.testing.assert_allclose(v.value, [1.0, 1.0, 1.0])
    assert [s.description for s in v.sliders[0]] == ["q[0]", "q[1]", "q[2]"]


# --------------------------------------------------------------------- notebook 01: influence


def _influence_by_hand(T, radius, tanh, d_in=8, d_h=16, seed=0):
    X = embed_tokens(tokenize(LONG_SENTENCE)[:T], d_in, seed=seed)
    W_xh, W_hh, b = init_rnn(d_in, d_h, np.random.default_rng(seed), radius=1.0)
    W_r = at_radius(W_hh, radius)
    return loop_rnn_jacobian_norms(X, W_xh, W_r, b, "tanh" if tanh else "none"), W_r


def test_influence_readout_and_drawn_curve_match_the_chain_rule():
    ex = InfluenceExplorer()
    ex.radius.value, ex.length.value, ex.nonlinearity.value = 1.3, 10, "none"
    first, W_r = _influence_by_hand(10, 1.3, tanh=False)
    xs, ys, svg = line_chart_data(ex.chart.html.value, log=True)
    np.testing.assert_allclose(xs["first word"], np.arange(10), atol=0.05)
    np.testing.assert_allclose(np.log10(ys["first word"]), np.log10(first), atol=0.05)
    shown = nums(ex.readout.value)
    sv = np.linalg.svd(W_r, compute_uv=False)[0]
    # readout: ||dh/dx_0|| (x_0 is word 1) from first[0] to first[-1] after T-1 steps, ratio, largest sv
    assert shown[-5] == pytest.approx(first[0], rel=6e-3) and shown[-4] == pytest.approx(first[-1], rel=6e-3)
    assert shown[-3] == 9 and shown[-2] == pytest.approx(first[-1] / first[0], rel=0.06)
    assert shown[-1] == pytest.approx(sv, abs=0.006)
    title = svg.title
    assert f"'{tokenize(LONG_SENTENCE)[0]}'" in title and "9 steps" in title and "1.30" in title
    plain_text(re.sub(r"'[^']*'", "", ex.readout.value.replace("||", "")))


def test_influence_chart_axis_is_fixed_so_radii_compare():
    ex = InfluenceExplorer()
    for r in (0.5, 5.0):
        ex.radius.value = r
        svg = read_svg(ex.chart.html.value)
        to_data = axis_map(svg.y_ticks(), log=True)
        _, top, _, bottom = svg.frame
        assert np.log10(to_data(top)) == pytest.approx(12, abs=0.05)
        assert np.log10(to_data(bottom)) == pytest.approx(-10, abs=0.05)
    x_label, y_label = svg.axis_labels()
    assert "distance" in x_label and "log" in y_label
    plain_text(x_label), plain_text(y_label), plain_text(svg.title)


def test_influence_widgets_reach_the_regimes_the_text_names():
    ex = InfluenceExplorer()
    T = len(tokenize(LONG_SENTENCE))
    labels_are_plain(ex.radius, ex.length, ex.nonlinearity)
    assert "radius" in ex.radius.description and "W_hh" in ex.radius.description
    assert "words" in ex.length.description
    assert reaches(ex.radius, 0.5) and reaches(ex.radius, 1.0) and reaches(ex.radius, 5.0)
    assert reaches(ex.radius, 0.95) and reaches(ex.radius, 1.05)  # fine steps either side of 1
    assert ex.radius.max == 5.0 and (ex.length.min, ex.length.max, ex.length.value) == (2, T, T)
    assert ex.radius.value == 0.9 and "0.90" in read_svg(ex.chart.html.value).title
    assert list(ex.nonlinearity.options) == ["tanh", "none"]


def test_influence_explorer_uses_its_seed_and_sizes():
    ex = InfluenceExplorer(d_in=5, d_h=7, seed=4)
    ex.length.value = 6
    X = embed_tokens(tokenize(LONG_SENTENCE)[:6], 5, seed=4)
    W_xh, W_hh, b = init_rnn(5, 7, np.random.default_rng(4), radius=1.0)
    first = loop_rnn_jacobian_norms(X, W_xh, at_radius(W_hh, 0.9), b)
    _, ys, _ = line_chart_data(ex.chart.html.value, log=True)
    np.testing.assert_allclose(np.log10(ys["first word"]), np.log10(first), atol=0.05)


# --------------------------------------------------------------------- notebook 02: Bi-RNN


def _birnn_rows(t, radius, seed=0, d=8):
    tokens = tokenize(SHORT_SENTENCE)
    X = embed_tokens(tokens, d, seed=seed)
    rng = np.random.default_rng(seed)
    (fx, fh, fb), (bx, bh, bb) = init_rnn(d, d, rng, radius=1.0), init_rnn(d, d, rng, radius=1.0)
    fh, bh = at_radius(fh, radius), at_radius(bh, radius)
    T = len(tokens)
    fwd, bwd = np.zeros(T), np.zeros(T)
    for s in range(t + 1):  # forward: d h_t / d x_s for s <= t
        fwd[s] = loop_rnn_jacobian_norms(X[s : t + 1], fx, fh, fb, h0=_h_before(X[:s], fx, fh, fb))[-1]
    Xr = X[::-1]
    tr = T - 1 - t
    for s in range(tr + 1):
        h0 = _h_before(Xr[:s], bx, bh, bb)
        bwd[T - 1 - s] = loop_rnn_jacobian_norms(Xr[s : tr + 1], bx, bh, bb, h0=h0)[-1]
    both = np.sqrt(fwd**2 + bwd**2)
    return tokens, fwd, bwd, both


def _h_before(X, W_xh, W_hh, b):
    """The state after the words of X (zeros when X is empty): where the next word starts from."""
    H = loop_rnn(X, W_xh, W_hh, b)
    return H[-1] if len(H) else np.zeros(W_hh.shape[0])


@pytest.mark.parametrize("t", [3, 9])  # the farthest word is the last one, then the first
def test_birnn_bars_and_readout_match_the_chain_rule(t):
    ex = BiRNNExplorer()
    ex.radius.value = 1.2
    ex.word.value = t
    tokens, fwd, bwd, both = _birnn_rows(t, 1.2)
    heights, centres, svg = bars(ex.chart.html.value)
    np.testing.assert_allclose(heights["forward"], np.minimum(fwd, 3.0), atol=0.02)
    np.testing.assert_allclose(heights["backward"], np.minimum(bwd, 3.0), atol=0.02)
    assert np.all(np.diff(centres["forward"]) > 0)
    T = len(tokens)
    far = max(range(T), key=lambda s: abs(s - t))
    assert far == (T - 1 if t < T / 2 else 0)
    text = html.unescape(ex.readout.value)
    assert f"'{tokens[t]}'" in text and f"'{tokens[far]}'" in text
    shown = nums(re.sub(r"'[^']*'", "", text))
    assert shown[:4] == [1, t + 1, t + 1, T]  # forward reads words 1..t+1, backward t+1..T (from 1)
    assert shown[4] == pytest.approx(both[t], abs=0.006)
    assert shown[5] == abs(far - t) and shown[6] == pytest.approx(both[far], rel=6e-3)
    x_label, y_label = svg.axis_labels()
    assert "word" in x_label and "dh" in y_label
    plain_text(x_label), plain_text(y_label)


def test_birnn_opens_on_the_middle_word_with_a_fixed_axis():
    ex = BiRNNExplorer(seed=2)
    tokens = tokenize(SHORT_SENTENCE)
    t = len(tokens) // 2
    assert ex.word.value == t and ex.radius.value == 0.9
    assert f"word {t + 1} '{tokens[t]}'" in read_svg(ex.chart.html.value).title
    _, fwd, bwd, _ = _birnn_rows(t, 0.9, seed=2)
    heights, _, svg = bars(ex.chart.html.value)
    np.testing.assert_allclose(heights["forward"], np.minimum(fwd, 3.0), atol=0.02)
    ticks = [float(v) for _, v in svg.y_ticks()]
    assert max(ticks) == pytest.approx(3.0)  # the same scale at every radius
    labels_are_plain(ex.word, ex.radius)
    assert "word" in ex.word.description and "W_hh radius" in ex.radius.description
    assert (ex.radius.min, ex.radius.max) == (0.5, 1.5)
    assert reaches(ex.radius, 0.95) and reaches(ex.radius, 1.0) and reaches(ex.radius, 1.05)  # fine near 1


# --------------------------------------------------------------------- notebook 05: live trainer


def test_trainer_controls_are_labelled_and_bounded():
    ex = TrainingExplorer(n_pairs=3, steps=40, pause_s=0.0)
    for w in (
        ex.pairs,
        ex.steps,
        ex.progress,
        ex.sequence,
        ex.checkpoint,
        ex.train_button,
        ex.pause_button,
        ex.reset_button,
    ):
        plain_text(w.description)
    for b, word in ((ex.train_button, "Train"), (ex.pause_button, "Pause"), (ex.reset_button, "Reset")):
        assert b.description.lower() == word.lower() and b.description[0].isupper()
    assert "pairs" in ex.pairs.description and "steps" in ex.steps.description
    assert (ex.pairs.min, ex.pairs.max) == (1, MAX_PAIRS) and not ex.pairs.continuous_update  # a drag
    assert (ex.sequence.min, ex.sequence.max, ex.sequence.value) == (1, N_SHOWN, 1)  # restarts once
    assert (ex.steps.min, ex.steps.step, ex.steps.max) == (CHUNK, CHUNK, 100_000)
    assert (ex.progress.min, ex.progress.max, ex.progress.value) == (0, 40, 0)
    assert (ex.checkpoint.min, ex.checkpoint.max, ex.checkpoint.value) == (0, 0, 0)
    assert ex.checkpoint.continuous_update and ex.pause_button.disabled and not ex.train_button.disabled
    ex.steps.value = 70
    assert ex.progress.max == 70
    for title, unit, chart in (
        ("loss", "entropy", ex.loss_chart),
        ("accuracy", "accuracy", ex.accuracy_chart),
    ):
        svg = read_svg(chart.html.value)
        plain_text(svg.title)
        assert title in svg.title.lower() and svg.title[0].isupper()
        assert svg.axis_labels()[0] == "step" and unit in svg.axis_labels()[1]
        plain_text(svg.axis_labels()[1])
    assert [list(box.children) for box in ex.children[:5]] == [
        [ex.pairs, ex.steps],
        [ex.train_button, ex.pause_button, ex.reset_button],
        [ex.progress, ex.status],
        [ex.accuracy_chart, ex.loss_chart],
        [ex.sequence, ex.checkpoint, ex.checkpoint_note],
    ]


@pytest.mark.parametrize("n_pairs", [0, MAX_PAIRS + 1])
def test_trainer_rejects_pairs_outside_the_range_naming_it(n_pairs):
    with pytest.raises(ValueError) as err:
        TrainingExplorer(n_pairs=n_pairs)
    assert str(n_pairs) in str(err.value) and str(MAX_PAIRS) in str(err.value)


def test_trainer_accepts_the_largest_number_of_pairs():
    ex = TrainingExplorer(n_pairs=MAX_PAIRS, steps=10)
    assert ex.pairs.value == MAX_PAIRS and len(read_table(ex.heatmap.html.value).col_labels) == MAX_PAIRS + 1


def test_trainer_charts_status_and_heatmap_match_a_run_in_one_go():
    n_pairs, seed, steps = 3, 1, 25
    ex = TrainingExplorer(n_pairs=n_pairs, steps=steps, seed=seed, pause_s=0.0)
    X, y, match = held_out("associative", n_pairs, 500, seed=seed)
    models, losses, acc0 = {}, {}, {}
    for kind in ("rnn", "attention"):  # the same training, in one go
        rng = np.random.default_rng(seed)
        models[kind] = make_model(kind, "associative", rng=rng)
        acc0[kind] = float(np.mean(models[kind].predict(X) == y))
        losses[kind] = np.array(
            Trainer(models[kind], rng=rng).run(
                sampler("associative", n_pairs), steps=steps, batch_size=32, eval_every=10**9
            )["loss"]
        )
    _, ys, _ = line_chart_data(ex.accuracy_chart.html.value)
    assert ys["RNN"][0] == pytest.approx(acc0["rnn"], abs=0.005)
    assert ys["attention"][0] == pytest.approx(acc0["attention"], abs=0.005)
    base = 1 / n_pairs + (1 - 1 / n_pairs) / 8
    while ex.step < steps:
        ex.train_chunk()
        status = html.unescape(re.sub(r"<[^>]+>", "", ex.status.value))
        assert "training" in plain_text(status) and nums(status)[0] == ex.step
    assert ex.step == steps  # the last chunk is cut to 5 steps
    assert ex.checkpoint.max == 3 == ex.checkpoint.value  # steps 0, 10, 20 and 25; the slider follows
    xs, ys, svg = line_chart_data(ex.loss_chart.html.value)
    np.testing.assert_allclose(xs["RNN"], [10, 20, 25], atol=0.05)
    for label, kind in (("RNN", "rnn"), ("attention", "attention")):
        expected = [losses[kind][:10].mean(), losses[kind][10:20].mean(), losses[kind][20:].mean()]
        np.testing.assert_allclose(ys[label], expected, atol=2 * read_px(svg))
    xs, ys, svg = line_chart_data(ex.accuracy_chart.html.value)
    np.testing.assert_allclose(xs["attention"], [0, 10, 20, 25], atol=0.05)
    acc = {k: float(np.mean(models[k].predict(X) == y)) for k in models}
    assert ys["attention"][-1] == pytest.approx(acc["attention"], abs=0.005)
    assert len(ys["a random pair's value"]) == 4
    np.testing.assert_allclose(ys["a random pair's value"], base, atol=0.005)
    assert [float(v) for _, v in svg.y_ticks()][:: len(svg.y_ticks()) - 1] == [0.0, 1.0]
    status = html.unescape(re.sub(r"<[^>]+>", "", ex.status.value))
    shown = nums(status)
    assert shown[:2] == [steps, steps]
    assert shown[2] == pytest.approx(acc["rnn"], abs=0.0051) and shown[3] == pytest.approx(
        acc["attention"], abs=0.0051
    )
    plain_text(status)
    # the heatmap: the query's weights over test sequence 2 at the last checkpoint
    ex.sequence.value = 2
    drawn = read_table(ex.heatmap.html.value)
    seq = X[1]
    key = lambda x: int(np.argmax(x[:-9]))  # noqa: E731  (keys come first, then 8 values, then the flag)
    assert drawn.row_labels == [f"k{key(seq[-1])}?"]
    pair = [i for i in range(n_pairs) if key(seq[i]) == key(seq[-1])][0]
    assert pair == match[1]
    assert f"pair {pair + 1}" in drawn.caption and "sequence 2" in drawn.caption
    assert f"step {steps}" in drawn.caption
    np.testing.assert_allclose(
        drawn.numbers, np.round(models["attention"].attention_weights(X[1:2]), 2), atol=0.0051
    )


def read_px(svg):
    """One pixel of the y axis, in data units (the polyline points are rounded to 0.1 px)."""
    return axis_map(svg.y_ticks()).per_pixel


def test_trainer_buttons_while_running_and_after_finishing(loop):
    ex = TrainingExplorer(n_pairs=2, steps=20, pause_s=0.0)
    ex.train_button.click()
    assert ex.running and not ex.pause_button.disabled and ex.steps.disabled and ex.pairs.disabled
    run_until(loop, lambda: not ex.running)
    assert ex.pause_button.disabled and not ex.steps.disabled and not ex.pairs.disabled
    assert "finished" in ex.status.value and "raise steps" in ex.status.value  # says what to do next
    ex.train_button.click()  # nothing left to train: the status still says what to do
    assert "finished" in ex.status.value and "raise steps" in ex.status.value
    plain_text(html.unescape(re.sub(r"<[^>]+>", "", ex.status.value)))
    ex.steps.value = 30  # raising the steps lets Train go on from step 20
    ex.train_button.click()
    run_until(loop, lambda: not ex.running)
    assert ex.step == 30 and ex.progress.value == 30


# --------------------------------------------------------------------- notebook 06: translator


class _Fixed:
    """A stand-in translator whose output the test decides (to reach every verdict)."""

    attention = True
    vocab_in = ["<pad>", *"abcdefghijklmnopqrstuvwxyz0123456789 ,./"]   # the model's input characters

    def __init__(self, answers):
        self.answers, self.params = answers, {}

    def translate(self, text):
        if text not in self.answers:
            raise ValueError(f"characters {text!r} are not in the model's input vocabulary")
        out = self.answers[text]
        return out, np.full((len(out), len(text)), 1 / len(text))


def _fixed_run(answers, n_checkpoints=2):
    trainer = types.SimpleNamespace(checkpoints=[(10 * i, {}) for i in range(n_checkpoints)])
    return types.SimpleNamespace(model=_Fixed(answers), trainer=trainer)


def test_translator_verdicts_right_wrong_unsupported_and_empty():
    answers = {
        "september 27, 1994": "1994-09-27",
        "3/4/05": "2005-03-05",
        "hello": "2000-01-01",
        "mar 9, 2001": "",
    }
    ex = TranslationExplorer(_fixed_run(answers), text="september 27, 1994")
    shown = html.unescape(ex.output.value)
    assert "1994-09-27" in shown and "right" in shown and "wrong" not in shown
    plain_text(re.sub(r"<[^>]+>", "", shown).split("(")[1])
    ex.text.value = "3/4/05"
    shown = html.unescape(ex.output.value)
    assert "wrong" in shown and "2005-03-04" in shown  # names the true date
    ex.text.value = "hello"
    shown = html.unescape(re.sub(r"<[^>]+>", "", ex.output.value))
    assert "2000-01-01" in shown and "right" not in shown and "wrong" not in shown
    plain_text(shown.split("(")[1])
    ex.text.value = "mar 9, 2001"  # an empty translation still draws one row of zeros
    drawn = read_table(ex.heatmap.html.value)
    assert len(drawn.row_labels) == 1 and drawn.row_labels[0] != ""
    np.testing.assert_array_equal(drawn.numbers, np.zeros((1, len("mar 9, 2001"))))
    assert drawn.col_labels[3] == "␣"


def test_translator_widgets_and_heatmap_axes():
    ex = TranslationExplorer(_fixed_run({"1/2/03": "2003-01-02"}, n_checkpoints=3), text="1/2/03")
    assert (ex.checkpoint.min, ex.checkpoint.max, ex.checkpoint.value) == (0, 2, 2)
    assert ex.checkpoint.continuous_update and ex.text.continuous_update  # redraws while typing
    assert (ex.progress.min, ex.progress.max, ex.progress.value) == (0, 100, 0)
    for w in (ex.text, ex.checkpoint, ex.progress, ex.train_button):
        plain_text(w.description)
    assert "date" in ex.text.description and "100" in ex.train_button.description
    corner = plain_text(read_table(ex.heatmap.html.value).corner)
    assert "source" in corner and "output" in corner
    assert corner.index("output") < corner.index("source")  # rows are output characters
    assert "training step 20" in ex.step_label.value
    first = TranslationExplorer(
        _fixed_run({"1/2/03": "2003-01-02"}, n_checkpoints=3), text="1/2/03", checkpoint=1
    )
    assert first.checkpoint.value == 1 and "after 10 steps" in read_table(first.heatmap.html.value).caption
    first.checkpoint.value = 0
    assert "training step 0" in first.step_label.value


@pytest.mark.parametrize(("attention", "checkpoints"), [(False, [(0, {})]), (True, [])])
def test_translator_needs_attention_and_checkpoints(attention, checkpoints):
    run = _fixed_run({})
    run.model.attention, run.trainer.checkpoints = attention, checkpoints
    with pytest.raises(ValueError) as err:
        TranslationExplorer(run)
    message = str(err.value)
    assert "attention" in message and "checkpoint" in message
    plain_text(message.split(":")[0])


def test_translator_trains_exactly_the_steps_it_says(loop):
    run = train_dates(attention=True, seed=0, steps=10, n_train=200, n_test=10, checkpoint_every=10)
    ex = TranslationExplorer(run, more_steps=15, pause_s=0.0)
    step0 = run.trainer.step
    ex.train_button.click()
    task = ex.task
    assert ex.train_button.disabled and ex.progress.value == 0
    loop.run_until_complete(asyncio.wait_for(task, 60))  # a chunk count that never ends fails here
    assert run.trainer.step == step0 + 15 and ex.progress.value == 15 == ex.progress.max
    assert not ex.train_button.disabled
    assert f"training step {step0 + 15}" in ex.step_label.value
