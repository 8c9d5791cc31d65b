"""Live widgets: the HTML heatmap, SVG charts, editors, the explorer base, and every explorer.

Import explorers from here: ``from helpers.ui import QKVExplorer``. Every public name of every module
(``ui.explorers`` included) is re-exported here, with :func:`helpers.plots.setup_notebook`, loaded on
first use (PEP 562): using an explorer loads ipywidgets and matplotlib (for colours) but changes no
setting; a notebook's first code cell calls :func:`setup_notebook` once.
"""

from .._lazy import lazy_exports

_MODULES = ("layout", "tables", "heatmap", "charts", "editors", "explorer", "explorers")

_NAMES = {
    "..plots.setup": ("setup_notebook",),
    "layout": ("WIDE_LABEL", "wrapping_row"),
    "tables": ("vectors_table",),
    "heatmap": ("AttentionHeatmap",),
    "charts": ("LineChart", "BarChart", "ArrowPlot"),
    "editors": ("MatrixEditor", "VectorEditor"),
    "explorer": ("Explorer", "CUSTOM", "event_loop", "message_html"),
    "explorers.start_here": ("StartHereExplorer",),
    "explorers.rnn": ("InfluenceExplorer", "BiRNNExplorer"),
    "explorers.attention": ("NaiveAttentionExplorer", "QKVExplorer"),
    "explorers.transformer": ("BilinearExplorer", "PositionExplorer", "HeadsExplorer", "PRESET_HELP"),
    "explorers.block": ("BlockExplorer",),
    "explorers.training": ("TrainingExplorer", "CHUNK"),
    "explorers.translation": ("TranslationExplorer", "checkpoint_model", "shown_labels", "date_check"),
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _MODULES, _NAMES)
