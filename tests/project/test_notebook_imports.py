"""One import rule for every notebook: names come from the five layer packages, nothing else.

``from helpers.core import softmax`` (or ``helpers.lessons``, ``helpers.checks``, ``helpers.plots``,
``helpers.ui``), each name in that package's ``__all__``. A module of a layer comes the same way
(``from helpers.lessons import race as experiments``) and a layer itself as ``import helpers.plots as
plots``. Never a submodule path (``helpers.core.gradcheck``), never the root (``from helpers import
softmax``). A name reached through such a binding (``plots.plot_curves``, ``experiments.train_one``)
must be public too: in the ``__all__`` of what it was reached from.
"""

from __future__ import annotations

import ast
import importlib
import json
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
LAYERS = ("helpers.core", "helpers.lessons", "helpers.checks", "helpers.plots", "helpers.ui")


def code_cells(path: Path) -> dict[int, str]:
    """``{cell index: source}`` of the notebook's code cells."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return {i: "".join(c["source"]) for i, c in enumerate(cells) if c["cell_type"] == "code"}


def _imports(tree, problems: list[str], bound: dict[str, types.ModuleType], cell: int) -> None:
    """Check every import of ``tree`` against the rule; record the modules it binds to a name."""
    for node in ast.walk(tree):
        at = f"cell {cell}, line {getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] != "helpers":
                    continue
                if alias.name not in LAYERS or alias.asname is None:
                    problems.append(f"{at}: `import {alias.name}`: import names from a layer package, "
                                    "or bind a layer to a name (`import helpers.plots as plots`)")
                else:
                    bound[alias.asname] = importlib.import_module(alias.name)
        elif isinstance(node, ast.ImportFrom) and (node.level or node.module.split(".")[0] == "helpers"):
            where = "." * node.level + (node.module or "")
            if where not in LAYERS:
                problems.append(f"{at}: `from {where} import ...`: import from a layer package, "
                                "not from one of its modules or from the root")
                continue
            package = importlib.import_module(where)
            for alias in node.names:
                if alias.name not in package.__all__:
                    problems.append(f"{at}: {alias.name!r} is not in {where}.__all__")
                elif isinstance(value := getattr(package, alias.name), types.ModuleType):
                    bound[alias.asname or alias.name] = value


def import_problems(cells: dict[int, str]) -> list[str]:
    """Every break of the rule in a notebook's code cells (``{index: source}``), one line each."""
    problems: list[str] = []
    bound: dict[str, types.ModuleType] = {}
    trees = {i: ast.parse(src) for i, src in cells.items()}
    for i, tree in trees.items():
        _imports(tree, problems, bound, i)
    for i, tree in trees.items():  # a binding made in the first cell serves the whole notebook
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) in bound:
                module = bound[node.value.id]
                if node.attr not in module.__all__:
                    problems.append(f"cell {i}, line {node.lineno}: {node.value.id}.{node.attr}: "
                                    f"{node.attr!r} is not in {module.__name__}.__all__")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_imports_public_names_from_the_layer_packages_only(path):
    problems = import_problems(code_cells(path))
    assert not problems, f"{path.name} (the layers: {', '.join(LAYERS)}):\n" + "\n".join(problems)


def test_every_notebook_imports_from_helpers():
    assert len(NOTEBOOKS) == 8
    for path in NOTEBOOKS:
        assert any("from helpers." in src for src in code_cells(path).values()), path.name


@pytest.mark.parametrize(("source", "named"), [
    ("from helpers import softmax", "`from helpers import"),
    ("import helpers", "`import helpers`"),
    ("import helpers.plots", "`import helpers.plots`"),
    ("import helpers.core.gradcheck as g", "`import helpers.core.gradcheck`"),
    ("from helpers.core.gradcheck import relative_error", "`from helpers.core.gradcheck import"),
    ("from helpers.plots.translation import plot_position_accuracy", "`from helpers.plots.translation"),
    ("from helpers.core import no_such_name", "'no_such_name' is not in helpers.core.__all__"),
    ("from helpers.lessons import race as ex\nex._no_such_name()", "ex._no_such_name"),
    ("import helpers.plots as plots\nplots.no_such_plot()", "'no_such_plot' is not in helpers.plots.__all__"),
])
def test_the_rule_names_each_kind_of_wrong_import(source, named):
    problems = import_problems({0: source})
    assert len(problems) == 1 and named in problems[0], problems


def test_the_rule_accepts_layers_their_names_and_their_modules():
    sources = {1: "from helpers.core import softmax\nfrom helpers.lessons import race as experiments\n"
                  "import helpers.plots as plots\nimport numpy as np",
               3: "experiments.train_one\nplots.plot_curves\nnp.zeros(2)"}
    assert import_problems(sources) == []
