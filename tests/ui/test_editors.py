"""helpers.ui.editors: the matrix and vector editors (presets, ranges, one notification per edit)."""


import numpy as np
import pytest

from helpers.ui import MatrixEditor, VectorEditor
from helpers.ui.explorer import CUSTOM
from tests.drawn import plain_text
from tests.support.widgets import labels_are_plain, reaches


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


# --------------------------------------------------------------------- editors


def test_matrix_editor_shows_its_name_then_presets_then_the_grid():
    m = MatrixEditor("W<q>", [[1, 0, 0], [0, 1, 0]], presets={"swap": [[0, 1, 0], [1, 0, 0]]})
    title, preset, grid = m.children
    assert "W&lt;q&gt;" in title.value
    assert preset is m.preset and m.preset.value == CUSTOM  # the shown values are no preset's
    assert [list(row.children) for row in grid.children] == m.sliders
    for row in m.sliders:
        labels_are_plain(*row)
        assert all(s.continuous_update for s in row)
    labels_are_plain(m.preset)
    assert "W<q>" in m.preset.description
    plain = MatrixEditor("A", np.eye(2))
    assert len(plain.children) == 2 and m.preset not in plain.children  # no presets: no drop-down


def test_matrix_editor_range_clips_and_its_step_lands_on_round_values():
    m = MatrixEditor("A", [[0.0, 0.5]])
    for s in m.sliders[0]:
        assert reaches(s, -2.0) and reaches(s, 1.0) and reaches(s, 0.5) and reaches(s, 2.0)
    m.set_value([[3.0, -7.0]])  # outside the range: clipped, as the docstring says
    np.testing.assert_allclose(m.value, [[2.0, -2.0]])
    narrow = MatrixEditor("B", [[0.0]], min=-1.0, max=1.0, step=0.25)
    narrow.set_value([[5.0]])
    assert narrow.value[0, 0] == 1.0 and narrow.sliders[0][0].step == 0.25


def test_editor_errors_name_the_shapes():
    with pytest.raises(ValueError) as err:
        MatrixEditor("W_k", [1.0, 2.0, 3.0])
    assert "W_k" in str(err.value) and "(3,)" in str(err.value)
    plain_text(str(err.value))
    with pytest.raises(ValueError) as err:
        MatrixEditor("W_k", np.eye(2), presets={"big": np.eye(3)})
    assert "big" in str(err.value) and "(3, 3)" in str(err.value) and "(2, 2)" in str(err.value)
    m = MatrixEditor("W_v", np.eye(2))
    with pytest.raises(ValueError) as err:
        m.set_value(np.ones((2, 3)))
    assert "(2, 2)" in str(err.value) and "(2, 3)" in str(err.value)


def test_vector_editor_set_value_notifies_once_with_a_vector():
    v = VectorEditor("q", [0.0, 0.0, 0.0], presets={"ones": [1, 1, 1]})
    seen = []
    v.observe_value(seen.append)
    v.set_value(np.array([[0.5, -0.5, 1.0]]))
    assert len(seen) == 1 and seen[0].shape == (3,)
    np.testing.assert_allclose(seen[0], [0.5, -0.5, 1.0])
    v.preset.value = "ones"
    np.testing.assert_allclose(v.value, [1.0, 1.0, 1.0])
    assert [s.description for s in v.sliders[0]] == ["q[0]", "q[1]", "q[2]"]
