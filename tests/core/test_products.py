"""helpers.core.products: the blocked Gram product equals one product."""

import numpy as np
import pytest


@pytest.mark.parametrize("shape", [(3, 4), (2, 700, 5), (5000, 3)])
def test_gram_sums_in_blocks_like_one_product(shape):
    from helpers.core.layers import gram

    rng = np.random.default_rng(0)
    A, B = rng.normal(size=shape), rng.normal(size=shape[:-1] + (40,))
    np.testing.assert_allclose(gram(A, B), A.reshape(-1, shape[-1]).T @ B.reshape(-1, 40),
                               rtol=1e-12, atol=1e-10)
