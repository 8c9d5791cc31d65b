"""07: the antisymmetric-part slider of the bilinear explorer (the notebook's first explorer), then,
on the same page, every switch of the one-block explorer (``flip_everything``)."""

from __future__ import annotations

import time

import numpy as np

from benchmarks.servers import REPO
from helpers.core.attention import softmax
from helpers.core.block import transformer_block
from helpers.core.embeddings import tokenize
from helpers.lessons.transformer import block_input, block_weights
from helpers.ui import BilinearExplorer

from ..bad_input import wait_for_message
from ..browser_ui import (
    page_tracebacks,
    press_on_handle,
    read_heatmap,
    slider,
    slider_value,
    text_box,
    type_into,
    wait_for_readout_change,
    widget_errors,
)
from ..hangul import assert_hangul_from_served_font
from . import ExplorerSpec

ARTIFACTS = REPO / "test-artifacts"
DEFAULTS = {"causal mask": ("causal", False), "positions": ("positions", False),
            "scale by 1/sqrt(d_k)": ("scaled", True), "residual": ("residual", True)}

READ_TABLE_JS = """el => {
  const t = [...el.querySelectorAll('table.rta-vectors')].find(t => t.querySelector('caption').textContent
      .startsWith('Block outputs'));
  return [...t.querySelectorAll('tbody tr')]
      .map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent));
}"""


def expected(sentence, n_heads, switches):
    tokens = tokenize(sentence)
    kw = {name: value for name, value in switches.values()}
    return tokens, transformer_block(block_input(tokens), block_weights(n_heads), **kw)


def shown_matches(output, tokens, res, n_heads, timeout=15.0):
    """Poll until every head heatmap and the output table show the block's numbers; return why not."""
    deadline = time.monotonic() + timeout
    while True:
        why = None
        for j in range(n_heads):
            try:
                hm = read_heatmap(output, f"Head {j + 1} of {n_heads}")
            except AssertionError as err:  # not redrawn yet (e.g. a new number of heads)
                why = str(err)
                break
            exp = np.round(res.weights[j], 2)
            if hm.rows != tokens or hm.values.shape != exp.shape or np.abs(hm.values - exp).max() > 0.006:
                why = f"head {j + 1}: page shows\n{hm.values}\nblock computes\n{exp}"
                break
        if why is None:
            table = np.array([[float(v) for v in row] for row in output.evaluate(READ_TABLE_JS)])
            exp = np.round(res.outputs, 2)
            if table.shape != exp.shape or np.abs(table - exp).max() > 0.006:
                why = f"outputs: page shows\n{table}\nblock computes\n{exp}"
        if why is None or time.monotonic() > deadline:
            return why
        time.sleep(0.2)


def checkbox(output, label):
    box = output.locator(".widget-checkbox", has_text=label).first
    return box.locator("input[type=checkbox]")


def flip_everything(page, outputs, kind):
    """The one-block explorer, on the page and run the generic test left: check the defaults, flip
    each switch in turn, pick 4 heads, type a sentence; the numbers shown match the block computed
    directly, its Hangul is drawn from the served web font, and at 1280x720 the explorer needs no
    sideways scrolling."""
    output = page.locator(f"{outputs}:has(.widget-checkbox)").first
    output.wait_for(state="visible", timeout=90_000)
    output.scroll_into_view_if_needed()
    switches = dict(DEFAULTS)
    sentence, heads = "I go home", 2
    tokens, res = expected(sentence, heads, switches)
    assert shown_matches(output, tokens, res, heads) is None
    for label, (name, value) in DEFAULTS.items():  # flip each switch, one after the other
        checkbox(output, label).click()
        switches[label] = (name, not value)
        tokens, res = expected(sentence, heads, switches)
        why = shown_matches(output, tokens, res, heads)
        assert why is None, f"after flipping {label!r}: {why}"
    output.locator(".widget-dropdown select").first.select_option("4")
    heads = 4
    tokens, res = expected(sentence, heads, switches)
    assert shown_matches(output, tokens, res, heads) is None
    sentence = "나는 집에 간다 and I go home after a long day today"  # 12 tokens
    type_into(text_box(output, "sentence"), sentence)
    tokens, res = expected(sentence, heads, switches)
    why = shown_matches(output, tokens, res, heads)
    assert why is None, f"after typing {sentence!r}: {why}"
    assert_hangul_from_served_font(output, f"07 ({kind}): the block explorer's sentence")
    page.set_viewport_size({"width": 1280, "height": 720})  # the projector: no sideways scrolling
    widths = output.evaluate("el => [el.scrollWidth, el.clientWidth]")
    ARTIFACTS.mkdir(exist_ok=True)
    output.screenshot(path=str(ARTIFACTS / f"nb07_block_explorer_{kind}.png"))
    assert widths[0] <= widths[1] + 1, f"the explorer needs horizontal scrolling at 1280 px: {widths}"
    assert not page_tracebacks(output)
    assert not widget_errors(page.record.console_errors), page.record.console_errors




def _weights(ex: BilinearExplorer, a: float):
    s12 = ex.s12.value
    M = np.array([[ex.s11.value, s12 + a], [s12 - a, ex.s22.value]])  # S + A, A = [[0, a], [-a, 0]]
    X = ex.X  # the explorer's own word vectors ("go" stretched by its slider)
    scores = np.array([[X[i] @ M @ X[j] for j in range(len(X))] for i in range(len(X))])
    return ex.tokens, softmax(scores)


def heads_keep_their_name(page, outputs):
    """The heads explorer: a key step right and back on a slider whose preset value lies between two
    slider steps names the head "(custom)" in between and its preset again after (issue 20)."""
    output = page.locator(f"{outputs}:has(.rta-preset-help)").first
    output.wait_for(state="visible", timeout=90_000)
    output.scroll_into_view_if_needed()
    sl = slider(output, "W_k1[0,0]")  # 3 cos(1 rad) = 1.62, between the 0.05 steps
    v0 = slider_value(sl)
    assert "Head 1: previous word" in read_heatmap(output, "Head 1").caption
    press_on_handle(sl, "ArrowRight")
    wait_for_readout_change(sl, v0)
    wait_until(lambda: "(custom)" in read_heatmap(output, "Head 1").caption, what="head 1 named custom")
    press_on_handle(sl, "ArrowLeft")
    wait_until(lambda: abs(slider_value(sl) - v0) < 0.03, what="the slider back at its start")
    wait_until(lambda: "Head 1: previous word" in read_heatmap(output, "Head 1").caption,
               what="head 1 named 'previous word' again")
    assert not page_tracebacks(output)


def wait_until(predicate, timeout=15.0, what=""):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out after {timeout:.0f} s waiting for {what}"
        time.sleep(0.1)


def _extra(page, outputs, kind):
    heads_keep_their_name(page, outputs)
    flip_everything(page, outputs, kind)


SPEC = ExplorerSpec("07_toward_the_transformer.ipynb", BilinearExplorer, "A[0,1] = -A[1,0]",
                    "heatmap:Softmax weights", _weights, extra=_extra)


def empty_block_sentence(page, outputs, kind):
    """Only spaces in the one-block explorer's sentence box: one line asks for a word."""
    output = page.locator(f"{outputs}:has(.widget-checkbox)").first
    type_into(text_box(output, "sentence"), "   ")
    said = wait_for_message(output, "The sentence is empty")
    assert "type at least one word" in said, said


SPEC.bad_input = empty_block_sentence
