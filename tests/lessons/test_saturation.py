"""helpers.lessons.saturation: the softmax's top weight and slope over d_k, with and without the scale,
against loops and finite differences."""

import numpy as np
import pytest

from helpers.core.attention import softmax
from helpers.lessons.saturation import softmax_gradients, softmax_saturation
from tests.reference import loop_softmax_rows


def test_softmax_saturation():
    curve = softmax_saturation([1, 16, 256], np.random.default_rng(0), n_k=6, n_trials=300)
    assert np.all(np.diff(curve.max_weight_plain) > 0) and curve.max_weight_plain[-1] > 0.85
    assert np.all(np.abs(curve.max_weight_scaled - curve.max_weight_scaled[0]) < 0.1)
    assert np.allclose(curve.score_std_plain / np.sqrt(curve.d_k), curve.score_std_scaled)
    assert curve.max_weight_plain[0] == curve.max_weight_scaled[0]  # d_k = 1: scale is 1


def test_softmax_saturation_matches_a_loop_with_its_defaults():
    curve = softmax_saturation([1, 9], np.random.default_rng(3))
    assert curve.n_k == 8
    rng = np.random.default_rng(3)
    for i, d in enumerate([1, 9]):
        q, k = rng.normal(size=(400, 1, d)), rng.normal(size=(400, 8, d))
        plain = np.array([[q[n, 0] @ k[n, j] for j in range(8)] for n in range(400)])
        assert curve.max_weight_plain[i] == pytest.approx(loop_softmax_rows(plain).max(axis=1).mean())
        assert curve.max_weight_scaled[i] == pytest.approx(
            loop_softmax_rows(plain / np.sqrt(d)).max(axis=1).mean()
        )
        assert curve.score_std_plain[i] == pytest.approx(plain.std())
        assert curve.score_std_scaled[i] == pytest.approx(plain.std() / np.sqrt(d))


# ---- section 7: the gradient -------------------------------------------------------------------------
def test_softmax_gradients_match_finite_differences():
    d_k, n_k = 5, 4
    curve = softmax_gradients([d_k], np.random.default_rng(7), n_k=n_k, n_trials=3)
    rng = np.random.default_rng(7)  # the same draws
    q, k = rng.normal(size=(3, 1, d_k)), rng.normal(size=(3, n_k, d_k))
    h = 1e-6
    for c, slope, grad in ((1.0, curve.slope_plain, curve.query_plain),
                           (1 / np.sqrt(d_k), curve.slope_scaled, curve.query_scaled)):
        slopes, grads = [], []
        for qi, ki in zip(q[:, 0], k, strict=True):
            s = c * ki @ qi
            Js = np.stack([(softmax(s + h * e) - softmax(s - h * e)) / (2 * h) for e in np.eye(n_k)], 1)
            Jq = np.stack([(softmax(c * ki @ (qi + h * e)) - softmax(c * ki @ (qi - h * e))) / (2 * h)
                           for e in np.eye(d_k)], 1)
            slopes.append(np.linalg.norm(Js))
            grads.append(np.linalg.norm(Jq))
        assert slope[0] == pytest.approx(np.median(slopes), rel=1e-6)
        assert grad[0] == pytest.approx(np.median(grads), rel=1e-6)
