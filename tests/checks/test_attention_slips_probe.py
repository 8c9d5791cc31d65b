"""check_weights_for_I and check_scaled_attention (notebooks 03, 04): sign, order, a missing weighting."""

import numpy as np
import pytest

from helpers.checks.attention import check_scaled_attention, check_weights_for_I, exercise_vectors

from .slips_probe_support import accepted, refused

_, X = exercise_vectors()
S = X @ X[0]  # the scores of "I"


def soft(s):
    e = np.exp(s - np.max(s))
    return e / e.sum()


W = soft(S)


def test_exp_of_minus_the_scores_is_a_flipped_sign():
    refused(check_weights_for_I(soft(-S)), "sign is flipped", "exp(-s)")
    refused(check_weights_for_I(np.round(np.exp(-S) / np.exp(-S).sum(), 2)), "sign is flipped")


def test_weights_in_another_order_name_the_word_order():
    refused(check_weights_for_I(W[::-1]), "reversed", '"I", "go", "home"')
    refused(check_weights_for_I(W[[1, 0, 2]]), "wrong places", '"I", "go", "home"')


def test_a_word_left_out_of_the_sum_is_named():
    refused(check_weights_for_I(np.r_[soft(S[:2]), 0.0]), "weight is 0", "3 scores")
    refused(check_weights_for_I([0.0, 0.15, 0.85]), "weight is 0")


def test_typed_weights_as_one_row_or_column_still_count():
    accepted(check_weights_for_I([list(np.round(W, 2))]))
    accepted(check_weights_for_I(W[:, None]))


def attention(Q, K, V):
    return soft_rows(Q @ K.T / np.sqrt(K.shape[1])) @ V


def soft_rows(s):
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


OLD_V = np.random.default_rng(2).normal(size=(3, 5))  # values of an earlier cell


def test_the_plain_mean_of_the_values_is_named():
    refused(check_scaled_attention(lambda Q, K, V: np.repeat(V.mean(axis=0, keepdims=True), len(Q), axis=0)),
            "plain average of the values", "weights @ V")


def test_an_extra_axis_is_refused():
    refused(check_scaled_attention(lambda Q, K, V: attention(Q, K, V)[None]), "(1, 2, 5)", "(2, 5)",
            "numbers are right")


def test_values_of_an_earlier_cell_are_named():
    refused(check_scaled_attention(lambda Q, K, V: attention(Q, K, OLD_V)), "whatever V", "earlier cell")


RIGHT = {
    "reference": attention,
    "with weights": lambda Q, K, V: (attention(Q, K, V), soft_rows(Q @ K.T / 2.0)),
    "float32": lambda Q, K, V: attention(Q, K, V).astype(np.float32),
    "einsum": lambda Q, K, V: np.einsum("qk,kv->qv", soft_rows(np.einsum("qd,kd->qk", Q, K) / 2.0), V),
}


@pytest.mark.parametrize("key", RIGHT)
def test_right_answers_pass(key):
    accepted(check_scaled_attention(RIGHT[key]))
