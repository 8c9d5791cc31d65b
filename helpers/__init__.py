"""Shared helpers for the *RNN -> Attention* teaching notebooks.

Every computation and every figure used by the notebooks lives here, so a notebook stays short
and reads like a lesson. Imports flow one way: explorers -> widgets and plots -> compute; the
compute modules (``attention``, ``rnn``, ``embeddings``) import numpy only.

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
a linear map is applied on the right: ``Q = X @ W_q``.

Modules
-------
compute (numpy only)  attention, rnn, embeddings, rnn_analysis, attention_analysis
static figures        plots (annotated heatmaps), rnn_plots, attention_plots
live widgets          widgets (AttentionHeatmap, editors, Explorer), svg (live charts),
                      explorers (notebook 00), rnn_explorers (01-02), attention_explorers (03-04)
exercise checks       checks, rnn_checks, attention_checks
server side           server_tuning: loaded by the Jupyter server (``make lab``, ``make present``),
                      never imported by a notebook
"""

__all__ = [
    "attention", "rnn", "embeddings", "rnn_analysis", "attention_analysis",
    "plots", "rnn_plots", "attention_plots",
    "widgets", "svg", "explorers", "rnn_explorers", "attention_explorers",
    "checks", "rnn_checks", "attention_checks",
]
