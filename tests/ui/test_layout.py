"""helpers.ui.layout: rows that wrap on a narrow screen, and every long control label shown whole."""

import ipywidgets as W

from helpers.ui.layout import WIDE_LABEL, wrapping_row


def _widgets(root):
    yield root
    for child in getattr(root, "children", ()):
        yield from _widgets(child)


def test_every_long_control_label_is_shown_whole():
    """ipywidgets cuts a description at a fixed width (about 10 characters); longer ones must ask to
    be shown whole, or a projector shows "test seque…" beside a slider."""
    from ipywidgets.widgets.widget_description import DescriptionWidget

    from helpers import ui
    from helpers.ui.explorers.training import TrainingExplorer

    explorers = [ui.StartHereExplorer(), ui.InfluenceExplorer(), ui.BiRNNExplorer(),
                 ui.NaiveAttentionExplorer(), ui.QKVExplorer(), ui.BilinearExplorer(), ui.PositionExplorer(),
                 ui.HeadsExplorer(), ui.BlockExplorer(), TrainingExplorer()]
    long_labels = 0
    for ex in explorers:
        for w in _widgets(ex):
            labelled = isinstance(w, DescriptionWidget) and not isinstance(w, W.Checkbox | W.Button)
            if labelled and len(w.description) > 10:  # checkboxes and buttons print it beside the box
                long_labels += 1
                assert w.style.description_width == "initial", (type(ex).__name__, w.description)
    assert long_labels >= 10


def test_a_wrapping_row_keeps_its_children_in_order_wraps_and_takes_more_css():
    kids = [W.HTML("a"), W.IntSlider(), W.Checkbox()]
    row = wrapping_row(iter(kids), align_items="center")  # any iterable of widgets
    assert isinstance(row, W.HBox) and list(row.children) == kids
    assert row.layout.flex_flow == "row wrap" and row.layout.align_items == "center"
    slider = W.FloatSlider(description="a long description", style=WIDE_LABEL)
    assert slider.style.description_width == "initial"  # the label is shown whole
