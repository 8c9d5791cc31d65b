"""helpers.core._validate: the one check for counts, and every public compute function's array checks.

A learner who passes the wrong thing (a vector where a matrix belongs, a NaN from a broken cell, a
matrix of the wrong size) must learn from the message which argument it was and what shape it has,
not meet a traceback from inside numpy. One table drives the whole boundary: for each function and
each of its array arguments, the test breaks that argument alone and reads the message.
"""

import re

import numpy as np
import pytest

from helpers.core import attention, block, multi_head, rnn, rnn_analysis
from helpers.core._validate import as_count
from tests.support.core import D_FF, D_H, D_IN, D_K, D_V, H_HEADS, RNG, RNN_ARGS, T, a
from tests.support.messages import mentions


@pytest.mark.parametrize(("value", "kwargs", "message"), [
    (2.5, {}, "n must be a whole number (an int) of at least 1; got 2.5, a float."),
    (3.0, {"maximum": 32}, "n must be a whole number (an int) in 1..32; got 3.0, a float."),
    ("3", {"minimum": None}, "n must be a whole number (an int); got '3', a str."),
    (np.True_, {"minimum": 0}, "n must be a whole number (an int) of at least 0; got np.True_, a bool."),
    (0, {}, "n must be at least 1; got 0."),
    (33, {"maximum": 32}, "n must be in 1..32; got 33."),
])
def test_a_refused_count_says_what_a_count_is_and_what_was_given(value, kwargs, message):
    with pytest.raises(ValueError) as err:
        as_count(value, "n", **kwargs)
    assert str(err.value) == message


def test_a_count_comes_back_as_a_python_int():
    for value in (3, np.int64(3), np.uint8(3)):
        out = as_count(value, "n", maximum=3)
        assert out == 3 and type(out) is int
    assert as_count(-5, "n", minimum=None) == -5  # the range is the caller's to check

# function, its valid keyword arguments, the array arguments it must name when one is broken
CASES = {
    "rnn_forward": (rnn.rnn_forward, RNN_ARGS, ["X", "W_xh", "W_hh", "b_h"]),
    "hidden_influence": (rnn_analysis.hidden_influence, RNN_ARGS, ["X", "W_xh", "W_hh", "b_h"]),
    "batched_rnn_forward": (
        rnn_analysis.batched_rnn_forward,
        {**RNN_ARGS, "X": a(2, T, D_IN)},
        ["X", "W_xh", "W_hh", "b_h"],
    ),
    "step_jacobian": (rnn_analysis.step_jacobian, {"h_t": a(D_H), "W_hh": a(D_H, D_H)}, ["h_t", "W_hh"]),
    "jacobian_product": (
        rnn_analysis.jacobian_product,
        {"H": np.tanh(a(T, D_H)), "W_hh": a(D_H, D_H), "s": 0, "t": T - 1},
        ["H", "W_hh"],
    ),
    "feed_forward": (
        block.feed_forward,
        {"X": a(T, D_IN), "W_1": a(D_IN, D_FF), "b_1": a(D_FF), "W_2": a(D_FF, D_IN), "b_2": a(D_IN)},
        ["W_1", "b_1", "W_2", "b_2"],
    ),
    "qkv_self_attention": (
        attention.qkv_self_attention,
        {"X": a(T, D_IN), "W_q": a(D_IN, D_K), "W_k": a(D_IN, D_K), "W_v": a(D_IN, D_V)},
        ["X", "W_q", "W_k", "W_v"],
    ),
    "multi_head_attention": (
        multi_head.multi_head_attention,
        {
            "X": a(T, D_IN),
            "W_q": a(H_HEADS, D_IN, D_K),
            "W_k": a(H_HEADS, D_IN, D_K),
            "W_v": a(H_HEADS, D_IN, D_V),
            "W_o": a(H_HEADS * D_V, D_IN),
        },
        ["W_q", "W_k", "W_v", "W_o"],
    ),
}


def _shape_text(shape):
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


PARAMS = [(fn, arg) for fn, (_f, _kw, args) in CASES.items() for arg in args]


@pytest.mark.parametrize(("fn", "arg"), PARAMS, ids=[f"{f}-{a}" for f, a in PARAMS])
def test_valid_input_runs(fn, arg):
    f, kwargs, _ = CASES[fn]
    out = f(**kwargs)
    assert np.all(np.isfinite(np.asarray(out[0] if isinstance(out, tuple) else out)))


@pytest.mark.parametrize(("fn", "arg"), PARAMS, ids=[f"{f}-{a}" for f, a in PARAMS])
def test_an_extra_axis_is_refused_naming_the_argument_and_its_shape(fn, arg):
    f, kwargs, _ = CASES[fn]
    bad = np.asarray(kwargs[arg])[None]  # one axis too many, as from a batch of one
    with pytest.raises(ValueError) as err:
        f(**{**kwargs, arg: bad})
    message = str(err.value)
    assert mentions(message, arg), message
    assert _shape_text(bad.shape) in message, message


@pytest.mark.parametrize(("fn", "arg"), PARAMS, ids=[f"{f}-{a}" for f, a in PARAMS])
def test_a_nan_is_refused_naming_the_argument(fn, arg):
    f, kwargs, _ = CASES[fn]
    bad = np.array(kwargs[arg], dtype=float)
    bad.flat[-1] = np.nan
    with pytest.raises(ValueError) as err:
        f(**{**kwargs, arg: bad})
    message = str(err.value)
    assert mentions(message, arg), message
    assert "NaN" in message, message


@pytest.mark.parametrize(("fn", "arg"), PARAMS, ids=[f"{f}-{a}" for f, a in PARAMS])
def test_text_is_refused_naming_the_argument(fn, arg):
    f, kwargs, _ = CASES[fn]
    with pytest.raises(ValueError) as err:
        f(**{**kwargs, arg: [["one", "two"]]})
    assert mentions(str(err.value), arg), str(err.value)


@pytest.mark.parametrize(
    ("fn", "arg", "bad_shape", "sizes"),
    [
        ("rnn_forward", "W_xh", (D_IN + 1, D_H), [D_IN + 1, D_IN]),  # rows must match X's width
        ("rnn_forward", "W_hh", (D_H, D_H + 1), [D_H, D_H + 1]),  # square, d_h from W_xh
        ("rnn_forward", "b_h", (D_H + 2,), [D_H, D_H + 2]),
        ("step_jacobian", "W_hh", (D_H, D_H + 1), [D_H, D_H + 1]),
        ("step_jacobian", "h_t", (D_H + 1,), [D_H + 1, D_H]),
        ("jacobian_product", "H", (T, D_H + 1), [D_H + 1, D_H]),
        ("feed_forward", "W_2", (D_FF, D_IN + 1), [D_FF, D_IN + 1]),
        ("feed_forward", "b_1", (D_FF + 1,), [D_FF + 1]),
        ("qkv_self_attention", "W_k", (D_IN, D_K + 1), [D_K, D_K + 1]),
        ("qkv_self_attention", "W_v", (D_IN + 1, D_V), [D_IN + 1, D_IN]),
        ("multi_head_attention", "W_k", (H_HEADS, D_IN, D_K + 1), [D_K, D_K + 1]),
        ("multi_head_attention", "W_v", (H_HEADS + 1, D_IN, D_V), [H_HEADS, H_HEADS + 1]),
        ("multi_head_attention", "W_o", (H_HEADS * D_V + 1, D_IN), [H_HEADS * D_V, H_HEADS * D_V + 1]),
    ],
)
def test_a_size_mismatch_names_the_argument_and_both_sizes(fn, arg, bad_shape, sizes):
    f, kwargs, _ = CASES[fn]
    with pytest.raises(ValueError) as err:
        f(**{**kwargs, arg: RNG.normal(size=bad_shape)})
    message = str(err.value)
    assert mentions(message, arg), message
    found = [int(n) for n in re.findall(r"\d+", message)]
    for n in sizes:
        assert n in found, (n, message)
