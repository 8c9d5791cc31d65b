"""Notebook 07, section 2 (padding): which functions take a batch of sentences (docs/CLAIMS.md).

"multi_head_attention, transformer_block and softmax accept leading batch axes; qkv_self_attention
and the RNN take one sentence [T, d] at a time. A padding mask stops every query from reading the
padding, so the real words of a padded sentence get the outputs they would get on their own."
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers.core import (
    multi_head_attention,
    padding_mask,
    qkv_self_attention,
    rnn_forward,
    softmax,
    transformer_block,
)
from helpers.lessons import transformer as lt


def _batch(rng, N=3, T=5, d=8):
    return rng.normal(size=(N, T, d)), lt.block_weights(2)


def test_multi_head_attention_and_the_block_take_leading_batch_axes():
    rng = np.random.default_rng(0)
    Xb, w = _batch(rng)
    out, weights = multi_head_attention(Xb, w.W_q, w.W_k, w.W_v, w.W_o)
    assert out.shape == Xb.shape and weights.shape == (3, 2, 5, 5)
    for n in range(3):
        alone, alone_w = multi_head_attention(Xb[n], w.W_q, w.W_k, w.W_v, w.W_o)
        assert np.allclose(out[n], alone) and np.allclose(weights[n], alone_w)
        assert np.allclose(transformer_block(Xb, w).outputs[n], transformer_block(Xb[n], w).outputs)
    two_axes = multi_head_attention(Xb.reshape(1, 3, 5, 8), w.W_q, w.W_k, w.W_v, w.W_o)[0]
    assert np.allclose(two_axes[0], out)
    S = rng.normal(size=(2, 3, 4))
    assert np.allclose(softmax(S), np.stack([softmax(s) for s in S]))


@pytest.mark.parametrize("lengths", [[5, 3, 1], [2, 5, 4]])
def test_a_padding_mask_gives_the_real_words_the_outputs_they_get_alone(lengths):
    rng = np.random.default_rng(sum(lengths))
    Xb, w = _batch(rng)
    mask = padding_mask(lengths)
    out, weights = multi_head_attention(Xb, w.W_q, w.W_k, w.W_v, w.W_o, mask=mask)
    block = transformer_block(Xb, w, mask=mask).outputs
    for n, L in enumerate(lengths):
        assert np.all(weights[n, :, :, L:] == 0)  # no query reads the padding
        assert np.allclose(out[n, :L], multi_head_attention(Xb[n, :L], w.W_q, w.W_k, w.W_v, w.W_o)[0])
        assert np.allclose(block[n, :L], transformer_block(Xb[n, :L], w).outputs)
    # Negative control: without the mask the padding is read, and the shorter sentences' outputs move.
    unmasked = multi_head_attention(Xb, w.W_q, w.W_k, w.W_v, w.W_o)[0]
    short = int(np.argmin(lengths))
    L = lengths[short]
    alone = multi_head_attention(Xb[short, :L], w.W_q, w.W_k, w.W_v, w.W_o)[0]
    assert not np.allclose(unmasked[short, :L], alone)


def test_single_head_attention_and_the_rnn_take_one_sentence_and_say_so():
    Xb = np.zeros((2, 3, 4))
    with pytest.raises(ValueError, match="X must be 2-D"):
        qkv_self_attention(Xb, np.eye(4), np.eye(4), np.eye(4))
    with pytest.raises(ValueError, match="X must be 2-D"):
        rnn_forward(Xb, np.eye(4), np.eye(4), np.zeros(4))
