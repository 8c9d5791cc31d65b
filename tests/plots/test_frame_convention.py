"""Every public plot builder keeps the one convention of ``helpers/plots/__init__.py``.

It takes ``ax=None`` (one Axes, or one per panel) and returns a :class:`~helpers.plots.Drawn`: its
artists by name, drawn on ``drawn.axes``. Without ``ax`` it makes exactly one constrained-layout
figure of its own size; with ``ax`` it draws there and makes none. Each builder is called both ways.
"""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.artist import Artist
from matplotlib.colorbar import Colorbar
from matplotlib.container import Container
from matplotlib.layout_engine import ConstrainedLayoutEngine

from helpers import plots
from helpers.plots import Drawn, HeatmapArtists

NOT_BUILDERS = {"Drawn", "HeatmapArtists", "update_heatmap", "setup_notebook", "setup_fonts",
                "setup_inline_figures", "axes_or_new", "panels", "faint_grid", "add_legend", "fit_title",
                "char_labels"}


def _token(key, value=None):  # a recall token: one-hot key (32), one-hot value (8), query flag (1)
    x = np.zeros(41)
    x[key] = 1.0
    if value is None:
        x[-1] = 1.0
    else:
        x[32 + value] = 1.0
    return x


class _Reverser:
    def translate(self, src):
        n = len(src)
        return src[::-1], np.eye(n)[::-1]


_PROBE = SimpleNamespace(distance=np.arange(3), r2=np.array([0.9, 0.4, 0.1]),
                         accuracy=np.array([1.0, 0.5, 0.3]), chance=0.25)
_RACE = {"task": "associative", "sizes": [1, 2, 4], "steps": 10,
         "accuracy": {"rnn": np.array([[1.0, 0.9], [0.6, 0.5], [0.3, 0.2]]),
                      "attention": np.array([[1.0, 1.0], [1.0, 0.9], [0.9, 1.0]])}}
_SWEEP = SimpleNamespace(lengths=np.array([2, 4]), accuracy={"bottleneck": np.array([[1.0, 0.5], [0.8, 0.3]]),
                                                             "attention": np.array([[1.0, 1.0], [1.0, 0.9]])})
_T = np.array([4, 8])
_TIMING = SimpleNamespace(T=_T, rnn_seconds=np.array([1e-3, 2e-3]), attention_seconds=np.array([1e-4, 3e-4]))
_LOOP = SimpleNamespace(T=_T, chain=np.array([1e-3, 2e-3]), separate=np.array([9e-4, 2e-3]),
                        one_product=np.array([1e-4, 2e-4]))
_X = np.array([[_token(3, 1), _token(5, 2), _token(3)], [_token(7, 0), _token(1, 5), _token(1)]])
_P = np.array([[np.sin(t + j) for j in range(4)] for t in range(6)])

_CURVE = SimpleNamespace(d=np.array([1, 2]), mean_self_weight=np.array([0.5, 0.6]),
                         self_top_share=np.array([0.4, 0.7]), T=3)
_SATURATION = SimpleNamespace(d_k=np.array([2, 4]), max_weight_plain=np.array([0.5, 0.9]),
                              max_weight_scaled=np.array([0.4, 0.4]), n_k=4)
_REACH = SimpleNamespace(distance=np.arange(3), rnn_influence=np.array([1.0, 0.1, 0.01]),
                         attention_influence=np.array([1.0, 0.5, 0.5]),
                         attention_weight=np.array([1.0, 0.5, 0.3]))
_AB = ["a", "b"]

# name -> (the layout of the axes a caller gives, call(ax) -> Drawn)
CASES = {
    "attention_heatmap": ((1, 1), lambda ax: plots.attention_heatmap(np.eye(2), _AB, _AB, ax)),
    "plot_hidden_states": ((1, 1), lambda ax: plots.plot_hidden_states(np.zeros((2, 4)), _AB, ax, split=2)),
    "plot_curves": ((1, 1), lambda ax: plots.plot_curves([1, 2], {"a": [1, 2], "b": [2, 1]}, ax, title="t")),
    "plot_probe": ((1, 1), lambda ax: plots.plot_probe({"p": _PROBE}, ax, metric="accuracy")),
    "plot_influence_maps": ((1, 3), lambda ax: plots.plot_influence_maps(np.eye(2), np.eye(2), np.eye(2), _AB,
                                                                         ax)),
    "plot_contributions": ((1, 1), lambda ax: plots.plot_contributions({"f": [1, 2], "b": [2, 1]}, _AB, 0,
                                                                       ax)),
    "word_arrows": ((1, 1), lambda ax: plots.word_arrows(np.eye(2), _AB, ax, encodings=[[1, 1]])),
    "self_weight_plot": ((1, 2), lambda ax: plots.self_weight_plot({"c": _CURVE}, ax)),
    "saturation_plot": ((1, 1), lambda ax: plots.saturation_plot(_SATURATION, ax)),
    "distance_plot": ((1, 1), lambda ax: plots.distance_plot(_REACH, ax)),
    "plot_task_example": ((1, 1), lambda ax: plots.plot_task_example(_X[0], 1, 0, ax)),
    "plot_race": ((1, 1), lambda ax: plots.plot_race(_RACE, ax)),
    "plot_accuracy_by_pair": ((1, 2), lambda ax: plots.plot_accuracy_by_pair(
        {2: [0.6, 0.5], 3: [0.4, 0.4, 0.5]}, ax)),
    "plot_attention_examples": ((2, 1), lambda ax: plots.plot_attention_examples(
        np.array([[0.2, 0.8, 0.0], [0.6, 0.4, 0.0]]), _X, [0, 1], ax)),
    "plot_gradient_norms": ((1, 1), lambda ax: plots.plot_gradient_norms({"a": [1.0, 0.1]}, ax)),
    "alignment_heatmap": ((1, 1), lambda ax: plots.alignment_heatmap(np.eye(2), "ab", "ba", ax)),
    "plot_alignments": ((2, 1), lambda ax: plots.plot_alignments(_Reverser(), ["12", "345"], ax)),
    "plot_length_sweep": ((1, 1), lambda ax: plots.plot_length_sweep(_SWEEP, ax)),
    "plot_position_accuracy": ((1, 1), lambda ax: plots.plot_position_accuracy(
        {"bottleneck": [0.5, 0.9], "attention": [1.0, 1.0]}, "YY", ax, guess=[0.5, 0.5])),
    "plot_position_by_length": ((1, 1), lambda ax: plots.plot_position_by_length(
        [[1.0, 0.5], [0.9, 0.4]], [2, 3], ax)),
    "plot_sequential_steps": ((1, 1), lambda ax: plots.plot_sequential_steps([5, 10], ax)),
    "heatmap_row": ((1, 2), lambda ax: plots.heatmap_row({"A": np.eye(2), "B": np.eye(2)}, _AB, ax=ax)),
    "positions_heatmap": ((1, 1), lambda ax: plots.positions_heatmap(_P, ax)),
    "offset_plot": ((1, 1), lambda ax: plots.offset_plot(_P, starts=(0, 2), ax=ax)),
    "head_grid": ((2, 2), lambda ax: plots.head_grid(np.stack([np.eye(2)] * 3), _AB, ["1", "2", "3"], ax)),
    "cost_plot": ((1, 2), lambda ax: plots.cost_plot(_T, {"rnn": 2 * _T, "attention": _T**2}, _TIMING, ax)),
    "loop_time_plot": ((1, 1), lambda ax: plots.loop_time_plot(_LOOP, ax)),
}


def _artists(entry):
    """Every matplotlib artist in a Drawn entry (lists, dicts and sub-Drawns followed)."""
    if entry is None:
        return []
    if isinstance(entry, Drawn):
        return [a for v in entry.values() for a in _artists(v)]
    if isinstance(entry, dict):
        return [a for v in entry.values() for a in _artists(v)]
    if isinstance(entry, list | tuple) and not isinstance(entry, Container):
        return [a for v in entry for a in _artists(v)]
    return [entry]


def _home(artist):
    """The Axes an artist was drawn on (a colour bar: the axes of the image it shows)."""
    if isinstance(artist, Colorbar):
        return artist.mappable.axes
    if isinstance(artist, Container):
        return artist[0].axes
    assert isinstance(artist, Artist), f"not an artist: {artist!r}"
    return artist.axes


def test_every_public_builder_is_checked_here():
    modules = {"setup", "frame", "heatmap", "rnn", "attention", "training", "translation", "transformer"}
    assert set(CASES) == set(plots.__all__) - NOT_BUILDERS - modules


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_builder_makes_one_figure_of_its_own_and_returns_what_it_drew(name):
    _, call = CASES[name]
    before = set(plt.get_fignums())
    drawn = call(None)
    assert isinstance(drawn, Drawn), type(drawn)
    new = set(plt.get_fignums()) - before
    assert new == {drawn.fig.number}  # exactly one figure, the one it drew in
    assert drawn.ax is drawn.axes[0] and all(a.figure is drawn.fig for a in drawn.axes)
    assert isinstance(drawn.fig.get_layout_engine(), ConstrainedLayoutEngine)  # labels fit inside
    assert tuple(drawn.fig.get_size_inches()) != tuple(mpl.rcParamsDefault["figure.figsize"])  # sized for it
    assert len(drawn) >= 1 and list(drawn) == list(drawn.keys())
    found = _artists(drawn)
    assert found, f"{name} returned no artist"
    assert all(_home(a) in drawn.axes for a in found)
    assert all(k in repr(drawn) for k in drawn)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_builder_draws_into_the_axes_it_is_given_and_makes_no_figure(name):
    shape, call = CASES[name]
    fig, given = plt.subplots(*shape, squeeze=False)
    given = tuple(given.ravel())
    before = set(plt.get_fignums())
    drawn = call(given[0] if len(given) == 1 else given)
    assert set(plt.get_fignums()) == before
    assert drawn.axes == given and drawn.fig is fig
    assert all(_home(a) in given for a in _artists(drawn))


@pytest.mark.parametrize("name", [n for n in sorted(CASES) if CASES[n][0] != (1, 1)])
def test_a_builder_of_several_panels_names_ax_when_it_gets_the_wrong_number(name):
    shape, call = CASES[name]
    n = shape[0] * shape[1]
    _, too_few = plt.subplots(1, n - 1, squeeze=False)  # one Axes short
    with pytest.raises(ValueError, match=rf"^ax must hold {n} Axes here \(one per panel\); got {n - 1}\.$"):
        call(tuple(too_few.ravel()))


def test_drawn_reads_as_a_mapping_of_artists():
    fig, (a, b) = plt.subplots(1, 2)
    (line,) = a.plot([0, 1])
    drawn = Drawn([a, b], lines=[line], note=None)
    assert drawn.axes == (a, b) and drawn.ax is a and drawn.fig is fig
    assert drawn["lines"] == [line] and len(drawn) == 2 and list(drawn) == ["lines", "note"]
    assert repr(drawn) == "<Drawn: lines, note on 2 axes>"
    art = plots.attention_heatmap(np.eye(2), ["a", "b"], ["a", "b"], colorbar=False)
    assert isinstance(art, HeatmapArtists) and art.fmt == ".2f"
    assert art.image is art["image"] and art.colorbar is art["colorbar"] is None and art.texts is art["texts"]
    assert set(art) == {"image", "colorbar", "texts"}
