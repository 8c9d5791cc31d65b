"""The matrix product every backward pass shares: ``gram(A, B) = A^T B`` over all leading axes.

numpy only. It is the weight gradient of a linear map applied row by row (``dW = X^T dout``).
"""

from __future__ import annotations

__all__ = ["gram"]

# OpenBLAS hands a matrix product to several threads once m * n * k passes about 262k. On a
# machine with more busy processes than cores, those threads wait for each other and one product
# over N * T rows runs 5-15x slower than on one thread. Sums over rows are therefore taken in
# blocks kept under that size, which stay on one thread and are as fast when the machine is idle.
_BLOCK_MNK = 200_000


def gram(A, B):  # [..., m], [..., n] -> [m, n]
    """``A^T B`` over all leading axes: the weight gradient of a linear map applied row by row."""
    A2, B2 = A.reshape(-1, A.shape[-1]), B.reshape(-1, B.shape[-1])
    rows = max(1, _BLOCK_MNK // (A2.shape[1] * B2.shape[1]))
    if len(A2) <= rows:
        return A2.T @ B2
    out = A2[:rows].T @ B2[:rows]
    for i in range(rows, len(A2), rows):
        out += A2[i:i + rows].T @ B2[i:i + rows]
    return out
