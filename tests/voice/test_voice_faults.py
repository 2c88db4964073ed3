"""Faults of the sound path, in the real program: the sound server dies mid-session.

Runs the trainer against a private PulseAudio server (its own runtime folder) and kills that
server mid-session: the session keeps its timing, captions carry on, one notice says what
happened. Qt does not report a dead PulseAudio server (measured), so the speaker notices a clip
that keeps "playing" past its end.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

needs_pulse = pytest.mark.skipif(shutil.which("pulseaudio") is None, reason="PulseAudio is not installed")


def _start_private_pulse(runtime: Path) -> dict[str, str]:
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime))
    env.pop("PULSE_SERVER", None)
    subprocess.run(
        [
            "pulseaudio", "--daemonize=yes", "--exit-idle-time=-1", "-n",
            "--load=module-native-protocol-unix", "--load=module-null-sink sink_name=null",
        ],
        env=env, capture_output=True, check=False,
    )  # fmt: skip
    for _ in range(50):
        if subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
            return env
        time.sleep(0.1)
    pytest.skip("could not start a private PulseAudio server")


@pytest.mark.audio
@pytest.mark.slow
@needs_pulse
def test_sound_server_dying_mid_session_keeps_the_session_and_says_so(tmp_path: Path) -> None:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = _start_private_pulse(runtime)
    env["QT_QPA_PLATFORM"] = "offscreen"
    events = tmp_path / "e.jsonl"
    try:
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "trainer", "--rehearse", "--speed", "1.5", "--variant", "chair",
                "--sets", "1", "--reps", "2", "--rest", "0", "--events", str(events),
                "--data-dir", str(tmp_path / "data"),
            ],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        # Kill the server once the countdown is being spoken (t = 7..10 s, 1.5x: ~5-7 s wall).
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            text = events.read_text(encoding="utf-8") if events.exists() else ""
            if '"text": "Two"' in text:
                break
            time.sleep(0.05)
        subprocess.run(["pulseaudio", "--kill"], env=env, capture_output=True)
        _out, err = proc.communicate(timeout=90)
    finally:
        subprocess.run(["pulseaudio", "--kill"], env=env, capture_output=True)
    assert proc.returncode == 0, err
    ev = [json.loads(line) for line in events.read_text(encoding="utf-8").splitlines()]
    names = [e["event"] for e in ev]
    assert names[-1] == "session_completed" and ev[-1]["reps_total"] == 2
    ts = [e["t"] for e in ev]
    assert ts == sorted(ts)
    # The session kept its timing: 10 s get-ready + 2 reps of 8 s, events handled on time.
    assert ev[-1]["duration"] == 26.0
    assert max(e["late_ms"] for e in ev) < 200
    assert err.count("sound output stopped working") == 1, err
