"""One module of live explorers per notebook; each explorer is one call in its notebook.

The explorers are re-exported here (and, with the rest of each module's public names, from
:mod:`helpers.ui`), loaded on first use (PEP 562), so using one explorer loads its own module only.
"""

from ..._lazy import lazy_exports

_NAMES = {
    "start_here": ("StartHereExplorer",),
    "rnn": ("InfluenceExplorer", "BiRNNExplorer"),
    "attention": ("NaiveAttentionExplorer", "QKVExplorer"),
    "transformer": ("BilinearExplorer", "PositionExplorer", "HeadsExplorer"),
    "block": ("BlockExplorer",),
    "training": ("TrainingExplorer",),
    "translation": ("TranslationExplorer",),
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, (), _NAMES)
