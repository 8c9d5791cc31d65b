"""The notebook-05 experiments: race results, what each model learned, determinism."""

import numpy as np
import pytest

from helpers.lessons.race import held_out, input_gradient_norms, matching_share, race, train_one
from helpers.lessons.recall_tasks import associative_recall, last_pair_baseline


def test_race_claims_hold_on_seeds_the_notebook_does_not_use():
    """Controls pass, attention solves 8 pairs, the RNN stays near the last-pair baseline."""
    r = race("associative", [1, 8], seeds=(3, 4, 5), steps=200)
    rnn, att = r["accuracy"]["rnn"], r["accuracy"]["attention"]
    assert rnn.shape == (2, 3)
    assert np.all(rnn[0] >= 0.95) and np.all(att >= 0.95)
    assert np.all(rnn[1] < last_pair_baseline(8) + 0.1)
    f = race("first_token", [10], seeds=(3, 4, 5), steps=150)
    assert np.all(f["accuracy"]["rnn"] >= 0.95)


def test_train_one_is_deterministic_given_its_seed():
    a, ta, _ = train_one("attention", "associative", 4, seed=7, steps=30)
    b, tb, _ = train_one("attention", "associative", 4, seed=7, steps=30)
    c, _, _ = train_one("attention", "associative", 4, seed=8, steps=30)
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    assert ta.history == tb.history
    assert not np.allclose(a.params["W_q"], c.params["W_q"])


def test_held_out_data_differs_from_training_batches():
    X_test, _, _ = held_out("associative", 4, 50, seed=0)
    X_train, _, _ = associative_recall(4, 50, rng=np.random.default_rng(0))
    assert not np.array_equal(X_test, X_train)


def test_matching_share_and_gradient_norms():
    model, _, (X, y, match) = train_one("attention", "associative", 8, seed=0, steps=200)
    share = matching_share(model, X, match)
    assert 0.8 < share <= 1.0
    w = model.attention_weights(X)
    assert share == pytest.approx(np.mean(w[np.arange(len(X)), match]))
    rnn, _, (X, y, _) = train_one("rnn", "associative", 8, seed=0, steps=50)
    g = input_gradient_norms(rnn, X[:20], y[:20])
    per_example = [np.linalg.norm(rnn.input_gradients(X[n:n + 1], y[n:n + 1]), axis=-1)[0]
                   for n in range(20)]
    np.testing.assert_allclose(g, np.mean(per_example, axis=0))
    assert g.shape == (9,)


def test_bad_kind_or_task():
    with pytest.raises(ValueError, match="kind"):
        train_one("cnn", "associative", 2, steps=1)
    with pytest.raises(ValueError, match="task"):
        race("sorting", [2])


def test_step_time_per_example_is_a_small_positive_number():
    from helpers.lessons.race import step_time_per_example

    t = step_time_per_example("attention", 2, batch_size=8, steps=2, repeats=1)
    assert 0 < t < 0.1
