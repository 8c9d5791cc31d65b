"""What the bench times: the naive redraw, the plain heatmap widget, and every explorer in :data:`EXPLORERS`.

The explorer list is explicit: how to build each one showing 3, 10 and 20 tokens, and which slider a
learner moves. An explorer that cannot show ``n`` tokens says why (``fixed_size``); the table then
prints that reason in its row instead of a number. A new explorer is one more ``ExplorerCase`` below.
"""

from __future__ import annotations

import base64
import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np

from .instruments import COMPUTE, SEND, install_instruments, instrument_compute, serialise

TOKEN_COUNTS = (3, 10, 20)
WORDS = ("the cat sat on the mat because it was warm and the dog watched it from the old red door "
         "all day").split()
assert len(WORDS) >= max(TOKEN_COUNTS)


def sentence(n: int) -> str:
    """The first ``n`` words of :data:`WORDS`: the sentence every explorer is built on."""
    return " ".join(WORDS[:n])


# --------------------------------------------------------------------------------------------
# The explorers: how to build each at n tokens, which slider to move
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExplorerCase:
    """One explorer to time.

    name      row label, e.g. ``"QKVExplorer"``;  notebook: its notebook's number, e.g. ``"04"``.
    kind      ``"heatmap"`` (target 2 ms per step) or ``"chart"`` (one frame, 16.7 ms).
    build     ``build(n)`` -> the explorer showing ``n`` tokens.
    slider    ``slider(explorer)`` -> the widget a learner moves (stepped up and down by one step).
    fixed_size  when not empty: why the explorer cannot be built at every size; it is then built once
              with ``build(None)`` and every other size gets a row saying this reason.
    """

    name: str
    notebook: str
    kind: str
    build: Callable[[int | None], object]
    slider: Callable[[object], object]
    fixed_size: str = ""


def _ui():
    import helpers.ui as ui

    return ui


def _translator():
    from helpers.lessons.translation_experiments import train_dates

    return _ui().TranslationExplorer(train_dates(attention=True, seed=0, checkpoint_every=10), checkpoint=5)


def _naive_vectors(n: int) -> np.ndarray:  # [n, 2]: seeded word vectors for NaiveAttentionExplorer
    return np.random.default_rng(0).normal(size=(n, 2)).clip(-2.5, 2.5)


EXPLORERS: list[ExplorerCase] = [
    ExplorerCase("StartHereExplorer", "00", "heatmap", lambda n: _ui().StartHereExplorer(sentence(n)),
                 lambda ex: ex.temperature),
    ExplorerCase("InfluenceExplorer", "01", "chart", lambda n: _ui().InfluenceExplorer(sentence(n)),
                 lambda ex: ex.radius),
    ExplorerCase("BiRNNExplorer", "02", "chart", lambda n: _ui().BiRNNExplorer(sentence(n)),
                 lambda ex: ex.radius),
    ExplorerCase("NaiveAttentionExplorer", "03", "chart",
                 lambda n: _ui().NaiveAttentionExplorer(WORDS[:n], _naive_vectors(n)),
                 lambda ex: ex.editors[0].sliders[0][0]),
    ExplorerCase("QKVExplorer", "04", "heatmap", lambda n: _ui().QKVExplorer(sentence(n)),
                 lambda ex: ex.W_q.sliders[0][0]),
    # 05: the live trainer; n tokens = n - 1 pairs and the query. The slider picks the test sequence
    # whose attention heatmap is shown (a learner scrubs it while the model trains).
    ExplorerCase("TrainingExplorer", "05", "heatmap", lambda n: _ui().TrainingExplorer(n_pairs=n - 1),
                 lambda ex: ex.sequence),
    # 06: the live translator; the checkpoint slider re-translates the typed date with the weights of
    # that training step and redraws the [output x source] alignment (the same work as a typed date).
    ExplorerCase("TranslationExplorer", "06", "chart", lambda n: _translator(),
                 lambda ex: ex.checkpoint,
                 fixed_size="translates the notebook's typed date (its length, not a token count)"),
    # 07: one Transformer block with 4 heads and positions; the target is one frame (16 ms).
    ExplorerCase("BlockExplorer", "07", "chart",
                 lambda n: _ui().BlockExplorer(sentence(n), n_heads=4, positions=True),
                 lambda ex: ex.position_scale),
    # ---- end of the lead's entries ----
]


# --------------------------------------------------------------------------------------------
# Variants: one thing to time, its samples
# --------------------------------------------------------------------------------------------
@dataclass
class Variant:
    """One thing to time: ``step(i)`` performs update number ``i``."""

    name: str
    kind: str  # "naive" | "heatmap" | "chart"
    n_tokens: int | None
    step: Callable[[int], object]
    sliders: list = field(default_factory=list)  # names of the sliders stepped, for the report
    samples: dict = field(default_factory=lambda: {"total": [], "compute": [], "render": [], "send": [],
                                                   "bytes": [], "compute_by_function": []})
    owner: object = None  # keeps the widget alive
    notebook: str = ""

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
        nbytes = serialise("clear_output", {"wait": True})
        nbytes += serialise("display_data", {"data": {"image/png": png, "text/plain": repr(fig)},
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


def nudge(slider) -> None:
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


def explorer_variants(cases, counts) -> tuple[list[Variant], dict[tuple[str, int], str]]:
    """A variant per case and token count; ``skipped[(name, n)]`` says why one was not measured."""
    out: list[Variant] = []
    skipped: dict[tuple[str, int], str] = {}
    for case in cases:
        sizes = [None] if case.fixed_size else list(counts)
        for n in sizes:
            try:
                explorer = case.build(n)
                slider = case.slider(explorer)
            except Exception as exc:  # a broken or unwritten explorer: say so in the table
                for m in counts if n is None else [n]:
                    skipped[(case.name, m)] = f"not built: {type(exc).__name__}: {exc}"
                continue
            shown = n if n is not None else _shown_tokens(explorer)
            if case.fixed_size:
                for m in counts:
                    if m != shown:
                        skipped[(case.name, m)] = case.fixed_size
            out.append(Variant(case.name, case.kind, shown, lambda i, s=slider: nudge(s),
                               [getattr(slider, "description", "") or type(slider).__name__],
                               owner=explorer, notebook=case.notebook))
    return out, skipped


def _shown_tokens(explorer) -> int | None:
    tokens = getattr(explorer, "tokens", None)
    return len(tokens) if tokens is not None else None


def build_variants(counts=TOKEN_COUNTS, cases=None) -> tuple[list[Variant], dict]:
    """Naive and heatmap variants at each token count, plus every case of :data:`EXPLORERS`.

    Returns the variants and ``skipped``: ``{(name, n_tokens): why it was not measured}``.
    """
    install_instruments()
    variants: list[Variant] = []
    for n in counts:
        variants += [naive_variant(n), heatmap_variant(n)]
    more, skipped = explorer_variants(EXPLORERS if cases is None else cases, counts)
    instrument_compute()  # explorer modules imported compute functions after the first wrap
    return variants + more, skipped
