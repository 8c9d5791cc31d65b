"""Checks of notebooks 01 and 02 fed more slips than tests/test_checks_diagnose_rnn.py, and right answers
written every equivalent way (float32, lists, np.concatenate, np.flip with an axis, a loop)."""

import numpy as np
import pytest

from helpers.checks.rnn import (
    check_backward_mask,
    check_birnn,
    check_gradient_fate,
    check_rnn_step,
    check_three_step_jacobian,
)
from helpers.core.rnn import rnn_forward, spectral_radius
from helpers.lessons.examples import FATE_MATRICES
from tests.support.checks import f32, said, specific

# ------------------------------------------------------------------ 01, exercise 1: one RNN step

STEP_RIGHT = {
    "rows": lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh + b),
    "columns": lambda x, h, Wx, Wh, b: np.tanh(Wx.T @ x + Wh.T @ h + b),
    "np.dot": lambda x, h, Wx, Wh, b: np.tanh(np.dot(x, Wx) + np.dot(h, Wh) + b),
    "a list": lambda x, h, Wx, Wh, b: [float(v) for v in np.tanh(x @ Wx + h @ Wh + b)],
    "exp form": lambda x, h, Wx, Wh, b: (lambda z: (np.exp(2 * z) - 1) / (np.exp(2 * z) + 1))(
        x @ Wx + h @ Wh + b
    ),
}


@pytest.mark.parametrize("key", STEP_RIGHT)
def test_rnn_step_right_answers_pass(key):
    said(check_rnn_step(STEP_RIGHT[key]), passed=True, name="RNN")
    said(check_rnn_step(f32(STEP_RIGHT[key])), passed=True)


STEP_SLIPS = {
    "tanh is applied twice": lambda x, h, Wx, Wh, b: np.tanh(np.tanh(x @ Wx + h @ Wh + b)),
    "each term on its own": lambda x, h, Wx, Wh, b: np.tanh(x @ Wx) + np.tanh(h @ Wh) + b,
    "add the three terms first": lambda x, h, Wx, Wh, b: np.tanh(x @ Wx) + np.tanh(h @ Wh) + np.tanh(b),
    "only the recurrent term": lambda x, h, Wx, Wh, b: x @ Wx + np.tanh(h @ Wh) + b,
    "h_prev unchanged": lambda x, h, Wx, Wh, b: h,
    "only part of the sum": lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + b) + h @ Wh,
    "added as it is": lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h + b),
    "only x @ W_xh": lambda x, h, Wx, Wh, b: np.tanh(x @ Wx),
    "only h_prev @ W_hh": lambda x, h, Wx, Wh, b: np.tanh(h @ Wh),
    "subtracted the bias": lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh - b),
    "broadcasts": lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h * Wh + b),
}


def test_rnn_step_more_slips_each_get_their_own_hint():
    msgs = {specific(check_rnn_step(fn), key, "RNN step") for key, fn in STEP_SLIPS.items()}
    assert len(msgs) == len(STEP_SLIPS)
    for key, fn in STEP_SLIPS.items():
        assert key in check_rnn_step(f32(fn)).message, key


def test_rnn_step_errors_say_what_fits():
    msg = said(
        check_rnn_step(lambda x, h, Wx, Wh, b: np.tanh(Wx @ x + h @ Wh + b)),
        "ValueError",
        "matrix product",
        "x @ W_xh",
    )
    assert "h_prev @ W_hh" in msg
    said(check_rnn_step(lambda x, h, Wx, Wh, b: np.tanh(x * Wx + h @ Wh + b)), "element-wise", "@")
    said(check_rnn_step(lambda x, h, W: x), "5 arguments", "(x, h_prev, W_xh, W_hh, b_h)")
    said(check_rnn_step(lambda x, h, Wx, Wh, b: softmax_not_imported(x)), "NameError", "import")  # noqa: F821


# ------------------------------------------------------------------ 01, exercise 2: three-step Jacobian


def _J(H, k, W, slope=lambda h: 1 - h**2):
    return np.diag(slope(H[k])) @ W.T


JACOBIAN_RIGHT = {
    "np.diag": lambda H, W: _J(H, 3, W) @ _J(H, 2, W) @ _J(H, 1, W),
    "broadcast rows": lambda H, W: np.linalg.multi_dot([(1 - H[k] ** 2)[:, None] * W.T for k in (3, 2, 1)]),
    "loop": lambda H, W: _loop_jacobian(H, W),
}


def _loop_jacobian(H, W):
    out = np.eye(len(W))
    for k in (1, 2, 3):
        out = np.diag(1 - H[k] ** 2) @ W.T @ out
    return out


@pytest.mark.parametrize("key", JACOBIAN_RIGHT)
def test_three_step_jacobian_right_answers_pass(key):
    said(check_three_step_jacobian(JACOBIAN_RIGHT[key]), passed=True, name="Jacobian")
    said(check_three_step_jacobian(f32(JACOBIAN_RIGHT[key])), passed=True)


JACOBIAN_SLIPS = {
    "not h_k": lambda H, W: _J(H, 3, W, lambda h: h) @ _J(H, 2, W, lambda h: h) @ _J(H, 1, W, lambda h: h),
    "(1 - h)**2": lambda H, W: np.linalg.multi_dot([_J(H, k, W, lambda h: (1 - h) ** 2) for k in (3, 2, 1)]),
    "tanh again": lambda H, W: np.linalg.multi_dot(
        [_J(H, k, W, lambda h: 1 - np.tanh(h) ** 2) for k in (3, 2, 1)]
    ),
    "sigmoid": lambda H, W: np.linalg.multi_dot([_J(H, k, W, lambda h: h * (1 - h)) for k in (3, 2, 1)]),
    "only one factor": lambda H, W: _J(H, 3, W),
    "only two factors": lambda H, W: _J(H, 3, W) @ _J(H, 2, W),
    "four factors": lambda H, W: np.linalg.multi_dot([_J(H, k, W) for k in (3, 2, 1, 0)]),
    "cubed": lambda H, W: np.linalg.matrix_power(_J(H, 3, W), 3),
    "keeps only the diagonal": lambda H, W: np.linalg.multi_dot(
        [np.diag(1 - H[k] ** 2) * W.T for k in (3, 2, 1)]
    ),
    "cannot be gathered": lambda H, W: (
        np.diag((1 - H[1] ** 2) * (1 - H[2] ** 2) * (1 - H[3] ** 2)) @ np.linalg.matrix_power(W.T, 3)
    ),
    "reversed and W_hh needs": lambda H, W: _J(H, 1, W.T) @ _J(H, 2, W.T) @ _J(H, 3, W.T),
    "one number": lambda H, W: np.linalg.norm(_J(H, 3, W) @ _J(H, 2, W) @ _J(H, 1, W)),
}


def test_three_step_jacobian_more_slips_each_get_their_own_hint():
    msgs = {specific(check_three_step_jacobian(fn), key, "Jacobian") for key, fn in JACOBIAN_SLIPS.items()}
    assert len(msgs) == len(JACOBIAN_SLIPS)
    transposed = said(check_three_step_jacobian(lambda H, W: _loop_jacobian(H, W).T), "transpose")
    assert "values differ" not in transposed


# ------------------------------------------------------------------ 01, exercise 3: vanish or explode


def test_gradient_fate_reads_letter_case_and_spaces_and_says_what_to_pass():
    truth = {k: ("explode" if spectral_radius(W) > 1 else "vanish") for k, W in FATE_MATRICES.items()}
    said(check_gradient_fate({k.lower(): f" {v.title()} " for k, v in truth.items()}), passed=True)
    forms = {"vanish": "vanishes", "explode": "exploding"}
    said(check_gradient_fate({k: forms[v] for k, v in truth.items()}), passed=True)  # the verb's other forms
    said(check_gradient_fate({k: "vanquish" for k in truth}), "'vanish' or 'explode'", "'vanquish'")
    said(check_gradient_fate(list(truth.values())), "dict", "list of 3 items", '"A": "vanish"')
    said(check_gradient_fate(None), "dict", "None")
    said(check_gradient_fate({"A": "vanish"}), "'A', 'B', 'C'", "['A']")
    said(check_gradient_fate(dict(truth, A=None)), "'vanish' or 'explode'", "None")


# ------------------------------------------------------------------ 02, exercise 1: the Bi-RNN


def _halves(X, f, b):
    return rnn_forward(X, *f), rnn_forward(X[::-1], *b)[::-1]


BIRNN_RIGHT = {
    "hstack": lambda X, f, b: np.hstack(_halves(X, f, b)),
    "concatenate axis=1": lambda X, f, b: np.concatenate(_halves(X, f, b), axis=1),
    "concatenate axis=-1": lambda X, f, b: np.concatenate(_halves(X, f, b), axis=-1),
    "np.flip(axis=0)": lambda X, f, b: np.hstack(
        [rnn_forward(X, *f), np.flip(rnn_forward(np.flip(X, 0), *b), 0)]
    ),
}


@pytest.mark.parametrize("key", BIRNN_RIGHT)
def test_birnn_right_answers_pass(key):
    said(check_birnn(BIRNN_RIGHT[key]), passed=True, name="bidirectional")
    said(check_birnn(lambda *a: BIRNN_RIGHT[key](*a).astype(np.float32)), passed=True)


BIRNN_SLIPS = {
    "only the backward half": lambda X, f, b: _halves(X, f, b)[1],
    "as a pair": lambda X, f, b: np.stack(_halves(X, f, b)),
    "added": lambda X, f, b: sum(_halves(X, f, b)),
    "averaged": lambda X, f, b: sum(_halves(X, f, b)) / 2,
    "without an axis": lambda X, f, b: np.hstack(
        [rnn_forward(X, *f), np.flip(rnn_forward(np.flip(X), *b), 0)]
    ),
    "features of each word": lambda X, f, b: np.hstack([rnn_forward(X, *f), rnn_forward(X[:, ::-1], *b)]),
    "reverses features, not words": lambda X, f, b: np.hstack(
        [rnn_forward(X, *f), rnn_forward(X[:, ::-1], *b)[:, ::-1]]
    ),
    "each state's numbers": lambda X, f, b: np.hstack(
        [rnn_forward(X, *f), rnn_forward(X[::-1], *b)[:, ::-1]]
    ),
    "not its input": lambda X, f, b: np.hstack([rnn_forward(X, *f), rnn_forward(X, *b)[::-1]]),
    "parameter sets are swapped": lambda X, f, b: np.hstack(
        [rnn_forward(X, *b), rnn_forward(X[::-1], *f)[::-1]]
    ),
    "left to right": lambda X, f, b: np.hstack([rnn_forward(X[::-1], *f)[::-1], _halves(X, f, b)[1]]),
}


def test_birnn_more_slips_each_get_their_own_hint():
    msgs = {specific(check_birnn(fn), key, "bidirectional") for key, fn in BIRNN_SLIPS.items()}
    assert len(msgs) == len(BIRNN_SLIPS)


# ------------------------------------------------------------------ 02, exercise 2: the backward mask


@pytest.mark.parametrize("T", [3, 6])
def test_backward_mask_right_forms_and_more_slips(T):
    ones = np.ones((T, T), dtype=bool)
    for right in (
        np.triu(ones),
        np.triu(ones).astype(int),
        np.triu(ones).tolist(),
        ~np.tri(T, k=-1, dtype=bool),
        np.tri(T, dtype=bool).T,
    ):
        said(check_backward_mask(right, T), passed=True, name="backward")
    slips = {
        "only the diagonal": np.eye(T, dtype=bool),
        "lower triangle without": np.tril(ones, -1),
        "one diagonal too many": np.triu(ones, -1),
        "some are missing": np.triu(ones) & np.tril(ones, 1),
        "left of the diagonal": np.triu(ones) | np.eye(T, k=-2, dtype=bool),
    }
    msgs = {specific(check_backward_mask(m, T), key, "backward") for key, m in slips.items()}
    flips = (np.triu(ones)[::-1], np.triu(ones)[:, ::-1], np.tril(ones)[::-1], np.tril(ones)[:, ::-1])
    for m in flips:
        msgs.add(specific(check_backward_mask(m, T), "reading order", "backward"))
    assert len(msgs) == len(slips) + 1
    said(check_backward_mask(None, T), "None", "np.zeros((T, T), dtype=bool)")
    said(check_backward_mask(lambda t: np.triu(ones), T), "function")
