"""Compute: numpy only. Attention, RNNs, word vectors, RNN Jacobians (and the training code).

Nothing here imports matplotlib or ipywidgets (import-linter checks it), so every function can be
tested, timed and reused without a screen.
"""

from . import attention, embeddings, rnn, rnn_analysis
from .attention import (
    attention_scores,
    dot_product_attention,
    naive_self_attention,
    qkv_self_attention,
    softmax,
)
from .embeddings import embed_tokens, random_embeddings, tokenize
from .rnn import birnn_forward, init_rnn, input_influence, rnn_forward, spectral_radius, with_spectral_radius

__all__ = [
    "attention", "embeddings", "rnn", "rnn_analysis",
    "softmax", "attention_scores", "dot_product_attention", "naive_self_attention", "qkv_self_attention",
    "tokenize", "embed_tokens", "random_embeddings",
    "rnn_forward", "birnn_forward", "input_influence", "init_rnn", "spectral_radius", "with_spectral_radius",
]
