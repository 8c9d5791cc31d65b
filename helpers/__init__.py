"""Shared helpers for the *RNN -> Attention* teaching notebooks.

Every computation and every figure used by the notebooks lives here, so a notebook stays short
and reads like a lesson. The package is split by layer; imports run one way, and
``make lint`` (import-linter) fails on any import against the arrow::

    ui  ->  plots  ->  style  ->  checks  ->  lessons  ->  core

core/      numpy only: attention, rnn, embeddings, masks and blocks, the trained models and their training
lessons/   lesson data (sentences, example vectors, presets) and the experiments behind each notebook
checks/    exercise checks that name the likely mistake
style      palette, colormap, font stack, text colours (no side effects)
plots/     static matplotlib figures; ``plots.setup_notebook()`` is the explicit notebook set-up
ui/        live widgets (HTML heatmap, SVG charts, editors, explorer base) and ``ui.explorers``
server_tuning   loaded by the Jupyter server of ``make lab`` / ``make present``; imports none of the rest

Importing any part has no side effects. ``import helpers`` loads numpy and :mod:`helpers.core` only:
the root re-exports every public compute name (``helpers.core.__all__``) and, loaded on first use
(PEP 562), the lesson data notebooks build on (``associative_recall``, ``date_pairs``, ...) and the
``lessons`` package itself. Widgets come from :mod:`helpers.ui`, figures from :mod:`helpers.plots`.

Dimension names, used everywhere (code, docstrings, axis labels)
-----------------------------------------------------------------
T      number of tokens in a sentence (time steps of an RNN)
d_in   width of one input (token) vector
d_h    width of an RNN hidden state
d_k    width of a query and of a key (they are compared by dot product)
d_v    width of a value (and so of an attention output)
n_q    number of queries
n_k    number of keys (and of values: every key needs its value)

Convention: row vectors. A sentence is a matrix ``X`` of shape [T, d_in], one token per row, and
a linear map is applied on the right: ``Q = X @ W_q``. Words are counted from 1 in prose and figure
labels ("word 1" is the first word); indices in code count from 0.
"""

import importlib

from . import core
from .core import *  # noqa: F403  (every public compute name; the list is helpers.core.__all__)

#: Lesson data re-exported here, loaded on first use so that ``import helpers.core`` loads core only.
_LESSON_NAMES = {
    "associative_recall": "recall_tasks",
    "first_token_recall": "recall_tasks",
    "date_pairs": "translation_tasks",
    "reversal_pairs": "translation_tasks",
}

__all__ = ["core", "lessons", *core.__all__, *_LESSON_NAMES]  # noqa: F405  (lessons: see __getattr__)


def __getattr__(name):  # PEP 562: ``helpers.lessons`` and its re-exported names, imported on first use
    if name == "lessons":
        return importlib.import_module(".lessons", __name__)
    if name in _LESSON_NAMES:
        return getattr(importlib.import_module(f".lessons.{_LESSON_NAMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
