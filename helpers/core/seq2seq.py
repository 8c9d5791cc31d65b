"""An RNN encoder-decoder for character strings, with or without attention. numpy only, float64.

The model assembles three parts a reader can open on their own: the vocabularies
(:mod:`helpers.core.vocab`, with named pad/start/end ids), the encoder and the decoder
(:mod:`helpers.core.encoder_decoder`, each a forward/backward pair with its own cache).

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
  (``attention.attention_forward``); the context ``c_u`` is joined to the state, ``[s_u, c_u]``,
  before the output layer. This is cross-attention: U queries (outputs), S keys (inputs).

Shapes: N strings, S source positions (padded), U target positions (characters + end, padded).
"""

from __future__ import annotations

import numpy as np

from ._validate import as_count
from .encoder_decoder import (
    decoder_backward,
    decoder_forward,
    decoder_input_table,
    decoder_step,
    encoder_backward,
    encoder_forward,
)
from .layers import softmax_cross_entropy
from .vocab import END, END_ID, PAD, PAD_ID, START, START_ID, Vocab

__all__ = ["Seq2Seq", "PAD", "START", "END"]


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
        d_emb, d_h = as_count(d_emb, "d_emb", minimum=None), as_count(d_h, "d_h", minimum=None)
        if d_emb < 1 or d_h < 2 or (bidirectional and d_h % 2):
            raise ValueError(f"need d_emb >= 1 and an even d_h >= 2 (bidirectional); got {d_emb}, {d_h}.")
        self.source_vocab = Vocab(vocab_in, role="input")
        self.target_vocab = Vocab(vocab_out, role="output")
        self.vocab_in, self.vocab_out = self.source_vocab.tokens, self.target_vocab.tokens
        self.attention, self.bidirectional = bool(attention), bool(bidirectional)
        self.d_h, self.max_output_len = d_h, as_count(max_output_len, "max_output_len")
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
        unknown = self.source_vocab.unknown(texts)
        if unknown:
            raise ValueError(f"characters not in the model's input vocabulary: {unknown}.")
        if not texts or min(map(len, texts)) == 0:
            raise ValueError("every source must have at least one character.")
        return self.source_vocab.encode(texts)

    def encode_targets(self, texts) -> np.ndarray:  # list[str] (N) -> [N, U] int
        """Target strings -> ids with the end symbol appended, padded: ``[N, U]``, U = longest + 1."""
        texts = [texts] if isinstance(texts, str) else list(texts)
        if not texts:
            raise ValueError("characters not in the model's output vocabulary: [] (no targets given).")
        return self.target_vocab.encode(texts, end=True)

    def decode_ids(self, ids) -> list[str]:  # [N, U] int -> list[str] (N)
        """Output ids -> strings, each cut at its first end symbol (a stray pad or start shows as "?")."""
        return self.target_vocab.decode(ids)

    # ---------------------------------------------------------------- training
    def _encoder(self, src):  # [N, S] -> H [N, S, d_h], s_0 [N, d_h], cache (for encoder_backward)
        return encoder_forward(self.params, src, bidirectional=self.bidirectional)

    def _teacher_forced(self, src, tgt):  # [N, S], [N, U] -> logits [N, U, V_out], caches
        p = self.params
        H, s0, c_enc = self._encoder(src)
        dec_in = np.concatenate([np.full((len(tgt), 1), START_ID, dtype=tgt.dtype), tgt[:, :-1]], axis=1)
        logits, c_dec = decoder_forward(p, dec_in, s0, H, src != PAD_ID, attention=self.attention)
        return logits, c_enc, c_dec

    def forced_predictions(self, src_ids, tgt_ids) -> np.ndarray:  # [N, S], [N, U] -> [N, U] int
        """Each step's most likely character when the decoder reads the *true* previous characters.

        Teacher forcing, as in training: step u's guess can go wrong only through what the
        decoder carried to step u, never through an earlier wrong guess (compare ``greedy``).
        """
        logits, _, _ = self._teacher_forced(np.asarray(src_ids), np.asarray(tgt_ids))
        return END_ID + np.argmax(logits[..., END_ID:], axis=-1)            # never pad or start

    def loss_and_grads(self, src_ids, tgt_ids):  # [N, S], [N, U] -> float, dict
        """Mean cross-entropy per target character under teacher forcing, and its gradients.

        The decoder reads ``[start, y_0, ..., y_{U-2}]`` and is scored on ``[y_0, ..., end]``
        (padding does not count). Returns ``(loss, grads)``, grads keyed like ``params``.
        """
        p, src, tgt = self.params, np.asarray(src_ids), np.asarray(tgt_ids)
        logits, c_enc, c_dec = self._teacher_forced(src, tgt)
        loss, dlogits = softmax_cross_entropy(logits, tgt, mask=tgt != PAD_ID)
        g, dH, ds0 = decoder_backward(dlogits, c_dec)
        g |= encoder_backward(dH, ds0, c_enc)
        return loss, {k: g[k] for k in p}

    # ---------------------------------------------------------------- greedy decoding
    def greedy(self, src_ids, steps=None):  # [N, S] -> [N, steps] int, [N, steps, S] or None
        """Greedy decoding: feed back the most likely character until every row has ended.

        Runs at most ``steps`` steps (default ``max_output_len + 1``, room for the end symbol).
        Returns the output ids and, with attention, each step's weights over the source.
        """
        p, src = self.params, np.asarray(src_ids)
        steps = self.max_output_len + 1 if steps is None else as_count(steps, "steps")
        H, s, _ = self._encoder(src)
        mask, table = (src != PAD_ID)[:, None, :], decoder_input_table(p)
        prev = np.full(len(src), START_ID, dtype=np.int64)
        out, weights = np.zeros((len(src), steps), dtype=np.int64), []
        for u in range(steps):
            logits, s, w = decoder_step(p, table, prev, s, H, mask, attention=self.attention)
            if self.attention:
                weights.append(w)
            prev = END_ID + np.argmax(logits[:, END_ID:], axis=1)          # never pad or start
            out[:, u] = prev
            if (out[:, : u + 1] == END_ID).any(axis=1).all():
                out = out[:, : u + 1]
                break
        return out, (np.stack(weights, axis=1) if self.attention else None)

    def accuracy(self, src_ids, tgt_ids) -> float:  # [N, S], [N, U] -> float
        """Share of strings decoded exactly right (greedy decoding, whole string incl. its end)."""
        tgt = np.asarray(tgt_ids)
        pred = self._padded_prediction(src_ids, tgt.shape[1])
        return float(np.mean(np.all((pred == tgt) | (tgt == PAD_ID), axis=1)))

    def char_accuracy(self, src_ids, tgt_ids) -> float:  # [N, S], [N, U] -> float
        """Share of target characters (and end symbols) that greedy decoding gets right, position by
        position."""
        tgt = np.asarray(tgt_ids)
        pred = self._padded_prediction(src_ids, tgt.shape[1])
        return float(np.mean(pred[tgt != PAD_ID] == tgt[tgt != PAD_ID]))

    def _padded_prediction(self, src_ids, U):
        pred, _ = self.greedy(src_ids, steps=U)
        ended = np.cumsum(pred == END_ID, axis=1) - (pred == END_ID) > 0   # after a row's first end symbol
        return np.pad(np.where(ended, PAD_ID, pred), ((0, 0), (0, U - pred.shape[1])))

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
