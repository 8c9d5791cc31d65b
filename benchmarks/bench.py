"""Interactive speed of every live explorer, against a naive redraw, measured in one interleaved run.

Usage (``make bench`` runs the first)::

    .venv/bin/python benchmarks/bench.py              # full run: writes results.json, results.png, prints a table
    .venv/bin/python benchmarks/bench.py --quick      # fewer repetitions, no notebooks (a smoke run)
    .venv/bin/python benchmarks/bench.py --reps 40 --nb-reps 5 --no-write

What one "update" is
    A learner moves one slider by one step. For an explorer that is setting ``slider.value`` (every
    observer runs synchronously in the kernel); for the plain heatmap widget it is computing new
    weights and calling ``AttentionHeatmap.update``; for the naive baseline it is what an
    ``ipywidgets.interact`` callback does: compute, build a new annotated matplotlib figure
    (``helpers.plots.attention_heatmap``), render it to PNG as the inline backend does, and send it.

How an update is split
    compute  time inside the numpy helpers (every public function of ``helpers.core.attention``,
             ``helpers.core.rnn``, ``helpers.core.embeddings``, wherever an explorer module imported it)
    send     time inside ``Widget.send_state`` (state -> JSON-able dict) plus what ipykernel does
             to put the message on the wire: ``json_clean`` and ``jupyter_client.Session.serialize``
             (JSON packing and HMAC signing), done for real by a stand-in comm; only the socket
             write is left out. For the naive baseline: base64 of the PNG and the display message.
    render   the rest: building the HTML / SVG / figure and the widget bookkeeping.

Fairness
    Every variant runs once per repetition, in a freshly shuffled order (seeded), so slow phases of
    a noisy machine hit all variants alike; ratios are taken per repetition (paired) and the
    median is reported, never a single run. Notebooks run the same way: round-robin, fresh kernel
    each time, on copies in a temporary folder (the committed notebooks are not touched).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime as dt
import functools
import gc
import importlib
import inspect
import io
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import comm  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from comm.base_comm import BaseComm  # noqa: E402
from ipykernel.jsonutil import json_clean  # noqa: E402
from jupyter_client.session import Session  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # running from a checkout without the editable install
    sys.path.insert(0, str(ROOT))

TOKEN_COUNTS = (3, 10, 20)
FRAME_MS = 1000.0 / 60.0  # one display frame at 60 Hz
TARGET_MS = {"heatmap": 2.0, "chart": FRAME_MS, "other": FRAME_MS}
NOTEBOOK_TARGET_S = 10.0
BROWSER_TARGET_MS = 50.0
MIN_RATIO_VS_NAIVE = 50.0  # AttentionHeatmap.update vs the naive redraw, same token count
COMPUTE_MODULES = ("helpers.core.attention", "helpers.core.rnn", "helpers.core.embeddings")
EXPLORER_MODULES = ("helpers.ui", "helpers.ui.explorers.start_here", "helpers.ui.explorers.rnn", "helpers.ui.explorers.attention")
WORDS = ("the cat sat on the mat because it was warm and the dog watched it from the old red door all day").split()
assert len(WORDS) >= max(TOKEN_COUNTS)


# --------------------------------------------------------------------------------------------
# Phase timers: compute (numpy helpers) and send (widget state -> serialised kernel message)
# --------------------------------------------------------------------------------------------

class _Phase:
    """Accumulates time spent inside wrapped calls, counting only the outermost call."""

    def __init__(self) -> None:
        self.total = 0.0
        self.depth = 0
        self.bytes = 0
        self.by_name: dict[str, float] = {}  # outermost wrapped function -> seconds

    def reset(self) -> None:
        self.total = 0.0
        self.bytes = 0
        self.by_name = {}

    def wrap(self, fn):
        if getattr(fn, "_bench_phase", None) is self:
            return fn

        name = f"{fn.__module__.removeprefix('helpers.')}.{fn.__qualname__}"

        @functools.wraps(fn)
        def timed(*args, **kwargs):
            if self.depth:
                return fn(*args, **kwargs)
            self.depth = 1
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - t0
                self.total += elapsed
                self.by_name[name] = self.by_name.get(name, 0.0) + elapsed
                self.depth = 0

        timed._bench_phase = self
        timed._bench_original = fn
        return timed


COMPUTE = _Phase()
SEND = _Phase()
_SESSION = Session(key=uuid.uuid4().hex.encode(), session="bench", username="bench")


def _serialise(msg_type: str, content: dict, metadata: dict | None = None, buffers=None) -> int:
    """Do what ipykernel does before the socket write: json_clean, build, pack and sign the message."""
    msg = _SESSION.msg(msg_type, json_clean(content), parent={}, metadata=json_clean(metadata or {}))
    parts = _SESSION.serialize(msg, ident=b"comm-bench")
    return sum(len(p) for p in parts) + sum(len(memoryview(b).cast("B")) for b in (buffers or []))


class SerialisingComm(BaseComm):
    """A comm that serialises every message exactly as ipykernel's Comm does, then drops it."""

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        if msg_type == "comm_close":  # widgets garbage-collected (also at interpreter exit): not an update
            return
        content = dict(data={} if data is None else data, comm_id=self.comm_id, **keys)
        SEND.bytes += _serialise(msg_type, content, metadata, buffers)


_PATCHES: list[tuple[object, str, object]] = []  # (owner, attribute, original), to undo


def _patch(owner, attr: str, value) -> None:
    _PATCHES.append((owner, attr, getattr(owner, attr)))
    setattr(owner, attr, value)


def install_instruments() -> None:
    """Route widget comms through :class:`SerialisingComm` and start the phase timers."""
    import ipywidgets

    if not _PATCHES:
        _patch(comm, "create_comm", lambda *args, **kwargs: SerialisingComm(*args, **kwargs))
        _patch(ipywidgets.Widget, "send_state", SEND.wrap(ipywidgets.Widget.send_state))
    instrument_compute()


def uninstall_instruments() -> None:
    """Undo every patch, newest first (widgets made meanwhile keep their comm)."""
    while _PATCHES:
        owner, attr, original = _PATCHES.pop()
        setattr(owner, attr, original)


def instrument_compute() -> None:
    """Wrap every public compute function, in its own module and wherever a helpers module imported it."""
    originals = {}
    for name in COMPUTE_MODULES:
        with contextlib.suppress(ImportError):
            mod = importlib.import_module(name)
            for attr, obj in vars(mod).items():
                if inspect.isfunction(obj) and obj.__module__ == name and not attr.startswith("_"):
                    originals[id(obj)] = obj
                    _patch(mod, attr, COMPUTE.wrap(obj))
                elif getattr(obj, "_bench_phase", None) is COMPUTE:
                    originals[id(obj._bench_original)] = obj._bench_original
    for modname, mod in list(sys.modules.items()):
        if not modname.startswith("helpers") or mod is None or modname in COMPUTE_MODULES:
            continue
        for attr, obj in list(vars(mod).items()):
            if inspect.isfunction(obj) and id(obj) in originals:
                _patch(mod, attr, COMPUTE.wrap(obj))


# --------------------------------------------------------------------------------------------
# Variants: the naive redraw, the plain heatmap widget, every explorer found
# --------------------------------------------------------------------------------------------

@dataclass
class Variant:
    """One thing to time: ``step(i)`` performs update number ``i``."""

    name: str
    kind: str  # "naive" | "heatmap" | "chart" | "other"
    n_tokens: int | None
    step: object
    sliders: list = field(default_factory=list)  # names of the sliders stepped in turn, for the report
    samples: dict = field(default_factory=lambda: {"total": [], "compute": [], "render": [], "send": [], "bytes": [],
                                                   "compute_by_function": []})
    owner: object = None  # keeps the widget alive

    def run(self, i: int) -> None:
        COMPUTE.reset()
        SEND.reset()
        naive_send = [0.0, 0]
        t0 = time.perf_counter()
        out = self.step(i)
        total = time.perf_counter() - t0
        if isinstance(out, tuple):  # the naive step reports its own send time and bytes
            naive_send = list(out)
        send = SEND.total + naive_send[0]
        s = self.samples
        s["total"].append(total * 1e3)
        s["compute"].append(COMPUTE.total * 1e3)
        s["send"].append(send * 1e3)
        s["render"].append(max(0.0, total - COMPUTE.total - send) * 1e3)
        s["bytes"].append(SEND.bytes + naive_send[1])
        s["compute_by_function"].append(dict(COMPUTE.by_name))


def sentence(n: int) -> str:
    return " ".join(WORDS[:n])


def _scales(i: int) -> float:
    """The value a 'scale' slider would take at step i: sweeps 0.2 .. 2.0 and back."""
    return 0.2 + 1.8 * abs(((i * 0.07) % 2.0) - 1.0)


def _tokens_and_embeddings(n: int, d: int = 8):
    from helpers.core.embeddings import embed_tokens, tokenize

    tokens = tokenize(sentence(n))
    return tokens, embed_tokens(tokens, d, seed=0)  # [T, d]


def naive_variant(n: int) -> Variant:
    """An ``interact``-style callback: new annotated figure, PNG via the inline backend's path, sent."""
    from helpers.core.attention import dot_product_attention
    from helpers.plots import attention_heatmap

    tokens, X = _tokens_and_embeddings(n)

    def step(i: int):
        _, w = dot_product_attention(X, X, X, scale=_scales(i))  # [T, d] x3 -> [T, T]
        art = attention_heatmap(w, tokens, tokens, title=f"Self-attention weights, scale {_scales(i):.2f}")
        fig = art.ax.figure
        buf = io.BytesIO()
        fig.canvas.print_figure(buf, format="png", bbox_inches="tight")  # what matplotlib-inline does
        plt.close(fig)
        t0 = time.perf_counter()
        png = base64.b64encode(buf.getvalue()).decode("ascii")
        nbytes = _serialise("clear_output", {"wait": True})
        nbytes += _serialise("display_data", {"data": {"image/png": png, "text/plain": repr(fig)},
                                              "metadata": {}, "transient": {}})
        return time.perf_counter() - t0, nbytes

    return Variant("naive redraw (interact + matplotlib PNG)", "naive", n, step)


def heatmap_variant(n: int) -> Variant:
    from helpers.core.attention import dot_product_attention
    from helpers.ui import AttentionHeatmap

    tokens, X = _tokens_and_embeddings(n)
    _, w0 = dot_product_attention(X, X, X, scale=1.0)
    hm = AttentionHeatmap(w0, tokens, tokens, title="Self-attention weights")

    def step(i: int):
        _, w = dot_product_attention(X, X, X, scale=_scales(i))  # [T, d] x3 -> [T, T]
        hm.update(w)

    return Variant("AttentionHeatmap.update", "heatmap", n, step, owner=hm)


def _walk(widget, seen=None):
    """Every widget reachable from ``widget``: children and widget-valued attributes."""
    import ipywidgets

    seen = set() if seen is None else seen
    if id(widget) in seen:
        return
    seen.add(id(widget))
    yield widget
    kids = list(getattr(widget, "children", ()) or ())
    for value in vars(widget).values():
        if isinstance(value, ipywidgets.Widget):
            kids.append(value)
        elif isinstance(value, list | tuple):
            kids.extend(v for v in value if isinstance(v, ipywidgets.Widget))
            for row in value:
                if isinstance(row, list | tuple):
                    kids.extend(v for v in row if isinstance(v, ipywidgets.Widget))
        elif isinstance(value, dict):
            kids.extend(v for v in value.values() if isinstance(v, ipywidgets.Widget))
    for kid in kids:
        yield from _walk(kid, seen)


def _classify(explorer) -> str:
    kinds = {type(w).__name__ for w in _walk(explorer)}
    if kinds & {"LineChart", "BarChart", "ArrowPlot"}:
        return "chart"
    if "AttentionHeatmap" in kinds:
        return "heatmap"
    return "other"


def _sliders(explorer) -> list:
    """The controls a learner moves: sliders; selection widgets (dropdowns) only when there is no slider."""
    import ipywidgets

    kinds = (ipywidgets.IntSlider, ipywidgets.FloatSlider, ipywidgets.FloatLogSlider, ipywidgets.SelectionSlider)
    found = [w for w in _walk(explorer) if isinstance(w, kinds) and not w.disabled]
    if not found:
        choices = (ipywidgets.Dropdown, ipywidgets.ToggleButtons, ipywidgets.RadioButtons)
        found = [w for w in _walk(explorer) if isinstance(w, choices) and not w.disabled and len(w.options) > 1]
    # many sliders (a matrix editor) -> at most 8, spread evenly, so every editor is sampled
    if len(found) > 8:
        idx = np.linspace(0, len(found) - 1, 8).round().astype(int)
        found = [found[k] for k in sorted(set(idx))]
    return found


def _nudge(slider) -> None:
    """Move a slider one step, alternating up and down so it stays inside its range."""
    import ipywidgets

    if isinstance(slider, ipywidgets.widgets.widget_selection._Selection):  # dropdown, selection slider
        k = slider.index
        slider.index = k + 1 if k + 1 < len(slider.options) else k - 1
        return
    if isinstance(slider, ipywidgets.FloatLogSlider):
        e = np.log(slider.value) / np.log(slider.base)
        e2 = e + slider.step if e + slider.step <= slider.max else e - slider.step
        slider.value = float(slider.base ** e2)
        return
    step = slider.step or 1
    v = slider.value
    slider.value = v + step if v + step <= slider.max else v - step


def _construct(cls, n: int, notes: dict, label: str) -> tuple[list, bool]:
    """Build explorers for ``n`` tokens; returns (explorers, sized).

    ``cls.bench_cases(n)`` is used when the class offers it (an explorer, or a list of them, showing
    ``n`` tokens). Otherwise a ``sentence``/``text``/``tokens`` argument is given ``n`` words; when
    there is none, or the class refuses it, the explorer is built with its defaults (its own size).
    """
    if hasattr(cls, "bench_cases"):
        made = cls.bench_cases(n)
        return (made if isinstance(made, list) else [made]), True
    params = inspect.signature(cls).parameters
    sized = {name: sentence(n) for name in ("sentence", "text") if name in params}
    if not sized and "tokens" in params:
        sized = {"tokens": sentence(n).split()}
    if sized:
        try:
            return [cls(**sized)], True
        except (TypeError, ValueError) as exc:
            notes[label] = f"measured at its default size: {cls.__name__}({list(sized)[0]}=<{n} words>) " \
                           f"raised {type(exc).__name__}: {exc}"
    return [cls()], False


def _token_count(explorer) -> int | None:
    for w in _walk(explorer):
        if type(w).__name__ == "AttentionHeatmap" and hasattr(w, "weights"):
            return int(np.shape(w.weights)[-1])
    return None


def discover_explorers() -> tuple[list[type], dict[str, str]]:
    """Every concrete subclass of ``helpers.ui.Explorer`` in the explorer modules, and import errors."""
    problems = {}
    for name in EXPLORER_MODULES:
        try:
            importlib.import_module(name)
        except Exception as exc:  # a module not written yet, or broken: say so in the report
            problems[name] = f"{type(exc).__name__}: {exc}"
    try:
        from helpers.ui import Explorer
    except Exception as exc:
        problems["helpers.ui.Explorer"] = f"{type(exc).__name__}: {exc}"
        return [], problems
    found, stack = [], list(Explorer.__subclasses__())
    while stack:
        cls = stack.pop(0)
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("helpers") and not inspect.isabstract(cls) and cls not in found:
            found.append(cls)
    instrument_compute()  # explorer modules imported compute functions after the first wrap
    return found, problems


def explorer_variants(classes, counts, problems, notes) -> list[Variant]:
    out, done = [], set()
    for cls in classes:
        label = f"{cls.__module__.removeprefix('helpers.')}.{cls.__name__}"
        for n in counts:
            try:
                made, sized = _construct(cls, n, notes, label)
            except Exception as exc:
                problems[label] = f"not constructed: {type(exc).__name__}: {exc}"
                break
            for k, explorer in enumerate(made):
                shown = _token_count(explorer)
                if shown is not None and shown != n:
                    sized = False
                sliders = _sliders(explorer)
                if not sliders:
                    problems[label] = "no slider found to move"
                    continue

                def step(i, sliders=sliders):
                    _nudge(sliders[i % len(sliders)])

                names = [s.description or type(s).__name__ for s in sliders]
                suffix = f" #{k}" if len(made) > 1 else ""
                key = (label + suffix, n if sized else shown)
                if key in done:  # its default size was measured already
                    continue
                done.add(key)
                out.append(Variant(label + suffix, _classify(explorer), n if sized else shown, step, names,
                                   owner=explorer))
            if not sized:  # the explorer has a fixed sentence: measure it once at its own size
                break
    return out


# --------------------------------------------------------------------------------------------
# Running and summarising
# --------------------------------------------------------------------------------------------

def run_interleaved(variants: list[Variant], reps: int, warmup: int = 2, seed: int = 0) -> None:
    """Warm every variant up, then run each once per repetition in a shuffled order."""
    rng = np.random.default_rng(seed)
    for v in variants:
        for i in range(warmup):
            v.step(10_000 + i)
    for v in variants:
        for key in v.samples:
            v.samples[key].clear()
    for r in range(reps):
        for j in rng.permutation(len(variants)):
            variants[j].run(r)
        gc.collect()  # garbage from one repetition is not charged to the next one's first variant


def profile(variant: Variant, steps: int = 30, top: int = 10) -> list[dict]:
    """Where one update's time goes: cProfile over ``steps`` updates, per-update ms, biggest first.

    ``cum_ms`` includes callees; lists the project's own functions and the widget send path, so a
    slow explorer can be read off as e.g. "two AttentionHeatmap.update calls, 0.8 ms each".
    """
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for i in range(steps):
        variant.step(20_000 + i)
    prof.disable()
    stats = pstats.Stats(prof).stats
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.items():
        if "/helpers/" in file or func in ("send_state", "_serialise"):
            where = file.split("/helpers/")[-1] if "/helpers/" in file else Path(file).name
            rows.append({"function": f"{where}:{line}({func})", "calls_per_update": nc / steps,
                         "cum_ms": ct * 1e3 / steps, "self_ms": tt * 1e3 / steps})
    rows.sort(key=lambda r: -r["cum_ms"])
    return rows[:top]


def _q(xs, q):
    return float(np.quantile(np.asarray(xs), q))


def _by_function(per_rep: list[dict]) -> dict:
    """Median ms per compute function over the repetitions (0 where a repetition did not call it)."""
    names = sorted({k for d in per_rep for k in d})
    out = {k: round(statistics.median([d.get(k, 0.0) * 1e3 for d in per_rep]), 4) for k in names}
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def summarise(variants: list[Variant]) -> list[dict]:
    naive = {v.n_tokens: v for v in variants if v.kind == "naive"}
    rows = []
    for v in variants:
        s = v.samples
        row = {
            "name": v.name, "kind": v.kind, "n_tokens": v.n_tokens, "reps": len(s["total"]),
            "median_ms": statistics.median(s["total"]), "p90_ms": _q(s["total"], 0.9),
            "compute_ms": statistics.median(s["compute"]), "render_ms": statistics.median(s["render"]),
            "send_ms": statistics.median(s["send"]), "message_bytes": int(statistics.median(s["bytes"])),
            "sliders": v.sliders,
            "compute_by_function_ms": _by_function(s["compute_by_function"]),
        }
        if v.kind != "naive":
            row["target_ms"] = TARGET_MS[v.kind]
            row["meets_target"] = row["median_ms"] <= row["target_ms"]
            base = naive.get(v.n_tokens)
            if base is not None:
                ratios = np.asarray(base.samples["total"]) / np.asarray(s["total"])  # paired, per repetition
                row["ratio_vs_naive_median"] = float(np.median(ratios))
                row["ratio_vs_naive_p10"] = _q(ratios, 0.1)
        rows.append(row)
    return rows


def time_notebooks(paths: list[Path], reps: int, timeout: int = 120) -> dict:
    """Execute copies of the notebooks from a fresh kernel each, round-robin; wall time per run."""
    import nbformat
    from nbclient import NotebookClient

    runs: dict[str, list[float]] = {p.name: [] for p in paths}
    errors: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench-nb-") as tmp:
        tmp = Path(tmp)
        for item in (ROOT / "notebooks").iterdir():  # data files the notebooks might read
            if item.is_file():
                shutil.copy2(item, tmp / item.name)
        for _ in range(reps):
            for p in paths:
                if p.name in errors:
                    continue
                nb = nbformat.read(tmp / p.name, as_version=4)
                client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                        resources={"metadata": {"path": str(tmp)}},
                                        store_widget_state=False, allow_errors=False)
                t0 = time.perf_counter()
                try:
                    client.execute()
                except Exception as exc:
                    errors[p.name] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                    continue
                runs[p.name].append(time.perf_counter() - t0)
    out = {}
    for name, xs in runs.items():
        if xs:
            out[name] = {"median_s": statistics.median(xs), "max_s": max(xs), "runs_s": xs,
                         "target_s": NOTEBOOK_TARGET_S, "meets_target": statistics.median(xs) <= NOTEBOOK_TARGET_S}
        else:
            out[name] = {"error": errors.get(name, "not run")}
    return out


# How the slider is stepped: (steps in a row on one server before switching, pause after each step).
# "held": the next step as soon as the last one shows, like a held arrow key or a drag;
# "tapped": a person pressing the key now and then, the connection idle in between.
PACES = {"held": (10, 0.0), "tapped": (1, 0.25)}
SWING = 10  # steps right, then as many back left, and so on: the slider stays inside its range
PACE_WORDS = {"held": "next step as soon as the last shows", "tapped": "a step every quarter second"}

LATENCY_JS = """([el, t0key]) => {
  // Time from a key press on the slider to the heatmap showing different numbers (at the next frame).
  window.__rtaLat = [];
  const text = () => { const b = el.querySelector('.rta-heatmap tbody'); return b ? b.textContent : ''; };
  let before = text(), t0 = null;
  document.addEventListener('keydown', e => { if (e.key === t0key || e.key === 'ArrowLeft') { t0 = performance.now(); before = text(); } }, true);
  new MutationObserver(() => {
    if (t0 === null || text() === before) return;
    const start = t0; t0 = null;
    requestAnimationFrame(() => window.__rtaLat.push(performance.now() - start));
  }).observe(el, {subtree: true, childList: true, characterData: true});
}"""


def browser_latency(steps: int = 40, notebook: str = "00_start_here.ipynb", slider_label: str = "temperature") -> dict:
    """Key press on a slider handle -> the heatmap shows new numbers, in JupyterLab on headless Chromium.

    Two JupyterLab servers run side by side: one as ``make lab`` runs it, with
    ``helpers.server_tuning`` (Nagle's algorithm off on the kernel websocket), and one with Jupyter
    Server's stock connection, for comparison. Each has its own Chromium and its own kernel. The
    slider is stepped at each pace of :data:`PACES`, in blocks that alternate between the two servers
    (the first server swapped every block), so a busy moment of the machine hits both alike and step
    ``i`` of one is paired with step ``i`` of the other.

    Reuses the browser tests' own servers and page helpers (``tests/browser/conftest.py`` and
    ``browser_ui.py``): JupyterLab on a loopback port with a private home, on copies of the
    notebooks; Debian's Chromium, never a downloaded one. The clock runs in the page, from the
    keydown event to the animation frame after the heatmap's numbers change; the slider moves
    :data:`SWING` steps right, then as many back left, and so on, one step per key press.
    """
    folder = ROOT / "tests" / "browser"
    if not (folder / "conftest.py").exists() or not (folder / "browser_ui.py").exists():
        return {"status": "not measured: tests/browser/conftest.py and browser_ui.py not present"}
    if not Path(os.environ.get("CHROMIUM", "/usr/bin/chromium")).exists():
        return {"status": "not measured: no Chromium at /usr/bin/chromium (set CHROMIUM)"}
    sys.path.insert(0, str(folder))
    try:
        ui = importlib.import_module("browser_ui")
        spec = importlib.util.spec_from_file_location("browser_conftest", folder / "conftest.py")
        cf = importlib.util.module_from_spec(spec)
        sys.modules["browser_conftest"] = cf  # dataclasses look their module up there
        spec.loader.exec_module(cf)
        from playwright.sync_api import sync_playwright

        from helpers import server_tuning

        connections = {"nodelay": server_tuning.LAB_ARGS, "stock": []}
        # ExitStack closes the browsers and stops the servers before Playwright itself stops.
        with tempfile.TemporaryDirectory(prefix="bench-lab-") as tmp, sync_playwright() as pw, \
                contextlib.ExitStack() as stack:
            sides = {}
            for name, extra_args in connections.items():
                server = cf.start_lab(Path(tmp) / name, f"JupyterLab ({name})", extra_args)
                stack.callback(server.stop)
                browser = pw.chromium.launch(executable_path=cf.CHROMIUM, headless=True, args=cf.CHROMIUM_ARGS)
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
    finally:
        sys.path.remove(str(folder))

    return summarise_browser(ms, notebook, slider_label, steps)


def summarise_browser(ms: dict, notebook: str, slider_label: str, steps: int) -> dict:
    """Medians, 90th percentiles, steps over target and paired ratios from ``{pace: {server: [ms]}}``.

    ``median_ms`` and ``meets_target`` are those of the tuned server at its slower pace.
    """

    def summary(xs: list[float]) -> dict:
        return {"median_ms": statistics.median(xs), "p90_ms": _q(xs, 0.9),
                "steps_over_target": sum(x > BROWSER_TARGET_MS for x in xs), "samples_ms": xs}

    paces = {}
    for pace, by_name in ms.items():
        paired = [s / t for s, t in zip(by_name["stock"], by_name["nodelay"], strict=True)]
        paces[pace] = {"nodelay": summary(by_name["nodelay"]), "stock": summary(by_name["stock"]),
                       "stock_over_nodelay_paired_median": statistics.median(paired),
                       # steady where the median is not: the stock server's steps are either quick or stalled
                       "stock_over_nodelay_means": statistics.fmean(by_name["stock"]) / statistics.fmean(by_name["nodelay"])}
    worst = max(p["nodelay"]["median_ms"] for p in paces.values())
    return {"status": "measured", "notebook": notebook, "slider": slider_label, "steps": steps, "paces": paces,
            "median_ms": worst, "target_ms": BROWSER_TARGET_MS, "meets_target": worst <= BROWSER_TARGET_MS,
            "method": "two JupyterLab servers side by side (tuned as make lab runs it, and stock), blocks of "
                      "steps alternating between them; median_ms is the tuned server's slower pace"}


def machine() -> dict:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    from importlib.metadata import version

    pkgs = {p: version(p) for p in ("numpy", "matplotlib", "ipywidgets", "ipykernel", "nbclient")}
    return {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "nproc": os.cpu_count(),
            "cpu": cpu, "python": platform.python_version(), "platform": platform.platform(), "packages": pkgs}


# --------------------------------------------------------------------------------------------
# Report: table and figure
# --------------------------------------------------------------------------------------------

def table(rows: list[dict], notebooks: dict, browser: dict) -> str:
    lines = ["| update | kind | tokens | median ms | compute | render | send | bytes sent | target ms "
             "| x faster than naive (paired median) | ok |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|:-:|"]
    for r in sorted(rows, key=lambda r: (r["kind"] != "naive", r["name"], r["n_tokens"] or 0)):
        ratio = f"{r['ratio_vs_naive_median']:.0f}" if "ratio_vs_naive_median" in r else ""
        ok = "" if r["kind"] == "naive" else ("yes" if r["meets_target"] else "**NO**")
        target = f"{r['target_ms']:.1f}" if "target_ms" in r else ""
        lines.append(f"| {r['name']} | {r['kind']} | {r['n_tokens']} | {r['median_ms']:.2f} | {r['compute_ms']:.3f} "
                     f"| {r['render_ms']:.2f} | {r['send_ms']:.2f} | {r['message_bytes']:,} | {target} | {ratio} | {ok} |")
    if notebooks:
        lines += ["", "| notebook (fresh kernel, nbclient) | median s | max s | runs | ok (<= 10 s) |",
                  "|---|---:|---:|---:|:-:|"]
        for name, n in notebooks.items():
            if "error" in n:
                lines.append(f"| {name} | error: {n['error']} | | | **NO** |")
            else:
                lines.append(f"| {name} | {n['median_s']:.2f} | {n['max_s']:.2f} | {len(n['runs_s'])} "
                             f"| {'yes' if n['meets_target'] else '**NO**'} |")
    if browser.get("status") == "measured":
        lines += ["", f"| key press -> new numbers, {browser['steps']} steps (JupyterLab, headless Chromium) "
                      f"| median ms | p90 ms | steps > {browser['target_ms']:.0f} ms | stock connection: median ms "
                      f"| p90 ms | steps > {browser['target_ms']:.0f} ms | stock / tuned: paired median, ratio of means "
                      f"| ok (median <= {browser['target_ms']:.0f} ms) |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|:-:|"]
        for pace, p in browser["paces"].items():
            tuned, stock = p["nodelay"], p["stock"]
            ok = "yes" if tuned["median_ms"] <= browser["target_ms"] else "**NO**"
            lines.append(f"| {pace}: {PACE_WORDS[pace]} | {tuned['median_ms']:.1f} | {tuned['p90_ms']:.1f} "
                         f"| {tuned['steps_over_target']} | {stock['median_ms']:.1f} | {stock['p90_ms']:.1f} "
                         f"| {stock['steps_over_target']} "
                         f"| {p['stock_over_nodelay_paired_median']:.2f}, {p['stock_over_nodelay_means']:.2f} | {ok} |")
    else:
        lines += ["", f"Browser latency: {browser.get('status')}"]
    return "\n".join(lines)


def figure(rows: list[dict], notebooks: dict, browser: dict, meta: dict, path: Path) -> None:
    """Four panels: kernel time per step, its compute/render/send split, notebook run times, browser latency."""
    fig, axes = plt.subplot_mosaic([["steps", "split"], ["notebooks", "browser"]], figsize=(15, 10),
                                   layout="constrained", width_ratios=[1.6, 1.0], height_ratios=[1.3, 1.0])
    names = sorted({r["name"] for r in rows}, key=lambda s: (not s.startswith("naive"), s))
    colours = plt.get_cmap("viridis")(np.linspace(0.0, 0.9, len(names)))
    ax = axes["steps"]
    width = 0.8 / max(1, len(names))
    for k, name in enumerate(names):
        xs, ys = [], []
        for j, n in enumerate(TOKEN_COUNTS):
            hit = [r for r in rows if r["name"] == name and r["n_tokens"] == n]
            if hit:
                xs.append(j + (k - (len(names) - 1) / 2) * width)
                ys.append(hit[0]["median_ms"])
        ax.bar(xs, ys, width, color=colours[k], label=name)
    ax.axhline(2.0, color="black", ls="--", lw=1)
    ax.axhline(FRAME_MS, color="black", ls=":", lw=1)
    ax.text(len(TOKEN_COUNTS) - 0.5, 2.0, " 2 ms heatmap target", va="bottom", ha="right", fontsize=8)
    ax.text(len(TOKEN_COUNTS) - 0.5, FRAME_MS, " 16.7 ms = one frame", va="bottom", ha="right", fontsize=8)
    ax.set_yscale("log")
    ax.set_xticks(range(len(TOKEN_COUNTS)), labels=[f"{n} tokens" for n in TOKEN_COUNTS])
    ax.set_ylabel("kernel time per update, ms (median, log scale)")
    ax.set_title("One slider step: naive redraw vs live widgets")
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=3, frameon=False)

    ax = axes["split"]
    at20 = [r for r in rows if r["n_tokens"] == max(TOKEN_COUNTS) or (r["kind"] != "naive" and r["n_tokens"] is None)]
    at20 = [r for r in at20 if r["kind"] != "naive"]
    labels = [r["name"].replace("explorers.", "") for r in at20]
    left = np.zeros(len(at20))
    for part, c in zip(("compute", "render", "send"), plt.get_cmap("cividis")([0.1, 0.55, 0.95]), strict=True):
        vals = np.array([r[f"{part}_ms"] for r in at20])
        ax.barh(range(len(at20)), vals, left=left, color=c, label=part)
        left += vals
    ax.set_yticks(range(len(at20)), labels=labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("ms per update (medians)")
    ax.set_title(f"Where the time goes at {max(TOKEN_COUNTS)} tokens")
    ax.legend(fontsize=8)

    ax = axes["notebooks"]
    ok = {k: v for k, v in notebooks.items() if "median_s" in v}
    ax.barh(range(len(ok)), [v["median_s"] for v in ok.values()], color=plt.get_cmap("viridis")(0.35))
    ax.axvline(NOTEBOOK_TARGET_S, color="black", ls="--", lw=1)
    ax.set_yticks(range(len(ok)), labels=list(ok), fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("seconds, top to bottom, fresh kernel (median)")
    ax.set_title(f"Notebook execution (target {NOTEBOOK_TARGET_S:.0f} s)" if ok else "Notebooks: not measured")

    ax = axes["browser"]
    if browser.get("status") == "measured":
        paces = list(browser["paces"])
        for k, (conn, label) in enumerate((("nodelay", "as make lab runs it"), ("stock", "stock connection"))):
            med = [browser["paces"][p][conn]["median_ms"] for p in paces]
            p90 = [browser["paces"][p][conn]["p90_ms"] for p in paces]
            ys = np.arange(len(paces)) + (k - 0.5) * 0.38
            ax.barh(ys, med, 0.36, color=plt.get_cmap("cividis")(0.15 + 0.7 * k), label=f"{label}: median")
            ax.plot(p90, ys, "k|", ms=14, mew=2, label="90th percentile" if k == 0 else None)
        ax.axvline(browser["target_ms"], color="black", ls="--", lw=1)
        ax.set_yticks(range(len(paces)), labels=[f"{p} key" for p in paces])
        ax.invert_yaxis()
        ax.set_xlabel("ms from key press to new numbers on screen")
        ax.legend(fontsize=8, loc="lower right")
        top = max([browser["target_ms"]] + [p[c]["p90_ms"] for p in browser["paces"].values()
                                            for c in ("nodelay", "stock")])
        ax.set_xlim(0, top * 1.6)  # room for the legend beside the bars
        ax.set_title(f"Browser: key press to new numbers (target {browser['target_ms']:.0f} ms)\n"
                     f"JupyterLab, headless Chromium, {browser['steps']} steps per bar", fontsize=11)
    else:
        ax.set_axis_off()
        ax.set_title(f"Browser latency {browser.get('status', 'not measured')}", fontsize=9)
    fig.suptitle(f"Interactive speed, {meta['date']}: {meta['nproc']} cores, {meta['cpu']}, "
                 f"Python {meta['python']}", fontsize=10)
    fig.savefig(path, dpi=100)
    plt.close(fig)


# --------------------------------------------------------------------------------------------

def build_variants(counts=TOKEN_COUNTS, explorers=True) -> tuple[list[Variant], dict, dict]:
    """Naive and heatmap variants at each token count, plus every explorer discovered.

    Returns the variants, ``problems`` (what could not be measured, and why) and ``notes`` (what was
    measured differently, e.g. at an explorer's own size).
    """
    install_instruments()
    problems: dict[str, str] = {}
    notes: dict[str, str] = {}
    variants = []
    for n in counts:
        variants.append(naive_variant(n))
        try:
            variants.append(heatmap_variant(n))
        except Exception as exc:
            problems["widgets.AttentionHeatmap"] = f"{type(exc).__name__}: {exc}"
    classes = []
    if explorers:
        classes, more = discover_explorers()
        problems.update(more)
        variants += explorer_variants(classes, counts, problems, notes)
    return variants, problems, notes


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=15, help="repetitions per variant (interleaved)")
    ap.add_argument("--nb-reps", type=int, default=2, help="executions per notebook (round-robin)")
    ap.add_argument("--quick", action="store_true", help="7 repetitions, notebooks once")
    ap.add_argument("--no-notebooks", action="store_true")
    ap.add_argument("--no-browser", action="store_true", help="skip the JupyterLab latency measurement")
    ap.add_argument("--no-write", action="store_true", help="print only; do not write results.json / .png")
    args = ap.parse_args(argv)
    reps, nb_reps = (7, 1) if args.quick else (args.reps, args.nb_reps)

    meta = machine()
    variants, problems, notes = build_variants()
    measured = sorted({v.name for v in variants})
    print(f"timing {len(variants)} variants x {reps} repetitions, interleaved ...", flush=True)
    run_interleaved(variants, reps)
    rows = summarise(variants)
    by_key = {(v.name, v.n_tokens): v for v in variants}
    for r in rows:  # the breakdown for anything over its target (cProfile: read as shares, not absolutes)
        if r["kind"] != "naive" and not r["meets_target"]:
            r["profile"] = profile(by_key[(r["name"], r["n_tokens"])])

    notebooks = {}
    paths = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if paths and not args.no_notebooks:
        print(f"executing {len(paths)} notebooks x {nb_reps} (fresh kernel each) ...", flush=True)
        notebooks = time_notebooks(paths, nb_reps)
    browser = {"status": "not measured: --no-browser"} if args.no_browser or args.quick else None
    if browser is None:
        print("measuring key press -> heatmap latency in JupyterLab (headless Chromium) ...", flush=True)
        browser = browser_latency()

    text = table(rows, notebooks, browser)
    print()
    print(f"{meta['date']}  |  {meta['nproc']} cores, {meta['cpu']}  |  Python {meta['python']}")
    print(text)
    if problems:
        print("\nNot measured / problems:")
        for k, v in problems.items():
            print(f"  {k}: {v}")
    if notes:
        print("\nNotes:")
        for k, v in notes.items():
            print(f"  {k}: {v}")
    slow = [r for r in rows if r["kind"] != "naive" and not r["meets_target"]]
    for r in slow:
        print(f"\nSLOW: {r['name']} at {r['n_tokens']} tokens: {r['median_ms']:.2f} ms > {r['target_ms']:.1f} ms "
              f"(compute {r['compute_ms']:.2f}, render {r['render_ms']:.2f}, send {r['send_ms']:.2f} ms, "
              f"{r['message_bytes']:,} bytes); compute by function: "
              + ", ".join(f"{k} {v:.3f} ms" for k, v in r["compute_by_function_ms"].items()))
        print("  cProfile, per update (cumulative ms incl. callees / self ms / calls):")
        for p in r.get("profile", []):
            print(f"    {p['cum_ms']:7.3f} {p['self_ms']:7.3f} {p['calls_per_update']:5.1f}  {p['function']}")
    if not args.no_write:
        result = {"machine": meta, "reps": reps, "token_counts": list(TOKEN_COUNTS), "updates": rows,
                  "notebooks": notebooks, "browser": browser, "measured": measured, "not_measured": problems,
                  "notes": notes,
                  "method": "interleaved, shuffled order per repetition; medians and paired ratios; "
                            "send = Widget.send_state + ipykernel json_clean + Session.serialize"}
        (HERE / "results.json").write_text(json.dumps(result, indent=2) + "\n")
        figure(rows, notebooks, browser, meta, HERE / "results.png")
        print(f"\nwrote {HERE / 'results.json'} and {HERE / 'results.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
