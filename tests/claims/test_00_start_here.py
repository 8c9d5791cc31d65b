"""Claims of notebook 00 (docs/CLAIMS.md): softmax weights and temperature, a word and itself, the
opening sentence about the RNN, and the Python check.

The opening sentence says an untrained RNN's first word *usually* fades with distance and that with
some large weights it explodes instead; both halves are measured here over seeds and widths.
"""

from __future__ import annotations

import sys

import nbformat
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core import attention as A
from helpers.core.rnn import init_rnn, input_influence
from helpers.lessons.start_here import start_here_weights, temperature_weights
from tests.claims import ROOT
from tests.support.sweeps import SETTINGS, rng_of, seeds


def _first_word_gain(seed, d_h, radius, T=30):
    """||d h_last / d x_first|| over ||d h_first / d x_first|| in one untrained tanh RNN."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(T, 4))
    influence = input_influence(X, *init_rnn(4, d_h, rng, radius=radius))[:, 0]  # [T]
    return influence[-1] / influence[0]


@pytest.mark.parametrize("d_h", [8, 16, 64])
@pytest.mark.parametrize("seed", range(6))
def test_c00_at_the_default_radius_the_first_word_fades(seed, d_h):
    assert _first_word_gain(seed, d_h, radius=0.9) < 1e-2  # the default init_rnn radius


@pytest.mark.parametrize("seed", range(6))
def test_c00_with_large_weights_the_first_word_explodes_instead(seed):
    # The other half of the sentence, and its negative control: fading is not a law of RNNs.
    assert _first_word_gain(seed, 64, radius=3.0) > 10.0


class _Version(tuple):
    major = property(lambda self: self[0])
    minor = property(lambda self: self[1])


def _python_check_line(monkeypatch, capsys, version):
    nb = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "sys.version_info" in c.source)
    monkeypatch.setattr(sys, "version_info", _Version(version))
    exec(compile(cell.source, "00-version-cell", "exec"), {})
    return capsys.readouterr().out.splitlines()[0]


def test_c00_the_python_check_prints_the_same_line_on_every_supported_python(monkeypatch, capsys):
    # Strict nbval compares this line: a learner on 3.12 must see what the committed notebook shows.
    lines = {v: _python_check_line(monkeypatch, capsys, v) for v in [(3, 11, 7), (3, 12, 1), (3, 13, 0)]}
    assert set(lines.values()) == {"Python 3.11 or newer: ok"}, lines
    assert "too old" in _python_check_line(monkeypatch, capsys, (3, 10, 4))


# ---- 00: softmax rows, temperature ------------------------------------------------------------
@SETTINGS
@given(seeds, st.integers(1, 12), st.integers(1, 12))
def test_c00_softmax_rows_are_positive_and_sum_to_1(seed, n_q, n_k):
    S = rng_of(seed).uniform(-30, 30, size=(n_q, n_k))  # |score| < 30: exp does not underflow to 0
    W = A.softmax(S)
    assert np.all(W > 0) and np.allclose(W.sum(axis=-1), 1.0)


@SETTINGS
@given(seeds, st.integers(2, 10), st.floats(0.05, 5.0), st.floats(0.05, 5.0))
def test_c00_lower_temperature_sharpens_every_row(seed, T, t1, t2):
    lo, hi = sorted((t1, t2))
    X = rng_of(seed).normal(size=(T, 4))
    w_lo, w_hi = temperature_weights(X, lo), temperature_weights(X, hi)
    assert np.all(w_lo.max(axis=1) >= w_hi.max(axis=1) - 1e-12)  # the top weight never falls as T drops


def test_c00_go_does_not_win_its_own_row():
    # The exercise message: a word's dot product with itself is not always its largest.
    tokens, w = start_here_weights("I go home", temperature=0.1)
    assert tokens[int(np.argmax(w[1]))] == "I" and tokens[int(np.argmax(w[2]))] == "home"
