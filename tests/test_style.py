"""helpers.style: text colours that read on their cell, and the colour lookup table along the colormap."""


import numpy as np

from helpers.style import PALETTE, WEIGHT_CMAP, colour_lut, text_color_for, text_colors
from tests.drawn import (
    colour_to_fraction,
    contrast,
)


def test_value_text_contrasts_with_cell():
    assert text_color_for(0.0) == "white"  # dark blue end of cividis
    assert text_color_for(1.0) == "black"  # bright yellow end


# ---------------------------------------------------------------- style


def test_text_colours_are_the_more_readable_of_black_and_white():
    import matplotlib as mpl

    values = np.linspace(-0.5, 1.5, 401)
    for cmap in ("cividis", "magma", "viridis", "Greys"):
        got = text_colors(values, cmap=cmap)
        for v, colour in zip(values, got, strict=True):
            bg = mpl.colors.to_hex(mpl.colormaps[cmap](min(max(v, 0.0), 1.0)))
            other = {"black": "white", "white": "black"}[str(colour)]
            assert contrast(bg, colour) >= contrast(bg, other), (cmap, v, colour)
            assert contrast(bg, colour) >= 4.5, (cmap, v, colour)  # WCAG AA for normal text
    got = text_colors(values)
    assert got[0] == "white" and got[-1] == "black"
    assert text_color_for(0.1) == "white" and text_color_for(0.95) == "black"
    assert text_colors([[0.0, 1.0]]).shape == (1, 2)
    np.testing.assert_array_equal(text_colors([1.0, 3.0], vmin=1.0, vmax=3.0), ["white", "black"])
    assert text_colors(5.0, vmin=5.0, vmax=5.0) == "white"


def test_colour_lut_runs_along_the_colormap():
    bg, fg = colour_lut()
    assert len(bg) == len(fg) == 256
    frac = colour_to_fraction(bg)
    np.testing.assert_allclose(frac, np.arange(256) / 255, atol=1.5 / 256)
    assert fg[0] == "#fff" and fg[-1] == "#000" and set(fg) == {"#fff", "#000"}
    assert WEIGHT_CMAP == "cividis" and len(set(PALETTE)) == len(PALETTE) >= 4
    small, _ = colour_lut(n=3)
    assert len(small) == 3 and small[0] == bg[0] and small[-1] == bg[-1]


def test_style_text_colours_follow_the_colormap_given():
    import matplotlib as mpl

    from helpers.style import colour_lut, text_color_for, text_colors

    for cmap in ("Greys", "viridis", "cividis"):
        values = np.linspace(0.0, 2.0, 9)
        rgb = np.asarray(mpl.colormaps[cmap](np.clip(values / 2.0, 0, 1)))[:, :3]
        lum = rgb @ np.array([0.2126, 0.7152, 0.0722])
        expect = np.where(lum > 0.45, "black", "white")
        assert list(text_colors(values, 0.0, 2.0, cmap)) == list(expect)
        assert [text_color_for(v, 0.0, 2.0, cmap) for v in values] == list(expect)
        bg, fg = colour_lut(cmap, 5)
        levels = np.linspace(0.0, 1.0, 5)
        lum = np.asarray(mpl.colormaps[cmap](levels))[:, :3] @ np.array([0.2126, 0.7152, 0.0722])
        assert fg == ["#000" if v > 0.45 else "#fff" for v in lum]
        assert bg == [mpl.colors.to_hex(c) for c in mpl.colormaps[cmap](levels)]
