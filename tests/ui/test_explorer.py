"""helpers.ui.explorer: the Explorer base, and bad input to any explorer as one plain line, never an error.

Each explorer is built as its notebook builds it. Every slider, number box, drop-down, toggle and
checkbox is driven to its ends, past them and through every option; every text box gets empty,
blank, odd and unknown text; every button is clicked. Nothing may raise: an exception in a widget
callback never reaches the learner as advice (the kernel logs it, or the page shows a traceback).
Where the input cannot be used, the explorer's ``message`` must be one plain line saying what to
change, and it must clear once the input is good again.
"""

from __future__ import annotations

import asyncio
import html
import re

import ipywidgets as W
import pytest

from benchmarks.servers import NOTEBOOKS
from helpers.core.embeddings import tokenize
from helpers.lessons.attention import QKV_PRESETS
from helpers.ui import (
    explorers,
)
from helpers.ui.explorer import Explorer, event_loop, message_html
from helpers.ui.explorers.translation import shown_labels
from tests.browser.specs import widgets_of
from tests.support.explorers import BUILDERS

# Text the box cannot use: (explorer, text) -> the message must say what to change.
REJECTED = {
    "QKVExplorer": ["", "   ", "\t\n"],
    "BlockExplorer": ["", "   ", "\t\n"],
    "TranslationExplorer": ["", "   ", "héllo", "27 SEP 1994 @", "february 30, 1994",
                            "monday, september 27, 1994", "2077. 1. 1.", "13/45/99", "27 XYZ 1994", "😀"],
}
# Odd text the box can use: no message, and the explorer shows it.
ACCEPTED = {
    "QKVExplorer": ["?!", "😀 🚀", "<b>x</b> & y", "나는 집에 간다", " ".join(["word"] * 60)],
    "BlockExplorer": ["?!", "😀 🚀", "<b>x</b> & y", "나는 집에 간다", " ".join(["word"] * 40)],
    "TranslationExplorer": ["27 SEP 1994", "1994년 9월 27일", "3/4/05"],
}
ADVICE = re.compile(r"\b(type|remove|try|use|raise)\b", re.I)  # a message says what to change
PLAIN = re.compile(r'<span class="rta-message" style="[^"<>]*">([^<>\n]*)</span>')


@pytest.fixture
def quiet(loop, capsys):
    """A running-loop-free test loop; after the test nothing may have been printed."""
    yield loop
    out, err = capsys.readouterr()
    assert out == err == "", f"an explorer printed: {out}{err}"


def plain_line(message: W.HTML) -> str:
    """The text of ``message`` if it is empty or one plain line (fails otherwise)."""
    if message.value == "":
        return ""
    m = PLAIN.fullmatch(message.value)
    assert m, f"not one plain line of text: {message.value!r}"
    text = html.unescape(m.group(1))
    assert "Traceback" not in text and "Error" not in text, text
    assert 20 <= len(text) <= 320, f"{len(text)} characters: {text}"
    return text


def drive(ex, loop) -> int:
    """Drive every control of ``ex`` to its ends, past them and through its options; return how many."""
    n = 0
    for w in list(widgets_of(ex)):
        if isinstance(w, W.FloatLogSlider):
            lo, hi = w.base ** w.min, w.base ** w.max
            values = [lo, hi, hi * 1e6, lo / 1e6, -1.0]
        elif isinstance(w, W.IntSlider | W.FloatSlider | W.BoundedIntText | W.BoundedFloatText):
            lo, hi = w.min, w.max
            values = [lo, hi, hi + 10**6, lo - 10**6]
        elif isinstance(w, W.Dropdown | W.ToggleButtons):
            lo = hi = None
            values = [v for _, v in w._options_full] * 2 if hasattr(w, "_options_full") else list(w.options)
        elif isinstance(w, W.Checkbox):
            lo = hi = None
            values = [not w.value, w.value]
        elif isinstance(w, W.Button):
            w.click()
            loop.run_until_complete(asyncio.sleep(0))  # a task the click scheduled takes its first step
            n += 1
            continue
        else:
            continue
        for v in values:
            w.value = v
            if lo is not None:
                assert lo <= w.value <= hi, f"{w.description}: {v} left {w.value} outside [{lo}, {hi}]"
            if ex.message is not None:
                plain_line(ex.message)
        n += 1
    task = getattr(ex, "task", None)
    if task is not None:  # a click on Train scheduled training: stop it
        task.cancel()
        loop.run_until_complete(asyncio.gather(task, return_exceptions=True))
    return n


def test_every_explorer_is_covered():
    called = set()
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        called |= set(re.findall(r"\b([A-Z]\w*Explorer)\(", path.read_text()))
    assert called, "no explorer call found in the notebooks"
    assert called <= set(BUILDERS), f"add a builder for {called - set(BUILDERS)}"
    assert set(explorers.__all__) == set(BUILDERS)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_control_at_and_past_its_ends_raises_nothing(name, quiet):
    ex = BUILDERS[name]()
    assert drive(ex, quiet) >= 1, f"{name}: no control found"


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_text_the_box_cannot_use_is_one_line_saying_what_to_change(name, quiet):
    ex = BUILDERS[name]()
    (box,) = [w for w in widgets_of(ex) if isinstance(w, W.Text)]
    good = box.value
    for text in REJECTED[name]:
        box.value = text
        said = plain_line(ex.message)
        assert said, f"{name}: {text!r} was not used, but no message says so"
        assert ADVICE.search(said), f"{name}: {text!r}: the message does not say what to change: {said}"
        box.value = good
        assert ex.message.value == "", f"{name}: the message stays after good text: {ex.message.value}"


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_odd_text_the_box_can_use_shows_without_a_message(name, quiet):
    ex = BUILDERS[name]()
    (box,) = [w for w in widgets_of(ex) if isinstance(w, W.Text)]
    heatmap = next(w for w in widgets_of(ex) if isinstance(w, explorers.attention.AttentionHeatmap))
    for text in ACCEPTED[name]:
        box.value = text
        assert ex.message.value == "", f"{name}: {text!r}: {ex.message.value}"
        expected = shown_labels(text) if name == "TranslationExplorer" else tokenize(text)
        assert heatmap.key_labels == expected, (text, heatmap.key_labels)


def test_qkv_preset_that_cannot_apply_says_what_to_change(quiet):
    ex = BUILDERS["QKVExplorer"]()
    cases = [("I I go", 1.0, "three different words"), ("I go home now", 1.0, "Try 'I go home'"),
             ("I go home", 3.0, "smaller temperature")]
    for sentence, temperature, advice in cases:
        ex.text.value = sentence
        ex.temperature.value = temperature
        ex.preset.value = QKV_PRESETS[3]
        said = plain_line(ex.message)
        assert said.startswith("Preset not applied") and advice in said, said
        assert ex.preset.value == "(custom)"
    ex.temperature.value = 1.0
    ex.text.value = "I go home"
    ex.preset.value = QKV_PRESETS[3]
    assert ex.message.value == ""


def test_the_advice_of_a_too_large_preset_works():
    """"Try a smaller temperature": at the smallest temperature the preset applies to the same sentence."""
    ex = explorers.QKVExplorer("the cat sat")
    with pytest.raises(ValueError, match="smaller temperature"):
        ex.preset_maps(QKV_PRESETS[3])
    ex.temperature.value = 0.1
    ex.preset_maps(QKV_PRESETS[3])


def test_training_numbers_out_of_range_are_clamped_and_a_finished_run_says_what_to_do(quiet):
    ex = BUILDERS["TrainingExplorer"]()
    for bad, shown in ((0, 10), (-5, 10), (10**9, 100_000), (10, 10)):
        ex.steps.value = bad
        assert ex.steps.value == shown
    ex.train_chunk()
    assert ex.start() is None  # already at 10 steps: no task, a status line instead
    assert "finished: raise steps to go on, or Reset" in ex.status.value


def test_message_html_is_one_escaped_line():
    assert message_html("") == message_html(" \n ") == ""
    assert PLAIN.fullmatch(message_html("a\n  <b>  b\tc"))
    assert ">a &lt;b&gt; b c<" in message_html("a\n  <b>  b\tc")


def said(ex) -> str:
    return html.unescape(PLAIN.fullmatch(ex.message.value).group(1))


def test_the_messages_read_as_written(quiet):
    """The exact lines a class sees (the checks above only ask for one line with advice in it)."""
    empty = "The sentence is empty: type at least one word, for example 'I go home'. The heatmaps still " \
            "show the last sentence."
    for name in ("QKVExplorer", "BlockExplorer"):
        ex = BUILDERS[name]()
        ex.text.value = " "
        assert said(ex) == empty
    ex = BUILDERS["TranslationExplorer"]()
    last = ""
    compare = " To compare with the right answer, type a real date from 1950-2049 in a trained format, " \
              "such as '27 SEP 1994'."
    formats = " is in none of the 8 formats the model was trained on."
    cases = {
        "": "The date box is empty: type a date, such as '27 SEP 1994'." + last,
        "27 SEP 1994!": "The model never saw '!' in training: remove it and type a date, such as "
                        "'27 SEP 1994'." + last,
        "february 30, 1994": "'february 30, 1994' is not a real date (day is out of range for month)."
                             + compare,
        " ": "' '" + formats + compare,
        "sep 27": "'sep 27'" + formats + compare,
    }
    for text, line in cases.items():
        ex.text.value = text
        assert said(ex) == line, text
    ex.text.value = ""
    assert ex.output.value == '<span class="rta-translation" data-ok="0">no translation</span>'
    ex.text.value = "february 30, 1994"
    assert ex.output.value.endswith("(unchecked)</span>") and 'data-ok="1"' in ex.output.value

# --------------------------------------------------------------------- the Explorer base


def test_explorer_keeps_children_options_and_the_browser_hook():
    a, layout = W.HTML("x"), W.Layout(width="50%")
    e = Explorer([a], layout=layout)
    assert e.children == (a,) and e.layout is layout
    assert "rta-explorer" in e._dom_classes  # the class the browser tests look for


def test_event_loop_is_made_and_installed_when_the_thread_has_none():
    outer = asyncio._get_running_loop()
    asyncio._set_running_loop(None)
    asyncio.set_event_loop(None)
    try:
        lp = event_loop()
        assert isinstance(lp, asyncio.AbstractEventLoop) and not lp.is_closed()
        assert asyncio.get_event_loop_policy().get_event_loop() is lp  # the next call finds the same
        assert event_loop() is lp
        assert lp.run_until_complete(asyncio.sleep(0, result=7)) == 7
        lp.close()
    finally:
        asyncio.set_event_loop(None)
        asyncio._set_running_loop(outer)
