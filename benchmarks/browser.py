"""Key press -> new numbers in the browser: JupyterLab on headless Chromium, a tuned and a stock
kernel connection side by side (the servers and page helpers the browser tests use too)."""

from __future__ import annotations

import contextlib
import tempfile
import time
from pathlib import Path

from .report import summarise_browser

BROWSER_TARGET_MS = 50.0

# How the slider is stepped: (steps in a row on one server before switching, pause after each step).
# "held": the next step as soon as the last one shows, like a held arrow key or a drag;
# "tapped": a person pressing the key now and then, the connection idle in between.
PACES = {"held": (10, 0.0), "tapped": (1, 0.25)}
SWING = 10  # steps right, then as many back left, and so on: the slider stays inside its range

LATENCY_JS = """([el, t0key]) => {
  // Time from a key press on the slider to the heatmap showing different numbers (at the next frame).
  window.__rtaLat = [];
  const text = () => { const b = el.querySelector('.rta-heatmap tbody'); return b ? b.textContent : ''; };
  let before = text(), t0 = null;
  document.addEventListener('keydown', e => {
    if (e.key === t0key || e.key === 'ArrowLeft') { t0 = performance.now(); before = text(); }
  }, true);
  new MutationObserver(() => {
    if (t0 === null || text() === before) return;
    const start = t0; t0 = null;
    requestAnimationFrame(() => window.__rtaLat.push(performance.now() - start));
  }).observe(el, {subtree: true, childList: true, characterData: true});
}"""


def browser_latency(steps: int = 40, notebook: str = "00_start_here.ipynb",
                    slider_label: str = "temperature") -> dict:
    """Key press on a slider handle -> the heatmap shows new numbers, in JupyterLab on headless Chromium.

    Two JupyterLab servers run side by side: one as ``make lab`` runs it, with
    ``helpers.server_tuning`` (Nagle's algorithm off on the kernel websocket), and one with Jupyter
    Server's stock connection, for comparison. Each has its own Chromium and its own kernel. The
    slider is stepped at each pace of :data:`PACES`, in blocks that alternate between the two servers
    (the first server swapped every block), so a busy moment of the machine hits both alike and step
    ``i`` of one is paired with step ``i`` of the other.

    Uses the servers and page helpers the browser tests use too (``benchmarks/servers.py`` and
    ``benchmarks/pages.py``): JupyterLab on a loopback port with a private home, on copies of the
    notebooks; Debian's Chromium, never a downloaded one. The clock runs in the page, from the
    keydown event to the animation frame after the heatmap's numbers change; the slider moves
    :data:`SWING` steps right, then as many back left, and so on, one step per key press.
    """
    from . import pages as ui
    from .servers import CHROMIUM, CHROMIUM_ARGS, chromium_missing_message, start_lab

    if chromium_missing_message():
        return {"status": f"not measured: no Chromium at {CHROMIUM} (set CHROMIUM)"}
    try:
        from playwright.sync_api import sync_playwright

        from helpers import server_tuning

        connections = {"nodelay": server_tuning.LAB_ARGS, "stock": []}
        # ExitStack closes the browsers and stops the servers before Playwright itself stops.
        with tempfile.TemporaryDirectory(prefix="bench-lab-") as tmp, sync_playwright() as pw, \
                contextlib.ExitStack() as stack:
            sides = {}
            for name, extra_args in connections.items():
                server = start_lab(Path(tmp) / name, f"JupyterLab ({name})", extra_args)
                stack.callback(server.stop)
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                stack.callback(browser.close)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                ui.lab_open(page, server, notebook)
                ui.lab_restart_and_run_all(page)
                out = ui.explorer_output(page, ".jp-NotebookPanel .jp-OutputArea-output")
                ui.lab_wait_status(page, "Idle", timeout=60)
                page.evaluate(LATENCY_JS, [out.element_handle(), "ArrowRight"])
                sides[name] = (page, ui.slider(out, slider_label))
            time.sleep(1.0)  # let the last outputs settle before the clock starts
            ms = {pace: {name: [] for name in sides} for pace in PACES}
            for pace, (block, gap_s) in PACES.items():
                order = list(sides)
                for i in range(0, steps, block):
                    for name in order:  # `block` steps on one server, then the same on the other
                        page, sl = sides[name]
                        for j in range(i, min(i + block, steps)):
                            done = page.evaluate("window.__rtaLat.length")
                            ui.press_on_handle(sl, "ArrowRight" if j // SWING % 2 == 0 else "ArrowLeft")
                            page.wait_for_function(f"window.__rtaLat.length > {done}", timeout=15_000)
                            ms[pace][name].append(page.evaluate("window.__rtaLat.at(-1)"))
                            time.sleep(gap_s)
                    order.reverse()  # swap who goes first, so neither always follows the other
    except Exception as exc:
        return {"status": f"failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}

    return summarise_browser(ms, notebook, slider_label, steps, BROWSER_TARGET_MS)
