"""Space is the start/pause key wherever the focus is, except in a text field being typed in.

Qt hands Space to the focused widget first: a spin box took it as input (and blanked itself),
a button or check box clicked. This filter takes Space for the window before any of them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QWidget


class SpaceKey(QObject):
    """Installed on the application; acts only for keys aimed at `window`."""

    def __init__(self, window: QWidget, action: Callable[[], object]) -> None:
        super().__init__(window)
        self.window = window
        self.action = action
        self._typed_in: QObject | None = None  # the drop-down text the user has typed a key into

    def typing_in(self, widget: QObject | None) -> bool:
        """A text field the person is writing in: a plain line edit, or an editable drop-down
        (weight, tempo) once a key was typed into it. Spin boxes only hold numbers."""
        if isinstance(widget, QComboBox):
            return widget.isEditable() and widget is self._typed_in
        if not isinstance(widget, QLineEdit) or widget.isReadOnly():
            return False
        return not isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            if watched is not self._typed_in:
                self._typed_in = None
            return False
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        assert isinstance(event, QKeyEvent)
        focus = QApplication.focusWidget() or watched
        if event.key() != Qt.Key.Key_Space or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            if kind == QEvent.Type.KeyPress and event.text().strip() and isinstance(focus, QComboBox):
                self._typed_in = focus
            return False
        if self.typing_in(focus):
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
            self.action()
        return True  # nobody else sees this Space: no field changes, no button clicks
