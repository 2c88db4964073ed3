"""'How did that feel?' between sets: three big buttons, each with one key (F, T, P)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from trainer.present import ComfortQuestion
from trainer.session.events import Comfort

ANSWERS = (
    (Comfort.FINE, "Fine", "F", "#2d6a4f"),
    (Comfort.TIRED, "Tired", "T", "#8a5a00"),
    (Comfort.PAIN, "Pain", "P", "#9b2226"),
)


class ComfortPanel(QFrame):
    answered = Signal(str)  # fine | tired | pain

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("comfort")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("How did that set feel?")
        self.setStyleSheet("QFrame#comfort { background: #eef4fb; border-radius: 6px; }")
        layout = QVBoxLayout(self)
        self.question = QLabel("How did that set feel?")
        self.question.setAccessibleName("Comfort question")
        layout.addWidget(self.question)
        row = QHBoxLayout()
        self.buttons: dict[Comfort, QPushButton] = {}
        for answer, text, key, colour in ANSWERS:
            b = QPushButton(f"{text}  [{key}]")
            b.setAccessibleName(f"{text}: answer the comfort question (key {key})")
            b.setCheckable(True)
            b.setMinimumHeight(56)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            b.setStyleSheet(
                f"QPushButton {{ color: {colour}; }}"
                f" QPushButton:checked {{ background: {colour}; color: white; }}"
            )
            b.clicked.connect(lambda _checked=False, a=answer: self._clicked(a))
            row.addWidget(b)
            self.buttons[answer] = b
        layout.addLayout(row)
        self.hint = QLabel("No answer is fine too: the rest goes on.")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._asked: ComfortQuestion | None = None

    def _clicked(self, answer: Comfort) -> None:
        self._asked = None  # a click toggled the button itself: the next ask() puts it right
        self.answered.emit(answer)

    def ask(self, question: ComfortQuestion) -> None:
        """Show the question, with the answer already given (if any) marked."""
        if question == self._asked:  # asked every frame of a rest: touch the widgets only on a change
            return
        self._asked = question
        self.question.setText(question.question)
        for key, b in self.buttons.items():
            b.setChecked(key == question.answer)
        self.hint.setText(question.hint)

    def set_fonts(self, base: QFont, scale: float) -> None:
        f = QFont(base)
        f.setPointSizeF(18 * scale)
        f.setBold(True)
        self.question.setFont(f)
        f2 = QFont(base)
        f2.setPointSizeF(16 * scale)
        f2.setBold(True)
        for b in self.buttons.values():
            b.setFont(f2)
        f3 = QFont(base)
        f3.setPointSizeF(11 * scale)
        self.hint.setFont(f3)
        # Never squeezed by the column above it: the buttons must stay big and readable.
        self.setMinimumHeight(self.sizeHint().height())
