from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported where used, after QT_QPA_PLATFORM is set below
    from subprocess import CompletedProcess

    from pytestqt.qtbot import QtBot

    from tests.driver import WindowMaker
    from trainer.content import Exercise

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data"
    monkeypatch.setenv("THORACIC_TRAINER_HOME", str(home))
    return home


@pytest.fixture
def exercise() -> Exercise:
    from trainer.content import load_builtin_exercise

    return load_builtin_exercise()


def run_trainer(*args: str, timeout: float = 120, env: dict[str, str] | None = None) -> CompletedProcess[str]:
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


@pytest.fixture(autouse=True)
def _processes_only_in_slow_tests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """`pytest -m "not slow"` is the quick inner loop: a test that starts a process must say so."""
    if request.node.get_closest_marker("slow") is not None:
        return
    import subprocess

    from PySide6.QtCore import QProcess

    def refuse(self: object, program: object, *args: object, **kwargs: object) -> None:
        raise AssertionError(f"this test starts a process ({program!r}): mark it @pytest.mark.slow")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    monkeypatch.setattr(QProcess, "start", refuse)


@pytest.fixture
def make_window(qtbot: QtBot, exercise: Exercise) -> WindowMaker:
    """open_window(variant, speaker=, history=, settings=, weight=, show=, **plan) -> (window, clock)."""
    from functools import partial

    from tests.driver import open_window

    return partial(open_window, qtbot, exercise)
