"""Training by hand: Adam with elementwise gradient clipping, a resumable Trainer, checkpoints.

numpy only. A *model* is anything with

* ``params``: dict name -> float64 array (the optimiser updates these arrays in place),
* ``loss_and_grads(X, y) -> (loss: float, grads: dict with the keys and shapes of params)``,
* ``accuracy(X, y) -> float``.

The Trainer keeps Adam's moments, its step count and its rng between calls to ``run``, so
``run(steps=10)`` twice gives exactly what ``run(steps=20)`` gives once (tested), and a live view
can train in short chunks and pause between them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._validate import as_count

__all__ = ["Adam", "Trainer", "train"]


class Adam:
    """Adam (Kingma & Ba 2015) with elementwise clipping of each gradient to ``[-clip, clip]``.

    Parameters
    ----------
    params : dict name -> ndarray
        Updated in place by ``update``.
    lr, beta1, beta2, eps : float
        The usual Adam constants.
    clip : float or None
        Clip every gradient entry to ``[-clip, clip]`` before the update; None = no clipping.
    """

    def __init__(self, params, *, lr=1e-2, beta1=0.9, beta2=0.999, eps=1e-8, clip=1.0):
        if lr <= 0 or (clip is not None and clip <= 0):
            raise ValueError(f"lr and clip must be positive; got lr={lr}, clip={clip}.")
        if not params:
            raise ValueError("params is empty: Adam needs at least one array to train.")
        self.params, self.lr, self.clip = params, lr, clip
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        # One flat buffer for each moment (the dicts hold views of it): the update below is then a
        # dozen array operations in all, instead of a dozen per parameter.
        self._shapes = {k: np.shape(v) for k, v in params.items()}
        ends = [int(e) for e in np.cumsum([np.size(v) for v in params.values()])]
        self._spans = dict(zip(params, zip([0, *ends[:-1]], ends, strict=True), strict=True))
        self._m, self._v = np.zeros(ends[-1]), np.zeros(ends[-1])
        self.m = {k: self._m[a:b].reshape(self._shapes[k]) for k, (a, b) in self._spans.items()}
        self.v = {k: self._v[a:b].reshape(self._shapes[k]) for k, (a, b) in self._spans.items()}
        self.t = 0

    def update(self, grads):  # dict name -> array (shapes of params) -> None
        """Take one Adam step in place, with the gradients ``grads``."""
        if grads.keys() != self.params.keys():
            raise ValueError(f"grads has keys {sorted(grads)}, params has {sorted(self.params)}.")
        self.t += 1
        c1, c2 = 1 - self.beta1**self.t, 1 - self.beta2**self.t
        g = np.concatenate([np.ravel(grads[k]) for k in self._spans])
        if self.clip is not None:
            np.clip(g, -self.clip, self.clip, out=g)
        m, v = self._m, self._v                        # in place: m = b1 m + (1 - b1) g, and so on
        m *= self.beta1
        m += (1 - self.beta1) * g
        g2 = (1 - self.beta2) * g
        g2 *= g
        v *= self.beta2
        v += g2
        step = m / c1                                  # p -= lr (m / c1) / (sqrt(v / c2) + eps)
        step *= self.lr
        denom = v / c2
        np.sqrt(denom, out=denom)
        denom += self.eps
        step /= denom
        for k, (a, b) in self._spans.items():
            self.params[k] -= step[a:b].reshape(self._shapes[k])


def _batches(X, y, batch_size, rng):
    """A function that returns one mini-batch: fresh from a sampler, or rows of (X, y)."""
    if callable(X):
        if y is not None:
            raise ValueError("with a sampler X(batch_size, rng) -> (X, y), pass y=None.")
        return lambda: X(batch_size, rng)
    n = len(X)
    if len(y) != n or n == 0:
        raise ValueError(f"X and y need the same, non-zero number of rows; got {n} and {len(y)}.")
    return lambda: _take(X, y, rng.choice(n, size=batch_size, replace=batch_size > n))


def _take(X, y, idx):
    return X[idx], y[idx]


class Trainer:
    """Train a model with Adam on mini-batches; resumable, stoppable, with optional checkpoints.

    Parameters
    ----------
    model : object with ``params``, ``loss_and_grads``, ``accuracy``
    rng : numpy.random.Generator
        Draws the mini-batches (and the fresh data, when ``run`` gets a sampler).
    lr, clip : float
        Adam's step size; elementwise gradient clipping at ``+-clip`` (None = off).
    checkpoint_every : int, optional
        Keep a copy of the parameters at step 0 and every ``checkpoint_every`` steps, in
        ``checkpoints`` as a list of ``(step, {name: array})``.

    Attributes
    ----------
    step : int
        Updates taken so far, over all calls to ``run``.
    history : dict of lists
        ``"step"``, ``"loss"`` (the mini-batch loss at every step, before its update);
        ``"eval_step"``, ``"train_accuracy"`` (on that step's mini-batch) and
        ``"test_accuracy"`` (on ``eval_data``, when given) every ``eval_every`` steps.
    """

    def __init__(self, model, *, rng, lr=1e-2, clip=1.0, checkpoint_every=None):
        if not isinstance(rng, np.random.Generator):
            raise ValueError("rng must be a numpy Generator, e.g. np.random.default_rng(0).")
        if checkpoint_every is not None:
            checkpoint_every = as_count(checkpoint_every, "checkpoint_every", minimum=0)  # 0: none
        self.model, self.rng = model, rng
        self.optimizer = Adam(model.params, lr=lr, clip=clip)
        self.step = 0
        self.history = {"step": [], "loss": [], "eval_step": [], "train_accuracy": [], "test_accuracy": []}
        self.checkpoint_every = checkpoint_every
        self.checkpoints = []
        self._stop = False
        if checkpoint_every:
            self.save_checkpoint()

    def save_checkpoint(self):
        """Append ``(step, copy of params)`` to ``checkpoints``."""
        self.checkpoints.append((self.step, {k: v.copy() for k, v in self.model.params.items()}))

    def stop(self):
        """End the current ``run`` after the step in flight (a later ``run`` continues normally)."""
        self._stop = True

    def run(self, X, y=None, *, steps, batch_size, callback: Callable | None = None,
            eval_data=None, eval_every=None):
        """Take ``steps`` Adam updates on random mini-batches; return ``history``.

        Parameters
        ----------
        X : ndarray of shape (N, ...), or a sampler ``X(batch_size, rng) -> (X_batch, y_batch)``
            Training inputs (mini-batches are rows of X and y), or a function making fresh ones.
        y : ndarray of shape (N, ...), or None with a sampler
        steps, batch_size : int
        callback : callable, optional
            ``callback(step, trainer)`` after each update; it may call ``trainer.stop()``.
        eval_data : tuple (X_test, y_test), optional
            Held-out data for ``test_accuracy``.
        eval_every : int, optional
            Record accuracies every this many steps (and at the last step of the run); default
            ``max(1, steps // 20)``.
        """
        steps = as_count(steps, "steps", minimum=None)
        batch_size = as_count(batch_size, "batch_size", minimum=None)
        if steps < 0 or batch_size < 1:
            raise ValueError(f"need steps >= 0 and batch_size >= 1; got {steps}, {batch_size}.")
        if eval_every is not None:
            eval_every = as_count(eval_every, "eval_every", minimum=0)  # 0: the default
        next_batch = _batches(X, y, batch_size, self.rng)
        eval_every = eval_every or max(1, steps // 20)
        self._stop = False
        for i in range(steps):
            Xb, yb = next_batch()
            loss, grads = self.model.loss_and_grads(Xb, yb)
            self.optimizer.update(grads)
            self.step += 1
            self.history["step"].append(self.step)
            self.history["loss"].append(loss)
            if self.step % eval_every == 0 or i == steps - 1:
                self._evaluate(Xb, yb, eval_data)
            if self.checkpoint_every and self.step % self.checkpoint_every == 0:
                self.save_checkpoint()
            if callback is not None:
                callback(self.step, self)
            if self._stop:
                break
        return self.history

    def _evaluate(self, Xb, yb, eval_data):
        h = self.history
        if h["eval_step"] and h["eval_step"][-1] == self.step:
            return
        h["eval_step"].append(self.step)
        h["train_accuracy"].append(self.model.accuracy(Xb, yb))
        if eval_data is not None:
            h["test_accuracy"].append(self.model.accuracy(*eval_data))

    def restore(self, step):
        """Copy the checkpoint saved at ``step`` into the model's parameters (in place)."""
        for s, params in self.checkpoints:
            if s == step:
                for k, v in params.items():
                    self.model.params[k][...] = v
                return
        raise ValueError(f"no checkpoint at step {step}; saved: {[s for s, _ in self.checkpoints]}.")


def train(model, X, y=None, *, steps, batch_size, rng, eval_data=None, eval_every=None,
          callback=None, **kw):
    """Train ``model`` in one call: ``Trainer(model, rng=rng, **kw).run(...)``; returns the history.

    ``**kw`` goes to ``Trainer`` (``lr``, ``clip``, ``checkpoint_every``); see ``Trainer.run`` for
    the rest.
    """
    trainer = Trainer(model, rng=rng, **kw)
    return trainer.run(X, y, steps=steps, batch_size=batch_size, callback=callback,
                       eval_data=eval_data, eval_every=eval_every)
