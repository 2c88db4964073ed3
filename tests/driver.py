"""One way to drive the real main window in tests: build it on a fake clock, show it, step it.

The `make_window` fixture in tests/conftest.py hands out `open_window` bound to the test's
qtbot and exercise; `step` moves the session clock frame by frame, as the window's timer does.
"""

from __future__ import annotations

import warnings
from typing import Protocol, TypeVar, Unpack

from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from tests.fixed_time import fixed_clocks
from tests.plans import PlanKw
from trainer.content import Exercise
from trainer.history.store import HistoryStore
from trainer.session import ManualClock, Plan, SessionController
from trainer.settings import Settings
from trainer.ui.main_window import MainWindow
from trainer.voice.speaker import RecordingSpeaker, Speaker

D = TypeVar("D", bound=QDialog)


class WindowMaker(Protocol):
    """The `make_window` fixture: `open_window` with the test's qtbot and exercise filled in."""

    def __call__(
        self,
        variant: str = "kneeling",
        *,
        speaker: Speaker | None = None,
        history: HistoryStore | None = None,
        settings: Settings | None = None,
        weight: str = "",
        show: bool = True,
        **plan_kw: Unpack[PlanKw],
    ) -> tuple[MainWindow, ManualClock]: ...


def open_window(
    qtbot: QtBot,
    exercise: Exercise,
    variant: str = "kneeling",
    *,
    speaker: Speaker | None = None,
    history: HistoryStore | None = None,
    settings: Settings | None = None,
    weight: str = "",
    show: bool = True,
    **plan_kw: Unpack[PlanKw],
) -> tuple[MainWindow, ManualClock]:
    """The window for a plan of `variant` (plan_kw: sets, reps, rest_s, tempo), with pinned clocks."""
    clock = ManualClock()
    win = MainWindow(
        exercise,
        Plan.from_exercise(exercise, variant, **plan_kw),
        speaker or RecordingSpeaker(),
        clocks=fixed_clocks(monotonic=clock),
        history=history,
        settings=settings,
        weight=weight,
    )
    qtbot.addWidget(win)
    if show:
        win.show()
        # Keyboard shortcuts need the active window; offscreen Qt does not activate on show().
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            QApplication.setActiveWindow(win)
        assert win.isActiveWindow()
    return win, clock


def step(win: MainWindow, clock: ManualClock, seconds: float, dt: float = 0.1) -> None:
    """Advance the session `seconds`, one frame of `dt` at a time (a jump would pause it)."""
    for _ in range(round(seconds / dt)):
        clock.advance(dt)
        win.on_frame()


def controller_of(win: MainWindow) -> SessionController:
    """The window's session, for a test that has started one (None before the first start)."""
    assert win.controller is not None, "no session has been started"
    return win.controller


def opened(dlg: QDialog | None, kind: type[D]) -> D:
    """The dialog a window's open_... method returned (typed as a plain QDialog), as the one expected."""
    assert isinstance(dlg, kind), f"expected a {kind.__name__}, got {dlg!r}"
    return dlg
