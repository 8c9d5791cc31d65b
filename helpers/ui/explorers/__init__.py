"""One module of live explorers per notebook; each explorer is one call in its notebook."""

from .attention import NaiveAttentionExplorer, QKVExplorer
from .block import BlockExplorer
from .rnn import BiRNNExplorer, InfluenceExplorer
from .start_here import StartHereExplorer
from .training import TrainingExplorer
from .transformer import BilinearExplorer, HeadsExplorer, PositionExplorer
from .translation import TranslationExplorer

__all__ = ["StartHereExplorer", "InfluenceExplorer", "BiRNNExplorer", "NaiveAttentionExplorer", "QKVExplorer",
           "BilinearExplorer", "PositionExplorer", "HeadsExplorer", "BlockExplorer", "TrainingExplorer",
           "TranslationExplorer"]
