"""Count the matrix products a compute function really does, from the shapes it multiplies.

``counted_products(fn, *args)`` runs ``fn`` with its inputs' ``as_float_array`` returning
:class:`Counted` views: an ndarray subclass whose ``np.matmul`` (the ``@`` operator) records the
operands' shapes before computing as usual. So a count is read off the implementation, not retyped
from its formula; a product the code adds, drops or reshapes changes it.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from typing import NamedTuple
from unittest import mock

import numpy as np


class Product(NamedTuple):
    """One ``a @ b`` call: the operands' shapes and its multiply-adds."""

    a: tuple
    b: tuple
    multiply_adds: int


def matmul_multiply_adds(a_shape, b_shape) -> int:
    """Multiply-adds of ``a @ b`` with numpy's rules (1-D operands, broadcast leading axes)."""
    a = (1,) + tuple(a_shape) if len(a_shape) == 1 else tuple(a_shape)
    b = tuple(b_shape) + (1,) if len(b_shape) == 1 else tuple(b_shape)
    batch = np.broadcast_shapes(a[:-2], b[:-2])
    return int(np.prod(batch, dtype=np.int64)) * a[-2] * a[-1] * b[-1]


class Counted(np.ndarray):
    """An ndarray that logs every matmul it takes part in (in ``Counted.log``)."""

    log: list[Product] = []

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        plain = [x.view(np.ndarray) if isinstance(x, Counted) else x for x in inputs]
        if "out" in kwargs:
            kwargs["out"] = tuple(o.view(np.ndarray) if isinstance(o, Counted) else o for o in kwargs["out"])
        if ufunc is np.matmul and method == "__call__":
            a, b = (np.shape(x) for x in plain[:2])
            Counted.log.append(Product(a, b, matmul_multiply_adds(a, b)))
        out = getattr(ufunc, method)(*plain, **kwargs)
        return out.view(Counted) if isinstance(out, np.ndarray) else out


def counted_products(fn, *args, **kwargs):
    """``(result, [Product, ...])``: every ``@`` that ``fn(*args, **kwargs)`` did, in order.

    The modules that define ``fn`` and the attention and RNN functions it calls get an
    ``as_float_array`` that returns :class:`Counted` views; the arguments are left as given.
    """
    from helpers.core import dot_product_attention, rnn_forward
    from helpers.core._validate import as_float_array

    def counting(*a, **k):
        return as_float_array(*a, **k).view(Counted)

    modules = {fn.__module__, dot_product_attention.__module__, rnn_forward.__module__}
    Counted.log = []
    with ExitStack() as stack:
        for name in modules:
            if hasattr(sys.modules[name], "as_float_array"):
                stack.enter_context(mock.patch.object(sys.modules[name], "as_float_array", counting))
        result = fn(*args, **kwargs)
    return result, list(Counted.log)
