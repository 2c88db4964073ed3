"""End to end through a real PulseAudio microphone: command WAVs played into a null sink whose
monitor is the default source, while the real window runs with spoken commands on."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.listen.conftest import run_driver


@pytest.mark.slow
@pytest.mark.audio
def test_a_session_driven_only_by_voice(
    command_wavs: Path, private_pulse: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    env = dict(private_pulse, QT_QPA_PLATFORM="offscreen", THORACIC_TRAINER_HOME=str(data))
    done = run_driver("tests.listen.e2e_driver", str(command_wavs), str(data), env=env, timeout=180)
    out = done.stdout
    assert done.returncode == 0, done.stderr[-2000:]
    steps = [line for line in out.splitlines() if line.startswith("STEP")]
    assert steps and all(" ok " in s for s in steps) and len(steps) == 7, out + done.stderr[-1500:]
    # The comfort answer and the ended set reached the database.
    db = data / "history.sqlite3"
    with sqlite3.connect(db) as conn:
        feel = [r[0] for r in conn.execute("SELECT comfort FROM sets ORDER BY set_no")]
    assert "tired" in feel, feel
    assert os.environ.get("PULSE_SERVER") != private_pulse["PULSE_SERVER"]  # the shared server was left alone
