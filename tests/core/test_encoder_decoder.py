"""helpers.core.encoder_decoder: each part against central differences, and greedy = teacher forcing.

The Seq2Seq tests check the whole model's gradient; these check each part on its own, so a wrong
gradient is traced to the encoder or the decoder.
"""

import numpy as np
import pytest

from helpers.core.encoder_decoder import (
    decoder_backward,
    decoder_forward,
    decoder_input_table,
    decoder_step,
    encoder_backward,
    encoder_forward,
)
from helpers.core.gradcheck import numerical_gradient, relative_error
from helpers.core.seq2seq import Seq2Seq
from helpers.core.vocab import PAD_ID, START_ID


def _model(attention, bidirectional):
    m = Seq2Seq("abcd", "xyz", 3, 4, attention=attention, bidirectional=bidirectional,
                rng=np.random.default_rng(0))
    for p in m.params.values():  # biases off zero, so their gradients are generic
        p += np.random.default_rng(1).normal(0, 0.3, p.shape)
    return m


@pytest.mark.parametrize("bidirectional", [True, False])
def test_encoder_backward_matches_central_differences(bidirectional):
    m = _model(False, bidirectional)
    src = m.encode(["abc", "d", "cab"])
    H, s0, _ = encoder_forward(m.params, src, bidirectional=bidirectional)
    rng = np.random.default_rng(2)
    G, g0 = rng.normal(size=H.shape), rng.normal(size=s0.shape)

    def loss():
        H, s0, _ = encoder_forward(m.params, src, bidirectional=bidirectional)
        return float((H * G).sum() + (s0 * g0).sum())

    grads = encoder_backward(G, g0, encoder_forward(m.params, src, bidirectional=bidirectional)[2])
    assert set(grads) == {k for k in m.params if k == "E_in" or k.startswith("enc_")}
    for name, g in grads.items():
        assert relative_error(g, numerical_gradient(loss, m.params[name])) < 1e-6, name


@pytest.mark.parametrize("attention", [True, False])
def test_decoder_backward_matches_central_differences_also_through_H_and_s0(attention):
    m = _model(attention, True)
    src = m.encode(["abc", "d"])
    H, s0, _ = encoder_forward(m.params, src, bidirectional=True)
    dec_in = np.array([[START_ID, 3, 4], [START_ID, 5, PAD_ID]])
    G = np.random.default_rng(3).normal(size=(2, 3, len(m.vocab_out)))

    def loss():
        logits, _ = decoder_forward(m.params, dec_in, s0, H, src != PAD_ID, attention=attention)
        return float((logits * G).sum())

    _, cache = decoder_forward(m.params, dec_in, s0, H, src != PAD_ID, attention=attention)
    grads, dH, ds0 = decoder_backward(G, cache)
    for name, g in grads.items():
        assert relative_error(g, numerical_gradient(loss, m.params[name])) < 1e-6, name
    assert relative_error(ds0, numerical_gradient(loss, s0)) < 1e-6
    if attention:
        assert relative_error(dH, numerical_gradient(loss, H)) < 1e-6
    else:
        assert not dH.any()  # the bottleneck: the output never reads H


@pytest.mark.parametrize("attention", [True, False])
def test_decoding_step_by_step_gives_the_teacher_forced_scores(attention):
    m = _model(attention, True)
    src = m.encode(["abca", "db"])
    H, s, _ = encoder_forward(m.params, src, bidirectional=True)
    dec_in = np.array([[START_ID, 3, 4, 5], [START_ID, 5, 5, 3]])
    forced, _ = decoder_forward(m.params, dec_in, s, H, src != PAD_ID, attention=attention)
    table = decoder_input_table(m.params)
    for u in range(dec_in.shape[1]):
        logits, s, w = decoder_step(m.params, table, dec_in[:, u], s, H, (src != PAD_ID)[:, None, :],
                                    attention=attention)
        np.testing.assert_allclose(logits, forced[:, u], rtol=1e-10, atol=1e-12)
        assert (w is None) != attention
