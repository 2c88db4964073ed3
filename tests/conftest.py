from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data"
    monkeypatch.setenv("THORACIC_TRAINER_HOME", str(home))
    return home


@pytest.fixture
def exercise():
    from trainer.content import load_builtin_exercise

    return load_builtin_exercise()


def run_trainer(*args: str, timeout: float = 120, env: dict[str, str] | None = None):
    import subprocess

    e = dict(os.environ)
    e.setdefault("QT_QPA_PLATFORM", "offscreen")
    if env:
        e.update(env)
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=e,
    )
