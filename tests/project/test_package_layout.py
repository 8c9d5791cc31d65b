"""The package's shape: imports run one way, and importing changes nothing in the kernel."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


LAYERS = ["helpers.core", "helpers.lessons", "helpers.checks", "helpers.plots", "helpers.ui"]


def test_importing_a_layer_loads_none_of_its_modules_until_a_name_is_used():
    code = (
        "import json, sys\n"
        "def loaded(): return sorted(m for m in sys.modules if m.startswith('helpers'))\n"
        "import helpers\n"
        "root = loaded()\n"
        "import helpers.core, helpers.lessons, helpers.checks, helpers.plots, helpers.ui\n"
        "packages = loaded()\n"
        "from helpers.core import softmax\n"
        "softmax_needs = loaded()\n"
        "from helpers.ui import QKVExplorer\n"
        "print(json.dumps([root, packages, softmax_needs, loaded()]))"
    )
    root, packages, softmax_needs, explorer_needs = json.loads(_fresh(code))
    assert root == ["helpers", "helpers._lazy"]  # the root re-exports the layers, loaded on first use
    assert packages == sorted(root + LAYERS)  # a layer package loads none of its modules
    assert "helpers.core.attention" in softmax_needs and "helpers.core.seq2seq" not in softmax_needs
    assert not any(m.startswith("helpers.lessons.") for m in softmax_needs)
    assert "helpers.ui.explorers.attention" in explorer_needs  # an explorer loads its own module only
    assert "helpers.ui.explorers.translation" not in explorer_needs


def test_the_root_reaches_each_layer_and_no_compute_name():
    import helpers.core

    assert helpers.__all__ == ["core", "lessons", "checks", "style", "plots", "ui"]
    assert helpers.core.softmax is helpers.core.attention.softmax
    with pytest.raises(AttributeError, match="has no attribute 'softmax'"):
        helpers.softmax  # noqa: B018  (one import rule: names come from the layer packages)


@pytest.mark.parametrize("package", LAYERS)
def test_every_module_lists_its_public_names_and_its_package_re_exports_them(package):
    """A layer's ``__all__`` holds its modules and every name of their ``__all__`` (ui: of ui.explorers'
    modules too), each the same object as in its module; a name that is also a module's (the function
    ``lessons.race.race``) stays the module's."""
    import importlib
    import pkgutil

    pkg = importlib.import_module(package)
    own = [i.name for i in pkgutil.iter_modules(pkg.__path__) if not i.name.startswith("_")]
    expected = set(own) | ({"setup_notebook"} if package == "helpers.ui" else set())  # from helpers.plots
    for info in pkgutil.walk_packages(pkg.__path__, f"{package}."):
        if info.name.rsplit(".", 1)[1].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        if info.name.count(".") == package.count(".") + 1:
            assert getattr(pkg, info.name.rsplit(".", 1)[1]) is module
        inner = {i.name for i in pkgutil.iter_modules(module.__path__)} if info.ispkg else set()
        for public in set(module.__all__) - set(own) - inner:
            assert getattr(pkg, public) is getattr(module, public), (info.name, public)
            expected.add(public)
    assert sorted(pkg.__all__) == sorted(expected)
    assert len(pkg.__all__) == len(set(pkg.__all__))
    with pytest.raises(AttributeError, match=f"module '{package}' has no attribute 'no_such_name'"):
        pkg.no_such_name  # noqa: B018


def test_dir_lists_the_lazy_names_before_they_are_loaded():
    code = ("import json, sys, helpers, helpers.core\n"
            "print(json.dumps([dir(helpers), dir(helpers.core), 'helpers.core.attention' in sys.modules]))")
    root, core, loaded = json.loads(_fresh(code))
    assert {"core", "lessons", "checks", "style", "plots", "ui"} <= set(root)
    assert {"softmax", "attention", "Seq2Seq", "causal_mask"} <= set(core) and not loaded
