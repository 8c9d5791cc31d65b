"""Multi-head attention (helpers.core.multi_head) against the loop in tests/reference.py, with masks."""

import itertools

import numpy as np
import pytest

from helpers.core.attention import dot_product_attention
from helpers.core.masks import causal_mask, padding_mask
from helpers.core.multi_head import multi_head_attention
from tests.reference import loop_multi_head

GRID = list(itertools.product(range(4), (1, 3, 7), (2, 4, 6)))  # seed, T, d


def random_heads(rng, h, d_model, d_k, d_v=None):
    d_v = d_k if d_v is None else d_v
    W_q, W_k = rng.normal(size=(h, d_model, d_k)), rng.normal(size=(h, d_model, d_k))
    return W_q, W_k, rng.normal(size=(h, d_model, d_v)), rng.normal(size=(h * d_v, d_model))


@pytest.mark.parametrize("seed,T,d", GRID)
def test_multi_head_matches_loop_and_per_head_attention(seed, T, d):
    rng = np.random.default_rng(seed)
    h = 1 + seed % 3
    X = rng.normal(size=(T, d))
    Ws = random_heads(rng, h, d, 2, 3)
    for mask, scale in ((None, None), (causal_mask(T), None), (None, 0.7), (causal_mask(T), 1.0)):
        out, w = multi_head_attention(X, *Ws, mask=mask, scale=scale)
        out_loop, w_loop = loop_multi_head(X, *Ws, mask=mask, scale=scale)
        assert out.shape == (T, d) and w.shape == (h, T, T)
        assert np.allclose(out, out_loop, atol=1e-10) and np.allclose(w, w_loop, atol=1e-12)
        per_head = [dot_product_attention(X @ Ws[0][j], X @ Ws[1][j], X @ Ws[2][j], mask=mask, scale=scale)
                    for j in range(h)]
        concat = np.concatenate([o for o, _ in per_head], axis=1)
        assert np.allclose(out, concat @ Ws[3], atol=1e-12)
        assert np.allclose(w, np.stack([ww for _, ww in per_head]), atol=1e-12)


@pytest.mark.parametrize("lead", [(2,), (3, 2)])
def test_multi_head_leading_batch_dims(lead):
    rng = np.random.default_rng(5)
    T, d, h = 4, 6, 3
    X = rng.normal(size=lead + (T, d))
    Ws = random_heads(rng, h, d, 2)
    mask = rng.random(lead + (T, T)) < 0.6
    mask[..., 0] = True  # every row keeps a key
    out, w = multi_head_attention(X, *Ws, mask=mask)
    assert out.shape == lead + (T, d) and w.shape == lead + (h, T, T)
    for idx in np.ndindex(*lead):
        o, ww = loop_multi_head(X[idx], *Ws, mask=mask[idx])
        assert np.allclose(out[idx], o, atol=1e-10) and np.allclose(w[idx], ww, atol=1e-12)


def test_padding_mask_in_a_batch_ignores_padding():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(2, 4, 4))
    Ws = random_heads(rng, 2, 4, 2)
    out, w = multi_head_attention(X, *Ws, mask=padding_mask([4, 2]))
    assert np.all(w[1, :, :, 2:] == 0)
    short, _ = multi_head_attention(X[1, :2], *Ws)  # the short sentence alone
    assert np.allclose(out[1, :2], short, atol=1e-12)
    X2 = X.copy()
    X2[1, 2:] = rng.normal(size=(2, 4))  # change the padding: real rows do not move
    assert np.allclose(multi_head_attention(X2, *Ws, mask=padding_mask([4, 2]))[0][1, :2], out[1, :2])


def test_row_without_key_names_the_row():
    X = np.ones((3, 2))
    Ws = random_heads(np.random.default_rng(0), 2, 2, 2)
    mask = causal_mask(3)
    mask[1] = False
    with pytest.raises(ValueError, match="query row 1") as err:
        multi_head_attention(X, *Ws, mask=mask)
    assert "batch" not in str(err.value)  # no head index leaks into the message
    with pytest.raises(ValueError, match=r"query row 2 \(batch index \(1,\)\)"):
        batch_mask = np.ones((2, 3, 3), bool)
        batch_mask[1, 2] = False
        multi_head_attention(np.ones((2, 3, 2)), *Ws, mask=batch_mask)


@pytest.mark.parametrize(
    "which,shape,msg",
    [(0, (2, 3, 2), "W_q must have shape"), (1, (2, 2, 3), "W_k must have the same shape"),
     (2, (3, 2, 2), "one matrix per head"),
     (3, (3, 2), r"W_o must have shape \[h \* d_v, d_model\] = \[4, 2\]")],
)
def test_multi_head_shape_errors(which, shape, msg):
    Ws = list(random_heads(np.random.default_rng(0), 2, 2, 2))
    Ws[which] = np.ones(shape)
    with pytest.raises(ValueError, match=msg):
        multi_head_attention(np.ones((3, 2)), *Ws)


@pytest.mark.parametrize("seed,T,d", GRID)
def test_causal_output_ignores_later_words(seed, T, d):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(T, d))
    Ws = random_heads(rng, 2, d, 3)
    out, _ = multi_head_attention(X, *Ws, mask=causal_mask(T))
    for j in range(T):
        Xp = X.copy()
        Xp[j] += rng.normal(size=d)
        out_p, _ = multi_head_attention(Xp, *Ws, mask=causal_mask(T))
        assert np.array_equal(out_p[:j], out[:j])  # earlier outputs: bit for bit the same
        assert np.abs(out_p[j:] - out[j:]).max() > 1e-9  # word j and later do move
        if j < T - 1:  # without the mask, earlier words would see the change
            free, _ = multi_head_attention(X, *Ws)
            assert np.abs(multi_head_attention(Xp, *Ws)[0][:j + 1] - free[:j + 1]).max() > 1e-9
