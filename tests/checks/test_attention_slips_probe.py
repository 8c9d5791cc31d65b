"""check_weights_for_I and check_scaled_attention (notebooks 03, 04): sign, order, a missing weighting."""

import numpy as np
import pytest

from helpers.checks.attention import check_scaled_attention, check_weights_for_I, exercise_vectors
from tests.reference import numpy_attention, numpy_softmax

from .slips_probe_support import accepted, refused

_, X = exercise_vectors()
S = X @ X[0]  # the scores of "I"
W = numpy_softmax(S)


def test_exp_of_minus_the_scores_is_a_flipped_sign():
    refused(check_weights_for_I(numpy_softmax(-S)), "sign is flipped", "exp(-s)")
    refused(check_weights_for_I(np.round(np.exp(-S) / np.exp(-S).sum(), 2)), "sign is flipped")


def test_weights_in_another_order_name_the_word_order():
    refused(check_weights_for_I(W[::-1]), "reversed", '"I", "go", "home"')
    refused(check_weights_for_I(W[[1, 0, 2]]), "wrong places", '"I", "go", "home"')


def test_a_word_left_out_of_the_sum_is_named():
    refused(check_weights_for_I(np.r_[numpy_softmax(S[:2]), 0.0]), "weight is 0", "3 scores")
    refused(check_weights_for_I([0.0, 0.15, 0.85]), "weight is 0")


def test_typed_weights_as_one_row_or_column_still_count():
    accepted(check_weights_for_I([list(np.round(W, 2))]))
    accepted(check_weights_for_I(W[:, None]))


OLD_V = np.random.default_rng(2).normal(size=(3, 5))  # values of an earlier cell


def test_the_plain_mean_of_the_values_is_named():
    refused(check_scaled_attention(lambda Q, K, V: np.repeat(V.mean(axis=0, keepdims=True), len(Q), axis=0)),
            "plain average of the values", "weights @ V")


def test_an_extra_axis_is_refused():
    refused(check_scaled_attention(lambda Q, K, V: numpy_attention(Q, K, V)[None]), "(1, 2, 5)", "(2, 5)",
            "numbers are right")


def test_values_of_an_earlier_cell_are_named():
    earlier_V = lambda Q, K, V: numpy_attention(Q, K, OLD_V)  # noqa: E731
    refused(check_scaled_attention(earlier_V), "whatever V", "earlier cell")


RIGHT = {
    "reference": numpy_attention,
    "with weights": lambda Q, K, V: (numpy_attention(Q, K, V), numpy_softmax(Q @ K.T / 2.0)),
    "float32": lambda Q, K, V: numpy_attention(Q, K, V).astype(np.float32),
    "einsum": lambda Q, K, V: np.einsum("qk,kv->qv", numpy_softmax(np.einsum("qd,kd->qk", Q, K) / 2.0), V),
}


@pytest.mark.parametrize("key", RIGHT)
def test_right_answers_pass(key):
    accepted(check_scaled_attention(RIGHT[key]))
