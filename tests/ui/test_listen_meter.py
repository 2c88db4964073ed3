"""The microphone meter shown while listening takes no room from the session screen (found
walking the real window: it was put in a status bar that, appearing at the bottom, moved the
big buttons up 27 px under the pointer and left an empty strip below them)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QStatusBar

import trainer.ui.listen_control as listen_control
from trainer.settings import S, Settings


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


def test_listening_shows_the_meter_in_the_menu_bar_and_moves_nothing(make_window, qtbot, monkeypatch):
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


def test_a_failed_microphone_unticks_the_menu_and_a_new_start_takes_the_notice_back(
    make_window, monkeypatch, tmp_path
):
    # Found walking the real window: with no microphone the notice said "Spoken commands are
    # off ... switch Voice ▸ Listen for commands on again" while the item stayed ticked, so
    # clicking it switched listening off; and the notice stayed after listening worked again.
    monkeypatch.setattr(listen_control, "Listener", _FakeListener)
    win, _clock = make_window("kneeling", sets=2, reps=2, settings=Settings(tmp_path / "data"))
    ctl = win.listen
    win.settings.set(S.listen_explained, True)  # no first-time explanation box in this test
    ctl.action.setChecked(True)
    assert ctl.listener is not None
    why = "Spoken commands are off: no microphone was found."
    ctl.listener.failed.emit(why)
    assert not ctl.action.isChecked() and ctl.listener is None
    assert why in win.notice.text() and win.notice.isVisibleTo(win)
    assert win.settings.get(S.listen_enabled)  # the next start of the trainer tries again
    ctl.action.setChecked(True)  # she plugged one in and switches it on again
    assert ctl.listener is not None and ctl.corner.isVisibleTo(win)
    assert why not in win.notice.text()
