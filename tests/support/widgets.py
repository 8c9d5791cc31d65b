"""Reading a live widget the way the learner sees it: the widget tree, labels, sliders, text, tables.

Numbers come back from what was drawn (``tests.drawn.read_table`` for a heatmap, ``read_vectors``
for the per-word table), never from the array that fed a widget.
"""

import asyncio
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import ipywidgets as W
import numpy as np
import pytest

from tests.drawn import plain_text, read_table

DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")  # a number as the explorers print it


def to_2dp(values):
    """Values as the heatmaps print them: two decimals."""
    return np.round(np.asarray(values, float), 2)


def drawn(heatmap):
    """What a live heatmap shows (``tests.drawn.read_table`` of its HTML)."""
    return read_table(heatmap.html.value)


def assert_drawn(heatmap, expected, labels=None):
    """The heatmap prints ``expected`` to two decimals, with ``labels`` on both axes when given."""
    t = drawn(heatmap)
    if labels is not None:
        assert t.row_labels == list(labels) and t.col_labels == list(labels)
    assert t.numbers.shape == np.shape(expected)
    assert np.abs(t.numbers - to_2dp(expected)).max() < 0.006, (t.numbers, to_2dp(expected))
    return t


@dataclass
class Vectors:
    """The per-word table as drawn: caption, corner, column and row labels, cell texts."""

    caption: str
    corner: str
    col_labels: list
    row_labels: list
    cells: list

    @property
    def numbers(self):
        return np.array([[float(c) for c in row] for row in self.cells])


def read_vectors(markup):
    """The per-word table (``vectors_table``) as drawn: caption, column groups, row labels, cell texts."""
    table = ET.fromstring(re.sub(r"<style>.*?</style>", "", markup, flags=re.S))
    for el in table.iter():  # text outside caption and cells would be printed on the page
        stray = [el.tail if el is not table else None] + (
            [] if el.tag in ("caption", "th", "td") else [el.text]
        )
        assert not "".join(t or "" for t in stray).strip(), f"stray text near <{el.tag}>: {stray}"
    text = lambda el: "".join(el.itertext())  # noqa: E731
    head = [text(th) for th in table.find("thead/tr")]
    rows = table.findall("tbody/tr")
    return Vectors(
        text(table.find("caption")),
        head[0],
        head[1:],
        [text(r.find("th")) for r in rows],
        [[text(td) for td in r.findall("td")] for r in rows],
    )


def tree(widget):
    """The widget and every widget inside it, depth first."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from tree(child)


def on_screen(explorer, *widgets):
    """Each widget is in the explorer's tree exactly once (shown, and not twice)."""
    ids = [id(w) for w in tree(explorer)]
    counts = [ids.count(id(w)) for w in widgets]
    assert counts == [1] * len(widgets), f"times each widget is shown: {counts}"


def sentence_case(title):
    """A title opens with a capital, as the static figures' titles do."""
    assert title[:1].isupper(), title
    return plain_text(title)


def bold_headers(explorer):
    """The bold headings an explorer prints above its parts."""
    return [
        visible_text(w.value).strip()
        for w in tree(explorer)
        if isinstance(w, W.HTML) and w.value.startswith("<b>")
    ]


def option_labels(dropdown):
    """The labels a drop-down shows (for (label, value) options, the labels)."""
    return [str(o[0]) if isinstance(o, tuple) else str(o) for o in dropdown.options]


def visible_text(markup):
    """The text of HTML markup as shown: tags and style blocks dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", markup, flags=re.S)))


def all_labels_plain(explorer):
    """Every description, option label, HTML text and heatmap caption the explorer shows is plain words."""
    seen = 0
    for w in tree(explorer):
        if isinstance(w, W.Dropdown | W.FloatSlider | W.FloatLogSlider | W.Text | W.Checkbox):
            assert w.description.strip(), f"a control without a label: {w}"
        if getattr(w, "description", ""):
            plain_text(w.description)
            seen += 1
        if isinstance(w, W.Dropdown):
            for label in option_labels(w):
                if re.search("[A-Za-z]", label):
                    plain_text(label)
        if isinstance(w, W.HTML) and w.value and "<style>" not in w.value[:8]:
            text = visible_text(w.value)
            if re.search("[A-Za-z]", text):
                plain_text(text)
                seen += 1
    return seen


def readout_fmt_shows_step(slider):
    """The number printed beside the slider (its readout format) shows every step exactly."""
    for k in range(4):
        v = slider.min + k * slider.step
        assert float(format(v, slider.readout_format)) == pytest.approx(v, abs=1e-9)


def clip_range(slider):
    """(lowest, highest) value the slider accepts: set far beyond each end and read back."""
    old = slider.value
    slider.value = -1e6
    lo = slider.value
    slider.value = 1e6
    hi = slider.value
    slider.value = old
    return lo, hi


_NUMBER = r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?"


def nums(text):
    """Every number printed in HTML text, in order (tags dropped; exponents read)."""
    return [float(v) for v in re.findall(_NUMBER, html.unescape(re.sub(r"<[^>]+>", " ", text)))]


def reaches(slider, value):
    """The slider's range holds ``value`` and its step lands on it exactly."""
    k = (value - slider.min) / slider.step
    return slider.min <= value <= slider.max and abs(k - round(k)) < 1e-9


def labels_are_plain(*widgets):
    """Each widget's description is plain words."""
    for w in widgets:
        plain_text(w.description)


def run_until(loop, predicate, timeout=20.0):
    """Run ``loop`` until ``predicate()`` holds (a live trainer's chunks run meanwhile), or time out."""
    async def wait():
        while not predicate():
            await asyncio.sleep(0.002)

    loop.run_until_complete(asyncio.wait_for(wait(), timeout))


def visible(markup):
    """The text of HTML markup as shown, on one line with single spaces."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))).strip()
