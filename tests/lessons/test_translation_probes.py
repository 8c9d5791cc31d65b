"""helpers.lessons.translation_probes: the linear probe reads what is linearly there, and not noise.

What notebook 06 says with these probes is tested in tests/claims/test_06_what_s0_keeps.py.
"""

import numpy as np

from helpers.lessons.translation_probes import classifier_probe


def test_a_probe_reads_what_is_linearly_there_and_not_noise():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 5, 600)
    x = np.eye(5)[y] @ rng.normal(size=(5, 8)) + 0.01 * rng.normal(size=(600, 8))
    assert classifier_probe(x[:500], y[:500], x[500:], y[500:]) == 1.0
    assert classifier_probe(rng.normal(size=(500, 8)), y[:500], rng.normal(size=(100, 8)), y[500:]) < 0.4
