"""helpers.core._validate.as_count: the one check for counts; its messages say what a count is."""

import numpy as np
import pytest

from helpers.core._validate import as_count


@pytest.mark.parametrize(("value", "kwargs", "message"), [
    (2.5, {}, "n must be a whole number (an int) of at least 1; got 2.5, a float."),
    (3.0, {"maximum": 32}, "n must be a whole number (an int) in 1..32; got 3.0, a float."),
    ("3", {"minimum": None}, "n must be a whole number (an int); got '3', a str."),
    (np.True_, {"minimum": 0}, "n must be a whole number (an int) of at least 0; got np.True_, a bool."),
    (0, {}, "n must be at least 1; got 0."),
    (33, {"maximum": 32}, "n must be in 1..32; got 33."),
])
def test_a_refused_count_says_what_a_count_is_and_what_was_given(value, kwargs, message):
    with pytest.raises(ValueError) as err:
        as_count(value, "n", **kwargs)
    assert str(err.value) == message


def test_a_count_comes_back_as_a_python_int():
    for value in (3, np.int64(3), np.uint8(3)):
        out = as_count(value, "n", maximum=3)
        assert out == 3 and type(out) is int
    assert as_count(-5, "n", minimum=None) == -5  # the range is the caller's to check
