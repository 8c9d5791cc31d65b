"""helpers.checks.top_keys: notebooks 03-04's top keys, read in any letter case; a hint per slip."""

import numpy as np

from helpers.checks import attention as ac
from helpers.checks.attention import (
    check_top_keys,
)
from tests.support.checks import said


def test_check_top_keys():
    tokens = ["a", "b", "c"]
    Wt = np.array([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.2, 0.2, 0.6]])
    assert ac.check_top_keys(["b", "a", "c"], tokens, Wt).passed
    res = ac.check_top_keys(["a", "b", "c"], tokens, Wt)
    assert not res.passed and "a -> b (0.70)" in res.message
    assert "one token per query" in ac.check_top_keys(["a"], tokens, Wt).message


def test_top_keys():
    tokens = ["the", "cat", "sat"]
    W = np.array([[0.2, 0.7, 0.1], [0.6, 0.3, 0.1], [0.1, 0.3, 0.6]])
    said(check_top_keys(["cat", "the", "sat"], tokens, W), "0.70", "0.60", passed=True, name="heatmap")
    said(check_top_keys(["cat", "cat", "sat"], tokens, W, what="map"), "the -> cat", name="map")
    said(check_top_keys(["cat"], tokens, W), "3", "1", name="heatmap")


# ------------------------------------------------------------------ 03/04, exercise 2: top keys


def test_top_keys_reads_letter_case_and_says_what_to_pass():
    tokens = ["I", "go", "home"]
    W = np.array([[0.2, 0.1, 0.7], [0.1, 0.3, 0.6], [0.1, 0.1, 0.8]])
    said(check_top_keys(["home", " Home", "HOME "], tokens, W), passed=True, name="heatmap")
    said(check_top_keys(("home", "home", "home"), tokens, W), passed=True)
    said(check_top_keys(np.array(["home"] * 3), tokens, W), passed=True)
    said(check_top_keys("home home home", tokens, W), "list of 3 tokens", "a string")
    said(check_top_keys(None, tokens, W), "list of 3 tokens", "None")
    said(check_top_keys(["home", "house", "home"], tokens, W), "'house'", "not a token")
