"""A push button whose text wraps onto more lines instead of widening its column.

A QPushButton is as wide as its text: "Use the suggestion: 2 sets of 3, tempo 3-1-3-1" widened the
column beside the figure by 90 px after a session, moving the figure and its check boxes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy

# Room for the style's frame and padding around the text.
_PAD = 24


def wrap_words(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` with line breaks between words so that no line is wider than `width` (a single
    word wider than that keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


class WrapButton(QPushButton):
    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._full = text
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        super().setText(text)

    def text(self) -> str:  # the whole text, as set: not the wrapped lines
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self._wrap(self.width())

    def minimumSizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        longest = max((metrics.horizontalAdvance(w) for w in self._full.split()), default=0)
        return QSize(longest + _PAD, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Decided by width only: the height that follows cannot change the width (no loop).
        self._wrap(event.size().width())
        super().resizeEvent(event)

    def _wrap(self, width: int) -> None:
        shown = (
            wrap_words(self._full, QFontMetrics(self.font()), width - _PAD) if width > _PAD else self._full
        )
        if super().text() != shown:
            super().setText(shown)
