"""A run's held-out scores are what they say: exact strings, and characters position by position."""

import numpy as np
import pytest

from helpers.lessons.translation_experiments import Run, train_dates


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
