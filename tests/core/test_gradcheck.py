"""helpers.core.gradcheck: the model-wide gradient check finds a wrong gradient and names nothing else."""


import numpy as np
import pytest

from helpers.core.classifiers import RNNClassifier
from helpers.core.gradcheck import gradient_errors, largest_gradient_error, numerical_jacobian, relative_error


def _model_and_batch(seed=0):
    rng = np.random.default_rng(seed)
    return RNNClassifier(3, 4, 2, rng=rng), rng.normal(size=(5, 4, 3)), rng.integers(0, 2, size=5)


def test_a_right_model_passes_and_a_wrong_gradient_is_found_by_name():
    model, X, y = _model_and_batch()
    assert largest_gradient_error(model, X, y) < 1e-6

    class Broken(RNNClassifier):
        def loss_and_grads(self, X, y):
            loss, grads = super().loss_and_grads(X, y)
            return loss, grads | {"W_hh": 2 * grads["W_hh"]}  # a factor 2 too much

    broken = Broken(3, 4, 2, rng=np.random.default_rng(0))
    errors = gradient_errors(broken, X, y)
    assert errors["W_hh"] > 0.1 and max(v for k, v in errors.items() if k != "W_hh") < 1e-6


def test_missing_gradients_are_named():
    class Forgetful(RNNClassifier):
        def loss_and_grads(self, X, y):
            loss, grads = super().loss_and_grads(X, y)
            return loss, {k: v for k, v in grads.items() if k != "b_y"}

    model, X, y = _model_and_batch()
    with pytest.raises(ValueError, match="b_y"):
        gradient_errors(Forgetful(3, 4, 2, rng=np.random.default_rng(0)), X, y)


def test_numerical_jacobian_of_a_linear_map_is_its_matrix_and_restores_x():
    rng = np.random.default_rng(1)
    A, x = rng.normal(size=(3, 4)), rng.normal(size=4)
    before = x.copy()
    np.testing.assert_allclose(numerical_jacobian(lambda: A @ x, x), A, atol=1e-8)
    np.testing.assert_array_equal(x, before)
    with pytest.raises(ValueError, match="float64"):
        numerical_jacobian(lambda: x, x.astype(np.float32))


def test_the_default_step_is_small_and_a_given_step_is_used():
    x = np.array([0.5, -1.0])
    J = numerical_jacobian(lambda: np.sin(x) * x, x)  # diagonal: sin x + x cos x
    np.testing.assert_allclose(np.diag(J), np.sin(x) + x * np.cos(x), rtol=1e-8)
    assert J.dtype == np.float64 and not J[0, 1] and not J[1, 0]
    model, X, y = _model_and_batch(1)
    assert largest_gradient_error(model, X, y, eps=0.5) > 100 * largest_gradient_error(model, X, y)


# ---------------------------------------------------------------- relative_error


def test_relative_error_is_the_documented_formula():
    a, b = np.array([1.0, -2.5, 4.0]), np.array([1.5, -2.0, 3.0])
    assert relative_error(a, b) == pytest.approx(1.0 / 3.0, rel=1e-15)
    assert relative_error(b, b) == 0.0
    assert relative_error([], []) == 0.0
    assert relative_error([3, 1], [2, 1]) == pytest.approx(0.5)  # integers are read as numbers
    assert relative_error([1e-13], [0.0]) == pytest.approx(0.1)  # floor 1e-12 for an all-zero reference


def test_relative_error_names_both_shapes():
    with pytest.raises(ValueError) as err:
        relative_error(np.zeros((2, 3)), np.zeros(3))
    assert "(2, 3)" in str(err.value) and "(3,)" in str(err.value)
