"""helpers.lessons.race: the models, samplers and held-out sets of notebook 05, and one training run."""

from __future__ import annotations

import types

import numpy as np
import pytest

from helpers.lessons import race as race_mod
from helpers.lessons.race import (
    held_out,
    input_gradient_norms,
    matching_share,
    race,
    train_one,
)
from helpers.lessons.recall_tasks import associative_recall, first_token_recall


def _fake_clock(durations):
    """A perf_counter that advances by the given durations, one per start/stop pair."""
    times = [0.0]
    for d in durations:
        times += [times[-1] + 100.0, times[-1] + 100.0 + d]
    it = iter(times[1:])
    return types.SimpleNamespace(perf_counter=lambda: next(it))


# ----------------------------------------------------------------------------- race (notebook 05)


def test_make_model_defaults_and_kinds():
    rng = np.random.default_rng(0)
    rnn = race_mod.make_model("rnn", "associative", rng=rng)
    att = race_mod.make_model("attention", "first_token", rng=rng)
    assert rnn.params["W_hh"].shape == (32, 32) and rnn.params["W_xh"].shape == (41, 32)
    assert att.params["W_q"].shape == (25, 32) and att.params["W_k"].shape == (25, 32)
    small = race_mod.make_model("rnn", "first_token", rng=rng, d_h=5)
    assert small.params["W_hh"].shape == (5, 5)
    assert race_mod.make_model("attention", "associative", rng=rng, d_k=3).params["W_q"].shape == (41, 3)
    with pytest.raises(ValueError, match="'gru'"):
        race_mod.make_model("gru", "associative", rng=rng)
    with pytest.raises(ValueError, match="'copy'"):
        race_mod.make_model("rnn", "copy", rng=rng)


def test_held_out_comes_from_its_own_stream_seed_plus_10000():
    X, y, match = race_mod.held_out("associative", 3)
    Xr, yr, mr = associative_recall(3, 500, rng=np.random.default_rng(10_000))
    np.testing.assert_array_equal(X, Xr)
    np.testing.assert_array_equal(y, yr)
    np.testing.assert_array_equal(match, mr)
    X5, y5, _ = race_mod.held_out("associative", 2, 7, seed=5)
    np.testing.assert_array_equal(X5, associative_recall(2, 7, rng=np.random.default_rng(10_005))[0])
    Xf, yf, mf = race_mod.held_out("first_token", 4, 6, seed=2)
    Xfr, yfr = first_token_recall(4, 6, rng=np.random.default_rng(10_002))
    np.testing.assert_array_equal(Xf, Xfr)
    np.testing.assert_array_equal(yf, yfr)
    assert mf is None
    with pytest.raises(ValueError, match="'dates'"):
        race_mod.held_out("dates", 3)


def test_sampler_draws_fresh_batches_of_the_task():
    rng_a, rng_b = np.random.default_rng(4), np.random.default_rng(4)
    X, y = race_mod.sampler("associative", 3)(5, rng_a)
    Xr, yr, _ = associative_recall(3, 5, rng=rng_b)
    np.testing.assert_array_equal(X, Xr)
    np.testing.assert_array_equal(y, yr)
    Xf, yf = race_mod.sampler("first_token", 6)(2, rng_a)
    Xfr, yfr = first_token_recall(6, 2, rng=rng_b)
    np.testing.assert_array_equal(Xf, Xfr)
    np.testing.assert_array_equal(yf, yfr)


def test_train_one_defaults_train_200_steps_and_test_on_500():
    model, trainer, (X, y, match) = race_mod.train_one("attention", "associative", 1)
    assert trainer.step == 200 and len(X) == 500 and len(match) == 500
    assert trainer.history["eval_step"] == [200]  # evaluated once, at the end, by default
    assert trainer.history["test_accuracy"] == [model.accuracy(X, y)]
    np.testing.assert_array_equal(X, race_mod.held_out("associative", 1, 500, seed=0)[0])
    # the default seed is 0: the same weights as an explicit seed=0
    same, _, _ = race_mod.train_one("attention", "associative", 1, seed=0, steps=200)
    for k in model.params:
        np.testing.assert_array_equal(model.params[k], same.params[k])


def test_train_one_options_checkpoints_eval_every_and_test_size():
    _, trainer, (X, y, _) = race_mod.train_one(
        "rnn", "first_token", 3, steps=4, batch_size=2, n_test=9, checkpoint_every=2, eval_every=2
    )
    assert [s for s, _ in trainer.checkpoints] == [0, 2, 4]
    assert trainer.history["eval_step"] == [2, 4]
    assert len(trainer.history["test_accuracy"]) == 2 and X.shape == (9, 3, 25) and len(y) == 9
    _, _, (X3, _, _) = race_mod.train_one("attention", "associative", 2, seed=3, steps=1, n_test=4)
    np.testing.assert_array_equal(X3, race_mod.held_out("associative", 2, 4, seed=3)[0])


@pytest.mark.parametrize("lr", [0.05, 0.002])
def test_train_one_lr_is_the_size_of_adams_first_step(lr):
    """Adam's first update moves each weight by about lr (its gradient's sign times lr)."""
    start = race_mod.make_model("attention", "associative", rng=np.random.default_rng(3))
    model, _, _ = race_mod.train_one("attention", "associative", 2, seed=3, steps=1, lr=lr, n_test=5)
    moves = np.concatenate([np.abs(model.params[k] - start.params[k]).ravel() for k in start.params])
    assert moves.max() <= lr * 1.0001
    assert np.median(moves[moves > 0]) > 0.9 * lr


def test_race_table_matches_train_one_per_size_and_seed(monkeypatch):
    monkeypatch.setattr(race_mod, "time", _fake_clock([7.5]))
    r = race_mod.race("first_token", [3, 4], seeds=(5, 6), steps=3, batch_size=4, n_test=11)
    assert r["task"] == "first_token" and r["sizes"] == [3, 4] and r["seeds"] == [5, 6] and r["steps"] == 3
    assert r["seconds"] == pytest.approx(7.5)
    assert set(r["accuracy"]) == {"rnn", "attention"}
    for kind in ("rnn", "attention"):
        assert r["accuracy"][kind].shape == (2, 2)
        for i, size in enumerate([3, 4]):
            for j, seed in enumerate([5, 6]):
                m, _, (X, y, _) = race_mod.train_one(
                    kind, "first_token", size, seed=seed, steps=3, batch_size=4, n_test=11
                )
                assert len(y) == 11
                assert r["accuracy"][kind][i, j] == m.accuracy(X, y)
                stored = r["models"][kind, size, seed]
                for k in m.params:
                    np.testing.assert_array_equal(stored.params[k], m.params[k])


def test_long_run_reports_the_same_model_as_one_training_run(capsys):
    out = race_mod.long_run("attention", 2, steps=5, seed=1, report_every=2, batch_size=8)
    assert [s for s, _ in out] == [2, 4, 5]
    X, y, _ = race_mod.held_out("associative", 2, 2000, seed=1)
    for step, acc in out:  # training in chunks is training in one go with the same rng
        m, _, _ = race_mod.train_one(
            "attention", "associative", 2, seed=1, steps=step, batch_size=8, n_test=1
        )
        assert acc == m.accuracy(X, y)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    for line, (step, acc) in zip(lines, out, strict=True):
        assert "attention" in line and "2 pairs" in line and str(step) in line and f"{acc:.2f}" in line


def test_step_time_is_the_best_repeat_per_example(monkeypatch):
    monkeypatch.setattr(race_mod, "time", _fake_clock([3.0, 1.2, 2.0]))
    t = race_mod.step_time_per_example("attention", 2, batch_size=4, steps=5, repeats=3)
    assert t == pytest.approx(1.2 / (5 * 4))
    # defaults: 5 repeats of 30 steps of 32 examples (a sixth repeat would run out of clock)
    monkeypatch.setattr(race_mod, "time", _fake_clock([9.0, 8.0, 6.0, 7.0, 9.6]))
    assert race_mod.step_time_per_example("attention", 1) == pytest.approx(6.0 / (30 * 32))


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
