"""The microphone meter shown while listening takes no room from the session screen (found
walking the real window: it was put in a status bar that, appearing at the bottom, moved the
big buttons up 27 px under the pointer and left an empty strip below them)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QStatusBar
from pytestqt.qtbot import QtBot

import trainer.ui.listen_control as listen_control
from tests.driver import WindowMaker


class _FakeListener(QObject):
    heard = Signal(str)
    level = Signal(float)
    audio = Signal(bytes)
    failed = Signal(str)

    def __init__(self, *_args: object) -> None:
        super().__init__()

    def start(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_listening_shows_the_meter_in_the_menu_bar_and_moves_nothing(
    make_window: WindowMaker, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listen_control, "Listener", _FakeListener)
    win, _clock = make_window("kneeling", sets=2, reps=2)
    start, figure = win.start_button, win.figure
    qtbot.wait(20)
    before = (start.mapTo(win, start.rect().topLeft()), figure.mapTo(win, figure.rect().topLeft()))
    win.listen.start()
    win.listen._level(0.5)
    qtbot.wait(20)
    assert win.menuBar().cornerWidget(Qt.Corner.TopRightCorner) is win.listen.corner
    assert win.listen.corner.isVisible() and win.listen.meter.value() == 50
    assert win.findChild(QStatusBar) is None
    assert (start.mapTo(win, start.rect().topLeft()), figure.mapTo(win, figure.rect().topLeft())) == before
    win.listen.stop()
    assert not win.listen.corner.isVisible()
