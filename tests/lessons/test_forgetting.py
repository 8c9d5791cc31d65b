"""helpers.lessons.forgetting: the last-state probe reads exactly what the state holds; bad input is named.

What notebook 01 says with these measures is tested in tests/claims/test_01_forgetting.py and
test_01_saturation.py (influence_ends).
"""

import numpy as np
import pytest

from helpers.core import embed_tokens, tokenize
from helpers.core import rnn_analysis as ra
from helpers.core.rnn import init_rnn
from helpers.lessons import LONG_SENTENCE
from helpers.lessons.forgetting import probe_last_state

VOCAB = embed_tokens(sorted(set(tokenize(LONG_SENTENCE))), 8)  # the notebook's 24 words, d_in = 8


def test_the_probe_controls_reject_bad_input():
    params = init_rnn(8, 4, np.random.default_rng(0))
    with pytest.raises(ValueError, match="later must be 'random' or 'fixed'"):
        ra.probe_first_word(*params, VOCAB, np.random.default_rng(0), later="zero")
    with pytest.raises(ValueError, match="n_sentences"):
        probe_last_state(*params, VOCAB, np.random.default_rng(0), n_sentences=2)


def test_the_last_state_probe_reads_the_newest_word_exactly_without_recurrence():
    # No recurrence, no bias, no tanh saturation to speak of: h_{T-1} is a function of the last word only.
    rng = np.random.default_rng(0)
    W_xh = rng.normal(size=(8, 16))
    r2 = probe_last_state(W_xh * 0.01, np.zeros((16, 16)), np.zeros(16), VOCAB, np.random.default_rng(1), T=4,
                          n_sentences=400)
    assert r2[-1] > 0.999 and np.all(r2[:-1] < 0.05)
