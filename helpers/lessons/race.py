"""The experiments behind notebook 05: train an RNN and an attention layer on the recall tasks.

numpy only. ``race`` trains both models at several sizes and seeds and returns held-out
accuracies; ``matching_share`` and ``input_gradient_norms`` read what each model learned;
``long_run`` is the bigger budget the notebook leaves to the reader.
"""

from __future__ import annotations

import time

import numpy as np

from ..core._validate import as_count
from ..core.classifiers import AttentionClassifier, RNNClassifier
from ..core.training import Trainer
from .recall_tasks import N_VALUES, associative_recall, first_token_recall, recall_d_in

__all__ = [
    "KINDS",
    "TASKS",
    "make_model",
    "sampler",
    "held_out",
    "train_one",
    "race",
    "matching_share",
    "input_gradient_norms",
    "long_run",
    "step_time_per_example",
]

KINDS = ("rnn", "attention")
TASKS = ("associative", "associative_split", "first_token")
TEST_SEED_OFFSET = 10_000      # held-out data comes from its own rng stream, never the training one


def _check(kind, task):
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}; got {kind!r}.")
    if task not in TASKS:
        raise ValueError(f"task must be one of {TASKS}; got {task!r}.")


def make_model(kind, task, *, rng, d_h=32, d_k=32):
    """A fresh ``RNNClassifier(d_in, d_h, 8)`` or ``AttentionClassifier(d_in, d_k, 8)`` for a task."""
    _check(kind, task)
    d_in = recall_d_in("first_token" if task == "first_token" else "associative")
    if kind == "rnn":
        return RNNClassifier(d_in, d_h, N_VALUES, rng=rng)
    return AttentionClassifier(d_in, d_k, N_VALUES, rng=rng)


def sampler(task, size):  # -> callable(batch_size, rng) -> ([B, T, d_in], [B])
    """Fresh training batches of a task: ``size`` is the number of pairs, or the length T."""
    _check("rnn", task)
    size = as_count(size, "size")
    if task.startswith("associative"):
        layout = "split" if task == "associative_split" else "joint"
        return lambda batch_size, rng: associative_recall(size, batch_size, rng=rng, layout=layout)[:2]
    return lambda batch_size, rng: first_token_recall(size, batch_size, rng=rng)


def held_out(task, size, n_samples=500, *, seed=0):  # -> [N, T, d_in], [N], [N] or None
    """Test data from an rng stream of its own (``seed + 10000``); ``match`` is None for first_token."""
    _check("rnn", task)
    rng = np.random.default_rng(TEST_SEED_OFFSET + seed)
    if task.startswith("associative"):
        layout = "split" if task == "associative_split" else "joint"
        return associative_recall(size, n_samples, rng=rng, layout=layout)
    return (*first_token_recall(size, n_samples, rng=rng), None)


def train_one(kind, task, size, *, seed=0, steps=200, batch_size=32, lr=1e-2, n_test=500,
              checkpoint_every=None, eval_every=None):
    """Train one model on fresh batches; return ``(model, trainer, (X_test, y_test, match))``.

    The seed fixes everything: initial weights, training batches (both from
    ``np.random.default_rng(seed)``) and the held-out set; the same call gives the same model.
    """
    n_test = as_count(n_test, "n_test")
    rng = np.random.default_rng(seed)
    model = make_model(kind, task, rng=rng)
    trainer = Trainer(model, rng=rng, lr=lr, checkpoint_every=checkpoint_every)
    test = held_out(task, size, n_test, seed=seed)
    trainer.run(sampler(task, size), steps=steps, batch_size=batch_size,
                eval_data=test[:2], eval_every=eval_every or steps)
    return model, trainer, test


def race(task, sizes, *, seeds=(0, 1, 2), steps=200, batch_size=32, n_test=500, kinds=KINDS):
    """Train both models at every size and seed; held-out accuracy of each.

    Parameters
    ----------
    task : {"associative", "first_token"}
    sizes : sequence of int
        Numbers of pairs, or sequence lengths T.
    seeds, steps, batch_size, n_test :
        See ``train_one``.
    kinds : tuple of {"rnn", "attention"}
        The models to train (both by default).

    Returns
    -------
    dict
        ``"sizes"``, ``"seeds"``; ``"accuracy"``: kind -> array of shape (len(sizes), len(seeds));
        ``"models"``: (kind, size, seed) -> trained model; ``"seconds"``: wall time.
    """
    start = time.perf_counter()
    for kind in kinds:
        _check(kind, task)
    accuracy = {k: np.zeros((len(sizes), len(seeds))) for k in kinds}
    models = {}
    for i, size in enumerate(sizes):
        for j, seed in enumerate(seeds):
            for kind in kinds:
                model, _, (X, y, _) = train_one(kind, task, size, seed=seed, steps=steps,
                                                batch_size=batch_size, n_test=n_test)
                accuracy[kind][i, j] = model.accuracy(X, y)
                models[kind, size, seed] = model
    return {"task": task, "sizes": list(sizes), "seeds": list(seeds), "steps": steps,
            "accuracy": accuracy, "models": models, "seconds": time.perf_counter() - start}


def matching_share(model, X, match):  # [N, T, d_in], [N] -> float
    """Mean attention weight the query puts on the pair whose key it asks for."""
    w = model.attention_weights(X)
    return float(np.mean(w[np.arange(len(X)), np.asarray(match)]))


def input_gradient_norms(model, X, y):  # [N, T, d_in], [N] -> [T]
    """``||d loss_n / d x_t||`` averaged over the N examples, for every position t."""
    dX = model.input_gradients(X, y) * len(X)           # per-example losses, not their mean
    return np.linalg.norm(dX, axis=-1).mean(axis=0)


def long_run(kind="rnn", n_pairs=4, *, steps=20_000, seed=0, report_every=None, batch_size=64):
    """Train far longer than the notebook can; print and return held-out accuracy along the way.

    Each 1000 steps take about a second at 8 pairs on an idle core (more with more pairs).

    Returns
    -------
    list of (step, accuracy)
    """
    steps = as_count(steps, "steps", minimum=0)
    report_every = max(1, steps // 5) if report_every is None else as_count(report_every, "report_every")
    rng = np.random.default_rng(seed)
    model = make_model(kind, "associative", rng=rng)
    trainer = Trainer(model, rng=rng)
    X, y, _ = held_out("associative", n_pairs, 2000, seed=seed)
    out = []
    while trainer.step < steps:
        trainer.run(sampler("associative", n_pairs), steps=min(report_every, steps - trainer.step),
                    batch_size=batch_size, eval_every=steps)
        out.append((trainer.step, model.accuracy(X, y)))
        print(f"{kind}, {n_pairs} pairs, step {trainer.step:>6}: held-out accuracy {out[-1][1]:.2f}")
    return out


def step_time_per_example(kind, n_pairs, *, batch_size=32, steps=30, repeats=5, seed=0):
    """Seconds one training step takes per example (forward, backward, Adam), best of ``repeats``.

    Times ``Trainer.run`` on pre-drawn batches (data generation excluded) for ``make bench``.
    """
    batch_size, steps = as_count(batch_size, "batch_size"), as_count(steps, "steps")
    repeats = as_count(repeats, "repeats")
    rng = np.random.default_rng(seed)
    model = make_model(kind, "associative", rng=rng)
    X, y, _ = associative_recall(n_pairs, batch_size * 4, rng=rng)
    trainer = Trainer(model, rng=rng)
    trainer.run(X, y, steps=3, batch_size=batch_size)              # warm-up
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        trainer.run(X, y, steps=steps, batch_size=batch_size, eval_every=10**9)
        best = min(best, (time.perf_counter() - start) / (steps * batch_size))
    return float(best)
