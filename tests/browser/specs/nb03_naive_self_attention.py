"""03: the slider I[0] (first entry of the first word's vector) over the softmax weights."""

from helpers.core.attention import naive_self_attention
from helpers.ui import NaiveAttentionExplorer

from . import ExplorerSpec


def _weights(ex: NaiveAttentionExplorer, i0: float):
    X = ex.X.copy()  # [T, 2], the explorer's default vectors
    X[0, 0] = i0
    return ex.tokens, naive_self_attention(X)[1]


SPEC = ExplorerSpec("03_naive_self_attention.ipynb", NaiveAttentionExplorer, "I[0]",
                    "heatmap:Softmax weights", _weights)
