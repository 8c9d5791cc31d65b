"""helpers.lessons.attention against independent computations (explicit loops, finite differences)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core.rnn import init_rnn, rnn_forward
from helpers.lessons import attention as aa
from helpers.lessons import examples
from tests.reference import loop_attention_weights, loop_self_attention, loop_softmax


def test_naive_example_gives_the_posts_weights():
    tokens, X = examples.naive_example()
    assert tokens == ["I", "go", "home"]
    assert X.shape == (3, 2)
    scores = [float(X[0] @ X[j]) for j in range(3)]
    assert np.allclose(loop_softmax(scores), examples.EXAMPLE_WEIGHTS)
    # "home" is longer than "I" along the direction of "I"
    assert X[2] @ X[0] > X[0] @ X[0]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0.05, 1.0), min_size=2, max_size=5), st.integers(2, 4), st.integers(0, 10_000))
def test_embeddings_for_weights_any_target(raw, d, seed):
    w = np.array(raw) / sum(raw)
    rng = np.random.default_rng(seed)
    q = rng.normal(size=d) + 0.5
    X = examples.embeddings_for_weights(q, w, rng.normal(size=(len(w), d)))
    assert np.allclose(loop_softmax([float(X[0] @ x) for x in X]), w, atol=1e-9)


def test_embeddings_for_weights_bad_input():
    with pytest.raises(ValueError, match="sum to 1"):
        examples.embeddings_for_weights([1.0, 0.0], [0.5, 0.6], np.zeros((2, 2)))
    with pytest.raises(ValueError, match="3 tokens"):
        examples.embeddings_for_weights([1.0, 0.0], [0.5, 0.5], np.zeros((3, 2)))
    with pytest.raises(ValueError, match="zero vector"):
        examples.embeddings_for_weights([0.0, 0.0], [0.5, 0.5], np.zeros((2, 2)))


@pytest.mark.parametrize("d", [2, 3])
def test_plain_example_equal_lengths_and_self_top(d):
    tokens, X = examples.plain_example(d)
    assert tokens == ["I", "go", "home"]
    assert np.allclose(np.linalg.norm(X, axis=1), 1.0)
    for t in range(3):  # Cauchy-Schwarz: the self-score is the largest
        assert np.argmax([X[t] @ x for x in X]) == t
    with pytest.raises(ValueError, match="d = 2 or 3"):
        examples.plain_example(5)


def test_self_weight_stats_loop():
    rng = np.random.default_rng(1)
    W = rng.dirichlet(np.ones(5), size=(4, 5))  # [4, 5, 5]
    diag = [W[b, t, t] for b in range(4) for t in range(5)]
    top = [W[b, t].argmax() == t for b in range(4) for t in range(5)]
    m, s = aa.self_weight_stats(W)
    assert m == pytest.approx(sum(diag) / len(diag))
    assert s == pytest.approx(sum(top) / len(top))
    with pytest.raises(ValueError, match="square"):
        aa.self_weight_stats(np.ones((2, 3)))


def test_self_weight_grows_with_d_naive_but_not_with_maps():
    dims = [1, 4, 32]
    naive = aa.self_weight_vs_dimension(dims, np.random.default_rng(0), T=6, n_sentences=100)
    maps = aa.self_weight_vs_dimension(dims, np.random.default_rng(0), T=6, n_sentences=100,
                                       learned_maps=True)
    assert np.all(np.diff(naive.mean_self_weight) > 0)
    assert naive.self_top_share[-1] > 0.95
    assert np.all(np.abs(maps.self_top_share - 1 / 6) < 0.1)  # towards 1/T


def test_self_weight_curve_matches_a_loop_for_one_width():
    d, T, n = 3, 4, 5
    curve = aa.self_weight_vs_dimension([d], np.random.default_rng(7), T=T, n_sentences=n)
    X = np.random.default_rng(7).normal(size=(n, T, d))
    diag, top = [], []
    for b in range(n):
        for t in range(T):
            w = loop_softmax([float(X[b, t] @ X[b, s]) for s in range(T)])
            diag.append(w[t])
            top.append(int(np.argmax(w)) == t)
    assert curve.mean_self_weight[0] == pytest.approx(np.mean(diag))
    assert curve.self_top_share[0] == pytest.approx(np.mean(top))


def test_rotation_and_maps():
    R = examples.rotation(90)
    assert np.allclose(np.array([1.0, 0.0]) @ R, [0.0, 1.0])
    R3 = examples.rotation(30, 3)
    assert np.allclose(R3 @ R3.T, np.eye(3)) and R3[2, 2] == 1
    assert all(np.array_equal(W, np.eye(3)) for W in examples.identity_maps(3))
    a = examples.random_maps(2, np.random.default_rng(3))
    b = examples.random_maps(2, np.random.default_rng(3))
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("d", [2, 3])
@pytest.mark.parametrize("scale", [None, 1.0, 0.3])
def test_solve_query_map_reproduces_weights(d, scale):
    _, X = examples.plain_example(d)
    W_q = aa.solve_query_map(X, examples.EXAMPLE_WEIGHTS, scale=scale)
    c = 1 / math.sqrt(d) if scale is None else scale
    w = loop_attention_weights(X @ W_q, X @ np.eye(d), c)
    assert np.allclose(w[0], examples.EXAMPLE_WEIGHTS)
    assert w[0, 0] < w[0, 2]  # the self-weight is no longer the largest


def test_solve_query_map_with_a_key_map_and_other_word():
    _, X = examples.plain_example(2)
    W_k = examples.rotation(40)
    W_q = aa.solve_query_map(X, [0.5, 0.3, 0.2], W_k=W_k, scale=1.0, query_index=1)
    assert np.allclose(loop_attention_weights(X @ W_q, X @ W_k, 1.0)[1], [0.5, 0.3, 0.2])


def test_solve_query_map_impossible():
    X = np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])  # keys on one line
    with pytest.raises(ValueError, match="no W_q"):
        aa.solve_query_map(X, [0.2, 0.1, 0.7])


def test_softmax_saturation():
    curve = aa.softmax_saturation([1, 16, 256], np.random.default_rng(0), n_k=6, n_trials=300)
    assert np.all(np.diff(curve.max_weight_plain) > 0) and curve.max_weight_plain[-1] > 0.85
    assert np.all(np.abs(curve.max_weight_scaled - curve.max_weight_scaled[0]) < 0.1)
    assert np.allclose(curve.score_std_plain / np.sqrt(curve.d_k), curve.score_std_scaled)
    assert curve.max_weight_plain[0] == curve.max_weight_scaled[0]  # d_k = 1: scale is 1


@settings(max_examples=30, deadline=None)
@given(st.permutations(list(range(4))), st.integers(0, 1000))
def test_permutation_demo(perm, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(4, 3))
    res = aa.permutation_demo(X, perm, *examples.random_maps(3, rng))
    assert res.max_difference < 1e-12
    p = np.array(perm)
    assert np.allclose(res.permuted_weights, res.weights[np.ix_(p, p)])


def test_permutation_demo_bad_perm():
    with pytest.raises(ValueError, match="perm"):
        aa.permutation_demo(np.ones((3, 2)), [0, 0, 1], *examples.identity_maps(2))


@pytest.mark.parametrize("scale", [None, 0.7])
def test_attention_influence_finite_differences(scale):
    rng = np.random.default_rng(4)
    T, d = 4, 3
    X = rng.normal(size=(T, d))
    W_q, W_k = rng.normal(size=(2, d, d))
    W_v = rng.normal(size=(d, 2))
    got = aa.attention_influence(X, W_q, W_k, W_v, scale=scale)
    c = 1 / math.sqrt(d) if scale is None else scale
    h = 1e-6
    for s in range(T):
        J = np.zeros((T, 2, d))
        for a in range(d):
            Xp, Xm = X.copy(), X.copy()
            Xp[s, a] += h
            Xm[s, a] -= h
            J[:, :, a] = (loop_self_attention(Xp, W_q, W_k, W_v, c)[2]
                          - loop_self_attention(Xm, W_q, W_k, W_v, c)[2]) / (2 * h)
        assert np.allclose(got[:, s], np.linalg.norm(J, axis=(1, 2)), rtol=1e-5, atol=1e-8)


def test_first_word_reach_compares_the_same_quantity():
    from helpers.lessons.bilinear import first_word_reach

    res = first_word_reach(12, 6, np.random.default_rng(0), radius=0.8)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(12, 6)) / np.sqrt(6)
    W_xh, W_hh, b_h = init_rnn(6, 6, rng, radius=0.8)
    W_q, W_k, W_v = examples.random_maps(6, rng)
    h = 1e-6
    for k in (1, 5, 11):  # central differences of the last position of the first k + 1 words
        J_rnn, J_att = np.zeros((6, 6)), np.zeros((6, 6))
        for a in range(6):
            Xp, Xm = X[: k + 1].copy(), X[: k + 1].copy()
            Xp[0, a] += h
            Xm[0, a] -= h
            J_rnn[:, a] = (rnn_forward(Xp, W_xh, W_hh, b_h)[-1]
                           - rnn_forward(Xm, W_xh, W_hh, b_h)[-1]) / (2 * h)
            J_att[:, a] = (loop_self_attention(Xp, W_q, W_k, W_v, 1 / math.sqrt(6))[2][-1]
                           - loop_self_attention(Xm, W_q, W_k, W_v, 1 / math.sqrt(6))[2][-1]) / (2 * h)
        assert res.rnn_influence[k] == pytest.approx(np.linalg.norm(J_rnn), rel=1e-5)
        assert res.attention_influence[k] == pytest.approx(np.linalg.norm(J_att), rel=1e-5)
        w = loop_attention_weights(X[: k + 1] @ W_q, X[: k + 1] @ W_k, 1 / math.sqrt(6))
        assert res.attention_weight[k] == pytest.approx(w[-1, 0])
    assert res.rnn_steps[-1] == 11 and res.attention_steps[-1] == 1 and res.attention_steps[0] == 0
