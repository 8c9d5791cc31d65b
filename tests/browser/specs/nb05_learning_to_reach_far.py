"""05: the pairs slider of the live trainer; before any training the accuracy chart shows both
untrained models' held-out accuracy and the last-pair baseline for that number of pairs."""

import numpy as np

from helpers.lessons.race import held_out, make_model
from helpers.lessons.recall_tasks import last_pair_baseline
from helpers.ui import TrainingExplorer

from . import ExplorerSpec


def _accuracy_at_step_0(ex: TrainingExplorer, n_pairs: float):
    n = int(n_pairs)
    X, y, _ = held_out("associative", n, 500, seed=ex.seed)
    acc = {kind: make_model(kind, "associative", rng=np.random.default_rng(ex.seed)).accuracy(X, y)
           for kind in ("rnn", "attention")}
    return {"RNN": [acc["rnn"]], "attention": [acc["attention"]],
            "last-pair baseline": [float(last_pair_baseline(n))]}


SPEC = ExplorerSpec("05_learning_to_reach_far.ipynb", lambda: TrainingExplorer(n_pairs=8, steps=300), "pairs",
                    "line", _accuracy_at_step_0)
