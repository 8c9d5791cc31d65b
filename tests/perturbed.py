"""Run a notebook again with its initial weights nudged, and read back what its cells print.

"Same numbers on every machine" is checked here without touching the BLAS: a 1e-12 relative
change of every initial weight is about as large as the round-off by which two CPUs, two BLAS
kernels or two thread counts differ, and training near the edge of what a model can learn
amplifies either into a different model. A printed string that survives the nudge (and a second
BLAS thread) is a robust summary; one that changes was printing chaotic digits.

The nudge goes in through one hidden cell run before the notebook: it wraps ``Trainer.__init__``
so that every model that is trained (notebook 05's races and live trainer, notebook 06's
translators) starts from ``w * (1 + 1e-12 * noise)``. The notebook itself is not changed.
"""

from __future__ import annotations

import configparser
import os
import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
RELATIVE_NUDGE = 1e-12

_NUDGE_CELL = """\
import numpy as _np
from helpers.core import training as _training

_nudge_rng = _np.random.default_rng({seed})
_stock_init = _training.Trainer.__init__


def _nudged_init(self, model, **kw):
    for _w in model.params.values():
        _w *= 1.0 + {size!r} * _nudge_rng.standard_normal(_w.shape)
    _stock_init(self, model, **kw)


_training.Trainer.__init__ = _nudged_init
"""


def _sanitizers():
    """The (regex, replacement) pairs of ``notebooks/sanitize.cfg``, as nbval applies them."""
    cfg = configparser.ConfigParser()
    cfg.read(NOTEBOOKS / "sanitize.cfg")
    return [(re.compile(cfg[s]["regex"]), cfg[s]["replace"]) for s in cfg.sections()]


def printed(cell) -> str:
    """What a code cell shows as text: its streams and the plain-text form of its results."""
    sanitize, parts, stream = _sanitizers(), [], None
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":     # a kernel may split one print over several messages
            parts.append(out["text"] if out["name"] == stream else f"[{out['name']}] {out['text']}")
            stream = out["name"]
            continue
        stream = None
        if out["output_type"] in ("execute_result", "display_data") and "text/plain" in out["data"]:
            parts.append(out["data"]["text/plain"])
        elif out["output_type"] == "error":
            parts.append(f"[error] {out['ename']}: {out['evalue']}")
    text = "".join(parts)
    for rx, rep in sanitize:
        text = rx.sub(rep, text)
    return text


def first_line(cell) -> str:
    """A code cell's opening comment, which names what it does (every cell here opens with one)."""
    return cell.source.splitlines()[0].strip() if cell.source else ""


def committed(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)


def run_nudged(name: str, seed: int, *, blas_threads: int = 2, timeout: int = 300):
    """Execute notebook ``name`` from a fresh kernel with nudged initial weights; return the notebook.

    The kernel gets ``OPENBLAS_NUM_THREADS=blas_threads``; nothing else of the environment is changed.
    """
    nb = committed(name)
    hidden = nbformat.v4.new_code_cell(_NUDGE_CELL.format(seed=seed, size=RELATIVE_NUDGE))
    nb.cells.insert(0, hidden)
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(blas_threads))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute(env=env)
    if any(o["output_type"] == "error" for o in hidden.get("outputs", [])):
        raise RuntimeError(f"the nudge cell failed in {name}: {printed(hidden)}")
    nb.cells.pop(0)
    return nb
