"""00: the temperature slider over the self-attention weights of the sentence."""

from helpers.lessons.start_here import start_here_weights
from helpers.ui import StartHereExplorer

from ..bad_input import readout_past_the_end
from . import ExplorerSpec


def _weights(ex: StartHereExplorer, temperature: float):
    return start_here_weights(ex.sentence, temperature, d=ex.d, seed=ex.seed)  # (tokens, [T, T])


SPEC = ExplorerSpec("00_start_here.ipynb", StartHereExplorer, "temperature", "heatmap:Self-attention weights",
                    _weights)
SPEC.bad_input = readout_past_the_end(SPEC)  # sliders only: nothing to say, a typed 999 is held at the end
