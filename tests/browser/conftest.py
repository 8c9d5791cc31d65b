"""Real-browser test fixtures: JupyterLab and Voila servers on loopback, driven by Debian's Chromium.

Every server runs on a free 127.0.0.1 port, in a temporary Jupyter home (config, data, runtime,
settings, workspaces, IPython dir) on temporary *copies* of the notebooks (JupyterLab autosaves,
so the committed files are never opened). Servers start in their own process group and are
stopped by it (plus any kernel they started, which jupyter_client puts in a session of its own)
when the module ends, pass or fail.

Each page records every request and websocket: a test fails if one leaves 127.0.0.1. Console
errors and uncaught page errors are collected (``page_errors``). On failure a screenshot, the
page's console and the server log are written under ``test-artifacts/`` and named in the report.

Chromium: ``/usr/bin/chromium`` (override with ``CHROMIUM``). Never downloaded. When missing, the
tests say so; under ``CI=true`` that is a failure, never a skip.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_ui import NOTEBOOKS, REPO, fail_on_foreign_requests

from helpers import server_tuning

ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]
# The classroom Voila template (no CDN links) lives in the repo's Jupyter data tree.
CLASSROOM_JUPYTER_PATH = Path(os.environ.get("RTA_JUPYTER_PATH", REPO / "share" / "jupyter"))
# As `make present` runs it (tests/test_launch_commands.py holds the two together).
VOILA_ARGS = ["--template=classroom", "--strip_sources=True", "--show_tracebacks=True", "--classic-tree"]
SERVER_START_TIMEOUT = 90.0


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.nodeid.replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


# --------------------------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------------------------
def _chromium_missing_message() -> str | None:
    if os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK):
        return None
    return (
        f"Chromium is missing: no executable at {CHROMIUM}. The browser tests need Debian's Chromium "
        "(`apt-get install chromium`, or `make install-chromium` as root); never a downloaded browser."
    )


@pytest.fixture(scope="session")
def browser():
    missing = _chromium_missing_message()
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(missing + " Under CI a missing browser is a failure.", pytrace=False)
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


# --------------------------------------------------------------------------------------------
# Servers
# --------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (read from /proc), deepest last."""
    parent_of: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parent_of[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parent_of.items() if pp == p]
        found += kids
        frontier += kids
    return found


@dataclass
class Server:
    """A Jupyter-family server we started, in its own process group, with its log file."""

    name: str
    root: Path  # the temporary copy of the notebooks it serves
    port: int
    token: str
    log_path: Path
    proc: subprocess.Popen | None = None
    extra: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}" if self.token else f"{self.base}{path}"

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def start(self, cmd: list[str], env: dict[str, str], ready_path: str) -> None:
        log = open(self.log_path, "wb")  # noqa: SIM115 (closed with the process)
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with code {self.proc.returncode}; log {self.log_path}:\n"
                                   + self.log_tail())
            try:
                with urllib.request.urlopen(self.url(ready_path), timeout=5) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {SERVER_START_TIMEOUT:.0f} s; log {self.log_path}:\n"
                           + self.log_tail())

    def stop(self) -> None:
        """SIGTERM to the server's own process group (it shuts its kernels down), then SIGKILL
        whatever is left of it and of the kernels it started (each in a session of its own)."""
        if self.proc is None:
            return
        pid = self.proc.pid
        descendants = _children(pid)
        groups = {pid}
        for c in descendants:
            try:
                groups.add(os.getpgid(c))
            except ProcessLookupError:
                pass
        try:
            os.killpg(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for g in groups:
            try:
                os.killpg(g, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.proc = None


def _jupyter_env(home: Path) -> dict[str, str]:
    """A private Jupyter/IPython home, so no user config, workspace or extension leaks in."""
    import matplotlib

    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_", "IPYTHON"))}
    for sub in ("config", "data", "runtime", "ipython", "settings", "workspaces"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        IPYTHONDIR=str(home / "ipython"),
        # Reuse matplotlib's font cache (rebuilding it costs seconds per kernel); it holds no state.
        MPLCONFIGDIR=os.environ.get("MPLCONFIGDIR", matplotlib.get_configdir()),
        JUPYTER_PLATFORM_DIRS="1",
        PYTHONUNBUFFERED="1",
        PYDEVD_DISABLE_FILE_VALIDATION="1",
    )
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def copy_notebooks(dest: Path) -> Path:
    """Temporary copies of the committed notebooks (and the sanitize file), never the originals."""
    dest.mkdir(parents=True, exist_ok=True)
    for nb in sorted(NOTEBOOKS.glob("*.ipynb")):
        shutil.copy2(nb, dest / nb.name)
    return dest


def start_lab(tmp: Path, name: str = "JupyterLab", extra_args=tuple(server_tuning.LAB_ARGS)) -> Server:
    """Start JupyterLab as ``make lab`` runs it (``extra_args``: its kernel connection), on copies of the notebooks.

    A free loopback port, token on, a private home in ``tmp``, no news or update checks; the caller
    stops it (``Server.stop``). Used by the ``lab_server`` fixture and by ``make bench``.
    """
    home, root = tmp / "home", copy_notebooks(tmp / "notebooks")
    env = _jupyter_env(home)
    # Quiet JupyterLab: no news or update checks (they would try the internet), no toasts.
    notif = home / "settings" / "@jupyterlab" / "apputils-extension"
    notif.mkdir(parents=True)
    (notif / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True}))
    # Render every cell (no windowing), so each cell's execution prompt is in the page.
    nbset = home / "settings" / "@jupyterlab" / "notebook-extension"
    nbset.mkdir(parents=True)
    (nbset / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    server = Server(name, root, free_port(), secrets.token_hex(16), tmp / "jupyterlab.log")
    cmd = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={server.port}",
        "--port-retries=0", "--allow-root", f"--ServerApp.token={server.token}",
        f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--ServerApp.disable_check_xsrf=False", "--MappingKernelManager.cull_idle_timeout=0",
        *extra_args,
    ]
    try:
        server.start(cmd, env, "/api/status")
    except BaseException:
        server.stop()  # a server that never answered may still be running
        raise
    return server


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory, request):
    """JupyterLab as ``make lab`` runs it, for one test module."""
    server = start_lab(tmp_path_factory.mktemp("lab"))
    request.addfinalizer(server.stop)
    return server


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory, request):
    """Voila as `make present` runs it (classroom template, no sources) on copies of the notebooks."""
    if not (CLASSROOM_JUPYTER_PATH / "voila" / "templates" / "classroom").is_dir():
        pytest.fail(f"the classroom Voila template is missing under {CLASSROOM_JUPYTER_PATH}", pytrace=False)
    tmp = tmp_path_factory.mktemp("voila")
    home, root = tmp / "home", copy_notebooks(tmp / "notebooks")
    env = _jupyter_env(home)
    env["JUPYTER_PATH"] = str(CLASSROOM_JUPYTER_PATH)
    server = Server("Voila", root, free_port(), "", tmp / "voila.log")
    cmd = [sys.executable, "-m", "voila", str(root), "--no-browser", "--Voila.ip=127.0.0.1",
           f"--port={server.port}", *VOILA_ARGS, *server_tuning.VOILA_ARGS]
    server.start(cmd, env, "/")
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
    servers = [item.funcargs.get(n) for n in ("lab_server", "voila_server") if item.funcargs.get(n) is not None]
    if pg is None and not servers:
        return
    lines = []
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / _safe(item.nodeid)
    if pg is not None:
        try:
            pg.screenshot(path=f"{stem}.png", full_page=True)
            lines.append(f"screenshot:  {stem}.png")
        except Exception as exc:  # noqa: BLE001 (the page may be gone; report why)
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
