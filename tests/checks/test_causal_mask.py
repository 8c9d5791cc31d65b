"""helpers.checks.causal_mask: notebook 07's causal mask, right in every form, each mistake with its hint."""

import numpy as np
import pytest

from helpers.checks.transformer import (
    check_causal_mask,
)
from tests.support.checks import said

# ------------------------------------------------------------------ notebook 07: mask, multi-head, puzzle


def test_causal_mask_right_and_each_mistake():
    said(check_causal_mask(lambda T: np.tri(T, dtype=bool)), "True", "T", passed=True, name="mask")
    mistakes = {
        "transposed": lambda T: np.tri(T, dtype=bool).T,
        "swapped": lambda T: ~np.tri(T, dtype=bool),
        "itself": lambda T: np.tri(T, k=-1, dtype=bool),
        "no mask": lambda T: np.ones((T, T), bool),
        "dtype": lambda T: np.tri(T),
    }
    msgs = {said(check_causal_mask(fn), key, name="mask") for key, fn in mistakes.items()}
    assert len(msgs) == len(mistakes)
    said(check_causal_mask(mistakes["swapped"]), "True", "False")
    said(check_causal_mask(mistakes["itself"]), "False", "diagonal")
    said(check_causal_mask(mistakes["no mask"]), "True")
    said(check_causal_mask(lambda T: np.tri(T).T), "transposed")  # 0/1 of the wrong pattern
    # the additive form (0 allowed, -inf or -1e9 blocked) is named, not called "True and False swapped"
    for blocked in (-np.inf, -1e9):
        additive = said(
            check_causal_mask(lambda T, b=blocked: np.where(np.tri(T, dtype=bool), 0.0, b)), "additive"
        )
        assert "swapped" not in additive
    said(check_causal_mask(lambda T: np.tri(T, dtype=int)), "int", "bool", "np.tri(T")
    said(check_causal_mask(lambda T: np.tri(T + 1, dtype=bool)), "(4, 4)", "(5, 5)")
    said(check_causal_mask(lambda T: None), "return", "None")
    said(check_causal_mask(lambda T: [][T]), "IndexError", "T = 4")
    only_four = lambda T: np.tri(4, dtype=bool)  # noqa: E731  works for the first size only
    said(check_causal_mask(only_four), "T = 1", "(1, 1)")
    said(check_causal_mask(lambda T: np.eye(T, dtype=bool)), "only the diagonal", "j <= i")
    said(check_causal_mask(lambda T: np.tri(T, k=1, dtype=bool)), "i + 1", "j <= i")
    band = said(
        check_causal_mask(lambda T: np.tri(T, dtype=bool) & ~np.tri(T, k=-2, dtype=bool)),
        "(2, 0)",
        "True",
        "query 2 may read key 0",
    )
    assert "may not" not in band
    said(
        check_causal_mask(lambda T: np.tri(T, dtype=bool) | np.eye(T, k=2, dtype=bool)),
        "(0, 2)",
        "False",
        "may not",
    )


# ------------------------------------------------------------------ 07, exercise 1: causal mask


def test_causal_mask_right_forms_pass():
    for fn in (
        lambda T: np.tri(T, dtype=bool),
        lambda T: np.tril(np.ones((T, T))) > 0,
        lambda T: np.arange(T)[:, None] >= np.arange(T)[None, :],
        lambda T: ~np.triu(np.ones((T, T), bool), 1),
        lambda T: np.tri(T, dtype=bool).tolist(),
    ):
        said(check_causal_mask(fn), passed=True, name="mask")


def test_causal_mask_check_passes_right_answers():
    for fn in (lambda T: np.tri(T, dtype=bool), lambda T: np.tril(np.ones((T, T))) > 0,
               lambda T: np.arange(T)[None, :] <= np.arange(T)[:, None]):
        assert check_causal_mask(fn).passed


@pytest.mark.parametrize(
    "fn,words",
    [(lambda T: np.triu(np.ones((T, T), bool)), "transposed"),
     (lambda T: ~np.tri(T, dtype=bool), "swapped"),
     (lambda T: np.tri(T, k=-1, dtype=bool), "diagonal"),
     (lambda T: np.ones((T, T), bool), "no mask"),
     (lambda T: np.tri(T), "dtype"),
     (lambda T: np.tri(T, dtype=bool)[:, :-1], "shape"),
     (lambda T: None, "return"),
     (lambda T: 1 / 0, "ZeroDivisionError"),
     (lambda T: np.tri(T, k=1, dtype=bool), "next word"),
     (lambda T: np.tri(T, dtype=bool) | np.eye(T, k=2, dtype=bool), "should be False")],
)
def test_causal_mask_check_names_each_mistake(fn, words):
    res = check_causal_mask(fn)
    assert not res.passed and words in res.message, res.message
