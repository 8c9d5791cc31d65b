"""04: the slider W_q[0,0] over the softmax weights; typed sentences (the sentence box); an empty
sentence (the bad input) and the notebook's deliberate-error cell, one printed line."""

from helpers.core.attention import qkv_self_attention
from helpers.core.embeddings import tokenize
from helpers.lessons.examples import example_vectors
from helpers.ui import QKVExplorer

from ..bad_input import wait_for_message
from ..browser_ui import explorer_output, read_heatmap, text_box, type_into
from . import ExplorerSpec


def _weights(ex: QKVExplorer, wq00: float, X=None, tokens=None):
    W_q, W_k, W_v = (M.copy() for M in ex.maps)  # [d, d] each: the explorer's default preset
    W_q[0, 0] = wq00
    X = ex.X if X is None else X
    return (ex.tokens if tokens is None else tokens), qkv_self_attention(X, W_q, W_k, W_v, scale=ex.scale)[1]


def typed_sentence(sentence: str, wq00: float):
    """What the weights heatmap shows for a sentence typed in the box (W_q[0,0] at ``wq00``)."""
    ex = SPEC.explorer()
    tokens = tokenize(sentence)
    return _weights(ex, wq00, example_vectors(tokens, ex.d, seed=ex.seed), tokens)


SPEC = ExplorerSpec("04_query_key_value.ipynb", QKVExplorer, "W_q[0,0]", "heatmap:Softmax weights", _weights)


ERROR_CELL_LINE = "ValueError: keys and values must match in number: got 3 keys and 2 values."


def empty_sentence(page, outputs, kind):
    """An empty sentence: the explorer says so in one line and keeps showing the last sentence. The
    notebook's deliberate error (3 keys, 2 values) shows as its one printed line, not a traceback."""
    output = explorer_output(page, outputs)
    before = read_heatmap(output, "Softmax weights")
    type_into(text_box(output, "sentence"), "")
    said = wait_for_message(output, "The sentence is empty")
    assert "type at least one word" in said, said
    after = read_heatmap(output, "Softmax weights")
    assert (after.rows, after.cols) == (before.rows, before.cols), "the heatmap changed on an empty sentence"
    shown = page.locator(outputs).filter(has_text=ERROR_CELL_LINE)
    assert shown.count() == 1, f"{kind}: the deliberate-error cell does not show {ERROR_CELL_LINE!r}"


SPEC.bad_input = empty_sentence
