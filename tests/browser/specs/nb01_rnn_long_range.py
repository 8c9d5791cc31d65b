"""01: the W_hh radius slider over the influence curves of the long sentence."""

from helpers.lessons.rnn import influence_curves
from helpers.ui import InfluenceExplorer

from ..bad_input import readout_past_the_end
from . import ExplorerSpec


def _curves(ex: InfluenceExplorer, radius: float):
    X = ex.X_full[: ex.length.value]  # [T, d_in]: the words the explorer reads
    return influence_curves(X, ex.params, radius, ex.nonlinearity.value)


SPEC = ExplorerSpec("01_rnn_long_range.ipynb", InfluenceExplorer, "W_hh radius", "line", _curves)
SPEC.bad_input = readout_past_the_end(SPEC)  # sliders only: nothing to say, a typed 999 is held at the end
