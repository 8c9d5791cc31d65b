"""Gradients of both trained models against finite differences; shapes and the attention mask."""

import numpy as np
import pytest

from helpers.core.classifiers import AttentionClassifier, RNNClassifier
from helpers.core.gradcheck import gradient_errors, numerical_gradient, relative_error
from helpers.lessons.recall_tasks import associative_recall, first_token_recall
from tests.reference import loop_rnn, loop_softmax_rows


def random_params(model, rng, scale=0.7):
    for v in model.params.values():
        v[...] = rng.normal(0, scale, v.shape)


def make(kind, d_in, rng):
    return RNNClassifier(d_in, 5, 8, rng=rng) if kind == "rnn" else AttentionClassifier(d_in, 4, 8, rng=rng)


@pytest.mark.parametrize("kind", ["rnn", "attention"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradients_match_finite_differences(kind, seed):
    rng = np.random.default_rng(seed)
    X, y, _ = associative_recall(3, 4, rng=rng)
    X = X + rng.normal(0, 0.3, X.shape)          # generic inputs, not only one-hot ones
    m = make(kind, X.shape[2], rng)
    random_params(m, rng)
    errors = gradient_errors(m, X, y)  # every parameter against central differences
    assert errors.keys() == m.params.keys()
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("kind", ["rnn", "attention"])
@pytest.mark.parametrize("seed", [0, 1])
def test_input_gradients_match_finite_differences(kind, seed):
    """d loss / d x_t for every token, the question included (attention: through W_q, W_k and W_v)."""
    rng = np.random.default_rng(seed)
    X, y = first_token_recall(5, 3, rng=rng)
    m = make(kind, X.shape[2], rng)
    random_params(m, rng)
    dX = m.input_gradients(X, y)
    num = numerical_gradient(lambda: m.loss_and_grads(X, y)[0], X)
    assert relative_error(dX, num) < 1e-6


@pytest.mark.parametrize("n_pairs", [1, 2, 7])
def test_attention_weights_rows_sum_to_one_with_zero_on_the_query(n_pairs):
    rng = np.random.default_rng(n_pairs)
    X, y, _ = associative_recall(n_pairs, 6, rng=rng)
    m = make("attention", X.shape[2], rng)
    w = m.attention_weights(X)
    assert w.shape == (6, n_pairs + 1)
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    assert np.all(w[:, -1] == 0)
    assert m.predict(X).shape == (6,) and 0 <= m.accuracy(X, y) <= 1


def test_attention_ignores_what_is_at_the_query_position_except_the_query():
    """Masking: changing a pair's content changes the output only through that pair's key/value."""
    rng = np.random.default_rng(0)
    X, _, _ = associative_recall(4, 3, rng=rng)
    m = make("attention", X.shape[2], rng)
    p = m.params
    q = X[:, -1] @ p["W_q"]
    s = np.einsum("nk,ntk->nt", q, X[:, :-1] @ p["W_k"]) / np.sqrt(4)
    a = loop_softmax_rows(s)
    expected = np.einsum("nt,ntc->nc", a, X[:, :-1] @ p["W_v"]) + p["b_o"]
    np.testing.assert_allclose(m.logits(X), expected)


def test_rnn_logits_match_a_loop_over_examples():
    rng = np.random.default_rng(1)
    X, _ = first_token_recall(6, 3, rng=rng)
    m = make("rnn", X.shape[2], rng)
    p = m.params
    for n in range(3):
        h = loop_rnn(X[n], p["W_xh"], p["W_hh"], p["b_h"])[-1]
        np.testing.assert_allclose(m.logits(X[n : n + 1])[0], h @ p["W_hy"] + p["b_y"])


def test_bad_shapes_raise():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="d_in must be at least 1"):
        RNNClassifier(0, 4, 8, rng=rng)
    m = AttentionClassifier(41, 4, 8, rng=rng)
    with pytest.raises(ValueError, match=r"\[N, T, d_in\]"):
        m.predict(np.zeros((2, 3, 40)))
    with pytest.raises(ValueError, match="T >= 2"):
        m.predict(np.zeros((2, 1, 41)))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_one_attention_layer_cannot_tell_which_value_follows_which_key(seed):
    """05's bound on the split layout: shuffling the value tokens among themselves, so each follows
    another key, changes no output of an attention layer without positions (any weights)."""
    rng = np.random.default_rng(seed)
    X, _, _ = associative_recall(4, 20, rng=rng, layout="split")
    m = make("attention", X.shape[2], rng)
    random_params(m, rng)
    shuffled = X.copy()
    value_slots = np.arange(1, X.shape[1] - 1, 2)
    shuffled[:, value_slots] = X[:, rng.permutation(value_slots)]
    np.testing.assert_allclose(m.logits(shuffled), m.logits(X), atol=1e-12)
    rnn = make("rnn", X.shape[2], rng)                                  # control: order matters to an RNN
    assert not np.allclose(rnn.logits(shuffled), rnn.logits(X))
