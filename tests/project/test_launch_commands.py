"""`make lab` and `make present` start the servers the browser tests start, with the same options."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from benchmarks.servers import VOILA_ARGS
from helpers import server_tuning

REPO = Path(__file__).resolve().parents[2]


def _launch_words(target: str) -> list[str]:
    """The words of the server command ``make <target>`` would run (a dry run, set-up skipped)."""
    out = subprocess.run(["make", "-n", "-s", "-C", str(REPO), target, "STAMP=/dev/null"],
                         capture_output=True, text=True, check=True).stdout.replace("\\\n", " ")
    (launch,) = [line for line in out.splitlines() if "jupyter lab " in line or "voila notebooks " in line]
    return launch.split()


@pytest.mark.parametrize(("target", "option"), [("lab", server_tuning.LAB_ARGS[0]),
                                                ("present", server_tuning.VOILA_ARGS[0])])
def test_make_lab_and_present_use_the_kernel_connection_without_nagle(target, option):
    assert option in _launch_words(target)


def test_browser_tests_run_voila_with_make_presents_options():
    words = _launch_words("present")
    missing = [arg for arg in VOILA_ARGS if arg not in words]
    assert not missing, f"the Voila browser tests use {missing}, which `make present` does not"


def test_make_present_writes_the_notebook_list_into_the_page():
    assert "--classic-tree" in _launch_words("present")


def test_make_present_shows_no_tracebacks():
    """In front of a class an error is a one-line message of the explorer, never a traceback."""
    assert "--show_tracebacks=False" in _launch_words("present")


@pytest.mark.parametrize("target", ["lab", "present"])
def test_make_lab_and_present_find_the_repos_templates_and_font_extension(target):
    """share/jupyter holds the classroom and slides templates and the Hangul web font's extension."""
    share = REPO / "share" / "jupyter"
    assert f"JUPYTER_PATH={share}" in _launch_words(target)
    assert (share / "voila" / "templates" / "slides" / "index.html.j2").is_file()
    assert (share / "labextensions" / "rnn-to-attention-hangul" / "package.json").is_file()
