"""Page helpers for the browser tests: drive JupyterLab and Voila, read what the widgets show.

The widgets put their data in the DOM: ``AttentionHeatmap`` is a ``div.rta-heatmap`` holding a
table (row labels ``th.rta-q``, column labels ``th.rta-k``, one number per ``td``); the SVG
charts of ``helpers.ui.charts`` are ``svg.rta-chart`` elements with a ``data-series`` attribute.
Each notebook with an explorer has an ``ExplorerSpec`` in ``tests/browser/specs/``: which slider the
test moves and what the helpers compute for the slider's new value (in the test process).
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

# JupyterLab and slider helpers live in benchmarks/pages.py (the bench drives them too); re-exported
# here, so the tests import every page helper from browser_ui.
from benchmarks.pages import CURRENT_TAB as CURRENT_TAB
from benchmarks.pages import EXPLORER_VIEW as EXPLORER_VIEW
from benchmarks.pages import HANDLE as HANDLE
from benchmarks.pages import SLIDER as SLIDER
from benchmarks.pages import explorer_output as explorer_output
from benchmarks.pages import lab_activate as lab_activate
from benchmarks.pages import lab_open as lab_open
from benchmarks.pages import lab_restart_and_run_all as lab_restart_and_run_all
from benchmarks.pages import lab_run_new_cell as lab_run_new_cell
from benchmarks.pages import lab_status as lab_status
from benchmarks.pages import lab_wait_run_all_done as lab_wait_run_all_done
from benchmarks.pages import lab_wait_status as lab_wait_status
from benchmarks.pages import notebook_panel as notebook_panel
from benchmarks.pages import press_on_handle as press_on_handle
from benchmarks.pages import slider as slider
from benchmarks.servers import NOTEBOOKS as NOTEBOOKS  # re-exported: the tests import it from here
from benchmarks.servers import REPO as REPO

if TYPE_CHECKING:
    from .specs import ExplorerSpec


READ_HEATMAPS_JS = """el => [...el.querySelectorAll('.rta-heatmap')].map(box => {
  const cap = box.querySelector('caption');
  return {
    caption: cap ? cap.textContent : '',
    cols: [...box.querySelectorAll('thead th.rta-k')].map(t => t.textContent),
    rows: [...box.querySelectorAll('tbody tr')].map(tr => tr.querySelector('th').textContent),
    cells: [...box.querySelectorAll('tbody tr')].map(
      tr => [...tr.querySelectorAll('td')].map(td => td.textContent)),
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
    """``"a:1,2;b:3,4"`` (the ``data-series`` attribute) -> ``{"a": [1, 2], "b": [3, 4]}``.

    Raw markup still holds HTML entities (``&#x27;`` for an apostrophe in a label); a browser has
    already decoded them, and decoding twice changes nothing here.
    """
    out = {}
    for part in filter(None, html.unescape(data).split(";")):
        label, _, nums = part.rpartition(":")
        out[label] = np.array([float(v) for v in nums.split(",") if v])
    return out


# ------------------------------------------------------------------------------------------------
# Reading and moving widgets
# ------------------------------------------------------------------------------------------------
def read_heatmap(output, caption: str = "") -> Heatmap:
    """The first heatmap in ``output`` whose caption contains ``caption``."""
    found = output.evaluate(READ_HEATMAPS_JS)
    for d in found:
        if caption in d["caption"]:
            return Heatmap.from_js(d)
    raise AssertionError(f"no heatmap captioned {caption!r} in the explorer; "
                         f"captions: {[d['caption'] for d in found]}")


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
        # (labels, weights) for a square heatmap; (row labels, column labels, weights) for any heatmap
        rows, cols, weights = expected if len(expected) == 3 else (expected[0], expected[0], expected[1])
        exp = np.round(np.asarray(weights), 2)  # the table prints ".2f"
        if shown.rows != list(rows) or shown.cols != list(cols):
            return (f"labels: rows {shown.rows}, columns {shown.cols}; the helpers give rows {list(rows)}, "
                    f"columns {list(cols)}")
        if shown.values.shape != exp.shape or not np.all(np.abs(shown.values - exp) <= 0.006):
            return (f"the page shows\n{shown.values}\nbut the helpers compute\n{exp}\n"
                    f"(caption {shown.caption!r})")
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


def slider_value(sl) -> float:
    return float(sl.locator(".widget-readout").inner_text().strip())


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
    before, why = wait_for_view(output, spec.view, spec.expect(v0), timeout=5)
    assert why is None, f"{spec.notebook}, {spec.slider} = {v0} (before the move): {why}"
    if move is None:
        press_on_handle(sl, "ArrowRight")
    else:
        move(sl)
    v1 = wait_for_readout_change(sl, v0)
    assert v1 > v0, (f"{spec.notebook}: ArrowRight on the {spec.slider!r} handle did not move it "
                     f"({v0} -> {v1})")
    assert mismatch(before, spec.expect(v1)) is not None, (
        f"{spec.notebook}: {spec.slider} {v0} -> {v1} changes nothing at the shown precision; the test "
        "could not tell a redraw from none")
    _, why = wait_for_view(output, spec.view, spec.expect(v1))
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
    errors = "[data-mime-type='application/vnd.jupyter.stderr'], .jp-RenderedText:has(.ansi-red-fg)"
    return scope.locator(errors).all_inner_texts()



# ------------------------------------------------------------------------------------------------
# Voila
# ------------------------------------------------------------------------------------------------
VOILA_OUTPUT = "#rendered_cells .jp-OutputArea-output"


def voila_open(page, server, notebook: str) -> None:
    """Open a notebook as a Voila app and wait until its cells have run and show.

    Voila fires the page's load event only after every cell has run (training included), so the
    navigation gets as long as the notebook may take on a busy machine, not Playwright's 30 s.
    """
    page.goto(server.url(f"/voila/render/{notebook}"), timeout=240_000)
    page.locator("#rendered_cells").wait_for(state="visible", timeout=120_000)


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
    raise AssertionError(f"{max_tabs} presses of Tab never reached the {label!r} slider; "
                         f"focus is on {focused}")


def text_box(output, label: str):
    """The input of the ipywidgets Text box labelled ``label``."""
    box = output.locator(".widget-text").filter(has=output.page.locator(".widget-label", has_text=re.compile(
        rf"^\s*{re.escape(label)}\s*$")))
    assert box.count() >= 1, f"no text box labelled {label!r} in the explorer"
    return box.first.locator("input")


def button(output, text: str):
    """The ipywidgets Button whose caption reads ``text`` (click it with ``.click()``)."""
    loc = output.locator("button.jupyter-button", has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))
    assert loc.count() >= 1, f"no button {text!r} in the explorer"
    return loc.first


def type_into(box, text: str, enter: bool = True) -> None:
    """Replace the text of an input (``text_box(...)``) as a learner would: click, select all, type,
    then Enter (a ``continuous_update=False`` Text widget sends its value on Enter or on blur)."""
    box.click()
    box.page.keyboard.press("Control+A")
    if text:
        box.page.keyboard.type(text)
    else:  # typing "" would leave the selected text in place
        box.page.keyboard.press("Backspace")
    if enter:
        box.page.keyboard.press("Enter")
