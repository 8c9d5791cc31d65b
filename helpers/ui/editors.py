"""Small matrix and vector editors: one slider per entry, optional presets, one notification per change."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import ipywidgets as W
import numpy as np

from .explorer import CUSTOM
from .layout import ENTRY_SLIDER, WIDE_LABEL, wrapping_row

__all__ = ["MatrixEditor", "VectorEditor"]


class MatrixEditor(W.VBox):
    """Edit a small matrix with one slider per entry, plus presets.

    Parameters
    ----------
    name : str
        Shown above the grid, e.g. ``"W_q"``.
    matrix : array_like of shape (rows, cols)
    presets : mapping of str to array_like, optional
        Named matrices offered in a drop-down (e.g. identity, rotation, random).
    min, max, step : float
        Slider range and step.

    ``value`` is the current matrix; ``set_value(M)`` changes every slider but notifies the
    observers once; ``observe_value(callback)`` registers ``callback(matrix)``.
    """

    def __init__(self, name: str, matrix, *, presets: Mapping[str, object] | None = None,
                 min: float = -2.0, max: float = 2.0, step: float = 0.05):
        M = np.asarray(matrix, dtype=float)
        if M.ndim != 2:
            raise ValueError(f"{name} must be a 2-D matrix; got shape {M.shape}.")
        self.name, self.shape = name, M.shape
        self._callbacks: list[Callable[[np.ndarray], None]] = []
        self._quiet = False
        self.sliders = [
            [W.FloatSlider(value=float(M[i, j]), min=min, max=max, step=step, description=f"{name}[{i},{j}]",
                           continuous_update=True, readout_format=".2f", **ENTRY_SLIDER)
             for j in range(M.shape[1])]
            for i in range(M.shape[0])
        ]
        for row in self.sliders:
            for s in row:
                s.observe(self._on_slider, names="value")
        self.presets = {k: np.asarray(v, dtype=float) for k, v in (presets or {}).items()}
        for key, P in self.presets.items():
            if P.shape != M.shape:
                raise ValueError(f"preset {key!r} has shape {P.shape}; {name} has shape {M.shape}.")
        self.preset = W.Dropdown(options=[CUSTOM, *self.presets], value=CUSTOM,
                                 description=f"{name} preset", style=WIDE_LABEL)
        self.preset.observe(self._on_preset, names="value")
        grid = W.VBox([wrapping_row(row) for row in self.sliders])
        children = [W.HTML(f"<b>{html.escape(name)}</b>"), grid]
        if self.presets:
            children.insert(1, self.preset)
        super().__init__(children)

    @property
    def value(self) -> np.ndarray:
        return np.array([[s.value for s in row] for row in self.sliders])

    def observe_value(self, callback: Callable[[np.ndarray], None]) -> None:
        self._callbacks.append(callback)

    def set_value(self, matrix) -> None:
        """Set every slider (values outside the range are clipped by the sliders); notify once."""
        M = np.asarray(matrix, dtype=float)
        if M.shape != self.shape:
            raise ValueError(f"{self.name} has shape {self.shape}; got {M.shape}.")
        self._quiet = True
        try:
            for i, row in enumerate(self.sliders):
                for j, s in enumerate(row):
                    s.value = float(M[i, j])
        finally:
            self._quiet = False
        self._notify()

    def _on_slider(self, change) -> None:
        if self._quiet:
            return
        self.preset.value = CUSTOM  # _on_preset ignores CUSTOM: no loop
        self._notify()

    def _on_preset(self, change) -> None:
        if change["new"] in self.presets:
            self.set_value(self.presets[change["new"]])  # quiet: the drop-down keeps the preset's name

    def _notify(self) -> None:
        M = self.value
        for cb in self._callbacks:
            cb(M)


class VectorEditor(MatrixEditor):
    """Edit one vector (a 1 x d matrix) with a slider per entry; ``value`` is 1-D."""

    def __init__(self, name: str, vector, *, presets: Mapping[str, object] | None = None, **kwargs):
        rows = {key: np.asarray(v, dtype=float).reshape(1, -1) for key, v in (presets or {}).items()}
        super().__init__(name, np.asarray(vector, dtype=float).reshape(1, -1), presets=rows, **kwargs)
        for j, s in enumerate(self.sliders[0]):
            s.description = f"{name}[{j}]"

    @property
    def value(self) -> np.ndarray:
        return np.array([s.value for s in self.sliders[0]])

    def set_value(self, vector) -> None:
        super().set_value(np.asarray(vector, dtype=float).reshape(1, -1))
