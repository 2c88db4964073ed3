"""The two questions about a running session: stop it, or quit the trainer during it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.session import SessionController


def ask_stop(parent: QWidget) -> bool:
    answer = QMessageBox.question(
        parent,
        "Stop the session?",
        "Stop this session now? The sets you finished are kept.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_quit(parent: QWidget, ctl: SessionController | None) -> bool:
    done = ctl.timeline.reps_done_at(ctl.session_time()) if ctl is not None else 0
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Quit during the session?",
        "A session is under way. Quit now? The sets you finished are kept, and the set in "
        f"progress is saved with the {done} {'rep' if done == 1 else 'reps'} you did.",
        parent=parent,
    )
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton("Keep going", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is quit_button
