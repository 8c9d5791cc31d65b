"""Notebook 06 sections 3-4: which fields come out, and where the late outputs are lost (docs/CLAIMS.md).

Checked on seed 3, which the notebook does not use, each claim next to a model where it must fail:

* without attention the field written first comes out best, in either target order, and which field
  it is matters too (the year written first beats the day written first); with attention every field
  is right, so "first is best by a margin" fails there;
* training fills ``s_0`` with what the early outputs need: a linear probe reads the field written
  last off ``s_0`` less often than off the same network before training, and the field written first
  no less often; the attention model's ``s_0``, which no output has to pass through, keeps the day;
* on reversal the source's first digit is in ``s_0``, yet its copy, the 12th digit written, is lost,
  while in 6-digit strings (the same source position, 6 decoder steps) it is not; with attention
  the 12th digit comes out right.
"""

import numpy as np
import pytest

from helpers.lessons.translation_experiments import train_dates, train_reversal
from helpers.lessons.translation_positions import constant_guess, field_accuracy, position_by_length
from helpers.lessons.translation_probes import at_step, date_fields_in_s0, digits_in_s0

SEED = 3


@pytest.fixture(scope="module")
def dates():
    return {"iso": train_dates(attention=False, seed=SEED, checkpoint_every=150),
            "day_first": train_dates(attention=False, seed=SEED, target="day_first"),
            "attention": train_dates(attention=True, seed=SEED)}


def first_is_best(run, margin=0.05):
    """The field written first beats every other field by ``margin`` and a constant guess twice over."""
    acc, guess = field_accuracy(run), constant_guess(run)
    first, *rest = list(acc)
    return acc[first] > 2 * guess[first] and all(acc[first] > acc[f] + margin for f in rest)


def test_the_field_written_first_comes_out_best_and_which_field_it_is_matters(dates):
    assert first_is_best(dates["iso"]) and first_is_best(dates["day_first"])
    assert not first_is_best(dates["attention"])  # negative control: every field right
    iso, day_first = field_accuracy(dates["iso"]), field_accuracy(dates["day_first"])
    assert iso["year"] > day_first["day"] + 0.2  # both written first: the year gets much further
    assert iso["month"] < constant_guess(dates["iso"])["month"] + 0.03  # ISO's middle field: a guess


@pytest.fixture(scope="module")
def in_s0(dates):
    """Probe scores per field of each model's s_0, and of the same network before training."""
    before = at_step(dates["iso"], 0)  # every model of one seed starts from these weights
    first = dates["iso"].trainer.checkpoints[0][1]
    assert all(np.array_equal(before.params[k], first[k]) for k in first)
    return {"before": date_fields_in_s0(before)} | {k: date_fields_in_s0(r.model) for k, r in dates.items()}


def squeezed_out(probed, before, field, margin=0.05):
    """A probe reads ``field`` off s_0 less often than off the untrained network's s_0, by ``margin``."""
    return probed[field] < before[field] - margin


def test_training_keeps_in_s0_what_the_early_outputs_need(in_s0):
    before = in_s0["before"]
    assert squeezed_out(in_s0["iso"], before, "day")            # ISO: the day is written last
    assert not squeezed_out(in_s0["iso"], before, "year")
    assert squeezed_out(in_s0["day_first"], before, "year")     # day first: the year is last
    assert not squeezed_out(in_s0["day_first"], before, "day")
    assert not squeezed_out(in_s0["attention"], before, "day")  # negative control


@pytest.fixture(scope="module")
def reversal():
    return {att: train_reversal(attention=att, seed=SEED) for att in (False, True)}


def last_digit_lost_though_in_s0(run):
    """12-digit strings: the source's first digit is read off s_0, its copy (written 12th) is wrong."""
    in_s0 = digits_in_s0(run.model, 12)[0]
    return in_s0 > 0.9 and position_by_length([run], [12])[0, 11] < 0.2


def test_on_reversal_the_last_digit_is_in_s0_and_lost_along_the_recurrence(reversal):
    bottleneck = reversal[False]
    assert last_digit_lost_though_in_s0(bottleneck)
    # the same source position, copied after 6 decoder steps instead of 12: in s_0 and mostly right
    assert digits_in_s0(bottleneck.model, 6)[0] > 0.9
    six, twelve = position_by_length([bottleneck], [6, 12])[:, [5, 11]].diagonal()
    assert six > twelve + 0.2
    assert not last_digit_lost_though_in_s0(reversal[True])  # negative control: attention writes it


