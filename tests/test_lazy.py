"""helpers/_lazy.py: the lazy re-exports of each layer package (PEP 562); each name has one home."""

import pytest


def test_lazy_exports_gives_each_name_one_home():
    from helpers._lazy import lazy_exports

    with pytest.raises(ValueError, match="helpers.x exports 'a' twice"):
        lazy_exports("helpers.x", (), {"m": ("a",), "n": ("b", "a")})
    with pytest.raises(ValueError, match="helpers.x exports 'm' twice"):  # a name that is also a module's
        lazy_exports("helpers.x", ("m",), {"n": ("m",)})
    _, _, exported = lazy_exports("helpers.x", ("m", "n"), {"m": ("a", "b"), "..y.z": ("c",)})
    assert exported == ["m", "n", "a", "b", "c"]
