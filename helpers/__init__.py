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

Import names from the layer packages: ``from helpers.core import softmax``,
``from helpers.lessons import LONG_SENTENCE``, ``from helpers.plots import attention_heatmap``,
``from helpers.ui import QKVExplorer``, ``from helpers.checks import check_rnn_step``. Each of them
re-exports every public name of its modules, and a module itself (``from helpers.lessons import race``),
loaded on first use (PEP 562). The root exports the layers only: ``import helpers`` loads none of them,
and ``helpers.core``, ``helpers.ui``, ... load when first reached (``helpers.core.softmax``). Importing
any part has no side effects (no font, no setting): a notebook's first code cell calls ``setup_notebook()``.

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

from ._lazy import lazy_exports

_LAYERS = ("core", "lessons", "checks", "style", "plots", "ui")

__getattr__, __dir__, __all__ = lazy_exports(__name__, _LAYERS, {})
