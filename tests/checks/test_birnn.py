"""helpers.checks.birnn: notebook 02's Bi-RNN and backward mask, right in every form, and each slip's hint."""

import numpy as np
import pytest

from helpers.checks.rnn import (
    check_backward_mask,
    check_birnn,
)
from helpers.core.rnn import rnn_forward
from tests.support.checks import said, specific


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
