"""helpers.lessons.start_here: notebook 00's weights are the softmax of dot products over a temperature."""

from __future__ import annotations

import numpy as np
import pytest

from tests.reference import loop_attention_weights
from tests.support.messages import raises_naming

# ----------------------------------------------------------------------------- start_here (notebook 00)


def test_start_here_weights_defaults_and_options():
    from helpers.core.embeddings import embed_tokens
    from helpers.lessons.start_here import start_here_weights

    tokens, W = start_here_weights()
    assert tokens == ["I", "go", "home"]
    X = embed_tokens(tokens, 4, seed=0)
    np.testing.assert_allclose(W, loop_attention_weights(X, X, 1.0))
    tokens, W = start_here_weights("the cat sat", 0.5, d=3, seed=2)
    assert tokens == ["the", "cat", "sat"]
    X = embed_tokens(tokens, 3, seed=2)
    np.testing.assert_allclose(W, loop_attention_weights(X, X, 1 / 0.5))


@pytest.mark.parametrize("bad", [0.0, -0.25])
def test_temperature_must_be_positive(bad):
    from helpers.lessons.start_here import temperature_weights

    raises_naming(temperature_weights, np.eye(2), bad, names=[str(bad)])
    X = np.random.default_rng(1).normal(size=(4, 3))
    np.testing.assert_allclose(temperature_weights(X, 2.5), loop_attention_weights(X, X, 1 / 2.5))
