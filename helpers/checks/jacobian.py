"""Exercise check for notebook 01's Jacobian exercise: d h_3 / d h_0 as a product of three factors.

The check calls the learner's function on its own states and weights and compares with
:func:`helpers.core.rnn_analysis.jacobian_product`; each hint is what one common slip computes there.
"""

from __future__ import annotations

import numpy as np

from ..core.rnn import init_rnn, rnn_forward
from ..core.rnn_analysis import jacobian_product
from .base import CheckResult, check_array
from .learner import ATOL, RTOL, call_learner, expect_function, like, unused_hint

__all__ = ["jacobian_exercise_data", "check_three_step_jacobian"]


def jacobian_exercise_data(*, T=4, d_in=3, d_h=4, seed=5):
    """States and weights for the Jacobian exercise: ``H`` [T, d_h] (h_0..h_3) and ``W_hh`` [d_h, d_h]."""
    rng = np.random.default_rng(seed)
    W_xh, W_hh, b_h = init_rnn(d_in, d_h, rng, radius=1.1)
    H = rnn_forward(rng.normal(size=(T, d_in)), W_xh, W_hh, b_h)
    return H, W_hh


def _jacobian_hints(H, W_hh):
    WT = W_hh.T

    def J(k, W=WT, slope=None):  # diag(slope of h_k) @ W
        return (1 - H[k] ** 2 if slope is None else slope(H[k]))[:, None] * W

    def chain(*factors):
        out = np.eye(len(W_hh))
        for f in factors:
            out = out @ f
        return out

    three = "three factors, one per step: J_3 @ J_2 @ J_1"
    slopes = np.diag((1 - H[1] ** 2) * (1 - H[2] ** 2) * (1 - H[3] ** 2))
    apart = ("the slopes cannot be gathered in front: each diag(1 - h_k^2) sits between two W_hh.T, so "
             "multiply J_3 @ J_2 @ J_1 with J_k = diag(1 - h_k^2) @ W_hh.T.")
    return [
        like(np.eye(len(W_hh)), "this is the identity, the placeholder: multiply the three J_k."),
        like(
            chain(J(1), J(2), J(3)),
            "the order is reversed: the latest step goes on the left, J_3 @ J_2 @ J_1.",
        ),
        like(
            chain(J(3, W_hh), J(2, W_hh), J(1, W_hh)),
            "use W_hh.T: with row vectors, d h_t / d h_{t-1} = diag(1 - h_t^2) W_hh^T.",
        ),
        like(
            np.linalg.matrix_power(WT, 3),
            "the tanh derivative is missing: each factor needs diag(1 - h_k^2) in front of W_hh.T.",
        ),
        like(
            chain(J(2), J(1), J(0)),
            "off by one step: J_k uses the state the step produced, h_k, for k = 1, 2, 3 (not 0, 1, 2).",
        ),
        like(
            chain(WT * (1 - H[3] ** 2), WT * (1 - H[2] ** 2), WT * (1 - H[1] ** 2)),
            "the tanh derivative is on the wrong side of W_hh.T: J_k = diag(1 - h_k^2) @ W_hh.T (the "
            "diagonal scales rows, so it goes on the left).",
        ),
        like(
            J(3) + J(2) + J(1),
            "you added the three factors; the chain rule multiplies them: J_3 @ J_2 @ J_1.",
        ),
        like(J(3) * J(2) * J(1), "* multiplies entry by entry; the chain rule needs matrix products, @."),
        like(
            chain(*(np.diag(np.diag(J(k))) for k in (3, 2, 1))),
            "np.diag(1 - h_k**2) * W_hh.T multiplies entry by entry and keeps only the diagonal; use @: "
            "np.diag(1 - h_k**2) @ W_hh.T.",
        ),
        like(
            chain(*(J(k, slope=lambda h: h) for k in (3, 2, 1))),
            "the derivative of tanh is 1 - h_k^2, not h_k: J_k = diag(1 - h_k^2) @ W_hh.T.",
        ),
        like(
            chain(*(J(k, slope=lambda h: (1 - h) ** 2) for k in (3, 2, 1))),
            "(1 - h)**2 squares the difference; tanh's slope is 1 - h_k**2: square h_k first.",
        ),
        like(
            chain(*(J(k, slope=lambda h: 1 - np.tanh(h) ** 2) for k in (3, 2, 1))),
            "H already holds tanh outputs: the slope is 1 - h_k^2, do not apply tanh again.",
        ),
        like(
            chain(*(J(k, slope=lambda h: h * (1 - h)) for k in (3, 2, 1))),
            "h (1 - h) is the sigmoid's slope; tanh's is 1 - h_k^2.",
        ),
        like(
            chain(*(J(k, slope=lambda h: 1 - h) for k in (3, 2, 1))),
            "1 - h_k is not tanh's slope: it is 1 - h_k**2, so J_k = diag(1 - h_k**2) @ W_hh.T.",
        ),
        like(
            chain(*(J(k, slope=lambda h: 1 + h**2) for k in (3, 2, 1))),
            "tanh's slope is 1 - h_k**2, with a minus.",
        ),
        like(J(3), "only one factor, J_3: d h_3 / d h_0 crosses " + three + "."),
        like(chain(J(3), J(2)), "only two factors: d h_3 / d h_0 crosses " + three + "."),
        like(
            chain(J(3), J(2), J(1), J(0)),
            "four factors: h_0 is where you start, so J_0 is not part of it; " + three + ".",
        ),
        like(np.linalg.matrix_power(J(3), 3), "you cubed J_3; each step has its own slope: " + three + "."),
        like(slopes @ np.linalg.matrix_power(WT, 3), apart),
        like(np.diag(1 - H[3] ** 2) @ np.linalg.matrix_power(WT, 3), apart),
        like(
            chain(J(1, W_hh), J(2, W_hh), J(3, W_hh)),
            "the order is reversed and W_hh needs its transpose: J_3 @ J_2 @ J_1, J_k = diag(1 - h_k^2) "
            "@ W_hh.T.",
        ),
        (lambda g: g.shape == (len(W_hh),), "you returned a vector; the Jacobian is a [d_h, d_h] matrix."),
        (
            lambda g: g.ndim == 0,
            "you returned one number (a norm?); the Jacobian is the [d_h, d_h] matrix J_3 @ J_2 @ J_1.",
        ),
    ]


def check_three_step_jacobian(three_step_jacobian) -> CheckResult:
    """Check ``three_step_jacobian(H, W_hh) -> d h_3 / d h_0 = J_3 J_2 J_1`` with H of shape [4, d_h]."""
    name = "3-step Jacobian"
    bad = expect_function(name, three_step_jacobian, "check_three_step_jacobian(three_step_jacobian)")
    if bad is not None:
        return bad
    H, W_hh = jacobian_exercise_data(seed=9)
    expected = jacobian_product(H, W_hh, 0, 3)
    got, err = call_learner(
        name,
        three_step_jacobian,
        H,
        W_hh,
        params="(H, W_hh)",
        product="Here each J_k = np.diag(1 - H[k] ** 2) @ W_hh.T is [d_h, d_h].",
    )
    if err is not None:
        return err
    recipe = "Build J_k = np.diag(1 - H[k] ** 2) @ W_hh.T for k = 1, 2, 3 and multiply J_3 @ J_2 @ J_1."
    unused = unused_hint(three_step_jacobian, (H, W_hh), ["H", "W_hh"], shape=expected.shape, then=recipe)
    return check_array(
        name,
        got,
        expected,
        rtol=RTOL,
        atol=ATOL,
        hints=_jacobian_hints(H, W_hh) + [unused],
        recipe=recipe,
        exact_shape=True,
    )
