"""Every dialog in the user's text size (View ▸ Larger text) and within the screen.

One event filter on the main window rather than a line in each dialog: the safety check, voice
settings, self-check, progress view, message boxes and file dialogs, and any dialog added later,
get the same treatment. When a dialog is first polished (before Qt sizes it to its content) its
font, and any child font set in points, is multiplied by the text size; when it is shown it is
shrunk to the screen's free area and moved inside it; when a longer text needs more height
later, it grows (within the screen).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from trainer.ui.placement import FRAME_H, FRAME_W, TITLE_H


def scaled(font: QFont, scale: float) -> QFont:
    f = QFont(font)
    if f.pointSizeF() > 0:
        f.setPointSizeF(f.pointSizeF() * scale)
    elif f.pixelSize() > 0:
        f.setPixelSize(max(1, round(f.pixelSize() * scale)))
    return f


def framed(rect: QRect) -> QRect:
    """`rect` with the window manager's frame around it (title bar above, border below)."""
    side = FRAME_W // 2
    return rect.adjusted(-side, -TITLE_H, side, FRAME_H - TITLE_H)


def fit_rect(rect: QRect, area: QRect) -> QRect:
    """`rect` made no larger than `area` less the window frame, and moved so that its frame is
    inside `area` too (a dialog Qt centred at y=4 had its title bar pushing its buttons off
    the bottom of a 768 px screen)."""
    side = FRAME_W // 2
    w = min(rect.width(), area.width() - FRAME_W)
    h = min(rect.height(), area.height() - FRAME_H)
    x = min(max(rect.x(), area.left() + side), area.right() - side - w + 1)
    y = min(max(rect.y(), area.top() + TITLE_H), area.bottom() - (FRAME_H - TITLE_H) - h + 1)
    return QRect(x, y, w, h)


class DialogSizer(QObject):
    """Watches one window for dialogs parented to it (their polish is reported to the parent, so
    nothing but that window's own events pass through here: no cost per frame elsewhere)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def scale(self) -> float:
        value = self.window.property("text_scale")
        return float(value) if isinstance(value, (int, float)) else 1.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildPolished and watched is self.window:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QDialog) and child.property("text_scaled") is None:
                self._scale_text(child)
                child.installEventFilter(self)
        elif kind == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isWindow():
            self._fit_screen(watched)
        elif kind == QEvent.Type.LayoutRequest and isinstance(watched, QDialog) and watched.isVisible():
            # After this layout pass, not inside it: the new text's height is known then.
            dialog = watched
            QTimer.singleShot(0, dialog, lambda: self._grow(dialog))
        return False

    def _grow(self, dialog: QDialog) -> None:
        """A shown dialog grows to show a longer message whole (within the screen): a window
        does not follow its wrapped labels' height by itself, so "no microphone was found ..."
        in Try a command was drawn over the list of commands below it."""
        layout = dialog.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        need = layout.totalHeightForWidth(dialog.width())
        if need <= dialog.height():
            return
        screen = dialog.screen() or QApplication.primaryScreen()
        rect = QRect(dialog.geometry())
        rect.setHeight(need)
        if screen is not None:
            rect = fit_rect(rect, screen.availableGeometry())
        dialog.setGeometry(rect)

    def _scale_text(self, dialog: QDialog) -> None:
        scale = self.scale()
        dialog.setProperty("text_scaled", scale)
        if abs(scale - 1.0) < 0.01:
            return
        # Children with a size of their own (a headline) do not follow the dialog's: scale them too.
        own = [
            (w, w.font().pointSizeF(), w.font().pixelSize())
            for w in dialog.findChildren(QWidget)
            if w.testAttribute(Qt.WidgetAttribute.WA_SetFont)
        ]
        dialog.setFont(scaled(dialog.font(), scale))
        for w, points, pixels in own:
            if (w.font().pointSizeF(), w.font().pixelSize()) == (points, pixels):
                w.setFont(scaled(w.font(), scale))

    def _fit_screen(self, dialog: QDialog) -> None:
        screen = dialog.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        rect, area = dialog.geometry(), screen.availableGeometry()
        owner = dialog.parentWidget()
        if owner is not None:  # where Qt centres it: over its window
            rect.moveCenter(owner.window().geometry().center())
        if area.contains(framed(rect)):
            return  # where Qt or the window manager put it (over its window)
        fitted = fit_rect(rect, area)
        if fitted != rect:
            dialog.setGeometry(fitted)


def install_dialog_sizer(window: QWidget) -> None:
    """Once per window: the dialogs it opens take its `text_scale` property and fit the screen."""
    if window.findChild(DialogSizer) is None:
        DialogSizer(window)
