"""Adam, clipping and the resumable Trainer of helpers.core.training."""


import numpy as np
import pytest

from helpers.core.classifiers import AttentionClassifier, RNNClassifier
from helpers.core.training import Adam, Trainer, train
from helpers.lessons.recall_tasks import associative_recall


def data(n_pairs=3, n=200, seed=0):
    X, y, _ = associative_recall(n_pairs, n, rng=np.random.default_rng(seed))
    return X, y


def make(kind, seed=0):
    rng = np.random.default_rng(seed)
    return RNNClassifier(41, 8, 8, rng=rng) if kind == "rnn" else AttentionClassifier(41, 8, 8, rng=rng)


def test_adam_step_matches_the_formula_and_clips():
    p = {"w": np.array([1.0, -2.0, 3.0])}
    opt = Adam(p, lr=0.1, clip=1.0)
    g = np.array([0.5, -4.0, 0.0])
    opt.update({"w": g})
    gc = np.clip(g, -1, 1)
    m, v = 0.1 * gc, 0.001 * gc**2
    expected = np.array([1.0, -2.0, 3.0]) - 0.1 * (m / 0.1) / (np.sqrt(v / 0.001) + 1e-8)
    np.testing.assert_allclose(p["w"], expected)
    np.testing.assert_allclose(opt.m["w"], m)          # the clipped gradient entered the moments
    with pytest.raises(ValueError, match="keys"):
        opt.update({"v": g})


def test_adam_minimises_a_quadratic():
    p = {"w": np.array([3.0, -5.0])}
    opt = Adam(p, lr=0.1, clip=None)
    for _ in range(500):
        opt.update({"w": 2 * p["w"]})
    assert np.all(np.abs(p["w"]) < 1e-2)


@pytest.mark.parametrize("kind", ["rnn", "attention"])
def test_run_10_then_10_equals_run_20(kind):
    X, y = data()
    a, b = make(kind), make(kind)
    ta = Trainer(a, rng=np.random.default_rng(1), checkpoint_every=5)
    ta.run(X, y, steps=10, batch_size=16, eval_data=(X, y), eval_every=5)
    ta.run(X, y, steps=10, batch_size=16, eval_data=(X, y), eval_every=5)
    tb = Trainer(b, rng=np.random.default_rng(1), checkpoint_every=5)
    tb.run(X, y, steps=20, batch_size=16, eval_data=(X, y), eval_every=5)
    assert ta.step == tb.step == 20
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
        np.testing.assert_array_equal(ta.optimizer.v[k], tb.optimizer.v[k])
    assert ta.history == tb.history
    assert [s for s, _ in ta.checkpoints] == [0, 5, 10, 15, 20]


def test_resuming_differs_from_restarting():
    """The test above can fail: a fresh optimiser (lost moments) gives other parameters."""
    X, y = data()
    a, b = make("rnn"), make("rnn")
    ta = Trainer(a, rng=np.random.default_rng(1))
    ta.run(X, y, steps=20, batch_size=16)
    tb = Trainer(b, rng=np.random.default_rng(1))
    tb.run(X, y, steps=10, batch_size=16)
    Trainer(b, rng=tb.rng).run(X, y, steps=10, batch_size=16)
    assert not np.allclose(a.params["W_hh"], b.params["W_hh"])


def test_stop_ends_after_the_step_in_flight_and_run_continues():
    X, y = data()
    m = make("attention")
    tr = Trainer(m, rng=np.random.default_rng(2))
    seen = []

    def cb(step, trainer):
        seen.append(step)
        if step == 4:
            trainer.stop()

    tr.run(X, y, steps=50, batch_size=8, callback=cb)
    assert seen == [1, 2, 3, 4] and tr.step == 4 and len(tr.history["loss"]) == 4
    tr.run(X, y, steps=3, batch_size=8)
    assert tr.step == 7


def test_training_is_deterministic_and_learns():
    X, y = data(n_pairs=2, n=500)
    Xt, yt = data(n_pairs=2, n=300, seed=9)
    runs = []
    for _ in range(2):
        m = make("attention", seed=3)
        hist = train(m, X, y, steps=150, batch_size=32, rng=np.random.default_rng(4), eval_data=(Xt, yt))
        runs.append((m.params["W_q"].copy(), hist))
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    assert runs[0][1]["loss"] == runs[1][1]["loss"]
    assert runs[0][1]["test_accuracy"][-1] > 0.9
    assert runs[0][1]["loss"][-1] < runs[0][1]["loss"][0]


def test_sampler_gives_fresh_batches_and_restore_checkpoint():
    m = make("rnn")
    tr = Trainer(m, rng=np.random.default_rng(0), checkpoint_every=3)
    w0 = m.params["W_xh"].copy()
    tr.run(lambda b, rng: associative_recall(2, b, rng=rng)[:2], steps=6, batch_size=8)
    assert not np.allclose(m.params["W_xh"], w0)
    tr.restore(0)
    np.testing.assert_array_equal(m.params["W_xh"], w0)
    with pytest.raises(ValueError, match="no checkpoint"):
        tr.restore(4)


def test_bad_arguments():
    X, y = data()
    with pytest.raises(ValueError, match="Generator"):
        Trainer(make("rnn"), rng=0)
    tr = Trainer(make("rnn"), rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="same"):
        tr.run(X, y[:5], steps=1, batch_size=4)
    with pytest.raises(ValueError, match="y=None"):
        tr.run(lambda b, rng: (X, y), y, steps=1, batch_size=4)


# ---------------------------------------------------------------- Adam


@pytest.mark.parametrize(("lr", "clip"), [(0.0, 1.0), (-0.1, 1.0), (0.1, 0.0), (0.1, -1.0)])
def test_adam_refuses_a_step_size_or_clip_that_is_not_positive(lr, clip):
    with pytest.raises(ValueError) as err:
        Adam({"w": np.zeros(2)}, lr=lr, clip=clip)
    assert f"lr={lr}" in str(err.value) and f"clip={clip}" in str(err.value)


def test_adam_moments_have_the_shapes_of_the_parameters():
    params = {"W": np.zeros((2, 3)), "b": np.zeros(3), "s": np.zeros(())}
    opt = Adam(params, lr=0.1, clip=None)
    for k, v in params.items():
        assert opt.m[k].shape == v.shape and opt.v[k].shape == v.shape
    with pytest.raises(ValueError, match="params is empty"):
        Adam({}, lr=0.1)


def _trainer():
    X, y, _ = associative_recall(2, 40, rng=np.random.default_rng(0))
    model = AttentionClassifier(X.shape[-1], 4, int(y.max()) + 1, rng=np.random.default_rng(1))
    return Trainer(model, rng=np.random.default_rng(2)), X, y


@pytest.mark.parametrize(("steps", "expected"), [(40, list(range(2, 41, 2))), (41, [*range(2, 41, 2), 41]),
                                                 (7, list(range(1, 8)))])
def test_training_records_accuracy_every_twentieth_of_the_run_and_at_its_end(steps, expected):
    trainer, X, y = _trainer()
    history = trainer.run(X, y, steps=steps, batch_size=1)  # one example per batch is allowed
    assert history["step"] == list(range(1, steps + 1))
    assert history["eval_step"] == expected


def test_training_zero_steps_is_allowed_and_a_stop_ends_only_that_run():
    trainer, X, y = _trainer()
    assert trainer.run(X, y, steps=0, batch_size=4)["step"] == []

    def stop_at_3(step, t):
        if step == 3:
            t.stop()

    trainer.run(X, y, steps=10, batch_size=4, callback=stop_at_3)
    assert trainer.step == 3
    trainer.run(X, y, steps=2, batch_size=4)  # the next run starts afresh
    assert trainer.history["step"] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(("steps", "batch_size"), [(-1, 4), (3, 0)])
def test_training_refuses_negative_steps_or_empty_batches_naming_both(steps, batch_size):
    trainer, X, y = _trainer()
    with pytest.raises(ValueError) as err:
        trainer.run(X, y, steps=steps, batch_size=batch_size)
    assert f"{steps}, {batch_size}" in str(err.value)
