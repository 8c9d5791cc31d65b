"""helpers.checks.jacobian: notebook 01's three-step Jacobian, right in every form; a hint per slip."""

import numpy as np
import pytest

from helpers.checks.rnn import (
    check_three_step_jacobian,
    jacobian_exercise_data,
)
from helpers.core.rnn import spectral_radius
from tests.support.checks import f32, said, specific

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


JACOBIAN_MISTAKES = {
    "identity": lambda H, W: np.eye(len(W)),
    "reversed": lambda H, W: _J(H, 1, W) @ _J(H, 2, W) @ _J(H, 3, W),
    "use W_hh.T": lambda H, W: _J(H, 3, W.T) @ _J(H, 2, W.T) @ _J(H, 1, W.T),
    "derivative is missing": lambda H, W: W.T @ W.T @ W.T,
    "off by one": lambda H, W: _J(H, 2, W) @ _J(H, 1, W) @ _J(H, 0, W),
    "vector": lambda H, W: (1 - H[3] ** 2) @ W.T,
    "wrong side": lambda H, W: (
        (W.T @ np.diag(1 - H[3] ** 2)) @ (W.T @ np.diag(1 - H[2] ** 2)) @ (W.T @ np.diag(1 - H[1] ** 2))
    ),
    "added": lambda H, W: _J(H, 3, W) + _J(H, 2, W) + _J(H, 1, W),
    "entry by entry": lambda H, W: _J(H, 3, W) * _J(H, 2, W) * _J(H, 1, W),
}


def test_three_step_jacobian_right_answer_passes_and_is_tested_on_other_data():
    right = lambda H, W: _J(H, 3, W) @ _J(H, 2, W) @ _J(H, 1, W)  # noqa: E731
    said(check_three_step_jacobian(right), passed=True, name="Jacobian")
    H0, W0 = jacobian_exercise_data()
    memorised = right(H0, W0)  # the answer for the notebook's own data only
    said(check_three_step_jacobian(lambda H, W: memorised), name="Jacobian")


def test_three_step_jacobian_each_mistake_gets_its_own_hint():
    msgs = {
        said(check_three_step_jacobian(fn), key, name="Jacobian") for key, fn in JACOBIAN_MISTAKES.items()
    }
    assert not any("largest gap" in m for m in msgs)
    assert len(msgs) == len(JACOBIAN_MISTAKES)
    said(check_three_step_jacobian(JACOBIAN_MISTAKES["reversed"]), "J_3 @ J_2 @ J_1")
    said(check_three_step_jacobian(JACOBIAN_MISTAKES["identity"]), "J_k")
    said(check_three_step_jacobian(JACOBIAN_MISTAKES["derivative is missing"]), "W_hh.T")
    said(check_three_step_jacobian(JACOBIAN_MISTAKES["vector"]), "Jacobian", "[d_h, d_h]")
    said(check_three_step_jacobian(JACOBIAN_MISTAKES["wrong side"]), "W_hh.T", "diagonal")
    said(check_three_step_jacobian(JACOBIAN_MISTAKES["added"]), "J_3 @ J_2 @ J_1")
    said(check_three_step_jacobian(JACOBIAN_MISTAKES["off by one"]), "J_k", "h_k")
    said(check_three_step_jacobian(lambda H, W: H.T @ W), "np.diag", "J_3 @ J_2 @ J_1", name="Jacobian")
    said(check_three_step_jacobian(lambda H, W: H[5]), "IndexError", name="Jacobian")


def test_jacobian_exercise_data_shapes_radius_and_states():
    H, W_hh = jacobian_exercise_data()
    assert H.shape == (4, 4) and W_hh.shape == (4, 4)
    assert np.isclose(spectral_radius(W_hh), 1.1)  # the notebook's radius, slightly above 1
    assert np.all(np.abs(H) < 1)  # tanh states
    H2, W2 = jacobian_exercise_data()
    assert np.array_equal(H, H2) and np.array_equal(W_hh, W2)  # the same every time
    H3, W3 = jacobian_exercise_data(T=6, d_in=2, d_h=3, seed=1)
    assert H3.shape == (6, 3) and W3.shape == (3, 3) and np.isclose(spectral_radius(W3), 1.1)


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
