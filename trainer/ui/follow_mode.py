"""Switching the window into follow-along mode and back (View ▸ Follow-along mode, F11,
``--follow-along``): full screen, no menus, the follow screen in place of the usual one.

Esc leaves the mode while it is on (it stops the session otherwise): the stop action gives up
its key for that time, so no key means two things at once.
"""

from __future__ import annotations

from typing import Protocol, cast

from PySide6.QtCore import QByteArray, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton, QVBoxLayout, QWidget

from trainer.present import ScreenState, follow_caption, follow_next
from trainer.ui.actions import ActionTable
from trainer.ui.figure_view import FigurePanel
from trainer.ui.follow_screen import FollowActivity, FollowScreen
from trainer.ui.text_size import TextSize


class _Window(Protocol):
    """What the mode needs of the main window (not imported: the window imports this module)."""

    figure: FigurePanel
    start_button: QPushButton
    skip_button: QPushButton
    add_button: QPushButton
    stop_button: QPushButton
    action_table: ActionTable
    state: ScreenState | None
    caption_text: str
    text_scale: float
    text_size: TextSize


class FollowMode(QObject):
    def __init__(self, window: QMainWindow, action: QAction) -> None:
        super().__init__(window)
        self.window = window
        self.parts = cast(_Window, window)  # its parts; `window` for what Qt's window does
        self.active = False
        self.screen: FollowScreen | None = None
        self._central: QWidget | None = None
        self._saved_geometry = QByteArray()
        self._fixed_size: tuple[int, int] | None = None
        self._stop_keys: list[QKeySequence] = []
        self._activity: FollowActivity | None = None
        self.action = action  # View ▸ Follow-along mode (F11), from the action table
        action.toggled.connect(self.set_active)
        action.setToolTip("Full screen, big text, only what you follow from the mat (F11; Esc leaves)")
        # Esc while the mode is on: it has the key only then (the stop action lends it).
        self.leave_action = QAction("Leave follow-along mode", window)
        self.leave_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.leave_action.setEnabled(False)
        self.leave_action.triggered.connect(lambda: self.action.setChecked(False))
        window.addAction(self.leave_action)

    def set_active(self, on: bool) -> None:
        if on != self.action.isChecked():
            self.action.setChecked(on)  # comes back here through toggled
            return
        if on and not self.active:
            self._enter()
        elif not on and self.active:
            self._leave()

    def render_at(self, width: int, height: int) -> None:
        """For screenshots and the video: the mode at a fixed size instead of full screen."""
        self._fixed_size = (width, height)

    def _enter(self) -> None:
        win = self.window
        screen = FollowScreen()
        self.screen = screen
        screen.set_text_scale(self.parts.text_scale)
        screen.hold_figure(self.parts.figure.view)
        for b in (
            self.parts.start_button,
            self.parts.skip_button,
            self.parts.add_button,
            self.parts.stop_button,
        ):
            screen.add_control(b)
        leave = QPushButton("Leave full screen\n[Esc]")
        leave.setAccessibleName("Leave follow-along mode")
        screen.add_control(leave, extra=lambda: self.action.setChecked(False))
        self._saved_geometry = win.saveGeometry()
        self._central = win.takeCentralWidget()
        win.setCentralWidget(screen)
        win.menuBar().hide()
        stop = self.parts.action_table.actions["stop"]
        self._stop_keys = stop.shortcuts()
        stop.setShortcuts([])
        self.leave_action.setShortcuts(self._stop_keys)
        self.leave_action.setEnabled(True)
        self.active = True
        self.sync()
        self._activity = FollowActivity(win, screen)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._activity)
        if self._fixed_size is not None:
            win.resize(*self._fixed_size)
        else:
            win.showFullScreen()
        screen.setFocus()

    def _leave(self) -> None:
        win = self.window
        assert self.screen is not None and self._central is not None
        if self._activity is not None:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self._activity)
            self._activity.deleteLater()
            self._activity = None
        view = self.parts.figure.view
        home = self.parts.figure.layout()
        assert isinstance(home, QVBoxLayout)
        home.insertWidget(0, view, 1)  # the figure goes home, above its controls
        screen = win.takeCentralWidget()
        win.setCentralWidget(self._central)
        self._central = None
        if screen is not None:
            screen.deleteLater()
        self.screen = None
        win.menuBar().show()
        self.leave_action.setShortcuts([])
        self.parts.action_table.actions["stop"].setShortcuts(self._stop_keys)
        self.leave_action.setEnabled(False)
        self.active = False
        if self._fixed_size is None:
            # showNormal() alone left the window as tall as the follow screen had asked for, its
            # buttons below a 720 px screen's edge (seen under openbox at 1280×720).
            win.showNormal()
            win.restoreGeometry(self._saved_geometry)  # maximised again too, if it was
        self.parts.text_size.apply()

    def sync(self) -> None:
        """The follow screen shows what the window's screen state says now."""
        state = self.parts.state
        if not self.active or self.screen is None or state is None:
            return
        texts = {
            "set": state.set_line,
            "rep": state.rep_line,
            "side": state.side_line,
            "phase": state.phase_line,
            "count": state.countdown,
            "next": follow_next(state),
        }
        self.screen.show_lines(texts, follow_caption(state, self.parts.caption_text))
