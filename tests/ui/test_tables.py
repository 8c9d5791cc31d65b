"""helpers.ui.tables: the per-word vectors table (blocks, number format, escaped text)."""

import numpy as np

from helpers.ui.explorers.attention import vectors_table
from tests.support.widgets import (
    read_vectors,
    sentence_case,
)


def test_vectors_table_blocks_and_format():
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    t = read_vectors(vectors_table(["a", "b"], {"x": X, "y": 10 * X[:, :1]}, title="T", fmt=".1f"))
    assert t.caption == "T" and t.corner == "token" and t.col_labels == ["x", "y"]
    assert t.cells == [["1.0", "2.0", "10.0"], ["3.0", "4.0", "30.0"]]
    default = read_vectors(vectors_table(["a"], {"x": X[:1]}))
    assert default.cells == [["1.00", "2.00"]]
    sentence_case(default.caption)


def test_vectors_table_escapes_and_formats():
    html = vectors_table(["<b>"], {"x": np.array([[1.234, -5.0]])})
    assert "&lt;b&gt;" in html and "1.23" in html and "-5.00" in html
