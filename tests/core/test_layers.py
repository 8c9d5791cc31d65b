"""helpers.core.layers: the loss, the linear map and the embedding table against central differences."""

import math

import numpy as np
import pytest

from helpers.core.gradcheck import numerical_gradient
from helpers.core.layers import (
    embedding_backward,
    embedding_forward,
    linear_backward,
    linear_forward,
    softmax_cross_entropy,
)
from tests.reference import loop_cross_entropy
from tests.support.core import assert_close


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_softmax_cross_entropy_gradient_and_value(seed):
    rng = np.random.default_rng(seed)
    logits = rng.normal(size=(3, 4, 5)) * 3
    y = rng.integers(0, 5, size=(3, 4))
    mask = rng.random((3, 4)) < 0.7
    mask[0, 0] = True
    loss, d = softmax_cross_entropy(logits, y, mask)
    assert loss == pytest.approx(loop_cross_entropy(logits, y, mask), rel=1e-12)
    num = numerical_gradient(lambda: softmax_cross_entropy(logits, y, mask)[0], logits)
    assert_close(d, num)
    assert np.all(d[~mask] == 0)


def test_softmax_cross_entropy_rejects_bad_labels():
    with pytest.raises(ValueError, match="class ids"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 3]))
    with pytest.raises(ValueError, match="shape"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 1, 2]))
    with pytest.raises(ValueError, match="no rows"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 1]), np.zeros(2, bool))


def test_linear_and_embedding_gradients():
    rng = np.random.default_rng(3)
    X, W, b = rng.normal(size=(2, 3, 4)), rng.normal(size=(4, 5)), rng.normal(size=5)
    G = rng.normal(size=(2, 3, 5))

    def f():
        return float((linear_forward(X, W, b)[0] * G).sum())

    dX, dW, db = linear_backward(G, linear_forward(X, W, b)[1])
    for analytic, x in [(dX, X), (dW, W), (db, b)]:
        assert_close(analytic, numerical_gradient(f, x))
    ids = np.array([[0, 2, 2], [1, 0, 2]])
    E = rng.normal(size=(4, 3))
    G = rng.normal(size=(2, 3, 3))
    dE = embedding_backward(G, embedding_forward(ids, E)[1])
    assert_close(dE, numerical_gradient(lambda: float((embedding_forward(ids, E)[0] * G).sum()), E))
    assert np.all(dE[3] == 0)          # an unused row gets no gradient


# ---------------------------------------------------------------- softmax_cross_entropy


def test_cross_entropy_matches_a_loop_over_a_batch_of_sequences():
    rng = np.random.default_rng(6)
    logits, y = rng.normal(size=(2, 3, 5)) * 3, rng.integers(0, 5, size=(2, 3))
    loss, d = softmax_cross_entropy(logits, y)
    assert loss == pytest.approx(loop_cross_entropy(logits, y), rel=1e-12)
    assert d.shape == logits.shape
    np.testing.assert_allclose(d.sum(axis=-1), 0, atol=1e-12)  # softmax minus one-hot sums to 0


def test_cross_entropy_is_finite_for_rows_of_very_different_scale():
    logits = np.array([[1000.0, 0.0, -1000.0], [0.0, 1.0, 2.0], [-800.0, -801.0, -799.0]])
    y = np.array([0, 2, 1])
    loss, d = softmax_cross_entropy(logits, y)
    assert np.isfinite(loss) and np.all(np.isfinite(d))
    assert loss == pytest.approx(loop_cross_entropy(logits, y), rel=1e-12)


def test_cross_entropy_accepts_integer_logits():
    loss, _ = softmax_cross_entropy(np.array([[3, 1]]), np.array([1]))
    assert loss == pytest.approx(math.log(1 + math.exp(2)), rel=1e-12)


def test_cross_entropy_errors_name_the_expected_shape_and_range():
    logits = np.zeros((2, 3, 4))
    with pytest.raises(ValueError, match=r"\(2, 3\)") as err:
        softmax_cross_entropy(logits, np.zeros((2, 4), int))
    assert "(2, 4)" in str(err.value)
    with pytest.raises(ValueError, match=r"0\.\.3") as err:
        softmax_cross_entropy(logits, np.full((2, 3), 4))
    with pytest.raises(ValueError, match="mask") as err:
        softmax_cross_entropy(logits, np.zeros((2, 3), int), mask=np.zeros((2, 3), bool))
    assert "no rows" in str(err.value)
