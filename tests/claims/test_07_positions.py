"""Notebook 07, sections 3-4: what the position scale and the hand-made heads do (docs/CLAIMS.md).

Section 3, the position explorer: "at 0 the two heatmaps are the same table with rows and columns
reordered; as the scale grows, the head starts following positions rather than words".
Section 4: "these hand-made heads are tuned for I go home: on other sentences some rows miss".
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers.core import qkv_self_attention
from helpers.lessons import transformer as lt

TOKENS = ["I", "go", "home"]
FLIP = np.eye(3)[::-1]  # position t of "home go I" holds word 2 - t


def _weights(tokens, name, scale):
    return qkv_self_attention(lt.head_input(tokens, scale), *lt.head_preset(name))[1]


def _by_word_and_by_position(name, scale):
    """How far the reversed sentence's heatmap is from the first one read by word, and by position."""
    W, R = _weights(TOKENS, name, scale), _weights(TOKENS[::-1], name, scale)
    return np.abs(W - FLIP @ R @ FLIP.T).max(), np.abs(W - R).max()


@pytest.mark.parametrize("name", ["previous word", "next word", "first word"])
def test_as_the_scale_grows_the_head_follows_positions_rather_than_words(name):
    by_word, by_position = _by_word_and_by_position(name, 4.0)
    assert by_position < 0.02 and by_word > 0.9  # the same table position by position (measured <= 0.013)
    # Negative control: without positions (scale 0) the head follows the words: the same table with rows
    # and columns reordered, and not the same position by position.
    by_word, by_position = _by_word_and_by_position(name, 0.0)
    assert by_word < 1e-12 and by_position > 0.9


def test_the_explorers_head_follows_positions_from_scale_2_on():
    # PositionExplorer uses "previous word"; its slider runs from 0 to 4 (default 3).
    gaps = {s: _by_word_and_by_position("previous word", s) for s in (0.0, 1.0, 2.0, 3.0, 4.0)}
    assert [s for s, (_w, p) in gaps.items() if p < 0.01] == [2.0, 3.0, 4.0]


def test_the_presets_are_tuned_for_i_go_home_and_miss_rows_on_other_sentences():
    wanted = {"same word": lambda T: np.arange(T),
              "previous word": lambda T: np.maximum(np.arange(T) - 1, 0),
              "next word": lambda T: np.minimum(np.arange(T) + 1, T - 1),
              "first word": lambda T: np.zeros(T, int)}

    def misses(tokens):
        return {name for name, rule in wanted.items()
                if list(_weights(tokens, name, 3.0).argmax(axis=1)) != list(rule(len(tokens)))}

    assert misses(TOKENS) == set()  # each preset does what its name says on "I go home"
    for name, sentence in lt.PUZZLE_SENTENCES.items():  # and on the puzzle sentence chosen for it
        assert name not in misses(sentence.split())
    assert misses("time flies fast".split()) == {"next word"}  # another three words: one preset misses
    assert misses("the cat saw the dog".split()) == {"first word"}  # five words: words 4 and 5 read word 4
