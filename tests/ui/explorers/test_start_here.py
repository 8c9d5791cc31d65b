"""helpers.ui.explorers.start_here: notebook 00's explorer, the softmax of dot products over a temperature."""


import numpy as np

from helpers.core.embeddings import embed_tokens, tokenize
from helpers.lessons.start_here import start_here_weights
from helpers.ui import (
    StartHereExplorer,
)
from tests.drawn import (
    LEVEL,
    colour_to_fraction,
    plain_text,
    read_table,
)
from tests.reference import loop_softmax_rows
from tests.support.widgets import drawn, labels_are_plain, reaches

# ---------------------------------------------------------------- explorers, against loops


def test_start_here_explorer_draws_the_softmax_of_dot_products_over_temperature():
    from helpers.core.embeddings import embed_tokens
    from helpers.ui import StartHereExplorer

    ex = StartHereExplorer("I go home now")
    ex.temperature.value = 0.4
    X = embed_tokens(["I", "go", "home", "now"], 4, seed=0)
    S = [[sum(X[i, k] * X[j, k] for k in range(4)) / 0.4 for j in range(4)] for i in range(4)]
    W = loop_softmax_rows(S)
    t = read_table(ex.heatmap.html.value)
    np.testing.assert_allclose(t.numbers, W, atol=0.005 + 1e-12)
    np.testing.assert_allclose(colour_to_fraction(t.backgrounds), W, atol=LEVEL)
    assert t.row_labels == t.col_labels == ["I", "go", "home", "now"]
    assert "0.4" in t.caption


def test_start_here_explorer_slider_redraws_with_computed_weights():
    e = StartHereExplorer("I go home")
    before = drawn(e.heatmap).numbers
    e.temperature.value = 0.3
    _, expected = start_here_weights("I go home", 0.3)
    np.testing.assert_allclose(drawn(e.heatmap).numbers, np.round(expected, 2), atol=1e-9)
    assert not np.allclose(before, drawn(e.heatmap).numbers)
    assert "temperature 0.3" in e.heatmap.html.value
    assert repr(e).startswith("Start-here explorer")


# --------------------------------------------------------------------- notebook 00


def test_start_here_opens_at_temperature_one_with_its_own_embedding():
    e = StartHereExplorer("we read long books", d=6, seed=3)
    tokens = tokenize("we read long books")
    X = embed_tokens(tokens, 6, seed=3)
    drawn = read_table(e.heatmap.html.value)
    assert e.temperature.value == 1.0
    np.testing.assert_allclose(drawn.numbers, np.round(loop_softmax_rows(X @ X.T), 2), atol=0.0051)
    assert drawn.row_labels == tokens and drawn.col_labels == tokens
    assert "we read long books" in drawn.caption and "1.0" in drawn.caption
    plain_text(drawn.caption)
    e.temperature.value = 0.5
    np.testing.assert_allclose(
        read_table(e.heatmap.html.value).numbers, np.round(loop_softmax_rows(X @ X.T / 0.5), 2), atol=0.0051
    )


def test_start_here_slider_spans_sharp_to_flat_live():
    e = StartHereExplorer()
    t = e.temperature
    labels_are_plain(t)
    assert "temperature" in t.description and t.continuous_update  # the heatmap follows the drag
    assert reaches(t, 0.1) and reaches(t, 1.0) and reaches(t, 3.0)
    assert (t.min, t.max) == (0.1, 3.0)
    X = embed_tokens(tokenize("I go home"), 4, seed=0)
    for temp in (0.1, 3.0):
        t.value = temp
        caption = read_table(e.heatmap.html.value).caption
        assert f"temperature {format(temp, t.readout_format)}" in caption  # slider and title agree
        np.testing.assert_allclose(
            read_table(e.heatmap.html.value).numbers, np.round(loop_softmax_rows(X @ X.T / temp), 2),
            atol=0.0051,
        )
