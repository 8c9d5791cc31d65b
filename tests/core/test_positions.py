"""Sinusoidal positions (helpers.core.positions) against a loop; the offset property; bad sizes named."""

import itertools
import math
import re

import numpy as np
import pytest

from helpers.core import positions
from helpers.core.positions import sinusoidal_positions
from tests.support.messages import mentions


@pytest.mark.parametrize(("arg", "value", "needle"),
                         [("T", 0, "at least 1"), ("d", 0, "at least 1"), ("T", 2.5, "whole number"),
                          ("d", True, "whole number")])
def test_position_sizes_must_be_whole_and_positive(arg, value, needle):
    with pytest.raises(ValueError) as err:
        positions.sinusoidal_positions(**{"T": 3, "d": 4, arg: value})
    assert mentions(str(err.value), arg) and needle in str(err.value), str(err.value)


@pytest.mark.parametrize("d", [3, 7])
def test_an_odd_position_width_suggests_the_even_neighbours(d):
    with pytest.raises(ValueError) as err:
        positions.sinusoidal_positions(2, d)
    numbers = {int(n) for n in re.findall(r"\d+", str(err.value))}
    assert {d - 1, d, d + 1} <= numbers and not numbers & {d - 2, d + 2}, str(err.value)


def test_the_smallest_positions_and_base_are_accepted():
    assert positions.sinusoidal_positions(1, 2).tolist() == [[0.0, 1.0]]  # sin 0, cos 0
    assert np.isfinite(positions.sinusoidal_positions(3, 2, base=1.5)).all()
    for base in (1.0, 0.5, np.inf):
        with pytest.raises(ValueError, match="base"):
            positions.sinusoidal_positions(3, 2, base=base)


@pytest.mark.parametrize("T,d,base", [(1, 2, 10000.0), (5, 4, 10000.0), (12, 8, 100.0), (7, 6, 3.0)])
def test_sinusoidal_positions_match_loop(T, d, base):
    P = sinusoidal_positions(T, d, base=base)
    for t in range(T):
        for i in range(d // 2):
            w = base ** (-2 * i / d)
            assert P[t, 2 * i] == pytest.approx(math.sin(t * w), abs=1e-12)
            assert P[t, 2 * i + 1] == pytest.approx(math.cos(t * w), abs=1e-12)


@pytest.mark.parametrize("d", [1, 3, 5, 9])
def test_odd_width_raises(d):
    with pytest.raises(ValueError, match=f"d = {d}"):
        sinusoidal_positions(4, d)


@pytest.mark.parametrize("base", [1.0, 0.5, np.inf])
def test_bad_base_raises(base):
    with pytest.raises(ValueError, match="base"):
        sinusoidal_positions(4, 4, base=base)


@pytest.mark.parametrize("T,d,base", list(itertools.product((3, 10, 40), (2, 4, 8, 16), (100.0, 10000.0))))
def test_position_dot_product_depends_only_on_offset(T, d, base):
    P = sinusoidal_positions(T, d, base=base)
    G = P @ P.T  # [T, T]
    freqs = base ** (-np.arange(0, d, 2) / d)
    for t in range(T):
        for s in range(T):
            assert G[t, s] == pytest.approx(np.sum(np.cos((t - s) * freqs)), abs=1e-9)
    # the same offset gives the same dot product anywhere in the sentence
    for k in range(T):
        assert np.allclose(np.diagonal(G, k), G[k, 0], atol=1e-9)
