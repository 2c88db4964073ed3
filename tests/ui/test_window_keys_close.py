"""The window's own behaviour: Space from any focus, and closing mid-session (issue 14.5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol, Unpack

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QSpinBox, QStyle, QStyleOptionSpinBox
from pytestqt.qtbot import QtBot

from tests.driver import controller_of, open_window, step
from tests.fixed_time import fixed_now
from tests.plans import PlanKw
from trainer.content import Exercise
from trainer.history.store import HistoryStore
from trainer.session import ManualClock, Status
from trainer.ui.main_window import MainWindow


class KeysWindow(Protocol):
    """This file's `window` fixture: the window, with a history store on disk if asked for."""

    def __call__(
        self, variant: str = "kneeling", history: bool = False, **plan_kw: Unpack[PlanKw]
    ) -> tuple[MainWindow, ManualClock, HistoryStore | None]: ...


@pytest.fixture
def window(qtbot: QtBot, exercise: Exercise, tmp_path: Path) -> Iterator[KeysWindow]:
    stores: list[HistoryStore] = []

    def make(
        variant: str = "kneeling", history: bool = False, **plan_kw: Unpack[PlanKw]
    ) -> tuple[MainWindow, ManualClock, HistoryStore | None]:
        store = HistoryStore.open(tmp_path / "data", now=fixed_now) if history else None
        if store is not None:
            stores.append(store)
        win, clock = open_window(qtbot, exercise, variant, history=store, **plan_kw)
        return win, clock, store

    yield make
    for s in stores:
        s.close()


def _up_arrow(box: QSpinBox) -> QPoint:
    opt = QStyleOptionSpinBox()
    box.initStyleOption(opt)
    rect = box.style().subControlRect(
        QStyle.ComplexControl.CC_SpinBox, opt, QStyle.SubControl.SC_SpinBoxUp, box
    )
    return rect.center()


def test_space_after_clicking_the_reps_arrow_starts_and_keeps_the_field(
    window: KeysWindow, qtbot: QtBot
) -> None:
    win, _clock, _ = window(reps=8)
    qtbot.mouseClick(win.form.reps_box, Qt.MouseButton.LeftButton, pos=_up_arrow(win.form.reps_box))
    assert win.form.reps_box.value() == 9 and win.form.reps_box.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert win.form.reps_box.value() == 9
    assert win.form.reps_box.text() == "9"
    assert win.controller is not None and controller_of(win).status is Status.RUNNING
    assert controller_of(win).plan.reps == 9


@pytest.mark.parametrize("field", ["variant_box", "sets_box", "rest_box", "week_box"])
def test_space_in_any_plan_field_starts_and_pauses(window: KeysWindow, qtbot: QtBot, field: str) -> None:
    win, clock, _ = window(reps=8)
    widget = getattr(win.form, field)
    widget.setFocus()
    before = widget.currentText() if hasattr(widget, "currentText") else widget.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert win.controller is not None and controller_of(win).status is Status.RUNNING
    step(win, clock, 1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert controller_of(win).status is Status.PAUSED
    after = widget.currentText() if hasattr(widget, "currentText") else widget.text()
    assert after == before


def test_space_on_a_focused_button_or_checkbox_pauses_not_clicks(window: KeysWindow, qtbot: QtBot) -> None:
    win, clock, _ = window()
    win.start_session()
    step(win, clock, 12)
    win.restart_button.setFocus()
    mirrored = win.figure.mirror_box.isChecked()
    qtbot.keyClick(win.restart_button, Qt.Key.Key_Space)
    assert controller_of(win).status is Status.PAUSED
    win.figure.mirror_box.setFocus()
    qtbot.keyClick(win.figure.mirror_box, Qt.Key.Key_Space)
    assert controller_of(win).status is Status.RUNNING
    assert win.figure.mirror_box.isChecked() == mirrored


def test_space_types_into_a_text_field_being_typed_in(window: KeysWindow, qtbot: QtBot) -> None:
    win, _clock, _ = window()
    edit = win.form.weight_box.lineEdit()
    assert edit is not None  # the weight box is editable
    edit.setFocus()
    edit.clear()
    qtbot.keyClicks(edit, "two tins")
    assert edit.text() == "two tins"
    assert win.controller is None  # typing a space in the weight did not start a session


def test_closing_mid_session_asks_and_no_keeps_going(
    window: KeysWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, clock, store = window(history=True, sets=2, reps=4)
    win.ask_before_quitting = True
    asked: list[bool] = []

    def confirm_quit() -> bool:  # says no, and notes it was asked
        asked.append(True)
        return False

    monkeypatch.setattr(win, "confirm_quit", confirm_quit)
    win.start_session()
    step(win, clock, 10 + 8 * 2 + 1)
    assert not win.close()
    assert asked and win.isVisible()
    assert controller_of(win).status is Status.RUNNING
    assert store is not None and not store.sessions()[0].sets


def test_quitting_mid_set_records_the_reps_done(
    window: KeysWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, clock, store = window(history=True, sets=2, reps=4)
    win.ask_before_quitting = True
    monkeypatch.setattr(win, "confirm_quit", lambda: True)
    win.start_session()
    step(win, clock, 10 + 8 * 2 + 1)  # rep 3 of set 1 under way: 2 reps done
    qtbot.keyClick(win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not win.isVisible()
    assert store is not None
    (session,) = store.sessions()
    assert [(s.set_no, s.done_reps) for s in session.sets] == [(1, 2)]
    assert session.end_reason == "stopped"


def test_closing_when_no_session_runs_does_not_ask(
    window: KeysWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, _clock, _ = window()
    win.ask_before_quitting = True
    monkeypatch.setattr(win, "confirm_quit", lambda: pytest.fail("asked with no session running"))
    assert win.close()
