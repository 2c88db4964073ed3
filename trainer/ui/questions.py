"""The two questions about a running session: stop it, or quit the trainer during it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.present.questions import quit_question, stop_question
from trainer.session import SessionController
from trainer.session.timeline import Kind


def _where(ctl: SessionController | None) -> tuple[Kind, int]:
    """The kind of segment the session is in and the reps of the current set done."""
    if ctl is None:
        return Kind.REST, 0
    t = ctl.session_time()
    return ctl.timeline.segment_at(t).kind, ctl.timeline.reps_done_at(t)


def ask_stop(parent: QWidget, ctl: SessionController | None) -> bool:
    answer = QMessageBox.question(
        parent,
        "Stop the session?",
        stop_question(*_where(ctl)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_quit(parent: QWidget, ctl: SessionController | None) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question, "Quit during the session?", quit_question(*_where(ctl)), parent=parent
    )
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton("Keep going", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is quit_button
