"""Every explorer of notebooks 00-07, built as its notebook builds it (one builder per class name)."""

from helpers.lessons import LONG_SENTENCE, SHORT_SENTENCE
from helpers.lessons.translation_experiments import train_dates
from helpers.ui import explorers

BUILDERS = {  # as the notebooks build them (06's run is a short training: same widgets, same checks)
    "StartHereExplorer": lambda: explorers.StartHereExplorer("I go home"),
    "InfluenceExplorer": lambda: explorers.InfluenceExplorer(LONG_SENTENCE),
    "BiRNNExplorer": lambda: explorers.BiRNNExplorer(SHORT_SENTENCE),
    "NaiveAttentionExplorer": explorers.NaiveAttentionExplorer,
    "QKVExplorer": lambda: explorers.QKVExplorer("I go home"),
    "BilinearExplorer": explorers.BilinearExplorer,
    "PositionExplorer": explorers.PositionExplorer,
    "HeadsExplorer": explorers.HeadsExplorer,
    "BlockExplorer": lambda: explorers.BlockExplorer("I go home"),
    "TrainingExplorer": lambda: explorers.TrainingExplorer(n_pairs=8, steps=30),
    "TranslationExplorer": lambda: explorers.TranslationExplorer(
        train_dates(attention=True, seed=0, steps=20, n_train=200, n_test=20, checkpoint_every=10),
        checkpoint=1, more_steps=10),
}
