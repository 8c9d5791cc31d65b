"""Tokens and their vectors: split a sentence, give each word a reproducible vector. numpy only."""

from __future__ import annotations

import re
import zlib

import numpy as np

from ._validate import as_count

__all__ = ["tokenize", "embed_tokens", "random_embeddings"]

_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokenize(sentence: str) -> list[str]:
    """Split a sentence into words and punctuation marks.

    Letters of any script count as word characters, so ``"나는 집에 간다!"`` gives
    ``["나는", "집에", "간다", "!"]``.

    Raises
    ------
    ValueError
        If the sentence holds no word or mark (empty or only spaces).
    """
    if not isinstance(sentence, str):
        raise ValueError(f"the sentence must be text (str); got {type(sentence).__name__}.")
    tokens = _TOKEN.findall(sentence)
    if not tokens:
        raise ValueError("The sentence is empty: type at least one word, for example 'I go home'.")
    return tokens


def embed_tokens(tokens, d: int, *, seed: int = 0) -> np.ndarray:  # list[str] (T) -> [T, d]
    """One vector per token, the same vector every time the same word appears.

    Each word's vector is drawn from a generator seeded by ``seed`` and the word itself, so a
    sentence and its permutation contain the same vectors, and a notebook is reproducible.
    Entries are standard normal, scaled by ``1/sqrt(d)`` so vectors have length about 1.

    Parameters
    ----------
    tokens : sequence of str, length T
    d : int
        Width of each vector (d_in).
    seed : int
        Changes every word's vector at once.

    Returns
    -------
    ndarray of shape (T, d)
    """
    if isinstance(tokens, str):
        tokens = tokenize(tokens)
    if len(tokens) == 0:
        raise ValueError("There are no tokens to embed: give at least one word.")
    d = as_count(d, "d")
    rows = [_word_rng(word, seed).normal(size=d) for word in tokens]
    return np.array(rows) / np.sqrt(d)


def _word_rng(word: str, seed: int) -> np.random.Generator:
    """A generator that depends only on the word and the seed (not on Python's hash salt)."""
    return np.random.default_rng([int(seed), zlib.crc32(word.encode("utf-8"))])


def random_embeddings(T: int, d: int, rng: np.random.Generator) -> np.ndarray:  # -> [T, d]
    """``T`` random vectors of width ``d`` (standard normal / sqrt(d)), drawn from ``rng``."""
    T, d = as_count(T, "T"), as_count(d, "d")
    return rng.normal(size=(T, d)) / np.sqrt(d)
