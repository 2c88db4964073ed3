"""Rehearsals and signals behave (issue 16 items 4-5): a stalled rehearsal resumes by itself, and
SIGINT / SIGTERM end a run cleanly with the set in progress recorded, exit 130 / 143, no traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.fixed_time import fixed_now
from trainer.history.store import HistoryStore


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "trainer", "--rehearse", "--no-voice", *args],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def events(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.endswith("}")]


def wait_for(path: Path, name: str, count: int = 1, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while sum(e["event"] == name for e in events(path)) < count:
        assert time.monotonic() < deadline, f"no {count} x {name} in {path} within {timeout} s"
        time.sleep(0.05)


@pytest.mark.slow
def test_a_rehearsal_stopped_for_10_s_finishes_on_its_own(tmp_path: Path) -> None:
    log = tmp_path / "e.jsonl"
    proc = start(
        "--speed", "4", "--sets", "1", "--reps", "3", "--events", str(log), "--data-dir", str(tmp_path / "d")
    )
    try:
        wait_for(log, "rep_completed")
        proc.send_signal(signal.SIGSTOP)
        time.sleep(10)
        proc.send_signal(signal.SIGCONT)
        _out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    names = [(e["event"], e.get("reason")) for e in events(log)]
    assert ("paused", "clock_jump") in names and ("resumed", "unattended") in names, names
    assert names[-1][0] == "session_completed"


def _interrupt(tmp_path: Path, sig: signal.Signals, storm: int) -> tuple[int, str, list[dict[str, object]]]:
    log = tmp_path / "e.jsonl"
    data = tmp_path / "d"
    proc = start("--speed", "8", "--sets", "2", "--reps", "8", "--events", str(log), "--data-dir", str(data))
    try:
        wait_for(log, "rep_completed", 2)
        for _ in range(storm):
            proc.send_signal(sig)
        _out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    return proc.returncode, err, events(log)


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code", "storm"), [(signal.SIGINT, 130, 40), (signal.SIGTERM, 143, 1)])
def test_a_signal_ends_the_rehearsal_with_the_set_recorded(
    tmp_path: Path, sig: signal.Signals, code: int, storm: int
) -> None:
    returncode, err, ev = _interrupt(tmp_path, sig, storm)
    assert returncode == code, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    reps = [e["reps"] for e in ev if e["event"] == "set_completed"]
    assert reps and isinstance(reps[0], int) and 2 <= reps[0] < 8, ev[-5:]
    assert ev[-1]["event"] == "session_completed" and ev[-1].get("stopped") is True
    store = HistoryStore.open(tmp_path / "d", fixed_now)
    try:
        [session] = store.sessions()
        assert [s.done_reps for s in session.sets] == reps
        assert session.end_reason == "stopped"
    finally:
        store.close()
