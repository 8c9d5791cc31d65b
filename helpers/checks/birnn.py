"""Exercise checks for notebook 02 (the bidirectional RNN): say PASS, or explain the most likely mistake.

The Bi-RNN check runs the learner's function on its own data and compares with
:func:`helpers.core.rnn.birnn_forward`; each hint is what one common slip computes on that data.
"""

from __future__ import annotations

import numpy as np

from ..core.rnn import birnn_forward, init_rnn, rnn_forward
from .base import CheckResult, check_array
from .learner import ATOL, RTOL, call_learner, expect_answer, expect_function, like, unused_hint

__all__ = ["check_birnn", "check_backward_mask"]


def _birnn_data():
    rng = np.random.default_rng(21)
    X = rng.normal(size=(5, 3))
    return X, init_rnn(3, 4, rng, radius=0.9), init_rnn(3, 4, rng, radius=0.9)


def _birnn_hints(X, fwd, bwd):
    H_f, H_b_rev = rnn_forward(X, *fwd), rnn_forward(X[::-1], *bwd)
    H_b = H_b_rev[::-1]
    both = "each word's row needs both halves side by side, np.hstack([forward, backward]): [T, 2 d_h]"
    return [
        like(
            np.zeros((len(X), 2 * H_f.shape[1])),
            "all zeros: that is the placeholder. Run one RNN each way and concatenate.",
        ),
        like(H_f, "only the forward half: concatenate the backward states as well ([T, 2 d_h])."),
        like(H_b, "only the backward half: put the forward states first, then these ([T, 2 d_h])."),
        like(
            np.hstack([H_f, H_b_rev]),
            "the backward states are still in reading order (right to left): flip "
            "them back with [::-1] so row t belongs to word t.",
        ),
        like(
            np.hstack([H_f, rnn_forward(X, *bwd)]),
            "the backward RNN must read the sentence reversed: feed it X[::-1].",
        ),
        like(
            np.hstack([H_f, rnn_forward(X[::-1], *fwd)[::-1]]),
            "you reused the forward parameters: the backward RNN has its own (W_xh, W_hh, b_h).",
        ),
        like(np.hstack([H_b, H_f]), "swap the halves: forward first, then backward."),
        like(
            np.hstack([H_f, rnn_forward(X, *bwd)[::-1]]),
            "you flipped the backward states but not its input: the backward RNN reads X[::-1], then its "
            "states are flipped back with [::-1].",
        ),
        like(
            np.hstack([rnn_forward(X, *bwd), rnn_forward(X[::-1], *fwd)[::-1]]),
            "the two parameter sets are swapped: forward reads X with the forward weights, backward reads "
            "X[::-1] with the backward weights.",
        ),
        like(
            np.vstack([H_f, H_b]),
            "you joined along the wrong axis: np.vstack stacks the halves as extra rows "
            "([2T, d_h]); " + both + " (or axis=1).",
        ),
        like(np.stack([H_f, H_b]), "you returned the two halves as a pair, [2, T, d_h]: " + both + "."),
        like(
            np.stack([H_f, H_b], axis=1),
            "np.stack adds a new axis, [T, 2, d_h]; " + both + ", which joins along an existing axis.",
        ),
        like(
            np.hstack([H_f, H_b])[::-1],
            "your rows are in reverse order: the whole output is flipped in time. Only the backward "
            "half is flipped back with [::-1]; the forward states stay in reading order, row t for word t.",
        ),
        like(H_f + H_b, "you added the two halves: concatenate them instead, so " + both + "."),
        like((H_f + H_b) / 2, "you averaged the two halves: concatenate them instead, so " + both + "."),
        like(
            np.hstack([H_f, rnn_forward(X[::-1, ::-1], *bwd)[::-1]]),
            "np.flip(X) without an axis flips the features too: reverse the words only, X[::-1] (or "
            "np.flip(X, axis=0)).",
        ),
        like(
            np.hstack([H_f, rnn_forward(X[:, ::-1], *bwd)]),
            "X[:, ::-1] reverses the features of each word; "
            "the backward RNN reads the words in reverse "
            "order, X[::-1].",
        ),
        like(
            np.hstack([H_f, rnn_forward(X[:, ::-1], *bwd)[:, ::-1]]),
            "[:, ::-1] reverses features, not words: use X[::-1] for the input and [::-1] on its states.",
        ),
        like(
            np.hstack([H_f, H_b_rev[:, ::-1]]),
            "[:, ::-1] reverses each state's numbers; flip the rows (words) back with [::-1].",
        ),
        like(
            np.hstack([rnn_forward(X[::-1], *fwd)[::-1], H_b]),
            "the forward RNN reads the sentence as it is, left to right: only the backward one gets X[::-1].",
        ),
    ]


def check_birnn(birnn) -> CheckResult:
    """Check ``birnn(X, forward, backward) -> [T, 2 d_h]`` built from :func:`helpers.core.rnn.rnn_forward`."""
    name = "bidirectional RNN"
    bad = expect_function(name, birnn, "check_birnn(my_birnn)")
    if bad is not None:
        return bad
    X, fwd, bwd = _birnn_data()
    expected = birnn_forward(X, fwd, bwd)
    got, err = call_learner(
        name,
        birnn,
        X,
        fwd,
        bwd,
        params="(X, forward, backward)",
        product="Here rnn_forward(X, *forward) takes X [T, d_in] and gives [T, d_h].",
    )
    if err is not None:
        return err
    recipe = ("Forward states rnn_forward(X, *forward); backward rnn_forward(X[::-1], *backward)[::-1]; then "
              "np.hstack.")
    names = ["X", "forward", "backward"]
    unused = unused_hint(birnn, (X, fwd, bwd), names, shape=expected.shape, then=recipe)
    return check_array(
        name,
        got,
        expected,
        rtol=RTOL,
        atol=ATOL,
        hints=_birnn_hints(X, fwd, bwd) + [unused],
        exact_shape=True,
        recipe=recipe,
    )


def check_backward_mask(mask, T) -> CheckResult:
    """Check a [T, T] boolean: True where the backward state at t can depend on word s (0/1 count too)."""
    name = "backward influence pattern"
    bad = expect_answer(name, mask, f"the [T, T] = [{T}, {T}] mask", "np.zeros((T, T), dtype=bool)")
    if bad is not None:
        return bad
    ones = np.ones((T, T), dtype=bool)
    expected, lower = np.triu(ones), np.tril(ones)
    order = (
        "row t and column s count positions from the left of the sentence, not in the backward RNN's "
        "reading order: row t is True in columns t to T - 1."
    )
    hints = [
        like(~ones, "all False: that is the placeholder. Mark which words the backward RNN has read."),
        like(
            lower,
            "that is the forward RNN's pattern (lower triangle): the backward RNN has read words t..T-1.",
        ),
        like(
            np.triu(ones, 1), "almost: the state at t has also read word t itself, so include the diagonal."
        ),
        like(
            ones,
            "all True: that is the concatenated Bi-RNN; the backward half alone has not read the words "
            "before t.",
        ),
        like(
            np.eye(T),
            "only the diagonal: the backward state at t has read word t and every word after it, "
            "so row t is True in columns t to T - 1.",
        ),
        like(
            np.tril(ones, -1),
            "the lower triangle without the diagonal: the backward state at t has read word "
            "t and the words after it, so row t is True in columns t to T - 1.",
        ),
        like(np.triu(ones, -1), "one diagonal too many: the backward state at t has not read word t - 1."),
        like(expected[::-1], order),
        like(expected[:, ::-1], order),
        like(lower[::-1], order),
        like(lower[:, ::-1], order),
    ]
    hints += [  # a pattern the hints above do not name: say which side is off
        (
            lambda g: g.ndim == 2 and g.shape != (T, T),
            lambda g: f"the mask for T = {T} words has shape ({T}, {T}), one row and one column per word; "
            f"yours has shape {g.shape}. Build it from T itself, not from a fixed size.",
        ),
        (
            lambda g: g.shape == expected.shape and not (g.astype(bool) & ~expected).any(),
            "every True is in the right place, but some are missing: row t is True in every column from t "
            "to T - 1 (word t itself and all the words after it).",
        ),
        (
            lambda g: g.shape == expected.shape and (g.astype(bool) & ~expected).any(),
            "some entries left of the diagonal are True: the backward state at t has not read the words "
            "before t. Row t is True in columns t to T - 1 only.",
        ),
    ]
    return check_array(
        name,
        mask,
        expected,
        hints=hints,
        recipe="Row t (code index) is True in columns t to T - 1 and False before.",
    )
