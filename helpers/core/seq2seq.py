"""An RNN encoder-decoder for character strings, with or without attention. numpy only, float64.

Encoder: character embeddings, then a bidirectional tanh RNN (notebook 02): a forward and a
backward RNN of width d_h/2 each, joined per position, so encoder state t has width d_h and has
read the whole string, centred on character t. (``bidirectional=False`` builds a left-to-right
encoder only, whose state t has read characters 0..t.)

Decoder: a tanh RNN of width d_h that starts from the encoder's summary ``s_0 = [forward state
after the last character, backward state after the first]`` and reads the previous output
character (the true one in training: teacher forcing; its own guess at test: greedy decoding).

* ``attention=False`` (the bottleneck): the output layer sees the decoder state only, so every
  fact about the input must pass through the one vector ``s_0``.
* ``attention=True``: at every output step the decoder state ``s_u`` is the query; the encoder
  states are the keys and the values; scoring is the scaled dot product ``s_u . h_t / sqrt(d_h)``
  (``layers.attention_forward``); the context ``c_u`` is joined to the state, ``[s_u, c_u]``,
  before the output layer. This is cross-attention: U queries (outputs), S keys (inputs).

Shapes: N strings, S source positions (padded), U target positions (characters + end, padded).
"""

from __future__ import annotations

import numpy as np

from .layers import (
    attention_backward,
    attention_forward,
    embedding_backward,
    embedding_forward,
    linear_backward,
    linear_forward,
    softmax_cross_entropy,
    tanh_rnn_backward,
    tanh_rnn_forward,
)

__all__ = ["Seq2Seq", "PAD", "START", "END"]

PAD, START, END = "<pad>", "<s>", "</s>"  # ids 0, 1, 2 of the output vocabulary (PAD is 0 of both)


def _check_vocab(vocab, name):
    chars = list(vocab)
    single = all(isinstance(c, str) and len(c) == 1 for c in chars)
    if not chars or not single or len(set(chars)) != len(chars):
        raise ValueError(f"{name} must be a non-empty sequence of distinct single characters; got {vocab!r}.")
    return chars


class Seq2Seq:
    """Character encoder-decoder: ``Seq2Seq(vocab_in, vocab_out, d_emb, d_h, attention=..., rng=...)``.

    Parameters
    ----------
    vocab_in, vocab_out : sequence of str
        The characters sources and targets may use; pad, start and end symbols are added inside.
    d_emb, d_h : int
        Embedding width; width of encoder and decoder states (even when bidirectional).
    attention : bool
        Dot-product attention from each decoder state over the encoder states, or the bottleneck.
    rng : numpy.random.Generator
        Draws the initial parameters.
    bidirectional : bool
        Bidirectional encoder (default) or a left-to-right one.
    max_output_len : int
        Greedy decoding in ``translate`` stops at the end symbol or after this many characters.
    """

    def __init__(self, vocab_in, vocab_out, d_emb, d_h, *, attention, rng, bidirectional=True,
                 max_output_len=40):
        if d_emb < 1 or d_h < 2 or (bidirectional and d_h % 2):
            raise ValueError(f"need d_emb >= 1 and an even d_h >= 2 (bidirectional); got {d_emb}, {d_h}.")
        self.vocab_in = [PAD] + _check_vocab(vocab_in, "vocab_in")
        self.vocab_out = [PAD, START, END] + _check_vocab(vocab_out, "vocab_out")
        self._id_in = {c: i for i, c in enumerate(self.vocab_in)}
        self._id_out = {c: i for i, c in enumerate(self.vocab_out)}
        self.attention, self.bidirectional = bool(attention), bool(bidirectional)
        self.d_h, self.max_output_len = d_h, int(max_output_len)
        d_enc = d_h // 2 if bidirectional else d_h

        def w(shape, fan_in):
            return rng.normal(0.0, 1.0 / np.sqrt(fan_in), size=shape)

        p = {"E_in": rng.normal(0.0, 1.0, (len(self.vocab_in), d_emb)),
             "E_out": rng.normal(0.0, 1.0, (len(self.vocab_out), d_emb))}
        for side in ("enc_f", "enc_b") if bidirectional else ("enc_f",):
            p |= {f"{side}_W_xh": w((d_emb, d_enc), d_emb), f"{side}_W_hh": w((d_enc, d_enc), d_enc),
                  f"{side}_b": np.zeros(d_enc)}
        p |= {"dec_W_xh": w((d_emb, d_h), d_emb), "dec_W_hh": w((d_h, d_h), d_h), "dec_b": np.zeros(d_h)}
        d_z = 2 * d_h if attention else d_h
        p |= {"W_out": w((d_z, len(self.vocab_out)), d_z), "b_out": np.zeros(len(self.vocab_out))}
        self.params = p

    # ---------------------------------------------------------------- text <-> ids
    def encode(self, texts) -> np.ndarray:  # list[str] (N) -> [N, S] int
        """Source strings -> padded ids ``[N, S]`` (S = longest string). Unknown characters: ValueError."""
        texts = [texts] if isinstance(texts, str) else list(texts)
        unknown = sorted({c for t in texts for c in t} - self._id_in.keys())
        if unknown:
            raise ValueError(f"characters not in the model's input vocabulary: {unknown}.")
        if not texts or min(map(len, texts)) == 0:
            raise ValueError("every source must have at least one character.")
        ids = np.zeros((len(texts), max(map(len, texts))), dtype=np.int64)
        for n, t in enumerate(texts):
            ids[n, : len(t)] = [self._id_in[c] for c in t]
        return ids

    def encode_targets(self, texts) -> np.ndarray:  # list[str] (N) -> [N, U] int
        """Target strings -> ids with the end symbol appended, padded: ``[N, U]``, U = longest + 1."""
        texts = [texts] if isinstance(texts, str) else list(texts)
        unknown = sorted({c for t in texts for c in t} - self._id_out.keys())
        if unknown or not texts:
            raise ValueError(f"characters not in the model's output vocabulary: {unknown}.")
        ids = np.zeros((len(texts), max(map(len, texts)) + 1), dtype=np.int64)
        for n, t in enumerate(texts):
            ids[n, : len(t) + 1] = [self._id_out[c] for c in t] + [self._id_out[END]]
        return ids

    def decode_ids(self, ids) -> list[str]:  # [N, U] int -> list[str] (N)
        """Output ids -> strings, each cut at its first end symbol (a stray pad or start shows as "?")."""
        out = []
        for row in np.atleast_2d(ids):
            chars = []
            for i in row:
                if i == 2:
                    break
                chars.append(self.vocab_out[i] if i > 2 else "?")
            out.append("".join(chars))
        return out

    # ---------------------------------------------------------------- encoder
    def _encoder(self, src):  # [N, S] -> H [N, S, d_h], s0 [N, d_h], cache
        p, N, S = self.params, *src.shape
        lengths = (src != 0).sum(axis=1)
        if lengths.min() < 1:
            raise ValueError("every source needs at least one character (row of only padding).")
        X, c_emb = embedding_forward(src, p["E_in"])                        # [N, S, d_emb]
        H, c_f = tanh_rnn_forward(X, p["enc_f_W_xh"], p["enc_f_W_hh"], p["enc_f_b"])
        rows, last = np.arange(N)[:, None], lengths - 1
        s0, perm, c_b = H[np.arange(N), last], None, None
        if self.bidirectional:  # the backward RNN reads each string right to left (pads stay last)
            t = np.arange(S)[None, :]
            perm = np.where(t < lengths[:, None], last[:, None] - t, t)      # [N, S], its own inverse
            H_b, c_b = tanh_rnn_forward(X[rows, perm], p["enc_b_W_xh"], p["enc_b_W_hh"], p["enc_b_b"])
            H_b = H_b[rows, perm]
            s0 = np.concatenate([s0, H_b[:, 0]], axis=1)
            H = np.concatenate([H, H_b], axis=2)                            # [N, S, d_h]
        return H, s0, (c_emb, c_f, c_b, perm, last)

    def _encoder_backward(self, dH, ds0, cache, g):
        c_emb, c_f, c_b, perm, last = cache
        N, d_f = dH.shape[0], c_f[2].shape[0]
        dH_f = dH[..., :d_f].copy()
        dH_f[np.arange(N), last] += ds0[:, :d_f]
        dX, g["enc_f_W_xh"], g["enc_f_W_hh"], g["enc_f_b"], _ = tanh_rnn_backward(dH_f, c_f)
        if self.bidirectional:
            rows = np.arange(N)[:, None]
            dH_b = dH[..., d_f:].copy()
            dH_b[:, 0] += ds0[:, d_f:]
            dX_b, g["enc_b_W_xh"], g["enc_b_W_hh"], g["enc_b_b"], _ = tanh_rnn_backward(dH_b[rows, perm], c_b)
            dX = dX + dX_b[rows, perm]
        g["E_in"] = embedding_backward(dX, c_emb)

    # ---------------------------------------------------------------- training
    def _teacher_forced(self, src_ids, tgt):  # [N, S], [N, U] -> logits [N, U, V_out], caches
        p, src = self.params, np.asarray(src_ids)
        H, s0, c_enc = self._encoder(src)
        dec_in = np.concatenate([np.ones((len(tgt), 1), dtype=tgt.dtype), tgt[:, :-1]], axis=1)
        Y, c_emb = embedding_forward(dec_in, p["E_out"])                    # [N, U, d_emb]
        S_dec, c_dec = tanh_rnn_forward(Y, p["dec_W_xh"], p["dec_W_hh"], p["dec_b"], h0=s0)
        Z, c_att = S_dec, None
        if self.attention:
            C, _, c_att = attention_forward(S_dec, H, H, mask=(src != 0)[:, None, :])
            Z = np.concatenate([S_dec, C], axis=2)                          # [N, U, 2 d_h]
        logits, c_lin = linear_forward(Z, p["W_out"], p["b_out"])
        return logits, (H, c_enc, c_emb, c_dec, c_att, c_lin)

    def forced_predictions(self, src_ids, tgt_ids) -> np.ndarray:  # [N, S], [N, U] -> [N, U] int
        """Each step's most likely character when the decoder reads the *true* previous characters.

        Teacher forcing, as in training: step u's guess can go wrong only through what the
        decoder carried to step u, never through an earlier wrong guess (compare ``greedy``).
        """
        logits, _ = self._teacher_forced(src_ids, np.asarray(tgt_ids))
        return 2 + np.argmax(logits[..., 2:], axis=-1)                      # never pad or start

    def loss_and_grads(self, src_ids, tgt_ids):  # [N, S], [N, U] -> float, dict
        """Mean cross-entropy per target character under teacher forcing, and its gradients.

        The decoder reads ``[start, y_0, ..., y_{U-2}]`` and is scored on ``[y_0, ..., end]``
        (padding does not count). Returns ``(loss, grads)``, grads keyed like ``params``.
        """
        p, tgt = self.params, np.asarray(tgt_ids)
        logits, (H, c_enc, c_emb, c_dec, c_att, c_lin) = self._teacher_forced(src_ids, tgt)
        loss, dlogits = softmax_cross_entropy(logits, tgt, mask=tgt != 0)
        g = {}
        dZ, g["W_out"], g["b_out"] = linear_backward(dlogits, c_lin)
        dS, dH = dZ[..., : self.d_h], np.zeros_like(H)
        if self.attention:
            dQ, dK, dV = attention_backward(dZ[..., self.d_h:], c_att)
            dS, dH = dS + dQ, dK + dV
        dY, g["dec_W_xh"], g["dec_W_hh"], g["dec_b"], ds0 = tanh_rnn_backward(dS, c_dec)
        g["E_out"] = embedding_backward(dY, c_emb)
        self._encoder_backward(dH, ds0, c_enc, g)
        return loss, {k: g[k] for k in p}

    # ---------------------------------------------------------------- greedy decoding
    def greedy(self, src_ids, steps=None):  # [N, S] -> [N, steps] int, [N, steps, S] or None
        """Greedy decoding: feed back the most likely character until every row has ended.

        Runs at most ``steps`` steps (default ``max_output_len + 1``, room for the end symbol).
        Returns the output ids and, with attention, each step's weights over the source.
        """
        p, src = self.params, np.asarray(src_ids)
        steps = self.max_output_len + 1 if steps is None else int(steps)
        H, s, _ = self._encoder(src)
        mask = (src != 0)[:, None, :]
        table = p["E_out"] @ p["dec_W_xh"] + p["dec_b"]                     # [V_out, d_h]
        prev = np.ones(len(src), dtype=np.int64)
        out, weights = np.zeros((len(src), steps), dtype=np.int64), []
        for u in range(steps):
            s = np.tanh(table[prev] + s @ p["dec_W_hh"])                   # [N, d_h]
            z = s
            if self.attention:
                c, w, _ = attention_forward(s[:, None], H, H, mask=mask)    # [N, 1, d_h], [N, 1, S]
                z = np.concatenate([s, c[:, 0]], axis=1)
                weights.append(w[:, 0])
            prev = 2 + np.argmax((z @ p["W_out"] + p["b_out"])[:, 2:], axis=1)  # never pad or start
            out[:, u] = prev
            if (out[:, : u + 1] == 2).any(axis=1).all():
                out = out[:, : u + 1]
                break
        return out, (np.stack(weights, axis=1) if self.attention else None)

    def accuracy(self, src_ids, tgt_ids) -> float:  # [N, S], [N, U] -> float
        """Share of strings decoded exactly right (greedy decoding, whole string incl. its end)."""
        tgt = np.asarray(tgt_ids)
        pred = self._padded_prediction(src_ids, tgt.shape[1])
        return float(np.mean(np.all((pred == tgt) | (tgt == 0), axis=1)))

    def char_accuracy(self, src_ids, tgt_ids) -> float:  # [N, S], [N, U] -> float
        """Share of target characters (and end symbols) that greedy decoding gets right, position by
        position."""
        tgt = np.asarray(tgt_ids)
        pred = self._padded_prediction(src_ids, tgt.shape[1])
        return float(np.mean(pred[tgt != 0] == tgt[tgt != 0]))

    def _padded_prediction(self, src_ids, U):
        pred, _ = self.greedy(src_ids, steps=U)
        ended = np.cumsum(pred == 2, axis=1) - (pred == 2) > 0   # after a row's first end symbol
        return np.pad(np.where(ended, 0, pred), ((0, 0), (0, U - pred.shape[1])))

    def translate(self, text: str):  # str -> str, [len(output), len(text)] or None
        """Translate one string by greedy decoding.

        Returns ``(output, weights)``: ``weights[u, t]`` is how much output character u attended
        to source character t (None without attention). Unknown characters raise ValueError.
        """
        if not isinstance(text, str):
            raise ValueError(f"text must be a string; got {type(text).__name__}.")
        ids, weights = self.greedy(self.encode([text]))
        output = self.decode_ids(ids)[0][: self.max_output_len]
        return output, (None if weights is None else weights[0, : len(output)])
