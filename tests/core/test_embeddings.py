"""helpers.core.embeddings: tokenising odd sentences, reproducible word vectors."""

import numpy as np
import pytest

from helpers.core.embeddings import embed_tokens, random_embeddings, tokenize


def test_tokenize_words_punctuation_and_hangul():
    assert tokenize("I go home") == ["I", "go", "home"]
    assert tokenize("  I go, home!  ") == ["I", "go", ",", "home", "!"]
    assert tokenize("나는 집에 간다") == ["나는", "집에", "간다"]
    assert len(tokenize(" ".join(f"w{i}" for i in range(40)))) == 40


@pytest.mark.parametrize("bad", ["", "   ", "\n\t"])
def test_empty_sentence_is_refused_politely(bad):
    with pytest.raises(ValueError, match="The sentence is empty: type at least one word"):
        tokenize(bad)


def test_same_word_same_vector_and_seed_changes_all():
    X = embed_tokens(["I", "go", "I"], 5)
    assert X.shape == (3, 5)
    np.testing.assert_array_equal(X[0], X[2])
    assert not np.allclose(X[0], X[1])
    np.testing.assert_array_equal(embed_tokens("I go I", 5), X)
    assert not np.allclose(embed_tokens(["I"], 5, seed=1), X[:1])


def test_vectors_have_length_about_one():
    X = embed_tokens([f"w{i}" for i in range(400)], 64)
    assert abs(np.linalg.norm(X, axis=1).mean() - 1.0) < 0.05


def test_random_embeddings_follow_rng():
    a = random_embeddings(3, 4, np.random.default_rng(0))
    np.testing.assert_array_equal(a, random_embeddings(3, 4, np.random.default_rng(0)))
    assert a.shape == (3, 4)


def test_bad_width_and_no_tokens():
    with pytest.raises(ValueError, match="at least 1"):
        embed_tokens(["I"], 0)
    with pytest.raises(ValueError, match="no tokens"):
        embed_tokens([], 3)
