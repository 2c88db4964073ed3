"""Try a command, end to end through a real PulseAudio microphone (a null sink's monitor): a
command WAV played while the dialog listens is named; silence ends in "no command was heard"
with a hint; the session is not touched and the microphone is let go afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.listen.conftest import run_driver


@pytest.mark.slow
@pytest.mark.audio
def test_try_a_command_names_what_was_played_into_the_microphone(
    command_wavs: Path, private_pulse: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    env = dict(private_pulse, QT_QPA_PLATFORM="offscreen", THORACIC_TRAINER_HOME=str(data))
    done = run_driver(
        "tests.listen.try_driver", str(command_wavs / "pause.wav"), str(data), env=env, timeout=90
    )
    out = done.stdout + done.stderr[-1500:]
    tries = [line for line in done.stdout.splitlines() if line.startswith("TRY")]
    assert len(tries) == 2, out
    assert "heard=pause" in tries[0] and "Heard: pause." in tries[0], out
    assert "heard=None" in tries[1] and "No command was heard within 3 seconds." in tries[1], out
    assert "microphone heard almost nothing" in tries[1], out  # nothing was played the second time
    final = [line for line in done.stdout.splitlines() if line.startswith("FINAL")]
    # Listening was off: the dialog lent the microphone and let it go; the session never moved.
    assert final == ["FINAL listener=None status=RUNNING heard=[]"], out
