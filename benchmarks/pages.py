"""Page helpers for JupyterLab in Chromium, shared by the bench and the browser tests: open a
notebook, restart and run all, wait until the kernel is really idle, find an explorer, move a slider.

``benchmarks.browser`` times key presses with them; ``tests/browser/browser_ui.py`` re-exports them
beside the tests' own readers and checks.
"""

from __future__ import annotations

import re
import time

CURRENT_TAB = ".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current"
# An output that holds an explorer: a live view (heatmap table or SVG chart) and a slider.
EXPLORER_VIEW = ".rta-heatmap, svg.rta-chart"
SLIDER = ".widget-slider"
HANDLE = ".noUi-handle"


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


def lab_run_new_cell(page, notebook: str, code: str):
    """Add a code cell at the end of the open notebook, type ``code`` into it as a learner would,
    run it (Shift+Enter) and return the new cell (a locator); its output is not awaited."""
    cells = page.locator(f"{notebook_panel(page, notebook)} .jp-Notebook .jp-Cell")
    n = cells.count()
    cells.last.locator(".jp-InputPrompt").click()  # select the last cell (command mode)
    page.keyboard.press("Escape")
    page.keyboard.press("b")  # a new code cell below
    page.keyboard.press("Enter")  # edit it
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    return cells.nth(n)


# ------------------------------------------------------------------------------------------------
# Finding an explorer and moving its sliders
# ------------------------------------------------------------------------------------------------
def explorer_output(page, scope: str):
    """The first output area in ``scope`` that holds a live view and a slider: the first explorer."""
    loc = page.locator(f"{scope}:has(:is({EXPLORER_VIEW})):has({SLIDER})").first
    loc.wait_for(state="visible", timeout=60_000)
    return loc


def slider(output, description: str):
    """The ipywidgets slider whose label reads ``description``."""
    loc = output.locator(SLIDER).filter(has=output.page.locator(".widget-label", has_text=re.compile(
        rf"^\s*{re.escape(description)}\s*$")))
    assert loc.count() >= 1, f"no slider labelled {description!r} in the explorer"
    return loc.first


def press_on_handle(sl, key: str = "ArrowRight") -> None:
    """Focus the slider's handle (as Tab or a click would) and press a key on it."""
    handle = sl.locator(HANDLE)
    handle.focus()
    handle.press(key)
