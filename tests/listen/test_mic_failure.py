"""A microphone that stops mid-session (the sound system killed, as when PulseAudio crashes or
restarts) is noticed and named, rather than listening on to nothing. Qt reports no error on the
source then, and its state signal never reached our slot (PySide could not convert the
argument: "Cannot call meta function ... _state(QAudio::State)" on every start)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.listen.conftest import start_private_pulse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.audio
def test_a_microphone_that_stops_is_reported(tmp_path: Path) -> None:
    env, pulse = start_private_pulse(tmp_path)
    driver = subprocess.Popen(
        [sys.executable, "-m", "tests.listen.mic_driver", "30"],
        cwd=ROOT,
        env=dict(env, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert driver.stdout is not None
        first = driver.stdout.readline()
        assert first.strip() == "LEVEL", first  # the microphone worked
        pulse.kill()
        pulse.wait(5)
        out, err = driver.communicate(timeout=25)
    finally:
        if pulse.poll() is None:
            pulse.kill()
        if driver.poll() is None:
            driver.kill()
    assert out.startswith("FAILED Spoken commands stopped: the microphone stopped sending sound."), out + err
    assert "TypeError" not in err, err
