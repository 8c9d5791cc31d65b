"""03: the slider I[0] (first entry of the first word's vector) over the softmax weights."""

import numpy as np

from helpers.core.attention import naive_self_attention
from helpers.ui import NaiveAttentionExplorer

from ..bad_input import readout_past_the_end
from . import ExplorerSpec


def _as_on_the_page() -> NaiveAttentionExplorer:
    """The notebook's explorer as the page holds it: the browser draws each slider at a multiple of
    its step (0.05 from -3) and sends that value back to the kernel, so "go" = (0.307, 1) is (0.30, 1)
    on the page from the start. At I[0] = 3 the two differ in the shown weights (0.45 against 0.46)."""
    ex = NaiveAttentionExplorer()
    sl = ex.editors[0].sliders[0][0]
    return NaiveAttentionExplorer(vectors=np.round((ex.X - sl.min) / sl.step) * sl.step + sl.min)  # [T, 2]


def _weights(ex: NaiveAttentionExplorer, i0: float):
    X = ex.X.copy()  # [T, 2], the explorer's default vectors
    X[0, 0] = i0
    return ex.tokens, naive_self_attention(X)[1]


SPEC = ExplorerSpec("03_naive_self_attention.ipynb", _as_on_the_page, "I[0]",
                    "heatmap:Softmax weights", _weights)
SPEC.bad_input = readout_past_the_end(SPEC)  # sliders only: nothing to say, a typed 999 is held at the end
