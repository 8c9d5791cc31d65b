"""Notebook 06 section 7 and Summary: an RNN encoder takes T sequential steps; an attention layer takes
a constant number, independent of T (docs/CLAIMS.md).

Measured, not read off ``sequential_steps``: the lines of ``helpers.core`` a forward pass executes,
counted with ``sys.settrace``. Each line is one round of array work; the RNN's loop runs one round per
token, each on the state the round before produced, so its count grows with T. An attention layer
runs the same lines for every T, each on all T positions at once. Negative control: the RNN's count,
under the same measure, is not constant.
"""

import sys
from pathlib import Path

import numpy as np

import helpers.core as core
from helpers.core import qkv_self_attention, rnn_forward

CORE = str(Path(core.__file__).parent)


def lines_run(fn, *args) -> int:
    """How many lines of helpers.core run during ``fn(*args)``."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(CORE):
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        fn(*args)
    finally:
        sys.settrace(None)
    return count


def rounds(model, T, d=8):
    rng = np.random.default_rng(T)
    X = rng.normal(size=(T, d))
    W = [rng.normal(0, d**-0.5, (d, d)) for _ in range(3)]
    if model == "rnn":
        return lines_run(rnn_forward, X, W[0], W[1], np.zeros(d))
    return lines_run(qkv_self_attention, X, *W)


def test_an_attention_layer_runs_the_same_steps_whatever_t_and_an_rnn_one_more_per_token():
    Ts = (4, 16, 64)
    attention = [rounds("attention", T) for T in Ts]
    rnn = [rounds("rnn", T) for T in Ts]
    assert attention[0] > 0 and len(set(attention)) == 1      # independent of T
    per_token = (rnn[2] - rnn[1]) / (Ts[2] - Ts[1])
    assert per_token >= 1 and rnn[1] - rnn[0] == per_token * (Ts[1] - Ts[0])  # linear in T
    assert len(set(rnn)) == 3                                 # negative control: grows with T
