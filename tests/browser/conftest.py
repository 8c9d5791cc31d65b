"""Real-browser test fixtures: JupyterLab and Voila (``benchmarks/servers.py``) driven by Chromium.

Each page records every request and websocket: a test fails if one leaves 127.0.0.1. Console
errors and uncaught page errors are collected (``page.record``). On failure a screenshot, the
page's console and the server log are written under ``test-artifacts/`` and named in the report.
When Chromium is missing the tests say so; under ``CI=true`` that is a failure, never a skip.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from benchmarks.servers import CHROMIUM, CHROMIUM_ARGS, REPO, chromium_missing_message, start_lab, start_voila

from .browser_ui import fail_on_foreign_requests

ARTIFACTS = REPO / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.nodeid.replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    missing = chromium_missing_message()
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(missing + " Under CI a missing browser is a failure.", pytrace=False)
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory, request):
    """JupyterLab as ``make lab`` runs it, for one test module."""
    server = start_lab(tmp_path_factory.mktemp("lab"))
    request.addfinalizer(server.stop)
    return server


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory, request):
    """Voila as ``make present`` runs it (classroom template, no sources), for one test module."""
    try:
        server = start_voila(tmp_path_factory.mktemp("voila"))
    except FileNotFoundError as exc:
        pytest.fail(str(exc), pytrace=False)
    request.addfinalizer(server.stop)
    return server


# --------------------------------------------------------------------------------------------
# Pages: request recording, console errors, artifacts on failure
# --------------------------------------------------------------------------------------------
@dataclass
class PageRecord:
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.requests.clear()
        self.console_errors.clear()
        self.console.clear()

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob", "about")
                and urlsplit(u).hostname != "127.0.0.1"]


def _new_page(browser):
    """A fresh browser context and page that records every request, websocket and console message."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US",
                                  service_workers="block")
    # Every resource of a long JupyterLab session stays listed (the Hangul check reads the font files).
    context.add_init_script("performance.setResourceTimingBufferSize(100000)")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    record = PageRecord()
    pg.on("request", lambda r: record.requests.append(r.url))
    pg.on("websocket", lambda ws: record.requests.append(ws.url))

    def on_console(msg):
        record.console.append(f"[{msg.type}] {msg.text}")
        if msg.type == "error":
            record.console_errors.append(msg.text)

    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: record.console_errors.append(f"uncaught: {exc}"))
    pg.record = record  # type: ignore[attr-defined]
    return context, pg


@pytest.fixture
def page(browser, request):
    """A fresh page for one test; the test fails if any request left 127.0.0.1."""
    context, pg = _new_page(browser)
    request.node._browser_page = pg
    yield pg
    context.close()
    fail_on_foreign_requests(pg.record)


@pytest.fixture(scope="module")
def _module_page(browser):
    context, pg = _new_page(browser)
    yield pg
    context.close()


@pytest.fixture
def lab_page(_module_page, request):
    """One page per module (JupyterLab loads once; notebooks open in tabs). Its record accumulates,
    so an error or a foreign request anywhere on the page fails every test that follows."""
    request.node._browser_page = _module_page
    yield _module_page
    fail_on_foreign_requests(_module_page.record)


def _safe(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1])[:120]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.when != "call" or not rep.failed:
        return
    pg = getattr(item, "_browser_page", None)
    servers = [item.funcargs[n] for n in ("lab_server", "voila_server") if item.funcargs.get(n) is not None]
    if pg is None and not servers:
        return
    lines = []
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / _safe(item.nodeid)
    if pg is not None:
        try:
            pg.screenshot(path=f"{stem}.png", full_page=True)
            lines.append(f"screenshot:  {stem}.png")
        except Exception as exc:
            lines.append(f"screenshot failed: {exc}")
        Path(f"{stem}.console.txt").write_text("\n".join(pg.record.console) + "\n")
        lines.append(f"console log: {stem}.console.txt")
    for server in servers:
        if server.log_path.exists():
            dest = Path(f"{stem}.{server.name.lower()}.log")
            shutil.copy(server.log_path, dest)
            lines.append(f"server log:  {dest}")
    rep.sections.append(("browser artifacts", "\n".join(lines)))
    if lines:
        sys.stderr.write("\n[browser artifacts] " + "; ".join(lines) + "\n")
