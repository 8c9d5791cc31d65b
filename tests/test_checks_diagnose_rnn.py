"""Checks of notebooks 01 and 02 fed a student's mistakes: each hint names the mistake it diagnoses."""

import numpy as np

from helpers.checks.rnn import (
    check_backward_mask,
    check_birnn,
    check_gradient_fate,
    check_rnn_step,
    check_three_step_jacobian,
    jacobian_exercise_data,
)
from helpers.core.rnn import rnn_forward, spectral_radius
from helpers.lessons.examples import FATE_MATRICES
from tests.support.checks import said


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


# one RNN step h = tanh(x W_xh + h_prev W_hh + b_h), and the ways to get it wrong
STEP_MISTAKES = {
    "placeholder": lambda x, h, Wx, Wh, b: np.zeros(len(b)),
    "tanh is missing": lambda x, h, Wx, Wh, b: x @ Wx + h @ Wh + b,
    "column-vector": lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + Wh @ h + b),
    "bias b_h": lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh),
    "h_prev is missing": lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + b),
    "W_xh": lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + b),
    "outside the tanh": lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh) + b,
    "sigmoid": lambda x, h, Wx, Wh, b: _sigmoid(x @ Wx + h @ Wh + b),
    "ReLU": lambda x, h, Wx, Wh, b: np.maximum(0, x @ Wx + h @ Wh + b),
    "-1..1": lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh + b) + h,  # added h_prev after the tanh
}


def test_rnn_step_right_answer_passes():
    said(check_rnn_step(lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh + b)), passed=True, name="RNN")


def test_rnn_step_each_mistake_gets_its_own_hint():
    msgs = {said(check_rnn_step(fn), key, name="RNN step") for key, fn in STEP_MISTAKES.items()}
    assert not any("largest gap" in m for m in msgs)  # each is named, not the generic diagnosis
    said(check_rnn_step(STEP_MISTAKES["h_prev is missing"]), "h_prev @ W_hh")
    assert len(msgs) == len(STEP_MISTAKES)
    assert "W_hh" in said(check_rnn_step(STEP_MISTAKES["column-vector"]), "h_prev @ W_hh")
    assert "RNN" in said(check_rnn_step(STEP_MISTAKES["sigmoid"]), "tanh")
    said(check_rnn_step(STEP_MISTAKES["placeholder"]), "W_xh", "W_hh")
    said(check_rnn_step(lambda x, h, Wx, Wh, b: x @ Wh), "ValueError", name="RNN step")
    hard = said(check_rnn_step(lambda x, h, Wx, Wh, b: np.sign(x @ Wx + h @ Wh + b)))  # values exactly +-1
    assert "outside" not in hard


def test_rnn_step_unrecognised_answer_gets_the_recipe():
    said(check_rnn_step(lambda x, h, Wx, Wh, b: 0.5 * np.tanh(x @ Wx + h @ Wh) + 0.1), "tanh", "b_h")


def _J(H, k, W, slope=lambda h: 1 - h**2):
    return np.diag(slope(H[k])) @ W.T


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


def test_gradient_fate_right_and_wrong():
    truth = {k: ("explode" if spectral_radius(W) > 1 else "vanish") for k, W in FATE_MATRICES.items()}
    said(check_gradient_fate(truth), "spectral radius", passed=True, name="vanish")
    flip = {"vanish": "explode", "explode": "vanish"}
    key = next(iter(truth))
    wrong = dict(truth, **{key: flip[truth[key]]})
    W = FATE_MATRICES[key]
    msg = said(check_gradient_fate(wrong), key, truth[key], f"{spectral_radius(W):.2f}", "eigenvalues")
    assert f"{np.abs(W).max():.1f}" in msg
    all_wrong = said(check_gradient_fate({k: flip[v] for k, v in truth.items()}))
    assert all(k in all_wrong for k in truth)
    said(check_gradient_fate({key: "vanish"}), *sorted(FATE_MATRICES), name="vanish")
    said(check_gradient_fate(list(truth)), name="vanish")
    said(check_gradient_fate(dict(truth, **{key: "grow"})), "'grow'", key, name="vanish")


def _birnn_parts(X, f, b):
    return rnn_forward(X, *f), rnn_forward(X[::-1], *b)[::-1]


BIRNN_MISTAKES = {
    "placeholder": lambda X, f, b: np.zeros((len(X), 8)),
    "forward half": lambda X, f, b: rnn_forward(X, *f),
    "reading order": lambda X, f, b: np.hstack([rnn_forward(X, *f), rnn_forward(X[::-1], *b)]),
    "X[::-1]": lambda X, f, b: np.hstack([rnn_forward(X, *f), rnn_forward(X, *b)]),
    "forward parameters": lambda X, f, b: np.hstack([rnn_forward(X, *f), rnn_forward(X[::-1], *f)[::-1]]),
    "swap the halves": lambda X, f, b: np.hstack(_birnn_parts(X, f, b)[::-1]),
    "vstack": lambda X, f, b: np.vstack(_birnn_parts(X, f, b)),
}


def test_birnn_right_answer_and_each_mistake():
    said(check_birnn(lambda X, f, b: np.hstack(_birnn_parts(X, f, b))), passed=True, name="bidirectional")
    msgs = {said(check_birnn(fn), key, name="bidirectional RNN") for key, fn in BIRNN_MISTAKES.items()}
    assert not any("largest gap" in m for m in msgs)
    said(check_birnn(BIRNN_MISTAKES["X[::-1]"]), "reversed")
    assert len(msgs) == len(BIRNN_MISTAKES)
    said(check_birnn(BIRNN_MISTAKES["vstack"]), "[2T, d_h]", "[T, 2 d_h]", "axis", "word")
    said(check_birnn(BIRNN_MISTAKES["forward half"]), "[T, 2 d_h]")
    said(check_birnn(BIRNN_MISTAKES["forward parameters"]), "W_xh", "W_hh")
    said(check_birnn(lambda X, f, b: np.hstack(_birnn_parts(X, f, b)).T), "(8, 5)", "(5, 8)", "transposed")
    said(check_birnn(lambda X, f, b: np.hstack(_birnn_parts(X, f, b)) * 0.5 + 0.1), "X[::-1]", "np.hstack")
    said(check_birnn(lambda X, f, b: f.W), "AttributeError", name="bidirectional RNN")


def test_backward_mask_right_answer_and_each_mistake():
    T = 5
    ones = np.ones((T, T), dtype=bool)
    said(check_backward_mask(np.triu(ones), T), passed=True, name="backward")
    said(check_backward_mask(np.triu(ones).astype(int), T), passed=True)  # 0/1 counts as a mask
    mistakes = {
        "placeholder": np.zeros((T, T), dtype=bool),
        "forward": np.tril(ones),
        "diagonal": np.triu(ones, 1),
        "all True": ones,
    }
    msgs = {said(check_backward_mask(m, T), key, name="backward") for key, m in mistakes.items()}
    assert len(msgs) == len(mistakes)
    said(check_backward_mask(np.tril(ones), T), "T-1")
    said(check_backward_mask(np.tril(ones, -1), T), "T - 1", "True")
    said(check_backward_mask(np.triu(np.ones((4, 4), bool)), T), "(4, 4)", "(5, 5)")
