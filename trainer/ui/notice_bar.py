"""The yellow notice above the session: problems in plain words, each said once, taken back
when they no longer hold (e.g. the sound works again), or put away with its ✕ once read."""

from __future__ import annotations

import logging

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QToolButton

from trainer.ui import theme

log = logging.getLogger(__name__)


class NoticeBar(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("notice")
        self.setWordWrap(True)
        self.setAccessibleName("Notice")
        self.setStyleSheet(theme.NOTICE_STYLE)
        # A notice that no longer matters to her (no microphone, and she will not get one) took
        # two lines above the figure for the rest of the run: she can close it.
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAccessibleName("Close the notice")
        self.close_button.setToolTip("Close the notice")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        self.hide()

    def add(self, message: str) -> None:
        current = self.text()
        if message in current:
            return
        self.setText(f"{current}\n{message}" if current else message)
        self.show()
        log.info("notice: %s", message)

    def take_back(self, message: str) -> None:
        lines = [line for line in self.text().split("\n") if line and line != message]
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))

    def dismiss(self) -> None:
        """Put every notice shown away (a new problem shows again)."""
        self.setText("")
        self.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        b = self.close_button
        b.resize(b.sizeHint())
        b.move(self.width() - b.width() - 4, 4)  # the top right corner, inside the border
