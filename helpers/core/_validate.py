"""Input checks shared by the compute modules: clear messages at the public boundary."""

from __future__ import annotations

import numpy as np


def as_float_array(x, name: str, *, min_ndim: int = 1, exact_ndim: int | None = None) -> np.ndarray:
    """Return ``x`` as a float array, or raise ValueError naming ``name`` and the shape problem."""
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be an array of numbers; could not read it ({err}).") from None
    if exact_ndim is not None and arr.ndim != exact_ndim:
        raise ValueError(
            f"{name} must be {exact_ndim}-D, but it is {arr.ndim}-D with shape {arr.shape}."
        )
    if arr.ndim < min_ndim:
        raise ValueError(
            f"{name} must have at least {min_ndim} dimensions, but it has shape {arr.shape}."
        )
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinity; every entry must be a finite number.")
    return arr


def check_weight_matrix(W: np.ndarray, name: str, d_in: int, input_name: str) -> None:
    """Raise ValueError unless ``W`` is 2-D with ``d_in`` rows (row-vector convention)."""
    if W.ndim != 2:
        raise ValueError(f"{name} must be a 2-D matrix [d_in, d_out]; got shape {W.shape}.")
    if W.shape[0] != d_in:
        raise ValueError(
            f"{name} has {W.shape[0]} rows but {input_name} has width d_in = {d_in}: "
            f"{name} must have shape [{d_in}, d_out] so that {input_name} @ {name} works "
            f"(row-vector convention)."
        )


def as_count(value, name: str, *, minimum: int | None = 1, maximum: int | None = None) -> int:
    """``value`` as a Python int in ``minimum..maximum``, or a ValueError naming ``name`` and the value.

    A count (a size, a number of steps, a width) is a whole number given as an int; numpy integers
    count too. A float is refused even when it is whole (``3.0``): it usually means the count was
    computed, and rounding 2.5 down to 2 would hide the mistake. ``True``/``False`` and text are
    refused as well. ``minimum=None`` checks the type only (the caller checks the range).
    """
    span = "" if minimum is None else f"at least {minimum}" if maximum is None else f"in {minimum}..{maximum}"
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        where = "" if not span else f" {span}" if maximum is not None else f" of {span}"
        raise ValueError(
            f"{name} must be a whole number (an int){where}; got {value!r}, a {type(value).__name__}."
        )
    if minimum is not None and (value < minimum or (maximum is not None and value > maximum)):
        raise ValueError(f"{name} must be {span}; got {value}.")
    return int(value)
