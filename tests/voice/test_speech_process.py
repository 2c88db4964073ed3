"""The speech engine in its own process (issue 16 item 1): broken voice data, a crash or a hang of
espeak-ng costs phrases, never the app; the app notices, says why once, and starts a new process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT
from trainer.clock import watchdog_monotonic
from trainer.voice.renderer import Clip, ClipRenderer


def renderer_for(
    tmp_path: Path,
) -> tuple[ClipRenderer, list[Clip], list[tuple[float, str]], threading.Event]:
    clips: list[Clip] = []
    errors: list[tuple[float, str]] = []
    got = threading.Event()

    def ready(clip: Clip) -> None:
        clips.append(clip)
        got.set()

    def failed(why: str) -> None:
        errors.append((watchdog_monotonic(), why))
        got.set()

    return ClipRenderer(tmp_path / "cache", ready, failed), clips, errors, got


def wait(event: threading.Event, timeout: float = 20) -> None:
    assert event.wait(timeout), "no answer from the renderer"
    event.clear()


@pytest.mark.slow
def test_a_killed_speech_process_costs_one_phrase_and_is_replaced(tmp_path: Path) -> None:
    renderer, clips, errors, got = renderer_for(tmp_path)
    try:
        renderer.request(["One"])
        wait(got)
        assert [c.text for c in clips] == ["One"] and not errors
        assert renderer._process is not None and renderer._process._proc is not None
        first = renderer._process._proc
        os.kill(first.pid, signal.SIGSTOP)  # hangs: the next phrase gets no answer
        t0 = watchdog_monotonic()
        renderer.request(["Two"])
        wait(got)
        assert errors and "did not answer" in errors[0][1]
        assert errors[0][0] - t0 < 3.0  # noticed within the phrase timeout (2 s) and a little
        assert first.poll() is not None  # the hung process was killed
        renderer.request(["Three"])  # a new process after the back-off
        wait(got)
        assert clips[-1].text == "Three" and renderer._process.starts == 2
        os.kill(renderer._process._proc.pid, signal.SIGKILL)
        t0 = watchdog_monotonic()
        renderer.request(["Four"])
        wait(got)
        assert "ended" in errors[-1][1] and errors[-1][0] - t0 < 1.0  # a crash is noticed at once
    finally:
        renderer.close()


@pytest.mark.slow
def test_broken_voice_data_is_named_and_the_app_process_survives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("ESPEAK_DATA_PATH", str(tmp_path / "empty"))
    renderer, clips, errors, got = renderer_for(tmp_path)
    try:
        renderer.request(["One"])
        wait(got)
        assert not clips and "phontab" in errors[0][1] and "exit status" in errors[0][1]
    finally:
        renderer.close()
    from trainer.voice.synth_process import DATA_FIX, engine_fix

    assert engine_fix(errors[0][1]) == DATA_FIX and "espeak-ng-data" in DATA_FIX


@pytest.mark.slow
def test_a_spoken_rehearsal_with_broken_voice_data_finishes_with_captions(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    events = tmp_path / "e.jsonl"
    r = subprocess.run(
        [
            sys.executable, "-m", "trainer", "--rehearse", "--speed", "1.5", "--variant", "chair",
            "--sets", "1", "--reps", "1", "--rest", "0", "--events", str(events),
            "--data-dir", str(tmp_path / "d"),
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", ESPEAK_DATA_PATH=str(tmp_path / "empty")),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr  # before: a segmentation fault (139) or exit 1, nothing recorded
    assert "Traceback" not in r.stderr
    assert r.stderr.count("The speech engine could not start") == 1, r.stderr
    assert "espeak-ng-data" in r.stderr
    ev = [json.loads(line) for line in events.read_text().splitlines()]
    assert ev[-1]["event"] == "session_completed" and ev[-1]["reps_total"] == 1


@pytest.mark.slow
def test_self_check_names_missing_voice_data(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    r = subprocess.run(
        [sys.executable, "-m", "trainer", "--self-check", "--data-dir", str(tmp_path / "d")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", ESPEAK_DATA_PATH=str(tmp_path / "empty")),
    )  # fmt: skip
    assert r.returncode == 1, r.stdout + r.stderr
    assert "phontab" in r.stdout and "apt-get install --reinstall espeak-ng-data" in r.stdout
    assert "Traceback" not in r.stderr
