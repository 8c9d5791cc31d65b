"""Exercise checks of notebook 05: the softmax backward, one RNN step's gradient, the race.

Each check runs the learner's function on several random inputs and compares it with central
finite differences of the forward pass (an independent computation), then names the likely
mistake when it differs.
"""

from __future__ import annotations

import numpy as np

from ..core.attention import softmax
from ..core.gradcheck import numerical_gradient
from .base import CheckResult, check_array, check_choice

__all__ = ["check_softmax_backward", "check_rnn_step_backward", "check_race_prediction"]


def _call(fn, *args):
    try:
        return fn(*args), None
    except Exception as err:  # the learner's code: report, do not crash the notebook
        return None, f"your function raised {type(err).__name__}: {err}"


def check_softmax_backward(fn, *, seed=0) -> CheckResult:
    """``fn(a, da) -> ds``: a = softmax(s) of shape [n], da = d loss / d a; return d loss / d s."""
    rng = np.random.default_rng(seed)
    for n in (3, 5, 8):
        s, da = rng.normal(size=n), rng.normal(size=n)
        a = softmax(s)
        expected = numerical_gradient(lambda s=s, da=da: float(softmax(s) @ da), s)
        got, err = _call(fn, a.copy(), da.copy())
        if err:
            return CheckResult("softmax backward", False, err)
        result = check_array("softmax backward", got, expected, rtol=1e-5, atol=1e-7, hints=[
            (lambda g, a=a, da=da: np.allclose(g, da * a * (1 - a)),
             "you kept only the diagonal of the softmax Jacobian, a_i (1 - a_i). Raising one score "
             "also lowers every other weight: subtract a_i * sum_j(a_j * da_j) instead."),
            (lambda g, da=da: np.allclose(g, da), "you passed da through unchanged: multiply by the "
                                                   "softmax Jacobian diag(a) - a a^T."),
            (lambda g, a=a, da=da: np.allclose(g, a * da), "a * da is only the first term; the weights "
                                                            "share one sum, so subtract a * (a @ da)."),
        ])
        if not result:
            return result
    return CheckResult("softmax backward", True, "correct: ds = a * (da - a @ da), on 3 random inputs.")


def check_rnn_step_backward(fn, *, seed=0) -> CheckResult:
    """``fn(h, W_hh, dh) -> dh_prev`` for ``h = tanh(x W_xh + h_prev W_hh + b)``; shapes [d_h]."""
    rng = np.random.default_rng(seed)
    d_in, d_h = 3, 4
    x, h_prev, dh = rng.normal(size=d_in), rng.normal(size=d_h), rng.normal(size=d_h)
    W_xh, W_hh, b = rng.normal(size=(d_in, d_h)), rng.normal(size=(d_h, d_h)) * 0.6, rng.normal(size=d_h)

    def step():
        return float(np.tanh(x @ W_xh + h_prev @ W_hh + b) @ dh)

    h = np.tanh(x @ W_xh + h_prev @ W_hh + b)
    expected = numerical_gradient(step, h_prev)
    got, err = _call(fn, h.copy(), W_hh.copy(), dh.copy())
    if err:
        return CheckResult("one RNN step backward", False, err)
    return check_array("one RNN step backward", got, expected, rtol=1e-5, atol=1e-7, hints=[
        (lambda g: np.allclose(g, dh @ W_hh.T), "you left out tanh's slope: multiply dh by (1 - h**2) "
                                                 "before the matrix product."),
        (lambda g: np.allclose(g, (dh * (1 - h**2)) @ W_hh), "use W_hh.T: with row vectors h_prev @ W_hh, "
                                                             "the gradient goes back through the transpose."),
        (lambda g: np.allclose(g, (dh * (1 - np.tanh(h) ** 2)) @ W_hh.T),
         "tanh'(a) = 1 - tanh(a)**2 = 1 - h**2: h is already tanh(a), do not apply tanh again."),
    ])


def check_race_prediction(winner_at_1, winner_at_16) -> CheckResult:
    """Predict the better model at 1 pair and at 16 pairs: "rnn", "attention" or "tie"."""
    options = ["rnn", "attention", "tie"]
    first = check_choice("winner at 1 pair", winner_at_1, "tie",
                         "With one pair the RNN only has to carry one value from the step before the "
                         "query: both models reach 1.00.", options)
    if not first:
        return first
    second = check_choice("winner at 16 pairs", winner_at_16, "attention",
                          "The RNN must squeeze 16 pairs into 32 numbers and in practice keeps about the "
                          "last one; the attention layer looks the key up directly.", options)
    if not second:
        return second
    return CheckResult("race prediction", True,
                       "correct: a tie at 1 pair, attention at 16 (see the race figure).")
