"""helpers.ui and helpers.ui.charts: set a value or call update, assert what is shown changed."""

import re

import numpy as np
import pytest

from helpers.lessons.start_here import start_here_weights
from helpers.ui import AttentionHeatmap, MatrixEditor, StartHereExplorer, VectorEditor
from helpers.ui.charts import ArrowPlot, BarChart, LineChart
from tests.support.widgets import drawn


def test_heatmap_shows_values_labels_and_title():
    h = AttentionHeatmap([[0.2, 0.1, 0.7]], ["I"], ["I", "go", "home"], title="weights of I")
    html = h.html.value
    np.testing.assert_allclose(drawn(h).numbers, [[0.2, 0.1, 0.7]])
    assert "<caption>weights of I</caption>" in html
    assert all(f'scope="col">{t}</th>' in html for t in ["I", "go", "home"])
    assert 'scope="row">I</th>' in html
    assert "aria-label" in html


def test_heatmap_update_changes_table_in_place():
    h = AttentionHeatmap(np.eye(2), ["a", "b"], ["a", "b"])
    widget = h.html
    h.update([[0.25, 0.75], [0.5, 0.5]])
    assert h.html is widget
    np.testing.assert_allclose(drawn(h).numbers, [[0.25, 0.75], [0.5, 0.5]])
    np.testing.assert_allclose(h.weights, [[0.25, 0.75], [0.5, 0.5]])
    h.update(np.full((1, 3), 1 / 3), ["나는"], ["나는", "집에", "간다"])
    assert "집에" in h.html.value and drawn(h).numbers.shape == (1, 3)


def test_heatmap_colours_follow_values_with_readable_text():
    h = AttentionHeatmap([[0.0, 1.0]], ["q"], ["dark", "bright"])
    cells = re.findall(r'<td style="background:(#[0-9a-f]{6});color:(#[0-9a-f]{3})">', h.html.value)
    assert cells[0][1] == "#fff" and cells[1][1] == "#000"
    assert cells[0][0] != cells[1][0]


def test_heatmap_escapes_labels_and_checks_shapes():
    h = AttentionHeatmap([[1.0]], ["<b>"], ["&"])
    assert "&lt;b&gt;" in h.html.value and "<b></th>" not in h.html.value
    with pytest.raises(ValueError, match="do not match 1 query labels and 1 key labels"):
        h.update(np.eye(2))


def test_heatmap_forty_tokens_is_dense_but_complete():
    t = [f"w{i}" for i in range(40)]
    h = AttentionHeatmap(np.full((40, 40), 1 / 40), t, t)
    assert "rta-dense" in h.html.value and drawn(h).numbers.shape == (40, 40)


def test_matrix_editor_slider_preset_and_single_notification():
    m = MatrixEditor("W_q", np.eye(2), presets={"rotation": [[0, -1], [1, 0]]})
    seen = []
    m.observe_value(seen.append)
    m.preset.value = "rotation"
    assert len(seen) == 1
    np.testing.assert_allclose(seen[-1], [[0, -1], [1, 0]])
    m.sliders[1][0].value = 0.5
    assert m.preset.value == "(custom)" and len(seen) == 2
    np.testing.assert_allclose(m.value, [[0, -1], [0.5, 0]])
    with pytest.raises(ValueError, match=r"shape \(2, 2\)"):
        m.set_value(np.eye(3))


def test_vector_editor_is_one_dimensional():
    v = VectorEditor("I", [1.0, 2.0], presets={"flip": [2.0, 1.0]})
    v.preset.value = "flip"
    np.testing.assert_allclose(v.value, [2.0, 1.0])
    v.sliders[0][1].value = -1.0
    np.testing.assert_allclose(v.value, [2.0, -1.0])
    assert v.sliders[0][0].description == "I[0]"


def test_line_chart_update_and_log_axis():
    c = LineChart("influence", "distance", "norm", logy=True)
    c.update([1, 2, 3], {"a": [1.0, 0.1, 0.01]})
    first = c.html.value
    c.update([1, 2, 3], {"a": [1.0, 10.0, 100.0], "b": [1, 1, 1]})
    assert c.html.value != first
    assert 'data-label="b"' in c.html.value and "1e2" in c.html.value
    np.testing.assert_allclose(c.series["a"], [1, 10, 100])
    with pytest.raises(ValueError, match="has 2 points but x has 3"):
        c.update([1, 2, 3], {"a": [1, 2]})


def test_bar_chart_and_arrow_plot_show_their_data():
    b = BarChart("contributions", ["I", "go"])
    b.update({"forward": [0.5, 1.0]})
    assert re.findall(r'data-value="([0-9.]+)"', b.html.value) == ["0.5", "1"]
    a = ArrowPlot("vectors")
    a.update([[1.0, 0.0], [0.3, 0.4]], ["I", "enc(I)"], dashed=[False, True])
    assert 'data-label="enc(I)" data-x="0.3" data-y="0.4"' in a.html.value
    assert "stroke-dasharray" in a.html.value


def test_start_here_explorer_slider_redraws_with_computed_weights():
    e = StartHereExplorer("I go home")
    before = drawn(e.heatmap).numbers
    e.temperature.value = 0.3
    _, expected = start_here_weights("I go home", 0.3)
    np.testing.assert_allclose(drawn(e.heatmap).numbers, np.round(expected, 2), atol=1e-9)
    assert not np.allclose(before, drawn(e.heatmap).numbers)
    assert "temperature 0.3" in e.heatmap.html.value
    assert repr(e).startswith("Start-here explorer")


def _widgets(root):
    yield root
    for child in getattr(root, "children", ()):
        yield from _widgets(child)


def test_every_long_control_label_is_shown_whole():
    """ipywidgets cuts a description at a fixed width (about 10 characters); longer ones must ask to
    be shown whole, or a projector shows "test seque…" beside a slider."""
    import ipywidgets as W
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
