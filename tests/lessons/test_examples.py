"""helpers.lessons.examples: the lesson sentences, vectors and maps do what their names and docstrings say."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.lessons import examples
from tests.drawn import plain_text
from tests.reference import (
    loop_softmax,
    loop_softmax_rows,
)
from tests.support.messages import raises_naming


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


def test_rotation_and_maps():
    R = examples.rotation(90)
    assert np.allclose(np.array([1.0, 0.0]) @ R, [0.0, 1.0])
    R3 = examples.rotation(30, 3)
    assert np.allclose(R3 @ R3.T, np.eye(3)) and R3[2, 2] == 1
    assert all(np.array_equal(W, np.eye(3)) for W in examples.identity_maps(3))
    a = examples.random_maps(2, np.random.default_rng(3))
    b = examples.random_maps(2, np.random.default_rng(3))
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


# ----------------------------------------------------------------------------- examples (lesson data)


def test_check_weights_accepts_softmax_rows_and_names_what_is_wrong():
    from helpers.lessons.examples import check_weights

    np.testing.assert_array_equal(check_weights([0.2, 0.1, 0.7], 3), [0.2, 0.1, 0.7])
    np.testing.assert_array_equal(check_weights((0.5, 0.5)), [0.5, 0.5])  # T not given: any length
    raises_naming(check_weights, [0.5, 0.5], 3, names=["2", "3"])
    raises_naming(check_weights, [0.0, 0.25, 0.75], names=["0.25", "0.75"])  # zero is not positive
    raises_naming(check_weights, [-0.123456, 0.5, 0.623456], names=["-0.1235", "0.6235"])
    raises_naming(check_weights, [0.2, 0.2, 0.2], names=["0.2"])  # sums to 0.6
    raises_naming(check_weights, [[0.5, 0.5]], names=["weights", "2-D"])


def test_embeddings_for_weights_place_the_words_as_documented():
    from helpers.lessons.examples import embeddings_for_weights

    rng = np.random.default_rng(5)
    q, offsets = np.array([0.6, -0.8, 0.5]), rng.normal(size=(4, 3))
    w = np.array([0.1, 0.4, 0.3, 0.2])
    X = embeddings_for_weights(q, w, offsets)
    assert X.shape == (4, 3)
    np.testing.assert_array_equal(X[0], q)
    np.testing.assert_allclose(loop_softmax_rows(X[0] @ X.T), w)
    for j in range(1, 4):  # the part of each word across q is its offset's part across q
        across = offsets[j] - (offsets[j] @ q) / (q @ q) * q
        np.testing.assert_allclose(X[j] - (X[j] @ q) / (q @ q) * q, across, atol=1e-12)
    raises_naming(embeddings_for_weights, [0.0, 0.0], [0.5, 0.5], np.ones((2, 2)), names=["query"])
    raises_naming(embeddings_for_weights, q, w, np.ones((4, 2)), names=["2", "3"])
    raises_naming(embeddings_for_weights, [q], w, offsets, names=["query", "2-D"])
    raises_naming(embeddings_for_weights, q, w, np.ones(3), names=["offsets", "1-D"])
    raises_naming(embeddings_for_weights, q, [0.5, 0.5], offsets, names=["2", "4"])


def test_naive_example_is_the_posts_example_in_2d():
    from helpers.lessons.examples import EXAMPLE_TOKENS, EXAMPLE_WEIGHTS, naive_example

    tokens, X = naive_example()
    assert tokens == list(EXAMPLE_TOKENS) == ["I", "go", "home"] and isinstance(tokens, list)
    assert X.shape == (3, 2) and sum(EXAMPLE_WEIGHTS) == pytest.approx(1.0)
    np.testing.assert_allclose(loop_softmax_rows(X @ X.T)[0], EXAMPLE_WEIGHTS)
    assert len({tuple(np.round(x, 9)) for x in X}) == 3  # three different words


@pytest.mark.parametrize("d", [2, 3])
def test_plain_example_has_equal_lengths_and_self_on_top(d):
    from helpers.lessons.examples import plain_example

    tokens, X = plain_example(d)
    assert tokens == ["I", "go", "home"] and X.shape == (3, d)
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), 1.0)
    S = X @ X.T
    assert all(S[i, i] > max(S[i, j] for j in range(3) if j != i) + 0.05 for i in range(3))


def test_plain_example_rejects_other_widths():
    from helpers.lessons.examples import plain_example

    assert plain_example()[1].shape == (3, 2)  # 2-D by default
    raises_naming(plain_example, 4, names=["4"])


def test_example_vectors_keep_the_lesson_words_and_embed_the_others():
    from helpers.core.embeddings import embed_tokens
    from helpers.lessons.examples import example_vectors, plain_example

    _, plain = plain_example(3)
    X = example_vectors(["home", "the", "I", "the", "go"], 3, seed=4)
    np.testing.assert_array_equal(X[[2, 4, 0]], plain)  # I, go, home keep their vectors
    np.testing.assert_array_equal(X[1], embed_tokens(["the"], 3, seed=4)[0])
    np.testing.assert_array_equal(X[1], X[3])
    assert not np.allclose(example_vectors(["the"], 3, seed=5), X[1])  # the seed changes other words
    np.testing.assert_array_equal(
        example_vectors(["go", 7]), np.stack([plain_example(2)[1][1], embed_tokens(["7"], 2)[0]])
    )
    raises_naming(example_vectors, [], names=["word"])


def test_unit_rows_divides_each_row_by_its_length():
    from helpers.lessons.examples import unit_rows

    X = np.array([[3.0, 4.0], [0.0, -2.0], [1.0, 1.0], [-1.0, 0.0]])
    np.testing.assert_allclose(unit_rows(X), [[0.6, 0.8], [0.0, -1.0], [2**-0.5, 2**-0.5], [-1.0, 0.0]])
    raises_naming(unit_rows, [[1.0, 2.0], [0.0, 0.0]], names=["zero"])
    raises_naming(unit_rows, [1.0, 2.0], names=["X", "1-D"])


def test_identity_rotation_and_random_maps():
    from helpers.lessons.examples import identity_maps, random_maps, rotation

    for W in identity_maps(3):
        np.testing.assert_array_equal(W, np.eye(3))
    np.testing.assert_allclose(np.array([1.0, 0.0]) @ rotation(90), [0.0, 1.0], atol=1e-12)
    np.testing.assert_allclose(np.array([1.0, 0.0]) @ rotation(60), [0.5, 3**0.5 / 2])
    R = rotation(30, 3)
    np.testing.assert_allclose(np.array([0.0, 0.0, 2.0]) @ R, [0.0, 0.0, 2.0])  # third axis stays
    np.testing.assert_allclose(R @ R.T, np.eye(3), atol=1e-12)
    maps = random_maps(300, np.random.default_rng(0))
    assert len(maps) == 3 and not np.allclose(maps[0], maps[1])
    for W in maps:
        assert W.shape == (300, 300) and abs(W.std() * np.sqrt(300) - 1) < 0.01 and abs(W.mean()) < 0.01
    again = random_maps(4, np.random.default_rng(1))
    np.testing.assert_array_equal(again[2], random_maps(4, np.random.default_rng(1))[2])


def test_naive_sentences_do_what_their_names_say():
    from helpers.lessons.examples import naive_sentences

    presets = naive_sentences()
    assert len(presets) == 3
    for name in presets:
        plain_text(name)
    post = next(name for name in presets if "post" in name)
    assert all(w in post for w in ("0.2", "0.1", "0.7"))  # the name says the weights it gives
    by_word = {next(w for w in ("post", "equal", "long") if w in name): X for name, X in presets.items()}
    for X in by_word.values():
        assert X.shape == (3, 2)
    np.testing.assert_allclose(loop_softmax_rows(by_word["post"] @ by_word["post"].T)[0], [0.2, 0.1, 0.7])
    W = loop_softmax_rows(by_word["equal"] @ by_word["equal"].T)
    np.testing.assert_allclose(np.linalg.norm(by_word["equal"], axis=1), 1.0)
    assert [int(np.argmax(row)) for row in W] == [0, 1, 2]  # self always on top
    L = by_word["long"]
    assert np.linalg.norm(L[2]) > 1.5 * np.linalg.norm(L[:2], axis=1).max()  # "home" is long
    assert [int(np.argmax(row)) for row in loop_softmax_rows(L @ L.T)] == [2, 2, 2]  # everyone looks at home
