"""Live widgets: the HTML heatmap, SVG charts, editors, the explorer base, and every explorer.

Import explorers from here: ``from helpers.ui import QKVExplorer``. Loading this package loads
ipywidgets and matplotlib (for colours) but changes no setting; a notebook's first code cell calls
:func:`setup_notebook` once.
"""

from ..plots.setup import setup_notebook
from .charts import ArrowPlot, BarChart, LineChart
from .editors import MatrixEditor, VectorEditor
from .explorer import CUSTOM, Explorer
from .explorers import (
    BilinearExplorer,
    BiRNNExplorer,
    BlockExplorer,
    HeadsExplorer,
    InfluenceExplorer,
    NaiveAttentionExplorer,
    PositionExplorer,
    QKVExplorer,
    StartHereExplorer,
    TrainingExplorer,
    TranslationExplorer,
)
from .heatmap import AttentionHeatmap

__all__ = [
    "setup_notebook",
    "Explorer", "CUSTOM", "AttentionHeatmap", "MatrixEditor", "VectorEditor", "LineChart", "BarChart",
    "ArrowPlot",
    "StartHereExplorer", "InfluenceExplorer", "BiRNNExplorer", "NaiveAttentionExplorer", "QKVExplorer",
    "BilinearExplorer", "PositionExplorer", "HeadsExplorer", "BlockExplorer",
    "TrainingExplorer",
    "TranslationExplorer",
]
