"""The experiments behind notebook 06: train encoder-decoders on dates and on digit reversal, sweep
accuracy against input length, and measure how sharp the learned alignment is. numpy only.

Every run is seeded by one integer: the data, the initial parameters and the mini-batches come
from three generators derived from it, so both variants (with and without attention) of one seed
see exactly the same training strings and are tested on the same held-out strings.

The notebook's settings (``DATE_SETTINGS``, ``REVERSAL_SETTINGS``) are the cheapest found that
still show the effect on a busy 2-core machine; ``FULL_REVERSAL`` is a larger budget, e.g.
``reversal_sweep(seeds=range(5), **FULL_REVERSAL)`` (a few minutes per seed).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core._validate import as_count
from ..core.seq2seq import Seq2Seq
from ..core.training import Trainer
from .translation_tasks import DIGITS, date_pairs, date_spans, date_vocab, reversal_pairs

__all__ = [
    "DATE_SETTINGS",
    "REVERSAL_SETTINGS",
    "FULL_REVERSAL",
    "Run",
    "train_dates",
    "train_reversal",
    "reversal_sweep",
    "reversal_sharpness",
    "date_sharpness",
    "digit_sharpness",
    "ISO_FIELDS",
    "CONTEXT_EXERCISE",
]

DATE_SETTINGS = dict(d_emb=16, d_h=64, steps=150, batch_size=64, lr=1e-2, n_train=5000)
REVERSAL_SETTINGS = dict(d_emb=16, d_h=64, steps=400, batch_size=64, lr=1e-2, n_train=5000,
                         min_len=3, max_len=12)
FULL_REVERSAL = dict(steps=2000, batch_size=128, lr=3e-3, min_len=5, max_len=20, n_train=20000)
#: ISO output positions and the source field that determines them.
ISO_FIELDS = {0: "year", 1: "year", 2: "year", 3: "year", 5: "month", 6: "month", 8: "day", 9: "day"}


@dataclass
class Run:
    """One trained model with its trainer (history, checkpoints) and its held-out strings."""

    model: Seq2Seq
    trainer: Trainer
    test_sources: list[str]
    test_targets: list[str]
    train_ids: tuple = ()          # (src_ids, tgt_ids) it was trained on, to train further
    target: str = ""               # dates: how targets are written ("iso", "day_first"); reversal: ""

    def accuracy(self) -> float:
        """Whole-string accuracy (greedy decoding) on the held-out strings."""
        m = self.model
        return m.accuracy(m.encode(self.test_sources), m.encode_targets(self.test_targets))

    def char_accuracy(self) -> float:
        """Per-character accuracy (greedy decoding) on the held-out strings."""
        m = self.model
        return m.char_accuracy(m.encode(self.test_sources), m.encode_targets(self.test_targets))


def _rngs(seed):
    return [np.random.default_rng([int(seed), k]) for k in range(3)]  # data, init, batches


def _fit(model, sources, targets, trainer_rng, *, steps, batch_size, lr, checkpoint_every=None):
    trainer = Trainer(model, rng=trainer_rng, lr=lr, clip=1.0, checkpoint_every=checkpoint_every)
    ids = model.encode(sources), model.encode_targets(targets)
    trainer.run(*ids, steps=steps, batch_size=batch_size, eval_every=10**9)
    return trainer, ids


def train_dates(*, attention: bool, seed: int = 0, n_test: int = 500, checkpoint_every=None,
                bidirectional: bool = True, target: str = "iso", **settings) -> Run:
    """Train a date translator; settings default to ``DATE_SETTINGS`` (any of them can be overridden).

    ``target="day_first"`` writes the targets ``DD-MM-YYYY`` instead of ISO ``YYYY-MM-DD``: the
    same seed gives the same dates, initial weights and mini-batches in either order.
    """
    s = DATE_SETTINGS | settings
    n_test, n_train = as_count(n_test, "n_test"), as_count(s["n_train"], "n_train")
    data, init, batches = _rngs(seed)
    src, tgt = date_pairs(n_train + n_test, rng=data, target=target)
    model = Seq2Seq(*date_vocab(), s["d_emb"], s["d_h"], attention=attention, rng=init,
                    bidirectional=bidirectional, max_output_len=12)
    trainer, ids = _fit(model, src[:-n_test], tgt[:-n_test], batches, steps=s["steps"],
                        batch_size=s["batch_size"], lr=s["lr"], checkpoint_every=checkpoint_every)
    return Run(model, trainer, src[-n_test:], tgt[-n_test:], ids, target)


def train_reversal(*, attention: bool, seed: int = 0, n_test: int = 100, **settings) -> Run:
    """Train a digit reverser; settings default to ``REVERSAL_SETTINGS``.

    The held-out set has ``n_test`` strings of every length ``min_len..max_len``.
    """
    s = REVERSAL_SETTINGS | settings
    n_test, n_train = as_count(n_test, "n_test"), as_count(s["n_train"], "n_train")
    data, init, batches = _rngs(seed)
    src, tgt = reversal_pairs(n_train, rng=data, min_len=s["min_len"], max_len=s["max_len"])
    lengths = range(s["min_len"], s["max_len"] + 1)
    test = [reversal_pairs(n_test, rng=data, min_len=L, max_len=L) for L in lengths]
    model = Seq2Seq(DIGITS, DIGITS, s["d_emb"], s["d_h"], attention=attention, rng=init,
                    max_output_len=s["max_len"] + 5)
    trainer, ids = _fit(model, src, tgt, batches, steps=s["steps"], batch_size=s["batch_size"], lr=s["lr"])
    return Run(model, trainer, [x for a, _ in test for x in a], [y for _, b in test for y in b], ids)


@dataclass
class ReversalSweep:
    """Accuracy against source length, per variant: arrays [n_seeds, n_lengths]."""

    lengths: np.ndarray
    seeds: list[int]
    accuracy: dict[str, np.ndarray]          # "bottleneck" / "attention" -> whole-string accuracy
    char_accuracy: dict[str, np.ndarray]     # same, per character
    sharpness: np.ndarray                    # [n_seeds] attention's mean weight on the copied position
    runs: dict[str, list[Run]]


def reversal_sweep(seeds=(0, 1, 2), **settings) -> ReversalSweep:
    """Train both variants for every seed; accuracy by length on held-out strings.

    ``settings`` override ``REVERSAL_SETTINGS``; for the larger budget use ``**FULL_REVERSAL``.
    """
    s = REVERSAL_SETTINGS | settings
    lengths = np.arange(s["min_len"], s["max_len"] + 1)
    acc = {v: np.zeros((len(seeds), len(lengths))) for v in ("bottleneck", "attention")}
    char = {v: np.zeros_like(a) for v, a in acc.items()}
    runs = {v: [] for v in acc}
    sharp = np.zeros(len(seeds))
    for i, seed in enumerate(seeds):
        for v in acc:
            run = train_reversal(attention=v == "attention", seed=seed, **settings)
            runs[v].append(run)
            m, by_len = run.model, np.array([len(x) for x in run.test_sources])
            for j, L in enumerate(lengths):
                idx = np.flatnonzero(by_len == L)
                src = m.encode([run.test_sources[k] for k in idx])
                tgt = m.encode_targets([run.test_targets[k] for k in idx])
                acc[v][i, j], char[v][i, j] = m.accuracy(src, tgt), m.char_accuracy(src, tgt)
        sharp[i] = reversal_sharpness(runs["attention"][-1].model, runs["attention"][-1].test_sources)
    return ReversalSweep(lengths, list(seeds), acc, char, sharp, runs)


def _greedy_weights(model, sources, steps):  # -> [N, steps, S]
    _, w = model.greedy(model.encode(sources), steps=steps)
    if w is None:
        raise ValueError("the model has no attention: there are no alignment weights to measure.")
    return np.pad(w, ((0, 0), (0, steps - w.shape[1]), (0, 0)))  # rows after an early end: 0


def reversal_sharpness(model, sources, *, window=0) -> float:  # list[str] (N) -> float
    """Mean weight that output character u puts on source position L-1-u, the digit it copies.

    Averaged over every output position u < L of every source (greedy decoding; a step after the
    model has already ended counts as weight 0). 1.0 is a perfectly sharp anti-diagonal.
    ``window=1`` counts the weight on the copied position and its two neighbours.
    """
    L_max = max(map(len, sources))
    w = _greedy_weights(model, sources, L_max)
    vals = [w[n, u, max(0, len(x) - 1 - u - window): len(x) - u + window].sum()
            for n, x in enumerate(sources) for u in range(len(x))]
    return float(np.mean(vals))


def _span_shares(model, sources) -> np.ndarray:  # list[str] (N) -> [N, 8]
    """Per source and ISO digit (in ``ISO_FIELDS`` order): the weight on the span that determines it."""
    w = _greedy_weights(model, sources, 10)
    out = np.zeros((len(sources), len(ISO_FIELDS)))
    for n, x in enumerate(sources):
        spans = date_spans(x)
        for k, (u, field) in enumerate(ISO_FIELDS.items()):
            a, b = spans[field]
            out[n, k] = w[n, u, a:b].sum()
    return out


def date_sharpness(model, sources) -> dict[str, float]:  # list[str] (N) -> {field: float}
    """Share of each output digit's weight on the source span that determines it.

    ISO digits 0-3 are determined by the year as written, 5-6 by the month (word or number),
    8-9 by the day (``date_spans``). Returns the mean share per field and ``"all"`` over all
    eight digits; 1.0 means every digit looked only at its own span.
    """
    shares = _span_shares(model, sources)
    fields = np.array(list(ISO_FIELDS.values()))
    out = {f: float(shares[:, fields == f].mean()) for f in ("year", "month", "day")}
    out["all"] = float(shares.mean())
    return out


def digit_sharpness(model, sources) -> dict[str, float]:  # list[str] (N) -> {digit: float}
    """``date_sharpness`` for each ISO digit on its own: ``{"Y1": ..., "Y4": ..., "M1": ..., "D2": ...}``."""
    shares = _span_shares(model, sources).mean(axis=0)
    names = [f"{f[0].upper()}{k}" for f in ("year", "month", "day")
             for k in range(1, list(ISO_FIELDS.values()).count(f) + 1)]
    return {name: float(v) for name, v in zip(names, shares, strict=True)}


#: The exercise "one decoder step's context by hand": a decoder state (the query) and three
#: encoder states (keys and values), d_h = 2, for the source characters "S", "e", "p".
CONTEXT_EXERCISE = {
    "chars": ["S", "e", "p"],
    "s": np.array([1.0, 2.0]),
    "H": np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]),
}
