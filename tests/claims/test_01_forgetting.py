"""Notebook 01, section 6: what erases the first word from the state.

The sentence: each new word adds its own term to the same fixed-size state while the older terms
shrink, so the varying later words (not the distance alone) erase word 1, a wider state keeps it
longer, and read from one state the older a word the less of it a linear read-out finds. The
negative control is the same network and distances with every later word one fixed word: the
later words then carry nothing, and word 1 must stay readable. A small gradient is not a lost word;
the linear probe is a lower bound (a quadratic read-out recovers more at short distances).
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers.core import embed_tokens, tokenize
from helpers.core import rnn_analysis as ra
from helpers.core.rnn import init_rnn
from helpers.lessons import LONG_SENTENCE
from helpers.lessons.forgetting import probe_last_state

VOCAB = embed_tokens(sorted(set(tokenize(LONG_SENTENCE))), 8)  # the notebook's 24 words, d_in = 8
NETS = range(4)


def probe(net, d_h=16, later="random", T=11, n=2000, radius=0.9):
    params = init_rnn(8, d_h, np.random.default_rng(net), radius=radius)
    rng = np.random.default_rng(10 + net)
    return ra.probe_first_word(*params, VOCAB, rng, T=T, n_sentences=n, later=later)


@pytest.mark.parametrize("d_h", [16, 32])
@pytest.mark.parametrize("net", NETS)
def test_c01_new_words_not_distance_erase_the_first_word(net, d_h):
    random_later = probe(net, d_h)
    assert random_later.r2[10] < 0.1  # ten random words later, word 1 is out of a linear read-out's reach
    fixed_later = probe(net, d_h, later="fixed")  # negative control: the same distances, no new information
    assert fixed_later.r2[10] > 0.9
    assert fixed_later.r2[0] == pytest.approx(random_later.r2[0], abs=1e-9)  # the same first words


@pytest.mark.parametrize("net", NETS)
def test_c01_a_wider_state_keeps_the_first_word_longer(net):
    narrow, wide = probe(net, 16, T=6), probe(net, 64, T=6)
    assert wide.r2[5] > narrow.r2[5] + 0.2


@pytest.mark.parametrize("net", NETS)
def test_c01_from_the_last_state_the_older_a_word_the_less_a_read_out_finds(net):
    params = init_rnn(8, 16, np.random.default_rng(net), radius=0.9)
    r2 = probe_last_state(*params, VOCAB, np.random.default_rng(10 + net), T=30)[::-1]  # newest first
    assert np.all(np.diff(r2[:5]) < 0)  # the five newest words, in order
    assert r2[0] < 0.95  # even the word just read is only partly recoverable mid-sentence
    assert np.all(r2[10:] < 0.1)


@pytest.mark.parametrize("net", NETS)
def test_c01_a_small_gradient_is_not_a_lost_word(net):
    # With one repeated later word the gradient ||dh_10 / dx_0|| still falls well below its start,
    # while the probe reads word 1 at R^2 > 0.9 (test above): the read-out does not care about scale.
    params = init_rnn(8, 16, np.random.default_rng(net), radius=0.9)
    for first in range(0, len(VOCAB), 6):
        for later in range(0, len(VOCAB), 5):
            X = np.vstack([VOCAB[first:first + 1], np.repeat(VOCAB[later:later + 1], 10, axis=0)])
            g = ra.first_word_influence(X, *params)
            assert g[10] < 0.5 * g[0]


@pytest.mark.parametrize("net", [0, 1])
def test_c01_the_linear_probe_is_a_lower_bound(net):
    # A quadratic read-out (features h and the products h_i h_j) recovers more at distances 1 and 2.
    params = init_rnn(8, 16, np.random.default_rng(net), radius=0.9)
    n = 8000
    words = np.random.default_rng(10 + net).integers(len(VOCAB), size=(n, 3))
    H = ra.batched_rnn_forward(VOCAB[words], *params)  # [n, 3, 16]
    iu = np.triu_indices(16)
    for t in (1, 2):
        h = H[:, t]
        quad = np.column_stack([h, (h[:, :, None] * h[:, None, :])[:, iu[0], iu[1]]])
        linear = ra.linear_probe(h, VOCAB[words[:, 0]], n // 2)[0]
        assert ra.linear_probe(quad, VOCAB[words[:, 0]], n // 2)[0] > linear + 0.05


