"""docs/TEACHING.md, the teacher's guide: one section per notebook, and every setting it names works.

A setting is written inline as `` `QKVExplorer: preset = "rotation: ..."; temperature = 0.5` ``: the
explorer, then ``label = value`` pairs separated by ``;`` (a label as the control shows it, quoted
when it contains ``=`` or a quote; a drop-down entry or a typed text quoted, in single quotes when it
contains double ones; ``on``/``off`` for a checkbox).
Each span is applied, in order, to a fresh explorer built as its notebook builds it: the label must
name one of its controls, a number must lie in the slider's range and on its step, an entry must be
in the menu, and afterwards the explorer must show no message (so the text was accepted and a preset
applied). The run time quoted for a notebook must be within 25% of the median `make bench` wrote to
benchmarks/results.md, so a re-measured notebook that got much slower or faster asks for the guide
to be updated.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

import ipywidgets as W
import nbformat
import pytest

from helpers.lessons.translation_experiments import train_dates
from helpers.ui import explorers
from tests.browser.specs import widgets_of
from tests.support.explorers import BUILDERS

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "TEACHING.md"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
RESULTS = ROOT / "benchmarks" / "results.md"
PARTS = ("**Goal.**", "**Plan (", "**Ask the class.**", "**Common mistakes.**", "**Run time.**")
SPAN = re.compile(r"`([A-Z]\w*Explorer): ([^`]+)`")
PAIR = re.compile(r"""\s*(?:"(?P<qlabel>[^"]+)"|'(?P<slabel>[^']+)'|(?P<label>[^=;"']+?))\s*=\s*"""
                  r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^;"']+?))\s*(?:;|$)""")


def code_of(nb: Path) -> str:
    return "\n".join(c.source for c in nbformat.read(nb, as_version=4).cells if c.cell_type == "code")


def sections() -> dict[str, str]:
    """``{"00": text of the section "## 00 · ...", ...}``."""
    parts = re.split(r"^## (?=\d\d · )", GUIDE.read_text(encoding="utf-8"), flags=re.M)[1:]
    return {p[:2]: p for p in parts}


def part(section: str, head: str) -> str:
    """The text of one part of a section, from its bold head to the next part."""
    start = section.index(head)
    ends = [section.index(h, start + 1) for h in PARTS if h in section[start + 1:]]
    return section[start:min(ends, default=len(section))]


def settings(text: str) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    """Every setting span: ``(explorer, [(label, value, quoted), ...])``; a span that does not parse fails."""
    found = []
    for name, body in SPAN.findall(text):
        pairs, pos = [], 0
        while pos < len(body):
            m = PAIR.match(body, pos)
            assert m and m.end() > pos, f"cannot read the setting {body[pos:]!r} in `{name}: {body}`"
            label = m["qlabel"] or m["slabel"] or m["label"].strip()
            quoted = m["bare"] is None
            value = m["dq"] if m["dq"] is not None else m["sq"] if m["sq"] is not None else m["bare"].strip()
            pairs.append((label, value, quoted))
            pos = m.end()
        found.append((name, pairs))
    return found


def checkpoint_every() -> int:
    """How often 06's date model keeps a checkpoint, as the notebook trains it."""
    (nb,) = [p for p in NOTEBOOKS if p.name.startswith("06")]
    return int(re.search(r"train_dates\([^)]*checkpoint_every=(\d+)", code_of(nb)).group(1))


@cache
def date_run():
    """06's date model with the notebook's number of steps and checkpoints, trained on tiny batches (so
    the checkpoint slider has the notebook's range); the explorers built on it never train it."""
    return train_dates(attention=True, seed=0, checkpoint_every=checkpoint_every(), batch_size=2,
                       n_train=50, n_test=5)


def build(name: str):
    """A fresh explorer as its notebook builds it."""
    if name == "TranslationExplorer":
        return explorers.TranslationExplorer(date_run())
    return BUILDERS[name]()


@cache
def medians() -> dict[str, float]:
    table = RESULTS.read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d\d)_\w+\.ipynb \| ([\d.]+) \|", table, flags=re.M)
    return {nb: float(s) for nb, s in rows}


def control(ex, label: str):
    found = [w for w in widgets_of(ex) if getattr(w, "description", None) == label and hasattr(w, "value")
             and not isinstance(w, W.Button | W.IntProgress)]
    labels = sorted({w.description for w in widgets_of(ex) if getattr(w, "description", "") and
                     hasattr(w, "value")})
    assert len(found) == 1, f"{type(ex).__name__} has {len(found)} controls labelled {label!r}: {labels}"
    return found[0]


def apply(ex, w, label: str, value: str, quoted: bool) -> None:
    """Set ``w`` as the guide says, failing with what is wrong when the setting does not exist."""
    where = f"{type(ex).__name__}: {label} = {value!r}"
    if isinstance(w, W.Checkbox):
        assert value in ("on", "off") and not quoted, f"{where}: a checkbox is 'on' or 'off'"
        w.value = value == "on"
    elif isinstance(w, W.Dropdown | W.ToggleButtons):
        labels = list(w._options_labels)  # the entries as the menu shows them
        assert value in labels, f"{where}: the menu offers {labels}"
        w.index = labels.index(value)
    elif isinstance(w, W.Text):
        assert quoted, f"{where}: quote typed text"
        w.value = value
    else:
        assert not quoted, f"{where}: a number is not quoted"
        v = float(value)
        if isinstance(w, W.FloatLogSlider):
            lo, hi, grid = w.base ** w.min, w.base ** w.max, (math.log(v, w.base) - w.min) / w.step
        else:
            lo, hi, grid = w.min, w.max, (v - w.min) / w.step
        assert lo <= v <= hi, f"{where}: outside the slider's range {lo:g}..{hi:g}"
        assert abs(grid - round(grid)) < 1e-6, f"{where}: not on the slider's step {w.step:g}"
        w.value = v
        assert math.isclose(w.value, v), f"{where}: the slider shows {w.value}"


def test_every_notebook_has_its_section_and_no_section_is_extra():
    found = sections()
    numbers = [nb.name[:2] for nb in NOTEBOOKS]
    assert sorted(found) == numbers, f"sections {sorted(found)}; notebooks {numbers}"
    for nb in NOTEBOOKS:
        title = nbformat.read(nb, as_version=4).cells[0].source.splitlines()[0].removeprefix("# ")
        heading = found[nb.name[:2]].splitlines()[0].strip()
        assert title.lower().startswith(heading.lower()), f"section {heading!r} for notebook {title!r}"


@pytest.mark.parametrize("nb", [nb.name[:2] for nb in NOTEBOOKS])
def test_each_section_has_a_goal_a_timed_plan_questions_mistakes_and_a_run_time(nb):
    sec = sections()[nb]
    for head in PARTS:
        assert head in sec, f"section {nb} has no {head}"
    goal = part(sec, "**Goal.**").removeprefix("**Goal.**").strip()
    assert len(re.findall(r"[.!?](?:\s|$)", goal)) == 1, f"{nb}: the goal is not one sentence: {goal!r}"
    plan = part(sec, "**Plan (")
    total = int(re.match(r"\*\*Plan \((\d+) min\)\.\*\*", plan).group(1))
    steps = [int(m) for m in re.findall(r"^\d+\. \((\d+) min\)", plan, flags=re.M)]
    assert sum(steps) == total and 15 <= total <= 25, f"{nb}: plan steps {steps} for a {total}-minute plan"
    questions = re.findall(r"^\d+\. (.+?)(?=^\d+\. |\Z)", part(sec, "**Ask the class.**"), flags=re.M | re.S)
    assert 2 <= len(questions) <= 3, f"{nb}: {len(questions)} questions"
    for q in questions:
        assert "?" in q and re.search(r"\*[^*]+\*\s*$", q.strip() + " "), f"{nb}: no answer to {q[:60]!r}"
    assert re.search(r"^- ", part(sec, "**Common mistakes.**"), flags=re.M), f"{nb}: no common mistake listed"


@pytest.mark.parametrize("nb", [nb.name[:2] for nb in NOTEBOOKS])
def test_the_run_time_is_the_measured_one(nb):
    quoted = float(re.search(r"\*\*Run time\.\*\* ([\d.]+) s median", sections()[nb]).group(1))
    measured = medians()[nb]
    assert abs(quoted - measured) <= 0.25 * measured, (
        f"{nb}: the guide says {quoted} s, benchmarks/results.md {measured} s: update docs/TEACHING.md")


@pytest.mark.parametrize("nb", [nb.name[:2] for nb in NOTEBOOKS])
def test_every_setting_the_section_names_exists_and_applies(nb):
    spans = settings(sections()[nb])
    named = {(name, label, value) for name, pairs in spans for label, value, _ in pairs}
    assert len(named) >= 2, f"section {nb} names {len(named)} explorer settings; name at least two"
    (path,) = [p for p in NOTEBOOKS if p.name.startswith(nb)]
    called = set(re.findall(r"\b([A-Z]\w*Explorer)\(", code_of(path)))
    for name, pairs in spans:
        assert name in called, f"section {nb} sets {name}; {path.name} shows only {sorted(called)}"
        ex = build(name)
        for label, value, quoted in pairs:
            apply(ex, control(ex, label), label, value, quoted)
        if ex.message is not None:
            assert ex.message.value == "", f"`{name}: ...` in section {nb} says: {ex.message.value}"


def test_the_setting_reader_reads_what_the_guide_writes():
    text = ("`BilinearExplorer: \"A[0,1] = -A[1,0]\" = 1.5; S[0,0] = 0` and "
            "`NaiveAttentionExplorer: vectors = 'long \"home\" (x)'; encode = go` and `make present`")
    bilinear = [("A[0,1] = -A[1,0]", "1.5", False), ("S[0,0]", "0", False)]
    naive = [("vectors", 'long "home" (x)', True), ("encode", "go", False)]
    assert settings(text) == [("BilinearExplorer", bilinear), ("NaiveAttentionExplorer", naive)]
    with pytest.raises(AssertionError, match="cannot read"):
        settings("`QKVExplorer: temperature 0.5`")


@pytest.mark.parametrize(("label", "value", "why"), [
    ("temperature", "9", "outside the slider's range"), ("temperature", "0.15", "not on the slider's step"),
    ("heat", "1", "0 controls labelled"),
])
def test_a_setting_that_does_not_exist_is_caught(label, value, why):
    ex = BUILDERS["StartHereExplorer"]()
    with pytest.raises(AssertionError, match=why):
        apply(ex, control(ex, label), label, value, False)


def test_a_menu_entry_that_does_not_exist_is_caught():
    ex = BUILDERS["QKVExplorer"]()
    with pytest.raises(AssertionError, match="the menu offers"):
        apply(ex, ex.preset, "preset", "rotation by 90°", True)
