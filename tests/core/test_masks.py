"""The causal and padding masks (helpers.core.masks) against loops; sizes that cannot be named."""


import pytest

from helpers.core.masks import causal_mask, padding_mask


@pytest.mark.parametrize(("lengths", "T", "name"), [([2, 0], None, "length"), ([2, 1], 0, "T")])
def test_padding_mask_names_the_size_that_is_too_small(lengths, T, name):
    from helpers.core.masks import padding_mask

    with pytest.raises(ValueError) as err:
        padding_mask(lengths, T)
    assert name in str(err.value).split() and "at least 1" in str(err.value), str(err.value)


@pytest.mark.parametrize("T", [1, 2, 5, 9])
def test_causal_mask_matches_loop(T):
    m = causal_mask(T)
    assert m.dtype == bool and m.shape == (T, T)
    for i in range(T):
        for j in range(T):
            assert m[i, j] == (j <= i)


@pytest.mark.parametrize("bad", [0, -1, 2.5, "3", True])
def test_causal_mask_rejects_bad_T(bad):
    with pytest.raises(ValueError, match="T"):
        causal_mask(bad)


def test_padding_mask_matches_loop():
    m = padding_mask([3, 1, 2], T=4)
    assert m.shape == (3, 4, 4) and m.dtype == bool
    for n, L in enumerate([3, 1, 2]):
        for i in range(4):
            for j in range(4):
                assert m[n, i, j] == (j < L)
    assert padding_mask([2, 3]).shape == (2, 3, 3)
    with pytest.raises(ValueError, match="4"):
        padding_mask([4], T=3)
    with pytest.raises(ValueError, match="at least 1"):
        padding_mask([0, 2])
