"""Exercise checks of notebook 05: the softmax backward, one RNN step's gradient, the race.

Each check runs the learner's function on random inputs and compares it with central finite
differences of the forward pass (an independent computation), then names the likely mistake when
it differs: each hint is what one common slip computes, on the same inputs.
"""

from __future__ import annotations

import numpy as np

from ..core.attention import softmax
from ..core.gradcheck import numerical_gradient
from .base import CheckResult, check_array, check_choice
from .learner import ATOL, RTOL, call_learner, expect_function, like, unused_hint

__all__ = ["check_softmax_backward", "check_rnn_step_backward", "check_race_prediction"]

_SOFTMAX = "softmax backward"
_RIGHT = "ds = a * (da - a @ da)"
_APPLY = "Apply the Jacobian: " + _RIGHT + "."


def _softmax_hints(a, da):  # what each slip computes from a = softmax(s) and da, all [n]
    n, J, twice = len(a), np.diag(a) - np.outer(a, a), softmax(a)
    return [
        like(
            np.zeros(n),
            "all zeros: that is the stub's placeholder. Raising one score raises its own weight and "
            "lowers all the others (they share one sum): multiply da by the softmax Jacobian.",
        ),
        like(
            da * a * (1 - a),
            "you kept only the diagonal of the softmax Jacobian, a_i (1 - a_i). Raising one "
            "score also lowers every other weight: subtract a_i * sum_j(a_j * da_j) instead.",
        ),
        like(da, "you passed da through unchanged: multiply by the softmax Jacobian diag(a) - a a^T."),
        like(a * da, "a * da is only the first term; the weights share one sum, so subtract a * (a @ da)."),
        like(
            a * (da - da.sum()),
            "you subtracted the plain sum of da. Each weight's share is weighted by a: "
            "subtract a @ da (the sum of a_j * da_j), " + _RIGHT + ".",
        ),
        like(a * (da - da.mean()), "you subtracted the mean of da; subtract the mean weighted by a, a @ da."),
        like(
            a * da - a @ da,
            "the second term lacks its factor a_i: subtract a * (a @ da), not the bare number a @ da.",
        ),
        like(da - a @ da, "both terms need the factor a_i (the weight itself): " + _RIGHT + "."),
        like(
            twice * (da - twice @ da),
            "you applied softmax to a again: a already is softmax(s), so use it as it is: " + _RIGHT + ".",
        ),
        like(a * (a @ da - da), "the sign is flipped: it is da minus the weighted mean, " + _RIGHT + "."),
        like(-a * (a @ da), "only the second term: add a * da, " + _RIGHT + "."),
        like(
            a * (1 - a),
            "da is missing: the Jacobian's diagonal a (1 - a) alone is no gradient; multiply "
            "by da and subtract the shared term: " + _RIGHT + ".",
        ),
        like(
            da * (1 - a),
            "the diagonal term is a_i (1 - a_i) da_i, with the factor a_i; and the other "
            "weights add - a_i * sum_j(a_j * da_j): " + _RIGHT + ".",
        ),
        like(
            J,
            "that is the Jacobian diag(a) - a a^T itself, [n, n]: multiply it by da, "
            "(np.diag(a) - np.outer(a, a)) @ da.",
        ),
        (
            lambda g: g.shape == (n, n),
            "a [n, n] matrix: * between the Jacobian and da broadcasts; use @ "
            "(or the short form " + _RIGHT + ").",
        ),
        like(a * da - (a * a) @ da, "a * a @ da is (a * a) @ da, one number, as * and @ run left to right: "
                                    "write a * (a @ da)."),
        like(
            a * da - (a @ a) * da.sum(),
            "a @ a.T of a 1-D array is one number, not the outer product: use np.outer(a, a), or the short "
            "form " + _RIGHT + ".",
        ),
        like(
            a * (1 - a) * da - a * (a @ da),
            "the diagonal is counted twice: a * (1 - a) * da already holds the j = i term of - a_i a_j da_j, "
            "so " + _RIGHT + ".",
        ),
        (
            lambda g: g.ndim == 0,
            "one number: ds has one entry per score, shape [n]. Multiply element-wise: " + _RIGHT + ".",
        ),
    ]


def check_softmax_backward(fn, *, seed=0) -> CheckResult:
    """``fn(a, da) -> ds``: a = softmax(s) of shape [n], da = d loss / d a; return d loss / d s."""
    bad = expect_function(_SOFTMAX, fn, "check_softmax_backward(my_softmax_backward)")
    if bad is not None:
        return bad
    rng = np.random.default_rng(seed)
    for n in (3, 5, 8):
        s, da = rng.normal(size=n), rng.normal(size=n)
        a = softmax(s)
        expected = numerical_gradient(lambda s=s, da=da: float(softmax(s) @ da), s)
        got, err = call_learner(
            _SOFTMAX,
            fn,
            a.copy(),
            da.copy(),
            params="(a, da)",
            product="Here a and da are both [n], and a @ da is one number.",
            broadcast="Only the Jacobian diag(a) - a a^T is [n, n]; a and da are [n].",
        )
        if err is not None:
            return err
        result = check_array(
            _SOFTMAX,
            got,
            expected,
            rtol=RTOL,
            atol=ATOL,
            hints=_softmax_hints(a, da) + [unused_hint(fn, (a, da), ["a", "da"], shape=(n,), then=_APPLY)],
            recipe=_APPLY,
            exact_shape=True,
        )
        if not result:
            return result
    return CheckResult(_SOFTMAX, True, "correct: " + _RIGHT + ", on 3 random inputs.")


_STEP = "one RNN step backward"
_STEP_RIGHT = "dh_prev = (dh * (1 - h**2)) @ W_hh.T"
_STEP_RECIPE = "Two steps back: da = dh * (1 - h**2), then da @ W_hh.T."


def _step_hints(h, W, dh):  # what each slip computes; the step was h = tanh(x W_xh + h_prev W + b)
    slope = 1 - h**2
    da = dh * slope
    return [
        like(
            np.zeros_like(h),
            "all zeros: that is the stub's placeholder. Go back through the two operations of the step "
            "in reverse order: first tanh (its slope at h), then the product with W_hh.",
        ),
        like(dh @ W.T, "you left out tanh's slope: multiply dh by (1 - h**2) before the matrix product."),
        like(
            da @ W,
            "the product goes the wrong way round: with row vectors (h_prev @ W_hh) the gradient "
            "comes back through the transpose, da @ W_hh.T (or W_hh @ da).",
        ),
        like(
            (dh * (1 - np.tanh(h) ** 2)) @ W.T,
            "tanh'(a) = 1 - tanh(a)**2 = 1 - h**2: h is already tanh(a), do not apply tanh again.",
        ),
        like(
            (dh * (1 - h) ** 2) @ W.T,
            "(1 - h)**2 squares the difference; tanh's slope is 1 - h**2: square h first.",
        ),
        like(
            da,
            "you stopped at da = dh * (1 - h**2), the gradient before tanh at this step. Carry it "
            "back through the product to h_prev: " + _STEP_RIGHT + ".",
        ),
        like(
            (dh @ W.T) * slope,
            "the slope is applied after the product: (1 - h**2) belongs to this step's "
            "h, so multiply dh by it first, then @ W_hh.T.",
        ),
        like(
            (dh @ W) * slope,
            "the Jacobian is applied on the wrong side: (1 - h**2) comes first and W_hh "
            "is transposed, " + _STEP_RIGHT + ".",
        ),
        like((dh * h * (1 - h)) @ W.T, "h * (1 - h) is the sigmoid's slope; tanh's is 1 - h**2."),
        like((dh * (1 + h**2)) @ W.T, "tanh's slope is 1 - h**2, with a minus."),
        like((da @ W.T) * slope, "(1 - h**2) is applied twice: once, before the product, is enough."),
        like(slope @ W.T, "dh is missing: multiply dh by (1 - h**2), then @ W_hh.T."),
        like((dh * (1 - h)) @ W.T, "1 - h is not tanh's slope: it is 1 - h**2."),
        like((dh - h**2) @ W.T, "dh * 1 - h**2 is (dh) - h**2, as * binds tighter than -: write "
                                "dh * (1 - h**2)."),
        (
            lambda g: g.shape == W.shape,
            "a [d_h, d_h] matrix: * with W_hh broadcasts; use @ for the matrix product, " + _STEP_RIGHT + ".",
        ),
    ]


def check_rnn_step_backward(fn, *, seed=0) -> CheckResult:
    """``fn(h, W_hh, dh) -> dh_prev`` for ``h = tanh(x W_xh + h_prev W_hh + b)``; shapes [d_h]."""
    bad = expect_function(_STEP, fn, "check_rnn_step_backward(my_rnn_step_backward)")
    if bad is not None:
        return bad
    rng = np.random.default_rng(seed)
    d_in, d_h = 3, 4
    x, h_prev, dh = rng.normal(size=d_in), rng.normal(size=d_h), rng.normal(size=d_h)
    W_xh, W_hh, b = rng.normal(size=(d_in, d_h)), rng.normal(size=(d_h, d_h)) * 0.6, rng.normal(size=d_h)

    def step():
        return float(np.tanh(x @ W_xh + h_prev @ W_hh + b) @ dh)

    h = np.tanh(x @ W_xh + h_prev @ W_hh + b)
    expected = numerical_gradient(step, h_prev)
    got, err = call_learner(
        _STEP,
        fn,
        h.copy(),
        W_hh.copy(),
        dh.copy(),
        params="(h, W_hh, dh)",
        product="Here h and dh are [d_h] rows and W_hh is [d_h, d_h]: (dh * (1 - h**2)) @ W_hh.T.",
    )
    if err is not None:
        return err
    return check_array(
        _STEP,
        got,
        expected,
        rtol=RTOL,
        atol=ATOL,
        hints=_step_hints(h, W_hh, dh) + [unused_hint(fn, (h, W_hh, dh), ["h", "W_hh", "dh"], shape=h.shape,
                                                      then=_STEP_RECIPE)],
        recipe=_STEP_RECIPE,
        exact_shape=True,
    )


def check_race_prediction(winner_at_1, winner_at_16) -> CheckResult:
    """Predict the better model at 1 pair and at 16 pairs: "rnn", "attention" or "tie" (any letter case).

    Both answers are judged at once: when both are wrong, one line explains each.
    """
    options = ["rnn", "attention", "tie"]
    first = check_choice(
        "winner at 1 pair",
        winner_at_1,
        "tie",
        "With one pair the RNN only has to carry one value from the step before the "
        "query: both models reach 1.00.",
        options,
    )
    second = check_choice(
        "winner at 16 pairs",
        winner_at_16,
        "attention",
        "The attention layer compares the query's key with every pair's key and reads the "
        "matching value directly. The RNN must carry all 16 pairs in its 32 numbers until "
        "the query comes, and in the race it scores far below attention.",
        options,
    )
    if not first and not second and first.message.startswith("not") and second.message.startswith("not"):
        both = f"at 1 pair: {first.message} At 16 pairs: {second.message}"
        return CheckResult("race prediction", False, both)
    if not first:
        return first
    if not second:
        return second
    return CheckResult(
        "race prediction", True, "correct: a tie at 1 pair, attention at 16 (see the race figure)."
    )
