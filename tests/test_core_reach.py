"""Core promises no other test pins: initial scales, size limits, numerical safety, the error check.

* Initial weights have variance 1 / fan_in (embeddings variance 1), the scale that keeps a layer's
  output of the same order as its input: measured on the drawn weights against the formula.
* The smallest legal sizes are accepted and the first illegal ones refused, with both sizes named.
* Cross-entropy stays finite for logits far apart in scale and matches a plain loop.
* ``relative_error`` is the formula its docstring gives, with its floor for an all-zero reference.
"""

import math

import numpy as np
import pytest

from helpers.core.block import feed_forward, init_block
from helpers.core.gradcheck import relative_error
from helpers.core.layers import softmax_cross_entropy
from helpers.core.seq2seq import Seq2Seq
from helpers.core.training import Adam
from tests.reference import loop_cross_entropy
from tests.support.core import assert_scale

# ---------------------------------------------------------------- init_block


@pytest.mark.parametrize(("d_model", "n_heads", "d_ff"), [(32, 4, None), (48, 2, 64)])
def test_block_weights_have_variance_one_over_fan_in(d_model, n_heads, d_ff):
    w = init_block(d_model, n_heads, np.random.default_rng(3), d_ff=d_ff)
    hidden = 4 * d_model if d_ff is None else d_ff  # the paper's default width
    d_k = d_model // n_heads
    assert w.W_q.shape == w.W_k.shape == w.W_v.shape == (n_heads, d_model, d_k)
    assert w.W_o.shape == (d_model, d_model)
    assert w.W_1.shape == (d_model, hidden) and w.W_2.shape == (hidden, d_model)
    for name in ("W_q", "W_k", "W_v", "W_o", "W_1"):
        assert_scale(getattr(w, name), 1 / math.sqrt(d_model), name)
    assert_scale(w.W_2, 1 / math.sqrt(hidden), "W_2")
    assert not w.b_1.any() and not w.b_2.any()
    assert w.b_1.shape == (hidden,) and w.b_2.shape == (d_model,)


def test_block_scale_keeps_a_projection_of_order_one():
    rng = np.random.default_rng(4)
    d = 64
    w = init_block(d, 4, rng)
    X = rng.normal(size=(400, d))
    assert 0.8 < (X @ w.W_o).var() < 1.25
    ff = feed_forward(X, w.W_1, w.b_1, w.W_2, w.b_2)
    assert 0.3 < ff.var() < 0.7  # ReLU keeps half the variance: 1/2 in expectation


@pytest.mark.parametrize(("d_model", "n_heads"), [(1, 1), (2, 2), (6, 3)])
def test_smallest_and_exact_head_splits_are_accepted(d_model, n_heads):
    w = init_block(d_model, n_heads, np.random.default_rng(0))
    assert w.W_q.shape == (n_heads, d_model, d_model // n_heads)


@pytest.mark.parametrize(("d_model", "n_heads"), [(0, 1), (4, 0), (6, 4), (-2, 1)])
def test_impossible_head_splits_are_refused_naming_both(d_model, n_heads):
    with pytest.raises(ValueError) as err:
        init_block(d_model, n_heads, np.random.default_rng(0))
    assert f"d_model = {d_model}" in str(err.value) and f"n_heads = {n_heads}" in str(err.value)


# ---------------------------------------------------------------- Seq2Seq


def test_seq2seq_initial_scales():
    m = Seq2Seq("0123456789", "0123456789", 24, 64, attention=True, rng=np.random.default_rng(5))
    p = m.params
    assert_scale(np.vstack([p["E_in"], p["E_out"]]), 1.0, "embeddings")
    assert_scale(p["enc_f_W_xh"], 1 / math.sqrt(24), "enc_f_W_xh")
    assert_scale(p["enc_b_W_hh"], 1 / math.sqrt(32), "enc_b_W_hh")  # each direction has d_h / 2
    assert_scale(p["dec_W_hh"], 1 / math.sqrt(64), "dec_W_hh")
    assert_scale(p["W_out"], 1 / math.sqrt(128), "W_out")  # attention: state and context, 2 d_h
    assert p["W_out"].shape[0] == 128
    plain = Seq2Seq("ab", "ab", 3, 4, attention=False, rng=np.random.default_rng(0))
    assert plain.params["W_out"].shape[0] == 4


@pytest.mark.parametrize(("d_emb", "d_h", "bidirectional"), [(1, 2, True), (1, 3, False), (2, 4, True)])
def test_seq2seq_smallest_sizes_are_accepted(d_emb, d_h, bidirectional):
    m = Seq2Seq("ab", "ab", d_emb, d_h, attention=True, rng=np.random.default_rng(0),
                bidirectional=bidirectional)
    out, _ = m.translate("ab")
    assert isinstance(out, str)


@pytest.mark.parametrize(("d_emb", "d_h", "bidirectional"), [(0, 4, True), (2, 1, False), (2, 3, True)])
def test_seq2seq_impossible_sizes_are_refused_naming_them(d_emb, d_h, bidirectional):
    with pytest.raises(ValueError) as err:
        Seq2Seq("ab", "ab", d_emb, d_h, attention=True, rng=np.random.default_rng(0),
                bidirectional=bidirectional)
    assert f"{d_emb}, {d_h}" in str(err.value)


@pytest.mark.parametrize("side", ["vocab_in", "vocab_out"])
@pytest.mark.parametrize("vocab", ["", ["ab", "c"], "aba"])
def test_a_bad_vocabulary_is_refused_naming_which_one(side, vocab):
    kwargs = {"vocab_in": "ab", "vocab_out": "ab", side: vocab}
    with pytest.raises(ValueError) as err:
        Seq2Seq(d_emb=2, d_h=2, attention=False, rng=np.random.default_rng(0), **kwargs)
    assert str(err.value).startswith(side + " ")


# ---------------------------------------------------------------- softmax_cross_entropy


def test_cross_entropy_matches_a_loop_over_a_batch_of_sequences():
    rng = np.random.default_rng(6)
    logits, y = rng.normal(size=(2, 3, 5)) * 3, rng.integers(0, 5, size=(2, 3))
    loss, d = softmax_cross_entropy(logits, y)
    assert loss == pytest.approx(loop_cross_entropy(logits, y), rel=1e-12)
    assert d.shape == logits.shape
    np.testing.assert_allclose(d.sum(axis=-1), 0, atol=1e-12)  # softmax minus one-hot sums to 0


def test_cross_entropy_is_finite_for_rows_of_very_different_scale():
    logits = np.array([[1000.0, 0.0, -1000.0], [0.0, 1.0, 2.0], [-800.0, -801.0, -799.0]])
    y = np.array([0, 2, 1])
    loss, d = softmax_cross_entropy(logits, y)
    assert np.isfinite(loss) and np.all(np.isfinite(d))
    assert loss == pytest.approx(loop_cross_entropy(logits, y), rel=1e-12)


def test_cross_entropy_accepts_integer_logits():
    loss, _ = softmax_cross_entropy(np.array([[3, 1]]), np.array([1]))
    assert loss == pytest.approx(math.log(1 + math.exp(2)), rel=1e-12)


def test_cross_entropy_errors_name_the_expected_shape_and_range():
    logits = np.zeros((2, 3, 4))
    with pytest.raises(ValueError, match=r"\(2, 3\)") as err:
        softmax_cross_entropy(logits, np.zeros((2, 4), int))
    assert "(2, 4)" in str(err.value)
    with pytest.raises(ValueError, match=r"0\.\.3") as err:
        softmax_cross_entropy(logits, np.full((2, 3), 4))
    with pytest.raises(ValueError, match="mask") as err:
        softmax_cross_entropy(logits, np.zeros((2, 3), int), mask=np.zeros((2, 3), bool))
    assert "no rows" in str(err.value)


# ---------------------------------------------------------------- relative_error


def test_relative_error_is_the_documented_formula():
    a, b = np.array([1.0, -2.5, 4.0]), np.array([1.5, -2.0, 3.0])
    assert relative_error(a, b) == pytest.approx(1.0 / 3.0, rel=1e-15)
    assert relative_error(b, b) == 0.0
    assert relative_error([], []) == 0.0
    assert relative_error([3, 1], [2, 1]) == pytest.approx(0.5)  # integers are read as numbers
    assert relative_error([1e-13], [0.0]) == pytest.approx(0.1)  # floor 1e-12 for an all-zero reference


def test_relative_error_names_both_shapes():
    with pytest.raises(ValueError) as err:
        relative_error(np.zeros((2, 3)), np.zeros(3))
    assert "(2, 3)" in str(err.value) and "(3,)" in str(err.value)


# ---------------------------------------------------------------- Adam


@pytest.mark.parametrize(("lr", "clip"), [(0.0, 1.0), (-0.1, 1.0), (0.1, 0.0), (0.1, -1.0)])
def test_adam_refuses_a_step_size_or_clip_that_is_not_positive(lr, clip):
    with pytest.raises(ValueError) as err:
        Adam({"w": np.zeros(2)}, lr=lr, clip=clip)
    assert f"lr={lr}" in str(err.value) and f"clip={clip}" in str(err.value)


def test_adam_moments_have_the_shapes_of_the_parameters():
    params = {"W": np.zeros((2, 3)), "b": np.zeros(3), "s": np.zeros(())}
    opt = Adam(params, lr=0.1, clip=None)
    for k, v in params.items():
        assert opt.m[k].shape == v.shape and opt.v[k].shape == v.shape
    with pytest.raises(ValueError, match="params is empty"):
        Adam({}, lr=0.1)


# ---------------------------------------------------------------- gradient fate, quietly


def test_an_exploding_rnn_reports_its_fate_without_numpy_warnings():
    """A learner sees the result, not a RuntimeWarning or an SVD error from an overflow inside numpy.

    Gains past the largest float are reported as infinite (the product overflows after ~180 steps).
    The influence curves stay quiet at the live explorer's largest settings (radius 5, linear, T 30).
    """
    import warnings

    from helpers.core.rnn import input_influence
    from helpers.core.rnn_analysis import gradient_fate, hidden_influence, power_norms

    W = 50.0 * np.eye(3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        norms = power_norms(W, 300)
        assert gradient_fate(W, steps=300) == "explode"
        X = np.ones((30, 3))
        assert np.isfinite(hidden_influence(X, np.eye(3), W / 10, np.zeros(3), nonlinearity="none")).all()
        assert np.isfinite(input_influence(X, np.eye(3), W / 10, np.zeros(3), nonlinearity="none")).all()
    assert norms[0] == 1.0 and norms[1] == pytest.approx(50.0)
    finite = np.isfinite(norms)
    assert finite[:150].all() and np.isinf(norms[-1])
    assert not finite[int(np.argmin(finite)):].any()  # once infinite, infinite from then on


def test_gain_classes_have_inclusive_thresholds_and_follow_the_last_step():
    from helpers.core.rnn_analysis import classify_gain, gradient_fate, power_norms

    assert classify_gain(1e2) == classify_gain(1e-2) == "neither"  # the thresholds themselves
    assert classify_gain(1.0001e2) == classify_gain(np.nan) == classify_gain(np.inf) == "explode"
    assert classify_gain(0.9999e-2) == "vanish"
    W = 0.5 * np.eye(2)  # gain 0.5 after one step, 1 after none
    assert gradient_fate(W, steps=1, low=0.6) == "vanish"
    assert gradient_fate(W, steps=1, low=0.1, high=0.4) == "explode"
    assert gradient_fate(W, steps=1, low=0.1) == "neither"
    assert power_norms(W, 0).tolist() == [1.0]
    with pytest.raises(ValueError, match="-1"):
        power_norms(W, -1)


@pytest.mark.parametrize(("lengths", "T", "name"), [([2, 0], None, "length"), ([2, 1], 0, "T")])
def test_padding_mask_names_the_size_that_is_too_small(lengths, T, name):
    from helpers.core.transformer import padding_mask

    with pytest.raises(ValueError) as err:
        padding_mask(lengths, T)
    assert name in str(err.value).split() and "at least 1" in str(err.value), str(err.value)
