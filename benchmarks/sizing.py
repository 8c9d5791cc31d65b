"""One student's footprint on a hub, measured, and the Zero to JupyterHub settings it implies.

Usage (from the repo root; ``make sizing`` runs the first)::

    .venv/bin/python -m benchmarks.sizing                  # every notebook; table and config snippet
    .venv/bin/python -m benchmarks.sizing --kernels 2 notebooks/05_learning_to_reach_far.ipynb

Kernels. Each notebook runs top to bottom in a fresh kernel (a student's "Restart Kernel and Run
All"), on a copy. With the kernel still alive, three figures are read from /proc: its peak resident
memory (VmHWM, kept by Linux for the process, so no sampling gap), its resident memory after the
run (what it goes on holding while the student keeps the tab open) and the CPU seconds it used
(user + system, start-up included). One BLAS thread, as on the hub (./start) and in every make target.

Server. JupyterLab as ``make lab`` starts it (benchmarks/servers.py), with the extensions a hub
image of this repository loads (Voila, nbgitpuller, notebook), after it served the lab page and the
content of every notebook, and rendered one Voila app view: its resident memory and its peak.

Per student, with K kernels open (``--kernels``, default 3: the notebook at hand, the previous one
and one more, e.g. the Voila view, since a kernel stays until its tab is shut down):
    limit     = 1.25 x (server peak + largest kernel peak + (K - 1) x largest kernel after a run)
    guarantee =        server now  + median kernel peak  + (K - 1) x median kernel after a run
rounded up to 64 MiB (z2jh's "M" is a mebibyte). A kernel computes on one core, so the CPU limit is 1;
the guarantee is the share of a core that lets a Run All of the median notebook finish within
``--run-all-seconds`` (60) even when every student on the node runs at the same moment.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024
HEADROOM = 1.25
ROUND_MIB = 64


def _status_kib(pid: int, field: str) -> int:
    """A ``kB`` field of /proc/<pid>/status (VmHWM: peak resident memory; VmRSS: now)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(f"{field} is not in /proc/{pid}/status")


def measure_notebook(path: Path, workdir: Path, timeout: int = 600) -> dict:
    """Run a copy of ``path`` top to bottom in a fresh kernel; the kernel's memory and CPU figures."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=False,
                            store_widget_state=False, resources={"metadata": {"path": str(workdir)}})
    t0 = time.perf_counter()
    with client.setup_kernel():
        pid = client.km.provisioner.pid
        start_mib = _status_kib(pid, "VmRSS") / 1024
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
        wall = time.perf_counter() - t0
        cpu = psutil.Process(pid).cpu_times()
        figures = {"kernel_start_mib": start_mib, "kernel_peak_mib": _status_kib(pid, "VmHWM") / 1024,
                   "kernel_after_mib": _status_kib(pid, "VmRSS") / 1024,
                   "cpu_s": cpu.user + cpu.system, "wall_s": wall}
    return figures


def measure_server(tmp: Path) -> dict:
    """JupyterLab's own memory (not its kernels') after it served the page, every notebook and an app."""
    from .servers import start_lab

    server = start_lab(tmp)
    try:
        notebooks = sorted(nb.name for nb in server.root.glob("*.ipynb"))
        # the lab page, each notebook's content, and one Voila app view (Voila renders in the server)
        pages = ["/lab", *(f"/api/contents/{nb}?content=1" for nb in notebooks),
                 f"/voila/render/{notebooks[0]}"]
        for page in pages:
            with urllib.request.urlopen(server.url(page), timeout=60) as r:
                r.read()
        time.sleep(1.0)
        pid = server.proc.pid
        return {"server_now_mib": _status_kib(pid, "VmRSS") / 1024,
                "server_peak_mib": _status_kib(pid, "VmHWM") / 1024, "pages": len(pages)}
    finally:
        server.stop()


def _round_up(mib: float) -> int:
    return int(math.ceil(mib / ROUND_MIB) * ROUND_MIB)


def recommend(kernels: dict[str, dict], server: dict, k: int, run_all_s: float) -> dict:
    peaks = [f["kernel_peak_mib"] for f in kernels.values()]
    afters = [f["kernel_after_mib"] for f in kernels.values()]
    cpus = [f["cpu_s"] for f in kernels.values()]
    limit = HEADROOM * (server["server_peak_mib"] + max(peaks) + (k - 1) * max(afters))
    guarantee = server["server_now_mib"] + statistics.median(peaks) + (k - 1) * statistics.median(afters)
    cpu_guarantee = min(1.0, math.ceil(statistics.median(cpus) / run_all_s * 20) / 20)
    return {"kernels_open": k, "memory_limit_mib": _round_up(limit),
            "memory_guarantee_mib": _round_up(guarantee), "cpu_limit": 1.0, "cpu_guarantee": cpu_guarantee,
            "run_all_seconds": run_all_s, "median_cpu_s": statistics.median(cpus), "max_cpu_s": max(cpus)}


def table(kernels: dict[str, dict], server: dict) -> str:
    rows = ["| process | RSS at start (MiB) | peak RSS (MiB) | RSS after the run (MiB) | CPU s | wall s |",
            "|---|---:|---:|---:|---:|---:|"]
    for name, f in kernels.items():
        rows.append(f"| kernel of `{name.removesuffix('.ipynb')}` | {f['kernel_start_mib']:.0f} "
                    f"| {f['kernel_peak_mib']:.0f} | {f['kernel_after_mib']:.0f} | {f['cpu_s']:.1f} "
                    f"| {f['wall_s']:.1f} |")
    rows.append(f"| Jupyter server (JupyterLab, Voila, nbgitpuller) after {server['pages']} pages "
                f"| | {server['server_peak_mib']:.0f} | {server['server_now_mib']:.0f} | | |")
    return "\n".join(rows)


def snippet(rec: dict) -> str:
    return "\n".join([
        f"# one student: {rec['kernels_open']} open kernels (measured by `make sizing`)",
        "singleuser:",
        "  memory:",
        f"    guarantee: {rec['memory_guarantee_mib']}M",
        f"    limit: {rec['memory_limit_mib']}M",
        "  cpu:",
        f"    guarantee: {rec['cpu_guarantee']:g}",
        f"    limit: {rec['cpu_limit']:g}",
        "  extraEnv:",
        '    OPENBLAS_NUM_THREADS: "1"',
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/*.ipynb")
    ap.add_argument("--kernels", type=int, default=3, help="kernels a student keeps open (default 3)")
    ap.add_argument("--run-all-seconds", type=float, default=60.0,
                    help="a Run All of the median notebook at the CPU guarantee, in seconds (default 60)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args(argv)
    if args.kernels < 1:
        ap.error(f"--kernels must be at least 1, got {args.kernels}")
    if args.run_all_seconds <= 0:
        ap.error(f"--run-all-seconds must be positive, got {args.run_all_seconds}")
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        ap.error(f"notebooks: no such file: {', '.join(missing)}")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as ./start sets it on the hub
    kernels = {}
    with tempfile.TemporaryDirectory(prefix="sizing-") as tmp:
        tmp = Path(tmp)
        for item in (ROOT / "notebooks").iterdir():
            if item.is_file():
                shutil.copy2(item, tmp / item.name)
        for p in paths:
            print(f"running {p.name} ...", file=sys.stderr, flush=True)
            kernels[p.name] = measure_notebook(tmp / p.name, tmp)
        print("starting JupyterLab ...", file=sys.stderr, flush=True)
        server = measure_server(tmp / "server")
    rec = recommend(kernels, server, args.kernels, args.run_all_seconds)
    print(table(kernels, server))
    print()
    print(snippet(rec))
    if args.json:
        machine = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
        args.json.write_text(json.dumps({"kernels": kernels, "server": server, "recommendation": rec,
                                         "machine": machine}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
