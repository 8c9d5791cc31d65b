"""Notebook 06 sections 3-4: without attention the field written last is a guess, with attention not.

On a seed the notebook does not use, with its negative control: in either target order (and with
the true previous characters fed in) the late field of the model without attention is no better
than a constant guess; with attention, which gives every output step its own path to the source,
every field is right.
"""

import pytest

from helpers.lessons.translation_experiments import train_dates
from helpers.lessons.translation_positions import (
    TARGET_FIELDS,
    constant_guess,
    field_accuracy,
    where,
)
from helpers.lessons.translation_tasks import date_format


# ---- the claim: without attention the late outputs suffer most (a seed the notebook does not use)
@pytest.fixture(scope="module")
def orders():
    return {(t, att): train_dates(attention=att, seed=3, target=t, n_test=300)
            for t in TARGET_FIELDS for att in (False, True)}


def last_field_is_a_guess(run, *, forced=False):
    """The field written first is well above a constant guess and the one written last is not."""
    acc, guess = field_accuracy(run, forced=forced), constant_guess(run)
    first, last = list(acc)[0], list(acc)[-1]
    return acc[first] > 2 * guess[first] + 0.05 and acc[last] < guess[last] + 0.04


@pytest.mark.parametrize("target", list(TARGET_FIELDS))
def test_without_attention_the_field_written_last_is_a_guess_with_attention_not(orders, target):
    bottleneck, attention = orders[(target, False)], orders[(target, True)]
    assert last_field_is_a_guess(bottleneck)
    assert last_field_is_a_guess(bottleneck, forced=True)  # not earlier wrong guesses derailing it
    assert not last_field_is_a_guess(attention)  # negative control: a path from every step
    assert min(field_accuracy(attention).values()) > 0.9


def test_the_day_is_a_guess_even_where_the_source_writes_it_last(orders):
    iso = orders[("iso", False)]
    day_last = where(iso, lambda s: date_format(s) in ("korean", "korean_dots"))
    assert len(day_last.test_sources) > 40
    assert field_accuracy(day_last)["day"] < constant_guess(day_last)["day"] + 0.05
    day_first = where(orders[("day_first", False)], lambda s: date_format(s) in ("korean", "korean_dots"))
    assert field_accuracy(day_first)["day"] > 2 * constant_guess(day_first)["day"] + 0.05  # written first
