"""How long each notebook's slowest cells take from a fresh kernel: the figure behind nbgrader's
per-cell time limit (``c.Execute.timeout`` in assignments/nbgrader_config.py).

Usage: python -m grading.cell_times [notebooks/06_where_attention_was_born.ipynb ...]

Prints, per notebook, the total and the three slowest cells (index and seconds), from nbclient's own
timing of each cell (execute_input to execute_reply). Nothing is written.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

START, END = "iopub.execute_input", "shell.execute_reply"


def cell_seconds(path: Path) -> list[tuple[float, int]]:
    """(seconds, cell index) of every code cell of ``path``, run top to bottom in its folder."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=1200, kernel_name="python3", record_timing=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    times = []
    for i, cell in enumerate(nb.cells):
        stamps = cell.metadata.get("execution", {})
        if {START, END} <= set(stamps):
            seconds = datetime.fromisoformat(stamps[END]) - datetime.fromisoformat(stamps[START])
            times.append((seconds.total_seconds(), i))
    return times


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted(Path("notebooks").glob("*.ipynb"))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"cell_times: notebooks: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    for path in paths:
        times = sorted(cell_seconds(path), reverse=True)
        slowest = ", ".join(f"cell {i} {t:.1f} s" for t, i in times[:3])
        print(f"{path.name}: {sum(t for t, _ in times):.1f} s in all; slowest: {slowest}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
