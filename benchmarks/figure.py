"""The bench's figure: kernel time per step, its compute/render/send split, notebook run times
against their budgets, browser latency."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from .cases import TOKEN_COUNTS
from .timing import FRAME_MS


def figure(rows: list[dict], notebooks: dict, browser: dict, meta: dict, path: Path) -> None:
    """Four panels: kernel time per step, its compute/render/send split, notebook run times, browser
    latency."""
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
    at20 = [r for r in rows
            if r["n_tokens"] == max(TOKEN_COUNTS) or (r["kind"] != "naive" and r["n_tokens"] is None)]
    at20 = [r for r in at20 if r["kind"] != "naive"]
    labels = [r["name"].replace("explorers.", "") for r in at20]
    left = np.zeros(len(at20))
    parts = ("compute", "render", "send")
    for part, c in zip(parts, plt.get_cmap("cividis")([0.1, 0.55, 0.95]), strict=True):
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
    for k, v in enumerate(ok.values()):  # each notebook's own budget
        ax.plot([v["target_s"]] * 2, [k - 0.45, k + 0.45], color="black", ls="--", lw=1.2)
    ax.set_yticks(range(len(ok)), labels=list(ok), fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("seconds, top to bottom, fresh kernel (median)")
    ax.set_title("Notebook execution (dashed: its budget)" if ok else "Notebooks: not measured")

    ax = axes["browser"]
    if browser.get("status") == "measured":
        paces = list(browser["paces"])
        conns = (("nodelay", "as make lab runs it"), ("stock", "stock connection"))
        for k, (conn, label) in enumerate(conns):
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
