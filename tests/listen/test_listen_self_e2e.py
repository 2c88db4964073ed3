"""It never hears itself, over a whole session: the coach's own clips, in session order, played
by the real speaker into the real PulseAudio microphone with spoken commands on (gate on) fire
no command at all. The same audio without the gate is reported, not judged (the benchmark has
the figure)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.listen.conftest import run_driver


@pytest.mark.slow
@pytest.mark.audio
def test_a_whole_sessions_coach_audio_fires_no_command(private_pulse: dict[str, str], tmp_path: Path) -> None:
    env = dict(private_pulse, QT_QPA_PLATFORM="offscreen")
    # The coach's voice goes straight into the microphone: the worst room there is.
    subprocess.run(["pactl", "set-default-sink", "mic"], env=env, check=True)
    done = run_driver("tests.listen.self_driver", str(tmp_path / "data"), env=env, timeout=560)
    out = done.stdout + done.stderr[-2000:]
    final = [line for line in done.stdout.splitlines() if line.startswith("FINAL")]
    assert len(final) == 1, out
    m = re.search(
        r"clips=(\d+) said=(\d+) heard=(\[.*?\]) ungated=(\[.*?\]) gate_shut=(\d+) peak=([\d.]+)", final[0]
    )
    assert m, out
    clips, said, heard, ungated, shut, peak = m.groups()
    print(f"\ncoach audio through the microphone, gate off, would have fired: {ungated}")
    assert int(said) == int(clips) > 50, out  # every clip of the session really played
    assert float(peak) > 0.1, out  # and reached the microphone
    assert int(shut) > 10, out  # the gate was driven by the playback
    assert heard == "[]", out
