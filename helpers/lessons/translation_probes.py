"""What the bottleneck's one vector ``s_0`` holds, read with linear probes. numpy only.

Notebook 06 asks where the model without attention loses the characters it writes late. A
**linear probe** answers part of it: fit a linear map from ``s_0`` (the decoder's first state) to a
fact about the source on some strings, and count how often it names the fact right on others. A
fact the probe reads on most held-out strings is in ``s_0`` in a form one linear layer can use; a
fact it misses may still be there in a form it cannot read, so a low score is a lower bound.

* ``classifier_probe``: the ridge classifier itself (one-hot targets, one weight per class and
  coordinate); :func:`helpers.core.linear_probe` is its regression sibling (R^2 of a real target);
* ``date_fields_in_s0(model)``: for each date field, the share of fresh dates whose value the probe
  reads off ``s_0``;
* ``digits_in_s0(model, length)``: the same for each source position of digit strings;
* ``at_step(run, step)``: a copy of a run's model with the weights of a checkpoint (step 0: before
  training, the control).

The probe's strings come from their own seeded generator, never from a model's training data.
"""

from __future__ import annotations

import copy

import numpy as np

from ..core._validate import as_count
from .translation_tasks import date_pairs, reversal_pairs

__all__ = ["classifier_probe", "first_states", "date_fields_in_s0", "digits_in_s0", "at_step"]

PROBE_SEED = 99  # the probe's own strings: not any run's data seed


# [n, d], [n], [m, d], [m] -> float
def classifier_probe(train_x, train_y, test_x, test_y, *, ridge=1e-2) -> float:
    """Share of ``test_y`` a ridge classifier fitted on ``(train_x, train_y)`` names right.

    One linear score per class seen in training, ``[x, 1] @ W``, fitted by ridge regression on
    one-hot targets; the prediction is the class with the highest score.
    """
    train_x, test_x = np.asarray(train_x, float), np.asarray(test_x, float)
    classes = np.unique(train_y)
    Y = (np.asarray(train_y)[:, None] == classes[None, :]).astype(float)      # [n, n_classes]
    A = np.c_[train_x, np.ones(len(train_x))]                               # [n, d + 1]
    W = np.linalg.solve(A.T @ A + ridge * np.eye(A.shape[1]), A.T @ Y)       # [d + 1, n_classes]
    scores = np.c_[test_x, np.ones(len(test_x))] @ W                        # [m, n_classes]
    return float(np.mean(classes[np.argmax(scores, axis=1)] == np.asarray(test_y)))


def first_states(model, sources) -> np.ndarray:  # list[str] (N) -> [N, d_h]
    """The decoder's first state ``s_0`` for each source (the encoder's summary)."""
    _, s0, _ = model._encoder(model.encode(sources))
    return s0


def _probe_all(states, labels, n_train) -> np.ndarray:  # [N, d], [N, k] -> [k]
    fit, held = slice(None, n_train), slice(n_train, None)
    return np.array([classifier_probe(states[fit], labels[fit, j], states[held], labels[held, j])
                     for j in range(labels.shape[1])])


def date_fields_in_s0(model, *, n_train=3000, n_test=500) -> dict[str, float]:  # -> {field: float}
    """For year, month and day: the share of ``n_test`` fresh dates whose value a probe reads off ``s_0``.

    The probe is fitted on ``n_train`` other fresh dates. Sources are written in the eight formats,
    whatever order the model writes its targets in.
    """
    n_train, n_test = as_count(n_train, "n_train"), as_count(n_test, "n_test")
    sources, iso = date_pairs(n_train + n_test, rng=np.random.default_rng(PROBE_SEED))
    labels = np.array([[int(t[0:4]), int(t[5:7]), int(t[8:10])] for t in iso])   # [N, 3]
    acc = _probe_all(first_states(model, sources), labels, n_train)
    return dict(zip(("year", "month", "day"), map(float, acc), strict=True))


def digits_in_s0(model, length, *, n_train=2000, n_test=500) -> np.ndarray:  # -> [length]
    """For each source position k of ``length``-digit strings: the share of ``n_test`` fresh strings
    whose k-th digit a probe reads off ``s_0`` (fitted on ``n_train`` others)."""
    length = as_count(length, "length")
    n_train, n_test = as_count(n_train, "n_train"), as_count(n_test, "n_test")
    sources, _ = reversal_pairs(n_train + n_test, rng=np.random.default_rng(PROBE_SEED),
                                min_len=length, max_len=length)
    labels = np.array([[int(c) for c in s] for s in sources])                     # [N, length]
    return _probe_all(first_states(model, sources), labels, n_train)


def at_step(run, step):
    """A copy of ``run.model`` with the weights its trainer saved at ``step`` (0: before training)."""
    saved = dict(run.trainer.checkpoints) if run.trainer is not None else {}
    if step not in saved:
        raise ValueError(f"no checkpoint at step {step}; saved: {sorted(saved)} "
                         "(train with checkpoint_every to keep them).")
    model = copy.deepcopy(run.model)
    model.params = {k: v.copy() for k, v in saved[step].items()}
    return model
