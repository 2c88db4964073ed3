"""'How did that feel?' between sets: three big buttons, each with one key (F, T, P)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from trainer.present import ComfortQuestion
from trainer.session.events import Comfort

ANSWERS = (
    (Comfort.FINE, "Fine", "F", "#2d6a4f"),
    (Comfort.TIRED, "Tired", "T", "#8a5a00"),
    (Comfort.PAIN, "Pain", "P", "#9b2226"),
)


_ROW_SPACING = 6


class ComfortPanel(QFrame):
    answered = Signal(str)  # fine | tired | pain

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("comfort")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("How did that set feel?")
        self.setStyleSheet("QFrame#comfort { background: #eef4fb; border-radius: 6px; }")
        layout = self._layout = QVBoxLayout(self)
        self.question = QLabel("How did that set feel?")
        self.question.setAccessibleName("Comfort question")
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        row = QHBoxLayout()
        row.setSpacing(_ROW_SPACING)
        self.buttons: dict[Comfort, QPushButton] = {}
        for answer, text, key, colour in ANSWERS:
            b = QPushButton(_label(text, key, with_key=True))
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
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
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
        same = self.question.text() == question.question
        self.question.setText(question.question)
        for key, b in self.buttons.items():
            b.setChecked(key == question.answer)
        # "Thank you — noted." is a line shorter than the ask: keep the height the hint had, or
        # the panel (pinned at the bottom) grows down and its buttons move under the pointer.
        self.hint.setMinimumHeight(self.hint.height() if same and self.hint.isVisible() else 0)
        self.hint.setText(question.hint)

    def set_fonts(self, base: QFont, scale: float) -> None:
        f = QFont(base)
        f.setPointSizeF(18 * scale)
        f.setBold(True)
        self.question.setFont(f)
        f2 = QFont(base)
        f2.setPointSizeF(16 * scale)
        f2.setBold(True)
        # 56 px, or room around the words on a big screen (at 3840×2160 the text filled it).
        least = max(56, round(1.9 * QFontMetrics(f2).lineSpacing()))
        for b in self.buttons.values():
            b.setFont(f2)
            b.setMinimumHeight(least)
        f3 = QFont(base)
        f3.setPointSizeF(11 * scale)
        self.hint.setFont(f3)
        self._fit_labels()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_labels()

    def _fit_labels(self) -> None:
        """ "Tired  [T]" where the column is wide enough, else "Tired" alone (the hint below names
        the keys). The buttons' least width is the word alone, so the panel never widens the
        column beside the figure when it appears (it moved the figure's check boxes by 19 px at
        1280 px), and never grows taller (a second line pushed the controls off at 1280x720)."""
        margins = self._layout.contentsMargins()
        room = self.width() - margins.left() - margins.right() - (len(ANSWERS) - 1) * _ROW_SPACING
        each = room // len(ANSWERS)
        fits = []
        for answer, text, key, _colour in ANSWERS:
            b = self.buttons[answer]
            metrics = QFontMetrics(b.font())
            pad = b.sizeHint().width() - metrics.horizontalAdvance(b.text()) + 4  # frame and padding
            least = metrics.horizontalAdvance(text) + pad
            if b.minimumWidth() != least:
                b.setMinimumWidth(least)
            fits.append(metrics.horizontalAdvance(_label(text, key, True)) + pad <= each)
        # All three alike: "Fine  [F]" beside "Tired" alone looked like a mistake.
        for answer, text, key, _colour in ANSWERS:
            label = _label(text, key, with_key=all(fits))
            if self.buttons[answer].text() != label:
                self.buttons[answer].setText(label)
        # Never squeezed by the column above it: the buttons must stay big and readable. The
        # height for this width (the question may wrap), not the size hint's guess at a width.
        need = self._layout.totalHeightForWidth(self.width()) if self.width() > 0 else -1
        need = need if need > 0 else self.sizeHint().height()
        if self.minimumHeight() != need:
            self.setMinimumHeight(need)


def _label(text: str, key: str, with_key: bool) -> str:
    return f"{text}  [{key}]" if with_key else text
