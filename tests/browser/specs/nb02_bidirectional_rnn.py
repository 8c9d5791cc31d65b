"""02: the W_hh radius slider over the forward and backward bars of the chosen word."""

from helpers.lessons.rnn import birnn_contributions
from helpers.ui import BiRNNExplorer

from ..bad_input import readout_past_the_end
from . import ExplorerSpec


def _bars(ex: BiRNNExplorer, radius: float):
    rows = birnn_contributions(ex.X, ex.forward_params, ex.backward_params, ex.word.value, radius)
    return {"forward": rows["forward"], "backward": rows["backward"]}


SPEC = ExplorerSpec("02_bidirectional_rnn.ipynb", BiRNNExplorer, "W_hh radius", "bar", _bars)
SPEC.bad_input = readout_past_the_end(SPEC)  # sliders only: nothing to say, a typed 999 is held at the end
