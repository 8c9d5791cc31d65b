"""The sweeps behind the claim tests: how many hypothesis examples, which seeds, one rng per seed."""

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st

SETTINGS = settings(max_examples=40, deadline=None)


seeds = st.integers(0, 2**31 - 1)


def rng_of(seed):
    """A fresh generator for one drawn seed."""
    return np.random.default_rng(seed)
