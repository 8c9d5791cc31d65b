"""Notebook 05's claims about its trained models, re-checked on seeds the notebook does not use.

What the race shows, what each model learned (the RNN answers without binding; attention's gradient
reaches the first token), and what ten times the budget changes. The slow ones run in CI
(``make test-slow``).
"""

import numpy as np
import pytest

from helpers.lessons.race import (
    held_out,
    input_gradient_norms,
    make_model,
    race,
    train_one,
)
from helpers.lessons.recall_analysis import (
    accuracy_by_queried_pair,
    answers_from_the_sequence,
    distinct_values,
    keyless_ceiling,
)
from helpers.lessons.recall_tasks import random_pair_value

UNUSED_SEEDS = (3, 4, 5)       # notebook 05 trains seeds 0, 1 and 2


def test_race_claims_hold_on_seeds_the_notebook_does_not_use():
    """Controls pass, attention solves 8 pairs, the RNN stays near a random pair's value."""
    r = race("associative", [1, 8], seeds=(3, 4, 5), steps=200)
    rnn, att = r["accuracy"]["rnn"], r["accuracy"]["attention"]
    assert rnn.shape == (2, 3)
    assert np.all(rnn[0] >= 0.95) and np.all(att >= 0.95)
    assert np.all(rnn[1] < random_pair_value(8) + 0.1)
    f = race("first_token", [5, 10], seeds=(3, 4, 5), steps=100)     # the notebook's budget
    assert np.all(f["accuracy"]["rnn"] >= 0.95)


def test_05_the_rnn_answers_with_values_it_saw_without_binding_them():
    """05 section 5: not the last pair; answers from the sequence; at or below the key-less ceiling.

    The notebook's thresholds (last pair below 0.75, answers from the sequence above 0.85) are the
    ones ``tests/lessons/test_recall_analysis.py`` shows a keep-the-last-pair strategy fails.
    """
    r = race("associative", [4, 8], seeds=UNUSED_SEEDS, steps=200, kinds=("rnn",))
    for i, n in enumerate(r["sizes"]):
        X, y, match = held_out("associative", n, 2000, seed=99)
        preds = [r["models"]["rnn", n, s].predict(X) for s in UNUSED_SEEDS]
        by_pair = np.mean([accuracy_by_queried_pair(p, y, match, n) for p in preds], axis=0)
        assert by_pair[-1] < 0.75
        assert np.mean([answers_from_the_sequence(p, X) for p in preds]) > 0.85
        if n == 4:      # all four values differ: ignoring the keys scores 1/4, and so does the RNN
            d = distinct_values(X)
            on_distinct = np.mean([r["models"]["rnn", n, s].accuracy(X[d], y[d]) for s in UNUSED_SEEDS])
            assert abs(on_distinct - 0.25) < 0.05
        assert r["accuracy"]["rnn"][i].mean() < keyless_ceiling(n, rng=np.random.default_rng(0)) + 0.05
        if n == 8:      # "at 8 pairs the last pair is answered somewhat more often than the others"
            assert by_pair[-1] > by_pair[:-1].mean()


def test_05_one_attention_layer_lands_on_the_keyless_ceiling_when_keys_and_values_are_split():
    """05 section 7, with the negative control: on the joint layout the same layer reaches 0.95."""
    split = race("associative_split", [2, 4, 8], seeds=UNUSED_SEEDS, steps=200, kinds=("attention",))
    joint = race("associative", [8], seeds=UNUSED_SEEDS, steps=200, kinds=("attention",))
    ceiling = np.array([keyless_ceiling(n, rng=np.random.default_rng(0)) for n in (2, 4, 8)])
    assert np.all(np.abs(split["accuracy"]["attention"].mean(axis=1) - ceiling) < 0.1)
    assert np.all(joint["accuracy"]["attention"] >= 0.95)


def test_05_distance_long_not_always_attention_always():
    """05 section 6 at length 80 (lengths 5 and 10: ``test_race_claims_hold_on_seeds_...``)."""
    r = race("first_token", [80], seeds=UNUSED_SEEDS, steps=100)
    assert r["accuracy"]["rnn"].min() < 0.9 and np.all(r["accuracy"]["attention"] >= 0.95)


def test_05_runs_that_learned_grew_the_first_tokens_gradient_runs_that_failed_shrank_it():
    """05 section 8 at length 40 over nine seeds (the notebook prints its best and worst of 0-2).

    Runs above 0.8 end with the first token's gradient above the question's; runs below 0.3 (near
    chance, 1/8) end with a smaller ratio than their own start. Runs in between can go either way
    (seed 6 reaches 0.37 with a ratio above 2), so the notebook describes its runs, not a rule.
    Control: before training every ratio is below 1, so "above the question's" is something training
    did; both kinds of run occur, so both checks ran.
    """
    X, y, _ = held_out("first_token", 40, 300, seed=0)

    def ratio(model):
        g = input_gradient_norms(model, X, y)
        return g[0] / g[-1]

    learned = failed = 0
    for s in range(9):
        model, _, (Xt, yt, _) = train_one("rnn", "first_token", 40, seed=s, steps=100)
        start = ratio(make_model("rnn", "first_token", rng=np.random.default_rng(s)))   # its own start
        acc = model.accuracy(Xt, yt)
        assert start < 1
        if acc > 0.8:
            learned += 1
            assert ratio(model) > 1, (s, acc)
        elif acc < 0.3:
            failed += 1
            assert ratio(model) < start, (s, acc)
    assert learned >= 1 and failed >= 1
    att, _, _ = train_one("attention", "first_token", 40, seed=3, steps=100)
    assert ratio(att) > 10


@pytest.mark.slow
def test_05_ten_times_the_budget_lifts_the_rnn_above_a_random_pairs_value_at_2_pairs():
    models = [train_one("rnn", "associative", 2, seed=s, steps=2000)[0] for s in UNUSED_SEEDS]
    X, y, _ = held_out("associative", 2, 2000, seed=99)
    d = distinct_values(X)
    assert np.mean([m.accuracy(X, y) for m in models]) > random_pair_value(2) + 0.05
    assert np.mean([m.accuracy(X[d], y[d]) for m in models]) > 0.55          # it binds: above 1/2
