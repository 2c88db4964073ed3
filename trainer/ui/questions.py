"""The two questions about a running session: stop it, or quit the trainer during it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.present.questions import STOP_QUESTION, quit_question
from trainer.session import SessionController
from trainer.session.timeline import Kind


def ask_stop(parent: QWidget) -> bool:
    answer = QMessageBox.question(
        parent,
        "Stop the session?",
        STOP_QUESTION,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_quit(parent: QWidget, ctl: SessionController | None) -> bool:
    kind, done = Kind.REST, 0
    if ctl is not None:
        t = ctl.session_time()
        kind, done = ctl.timeline.segment_at(t).kind, ctl.timeline.reps_done_at(t)
    box = QMessageBox(
        QMessageBox.Icon.Question, "Quit during the session?", quit_question(kind, done), parent=parent
    )
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton("Keep going", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is quit_button
