"""Phase timers for one explorer update: compute (the numpy helpers) and send (widget state ->
a serialised kernel message, as ipykernel builds it; only the socket write is left out).

``install_instruments()`` routes every widget comm through :class:`SerialisingComm` and wraps every
public function and public method of :data:`COMPUTE_MODULES` (every module of ``helpers.core`` and
``helpers.lessons``, numpy only by the import contracts), wherever a helpers module imported it;
undo with ``uninstall_instruments()``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import pkgutil
import sys
import time
import uuid

import comm
from comm.base_comm import BaseComm
from ipykernel.jsonutil import json_clean
from jupyter_client.session import Session

COMPUTE_PACKAGES = ("helpers.core", "helpers.lessons")


def compute_modules(packages=COMPUTE_PACKAGES) -> tuple[str, ...]:
    """Every module of the compute packages, subpackages' modules included (private ones too: their
    time is compute as well)."""
    names = []
    for package in packages:
        path = importlib.import_module(package).__path__
        names += [info.name for info in pkgutil.walk_packages(path, prefix=f"{package}.")]
    return tuple(names)


COMPUTE_MODULES = compute_modules()


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


def serialise(msg_type: str, content: dict, metadata: dict | None = None, buffers=None) -> int:
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
        SEND.bytes += serialise(msg_type, content, metadata, buffers)


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
    """Undo every patch, newest first (widgets made meanwhile keep their comm).

    A wrapper can also sit where no patch put it: a layer package (``helpers.core``) loads its names
    on first use and keeps them, so a name first used while the instruments were on is kept wrapped.
    Those are put back to the original too.
    """
    while _PATCHES:
        owner, attr, original = _PATCHES.pop()
        setattr(owner, attr, original)
    for modname, mod in list(sys.modules.items()):
        if not modname.startswith("helpers") or mod is None:
            continue
        for attr, obj in list(vars(mod).items()):
            if getattr(obj, "_bench_phase", None) is not None and hasattr(obj, "_bench_original"):
                setattr(mod, attr, obj._bench_original)


def _instrument_methods(cls) -> None:
    """Wrap the public methods of a compute class in place (``Trainer.run``, ``Seq2Seq.translate``)."""
    for attr, obj in list(vars(cls).items()):
        if inspect.isfunction(obj) and not attr.startswith("_"):
            _patch(cls, attr, COMPUTE.wrap(obj))


def instrument_compute() -> None:
    """Wrap every public compute function and method, where defined and wherever a module imported it."""
    originals = {}
    for name in COMPUTE_MODULES:
        with contextlib.suppress(ImportError):
            mod = importlib.import_module(name)
            for attr, obj in list(vars(mod).items()):
                if inspect.isfunction(obj) and obj.__module__ == name and not attr.startswith("_"):
                    originals[id(obj)] = obj
                    _patch(mod, attr, COMPUTE.wrap(obj))
                elif getattr(obj, "_bench_phase", None) is COMPUTE:
                    originals[id(obj._bench_original)] = obj._bench_original
                elif inspect.isclass(obj) and obj.__module__ == name:
                    _instrument_methods(obj)
    for modname, mod in list(sys.modules.items()):
        if not modname.startswith("helpers") or mod is None or modname in COMPUTE_MODULES:
            continue
        for attr, obj in list(vars(mod).items()):
            if inspect.isfunction(obj) and id(obj) in originals:
                _patch(mod, attr, COMPUTE.wrap(obj))
