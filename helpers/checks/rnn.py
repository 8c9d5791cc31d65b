"""Exercise checks for notebooks 01 and 02: say PASS, or explain the most likely mistake.

Each check calls the learner's function on its own fixed data (so a function that only works
for the example in the notebook does not pass by luck) and compares with the helpers.
"""

from __future__ import annotations

import numpy as np

from ..core.rnn import birnn_forward, init_rnn, rnn_forward, spectral_radius
from ..core.rnn_analysis import gradient_fate, jacobian_product
from ..lessons.examples import FATE_MATRICES
from .base import CheckResult, check_array

__all__ = [
    "check_rnn_step",
    "jacobian_exercise_data",
    "check_three_step_jacobian",
    "check_gradient_fate",
    "check_birnn",
    "check_backward_mask",
]


def _call(name, fn, *args):
    """Run the learner's function; turn an exception into a readable CheckResult."""
    try:
        return fn(*args), None
    except Exception as err:  # the learner's code: report, do not crash the notebook
        return None, CheckResult(name, False, f"your function raised {type(err).__name__}: {err}")


def _close(a, b):
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-6, atol=1e-8)


def _is_zero(g):
    return np.allclose(g, 0.0)


def check_rnn_step(rnn_step) -> CheckResult:
    """Check ``rnn_step(x, h_prev, W_xh, W_hh, b_h) -> h``: ``[d_in], [d_h], ... -> [d_h]``."""
    rng = np.random.default_rng(11)
    x, h_prev = rng.normal(size=3), rng.uniform(-0.9, 0.9, size=4)
    W_xh, W_hh, _ = init_rnn(3, 4, rng, radius=0.9)
    b_h = rng.normal(scale=0.3, size=4)
    expected = np.tanh(x @ W_xh + h_prev @ W_hh + b_h)
    got, err = _call("one RNN step", rnn_step, x, h_prev, W_xh, W_hh, b_h)
    if err is not None:
        return err
    hints = [
        (_is_zero, "all zeros: that is the placeholder. Replace it with tanh(x W_xh + h_prev W_hh + b_h)."),
        (
            lambda g: _close(g, x @ W_xh + h_prev @ W_hh + b_h),
            "the sum is right but tanh is missing: squash it with np.tanh.",
        ),
        (
            lambda g: _close(g, np.tanh(x @ W_xh + W_hh @ h_prev + b_h)),
            "W_hh @ h_prev is the column-vector convention; here states are rows, so use h_prev @ W_hh.",
        ),
        (lambda g: _close(g, np.tanh(x @ W_xh + h_prev @ W_hh)), "you left out the bias b_h."),
        (
            lambda g: _close(g, np.tanh(x @ W_xh + b_h)),
            "the previous state h_prev is missing: without h_prev @ W_hh nothing is remembered.",
        ),
        (lambda g: _close(g, np.tanh(h_prev @ W_hh + b_h)), "the current word x (through W_xh) is missing."),
        (
            lambda g: _close(g, np.tanh(x @ W_xh + h_prev @ W_hh) + b_h),
            "the bias is outside the tanh: add b_h to the sum first, then squash.",
        ),
        (
            lambda g: _close(g, 1 / (1 + np.exp(-(x @ W_xh + h_prev @ W_hh + b_h)))),
            "that is the sigmoid of the sum (values in 0..1); the RNN here uses np.tanh (values in -1..1).",
        ),
        (
            lambda g: _close(g, np.maximum(0, x @ W_xh + h_prev @ W_hh + b_h)),
            "that is a ReLU of the sum (no negative values); the RNN here uses np.tanh.",
        ),
        (
            lambda g: np.any(np.abs(g) > 1),
            "some values lie outside -1..1, so the last thing you applied is not tanh.",
        ),
    ]
    return check_array(
        "one RNN step",
        got,
        expected,
        hints=hints,
        recipe="Three terms go inside one tanh: x @ W_xh, h_prev @ W_hh and b_h.",
    )


def jacobian_exercise_data(*, T=4, d_in=3, d_h=4, seed=5):
    """States and weights for the Jacobian exercise: ``H`` [T, d_h] (h_0..h_3) and ``W_hh`` [d_h, d_h]."""
    rng = np.random.default_rng(seed)
    W_xh, W_hh, b_h = init_rnn(d_in, d_h, rng, radius=1.1)
    H = rnn_forward(rng.normal(size=(T, d_in)), W_xh, W_hh, b_h)
    return H, W_hh


def check_three_step_jacobian(three_step_jacobian) -> CheckResult:
    """Check ``three_step_jacobian(H, W_hh) -> d h_3 / d h_0 = J_3 J_2 J_1`` with H of shape [4, d_h]."""
    H, W_hh = jacobian_exercise_data(seed=9)
    expected = jacobian_product(H, W_hh, 0, 3)
    got, err = _call("3-step Jacobian", three_step_jacobian, H, W_hh)
    if err is not None:
        return err

    def J(k, W):
        return (1 - H[k] ** 2)[:, None] * W

    hints = [
        (
            lambda g: _close(g, np.eye(len(W_hh))),
            "this is the identity, the placeholder: multiply the three J_k.",
        ),
        (
            lambda g: _close(g, J(1, W_hh.T) @ J(2, W_hh.T) @ J(3, W_hh.T)),
            "the order is reversed: the latest step goes on the left, J_3 @ J_2 @ J_1.",
        ),
        (
            lambda g: _close(g, J(3, W_hh) @ J(2, W_hh) @ J(1, W_hh)),
            "use W_hh.T: with row vectors, d h_t / d h_{t-1} = diag(1 - h_t^2) W_hh^T.",
        ),
        (
            lambda g: _close(g, np.linalg.matrix_power(W_hh.T, 3)),
            "the tanh derivative is missing: each factor needs diag(1 - h_k^2) in front of W_hh.T.",
        ),
        (
            lambda g: _close(g, J(2, W_hh.T) @ J(1, W_hh.T) @ J(0, W_hh.T)),
            "off by one step: J_k uses the state the step produced, h_k, for k = 1, 2, 3 (not 0, 1, 2).",
        ),
        (
            lambda g: np.shape(g) == (len(W_hh),),
            "you returned a vector; the Jacobian is a [d_h, d_h] matrix.",
        ),
        (
            lambda g: _close(
                g, W_hh.T * (1 - H[3] ** 2) @ (W_hh.T * (1 - H[2] ** 2)) @ (W_hh.T * (1 - H[1] ** 2))
            ),
            "the tanh derivative is on the wrong side of W_hh.T: J_k = diag(1 - h_k^2) @ W_hh.T (the "
            "diagonal "
            "scales rows, so it goes on the left).",
        ),
        (
            lambda g: _close(g, J(3, W_hh.T) + J(2, W_hh.T) + J(1, W_hh.T)),
            "you added the three factors; the chain rule multiplies them: J_3 @ J_2 @ J_1.",
        ),
        (
            lambda g: _close(g, J(3, W_hh.T) * J(2, W_hh.T) * J(1, W_hh.T)),
            "* multiplies entry by entry; the chain rule needs matrix products, @.",
        ),
    ]
    return check_array(
        "3-step Jacobian",
        got,
        expected,
        hints=hints,
        recipe="Build J_k = np.diag(1 - H[k] ** 2) @ W_hh.T for k = 1, 2, 3 and multiply J_3 @ J_2 @ J_1.",
    )


def check_gradient_fate(predictions) -> CheckResult:
    """Check a dict ``{"A": "vanish" | "explode", ...}`` against :data:`FATE_MATRICES`."""
    name = "vanish or explode?"
    if not isinstance(predictions, dict) or set(predictions) != set(FATE_MATRICES):
        return CheckResult(name, False, f"give a dict with keys {sorted(FATE_MATRICES)}.")
    wrong = []
    for key, W in FATE_MATRICES.items():
        answer = predictions[key]
        if answer not in ("vanish", "explode"):
            return CheckResult(name, False, f"answer 'vanish' or 'explode' for {key}; got {answer!r}.")
        truth = gradient_fate(W)
        if answer != truth:
            big = float(np.abs(W).max())
            wrong.append(
                f"{key} will {truth}: its spectral radius is {spectral_radius(W):.2f} "
                f"(largest entry {big:.1f}; entries mislead, eigenvalues decide)"
            )
    if wrong:
        return CheckResult(name, False, "; ".join(wrong) + ".")
    return CheckResult(
        name,
        True,
        "correct: over many steps only the spectral radius matters (below 1 the "
        "gradient vanishes, above 1 it explodes).",
    )


def _birnn_data():
    rng = np.random.default_rng(21)
    X = rng.normal(size=(5, 3))
    return X, init_rnn(3, 4, rng, radius=0.9), init_rnn(3, 4, rng, radius=0.9)


def check_birnn(birnn) -> CheckResult:
    """Check ``birnn(X, forward, backward) -> [T, 2 d_h]`` built from :func:`helpers.core.rnn.rnn_forward`."""
    X, fwd, bwd = _birnn_data()
    expected = birnn_forward(X, fwd, bwd)
    got, err = _call("bidirectional RNN", birnn, X, fwd, bwd)
    if err is not None:
        return err
    H_f = rnn_forward(X, *fwd)
    H_b_rev = rnn_forward(X[::-1], *bwd)
    hints = [
        (_is_zero, "all zeros: that is the placeholder. Run one RNN each way and concatenate."),
        (
            lambda g: _close(g, H_f),
            "only the forward half: concatenate the backward states as well ([T, 2 d_h]).",
        ),
        (
            lambda g: _close(g, np.hstack([H_f, H_b_rev])),
            "the backward states are still in reading order (right to left): flip them back with [::-1] so "
            "row t belongs to word t.",
        ),
        (
            lambda g: _close(g, np.hstack([H_f, rnn_forward(X, *bwd)])),
            "the backward RNN must read the sentence reversed: feed it X[::-1].",
        ),
        (
            lambda g: _close(g, np.hstack([H_f, rnn_forward(X[::-1], *fwd)[::-1]])),
            "you reused the forward parameters: the backward RNN has its own (W_xh, W_hh, b_h).",
        ),
        (
            lambda g: _close(g, np.hstack([H_b_rev[::-1], H_f])),
            "swap the halves: forward first, then backward.",
        ),
        (
            lambda g: _close(g, np.vstack([H_f, H_b_rev[::-1]])),
            "you joined along the wrong axis: np.vstack stacks the halves as extra rows ([2T, d_h]); "
            "each word's "
            "row needs both halves side by side, np.hstack (or axis=1): [T, 2 d_h].",
        ),
    ]
    return check_array(
        "bidirectional RNN",
        got,
        expected,
        hints=hints,
        recipe="Forward states rnn_forward(X, *forward); backward rnn_forward(X[::-1], *backward)[::-1]; "
        "then np.hstack.",
    )


def check_backward_mask(mask, T) -> CheckResult:
    """Check a [T, T] boolean: True where the backward state at t can depend on word s."""
    expected = np.triu(np.ones((T, T), dtype=bool))
    hints = [
        (
            lambda g: not g.any(),
            "all False: that is the placeholder. Mark which words the backward RNN has read.",
        ),
        (
            lambda g: np.array_equal(g, np.tril(np.ones((T, T)))),
            "that is the forward RNN's pattern (lower triangle): the backward RNN has read words t..T-1.",
        ),
        (
            lambda g: np.array_equal(g, np.triu(np.ones((T, T)), 1)),
            "almost: the state at t has also read word t itself, so include the diagonal.",
        ),
        (
            lambda g: g.all(),
            "all True: that is the concatenated Bi-RNN; the backward half alone has not read the "
            "words before t.",
        ),
    ]
    return check_array(
        "backward influence pattern",
        mask,
        expected,
        hints=hints,
        recipe="Row t (code index) is True in columns t to T - 1 and False before.",
    )
