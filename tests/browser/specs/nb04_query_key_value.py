"""04: the slider W_q[0,0] over the softmax weights; typed sentences (the sentence box)."""

from helpers.core.attention import qkv_self_attention
from helpers.core.embeddings import tokenize
from helpers.lessons.examples import example_vectors
from helpers.ui import QKVExplorer

from . import ExplorerSpec


def _weights(ex: QKVExplorer, wq00: float, X=None, tokens=None):
    W_q, W_k, W_v = (M.copy() for M in ex.maps)  # [d, d] each: the explorer's default preset
    W_q[0, 0] = wq00
    X = ex.X if X is None else X
    return (ex.tokens if tokens is None else tokens), qkv_self_attention(X, W_q, W_k, W_v, scale=ex.scale)[1]


def typed_sentence(sentence: str, wq00: float):
    """What the weights heatmap shows for a sentence typed in the box (W_q[0,0] at ``wq00``)."""
    ex = SPEC.explorer()
    tokens = tokenize(sentence)
    return _weights(ex, wq00, example_vectors(tokens, ex.d, seed=ex.seed), tokens)


SPEC = ExplorerSpec("04_query_key_value.ipynb", QKVExplorer, "W_q[0,0]", "heatmap:Softmax weights", _weights)
