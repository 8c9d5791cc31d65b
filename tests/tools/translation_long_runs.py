"""The runs notebook 06 quotes but cannot afford in its 45 s: run them, and check what it says.

Usage: python tests/tools/translation_long_runs.py [run ...]   (about 2 minutes of CPU for all five
runs, 112 s measured; `make test-slow`, which `.ci/run` calls, runs them all)

Notebook 06 trains its translators for 150 (dates) and 400 (reversal) steps. Sections 3 and 4 say
what more room and more training do for the model without attention (d_emb 16, batch 64, Adam,
seeds 0-2 unless named), and claim that at the notebook's budget the u-th digit written is right
about as often whatever the source length. Each run is one seed of a chaotic process, so exact
numbers differ from machine to machine: the checks have margins, and the notebook quotes only what
they check. Exit status 1 names the claim that failed.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from helpers.core import training
from helpers.lessons import translation_experiments as ex
from helpers.lessons.translation_positions import field_accuracy, position_accuracy, position_by_length

SEEDS = (0, 1, 2)


def _by_length(run, lengths) -> np.ndarray:  # -> [n_lengths] whole-string accuracy
    out = []
    for L in lengths:
        idx = [i for i, s in enumerate(run.test_sources) if len(s) == L]
        m = run.model
        out.append(m.accuracy(m.encode([run.test_sources[i] for i in idx]),
                              m.encode_targets([run.test_targets[i] for i in idx])))
    return np.array(out)


def room():
    """d_h = 128 against 64 at the notebook's budget: mean over seeds 0-2, per length 3..12."""
    lengths = range(3, 13)
    mean = {d: np.mean([_by_length(ex.train_reversal(attention=False, seed=s, d_h=d), lengths)
                        for s in SEEDS], axis=0) for d in (64, 128)}
    print("  mean accuracy by length 3..12, d_h 64: ", mean[64].round(2), "\n  d_h 128:", mean[128].round(2))
    return ("twice the room (d_h = 128), 400 steps: the curve does not move right "
            "(at no length more than 0.1 above d_h = 64, seeds 0-2)",
            bool(np.all(mean[128] <= mean[64] + 0.1)))


def longer():
    """Without attention, lr 3e-3 and 6000 steps (d_h = 64): 9-digit strings, per seed."""
    acc = [_by_length(ex.train_reversal(attention=False, seed=s, lr=3e-3, steps=6000), [9])[0] for s in SEEDS]
    print("  9-digit accuracy per seed:", np.round(acc, 2))
    return ("lr 3e-3, 6000 steps, d_h = 64: over two thirds of the 9-digit strings, in each of seeds 0-2",
            min(acc) > 2 / 3)


def dates_2000():
    """Dates without attention, 2000 steps, seed 0: whole fields right with either target order."""
    iso = field_accuracy(ex.train_dates(attention=False, seed=0, steps=2000))
    first = field_accuracy(ex.train_dates(attention=False, seed=0, steps=2000, target="day_first"))
    print("  YYYY-MM-DD:", {k: round(v, 2) for k, v in iso.items()},
          "\n  DD-MM-YYYY:", {k: round(v, 2) for k, v in first.items()})
    return ("dates, 2000 steps: ISO year over 0.9, day under 0.1; day first, day over 0.4, year under 0.1",
            iso["year"] > 0.9 and iso["day"] < 0.1 and first["day"] > 0.4 and first["year"] < 0.1)


def position_not_length():
    """The notebook's budget on seeds it does not use (3-5): the u-th digit written, by source length."""
    runs = [ex.train_reversal(attention=False, seed=s) for s in (3, 4, 5)]
    lengths = np.arange(3, 13)
    table = position_by_length(runs, lengths)             # [lengths, u], mean of the 3 seeds
    spread = [np.ptp(table[lengths > u, u]) for u in range(6)]
    drop = table[:, 0].mean() - table[lengths >= 8, 7].mean()   # digit 1 against digit 8
    pooled = [position_accuracy(r)[:12] for r in runs]
    print("  spread over lengths of the u-th digit's accuracy, u = 1..6:", np.round(spread, 2),
          f"\n  digit 1 minus digit 8: {drop:.2f}",
          "\n  digits 1-3 / 8-12 per seed:", [f"{a[:3].mean():.2f} / {a[7:].mean():.2f}" for a in pooled])
    return ("400 steps, seeds 3-5: the u-th digit written (u = 1..6) is right about equally often at every "
            "source length (spread under 0.25), while digit 8 is right far less often than digit 1 (by over "
            "0.5); digits 1-3 above 0.8 and digits 8-12 below 0.3 in every seed",
            max(spread) < 0.25 and drop > 0.5
            and all(a[:3].mean() > 0.8 and a[7:].mean() < 0.3 for a in pooled))


def _final_weights(train, nudge: bool) -> np.ndarray:
    """Train with every initial weight times (1 + 1e-12 noise) if ``nudge``; the trained weights, flat."""
    stock, rng = training.Trainer.__init__, np.random.default_rng(1)

    def nudged(self, model, **kw):
        for w in model.params.values():
            w *= 1.0 + 1e-12 * rng.standard_normal(w.shape)
        stock(self, model, **kw)

    training.Trainer.__init__ = nudged if nudge else stock
    try:
        return np.concatenate([w.ravel() for w in train().model.params.values()])
    finally:
        training.Trainer.__init__ = stock


def chaos():
    """Initial weights changed by one part in 10^12: reversal at 400 steps, and dates at 150 (control)."""
    change = {}
    for name, train in (("reversal", lambda: ex.train_reversal(attention=False, seed=0)),
                        ("dates", lambda: ex.train_dates(attention=False, seed=0))):
        a, b = _final_weights(train, False), _final_weights(train, True)
        change[name] = float(np.abs(a - b).max() / np.abs(a).max())
    print("  largest change of a trained weight, relative to the largest weight:", change)
    return ("reversal, 400 steps: a 1e-12 nudge of the initial weights gives a visibly different model "
            "(a trained weight moves by over 1e-3 of the largest); not dates at 150 steps (under 1e-6)",
            change["reversal"] > 1e-3 and change["dates"] < 1e-6)


RUNS = [chaos, room, position_not_length, dates_2000, longer]


def main(names=()) -> int:
    """Run every long run (or only those named) and check its claim."""
    failed = []
    for run in [r for r in RUNS if not names or r.__name__ in names]:
        start = time.process_time()
        print(f"{run.__name__}: {run.__doc__}")
        claim, ok = run()
        print(f"{'[ok]  ' if ok else '[FAIL]'} {claim}   ({time.process_time() - start:.0f} s CPU)")
        if not ok:
            failed.append(claim)
    if failed:
        print("notebook 06 quotes claims these runs did not reproduce:", *failed, sep="\n- ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
