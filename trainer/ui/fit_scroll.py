"""A scroll area that scrolls only when its window cannot give it the room: where there is room
it asks for all of its content's height at its width (a plain scroll area asks for a fixed few
lines, and a window squeezed to the screen cut wrapped lines in half instead of scrolling)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent

from trainer.ui.column import Column


class FitScroll(Column):
    def sizeHint(self) -> QSize:
        content = self.widget()
        hint = super().sizeHint()
        if content is None:
            return hint
        width = self.viewport().width()
        tall = content.heightForWidth(width) if width > 100 and content.hasHeightForWidth() else -1
        if tall < 0:
            tall = content.sizeHint().height()
        return QSize(hint.width(), tall + 2 * self.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # wrapped lines need another height at another width
