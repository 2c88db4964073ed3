"""The benchmark runs one group of figures on request (--only), and refuses an unknown group."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_only_startup_measures_just_the_start_up() -> None:
    r = bench("--only", "startup", "--rounds", "1")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert {"startup_s", "bare_qt_startup_s", "bare_pyqtgraph_startup_s", "startup_vs_bare_pyqtgraph"} <= set(
        out
    )
    assert "frame_cost_ms_p99" not in out and "video_export_s" not in out
    assert set(out["targets"]) == set(out["meets"]) == {"startup_vs_bare_pyqtgraph"}


@pytest.mark.slow
def test_an_unknown_group_is_one_line_and_exit_2() -> None:
    r = bench("--only", "startup,sound")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "'startup,sound'" in r.stderr
