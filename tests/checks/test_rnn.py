"""helpers.checks.rnn: notebook 01's exercises one RNN step and vanish or explode.

Right answers written every equivalent way (float32, lists, a loop) pass; each slip a learner makes
gets the hint that names it.
"""

import numpy as np
import pytest

from helpers.checks.rnn import (
    check_gradient_fate,
    check_rnn_step,
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
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh + b)[None], False, "extra axis"),  # a row: wrong
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


def test_check_gradient_fate():
    eig = {k: np.max(np.abs(np.linalg.eigvals(W))) for k, W in FATE_MATRICES.items()}
    right = {k: ("vanish" if r < 1 else "explode") for k, r in eig.items()}
    assert check_gradient_fate(right).passed
    by_entries = {k: ("explode" if np.abs(W).max() > 1 else "vanish") for k, W in FATE_MATRICES.items()}
    result = check_gradient_fate(by_entries)
    assert not result.passed and "eigenvalues decide" in result.message
    assert "answer 'vanish' or 'explode'" in check_gradient_fate({k: "?" for k in FATE_MATRICES}).message
    assert not check_gradient_fate(["vanish"]).passed
