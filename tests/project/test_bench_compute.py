"""The bench's compute column (``benchmarks/instruments.py``) times every compute module.

Issue 21 found it timing 3 of 13 modules, so block and rnn_analysis time showed up as "render". Here a
profiler watches every explorer update of the bench: each call into a function of ``helpers.core`` or
``helpers.lessons`` must happen inside the compute timer.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks.cases import EXPLORERS, build_variants
from benchmarks.instruments import COMPUTE, COMPUTE_MODULES, uninstall_instruments

ROOT = Path(__file__).resolve().parents[2]


def test_every_module_on_disk_is_a_compute_module():
    on_disk = {p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".").removesuffix(".__init__")
               for package in ("helpers/core", "helpers/lessons") for p in (ROOT / package).rglob("*.py")}
    on_disk -= {"helpers.core", "helpers.lessons"}  # the packages' re-exports, not compute of their own
    assert {"helpers.core.block", "helpers.core.rnn_analysis"} <= on_disk  # the files were found
    assert on_disk <= set(COMPUTE_MODULES), sorted(on_disk - set(COMPUTE_MODULES))


@pytest.fixture(scope="module")
def variants():
    cases = [c for c in EXPLORERS if not c.fixed_size]  # the translator trains first: too slow here
    built, skipped = build_variants(counts=(3,), cases=cases)
    assert not skipped, skipped
    yield [v for v in built if v.kind != "naive" and v.owner is not None]
    uninstall_instruments()


def _untimed_compute_calls(step) -> list[str]:
    """Names of compute functions entered while no compute timer runs, during ``step()``."""
    outside = []

    def watch(frame, event, _arg):
        module = frame.f_globals.get("__name__", "")
        if event == "call" and module in COMPUTE_MODULES and COMPUTE.depth == 0:
            outside.append(f"{module}.{frame.f_code.co_qualname}")

    sys.setprofile(watch)
    try:
        step()
    finally:
        sys.setprofile(None)
    return outside


def test_every_compute_call_of_an_explorer_update_is_timed(variants):
    names = {v.name for v in variants}
    assert {"BlockExplorer", "InfluenceExplorer", "TrainingExplorer"} <= names  # block, rnn_analysis, race
    for v in variants:
        outside = _untimed_compute_calls(lambda v=v: v.run(0))
        assert outside == [], f"{v.name}: compute outside the timer: {sorted(set(outside))}"
        assert v.samples["compute"][-1] > 0, f"{v.name}: no compute time at all"


def test_the_profiler_sees_an_unwrapped_compute_call(variants):
    """Negative control: a compute function called around the timer is reported."""
    from helpers.core import attention

    original = getattr(attention.softmax, "_bench_original", attention.softmax)
    assert _untimed_compute_calls(lambda: original([[0.0, 1.0]])) == ["helpers.core.attention.softmax"]


def test_uninstalling_leaves_no_wrapper_behind_even_in_a_layers_lazy_names():
    """A name a layer package loads while the instruments are on is put back too (a fresh process:
    helpers.core must not have loaded the name before)."""
    import subprocess

    code = ("import helpers.core\n"
            "from benchmarks.instruments import install_instruments, uninstall_instruments\n"
            "install_instruments()\n"
            "wrapped = helpers.core.softmax\n"
            "uninstall_instruments()\n"
            "from helpers.core import attention\n"
            "print(hasattr(wrapped, '_bench_original'), helpers.core.softmax is attention.softmax)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "True"]  # it was wrapped while on, and is the original again after
