"""The package's shape: imports run one way, and importing changes nothing in the kernel."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import helpers
from helpers.core.transformer import causal_mask, multi_head_attention, sinusoidal_positions

ROOT = Path(__file__).resolve().parents[2]


def _fresh(code: str) -> str:
    """Run ``code`` in a fresh interpreter (from the repo root) and return what it printed."""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip()


@pytest.mark.parametrize("module", ["helpers", "helpers.core", "helpers.lessons", "helpers.checks"])
def test_compute_layers_load_neither_matplotlib_nor_widgets(module):
    code = (f"import sys, json, {module}\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('matplotlib', 'ipywidgets', 'IPython'))))")
    assert json.loads(_fresh(code)) == []


def test_importing_figures_and_widgets_changes_no_setting():
    code = (
        "import json, matplotlib as mpl\n"
        "before = {k: repr(v) for k, v in mpl.rcParams.items()}\n"
        "import helpers.ui, helpers.plots, helpers.style\n"
        "after = {k: repr(v) for k, v in mpl.rcParams.items()}\n"
        "print(json.dumps(sorted(k for k in before if before[k] != after[k])))"
    )
    assert json.loads(_fresh(code)) == []


def test_setup_notebook_is_the_one_call_that_sets_fonts():
    code = (
        "import matplotlib as mpl\n"
        "from helpers.ui import setup_notebook\n"
        "print(setup_notebook(), mpl.rcParams['font.family'])"
    )
    assert _fresh(code) == "None ['DejaVu Sans', 'NanumGothic']"


@pytest.mark.parametrize(("module", "bad_import", "contract"), [
    ("helpers/core/attention.py", "import helpers.ui.heatmap", "helpers layers"),
    ("helpers/lessons/examples.py", "import matplotlib.pyplot", "compute and lesson data never draw"),
    ("helpers/plots/heatmap.py", "import ipywidgets",
     "static plots and the style never import the widget layer"),
    ("helpers/ui/explorers/block.py", "import helpers.ui.explorers.rnn", "each explorer stands alone"),
    ("benchmarks/report.py", "import tests.drawn", "the bench never imports the tests"),
])
def test_import_linter_names_a_wrong_import(tmp_path, module, bad_import, contract):
    """The contracts in pyproject.toml fail on an import against the arrow, naming it."""
    lint = Path(sys.executable).with_name("lint-imports")
    for package in ("helpers", "benchmarks", "tests"):  # the contracts' root packages
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{bad_import}  # a wrong import\n")
    run = subprocess.run([str(lint), "--no-cache"], cwd=tmp_path, capture_output=True, text=True,
                         env={"PATH": str(lint.parent), "PYTHONPATH": str(tmp_path)})
    assert run.returncode != 0
    assert contract in run.stdout and "BROKEN" in run.stdout
    importer = module.removesuffix(".py").replace("/", ".")
    assert importer in run.stdout


def test_import_linter_passes_on_the_real_package():
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:]


def test_importing_the_core_loads_no_lesson_and_the_root_re_exports_every_compute_name():
    code = (
        "import json, sys, helpers.core\n"
        "lessons_after_core = sorted(m for m in sys.modules if m.startswith('helpers.lessons'))\n"
        "import helpers\n"
        "missing = [n for n in helpers.core.__all__ if getattr(helpers, n) is not getattr(helpers.core, n)]\n"
        "lessons_after_root = sorted(m for m in sys.modules if m.startswith('helpers.lessons'))\n"
        "from helpers import associative_recall, date_pairs\n"
        "print(json.dumps([lessons_after_core, missing, lessons_after_root, associative_recall.__module__,\n"
        "                  'helpers.lessons' in sys.modules]))"
    )
    after_core, missing, after_root, recall_module, lessons_loaded = json.loads(_fresh(code))
    assert after_core == [] and after_root == []  # lessons load on first use (PEP 562), not before
    assert missing == []
    assert recall_module == "helpers.lessons.recall_tasks" and lessons_loaded


def test_every_core_module_lists_its_public_names_and_the_core_re_exports_them():
    import importlib
    import pkgutil

    import helpers.core as core

    for info in pkgutil.iter_modules(core.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"helpers.core.{info.name}")
        assert info.name in core.__all__, info.name
        for name in module.__all__:
            assert getattr(core, name) is getattr(module, name), (info.name, name)


def test_exported_from_package_root():
    assert helpers.causal_mask is causal_mask and helpers.multi_head_attention is multi_head_attention
    assert helpers.sinusoidal_positions is sinusoidal_positions and callable(helpers.transformer_block)
