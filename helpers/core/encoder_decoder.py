"""The encoder and the decoder of :class:`helpers.core.seq2seq.Seq2Seq`, forward and backward. numpy only.

Both read the model's ``params`` dict (keys ``E_in``, ``enc_f_*``, ``enc_b_*``; ``E_out``,
``dec_*``, ``W_out``, ``b_out``) and return their gradients under the same keys. Each forward
returns a cache (a named tuple) that only its own backward reads.

Shapes: N strings, S source positions (padded), U target positions, d_h the state width,
V_out the size of the output vocabulary.

* ``encoder_forward``: character embeddings, then a forward tanh RNN and (when bidirectional) a
  backward one, each of width d_h/2, joined per position. Returns the encoder states ``H`` and the
  decoder's first state ``s0 = [forward state after the last character, backward state after the
  first]``.
* ``decoder_forward``: a tanh RNN of width d_h from ``s0`` over the previous output characters
  (teacher forcing); with attention, each decoder state queries the encoder states (scaled dot
  product, :func:`helpers.core.attention.attention_forward`) and the context is joined to the
  state before the output layer. ``decoder_step`` is one step of the same decoder, for greedy
  decoding.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .attention import AttentionCache, attention_backward, attention_forward
from .layers import (
    EmbeddingCache,
    LinearCache,
    embedding_backward,
    embedding_forward,
    linear_backward,
    linear_forward,
)
from .rnn import RNNCache, recurrent_step, tanh_rnn_backward, tanh_rnn_forward
from .vocab import PAD_ID

__all__ = [
    "EncoderCache", "encoder_forward", "encoder_backward",
    "DecoderCache", "decoder_forward", "decoder_backward", "decoder_input_table", "decoder_step",
]


# ------------------------------------------------------------------------------------ encoder
class EncoderCache(NamedTuple):
    """What ``encoder_backward`` needs from ``encoder_forward``."""

    embedding: EmbeddingCache
    forward: RNNCache
    backward: RNNCache | None  # None for a left-to-right encoder
    perm: np.ndarray | None  # [N, S] the backward RNN's reading order (its own inverse)
    last: np.ndarray  # [N] position of each source's last character
    d_f: int  # width of the forward half of each state


def encoder_forward(p, src, *, bidirectional):  # [N, S] int -> [N, S, d_h], [N, d_h], EncoderCache
    """Encoder states ``H`` and the decoder's first state ``s0`` for padded source ids ``src``."""
    N, S = src.shape
    lengths = (src != PAD_ID).sum(axis=1)
    if lengths.min() < 1:
        raise ValueError("every source needs at least one character (row of only padding).")
    X, c_emb = embedding_forward(src, p["E_in"])                        # [N, S, d_emb]
    H, c_f = tanh_rnn_forward(X, p["enc_f_W_xh"], p["enc_f_W_hh"], p["enc_f_b"])
    rows, last = np.arange(N)[:, None], lengths - 1
    s0, perm, c_b, d_f = H[np.arange(N), last], None, None, H.shape[2]
    if bidirectional:  # the backward RNN reads each string right to left (pads stay last)
        t = np.arange(S)[None, :]
        perm = np.where(t < lengths[:, None], last[:, None] - t, t)      # [N, S], its own inverse
        H_b, c_b = tanh_rnn_forward(X[rows, perm], p["enc_b_W_xh"], p["enc_b_W_hh"], p["enc_b_b"])
        H_b = H_b[rows, perm]
        s0 = np.concatenate([s0, H_b[:, 0]], axis=1)
        H = np.concatenate([H, H_b], axis=2)                            # [N, S, d_h]
    return H, s0, EncoderCache(c_emb, c_f, c_b, perm, last, d_f)


def encoder_backward(dH, ds0, cache):  # [N, S, d_h], [N, d_h] -> dict of gradients
    """Gradients of the encoder's parameters from those on ``H`` and on ``s0``."""
    N, d_f, g = dH.shape[0], cache.d_f, {}
    dH_f = dH[..., :d_f].copy()
    dH_f[np.arange(N), cache.last] += ds0[:, :d_f]
    dX, g["enc_f_W_xh"], g["enc_f_W_hh"], g["enc_f_b"], _ = tanh_rnn_backward(dH_f, cache.forward)
    if cache.backward is not None:
        rows, perm = np.arange(N)[:, None], cache.perm
        dH_b = dH[..., d_f:].copy()
        dH_b[:, 0] += ds0[:, d_f:]
        dX_b, g["enc_b_W_xh"], g["enc_b_W_hh"], g["enc_b_b"], _ = tanh_rnn_backward(dH_b[rows, perm],
                                                                                  cache.backward)
        dX = dX + dX_b[rows, perm]
    g["E_in"] = embedding_backward(dX, cache.embedding)
    return g


# ------------------------------------------------------------------------------------ decoder
class DecoderCache(NamedTuple):
    """What ``decoder_backward`` needs from ``decoder_forward``."""

    embedding: EmbeddingCache
    rnn: RNNCache
    attention: AttentionCache | None  # None without attention
    output: LinearCache
    d_h: int
    encoder_shape: tuple  # (N, S, d_h) of H


# [N, U] int, [N, d_h], [N, S, d_h], [N, S] bool -> [N, U, V_out], DecoderCache
def decoder_forward(p, dec_in, s0, H, src_mask, *, attention):
    """Output scores for every target position under teacher forcing.

    ``dec_in`` holds the previous output character of each position (start, then the target);
    ``src_mask`` is True on real source characters (attention never lands on padding).
    """
    Y, c_emb = embedding_forward(dec_in, p["E_out"])                    # [N, U, d_emb]
    S_dec, c_dec = tanh_rnn_forward(Y, p["dec_W_xh"], p["dec_W_hh"], p["dec_b"], h0=s0)
    Z, c_att = S_dec, None
    if attention:
        C, _, c_att = attention_forward(S_dec, H, H, mask=src_mask[:, None, :])
        Z = np.concatenate([S_dec, C], axis=2)                          # [N, U, 2 d_h]
    logits, c_lin = linear_forward(Z, p["W_out"], p["b_out"])
    return logits, DecoderCache(c_emb, c_dec, c_att, c_lin, S_dec.shape[2], H.shape)


def decoder_backward(dlogits, cache):  # [N, U, V_out] -> dict, dH [N, S, d_h], ds0 [N, d_h]
    """Gradients of the decoder's parameters, and the gradients it sends to ``H`` and ``s0``."""
    g, d_h = {}, cache.d_h
    dZ, g["W_out"], g["b_out"] = linear_backward(dlogits, cache.output)
    dS, dH = dZ[..., :d_h], np.zeros(cache.encoder_shape)
    if cache.attention is not None:
        dQ, dK, dV = attention_backward(dZ[..., d_h:], cache.attention)
        dS, dH = dS + dQ, dK + dV                                       # H is both keys and values
    dY, g["dec_W_xh"], g["dec_W_hh"], g["dec_b"], ds0 = tanh_rnn_backward(dS, cache.rnn)
    g["E_out"] = embedding_backward(dY, cache.embedding)
    return g, dH, ds0


def decoder_input_table(p):  # -> [V_out, d_h]
    """The decoder's input term ``x W_xh + b`` for every output character, computed once for decoding."""
    return p["E_out"] @ p["dec_W_xh"] + p["dec_b"]


# [V_out, d_h], [N] int, [N, d_h], [N, S, d_h], [N, 1, S] bool -> [N, V_out], [N, d_h], [N, S] or None
def decoder_step(p, table, prev, s, H, mask, *, attention):
    """One decoding step from the previous characters ``prev``: scores, new state, attention weights."""
    s = recurrent_step(table[prev], s, p["dec_W_hh"])                  # [N, d_h]
    z, w = s, None
    if attention:
        c, w, _ = attention_forward(s[:, None], H, H, mask=mask)        # [N, 1, d_h], [N, 1, S]
        z, w = np.concatenate([s, c[:, 0]], axis=1), w[:, 0]
    return z @ p["W_out"] + p["b_out"], s, w
