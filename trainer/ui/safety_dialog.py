"""The safety check: a few yes/no questions and the guidance they bring up, with its sources.

It informs and never blocks. Answers are kept in the history (every past set of answers) and
can be changed at any time from Help ▸ Safety check.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from trainer.content.safety import (
    CHAIR_VARIANT,
    DEFAULT_VARIANT,
    SafetyAdvice,
    SafetyContent,
    assess,
    cite,
    load_safety,
)
from trainer.ui.fit_scroll import FitScroll
from trainer.ui.plain_text import ContentBrowser

if TYPE_CHECKING:
    from trainer.history.store import HistoryStore
    from trainer.settings import Settings

log = logging.getLogger(__name__)


def advice_html(content: SafetyContent, advice: SafetyAdvice) -> str:
    parts = []
    if advice.see_professional_first:
        parts.append(
            "<p style='background:#fde2e1; padding:6px'><b>Please talk to your physiotherapist or "
            "doctor before you start with weights.</b> The notes below say why.</p>"
        )
    if advice.recommended_variant != DEFAULT_VARIANT:
        parts.append(
            f"<p><b>Suggested for you: the {html.escape(advice.recommended_variant)} variant.</b></p>"
        )
    parts.append("<ul>")
    for g in advice.items:
        parts.append(
            f"<li style='margin-bottom:6px'>{html.escape(g.text)} "
            f"<span style='color:#666'>{html.escape(cite(content, g))}</span></li>"
        )
    parts.append("</ul>")
    parts.append(f"<p style='color:#444'><i>{html.escape(advice.disclaimer)}</i></p>")
    return "".join(parts)


class SafetyDialog(QDialog):
    use_variant = Signal(str)

    def __init__(
        self,
        history: HistoryStore | None,
        settings: Settings | None,
        parent: QWidget | None = None,
        content: SafetyContent | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Safety check — Thoracic Trainer")
        self.resize(980, 760)
        self.history = history
        self.settings = settings
        self.content = content or load_safety()
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)  # read from a distance, by older eyes
        self.setFont(font)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "<h2>Before you start: a few safety questions</h2>"
            "<p>Answer yes or no. Your answers show the guidance that fits you; they never stop you "
            "from exercising, and you can change them at any time (Help ▸ Safety check).</p>"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        grid = QGridLayout()
        self.groups: dict[str, QButtonGroup] = {}
        self.yes: dict[str, QRadioButton] = {}
        self.no: dict[str, QRadioButton] = {}
        for row, q in enumerate(self.content.questions):
            text = QLabel(
                f"<b>{html.escape(q.text)}</b><br><span style='color:#555'>{html.escape(q.help)}</span>"
            )
            text.setWordWrap(True)
            yes, no = QRadioButton("Yes"), QRadioButton("No")
            yes.setAccessibleName(f"Yes: {q.text}")
            no.setAccessibleName(f"No: {q.text}")
            group = QButtonGroup(self)
            group.addButton(yes)
            group.addButton(no)
            group.buttonToggled.connect(self._update_advice)
            grid.addWidget(text, row, 0)
            grid.addWidget(yes, row, 1)
            grid.addWidget(no, row, 2)
            self.groups[q.id], self.yes[q.id], self.no[q.id] = group, yes, no
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(len(self.content.questions), 1)  # room to spare goes below, not between
        box = QWidget()
        box.setLayout(grid)
        # On a small screen with larger text the dialog is fitted to the screen: the questions
        # scroll there, where squeezed they lost the lower half of their second line.
        self.questions_area = FitScroll(box)
        layout.addWidget(self.questions_area)

        self.advice_view = ContentBrowser()  # escaped content; no links followed, nothing loaded
        self.advice_view.setAccessibleName("Guidance for your answers")
        layout.addWidget(self.advice_view, 1)

        buttons = QHBoxLayout()
        self.chair_button = QPushButton("Use the chair variant")
        self.chair_button.clicked.connect(self._use_recommended)
        self.save_button = QPushButton("Save my answers")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_and_close)
        later = QPushButton("Not now")
        later.clicked.connect(self.reject)
        buttons.addWidget(self.chair_button)
        buttons.addStretch(1)
        buttons.addWidget(later)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self._load_answers()
        self._update_advice()

    def _load_answers(self) -> None:
        latest = None
        if self.history is not None:
            try:
                latest = self.history.latest_safety_answers()
            except Exception as exc:  # an unreadable history must not hide the questions
                log.warning("safety answers not readable: %s", exc)
        answers = latest[1] if latest else {}
        for qid in self.content.question_ids:
            if qid in answers:
                (self.yes if answers[qid] else self.no)[qid].setChecked(True)

    def answers(self) -> dict[str, bool]:
        """Yes or no per question; a question left open counts as no."""
        return {qid: self.yes[qid].isChecked() for qid in self.content.question_ids}

    def advice(self) -> SafetyAdvice:
        return assess(self.content, self.answers())

    def _update_advice(self) -> None:
        advice = self.advice()
        self.advice_view.setHtml(advice_html(self.content, advice))
        self.chair_button.setVisible(advice.recommended_variant == CHAIR_VARIANT)

    def _use_recommended(self) -> None:
        self.use_variant.emit(self.advice().recommended_variant)

    def save_and_close(self) -> None:
        answers = self.answers()
        if self.history is not None:
            try:
                self.history.save_safety_answers(answers)
            except Exception as exc:
                log.error("safety answers not saved: %s", exc)
        if self.settings is not None:
            from trainer.settings import S

            self.settings.set(S.safety_checked, True)
            self.settings.sync()
        if self.advice().recommended_variant == CHAIR_VARIANT:
            self.use_variant.emit(CHAIR_VARIANT)
        self.accept()
