"""check_birnn and check_backward_mask (notebook 02): stacking, a flipped output, a mask of the wrong size."""

import numpy as np
import pytest

from helpers.checks.birnn import check_backward_mask, check_birnn
from helpers.core.rnn import init_rnn, rnn_forward

from .slips_probe_support import accepted, refused

OLD_BACKWARD = init_rnn(3, 4, np.random.default_rng(8), radius=0.9)  # parameters of an earlier cell


def halves(X, fw, bw):
    return rnn_forward(X, *fw), rnn_forward(X[::-1], *bw)[::-1]


def test_np_stack_adds_an_axis_and_is_named():
    refused(check_birnn(lambda X, fw, bw: np.stack(halves(X, fw, bw), axis=1)), "np.stack adds a new axis",
            "np.hstack")
    refused(check_birnn(lambda X, fw, bw: np.stack(halves(X, fw, bw), axis=-2)), "np.stack adds a new axis")


def test_the_whole_output_flipped_in_time_is_named():
    refused(check_birnn(lambda X, fw, bw: np.hstack(halves(X, fw, bw))[::-1]), "reverse order",
            "Only the backward half")


def test_a_leading_axis_or_a_pair_is_refused():
    leading = check_birnn(lambda X, fw, bw: np.hstack(halves(X, fw, bw))[None])
    refused(leading, "(1, 5, 8)", "numbers are right")
    refused(check_birnn(lambda X, fw, bw: list(halves(X, fw, bw))), "np.hstack")  # the pair: named as before


def test_backward_parameters_of_an_earlier_cell_are_named():
    refused(check_birnn(lambda X, fw, bw: np.hstack(halves(X, fw, OLD_BACKWARD))), "whatever backward",
            "earlier cell")


RIGHT = {
    "hstack": lambda X, fw, bw: np.hstack(halves(X, fw, bw)),
    "concatenate + flip": lambda X, fw, bw: np.concatenate(
        [rnn_forward(X, *fw), np.flip(rnn_forward(np.flip(X, axis=0), *bw), axis=0)], axis=-1
    ),
    "float32": lambda X, fw, bw: np.hstack(halves(X, fw, bw)).astype(np.float32),
}


@pytest.mark.parametrize("key", RIGHT)
def test_right_answers_pass(key):
    accepted(check_birnn(RIGHT[key]))


@pytest.mark.parametrize("size", [5, 7, 4])
def test_a_mask_of_another_size_names_the_size_for_t(size):
    T = 6
    refused(check_backward_mask(np.triu(np.ones((size, size), dtype=bool)), T), "T = 6", "(6, 6)",
            f"({size}, {size})")


def test_right_masks_pass():
    T = 6
    accepted(check_backward_mask(np.triu(np.ones((T, T), dtype=bool)), T))
    accepted(check_backward_mask(np.triu(np.ones((T, T), dtype=int)).tolist(), T))
