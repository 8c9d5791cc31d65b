"""What a bad-input message must say: the argument's name, the values at fault, in plain words."""

import re

import pytest

from tests.drawn import plain_text


def mentions(message, name):
    """The argument's name appears as a word of its own, spelled exactly (W_hh, not w_hh or W_HH)."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", message) is not None


def raises_naming(fn, *args, names=(), **kwargs):
    """fn(...) raises ValueError whose message contains every string in ``names``."""
    with pytest.raises(ValueError) as err:
        fn(*args, **kwargs)
    for n in names:
        assert str(n) in str(err.value), (n, str(err.value))
    return plain_text(str(err.value))
