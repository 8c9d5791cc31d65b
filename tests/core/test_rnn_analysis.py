"""helpers.core.rnn_analysis against independent computations: finite differences, loops, matrix powers."""


import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core.rnn import birnn_forward, init_rnn, input_influence, rnn_forward
from helpers.core.rnn_analysis import (
    batched_rnn_forward,
    birnn_influence,
    first_word_influence,
    gradient_fate,
    hidden_influence,
    jacobian_product,
    power_norms,
    probe_first_word,
    state_difference,
    step_jacobian,
)
from tests.support.core import D_IN, a, probe
from tests.support.messages import mentions

EPS = 1e-6


def _setup(T=6, d_in=3, d_h=4, seed=0, radius=0.9):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(T, d_in))
    W_xh, W_hh, _ = init_rnn(d_in, d_h, rng, radius=radius)
    b_h = rng.normal(scale=0.1, size=d_h)
    return X, W_xh, W_hh, b_h


def _fd_jacobian(f, x):
    """Central finite-difference Jacobian of f at x: [len(f(x)), len(x)]."""
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = EPS
        cols.append((f(x + e) - f(x - e)) / (2 * EPS))
    return np.stack(cols, axis=1)


@pytest.mark.parametrize("nonlinearity", ["tanh", "none"])
def test_step_jacobian_matches_finite_differences(nonlinearity):
    X, W_xh, W_hh, b_h = _setup()
    H = rnn_forward(X, W_xh, W_hh, b_h, nonlinearity=nonlinearity)
    f = {"tanh": np.tanh, "none": lambda a: a}[nonlinearity]

    def one_step(h_prev):
        return f(X[3] @ W_xh + h_prev @ W_hh + b_h)

    expected = _fd_jacobian(one_step, H[2])
    got = step_jacobian(H[3], W_hh, nonlinearity=nonlinearity)
    np.testing.assert_allclose(got, expected, atol=1e-7)


@pytest.mark.parametrize(("s", "t"), [(0, 0), (1, 2), (0, 5), (2, 5)])
def test_jacobian_product_matches_finite_differences(s, t):
    X, W_xh, W_hh, b_h = _setup()
    H = rnn_forward(X, W_xh, W_hh, b_h)

    def run_from(h_s):  # restart the recurrence at h_s and read h_t
        if t == s:
            return h_s
        return rnn_forward(X[s + 1 : t + 1], W_xh, W_hh, b_h, h0=h_s)[-1]

    np.testing.assert_allclose(jacobian_product(H, W_hh, s, t), _fd_jacobian(run_from, H[s]), atol=1e-7)


@pytest.mark.parametrize("nonlinearity", ["tanh", "none"])
def test_hidden_influence_is_spectral_norm_of_finite_difference_jacobian(nonlinearity):
    X, W_xh, W_hh, b_h = _setup(T=7, radius=1.1)
    H = rnn_forward(X, W_xh, W_hh, b_h, nonlinearity=nonlinearity)
    T = X.shape[0]
    expected = []
    for t in range(T):
        if t == T - 1:
            expected.append(1.0)
            continue
        J = _fd_jacobian(lambda h, t=t: rnn_forward(X[t + 1 :], W_xh, W_hh, b_h, h0=h,
                                                    nonlinearity=nonlinearity)[-1], H[t])
        expected.append(np.linalg.svd(J, compute_uv=False)[0])
    got = hidden_influence(X, W_xh, W_hh, b_h, nonlinearity=nonlinearity)
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("nonlinearity", ["tanh", "none"])
def test_first_word_influence_is_first_column_and_finite_differences(nonlinearity):
    X, W_xh, W_hh, b_h = _setup(T=8)
    got = first_word_influence(X, W_xh, W_hh, b_h, nonlinearity=nonlinearity)
    np.testing.assert_allclose(got, input_influence(X, W_xh, W_hh, b_h, nonlinearity=nonlinearity)[:, 0])

    def all_states(x0):
        return rnn_forward(np.vstack([x0, X[1:]]), W_xh, W_hh, b_h, nonlinearity=nonlinearity)

    J = _fd_jacobian(lambda x0: all_states(x0).ravel(), X[0]).reshape(X.shape[0], W_hh.shape[0], -1)
    np.testing.assert_allclose(got, np.linalg.norm(J, axis=(1, 2)), rtol=1e-6)


def test_first_word_influence_decays_below_one_and_grows_above_one_linear():
    X, W_xh, W_hh, b_h = _setup(T=30, radius=0.5)
    small = first_word_influence(X, W_xh, W_hh, b_h, nonlinearity="none")
    assert small[-1] < 1e-5 * small[0]
    big = first_word_influence(X, W_xh, W_hh * 3.0, b_h, nonlinearity="none")  # radius 1.5
    assert big[-1] > 1e3 * big[0]


def test_state_difference_matches_loop():
    X, W_xh, W_hh, b_h = _setup()
    X2 = X.copy()
    X2[0] += 1.0
    H1, H2 = rnn_forward(X, W_xh, W_hh, b_h), rnn_forward(X2, W_xh, W_hh, b_h)
    expected = [np.sqrt(np.sum((H1[t] - H2[t]) ** 2)) for t in range(X.shape[0])]
    np.testing.assert_allclose(state_difference(X, X2, W_xh, W_hh, b_h), expected)
    with pytest.raises(ValueError, match="shape of X"):
        state_difference(X, X[:3], W_xh, W_hh, b_h)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 4), T=st.integers(1, 6), seed=st.integers(0, 1000),
       nonlinearity=st.sampled_from(["tanh", "none"]))
def test_batched_forward_equals_loop_over_batch(n, T, seed, nonlinearity):
    rng = np.random.default_rng(seed)
    Xb = rng.normal(size=(n, T, 3))
    W_xh, W_hh, b_h = init_rnn(3, 5, rng, radius=0.8)
    got = batched_rnn_forward(Xb, W_xh, W_hh, b_h, nonlinearity=nonlinearity)
    for i in range(n):
        np.testing.assert_allclose(got[i], rnn_forward(Xb[i], W_xh, W_hh, b_h, nonlinearity=nonlinearity))


def test_probe_reads_first_word_only_where_it_is_stored():
    # No recurrence and no nonlinearity: h_t = x_t W_xh, so only h_0 holds the first word.
    rng = np.random.default_rng(0)
    vocab = rng.normal(size=(12, 3))
    W_xh = rng.normal(size=(3, 5))
    res = probe_first_word(W_xh, np.zeros((5, 5)), np.zeros(5), vocab, np.random.default_rng(1),
                           T=4, n_sentences=600, nonlinearity="none")
    assert res.r2[0] == pytest.approx(1.0, abs=1e-9)
    assert res.accuracy[0] == 1.0
    assert np.all(res.r2[1:] < 0.05)
    assert res.chance == pytest.approx(1 / 12)
    np.testing.assert_array_equal(res.distance, np.arange(4))


def test_probe_r2_matches_normal_equations():
    rng = np.random.default_rng(3)
    vocab = rng.normal(size=(10, 3))
    W_xh, W_hh, b_h = init_rnn(3, 6, rng, radius=0.9)
    n, T, t = 200, 5, 2
    res = probe_first_word(W_xh, W_hh, b_h, vocab, np.random.default_rng(7), T=T, n_sentences=n)
    # Redraw the same sentences and fit the probe independently, sentence by sentence.
    words = np.random.default_rng(7).integers(10, size=(n, T))
    H = np.array([rnn_forward(vocab[w], W_xh, W_hh, b_h)[t] for w in words])
    F = np.column_stack([H, np.ones(n)])
    Y = vocab[words[:, 0]]
    tr, te = slice(0, n // 2), slice(n // 2, n)
    A = np.linalg.solve(F[tr].T @ F[tr], F[tr].T @ Y[tr])
    r2 = 1 - np.sum((Y[te] - F[te] @ A) ** 2) / np.sum((Y[te] - Y[tr].mean(0)) ** 2)
    assert res.r2[t] == pytest.approx(r2, rel=1e-6)
    nearest = [np.argmin([np.sum((p - v) ** 2) for v in vocab]) for p in F[te] @ A]
    assert res.accuracy[t] == pytest.approx(np.mean(np.array(nearest) == words[te, 0]))


def test_probe_rejects_bad_input():
    W = init_rnn(3, 4, np.random.default_rng(0))
    with pytest.raises(ValueError, match="at least 2 words"):
        probe_first_word(*W, np.ones((1, 3)), np.random.default_rng(0))
    with pytest.raises(ValueError, match="n_sentences"):
        probe_first_word(*W, np.ones((4, 3)), np.random.default_rng(0), n_sentences=2)


@pytest.mark.parametrize("nonlinearity", ["tanh", "none"])
def test_birnn_influence_matches_finite_differences(nonlinearity):
    rng = np.random.default_rng(5)
    T, d_in, d_h = 5, 3, 4
    X = rng.normal(size=(T, d_in))
    fwd_p, bwd_p = init_rnn(d_in, d_h, rng), init_rnn(d_in, d_h, rng)
    fwd, bwd, both = birnn_influence(X, fwd_p, bwd_p, nonlinearity=nonlinearity)
    for s in range(T):
        def run(x_s, s=s):
            Xs = X.copy()
            Xs[s] = x_s
            return birnn_forward(Xs, fwd_p, bwd_p, nonlinearity=nonlinearity).ravel()

        J = _fd_jacobian(run, X[s]).reshape(T, 2 * d_h, d_in)
        np.testing.assert_allclose(fwd[:, s], np.linalg.norm(J[:, :d_h], axis=(1, 2)), atol=1e-7)
        np.testing.assert_allclose(bwd[:, s], np.linalg.norm(J[:, d_h:], axis=(1, 2)), atol=1e-7)
        np.testing.assert_allclose(both[:, s], np.linalg.norm(J, axis=(1, 2)), atol=1e-7)
    assert np.all(np.triu(fwd, 1) == 0) and np.all(np.tril(bwd, -1) == 0)


def test_birnn_influence_rejects_1d_input():
    p = init_rnn(3, 4, np.random.default_rng(0))
    with pytest.raises(ValueError, match="2-D"):
        birnn_influence(np.ones(3), p, p)


def test_power_norms_match_matrix_power():
    W = np.random.default_rng(2).normal(size=(4, 4))
    expected = [np.linalg.norm(np.linalg.matrix_power(W.T, k), 2) for k in range(7)]
    np.testing.assert_allclose(power_norms(W, 6), expected, rtol=1e-10)


@pytest.mark.parametrize(
    ("W", "fate"),
    [
        (np.diag([0.5, 0.9]), "vanish"),
        (np.diag([1.2, 0.3]), "explode"),
        (np.array([[0.0, -1.0], [1.0, 0.0]]), "neither"),  # a rotation keeps lengths
        (np.array([[0.5, 3.0], [0.0, 0.5]]), "vanish"),  # a big entry, but spectral radius 0.5
        (np.full((2, 2), 0.6), "explode"),  # small entries, but spectral radius 1.2
    ],
)
def test_gradient_fate_follows_spectral_radius(W, fate):
    assert gradient_fate(W) == fate


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: step_jacobian(np.ones(3), np.eye(4)), "same d_h"),
        (lambda: step_jacobian(np.ones(4), np.ones((4, 3))), "square"),
        (lambda: step_jacobian(np.ones(4), np.eye(4), nonlinearity="relu"), "nonlinearity"),
        (lambda: jacobian_product(np.ones((3, 4)), np.eye(4), 2, 1), "s <= t"),
        (lambda: jacobian_product(np.ones((3, 4)), np.eye(4), 0, 3), "T = 3"),
        (lambda: hidden_influence(np.ones(3), np.ones((3, 4)), np.eye(4), np.zeros(4)), "2-D"),
        (lambda: power_norms(np.eye(2), -1), "steps"),
    ],
)
def test_bad_input_raises_clear_message(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ---------------------------------------------------------------- gradient fate, quietly


def test_an_exploding_rnn_reports_its_fate_without_numpy_warnings():
    """A learner sees the result, not a RuntimeWarning or an SVD error from an overflow inside numpy.

    Gains past the largest float are reported as infinite (the product overflows after ~180 steps).
    The influence curves stay quiet at the live explorer's largest settings (radius 5, linear, T 30).
    """
    import warnings

    from helpers.core.rnn import input_influence
    from helpers.core.rnn_analysis import gradient_fate, hidden_influence, power_norms

    W = 50.0 * np.eye(3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        norms = power_norms(W, 300)
        assert gradient_fate(W, steps=300) == "explode"
        X = np.ones((30, 3))
        assert np.isfinite(hidden_influence(X, np.eye(3), W / 10, np.zeros(3), nonlinearity="none")).all()
        assert np.isfinite(input_influence(X, np.eye(3), W / 10, np.zeros(3), nonlinearity="none")).all()
    assert norms[0] == 1.0 and norms[1] == pytest.approx(50.0)
    finite = np.isfinite(norms)
    assert finite[:150].all() and np.isinf(norms[-1])
    assert not finite[int(np.argmin(finite)):].any()  # once infinite, infinite from then on


def test_gain_classes_have_inclusive_thresholds_and_follow_the_last_step():
    from helpers.core.rnn_analysis import classify_gain, gradient_fate, power_norms

    assert classify_gain(1e2) == classify_gain(1e-2) == "neither"  # the thresholds themselves
    assert classify_gain(1.0001e2) == classify_gain(np.nan) == classify_gain(np.inf) == "explode"
    assert classify_gain(0.9999e-2) == "vanish"
    W = 0.5 * np.eye(2)  # gain 0.5 after one step, 1 after none
    assert gradient_fate(W, steps=1, low=0.6) == "vanish"
    assert gradient_fate(W, steps=1, low=0.1, high=0.4) == "explode"
    assert gradient_fate(W, steps=1, low=0.1) == "neither"
    assert power_norms(W, 0).tolist() == [1.0]
    with pytest.raises(ValueError, match="-1"):
        power_norms(W, -1)


def test_probe_accepts_its_smallest_task_and_names_what_is_too_small():
    result = probe(a(2, D_IN), T=1, n_sentences=8)
    assert len(result.r2) == 1
    with pytest.raises(ValueError, match="got 1"):
        probe(a(1, D_IN), T=2, n_sentences=8)
    with pytest.raises(ValueError) as err:
        probe(a(3, D_IN), T=0, n_sentences=7)
    assert "T = 0" in str(err.value) and "n_sentences = 7" in str(err.value)
    with pytest.raises(ValueError, match="n_sentences = 7"):
        probe(a(3, D_IN), T=2, n_sentences=7)
    with pytest.raises(ValueError) as err:
        probe(a(3, D_IN, 1), T=2, n_sentences=8)
    assert mentions(str(err.value), "vocab") and "(3, 3, 1)" in str(err.value)
