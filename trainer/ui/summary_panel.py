"""After a session: what it adds up to, suggestions for next time, and a note for the history."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from trainer.present import ScreenState
from trainer.ui import theme


class SummaryPanel(QFrame):
    note_entered = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        sl = QVBoxLayout(self)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Session summary")
        self.advice_label = QLabel()
        self.advice_label.setWordWrap(True)
        self.advice_label.setAccessibleName("Suggestions for next time")
        note_row = QHBoxLayout()
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("A note for your history (how you felt, what you used)…")
        self.note_edit.setAccessibleName("Session note")
        self.note_edit.setMaxLength(500)
        self.note_button = QPushButton("Save note")
        self.note_button.setAccessibleName("Save the note to your history")
        self.note_button.clicked.connect(self._enter)
        self.note_edit.returnPressed.connect(self._enter)
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.note_button)
        sl.addWidget(self.summary_label)
        sl.addWidget(self.advice_label)
        sl.addLayout(note_row)
        self.hide()
        self._shown: tuple[bool, str, tuple[str, ...]] | None = None

    def _enter(self) -> None:
        self.note_entered.emit(self.note_edit.text().strip())

    def show_state(self, state: ScreenState) -> None:
        shown = (state.show_summary, state.summary_text, state.advice)
        if shown == self._shown:  # runs every frame: touch the widgets only on a change
            return
        self._shown = shown
        self.setVisible(state.show_summary)
        self.summary_label.setText(state.summary_text)
        self.advice_label.setText("\n".join(state.advice))
        self.advice_label.setVisible(bool(state.advice))

    def new_note(self, can_save: bool) -> None:
        """A fresh note for the session just ended (it can be saved when the history has it)."""
        self.note_button.setText("Save note")
        self.note_edit.setEnabled(can_save)
        self.note_button.setEnabled(can_save)

    def note_saved(self) -> None:
        self.note_button.setText("Saved ✓")

    def set_fonts(self, base: QFont, scale: float) -> None:
        self.summary_label.setFont(theme.font(base, 16 * scale, True))
        self.advice_label.setFont(theme.font(base, 13 * scale))
