"""helpers.lessons.attention against independent computations (explicit loops, finite differences)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.lessons import attention as aa
from helpers.lessons import examples
from tests.reference import (
    loop_attention_weights,
    loop_self_attention,
    loop_softmax,
)
from tests.support.messages import raises_naming


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
                                       random_qk=True)
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


# ----------------------------------------------------------------------------- attention (notebooks 03, 04)


def test_self_weight_stats_checks_its_input():
    from helpers.lessons.attention import self_weight_stats

    W = np.array([[0.5, 0.3, 0.2], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8]])
    m, s = self_weight_stats(W)
    assert m == pytest.approx((0.5 + 0.3 + 0.8) / 3) and s == pytest.approx(2 / 3)
    raises_naming(self_weight_stats, np.ones((2, 3)), names=["(2, 3)"])
    raises_naming(self_weight_stats, np.ones((2, 3, 4)), names=["(2, 3, 4)"])
    raises_naming(self_weight_stats, np.ones(3), names=["weights"])


@pytest.mark.parametrize("learned_maps,scaled", [(False, None), (False, True), (True, None), (True, False)])
def test_self_weight_vs_dimension_options_match_a_loop(learned_maps, scaled):
    from helpers.lessons.attention import self_weight_vs_dimension

    dims, n, T = [2, 5], 3, 4
    curve = self_weight_vs_dimension(
        dims, np.random.default_rng(9), T=T, n_sentences=n, random_qk=learned_maps, scaled=scaled
    )
    assert curve.T == T and list(curve.d) == dims
    rng = np.random.default_rng(9)  # the documented draws: sentences, then (W_q, W_k) per sentence
    use_scale = learned_maps if scaled is None else scaled
    for i, d in enumerate(dims):
        X = rng.normal(size=(n, T, d))
        maps = rng.normal(size=(2, n, d, d)) / np.sqrt(d) if learned_maps else None
        diag, top = [], []
        for b in range(n):
            Q, K = (X[b] @ maps[0, b], X[b] @ maps[1, b]) if learned_maps else (X[b], X[b])
            w = loop_attention_weights(Q, K, 1 / np.sqrt(d) if use_scale else 1.0)
            diag += [w[t, t] for t in range(T)]
            top += [int(np.argmax(w[t])) == t for t in range(T)]
        assert curve.mean_self_weight[i] == pytest.approx(np.mean(diag))
        assert curve.self_top_share[i] == pytest.approx(np.mean(top))


def test_self_weight_vs_dimension_defaults_8_words_200_sentences():
    from helpers.lessons.attention import self_weight_vs_dimension

    curve = self_weight_vs_dimension([3], np.random.default_rng(2))
    ref = self_weight_vs_dimension([3], np.random.default_rng(2), T=8, n_sentences=200, random_qk=False)
    assert curve.T == 8 and curve.mean_self_weight[0] == ref.mean_self_weight[0]
    assert curve.self_top_share[0] == ref.self_top_share[0]
    X = np.random.default_rng(2).normal(size=(200, 8, 3))
    assert ref.mean_self_weight[0] == pytest.approx(
        np.mean([loop_attention_weights(x, x, 1.0).trace() / 8 for x in X])
    )


def test_solve_query_map_is_the_identity_away_from_the_word():
    from helpers.lessons.attention import solve_query_map

    rng = np.random.default_rng(6)
    X = rng.normal(size=(3, 4))
    W_k = rng.normal(size=(4, 4))
    W_q = solve_query_map(X, [0.3, 0.6, 0.1], W_k=W_k, query_index=2)  # default scale 1/sqrt(4)
    np.testing.assert_allclose(loop_attention_weights(X @ W_q, X @ W_k, 0.5)[2], [0.3, 0.6, 0.1])
    v = rng.normal(size=4)
    v -= (v @ X[2]) / (X[2] @ X[2]) * X[2]
    np.testing.assert_allclose(v @ W_q, v, atol=1e-12)  # a rank-one change along the word only
    assert np.linalg.matrix_rank(W_q - np.eye(4)) == 1


def test_solve_query_map_errors_name_the_sizes():
    from helpers.lessons.attention import solve_query_map

    X = np.random.default_rng(0).normal(size=(4, 2))
    raises_naming(solve_query_map, X, [0.1, 0.2, 0.3, 0.4], names=["4", "d_in = 2", "0.1", "0.4"])
    raises_naming(solve_query_map, X[:3], [0.2, 0.3, 0.5], W_k=np.eye(3), names=["[2, 2]", "(3, 3)"])
    raises_naming(solve_query_map, X[:3], [0.2, 0.3, 0.5], W_k=np.eye(2)[None], names=["W_k", "3-D"])
    raises_naming(solve_query_map, X[0], [1.0], names=["X", "1-D"])
    raises_naming(solve_query_map, X, [0.5, 0.5], names=["2", "4"])


def test_permutation_demo_uses_the_scale_and_permutes():
    from helpers.lessons.attention import permutation_demo

    rng = np.random.default_rng(8)
    X, (W_q, W_k, W_v) = (
        rng.normal(size=(4, 3)),
        (rng.normal(size=(3, 2)), rng.normal(size=(3, 2)), rng.normal(size=(3, 5))),
    )
    perm = [3, 0, 2, 1]
    for scale, c in ((None, 1 / np.sqrt(2)), (0.7, 0.7)):
        res = permutation_demo(X.tolist(), perm, W_q, W_k, W_v, scale=scale)
        w = loop_attention_weights(X @ W_q, X @ W_k, c)
        np.testing.assert_allclose(res.weights, w)
        np.testing.assert_allclose(res.outputs, w @ (X @ W_v))
        Xp = X[perm]
        np.testing.assert_allclose(res.permuted_weights, loop_attention_weights(Xp @ W_q, Xp @ W_k, c))
        np.testing.assert_allclose(res.permuted_outputs, res.outputs[perm], atol=1e-12)
        np.testing.assert_array_equal(res.perm, perm)
        assert res.max_difference < 1e-12
    base = permutation_demo(X, perm, W_q, W_k, W_v)
    shifted = base._replace(permuted_outputs=base.outputs[perm] + 0.25)
    assert shifted.max_difference == pytest.approx(0.25)
    raises_naming(permutation_demo, X, [0, 1, 1, 2], W_q, W_k, W_v, names=["0..3", "[0, 1, 1, 2]"])
    raises_naming(permutation_demo, X[0], [0], W_q, W_k, W_v, names=["X"])


def test_attention_influence_with_rectangular_maps_matches_finite_differences():
    from helpers.lessons.attention import attention_influence

    rng = np.random.default_rng(10)
    X = rng.normal(size=(3, 4))
    W_q, W_k, W_v = rng.normal(size=(4, 2)), rng.normal(size=(4, 2)), rng.normal(size=(4, 5))

    def out(Xe):
        return loop_attention_weights(Xe @ W_q, Xe @ W_k, 1 / np.sqrt(2)) @ (Xe @ W_v)

    got, h = attention_influence(X.tolist(), W_q, W_k, W_v), 1e-6
    for s in range(3):
        J = np.zeros((3, 5, 4))
        for a in range(4):
            E = np.zeros_like(X)
            E[s, a] = h
            J[:, :, a] = (out(X + E) - out(X - E)) / (2 * h)
        np.testing.assert_allclose(got[:, s], np.linalg.norm(J, axis=(1, 2)), rtol=1e-5)
    for i, name in enumerate(("W_q", "W_k", "W_v")):
        maps = [W_q, W_k, W_v]
        maps[i] = maps[i][None]
        raises_naming(attention_influence, X, *maps, names=[name, "3-D"])
    raises_naming(attention_influence, X[0], W_q, W_k, W_v, names=["X", "1-D"])
    raises_naming(attention_influence, X[None], W_q, W_k, W_v, names=["X", "3-D"])


def test_qkv_presets_do_what_their_names_say():
    from helpers.lessons.attention import QKV_PRESETS, qkv_preset
    from helpers.lessons.examples import plain_example, random_maps

    _, X = plain_example(2)
    by_word = {next(w for w in ("identity", "rotation", "random", "0.2") if w in n): n for n in QKV_PRESETS}
    assert len(by_word) == len(QKV_PRESETS) == 4
    for W in qkv_preset(by_word["identity"], X):
        np.testing.assert_array_equal(W, np.eye(2))
    W_q, W_k, W_v = qkv_preset(by_word["rotation"], X)
    a = np.deg2rad(60)
    for x in X:  # queries turned by 60 degrees, keys and values unchanged
        turned = [x[0] * np.cos(a) - x[1] * np.sin(a), x[0] * np.sin(a) + x[1] * np.cos(a)]
        np.testing.assert_allclose(x @ W_q, turned, atol=1e-12)
    np.testing.assert_array_equal(W_k, np.eye(2))
    np.testing.assert_array_equal(W_v, np.eye(2))
    W_q3 = qkv_preset(by_word["rotation"], plain_example(3)[1])[0]  # 3-D words: the turn is in the
    np.testing.assert_allclose(np.array([0.0, 0.0, 1.0]) @ W_q3, [0.0, 0.0, 1.0])  # first two axes
    maps = qkv_preset(by_word["random"], X)
    for W, ref in zip(maps, random_maps(2, np.random.default_rng(0)), strict=True):
        np.testing.assert_array_equal(W, ref)
    assert not np.allclose(qkv_preset(by_word["random"], X, seed=1)[0], maps[0])
    for scale in (None, 1.0):
        W_q, W_k, W_v = qkv_preset(by_word["0.2"], X, scale=scale)
        c = 1 / np.sqrt(2) if scale is None else scale
        np.testing.assert_allclose(loop_attention_weights(X @ W_q, X @ W_k, c)[0], [0.2, 0.1, 0.7])
        np.testing.assert_array_equal(W_k, np.eye(2))
    raises_naming(qkv_preset, by_word["0.2"], np.ones((4, 2)), names=["4"])
    raises_naming(qkv_preset, "swap", X, names=["'swap'", by_word["random"]])
    raises_naming(qkv_preset, by_word["identity"], X[0], names=["X", "1-D"])
