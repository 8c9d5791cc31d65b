"""Which output characters a translator gets right: by output position and by date field. numpy only.

Notebook 06 asks where the model without attention loses what it should write. These measures
answer it from a trained :class:`~helpers.lessons.translation_experiments.Run`:

* ``position_accuracy(run)``: per output position u (first character written, second, ...), the
  share of held-out strings whose u-th character is right;
* ``field_accuracy(run)``: for dates, the share whose year (month, day) comes out whole and right,
  listed in the order the target writes the fields;
* ``constant_guess(run)``, ``position_guess(run)``: what a model that ignores the source scores
  per field or per character (always the most common value);
* ``position_by_length(runs, lengths)``: position accuracy for each source length, mean over runs.

``forced=True`` lets the decoder read the true previous characters (teacher forcing, as in
training) instead of its own guesses, so an early mistake cannot derail a later step.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import numpy as np

__all__ = ["TARGET_FIELDS", "position_accuracy", "field_accuracy", "constant_guess", "position_guess",
           "where", "position_by_length"]

#: Where each field sits in a target, per target format, in the order the target writes them.
TARGET_FIELDS = {"iso": {"year": slice(0, 4), "month": slice(5, 7), "day": slice(8, 10)},
                 "day_first": {"day": slice(0, 2), "month": slice(3, 5), "year": slice(6, 10)}}


def _predicted(run, forced):  # -> pred [N, U], tgt [N, U]
    m = run.model
    src, tgt = m.encode(run.test_sources), m.encode_targets(run.test_targets)
    pred = m.forced_predictions(src, tgt) if forced else m._padded_prediction(src, tgt.shape[1])
    return pred, tgt


def position_accuracy(run, *, forced: bool = False) -> np.ndarray:  # Run -> [U]
    """Share of held-out strings whose u-th output character is right, for each position u.

    Position u counts only the targets that have one (the end symbol included), so strings of
    several lengths can be mixed. Greedy decoding unless ``forced``.
    """
    pred, tgt = _predicted(run, forced)
    right = (pred == tgt) & (tgt != 0)
    return right.sum(axis=0) / (tgt != 0).sum(axis=0)


def _fields(run) -> dict[str, slice]:
    if run.target not in TARGET_FIELDS:
        raise ValueError(f"this measure needs a date run (target 'iso' or 'day_first'); got {run.target!r}.")
    return TARGET_FIELDS[run.target]


def field_accuracy(run, *, forced: bool = False) -> dict[str, float]:  # Run -> {field: float}
    """Dates: share of held-out dates whose field is right in every digit, in the order written."""
    fields = _fields(run)
    pred, tgt = _predicted(run, forced)
    return {f: float(np.mean(np.all(pred[:, s] == tgt[:, s], axis=1))) for f, s in fields.items()}


def _best_constant(values) -> float:
    values = list(values)
    return Counter(values).most_common(1)[0][1] / len(values)


def constant_guess(run) -> dict[str, float]:  # Run -> {field: float}
    """Dates: the field accuracy of always writing the field's most common held-out value."""
    return {f: _best_constant(t[s] for t in run.test_targets) for f, s in _fields(run).items()}


def position_guess(run) -> np.ndarray:  # Run -> [10]
    """Dates: per target character, the accuracy of always writing its most common held-out value."""
    _fields(run)
    return np.array([_best_constant(t[u] for t in run.test_targets) for u in range(10)])


def where(run, keep):
    """The same run with only the held-out pairs whose source passes ``keep(source)``."""
    pairs = [(s, t) for s, t in zip(run.test_sources, run.test_targets, strict=True) if keep(s)]
    if not pairs:
        raise ValueError("no held-out source passes the filter.")
    return replace(run, test_sources=[s for s, _ in pairs], test_targets=[t for _, t in pairs])


def position_by_length(runs, lengths, *, forced: bool = False) -> np.ndarray:  # -> [n_lengths, max(lengths)]
    """Position accuracy of reversal runs, one row per source length, mean over ``runs``.

    Row i, column u: the share of held-out strings of length ``lengths[i]`` whose u-th output
    digit is right (end symbol left out); NaN where u is past the string.
    """
    lengths = [int(L) for L in lengths]
    out = np.full((len(lengths), max(lengths)), np.nan)
    for i, L in enumerate(lengths):
        rows = [position_accuracy(where(r, lambda s, L=L: len(s) == L), forced=forced)[:L] for r in runs]
        out[i, :L] = np.mean(rows, axis=0)
    return out
