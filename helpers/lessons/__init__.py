"""Lesson data and the experiments behind each notebook. numpy only; imports :mod:`helpers.core`.

``examples``: every sentence, example vector set, preset and exercise matrix, in one place;
``start_here`` (notebook 00), ``rnn`` (01-02), ``attention`` (03-04): the numbers each notebook's
figures and explorers show.
"""

from . import (
    attention,
    examples,
    race,
    recall_tasks,
    rnn,
    start_here,
    transformer,
    translation_experiments,
    translation_tasks,
)
from .examples import (
    EXAMPLE_TOKENS,
    EXAMPLE_WEIGHTS,
    FATE_MATRICES,
    LONG_SENTENCE,
    SHORT_SENTENCE,
    example_vectors,
    naive_example,
    naive_sentences,
    plain_example,
)

__all__ = [
    "attention", "examples", "rnn", "start_here",
    "race", "recall_tasks",
    "transformer",
    "translation_tasks", "translation_experiments",
    "EXAMPLE_TOKENS", "EXAMPLE_WEIGHTS", "FATE_MATRICES", "LONG_SENTENCE", "SHORT_SENTENCE",
    "example_vectors", "naive_example", "naive_sentences", "plain_example",
]
