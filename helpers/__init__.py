"""Shared helpers for the *RNN -> Attention* teaching notebooks.

Every computation and every figure used by the notebooks lives here, so a notebook stays short
and reads like a lesson. The package is split by layer; imports run one way, and
``make lint`` (import-linter) fails on any import against the arrow::

    ui  ->  plots  ->  style  ->  checks  ->  lessons  ->  core

core/      numpy only: attention, rnn, embeddings, rnn_analysis (and the training code)
lessons/   lesson data (sentences, example vectors, presets) and the experiments behind each notebook
checks/    exercise checks that name the likely mistake
style      palette, colormap, font stack, text colours (no side effects)
plots/     static matplotlib figures; ``plots.setup_notebook()`` is the explicit notebook set-up
ui/        live widgets (HTML heatmap, SVG charts, editors, explorer base) and ``ui.explorers``
server_tuning   loaded by the Jupyter server of ``make lab`` / ``make present``; imports none of the rest

Importing any part has no side effects. ``import helpers`` loads numpy only: the root re-exports
compute names; widgets come from :mod:`helpers.ui`, figures from :mod:`helpers.plots`.

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

from . import core, lessons
from .core import (
    attention_scores,
    birnn_forward,
    dot_product_attention,
    embed_tokens,
    init_rnn,
    input_influence,
    naive_self_attention,
    qkv_self_attention,
    rnn_forward,
    softmax,
    spectral_radius,
    tokenize,
    with_spectral_radius,
)
from .core.block import transformer_block
from .core.classifiers import AttentionClassifier, RNNClassifier
from .core.seq2seq import Seq2Seq
from .core.training import Trainer, train
from .core.transformer import causal_mask, multi_head_attention, sinusoidal_positions
from .lessons.recall_tasks import associative_recall, first_token_recall
from .lessons.translation_tasks import date_pairs, reversal_pairs

__all__ = [
    "core", "lessons",
    "softmax", "attention_scores", "dot_product_attention", "naive_self_attention", "qkv_self_attention",
    "tokenize", "embed_tokens", "rnn_forward", "birnn_forward", "input_influence", "init_rnn",
    "spectral_radius", "with_spectral_radius",
    "causal_mask", "sinusoidal_positions", "multi_head_attention", "transformer_block",
    "associative_recall", "first_token_recall", "RNNClassifier", "AttentionClassifier", "Trainer", "train",
    "date_pairs", "reversal_pairs", "Seq2Seq",
]
