"""helpers.lessons.transformer: notebook 07's presets, bilinear parts, positions and block data.

Every expected value is computed here independently (loops, plain numpy, finite differences, the
definitions in the docstrings); lesson data is checked for the properties the notebook relies on.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers.core.attention import qkv_self_attention, softmax
from helpers.lessons import transformer as lt
from helpers.lessons.examples import random_maps
from tests.reference import loop_attention_weights, loop_multi_head
from tests.support.messages import raises_naming

# ----------------------------------------------------------------------------- transformer lessons (07)


def _positions_2d(T):
    """The 2-wide sinusoidal positions written out: position t at (sin t, cos t)."""
    return np.array([[np.sin(t), np.cos(t)] for t in range(T)])


def test_first_word_preset_sends_every_query_toward_position_0():
    from helpers.lessons import transformer as lt

    W_q, W_k, _ = lt.head_preset("first word")
    np.testing.assert_array_equal(lt._first_word_query(), W_q)  # the builder behind the preset
    X = lt.head_input()
    p0 = _positions_2d(1)[0]
    for q in np.concatenate(
        [X @ W_q, X @ lt._first_word_query()]
    ):  # every query points along position 0 (positive multiple)
        assert abs(q[0] * p0[1] - q[1] * p0[0]) < 1e-12 and q @ p0 > 0
    _, w = qkv_self_attention(X, W_q, W_k, np.eye(2))
    assert np.all(w[:, 0] > 0.9)


def test_head_input_is_words_plus_scaled_positions():
    from helpers.lessons import transformer as lt
    from helpers.lessons.examples import example_vectors

    words = example_vectors(["I", "go", "home", "today"], 2)
    np.testing.assert_allclose(lt.head_input(["I", "go", "home", "today"], 0.0), words)
    np.testing.assert_allclose(lt.head_input(("I", "go"), 1.5), words[:2] + 1.5 * _positions_2d(2))
    np.testing.assert_allclose(lt.head_input(), words[:3] + lt.HEAD_POSITION_SCALE * _positions_2d(3))
    assert lt.HEAD_POSITION_SCALE > 1  # positions outweigh the unit-length words


def test_head_preset_returns_copies():
    from helpers.lessons import transformer as lt

    W_q, _, _ = lt.head_preset("same word")
    W_q[:] = 0.0
    assert np.all(np.diag(lt.head_preset("same word")[0]) > 0)
    raises_naming(lt.head_preset, "last word", names=["'last word'", "same word", "average"])


def test_stack_heads_of_three_heads_averages_their_outputs():
    from helpers.lessons import transformer as lt

    heads = [([[1, 0], [0, 1]], [[2, 0], [0, 2]], [[0, 1], [1, 0]])] * 3
    W_q, W_k, W_v, W_o = lt.stack_heads(heads)
    assert W_q.shape == W_k.shape == W_v.shape == (3, 2, 2) and W_o.shape == (6, 2)
    assert W_q.dtype == float
    np.testing.assert_array_equal(W_k[1], [[2, 0], [0, 2]])
    np.testing.assert_array_equal(W_v[2], [[0, 1], [1, 0]])
    o = np.random.default_rng(0).normal(size=(3, 2))
    np.testing.assert_allclose(o.reshape(1, 6) @ W_o, o.mean(axis=0, keepdims=True))


def test_bilinear_words_and_scores():
    from helpers.lessons import transformer as lt

    B = lt.bilinear_words()
    np.testing.assert_allclose(np.linalg.norm(B, axis=1), 1.0)
    angle = np.degrees(np.arccos(np.clip(B @ B.T, -1, 1)))
    assert angle[0, 1] == pytest.approx(60.0) and angle[0, 2] == pytest.approx(150.0)
    assert angle[1, 2] == pytest.approx(90.0)
    rng = np.random.default_rng(3)
    X, M = rng.normal(size=(4, 3)), rng.normal(size=(3, 3))
    loop = [
        [sum(X[i, a] * M[a, b] * X[j, b] for a in range(3) for b in range(3)) for j in range(4)]
        for i in range(4)
    ]
    np.testing.assert_allclose(lt.bilinear_scores(X.tolist(), M), loop)
    raises_naming(lt.bilinear_scores, X[None], M, names=["X", "3-D"])
    raises_naming(lt.bilinear_scores, X, M[0], names=["M", "1-D"])


def test_split_bilinear_parts():
    from helpers.lessons import transformer as lt

    M = np.array([[1.0, 4.0], [2.0, -3.0]])
    S, A = lt.split_bilinear(M.tolist())
    np.testing.assert_allclose(S, [[1.0, 3.0], [3.0, -3.0]])
    np.testing.assert_allclose(A, [[0.0, 1.0], [-1.0, 0.0]])
    x = np.array([0.3, -1.7])
    assert x @ A @ x == pytest.approx(0.0) and x @ S @ x == pytest.approx(x @ M @ x)
    raises_naming(lt.split_bilinear, [1.0, 2.0], names=["M", "1-D"])


def test_with_unit_self_scores_rescales_each_word_to_self_score_1():
    from helpers.lessons import transformer as lt

    rng = np.random.default_rng(4)
    X, A = rng.normal(size=(5, 3)), rng.normal(size=(3, 3))
    M = A @ A.T + 0.1 * np.eye(3)
    Y = lt.with_unit_self_scores(X.tolist(), M)
    np.testing.assert_allclose([y @ M @ y for y in Y], 1.0)
    for x, y in zip(X, Y, strict=True):  # same direction, only the length changes
        ratio = y / x
        np.testing.assert_allclose(ratio, ratio[0])
        assert ratio[0] > 0
    antisym = np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])  # every self-score 0
    raises_naming(lt.with_unit_self_scores, X, antisym, names=["x M x^T"])
    raises_naming(lt.with_unit_self_scores, X, -M, names=["positive"])


def test_permutation_with_positions_matches_a_loop():
    from helpers.lessons import transformer as lt
    from helpers.lessons.examples import example_vectors

    rng = np.random.default_rng(5)
    maps = tuple(rng.normal(size=(2, 2)) for _ in range(3))
    tokens, perm = ["home", "I", "go", "now"], [2, 0, 3, 1]
    res = lt.permutation_with_positions(tokens, perm, maps, position_scale=0.5)
    X = example_vectors(tokens, 2)
    P = 0.5 * _positions_2d(4)

    def out(Z):
        return loop_attention_weights(Z @ maps[0], Z @ maps[1], 2**-0.5) @ (Z @ maps[2])

    np.testing.assert_allclose(res.outputs, out(X + P))
    permuted = out(X[perm] + P)  # row t is the word perm[t]
    for t in range(4):
        np.testing.assert_allclose(res.reordered_outputs[perm[t]], permuted[t])
    assert res.max_difference == pytest.approx(np.abs(res.reordered_outputs - res.outputs).max())
    assert res.max_difference > 1e-3
    wide = (rng.normal(size=(2, 3)), rng.normal(size=(2, 3)), rng.normal(size=(2, 2)))
    res = lt.permutation_with_positions(tokens, perm, wide, position_scale=0.5)  # d_k = 3, d_in = 2
    w = loop_attention_weights((X + P) @ wide[0], (X + P) @ wide[1], 3**-0.5)
    np.testing.assert_allclose(res.outputs, w @ ((X + P) @ wide[2]))
    raises_naming(
        lt.permutation_with_positions,
        tokens,
        [0, 1, 2],
        maps,
        position_scale=1.0,
        names=["0..3", "[0, 1, 2]"],
    )


def test_block_input_and_weights():
    from helpers.core.embeddings import embed_tokens
    from helpers.lessons import transformer as lt

    X = lt.block_input(("go", "home"), d_model=6)
    np.testing.assert_allclose(X, embed_tokens(["go", "home"], 6) * np.sqrt(6) / 2)
    assert lt.block_input(["a"]).shape == (1, lt.BLOCK_D_MODEL) == (1, 8)
    a, b = lt.block_weights(2), lt.block_weights(2, seed=lt.BLOCK_SEED)
    np.testing.assert_array_equal(a.W_q, b.W_q)
    assert not np.allclose(lt.block_weights(2, seed=8).W_q, a.W_q)
    assert lt.block_weights(1, d_model=4).W_q.shape == (1, 4, 4)


def test_influence_patterns_match_finite_differences_of_a_loop():
    from helpers.core.rnn import init_rnn, rnn_forward
    from helpers.lessons import transformer as lt

    T, d = 3, 2
    rnn, att = lt.influence_patterns(T, d, np.random.default_rng(6))
    rng = np.random.default_rng(6)  # the documented draws: sentence, RNN, then the two heads
    X = rng.normal(size=(T, d))
    W_xh, W_hh, b_h = init_rnn(d, d, rng)
    W_q, W_k, W_v = (rng.normal(0, d**-0.5, (2, d, d)) for _ in range(3))
    W_o = rng.normal(0, (2 * d) ** -0.5, (2 * d, d))
    causal = np.tril(np.ones((T, T), bool))  # word t attends to words 0..t
    h = 1e-6
    for s in range(T):
        J_rnn, J_att = np.zeros((T, d, d)), np.zeros((T, d, d))
        for a in range(d):
            E = np.zeros((T, d))
            E[s, a] = h
            J_rnn[:, :, a] = (rnn_forward(X + E, W_xh, W_hh, b_h) - rnn_forward(X - E, W_xh, W_hh, b_h)) / (
                2 * h
            )
            J_att[:, :, a] = (
                loop_multi_head(X + E, W_q, W_k, W_v, W_o, mask=causal)[0]
                - loop_multi_head(X - E, W_q, W_k, W_v, W_o, mask=causal)[0]
            ) / (2 * h)
        np.testing.assert_allclose(rnn[:, s], np.linalg.norm(J_rnn, axis=(1, 2)), rtol=1e-5, atol=1e-9)
        np.testing.assert_allclose(att[:, s], np.linalg.norm(J_att, axis=(1, 2)), rtol=1e-4, atol=1e-8)


def test_bilinear_form_matches_qkv_scores():
    rng = np.random.default_rng(0)
    X, (W_q, W_k, W_v) = rng.normal(size=(4, 3)), random_maps(3, rng)
    _, W = qkv_self_attention(X, W_q, W_k, W_v, scale=1.0)
    assert np.allclose(W, softmax(lt.bilinear_scores(X, lt.bilinear_form(W_q, W_k))))


@pytest.mark.parametrize(
    "name,tops", [("same word", [0, 1, 2]), ("previous word", [0, 0, 1]), ("next word", [1, 2, 2]),
                  ("first word", [0, 0, 0])],
)
def test_head_presets_do_what_their_names_say_on_i_go_home(name, tops):
    _, W = qkv_self_attention(lt.head_input(), *lt.head_preset(name))
    assert list(np.argmax(W, axis=1)) == tops
    assert np.all(np.max(W, axis=1) > 0.5)


def test_average_preset_is_uniform_and_unknown_preset_raises():
    _, W = qkv_self_attention(lt.head_input(), *lt.head_preset("average"))
    assert np.allclose(W, 1 / 3)
    with pytest.raises(ValueError, match="previous word"):
        lt.head_preset("last word")


def test_stack_heads_averages_the_heads():
    Wq, Wk, Wv, Wo = lt.stack_heads([lt.head_preset("same word"), lt.head_preset("first word")])
    assert Wq.shape == (2, 2, 2) and Wo.shape == (4, 2)
    assert np.allclose(np.concatenate([np.ones((1, 2)), 3 * np.ones((1, 2))], axis=1) @ Wo, 2.0)


@pytest.mark.parametrize("seed", range(6))
def test_positions_break_the_permutation(seed):
    maps = random_maps(2, np.random.default_rng(seed))
    tokens = ["I", "go", "home"]
    plain = lt.permutation_with_positions(tokens, [2, 1, 0], maps, position_scale=0.0)
    assert plain.max_difference < 1e-12
    with_pos = lt.permutation_with_positions(tokens, [2, 1, 0], maps, position_scale=1.0)
    assert with_pos.max_difference > 1e-3


def test_permutation_rejects_bad_perm():
    with pytest.raises(ValueError, match="reorder"):
        lt.permutation_with_positions(["a", "b"], [0, 0], random_maps(2, np.random.default_rng(0)),
                                      position_scale=1.0)


@pytest.mark.parametrize("seed,T", [(0, 3), (1, 6)])
def test_influence_patterns_are_lower_triangular(seed, T):
    rnn, att = lt.influence_patterns(T, 3, np.random.default_rng(seed))
    upper = np.triu(np.ones((T, T), bool), 1)
    assert np.all(rnn[upper] == 0) and np.all(att[upper] < 1e-8)
    assert np.all(rnn[~upper] > 0) and np.all(att[~upper] > 1e-6)


def test_block_lesson_data():
    X = lt.block_input(["I", "go", "home", "I"])
    assert X.shape == (4, lt.BLOCK_D_MODEL) and np.array_equal(X[0], X[3])
    w1, w2 = lt.block_weights(2), lt.block_weights(2)
    assert np.array_equal(w1.W_q, w2.W_q) and lt.block_weights(4).W_q.shape == (4, 8, 2)


def test_word_spread_is_zero_for_equal_rows_and_scale_free():
    assert lt.word_spread(np.ones((3, 4))) == 0.0
    Z = np.random.default_rng(0).normal(size=(4, 3))
    assert np.isclose(lt.word_spread(5 * Z), lt.word_spread(Z)) and lt.word_spread(Z) > 0


def test_each_puzzle_sentence_shows_its_preset():
    from helpers.checks.transformer import PUZZLE_ORDER

    r = {"same word": lambda T: np.arange(T), "previous word": lambda T: np.maximum(np.arange(T) - 1, 0),
         "next word": lambda T: np.minimum(np.arange(T) + 1, T - 1), "first word": lambda T: np.zeros(T, int)}
    for name, (tokens, W) in zip(PUZZLE_ORDER, lt.puzzle_weights(PUZZLE_ORDER), strict=True):
        assert tokens != ["I", "go", "home"]
        assert list(W.argmax(axis=1)) == list(r[name](len(tokens))) and W.max(axis=1).min() > 0.95
