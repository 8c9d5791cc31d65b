"""Projector checks, run by test_lab_explorers on the same JupyterLab run.

A class sees the explorers on a 1280x720 projector: in JupyterLab at that viewport, with each
notebook's default sentence, no explorer needs horizontal scrolling, heatmap cell text is at least
14 px, every slider track is at least 120 px wide; a 40-word sentence still renders, scrolling inside
the heatmap's own box. Screenshots of every explorer are saved under test-artifacts/projector/.
"""

from __future__ import annotations

from benchmarks.servers import REPO

from .browser_ui import (
    notebook_panel,
    read_heatmap,
    text_box,
    type_into,
)

PROJECTOR = {"width": 1280, "height": 720}
MIN_CELL_PX = 14.0
MIN_TRACK_PX = 120.0
SHOTS = REPO / "test-artifacts" / "projector"
LONG_NOTEBOOK = "04_query_key_value.ipynb"  # QKVExplorer: the explorer with a sentence box

MEASURE_JS = """el => {
  const wide = [];
  if (el.scrollWidth > el.clientWidth + 1)
    wide.push(`the output area (${el.scrollWidth} > ${el.clientWidth} px)`);
  for (const e of el.querySelectorAll('*')) {
    const x = getComputedStyle(e).overflowX;
    if ((x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth + 1)
      wide.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} `
                + `(${e.scrollWidth} > ${e.clientWidth} px)`);
  }
  const cells = [...el.querySelectorAll('.rta-heatmap td')].map(
    td => parseFloat(getComputedStyle(td).fontSize));
  const tracks = [...el.querySelectorAll('.widget-slider')].map(s => {
    const t = s.querySelector('.slider-container') || s.querySelector('.noUi-target');
    const l = s.querySelector('.widget-label');
    return [l ? l.textContent.trim() : '?', t ? t.getBoundingClientRect().width : 0];
  });
  return {wide, cells, tracks};
}"""


def _measure(output) -> dict:
    return output.evaluate(MEASURE_JS)


def _problems(m: dict) -> list[str]:
    out = [f"needs horizontal scrolling: {w}" for w in m["wide"]]
    small = sorted({c for c in m["cells"] if c < MIN_CELL_PX})
    if small:
        out.append(f"heatmap cell text {small} px (< {MIN_CELL_PX:g} px)")
    out += [f"slider {label!r} track {w:.0f} px (< {MIN_TRACK_PX:g} px)" for label, w in m["tracks"]
            if w < MIN_TRACK_PX]
    return out


def check_projector(page, notebook: str) -> None:
    """At 1280x720, every explorer of an open, run notebook fits (see the module docstring).

    Called by the JupyterLab test of each notebook, after its run: one run of each notebook in
    JupyterLab serves both checks. Screenshots go to test-artifacts/projector/.
    """
    panel = notebook_panel(page, notebook)
    outputs = page.locator(f"{panel} .jp-OutputArea-output:has(.rta-explorer)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for k in range(outputs.count()):
        out = outputs.nth(k)
        out.scroll_into_view_if_needed()
        out.screenshot(path=SHOTS / f"{notebook.removesuffix('.ipynb')}-{k}.png")
        problems += [f"explorer {k}: {p}" for p in _problems(_measure(out))]
    assert outputs.count() >= 1, f"no explorer output in {notebook}"
    assert not problems, f"{notebook} at 1280x720 (screenshots in {SHOTS}):\n  " + "\n  ".join(problems)


def check_40_words(page, out) -> None:
    """Type a 40-word sentence into the explorer ``out``: it renders, scrolling inside its heatmap."""
    words = [f"w{i}" for i in range(40)]
    type_into(text_box(out, "sentence"), " ".join(words))
    page.wait_for_function("el => el.querySelectorAll('.rta-heatmap tbody tr').length >= 40",
                           arg=out.element_handle(), timeout=15_000)
    shown = read_heatmap(out, "Softmax weights")
    assert shown.rows == words and shown.values.shape == (40, 40)
    out.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    out.screenshot(path=SHOTS / "04-40-words.png")
    m = _measure(out)
    assert not any(w.startswith("the output area") for w in m["wide"]), m["wide"]
    assert m["wide"], "a 40x40 heatmap should scroll inside its own box"
