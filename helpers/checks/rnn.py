"""Exercise checks for notebook 01: say PASS, or explain the most likely mistake.

Each check calls the learner's function on its own fixed data (so a function that only works
for the example in the notebook does not pass by luck) and compares with the helpers. Each hint
is what one common slip computes, on the same data.
"""

from __future__ import annotations

import numpy as np

from ..core.rnn import init_rnn, spectral_radius
from ..core.rnn_analysis import gradient_fate
from ..lessons.examples import FATE_MATRICES
from .base import CheckResult, as_option, check_array
from .birnn import check_backward_mask, check_birnn
from .jacobian import check_three_step_jacobian, jacobian_exercise_data
from .learner import ATOL, RTOL, call_learner, expect_function, expect_mapping, kind, like, unused_hint

__all__ = [
    "check_rnn_step",
    "jacobian_exercise_data",
    "check_three_step_jacobian",
    "check_gradient_fate",
    "check_birnn",
    "check_backward_mask",
]

_ROWS = "Here x [d_in] and h_prev [d_h] are rows: x @ W_xh and h_prev @ W_hh."


def _step_hints(x, h_prev, W_xh, W_hh, b_h):
    z = x @ W_xh + h_prev @ W_hh + b_h  # the sum inside the tanh, [d_h]
    return [
        like(
            np.zeros_like(b_h),
            "all zeros: that is the placeholder. Replace it with tanh(x W_xh + h_prev W_hh + b_h).",
        ),
        like(z, "the sum is right but tanh is missing: squash it with np.tanh."),
        like(
            np.tanh(x @ W_xh + W_hh @ h_prev + b_h),
            "W_hh @ h_prev is the column-vector convention; here states are rows, so use h_prev @ W_hh.",
        ),
        like(np.tanh(x @ W_xh + h_prev @ W_hh), "you left out the bias b_h."),
        like(
            np.tanh(x @ W_xh + b_h),
            "the previous state h_prev is missing: without h_prev @ W_hh nothing is remembered.",
        ),
        like(np.tanh(h_prev @ W_hh + b_h), "the current word x (through W_xh) is missing."),
        like(np.tanh(x @ W_xh), "only x @ W_xh is inside the tanh: add h_prev @ W_hh and b_h to it."),
        like(np.tanh(h_prev @ W_hh), "only h_prev @ W_hh is inside the tanh: add x @ W_xh and b_h to it."),
        like(np.tanh(x @ W_xh + h_prev @ W_hh - b_h), "you subtracted the bias: add it, + b_h."),
        like(
            np.tanh(x @ W_xh + h_prev @ W_hh) + b_h,
            "the bias is outside the tanh: add b_h to the sum first, then squash.",
        ),
        like(np.tanh(np.tanh(z)), "tanh is applied twice: one tanh around the whole sum is the step."),
        like(
            np.tanh(x @ W_xh) + np.tanh(h_prev @ W_hh) + b_h,
            "you squashed each term on its own: add "
            "x @ W_xh, h_prev @ W_hh and b_h first, then "
            "apply one tanh to the sum.",
        ),
        like(
            np.tanh(x @ W_xh) + np.tanh(h_prev @ W_hh) + np.tanh(b_h),
            "you squashed each term on its own: add the three terms first, then apply one tanh to the sum.",
        ),
        like(
            x @ W_xh + np.tanh(h_prev @ W_hh) + b_h,
            "tanh wraps only the recurrent term: the whole sum, "
            "x @ W_xh + h_prev @ W_hh + b_h, goes inside it.",
        ),
        like(
            np.tanh(x @ W_xh + b_h) + h_prev @ W_hh,
            "tanh wraps only part of the sum: h_prev @ W_hh goes inside it too, with x @ W_xh and b_h.",
        ),
        like(
            np.tanh(x @ W_xh + h_prev + b_h),
            "h_prev is added as it is: it goes through W_hh first, h_prev @ W_hh.",
        ),
        like(
            1 / (1 + np.exp(-z)),
            "that is the sigmoid of the sum (values in 0..1); the RNN here uses np.tanh (values in -1..1).",
        ),
        like(np.maximum(0, z), "that is a ReLU of the sum (no negative values); the RNN here uses np.tanh."),
        like(h_prev, "you returned h_prev unchanged: the step computes a new state from x and h_prev."),
        (
            lambda g: g.shape == W_hh.shape,
            "a [d_h, d_h] matrix: * with W_hh broadcasts; use @ for the matrix product, h_prev @ W_hh.",
        ),
        (
            lambda g: g.shape == b_h.shape and np.any(np.abs(g) > 1),
            "some values lie outside -1..1, so the last thing you applied is not tanh.",
        ),
    ]


def check_rnn_step(rnn_step) -> CheckResult:
    """Check ``rnn_step(x, h_prev, W_xh, W_hh, b_h) -> h``: ``[d_in], [d_h], ... -> [d_h]``."""
    name = "one RNN step"
    bad = expect_function(name, rnn_step, "check_rnn_step(rnn_step)")
    if bad is not None:
        return bad
    rng = np.random.default_rng(11)
    x, h_prev = rng.normal(size=3), rng.uniform(-0.9, 0.9, size=4)
    W_xh, W_hh, _ = init_rnn(3, 4, rng, radius=0.9)
    b_h = rng.normal(scale=0.3, size=4)
    expected = np.tanh(x @ W_xh + h_prev @ W_hh + b_h)
    got, err = call_learner(
        name,
        rnn_step,
        x,
        h_prev,
        W_xh,
        W_hh,
        b_h,
        params="(x, h_prev, W_xh, W_hh, b_h)",
        product=_ROWS,
        broadcast="For a matrix product use @, not *. " + _ROWS,
    )
    if err is not None:
        return err
    args, names = (x, h_prev, W_xh, W_hh, b_h), ["x", "h_prev", "W_xh", "W_hh", "b_h"]
    recipe = "Three terms go inside one tanh: x @ W_xh, h_prev @ W_hh and b_h."
    hints = _step_hints(*args)
    hints.insert(-1, unused_hint(rnn_step, args, names, shape=expected.shape, then=recipe))
    return check_array(
        name, got, expected, rtol=RTOL, atol=ATOL, hints=hints, recipe=recipe, exact_shape=True
    )


def check_gradient_fate(predictions) -> CheckResult:
    """Check a dict ``{"A": "vanish" | "explode", ...}`` against :data:`FATE_MATRICES` (any letter case)."""
    name = "vanish or explode?"
    example = "{" + ", ".join(f'"{k}": "vanish"' for k in FATE_MATRICES) + "}"
    bad = expect_mapping(name, predictions, example)
    if bad is not None:
        return bad
    answers = {as_option(k, list(FATE_MATRICES)): v for k, v in predictions.items()}
    if set(answers) != set(FATE_MATRICES):
        return CheckResult(
            name,
            False,
            f"give a dict with keys {sorted(FATE_MATRICES)}; yours has {sorted(map(str, answers))}.",
        )
    wrong = []
    for key, W in FATE_MATRICES.items():
        answer = as_option(answers[key], ["vanish", "explode"])
        if isinstance(answer, str) and answer.strip().lower().startswith(("vanish", "explod")):
            answer = "vanish" if answer.strip().lower().startswith("vanish") else "explode"  # "vanishes"
        if answer not in ("vanish", "explode"):
            shown = repr(answer) if isinstance(answer, str) else kind(answer)
            return CheckResult(name, False, f"answer 'vanish' or 'explode' for {key}; got {shown}.")
        truth = gradient_fate(W)
        if answer != truth:
            big = float(np.abs(W).max())
            wrong.append(
                f"{key} will {truth}: its spectral radius is {spectral_radius(W):.2f} "
                f"(largest entry {big:.1f}; in the long run entries mislead, eigenvalues decide)"
            )
    if wrong:
        return CheckResult(name, False, "; ".join(wrong) + ".")
    return CheckResult(
        name,
        True,
        "correct: over many steps of a linear RNN the spectral radius decides (below 1 the "
        "gradient vanishes in the long run, above 1 it explodes), whatever single entries say; "
        "over the first steps the largest singular value bounds the growth, and it can be larger.",
    )
