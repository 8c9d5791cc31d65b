"""Page helpers for the browser tests: drive JupyterLab and Voila, read what the widgets show.

The widgets put their data in the DOM: ``AttentionHeatmap`` is a ``div.rta-heatmap`` holding a
table (row labels ``th.rta-q``, column labels ``th.rta-k``, one number per ``td``); the SVG
charts of ``helpers.ui.charts`` are ``svg.rta-chart`` elements with a ``data-series`` attribute.
Each notebook with an explorer has an ``ExplorerSpec`` below: which slider the test moves and
what the helpers compute for the slider's new value (computed here, in the test process).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
# The committed notebooks (tests serve temporary copies of them). RTA_NOTEBOOKS points elsewhere.
NOTEBOOKS = Path(os.environ.get("RTA_NOTEBOOKS", REPO / "notebooks"))

# An output that holds an explorer: a live view (heatmap table or SVG chart) and a slider.
EXPLORER_VIEW = ".rta-heatmap, svg.rta-chart"
SLIDER = ".widget-slider"
HANDLE = ".noUi-handle"

READ_HEATMAPS_JS = """el => [...el.querySelectorAll('.rta-heatmap')].map(box => {
  const cap = box.querySelector('caption');
  return {
    caption: cap ? cap.textContent : '',
    cols: [...box.querySelectorAll('thead th.rta-k')].map(t => t.textContent),
    rows: [...box.querySelectorAll('tbody tr')].map(tr => tr.querySelector('th').textContent),
    cells: [...box.querySelectorAll('tbody tr')].map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent)),
  };
})"""


@dataclass(frozen=True)
class Heatmap:
    """What one AttentionHeatmap shows in the page."""

    caption: str
    rows: list[str]
    cols: list[str]
    values: np.ndarray  # [n_rows, n_cols], parsed from the cell text

    @classmethod
    def from_js(cls, d: dict) -> Heatmap:
        return cls(d["caption"], d["rows"], d["cols"], np.array([[float(v) for v in r] for r in d["cells"]]))


def parse_series(data: str) -> dict[str, np.ndarray]:
    """``"a:1,2;b:3,4"`` (the ``data-series`` attribute) -> ``{"a": [1, 2], "b": [3, 4]}``."""
    out = {}
    for part in filter(None, data.split(";")):
        label, _, nums = part.rpartition(":")
        out[label] = np.array([float(v) for v in nums.split(",") if v])
    return out


# ------------------------------------------------------------------------------------------------
# Explorer specs: one per notebook with an explorer
# ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExplorerSpec:
    """How to test a notebook's first explorer in a browser.

    ``slider`` is the label of the slider the test moves with ArrowRight. ``view`` names what the
    test reads: ``"heatmap:<caption text>"`` (the first AttentionHeatmap whose caption holds that
    text), ``"line"`` or ``"bar"`` (the explorer's SVG chart). ``expected(value)`` computes, with
    the helpers, in the test process, what that view must show for the slider at ``value``:
    ``(row labels, [n, n] weights)`` for a heatmap, ``{series: values}`` for a chart.
    """

    notebook: str
    slider: str
    view: str
    expected: Callable[[float], object]


def _start_here(temperature: float):
    from helpers.lessons.start_here import start_here_weights

    return start_here_weights("I go home", temperature)


def _influence(radius: float):
    from helpers.core.embeddings import embed_tokens, tokenize
    from helpers.core.rnn import init_rnn
    from helpers.lessons.examples import LONG_SENTENCE
    from helpers.lessons.rnn import influence_curves

    X = embed_tokens(tokenize(LONG_SENTENCE), 8, seed=0)  # [T, d_in]; the explorer reads all T words
    params = init_rnn(8, 16, np.random.default_rng(0), radius=1.0)
    return influence_curves(X, params, radius, "tanh")


def _birnn(radius: float):
    from helpers.core.embeddings import embed_tokens, tokenize
    from helpers.core.rnn import init_rnn
    from helpers.lessons.examples import SHORT_SENTENCE
    from helpers.lessons.rnn import birnn_contributions

    tokens = tokenize(SHORT_SENTENCE)
    X = embed_tokens(tokens, 8, seed=0)
    rng = np.random.default_rng(0)
    forward, backward = init_rnn(8, 8, rng, radius=1.0), init_rnn(8, 8, rng, radius=1.0)
    rows = birnn_contributions(X, forward, backward, len(tokens) // 2, radius)  # the middle word
    return {"forward": rows["forward"], "backward": rows["backward"]}


def _naive(i0: float):
    from helpers.core.attention import naive_self_attention
    from helpers.lessons.examples import naive_sentences

    X = np.array(next(iter(naive_sentences().values())))  # the first vector set, [3, 2]
    X[0, 0] = i0  # the slider "I[0]"
    return ["I", "go", "home"], naive_self_attention(X)[1]


def _qkv(wq00: float):
    from helpers.core.attention import qkv_self_attention
    from helpers.lessons.examples import example_vectors

    tokens = ["I", "go", "home"]
    X = example_vectors(tokens, 2, seed=0)
    W_q = np.eye(2)
    W_q[0, 0] = wq00  # the slider "W_q[0,0]"; the identity preset holds elsewhere
    return tokens, qkv_self_attention(X, W_q, np.eye(2), np.eye(2), scale=1 / np.sqrt(2))[1]


def qkv_sentence(sentence: str, wq00: float = 1.0):
    """What QKVExplorer's weights heatmap shows for a typed sentence (identity maps but W_q[0,0])."""
    from helpers.core.attention import qkv_self_attention
    from helpers.core.embeddings import tokenize
    from helpers.lessons.examples import example_vectors

    tokens = tokenize(sentence)
    X = example_vectors(tokens, 2, seed=0)
    W_q = np.eye(2)
    W_q[0, 0] = wq00
    return tokens, qkv_self_attention(X, W_q, np.eye(2), np.eye(2), scale=1 / np.sqrt(2))[1]


SPECS: dict[str, ExplorerSpec] = {
    s.notebook: s
    for s in [
        ExplorerSpec("00_start_here.ipynb", "temperature", "heatmap:Self-attention weights", _start_here),
        ExplorerSpec("01_rnn_long_range.ipynb", "W_hh radius", "line", _influence),
        ExplorerSpec("02_bidirectional_rnn.ipynb", "W_hh radius", "bar", _birnn),
        ExplorerSpec("03_naive_self_attention.ipynb", "I[0]", "heatmap:Softmax weights", _naive),
        ExplorerSpec("04_query_key_value.ipynb", "W_q[0,0]", "heatmap:Softmax weights", _qkv),
    ]
}


def notebooks_with_explorers(folder) -> list[str]:
    """Names of the notebooks whose code makes an explorer (a call of a ``...Explorer(`` class)."""
    import nbformat

    found = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        if re.search(r"\b[A-Z]\w*Explorer\(", code):
            found.append(path.name)
    return found


# ------------------------------------------------------------------------------------------------
# Reading and moving widgets
# ------------------------------------------------------------------------------------------------
def explorer_output(page, scope: str):
    """The first output area in ``scope`` that holds a live view and a slider: the first explorer."""
    loc = page.locator(f"{scope}:has(:is({EXPLORER_VIEW})):has({SLIDER})").first
    loc.wait_for(state="visible", timeout=60_000)
    return loc


def read_heatmap(output, caption: str = "") -> Heatmap:
    """The first heatmap in ``output`` whose caption contains ``caption``."""
    found = output.evaluate(READ_HEATMAPS_JS)
    for d in found:
        if caption in d["caption"]:
            return Heatmap.from_js(d)
    raise AssertionError(f"no heatmap captioned {caption!r} in the explorer; captions: {[d['caption'] for d in found]}")


def read_chart(output, kind: str) -> dict[str, np.ndarray]:
    """The ``data-series`` of the explorer's first ``svg.rta-chart.rta-<kind>``."""
    data = output.locator(f"svg.rta-chart.rta-{kind}").first.get_attribute("data-series")
    assert data is not None, f"no {kind} chart (svg.rta-chart.rta-{kind}) in the explorer"
    return parse_series(data)


def read_view(output, view: str):
    """What the spec's view shows: a ``Heatmap`` or ``{series: values}``."""
    kind, _, caption = view.partition(":")
    return read_heatmap(output, caption) if kind == "heatmap" else read_chart(output, kind)


def mismatch(shown, expected) -> str | None:
    """Why the shown view differs from the expected one (None if it matches at the shown precision)."""
    if isinstance(shown, Heatmap):
        labels, weights = expected
        exp = np.round(np.asarray(weights), 2)  # the table prints ".2f"
        if shown.rows != list(labels) or shown.cols != list(labels):
            return f"labels: rows {shown.rows}, columns {shown.cols}; the helpers give {list(labels)}"
        if shown.values.shape != exp.shape or not np.all(np.abs(shown.values - exp) <= 0.006):
            return f"the page shows\n{shown.values}\nbut the helpers compute\n{exp}\n(caption {shown.caption!r})"
        return None
    if set(shown) != set(expected):
        return f"series {sorted(shown)}; the helpers give {sorted(expected)}"
    for k, v in expected.items():
        v = np.asarray(v, dtype=float)
        if shown[k].shape != v.shape or not np.allclose(shown[k], v, rtol=2e-5, atol=0):
            return f"series {k!r}: the page shows {shown[k]}\nbut the helpers compute {v}"
    return None


def wait_for_view(output, view: str, expected, timeout: float = 15.0):
    """Poll the view until it shows ``expected``; return (what it shows, mismatch or None)."""
    deadline = time.monotonic() + timeout
    while True:
        shown = read_view(output, view)
        why = mismatch(shown, expected)
        if why is None or time.monotonic() > deadline:
            return shown, why
        time.sleep(0.1)


def slider(output, description: str):
    """The ipywidgets slider whose label reads ``description``."""
    loc = output.locator(SLIDER).filter(has=output.page.locator(".widget-label", has_text=re.compile(
        rf"^\s*{re.escape(description)}\s*$")))
    assert loc.count() >= 1, f"no slider labelled {description!r} in the explorer"
    return loc.first


def slider_value(sl) -> float:
    return float(sl.locator(".widget-readout").inner_text().strip())


def press_on_handle(sl, key: str = "ArrowRight") -> None:
    """Focus the slider's handle (as Tab or a click would) and press a key on it."""
    handle = sl.locator(HANDLE)
    handle.focus()
    handle.press(key)


def wait_for_readout_change(sl, old: float, timeout: float = 10.0) -> float:
    deadline = time.monotonic() + timeout
    while (new := slider_value(sl)) == old and time.monotonic() < deadline:
        time.sleep(0.05)
    return new


def check_explorer(output, spec: ExplorerSpec, move=None) -> None:
    """The view shows the helpers' values for the slider's value; after ArrowRight on the slider's
    handle (or ``move(slider)``), it shows the helpers' values for the new value."""
    sl = slider(output, spec.slider)
    v0 = slider_value(sl)
    before, why = wait_for_view(output, spec.view, spec.expected(v0), timeout=5)
    assert why is None, f"{spec.notebook}, {spec.slider} = {v0} (before the move): {why}"
    if move is None:
        press_on_handle(sl, "ArrowRight")
    else:
        move(sl)
    v1 = wait_for_readout_change(sl, v0)
    assert v1 > v0, f"{spec.notebook}: ArrowRight on the {spec.slider!r} handle did not move it ({v0} -> {v1})"
    assert mismatch(before, spec.expected(v1)) is not None, (
        f"{spec.notebook}: {spec.slider} {v0} -> {v1} changes nothing at the shown precision; the test "
        "could not tell a redraw from none")
    _, why = wait_for_view(output, spec.view, spec.expected(v1))
    assert why is None, f"{spec.notebook}, {spec.slider} = {v1} (after ArrowRight): {why}"


def fail_on_foreign_requests(record) -> None:
    """Fail the test if any recorded request went anywhere but 127.0.0.1."""
    import pytest

    foreign = record.foreign_requests()
    if foreign:
        pytest.fail("requests left 127.0.0.1 (a classroom may be offline):\n  " + "\n  ".join(foreign[:20]),
                    pytrace=False)


def widget_errors(console_errors: list[str]) -> list[str]:
    """Console errors that come from our widgets or the widget manager rendering them."""
    pat = re.compile(r"rta-|helpers|widget|ipywidgets|jupyter-widgets|Traceback|Error rendering|model", re.I)
    return [e for e in console_errors if pat.search(e)]


def page_tracebacks(scope) -> list[str]:
    """Error outputs (tracebacks, stderr) shown inside ``scope`` (a page or a locator)."""
    return scope.locator("[data-mime-type='application/vnd.jupyter.stderr'], .jp-RenderedText:has(.ansi-red-fg)"
                        ).all_inner_texts()


# ------------------------------------------------------------------------------------------------
# JupyterLab
# ------------------------------------------------------------------------------------------------
CURRENT_TAB = ".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current"


def notebook_panel(page, notebook: str) -> str:
    """A CSS selector for the notebook's panel (the ``data-id`` of its tab)."""
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=notebook).first
    return f"#{tab.get_attribute('data-id')}.jp-NotebookPanel"


def lab_open(page, server, notebook: str) -> None:
    """Open a notebook in JupyterLab and wait for its kernel to be idle.

    The first call loads JupyterLab (a fresh workspace) on the notebook; later calls on the same
    page open the notebook from the file browser, as a learner would, in a new tab.
    """
    if not page.url.startswith(server.base):
        page.goto(server.url(f"/lab/workspaces/browser-tests/tree/{notebook}?reset"))
    else:
        page.locator(".jp-DirListing-item", has_text=notebook).dblclick()
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=notebook).wait_for(timeout=60_000)
    lab_activate(page, notebook)
    page.locator(notebook_panel(page, notebook)).wait_for(state="visible", timeout=60_000)
    lab_wait_status(page, "Idle", timeout=60)


def lab_status(page) -> str:
    """The kernel state in the status bar (e.g. "Python 3 (ipykernel) | Idle")."""
    return page.locator("#jp-main-statusbar").inner_text()


def lab_wait_status(page, state: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    pat = re.compile(rf"\|\s*{state}\b")
    while not pat.search(lab_status(page)):
        if time.monotonic() > deadline:
            raise AssertionError(f"kernel never reached {state!r}; status bar: {lab_status(page)!r}")
        time.sleep(0.1)


def lab_restart_and_run_all(page) -> None:
    """Kernel menu > Restart Kernel and Run All Cells, and confirm (returns once confirmed)."""
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(r"^Kernel$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Restart Kernel and Run All Cells")).click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.locator(".jp-Dialog").wait_for(state="detached")


def lab_activate(page, notebook: str) -> None:
    """Bring a notebook's tab to the front (a click on its tab)."""
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=notebook).click()
    page.locator(CURRENT_TAB, has_text=notebook).wait_for()


def lab_wait_run_all_done(page, notebook: str, timeout: float = 120) -> None:
    """Wait until the active notebook's kernel is really idle: the status bar (not the toolbar
    indicator, which reads idle too early) says Idle, every code cell has an execution number
    (none queued or running), and both stay so for half a second."""
    deadline = time.monotonic() + timeout
    stable_since = None
    panel = notebook_panel(page, notebook)
    while True:
        prompts = page.locator(f"{panel} .jp-CodeCell .jp-InputPrompt").all_inner_texts()
        done = bool(prompts) and all(re.fullmatch(r"\s*\[\d+\]:\s*", p) for p in prompts)
        idle = re.search(r"\|\s*Idle\b", lab_status(page)) is not None
        if done and idle:
            stable_since = stable_since or time.monotonic()
            if time.monotonic() - stable_since > 0.5:
                return
        else:
            stable_since = None
        if time.monotonic() > deadline:
            raise AssertionError(f"run-all did not finish: prompts {prompts}, status {lab_status(page)!r}")
        time.sleep(0.1)


# ------------------------------------------------------------------------------------------------
# Voila
# ------------------------------------------------------------------------------------------------
VOILA_OUTPUT = "#rendered_cells .jp-OutputArea-output"


def voila_open(page, server, notebook: str) -> None:
    """Open a notebook as a Voila app and wait until its cells have run and show."""
    page.goto(server.url(f"/voila/render/{notebook}"))
    page.locator("#rendered_cells").wait_for(state="visible", timeout=90_000)


FOCUS_IS_SLIDER_JS = """label => {
  const a = document.activeElement;
  const s = a && a.closest('.widget-slider');
  const l = s && s.querySelector('.widget-label');
  return !!(a.classList.contains('noUi-handle') && l && l.textContent.trim() === label);
}"""


def tab_to_slider(page, label: str, max_tabs: int = 60) -> int:
    """Press Tab (keyboard only) until the handle of the slider labelled ``label`` has focus."""
    for n in range(1, max_tabs + 1):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUS_IS_SLIDER_JS, label):
            return n
    focused = page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 200)")
    raise AssertionError(f"{max_tabs} presses of Tab never reached the {label!r} slider; focus is on {focused}")


def text_box(output, label: str):
    """The input of the ipywidgets Text box labelled ``label``."""
    box = output.locator(".widget-text").filter(has=output.page.locator(".widget-label", has_text=re.compile(
        rf"^\s*{re.escape(label)}\s*$")))
    assert box.count() >= 1, f"no text box labelled {label!r} in the explorer"
    return box.first.locator("input")
