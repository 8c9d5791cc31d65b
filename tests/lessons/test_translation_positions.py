"""helpers.lessons.translation_positions: which output characters come out right, measured.

The measures are checked on a stand-in translator whose outputs are written in advance. The claim
notebook 06 makes with them is tested in tests/claims/test_06_where_attention_was_born.py.
"""

import numpy as np
import pytest

from helpers.core.seq2seq import Seq2Seq
from helpers.lessons.translation_experiments import Run
from helpers.lessons.translation_positions import (
    constant_guess,
    field_accuracy,
    position_accuracy,
    position_by_length,
    position_guess,
    where,
)


class Scripted(Seq2Seq):
    """A translator whose greedy and teacher-forced outputs are given: ``{source: output}``."""

    def __init__(self, greedy, forced=None):
        super().__init__("0123456789-/ ", "0123456789-", 2, 4, attention=False, rng=np.random.default_rng(0))
        self.outputs = {"greedy": greedy, "forced": forced or greedy}
        self._last = []

    def encode(self, texts):
        self._last = list(texts)
        return super().encode(texts)

    def _scripted(self, kind, U):
        ids = self.encode_targets([self.outputs[kind][s] for s in self._last])
        return np.pad(ids, ((0, 0), (0, max(0, U - ids.shape[1]))))[:, :U]

    def _padded_prediction(self, src_ids, U):
        return self._scripted("greedy", U)

    def forced_predictions(self, src_ids, tgt_ids):
        return self._scripted("forced", np.shape(tgt_ids)[1])


def run_of(outputs, targets, *, forced=None, target=""):
    sources = list(outputs)
    return Run(Scripted(outputs, forced), None, sources, list(targets), (), target)


def test_position_accuracy_counts_each_position_over_the_targets_that_have_it():
    run = run_of({"1": "21", "2": "391", "3": "4"}, ["21", "351", "4"])
    # targets + end: "21$", "351$", "4$"; outputs + end: "21$", "391$", "4$"
    np.testing.assert_allclose(position_accuracy(run), [3 / 3, 2 / 3, 2 / 2, 1 / 1])
    short = run_of({"1": "2"}, ["21"])  # ends too early: the missing character and the end are wrong
    np.testing.assert_allclose(position_accuracy(short), [1.0, 0.0, 0.0])
    forced = run_of({"1": "99"}, ["21"], forced={"1": "29"})
    np.testing.assert_allclose(position_accuracy(forced), [0.0, 0.0, 1.0])
    np.testing.assert_allclose(position_accuracy(forced, forced=True), [1.0, 0.0, 1.0])


def test_field_accuracy_needs_every_digit_of_a_field_in_the_order_the_target_writes():
    targets = ["1994-09-27", "2001-12-05", "1960-01-31", "2049-06-18"]
    outputs = {"1": "1994-09-27", "2": "2001-12-06", "3": "1961-01-31", "4": "2049-60-18"}
    iso = run_of(outputs, targets, target="iso")
    acc = field_accuracy(iso)
    assert list(acc) == ["year", "month", "day"] and acc == {"year": 0.75, "month": 0.75, "day": 0.75}
    flip = {k: f"{v[8:]}-{v[5:7]}-{v[:4]}" for k, v in outputs.items()}
    day_first = run_of(flip, [f"{t[8:]}-{t[5:7]}-{t[:4]}" for t in targets], target="day_first")
    assert list(field_accuracy(day_first)) == ["day", "month", "year"]
    assert field_accuracy(day_first) == acc
    forced = run_of(outputs, targets, forced=dict.fromkeys(outputs, "1994-09-27"), target="iso")
    assert field_accuracy(forced, forced=True) == {"year": 0.25, "month": 0.25, "day": 0.25}
    with pytest.raises(ValueError, match="date run"):
        field_accuracy(run_of({"1": "21"}, ["21"]))


def test_a_constant_guess_writes_the_most_common_value():
    targets = ["1994-09-27", "1994-10-27", "2001-09-05", "1994-09-05", "2049-09-27"]
    run = run_of({str(k): t for k, t in enumerate(targets)}, targets, target="iso")
    assert constant_guess(run) == {"year": 3 / 5, "month": 4 / 5, "day": 3 / 5}
    np.testing.assert_allclose(position_guess(run), [3 / 5] * 4 + [1, 4 / 5, 4 / 5, 1, 3 / 5, 3 / 5])
    with pytest.raises(ValueError, match="date run"):
        position_guess(run_of({"1": "21"}, ["21"]))


def test_where_keeps_the_model_and_only_the_matching_pairs():
    run = run_of({"1": "1", "22": "22", "333": "333"}, ["1", "22", "333"], target="iso")
    two = where(run, lambda s: len(s) >= 2)
    assert two.model is run.model and two.target == "iso"
    assert two.test_sources == ["22", "333"] and two.test_targets == ["22", "333"]
    assert run.test_sources == ["1", "22", "333"]  # the original is unchanged
    with pytest.raises(ValueError, match="no held-out source"):
        where(run, lambda s: False)


def test_position_by_length_averages_runs_and_leaves_positions_past_the_string_empty():
    sources = ["12", "34", "567"]
    a = run_of({"12": "21", "34": "13", "567": "765"}, ["21", "43", "765"])
    b = run_of({"12": "11", "34": "43", "567": "065"}, ["21", "43", "765"])
    table = position_by_length([a, b], [2, 3])
    # length 2: run a writes "21" (right) and "13" for "43" (first digit wrong), run b "11" for "21"
    # (first digit wrong) and "43" (right): each run has position 1 right in 1 of 2, position 2 in 2 of 2
    expect_a2, expect_b2 = [0.5, 1.0], [0.5, 1.0]
    np.testing.assert_allclose(table[0, :2], np.mean([expect_a2, expect_b2], axis=0))
    assert np.isnan(table[0, 2])
    np.testing.assert_allclose(table[1], [(1 + 0) / 2, 1, 1])
    assert table.shape == (2, 3) and all(len(s) in (2, 3) for s in sources)
