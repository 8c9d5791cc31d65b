"""The repo2docker tool for the hub checks: `make hub-check` installs it and names it in REPO2DOCKER."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO2DOCKER_VERSION = "2026.4.0"


@pytest.fixture(scope="session")
def repo2docker() -> Path:
    """The ``repo2docker`` executable; missing: skip, or fail under CI=true."""
    path = Path(os.environ.get("REPO2DOCKER", "/nonexistent/repo2docker")).absolute()
    if not (path.is_file() and os.access(path, os.X_OK)):
        msg = (f"repo2docker is missing (REPO2DOCKER={os.environ.get('REPO2DOCKER')!r}): "
               "run `make hub-check`, "
               f"which installs jupyter-repo2docker=={REPO2DOCKER_VERSION} into .venv/hub-tools")
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    return path
