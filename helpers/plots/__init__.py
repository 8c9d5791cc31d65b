"""Static matplotlib figures. Builders take ``ax=None``, return what they drew, never ``plt.show()``.

``heatmap``: annotated attention heatmaps (every notebook); ``rnn``: notebooks 01-02;
``attention``: notebooks 03-04; ``setup``: the explicit notebook set-up (fonts, figure format).
"""

from .attention import distance_plot, saturation_plot, self_weight_plot, word_arrows
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
from .transformer import cost_plot, head_grid, heatmap_row, loop_time_plot, offset_plot, positions_heatmap
from .translation import alignment_heatmap, plot_alignments, plot_length_sweep, plot_sequential_steps

__all__ = [
    "HeatmapArtists", "attention_heatmap", "update_heatmap",
    "plot_hidden_states", "plot_curves", "plot_probe", "plot_influence_maps", "plot_contributions",
    "word_arrows", "self_weight_plot", "saturation_plot", "distance_plot",
    "setup_notebook", "setup_fonts", "setup_inline_figures",
    "plot_task_example", "plot_race", "plot_accuracy_by_pair", "plot_attention_examples",
    "plot_gradient_norms",
    "alignment_heatmap", "plot_alignments", "plot_length_sweep", "plot_sequential_steps",
    "heatmap_row", "positions_heatmap", "offset_plot", "head_grid", "cost_plot", "loop_time_plot",
]
