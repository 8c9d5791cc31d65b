"""Notebook 07, section 5: a stack of random blocks with and without the residual (docs/CLAIMS.md).

"Without the residual two blocks make the words practically alike; with it the spread falls more
slowly, and after 16 of these random post-norm blocks it too is near 0: the residual delays the
collapse, it does not prevent it. Attention's averaging is what collapses them so fast: when each
word reads only itself (the control), the spread after two blocks stays far from 0."
Stacks 5-14 (the notebook shows 0-4), three sentences, 1, 2 or 4 heads.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers.lessons import transformer as lt

STACK_SEEDS = range(5, 15)
SENTENCES = ["I go home", "the cat saw the dog", "we go home now"]


def _median(sentence, n_heads, **switches):
    return np.median(lt.stack_spread(sentence.split(), 16, STACK_SEEDS, n_heads=n_heads, **switches), axis=0)


@pytest.mark.parametrize("n_heads", [1, 2, 4])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_the_residual_slows_the_collapse_and_does_not_prevent_it(sentence, n_heads):
    off, on = _median(sentence, n_heads, residual=False), _median(sentence, n_heads, residual=True)
    assert off[2] < 0.05  # without it: practically alike after two blocks (measured 0.0003-0.006)
    assert on[2] > 0.3 and on[4] > 0.2  # with it: far apart after 2 and 4 blocks (measured >= 0.24)
    assert on[16] < 0.05  # ... and practically alike after 16 (measured 0.006-0.015): delayed, not prevented


@pytest.mark.parametrize("n_heads", [1, 2, 4])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_attentions_averaging_is_what_collapses_the_stack_without_the_residual(sentence, n_heads):
    # Negative control of the mechanism: the same blocks without the residual, but each word reads
    # only itself (attention averages nothing). The collapse check of the test above fails there.
    alone = _median(sentence, n_heads, residual=False, self_only=True)
    assert alone[2] > 0.3  # measured 0.39-0.60, against below 0.01 with the averaging
    assert alone[16] < alone[2]  # the rest of these random blocks also pulls the words together, slowly


def test_self_only_changes_only_the_mask():
    # Same seeds, same weights: with one word the mask allows the same single key, so nothing changes.
    one = lt.stack_spread(["home"], 3, [0], residual=False)
    assert np.array_equal(one, lt.stack_spread(["home"], 3, [0], residual=False, self_only=True))
    two = lt.stack_spread(["I", "go"], 3, [0], residual=False)
    assert not np.array_equal(two, lt.stack_spread(["I", "go"], 3, [0], residual=False, self_only=True))
