"""Notebook 07, section 6: what an RNN and attention cost (docs/CLAIMS.md, notebook 07 rows).

The counts are read off the products the code really does (tests/support/counting.py), not retyped
from the formulas; the time claim is a ratio of times measured side by side, with its control.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from helpers.core import multiply_adds, qkv_self_attention, rnn_forward, sequential_steps
from helpers.lessons.transformer_measures import time_rnn_loop
from tests.support.counting import counted_products

SIZES = list(itertools.product((1, 4, 16, 64), (2, 8, 32)))  # (T, d)


def _rnn_products(T, d, rng):
    X, W_xh, W_hh = rng.normal(size=(T, d)), rng.normal(size=(d, d)), rng.normal(size=(d, d))
    return counted_products(rnn_forward, X, W_xh, W_hh, np.zeros(d))[1]


def _attention_products(T, d, rng):
    X, (W_q, W_k, W_v) = rng.normal(size=(T, d)), (rng.normal(size=(d, d)) for _ in range(3))
    return counted_products(qkv_self_attention, X, W_q, W_k, W_v)[1]


@pytest.mark.parametrize("T,d", SIZES)
def test_the_counted_multiply_adds_are_the_products_the_code_does(T, d):
    rng = np.random.default_rng(T * 100 + d)
    rnn, att = _rnn_products(T, d, rng), _attention_products(T, d, rng)
    assert sum(p.multiply_adds for p in rnn) == multiply_adds(T, d, "rnn")
    assert sum(p.multiply_adds for p in att) == multiply_adds(T, d, "attention")


@pytest.mark.parametrize("d", [2, 8])
def test_the_rnn_needs_t_dependent_products_and_attention_a_number_independent_of_t(d):
    # "T steps one after another" for the RNN's h_{t-1} W_hh only; x_t W_xh is one product for all t.
    for T in (1, 5, 40):
        rnn = _rnn_products(T, d, np.random.default_rng(T))
        assert rnn[0] == ((T, d), (d, d), T * d * d)  # every x_t W_xh at once: half the work, not sequential
        assert [p.a for p in rnn[1:]] == [(d,)] * T  # then one state at a time: T products of [d] x [d, d]
    calls = {T: len(_attention_products(T, d, np.random.default_rng(T))) for T in (1, 5, 40, 200)}
    assert set(calls.values()) == {5} and sequential_steps(200, "attention") == 1  # the table's 1
    assert sequential_steps(40, "rnn") == sequential_steps(40, "lstm") == 40


def test_attention_does_more_than_the_tanh_rnn_and_fewer_than_an_lstm_while_t_is_below_2_5_d():
    for d in (4, 16, 32, 64, 512):
        for T in range(1, 8 * d, max(1, d // 4)):
            att, rnn, lstm = (multiply_adds(T, d, m) for m in ("attention", "rnn", "lstm"))
            assert att > rnn
            assert (att < lstm) == (2 * T < 5 * d)  # 3Td² + 2T²d < 8Td²  <=>  T < 2.5 d
    d = 3  # the LSTM count against a loop over its 4 gates, each x_t W (d x d) and h_{t-1} U (d x d)
    assert multiply_adds(5, d, "lstm") == sum(2 * d * d for _t in range(5) for _gate in range(4))


def test_the_rnn_loops_time_here_is_the_cost_per_call_not_the_waiting():
    # Section 6: on a CPU with numpy the chain takes about as long as the same steps with no
    # dependency, and the same multiply-adds as one product take a small fraction of it.
    rng = np.random.default_rng(0)
    small, tiny = time_rnn_loop([256], 32, rng, repeats=9), time_rnn_loop([256], 8, rng, repeats=9)
    chain = small.chain[0]
    assert 0.5 < small.separate[0] / chain < 2.0, small  # measured 0.75-0.9: the waiting costs nothing here
    assert small.one_product[0] < chain / 4, small  # measured about 1/14: one call instead of 256
    assert chain / tiny.chain[0] < 2.0, (small, tiny)  # a fixed cost per step: d = 8 or 32, the same time
    # Negative control: where each step has real arithmetic (d = 512), the time per step is no longer
    # the fixed cost of a call: the same comparison with d = 8 fails by far (measured about 20x).
    big = time_rnn_loop([32], 512, rng, repeats=5)
    assert (big.chain[0] / 32) / (tiny.chain[0] / 256) > 5.0, (big, tiny)

