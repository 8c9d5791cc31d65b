"""Static matplotlib figures, drawn by builders that never call ``plt.show()``.

One convention for every builder:

- It takes ``ax=None``: the Axes to draw on, or for a figure of several panels a sequence of Axes,
  one per panel. When ``ax`` is None it makes its own constrained-layout figure, sized from
  :mod:`helpers.style`; when given, it draws there and makes no figure.
- It returns a :class:`Drawn`: its artists by name (``drawn["lines"]``, ``drawn["heatmaps"][0]``),
  with ``drawn.ax`` (the first panel), ``drawn.axes`` (every panel, the caller's when it passed
  ``ax``) and ``drawn.fig``. A heatmap's ``Drawn`` is a :class:`HeatmapArtists` ("image",
  "colorbar", "texts"), which :func:`update_heatmap` changes in place.

``heatmap``: annotated attention heatmaps (every notebook); ``rnn``: notebooks 01-02;
``attention``: notebooks 03-04; ``training``: 05; ``translation``: 06; ``transformer``: 07;
``frame``: the pieces every builder shares; ``setup``: the explicit notebook set-up (fonts, figure
format). Every public name of every module is re-exported here, loaded on first use (PEP 562).
"""

from .._lazy import lazy_exports

_MODULES = ("setup", "frame", "heatmap", "rnn", "attention", "training", "translation", "transformer")

_NAMES = {
    "setup": ("setup_notebook", "setup_fonts", "setup_inline_figures"),
    "frame": ("Drawn", "axes_or_new", "panels", "faint_grid", "add_legend"),
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
