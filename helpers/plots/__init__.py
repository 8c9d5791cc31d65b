"""Static matplotlib figures. Builders take ``ax=None``, return what they drew, never ``plt.show()``.

``heatmap``: annotated attention heatmaps (every notebook); ``rnn``: notebooks 01-02;
``attention``: notebooks 03-04; ``training``: 05; ``translation``: 06; ``transformer``: 07;
``frame``: the axes, grid and legend every builder shares; ``setup``: the explicit notebook set-up
(fonts, figure format). Every public name of every module is re-exported here, loaded on first use
(PEP 562).
"""

from .._lazy import lazy_exports

_MODULES = ("setup", "frame", "heatmap", "rnn", "attention", "training", "translation", "transformer")

_NAMES = {
    "setup": ("setup_notebook", "setup_fonts", "setup_inline_figures"),
    "frame": ("axes_or_new", "faint_grid", "add_legend"),
    "heatmap": ("HeatmapArtists", "attention_heatmap", "update_heatmap", "fit_title"),
    "rnn": ("plot_hidden_states", "plot_curves", "plot_probe", "plot_influence_maps", "plot_contributions"),
    "attention": ("word_arrows", "self_weight_plot", "saturation_plot", "distance_plot"),
    "training": ("plot_task_example", "plot_race", "plot_accuracy_by_pair", "plot_attention_examples",
                 "plot_gradient_norms"),
    "translation": ("char_labels", "alignment_heatmap", "plot_alignments", "plot_length_sweep",
                    "plot_position_accuracy", "plot_position_by_length", "plot_sequential_steps"),
    "transformer": ("heatmap_row", "positions_heatmap", "offset_plot", "head_grid", "cost_plot",
                    "loop_time_plot"),
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _MODULES, _NAMES)
