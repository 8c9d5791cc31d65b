"""helpers.core.compute_cost (compute cost, not loss): operation and step counts against loops, and timing."""

import itertools

import numpy as np
import pytest

from helpers.core.compute_cost import multiply_adds, sequential_steps, time_rnn_vs_attention


def counted_rnn(T, d):  # multiply-adds of h_t = tanh(x_t W_xh + h_{t-1} W_hh), counted one by one
    count = 0
    for _t in range(T):
        for _j in range(d):
            for _i in range(d):
                count += 2  # x_t[i] * W_xh[i, j] and h[i] * W_hh[i, j]
    return count


def counted_attention(T, d):
    count = 3 * T * d * d  # three maps: for each token and output column, d products
    for _i in range(T):
        for _j in range(T):
            count += d  # score q_i . k_j
            count += d  # weight_ij * v_j into out_i
    return count


@pytest.mark.parametrize("T,d", list(itertools.product((1, 2, 5, 16), (1, 3, 8))))
def test_counts_match_loops(T, d):
    assert multiply_adds(T, d, "rnn") == counted_rnn(T, d)
    assert multiply_adds(T, d, "attention") == counted_attention(T, d)
    assert sequential_steps(T, "rnn") == T and sequential_steps(T, "attention") == 1


def test_attention_always_costs_more_operations_than_the_rnn():
    for d in (4, 16, 64):
        for T in (1, d, 2 * d, 16 * d):
            more = multiply_adds(T, d, "attention") > multiply_adds(T, d, "rnn")
            assert more  # 3Td^2 + 2T^2d > 2Td^2 always, by at least Td^2
        assert multiply_adds(1024, d, "attention") == 3 * 1024 * d * d + 2 * 1024**2 * d


def test_cost_inputs_checked_and_timing_shapes():
    with pytest.raises(ValueError, match="model"):
        multiply_adds(4, 4, "cnn")
    with pytest.raises(ValueError, match="T"):
        sequential_steps(0, "rnn")
    t = time_rnn_vs_attention([4, 8], 4, np.random.default_rng(0), repeats=1)
    assert list(t.T) == [4, 8] and np.all(t.rnn_seconds > 0) and np.all(t.attention_seconds > 0)
