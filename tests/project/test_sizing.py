"""benchmarks/sizing.py: the arithmetic from measured figures to a Zero to JupyterHub snippet, and its
inputs. (`make sizing` runs the measurement itself; it is not part of `make test`.)"""

from __future__ import annotations

import os

import pytest

from benchmarks import sizing


def _kernel(peak, after, cpu):
    return {"kernel_start_mib": 50, "kernel_peak_mib": peak, "kernel_after_mib": after, "cpu_s": cpu,
            "wall_s": cpu + 1}


KERNELS = {"a.ipynb": _kernel(100, 90, 2.0), "b.ipynb": _kernel(300, 200, 30.0),
           "c.ipynb": _kernel(150, 120, 6.0)}  # MiB and seconds, made up
SERVER = {"server_now_mib": 110, "server_peak_mib": 130, "pages": 10}


def test_limit_covers_the_worst_case_with_headroom_and_guarantee_the_median():
    rec = sizing.recommend(KERNELS, SERVER, k=3, run_all_s=60)
    # limit: 1.25 * (130 + 300 + 2 * 200) = 1037.5 -> 1088 (64 MiB steps)
    assert rec["memory_limit_mib"] == 1088
    # guarantee: 110 + 150 + 2 * 120 = 500 -> 512
    assert rec["memory_guarantee_mib"] == 512
    # median CPU 6 s over 60 s = 0.1 core
    assert rec["cpu_guarantee"] == pytest.approx(0.1) and rec["cpu_limit"] == 1


def test_one_open_kernel_needs_less_than_three():
    one, three = (sizing.recommend(KERNELS, SERVER, k=k, run_all_s=60) for k in (1, 3))
    assert one["memory_limit_mib"] < three["memory_limit_mib"]
    assert one["memory_guarantee_mib"] < three["memory_guarantee_mib"]


def test_snippet_is_z2jh_singleuser_config():
    text = sizing.snippet(sizing.recommend(KERNELS, SERVER, k=3, run_all_s=60))
    assert "singleuser:" in text and "guarantee: 512M" in text and "limit: 1088M" in text
    assert 'OPENBLAS_NUM_THREADS: "1"' in text


def test_table_has_a_row_per_notebook_and_the_server():
    rows = sizing.table(KERNELS, SERVER).splitlines()
    assert len(rows) == 2 + len(KERNELS) + 1
    assert rows[3].startswith("| kernel of `b` | 50 | 300 | 200 | 30.0 |")


def test_proc_figures_of_this_process():
    rss = sizing._status_kib(os.getpid(), "VmRSS")  # first: the peak read after it can only be as large
    assert sizing._status_kib(os.getpid(), "VmHWM") >= rss > 0


@pytest.mark.parametrize(("argv", "named"), [(["--kernels", "0"], "--kernels"),
                                             (["--run-all-seconds", "-1"], "--run-all-seconds"),
                                             (["no/such.ipynb"], "notebooks")])
def test_bad_arguments_get_a_one_line_message(argv, named, capsys):
    with pytest.raises(SystemExit) as exit_:
        sizing.main(argv)
    assert exit_.value.code == 2
    assert named in capsys.readouterr().err.splitlines()[-1]
