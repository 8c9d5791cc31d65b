"""helpers.core.block: one Transformer block (layer norm, feed-forward, the switches) and its weights."""

import itertools
import math

import numpy as np
import pytest

from helpers.core.block import BlockWeights, feed_forward, init_block, layer_norm, transformer_block
from helpers.core.masks import causal_mask, padding_mask
from helpers.core.multi_head import multi_head_attention
from helpers.core.positions import sinusoidal_positions
from tests.support.core import assert_scale

SWITCHES = {"causal": False, "positions": False, "scaled": True, "residual": True}


@pytest.mark.parametrize("seed,d", list(itertools.product(range(3), (2, 5, 8))))
def test_layer_norm_matches_loop(seed, d):
    X = np.random.default_rng(seed).normal(size=(2, 3, d)) * 4 + 1
    Y = layer_norm(X)
    for idx in np.ndindex(2, 3):
        row = X[idx]
        mu = sum(row) / d
        var = sum((v - mu) ** 2 for v in row) / d
        assert np.allclose(Y[idx], [(v - mu) / math.sqrt(var + 1e-5) for v in row], atol=1e-12)
    assert np.allclose(layer_norm(np.full((1, 4), 3.0)), 0.0)  # a constant row stays finite


@pytest.mark.parametrize("seed", range(4))
def test_feed_forward_matches_loop(seed):
    rng = np.random.default_rng(seed)
    X, W_1, b_1 = rng.normal(size=(3, 4)), rng.normal(size=(4, 6)), rng.normal(size=6)
    W_2, b_2 = rng.normal(size=(6, 4)), rng.normal(size=4)
    out = feed_forward(X, W_1, b_1, W_2, b_2)
    for t in range(3):
        hidden = [max(0.0, sum(X[t, i] * W_1[i, j] for i in range(4)) + b_1[j]) for j in range(6)]
        for k in range(4):
            want = sum(hidden[j] * W_2[j, k] for j in range(6)) + b_2[k]
            assert out[t, k] == pytest.approx(want, abs=1e-10)
    assert np.any(X @ W_1 + b_1 < 0)  # the ReLU was exercised
    with pytest.raises(ValueError, match="d_model"):
        feed_forward(X, W_1, b_1, W_2[:, :3], b_2)


def direct_block(X, w, *, causal, positions, scaled, residual, position_scale=1.0, mask=None):
    """The block written out from its pieces, one switch at a time."""
    T, d = X.shape[-2:]
    if positions:
        X = X + position_scale * sinusoidal_positions(T, d)
    m = mask
    if causal:
        m = causal_mask(T) if m is None else m & causal_mask(T)
    A, W = multi_head_attention(X, w.W_q, w.W_k, w.W_v, w.W_o, mask=m,
                                scale=1 / math.sqrt(w.W_q.shape[2]) if scaled else 1.0)
    Y = layer_norm(X + A) if residual else layer_norm(A)
    F = np.maximum(0, Y @ w.W_1 + w.b_1) @ w.W_2 + w.b_2
    return (layer_norm(Y + F) if residual else layer_norm(F)), W, A


@pytest.mark.parametrize("seed,h,switch", list(itertools.product(range(3), (1, 2, 4), list(SWITCHES))))
def test_each_switch_changes_what_it_says(seed, h, switch):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(5, 8))
    w = init_block(8, h, rng)
    base = transformer_block(X, w, position_scale=0.8)
    flipped_kw = dict(SWITCHES, **{switch: not SWITCHES[switch]})
    flipped = transformer_block(X, w, position_scale=0.8, **flipped_kw)
    for res, kw in ((base, SWITCHES), (flipped, flipped_kw)):
        out, W, A = direct_block(X, w, position_scale=0.8, **kw)
        assert np.allclose(res.outputs, out, atol=1e-12) and np.allclose(res.weights, W, atol=1e-12)
        assert np.allclose(res.attention, A, atol=1e-12)
    assert np.abs(flipped.outputs - base.outputs).max() > 1e-6  # the flip is visible in the output
    if switch == "causal":
        assert np.all(flipped.weights[..., np.triu_indices(5, 1)[0], np.triu_indices(5, 1)[1]] == 0)
    if switch == "residual":  # attention itself is untouched; only what is added to it changes
        assert np.allclose(flipped.weights, base.weights) and np.allclose(flipped.attention, base.attention)
    if switch == "positions":
        assert np.allclose(flipped.inputs - base.inputs, 0.8 * sinusoidal_positions(5, 8))


@pytest.mark.parametrize("h", [1, 2, 4, 8])
def test_number_of_heads_sets_weight_shapes(h):
    w = init_block(8, h, np.random.default_rng(0))
    assert w.W_q.shape == (h, 8, 8 // h) and w.W_o.shape == (8, 8)
    res = transformer_block(np.ones((2, 3, 8)) + np.arange(8), w)
    assert res.weights.shape == (2, h, 3, 3) and res.outputs.shape == (2, 3, 8)
    assert np.allclose(res.weights.sum(-1), 1)


def test_block_with_padding_mask_matches_each_sentence_alone():
    rng = np.random.default_rng(3)
    w = init_block(4, 2, rng)
    X = rng.normal(size=(2, 5, 4))
    res = transformer_block(X, w, causal=True, mask=padding_mask([5, 3]))
    alone = transformer_block(X[1, :3], w, causal=True)
    assert np.allclose(res.outputs[1, :3], alone.outputs, atol=1e-12)


def test_residual_keeps_the_word_whatever_its_self_weight():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(4, 8))
    w = init_block(8, 2, rng)
    res = transformer_block(X, w)
    assert np.allclose(res.hidden, layer_norm(X + res.attention))  # x_i enters its row with weight 1


def test_block_rejects_bad_input():
    w = init_block(4, 2, np.random.default_rng(0))
    with pytest.raises(ValueError, match="BlockWeights"):
        transformer_block(np.ones((3, 4)), tuple(w))
    with pytest.raises(ValueError, match="boolean"):
        transformer_block(np.ones((3, 4)), w, mask=np.ones((3, 3)))
    with pytest.raises(ValueError, match="multiple of n_heads"):
        init_block(6, 4, np.random.default_rng(0))
    assert isinstance(w, BlockWeights)

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
