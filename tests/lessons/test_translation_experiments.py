"""The alignment measures of notebook 06 on hand-made weights, and a tiny end-to-end sweep."""

import numpy as np
import pytest

from helpers.lessons.translation_experiments import (
    Run,
    date_sharpness,
    digit_sharpness,
    reversal_sharpness,
    reversal_sweep,
    train_dates,
)
from helpers.lessons.translation_tasks import date_pairs, date_spans


class FixedWeights:
    """A stand-in model whose greedy decoding returns weights made by ``make(source) -> [U, S]``."""

    def __init__(self, make):
        self.make = make

    def encode(self, sources):
        return list(sources)

    def greedy(self, sources, steps):
        S = max(map(len, sources))
        w = np.zeros((len(sources), steps, S))
        for n, s in enumerate(sources):
            m = self.make(s)[:steps]
            w[n, : len(m), : len(s)] = m
        return None, w


def test_reversal_sharpness_is_one_on_the_anti_diagonal_and_one_over_L_when_uniform():
    sources = ["12345", "123", "9876543"]
    assert reversal_sharpness(FixedWeights(lambda s: np.eye(len(s))[::-1]), sources) == pytest.approx(1.0)
    assert reversal_sharpness(FixedWeights(lambda s: np.eye(len(s))), sources) == pytest.approx(3 / 15)
    uniform = FixedWeights(lambda s: np.full((len(s), len(s)), 1 / len(s)))
    assert reversal_sharpness(uniform, sources) == pytest.approx((5 / 5 + 3 / 3 + 7 / 7) / 15)
    # with a window of one neighbour each side: 3 positions inside, 2 at the ends
    expected = np.mean([(3 - (u in (0, len(s) - 1))) / len(s) for s in sources for u in range(len(s))])
    assert reversal_sharpness(uniform, sources, window=1) == pytest.approx(expected)


def test_date_sharpness_counts_the_weight_on_the_determining_span():
    sources, _ = date_pairs(50, rng=np.random.default_rng(0))

    def on_span(s):
        w = np.zeros((11, len(s)))
        spans = date_spans(s)
        for u, field in {0: "year", 1: "year", 2: "year", 3: "year", 5: "month", 6: "month",
                         8: "day", 9: "day"}.items():
            a, b = spans[field]
            w[u, a:b] = 1 / (b - a)
        w[[4, 7, 10], 0] = 1
        return w

    assert date_sharpness(FixedWeights(on_span), sources)["all"] == pytest.approx(1.0)
    uniform = date_sharpness(FixedWeights(lambda s: np.full((11, len(s)), 1 / len(s))), sources)
    day = np.mean([np.diff(date_spans(s)["day"])[0] / len(s) for s in sources])
    assert uniform["day"] == pytest.approx(day)
    digits = digit_sharpness(FixedWeights(on_span), sources)
    assert list(digits) == ["Y1", "Y2", "Y3", "Y4", "M1", "M2", "D1", "D2"]
    assert digits == pytest.approx(dict.fromkeys(digits, 1.0))

    def month_lead_elsewhere(s):  # the month's first digit (ISO position 5) looks at character 0 only
        w = on_span(s)
        w[5] = 0
        w[5, 0] = 1
        return w

    off = digit_sharpness(FixedWeights(month_lead_elsewhere), sources)
    outside = np.mean([date_spans(s)["month"][0] > 0 for s in sources])  # character 0 is not the month
    assert off["M1"] == pytest.approx(1 - outside) and off["M2"] == pytest.approx(1.0)
    whole = date_sharpness(FixedWeights(month_lead_elsewhere), sources)
    assert whole["month"] == pytest.approx((off["M1"] + off["M2"]) / 2)


def test_models_without_attention_have_no_alignment():
    run = train_dates(attention=False, seed=0, steps=2, n_train=50, n_test=5)
    with pytest.raises(ValueError, match="no attention"):
        date_sharpness(run.model, run.test_sources)


def test_a_tiny_sweep_has_one_row_per_seed_and_one_column_per_length():
    sw = reversal_sweep(seeds=(0, 1), steps=3, n_train=64, min_len=3, max_len=5, d_h=8, d_emb=4)
    assert list(sw.lengths) == [3, 4, 5]
    for v in ("bottleneck", "attention"):
        assert sw.accuracy[v].shape == (2, 3) and np.all((0 <= sw.accuracy[v]) & (sw.accuracy[v] <= 1))
    # both variants of one seed are tested on the same held-out strings
    assert sw.runs["bottleneck"][1].test_sources == sw.runs["attention"][1].test_sources
    assert sw.runs["bottleneck"][0].test_sources != sw.runs["bottleneck"][1].test_sources


def _char_score(prediction, target):
    """Right positions of ``target`` + end symbol, comparing with ``prediction`` + end symbol."""
    pred, tgt = [*prediction, "<end>"], [*target, "<end>"]
    return sum(j < len(pred) and pred[j] == c for j, c in enumerate(tgt)), len(tgt)


def test_run_scores_count_exact_strings_and_right_characters():
    run = train_dates(attention=True, seed=0, steps=2, n_train=40, n_test=6)
    model = run.model
    outputs = [model.translate(s)[0] for s in run.test_sources]
    # Even rows: the model's own (finished) output is the target, so it is right by construction.
    targets = [o if i % 2 == 0 and len(o) < model.max_output_len else t
               for i, (o, t) in enumerate(zip(outputs, run.test_targets, strict=True))]
    own = Run(model, run.trainer, run.test_sources, targets)
    exact = np.mean([o == t for o, t in zip(outputs, targets, strict=True)])
    assert 0 < exact < 1  # a mix of right and wrong strings, so the score can be neither extreme
    assert own.accuracy() == pytest.approx(exact)
    scores = [_char_score(o, t) for o, t in zip(outputs, targets, strict=True)]
    assert own.char_accuracy() == pytest.approx(sum(r for r, _ in scores) / sum(n for _, n in scores))
    assert run.accuracy() == pytest.approx(np.mean([o == t for o, t in zip(outputs, run.test_targets,
                                                                             strict=True)]))
