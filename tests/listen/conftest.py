"""Shared fixtures for the spoken-command tests: synthetic command audio (cached) and a private
PulseAudio server whose default source is a null sink's monitor (a test microphone)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.speechgen import Audio, speak, with_noise, write_wav
from trainer.listen.commands import COMMANDS

CACHE = Path(os.environ.get("THORACIC_LISTEN_CACHE", "/tmp/thoracic-listen-cache"))
ROOT = Path(__file__).resolve().parents[2]


def run_driver(
    module: str, *args: str, env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    """One of the listen drivers (tests/listen/*_driver.py) as its own process, from the repo root."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def command_audio(command_id: str, voice: str, snr: float | None = None, seed: int = 1) -> Audio:
    cmd = next(c for c in COMMANDS if c.id == command_id)
    return with_noise(speak(cmd.phrase + ".", voice, CACHE), snr, seed)


@pytest.fixture(scope="session")
def command_wavs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One clean WAV per command, spoken by Piper's joe voice."""
    folder = tmp_path_factory.mktemp("commands")
    for c in COMMANDS:
        write_wav(folder / f"{c.id}.wav", command_audio(c.id, "joe"))
    return folder


def start_private_pulse(
    folder: Path, microphone: bool = True
) -> tuple[dict[str, str], subprocess.Popen[bytes]]:
    """A PulseAudio server of our own: sink `mic` and sink `out` (the default sink, so the trainer's
    own sound does not reach the microphone); with `microphone`, the monitor of `mic`, remapped,
    is the default source (without it the server offers no microphone at all). Skips the test
    when PulseAudio is missing or does not start."""
    if shutil.which("pulseaudio") is None or shutil.which("paplay") is None:
        pytest.skip("PulseAudio is not installed (scripts/setup.sh test installs it)")
    runtime = folder / "pulse"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), PULSE_RUNTIME_PATH=str(runtime / "pulse"))
    env.pop("PULSE_SERVER", None)
    server = f"unix:{runtime / 'pulse' / 'native'}"
    proc = subprocess.Popen(
        [
            "pulseaudio",
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--disallow-exit",
            "--use-pid-file=no",
            "--load=module-native-protocol-unix",
            "--load=module-null-sink sink_name=mic",
            "--load=module-null-sink sink_name=out",
            "--load=module-always-sink",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env["PULSE_SERVER"] = server
    for _ in range(100):
        if subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
            break
        time.sleep(0.05)
    else:
        proc.kill()
        pytest.skip("the private PulseAudio server did not start")
    if microphone:
        # Qt lists no monitor sources, so the monitor is remapped into an ordinary (mono) source.
        subprocess.run(
            [
                "pactl",
                "load-module",
                "module-remap-source",
                "master=mic.monitor",
                "source_name=vmic",
                "channels=1",
                "channel_map=mono",
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        subprocess.run(["pactl", "set-default-source", "vmic"], env=env, check=True)
    subprocess.run(["pactl", "set-default-sink", "out"], env=env, check=True)
    return env, proc


@pytest.fixture
def private_pulse(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private PulseAudio server whose default source is a null sink's monitor (a test microphone)."""
    env, proc = start_private_pulse(tmp_path)
    yield env
    proc.terminate()
    proc.wait(5)
