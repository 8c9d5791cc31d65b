"""check_causal_mask (notebook 07): mirrored masks and any other wrong row are described as a pattern."""

import numpy as np
import pytest

from helpers.checks.causal_mask import check_causal_mask

from .slips_probe_support import accepted, refused


def test_a_mask_mirrored_left_to_right_is_named():
    refused(check_causal_mask(lambda T: np.fliplr(np.tri(T, dtype=bool))), "mirrored left to right",
            "columns 0 to i")


def test_a_mask_mirrored_top_to_bottom_is_named():
    refused(check_causal_mask(lambda T: np.tri(T, dtype=bool)[::-1]), "mirrored top to bottom", "row 0")


def test_another_wrong_pattern_describes_the_row():
    def one_hole(T):
        m = np.tri(T, dtype=bool)
        if T > 2:
            m[2, 1] = False
        return m

    refused(check_causal_mask(one_hole), "entry (2, 1)", "Row 2 must be True in columns 0 to 2",
            "yours is True in columns [0, 2]")


@pytest.mark.parametrize(
    "fn",
    [lambda T: np.tri(T, dtype=bool), lambda T: ~np.triu(np.ones((T, T), dtype=bool), 1),
     lambda T: np.arange(T)[:, None] >= np.arange(T)[None, :]],
)
def test_right_masks_pass(fn):
    accepted(check_causal_mask(fn))
