"""Two sequence classifiers trained by hand: a tanh RNN and one dot-product attention layer.

numpy only, float64, batched (the RNN loops over time only). Both read a batch ``X`` of shape
[N, T, d_in] whose last token asks the question, and return class scores [N, n_classes]. Both
follow the model protocol of ``helpers.core.training``: ``params``, ``loss_and_grads``,
``accuracy``; both gradients are checked against finite differences in ``tests/``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validate import as_count
from .attention import AttentionCache, attention_backward, attention_forward
from .layers import softmax_cross_entropy
from .products import gram
from .rnn import RNNCache, tanh_rnn_backward, tanh_rnn_forward

__all__ = ["RNNClassifier", "AttentionClassifier"]


def _check_X(X, d_in, min_T=1):
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 3 or X.shape[2] != d_in or X.shape[1] < min_T:
        raise ValueError(
            f"X must have shape [N, T, d_in] with d_in = {d_in} and T >= {min_T}; got {X.shape}."
        )
    return X


def _check_sizes(**sizes):
    return [as_count(value, name) for name, value in sizes.items()]


class _RNNClassifierCache(NamedTuple):
    rnn: RNNCache
    h_last: np.ndarray  # [N, d_h]


class _AttentionClassifierCache(NamedTuple):
    query: np.ndarray  # [N, 1, d_in]
    context: np.ndarray  # [N, T-1, d_in]
    attention: AttentionCache


class _Classifier:
    """Shared methods: predict, accuracy, and the loss on top of ``_forward``/``_backward``."""

    def logits(self, X):  # [N, T, d_in] -> [N, n_classes]
        """Class scores for each sequence."""
        return self._forward(_check_X(X, self.d_in, self._min_T))[0]

    def predict(self, X):  # [N, T, d_in] -> [N] int
        """The highest-scoring class of each sequence."""
        return np.argmax(self.logits(X), axis=-1)

    def accuracy(self, X, y):  # [N, T, d_in], [N] -> float
        """Share of sequences whose predicted class equals ``y``."""
        return float(np.mean(self.predict(X) == np.asarray(y)))

    def input_gradients(self, X, y):  # [N, T, d_in], [N] -> [N, T, d_in]
        """d loss / d x_t for every token: how strongly each position can steer learning."""
        X = _check_X(X, self.d_in, self._min_T)
        logits, cache = self._forward(X)
        _, dlogits = softmax_cross_entropy(logits, np.asarray(y))
        return self._backward(dlogits, cache, return_dX=True)[1]

    def loss_and_grads(self, X, y):  # [N, T, d_in], [N] int -> float, dict
        """Mean cross-entropy on the batch and its gradient for every parameter.

        Returns
        -------
        loss : float
        grads : dict name -> ndarray, the keys and shapes of ``params``
        """
        X = _check_X(X, self.d_in, self._min_T)
        logits, cache = self._forward(X)
        loss, dlogits = softmax_cross_entropy(logits, np.asarray(y))
        return loss, self._backward(dlogits, cache)


class RNNClassifier(_Classifier):
    """A tanh RNN reads X left to right; its last state is mapped to class scores.

    ``h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)``, ``h_0 = 0``; scores ``= h_T W_hy + b_y``.

    Parameters
    ----------
    d_in, d_h, n_classes : int
        Token width, state width, number of classes.
    rng : numpy.random.Generator
        Draws the initial weights (W_xh ~ N(0, 1/d_in), W_hh ~ N(0, 1/d_h), W_hy ~ N(0, 1/d_h)).
    """

    _min_T = 1

    def __init__(self, d_in, d_h, n_classes, *, rng):
        d_in, d_h, n_classes = _check_sizes(d_in=d_in, d_h=d_h, n_classes=n_classes)
        self.d_in, self.d_h, self.n_classes = d_in, d_h, n_classes
        self.params = {
            "W_xh": rng.normal(0, 1 / np.sqrt(d_in), (d_in, d_h)),
            "W_hh": rng.normal(0, 1 / np.sqrt(d_h), (d_h, d_h)),
            "b_h": np.zeros(d_h),
            "W_hy": rng.normal(0, 1 / np.sqrt(d_h), (d_h, n_classes)),
            "b_y": np.zeros(n_classes),
        }

    def _forward(self, X):  # [N, T, d_in] -> [N, n_classes], _RNNClassifierCache
        p = self.params
        H, rnn_cache = tanh_rnn_forward(X, p["W_xh"], p["W_hh"], p["b_h"])
        h_last = H[:, -1]                                        # [N, d_h]
        return h_last @ p["W_hy"] + p["b_y"], _RNNClassifierCache(rnn_cache, h_last)

    def _backward(self, dlogits, cache, return_dX=False):
        p = self.params
        dh_last = dlogits @ p["W_hy"].T                          # [N, d_h]
        dX, dW_xh, dW_hh, db_h, _ = tanh_rnn_backward(None, cache.rnn, dh_last=dh_last)
        grads = {"W_xh": dW_xh, "W_hh": dW_hh, "b_h": db_h,
                 "W_hy": cache.h_last.T @ dlogits, "b_y": dlogits.sum(axis=0)}
        return (grads, dX) if return_dX else grads


class AttentionClassifier(_Classifier):
    """One dot-product attention layer: the last token's query attends over the tokens before it.

    ``q = x_T W_q``, ``k_i = x_i W_k``, ``v_i = x_i W_v`` for i < T (the query's own position is
    masked out); scores ``= sum_i a_i v_i + b_o`` with ``a = softmax(q k_i / sqrt(d_k))``.

    Parameters
    ----------
    d_in, d_k, n_classes : int
        Token width, query/key width, number of classes (values are class scores: d_v = n_classes).
    rng : numpy.random.Generator
        Draws the initial weights (all ~ N(0, 1/d_in)).
    """

    _min_T = 2

    def __init__(self, d_in, d_k, n_classes, *, rng):
        d_in, d_k, n_classes = _check_sizes(d_in=d_in, d_k=d_k, n_classes=n_classes)
        self.d_in, self.d_k, self.n_classes = d_in, d_k, n_classes
        s = 1 / np.sqrt(d_in)
        self.params = {
            "W_q": rng.normal(0, s, (d_in, d_k)),
            "W_k": rng.normal(0, s, (d_in, d_k)),
            "W_v": rng.normal(0, s, (d_in, n_classes)),
            "b_o": np.zeros(n_classes),
        }

    def _forward(self, X):  # [N, T, d_in] -> [N, n_classes], _AttentionClassifierCache
        logits, _, cache = self._forward_with_weights(X)
        return logits, cache

    def _forward_with_weights(self, X):  # [N, T, d_in] -> [N, n_classes], [N, T-1], cache
        p = self.params
        query, context = X[:, -1:], X[:, :-1]                   # [N, 1, d_in], [N, T-1, d_in]
        Q, K, V = query @ p["W_q"], context @ p["W_k"], context @ p["W_v"]
        out, weights, att_cache = attention_forward(Q, K, V)   # [N, 1, C], [N, 1, T-1]
        return out[:, 0] + p["b_o"], weights[:, 0], _AttentionClassifierCache(query, context, att_cache)

    def _backward(self, dlogits, cache, return_dX=False):
        query, context = cache.query, cache.context
        p = self.params
        dQ, dK, dV = attention_backward(dlogits[:, None], cache.attention)
        grads = {
            "W_q": gram(query, dQ),
            "W_k": gram(context, dK),
            "W_v": gram(context, dV),
            "b_o": dlogits.sum(axis=0),
        }
        if not return_dX:
            return grads
        dcontext = dK @ p["W_k"].T + dV @ p["W_v"].T            # [N, T-1, d_in]: keys and values
        dquery = dQ @ p["W_q"].T                                # [N, 1, d_in]: the question token
        return grads, np.concatenate([dcontext, dquery], axis=1)

    def attention_weights(self, X):  # [N, T, d_in] -> [N, T]
        """The query's weight on every position; rows sum to 1, and the query's own entry is 0."""
        X = _check_X(X, self.d_in, self._min_T)
        _, weights, _ = self._forward_with_weights(X)          # [N, T-1]
        return np.concatenate([weights, np.zeros((len(X), 1))], axis=1)
