"""helpers.checks.rnn: a right answer passes; each typical mistake gets its own explanation."""

import numpy as np
import pytest

from helpers.checks.rnn import (
    check_backward_mask,
    check_birnn,
    check_gradient_fate,
    check_rnn_step,
    check_three_step_jacobian,
    jacobian_exercise_data,
)
from helpers.core.rnn import rnn_forward
from helpers.lessons.examples import FATE_MATRICES


@pytest.mark.parametrize(
    ("step", "passed", "phrase"),
    [
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh + b), True, "correct"),
        (lambda x, h, Wx, Wh, b: np.zeros_like(b), False, "placeholder"),
        (lambda x, h, Wx, Wh, b: x @ Wx + h @ Wh + b, False, "tanh is missing"),
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + Wh @ h + b), False, "column-vector"),
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh), False, "bias"),
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + b), False, "h_prev is missing"),
        (lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + b), False, "current word x"),
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh) + b, False, "bias is outside"),
        (lambda x, h, Wx, Wh, b: 1 / (1 + np.exp(-(x @ Wx + h @ Wh + b))), False, "sigmoid"),
        (lambda x, h, Wx, Wh, b: np.maximum(0, x @ Wx + h @ Wh + b), False, "ReLU"),
        (lambda x, h, Wx, Wh, b: 3 * np.tanh(x @ Wx + h @ Wh + b), False, "outside -1..1"),
        (lambda x, h, Wx, Wh, b: 0.5 * np.tanh(x @ Wx + h @ Wh + b), False, "0.5 times"),
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh + b)[::-1], False, "wrong places"),
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ (Wh @ Wh) + b), False, "Three terms"),
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh + b)[None], True, "correct"),  # one row: the vector
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh + b)[None, None], False, "axes"),
        (lambda x, h, Wx, Wh, b: None, False, "return"),
        (lambda x, h, Wx, Wh, b: 1 / 0, False, "ZeroDivisionError"),
    ],
)
def test_check_rnn_step(step, passed, phrase):
    result = check_rnn_step(step)
    assert result.passed is passed
    assert phrase in result.message


def test_rnn_step_solution_agrees_with_rnn_forward():
    # The formula the check expects is the one rnn_forward runs.
    rng = np.random.default_rng(0)
    x, Wx = rng.normal(size=(1, 3)), rng.normal(size=(3, 4))
    Wh, b = rng.normal(size=(4, 4)), rng.normal(size=4)
    np.testing.assert_allclose(rnn_forward(x, Wx, Wh, b)[0], np.tanh(x[0] @ Wx + b))


def _J(H, k, W, slope=lambda h: 1 - h**2):
    return np.diag(slope(H[k])) @ W.T


@pytest.mark.parametrize(
    ("fn", "passed", "phrase"),
    [
        (lambda H, W: _J(H, 3, W) @ _J(H, 2, W) @ _J(H, 1, W), True, "correct"),
        (lambda H, W: np.eye(len(W)), False, "placeholder"),
        (lambda H, W: _J(H, 1, W) @ _J(H, 2, W) @ _J(H, 3, W), False, "reversed"),
        (lambda H, W: _J(H, 3, W.T) @ _J(H, 2, W.T) @ _J(H, 1, W.T), False, "W_hh.T"),
        (lambda H, W: np.linalg.matrix_power(W.T, 3), False, "derivative is missing"),
        (lambda H, W: _J(H, 2, W) @ _J(H, 1, W) @ _J(H, 0, W), False, "off by one"),
        (lambda H, W: _J(H, 3, W)[0], False, "vector"),
        (lambda H, W: (W.T * (1 - H[3] ** 2)) @ (W.T * (1 - H[2] ** 2)) @ (W.T * (1 - H[1] ** 2)), False,
         "wrong side"),
        (lambda H, W: _J(H, 3, W) + _J(H, 2, W) + _J(H, 1, W), False, "added"),
        (lambda H, W: _J(H, 3, W) * _J(H, 2, W) * _J(H, 1, W), False, "entry by entry"),
        (lambda H, W: (_J(H, 3, W) @ _J(H, 2, W) @ _J(H, 1, W)).T, False, "transpose"),
    ],
)
def test_check_three_step_jacobian(fn, passed, phrase):
    result = check_three_step_jacobian(fn)
    assert result.passed is passed
    assert phrase in result.message


def test_jacobian_exercise_data_shapes():
    H, W = jacobian_exercise_data()
    assert H.shape == (4, 4) and W.shape == (4, 4)


def test_check_gradient_fate():
    eig = {k: np.max(np.abs(np.linalg.eigvals(W))) for k, W in FATE_MATRICES.items()}
    right = {k: ("vanish" if r < 1 else "explode") for k, r in eig.items()}
    assert check_gradient_fate(right).passed
    by_entries = {k: ("explode" if np.abs(W).max() > 1 else "vanish") for k, W in FATE_MATRICES.items()}
    result = check_gradient_fate(by_entries)
    assert not result.passed and "eigenvalues decide" in result.message
    assert "answer 'vanish' or 'explode'" in check_gradient_fate({k: "?" for k in FATE_MATRICES}).message
    assert not check_gradient_fate(["vanish"]).passed


def _birnn_right(X, f, b):
    return np.hstack([rnn_forward(X, *f), rnn_forward(X[::-1], *b)[::-1]])


@pytest.mark.parametrize(
    ("fn", "passed", "phrase"),
    [
        (_birnn_right, True, "correct"),
        (lambda X, f, b: np.zeros((len(X), 8)), False, "placeholder"),
        (lambda X, f, b: rnn_forward(X, *f), False, "only the forward half"),
        (lambda X, f, b: np.hstack([rnn_forward(X, *f), rnn_forward(X[::-1], *b)]), False, "flip them back"),
        (lambda X, f, b: np.hstack([rnn_forward(X, *f), rnn_forward(X, *b)]), False, "X[::-1]"),
        (lambda X, f, b: np.hstack([rnn_forward(X, *f), rnn_forward(X[::-1], *f)[::-1]]), False, "its own"),
        (lambda X, f, b: np.hstack([rnn_forward(X[::-1], *b)[::-1], rnn_forward(X, *f)]), False, "swap"),
        (lambda X, f, b: np.vstack([rnn_forward(X, *f), rnn_forward(X[::-1], *b)[::-1]]), False,
         "wrong axis"),
    ],
)
def test_check_birnn(fn, passed, phrase):
    result = check_birnn(fn)
    assert result.passed is passed
    assert phrase in result.message


@pytest.mark.parametrize(
    ("mask", "passed", "phrase"),
    [
        (np.triu(np.ones((5, 5), dtype=bool)), True, "correct"),
        (np.zeros((5, 5), dtype=bool), False, "placeholder"),
        (np.tril(np.ones((5, 5), dtype=bool)), False, "forward"),
        (np.triu(np.ones((5, 5), dtype=bool), 1), False, "diagonal"),
        (np.ones((5, 5), dtype=bool), False, "concatenated"),
        (np.eye(5, dtype=bool), False, "columns t to T - 1"),
        (None, False, "None"),
    ],
)
def test_check_backward_mask(mask, passed, phrase):
    result = check_backward_mask(mask, 5)
    assert result.passed is passed
    assert phrase in result.message
