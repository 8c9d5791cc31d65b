"""check_context and check_reversal_alignment (notebook 06): typed answers keep their leniency.

A context rounded to one decimal and an alignment of the wrong length get their own hint; a typed
vector written as one row or one column still counts (it is typed, not returned by a function).
"""

import numpy as np

from helpers.checks.translation import check_context, check_reversal_alignment
from helpers.lessons.translation_experiments import CONTEXT_EXERCISE
from tests.reference import numpy_softmax

from .slips_probe_support import accepted, refused

s, H = CONTEXT_EXERCISE["s"], CONTEXT_EXERCISE["H"]
scores = H @ s / np.sqrt(len(s))
weights = numpy_softmax(scores)
CONTEXT = weights @ H


def test_a_context_rounded_to_one_decimal_is_named():
    assert not np.allclose(np.round(CONTEXT, 1), CONTEXT, atol=0.01)  # the slip is more than rounding
    refused(check_context(np.round(CONTEXT, 1)), "one decimal")
    refused(check_context([float(f"{v:.1f}") for v in CONTEXT]), "one decimal")


def test_a_typed_context_as_a_row_or_column_counts():
    accepted(check_context([list(np.round(CONTEXT, 2))]))
    accepted(check_context(CONTEXT[:, None]))


def test_an_alignment_of_the_wrong_length_counts_the_characters():
    refused(check_reversal_alignment([4, 3, 2, 1]), "you gave 4 positions", "5 output characters")
    refused(check_reversal_alignment([4, 3, 2, 1, 0, 0]), "you gave 6 positions")
    accepted(check_reversal_alignment([[4, 3, 2, 1, 0]]))
    accepted(check_reversal_alignment(range(4, -1, -1)))
