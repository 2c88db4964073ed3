"""The yellow notice above the session: problems in plain words, each said once, taken back
when they no longer hold (e.g. the sound works again)."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLabel

from trainer.ui import theme

log = logging.getLogger(__name__)


class NoticeBar(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("notice")
        self.setWordWrap(True)
        self.setAccessibleName("Notice")
        self.setStyleSheet(theme.NOTICE_STYLE)
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
