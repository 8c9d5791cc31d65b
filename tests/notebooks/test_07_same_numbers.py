"""This notebook prints the same strings with two BLAS threads (it trains nothing, so one run;
`make test-slow`, not `make test`: nothing here is chaotic, and strict nbval already runs it once)."""

import pytest

from tests.notebooks.same_numbers import make_tests

pytestmark = pytest.mark.slow

nudged_run, test_cell_prints_the_same_after_a_nudge = make_tests("07_toward_the_transformer", 1)
