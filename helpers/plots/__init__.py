"""Static matplotlib figures, drawn by builders that never call ``plt.show()``.

One convention for every builder:

- It takes ``ax=None``: the Axes to draw on, or for a figure of several panels a sequence of Axes,
  one per panel. When ``ax`` is None it makes its own constrained-layout figure, sized from
  :mod:`helpers.style`; when given, it draws there and makes no figure.
- It returns a :class:`Drawn`: its artists by name (``drawn["lines"]``, ``drawn["heatmaps"][0]``),
  with ``drawn.ax`` (the first panel), ``drawn.axes`` (every panel, the caller's when it passed
  ``ax``) and ``drawn.fig``. A heatmap's ``Drawn`` is a :class:`HeatmapArtists` ("image",
  "colorbar", "texts"), which :func:`update_heatmap` changes in place.

``heatmap``: annotated attention heatmaps (every notebook); ``rnn``: notebooks 01-02; ``attention``:
03-04; ``training``: 05; ``translation``: 06; ``transformer``: 07; ``frame``: the pieces the builders
share; ``setup``: the explicit notebook set-up (fonts, figure format).
"""

from .attention import distance_plot, saturation_plot, self_weight_plot, word_arrows
from .frame import Drawn
from .heatmap import HeatmapArtists, attention_heatmap, update_heatmap
from .rnn import plot_contributions, plot_curves, plot_hidden_states, plot_influence_maps, plot_probe
from .setup import setup_fonts, setup_inline_figures, setup_notebook
from .training import (
    plot_accuracy_by_pair,
    plot_attention_examples,
    plot_gradient_norms,
    plot_race,
    plot_task_example,
)
from .transformer import cost_plot, head_grid, heatmap_row, offset_plot, positions_heatmap
from .translation import (
    alignment_heatmap,
    plot_alignments,
    plot_length_sweep,
    plot_position_accuracy,
    plot_position_by_length,
    plot_sequential_steps,
)

__all__ = [
    "Drawn", "HeatmapArtists", "attention_heatmap", "update_heatmap",
    "plot_hidden_states", "plot_curves", "plot_probe", "plot_influence_maps", "plot_contributions",
    "word_arrows", "self_weight_plot", "saturation_plot", "distance_plot",
    "setup_notebook", "setup_fonts", "setup_inline_figures",
    "plot_task_example", "plot_race", "plot_accuracy_by_pair", "plot_attention_examples",
    "plot_gradient_norms",
    "alignment_heatmap", "plot_alignments", "plot_length_sweep", "plot_position_accuracy",
    "plot_position_by_length", "plot_sequential_steps",
    "heatmap_row", "positions_heatmap", "offset_plot", "head_grid", "cost_plot",
]

