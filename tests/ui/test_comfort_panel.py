"""The comfort question's panel keeps its place: it never widens the column beside the figure,
and answering it does not move its buttons (found walking the real window at 1366x768)."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trainer.present import ComfortQuestion
from trainer.session import Comfort
from trainer.ui.comfort_panel import ComfortPanel


def _panel(qtbot: QtBot, width: int) -> ComfortPanel:
    panel = ComfortPanel()
    qtbot.addWidget(panel)
    panel.set_fonts(QApplication.font(), 1.0)
    panel.ask(ComfortQuestion(1, None, "How did set 1 feel?", "Press F, T or P (or a button)."))
    panel.resize(width, 100)
    panel.show()
    panel.resize(width, panel.sizeHint().height())  # as the column's layout gives it
    return panel


def _labels_fit(panel: ComfortPanel) -> bool:
    for b in panel.buttons.values():
        metrics = QFontMetrics(b.font())
        if metrics.horizontalAdvance(b.text()) > b.width() - 8:
            return False
    return True


def test_a_narrow_column_gets_the_answer_alone_not_a_wider_column(qtbot: QtBot) -> None:
    # The one-line buttons needed 382 px: beside the figure at 1280 px the column was 351 px,
    # so the splitter moved when the question appeared (the figure's check boxes jumped 19 px).
    panel = _panel(qtbot, 330)
    assert panel.minimumSizeHint().width() <= 330
    assert [b.text() for b in panel.buttons.values()] == ["Fine", "Tired", "Pain"]
    assert _labels_fit(panel)


def test_a_wide_column_keeps_each_answer_on_one_line(qtbot: QtBot) -> None:
    panel = _panel(qtbot, 600)
    assert [b.text() for b in panel.buttons.values()] == ["Fine  [F]", "Tired  [T]", "Pain  [P]"]
    assert _labels_fit(panel)


def test_answering_does_not_move_the_buttons(qtbot: QtBot) -> None:
    # The panel is pinned at the bottom of the column: "Thank you — noted." is a line shorter
    # than the ask, so the panel shrank and its buttons moved down 18 px under the pointer.
    panel = _panel(qtbot, 340)
    panel.ask(ComfortQuestion(1, None, "How did set 1 feel?", ASK))
    panel.resize(340, panel.sizeHint().height())
    qtbot.wait(10)
    height, hint_lines = panel.height(), panel.hint.height()
    fine = panel.buttons[Comfort.FINE]
    panel.ask(ComfortQuestion(1, Comfort.FINE, "How did set 1 feel?", "Thank you — noted."))
    panel.resize(340, panel.sizeHint().height())  # as the column's layout does
    qtbot.wait(10)
    assert hint_lines > QFontMetrics(panel.hint.font()).lineSpacing() * 1.5  # the ask took two lines
    assert (panel.height(), fine.y()) == (height, fine.y())
    assert panel.sizeHint().height() == height


ASK = "Press F, T or P (or a button). No answer is fine too."


def test_big_text_gets_taller_buttons_with_room_around_the_words(qtbot: QtBot) -> None:
    # At 3840x2160 without display scaling the words filled the fixed 56 px buttons.
    normal, big = _panel(qtbot, 600), ComfortPanel()
    qtbot.addWidget(big)
    big.set_fonts(QApplication.font(), 2.0)
    fine = big.buttons[Comfort.FINE]
    assert normal.buttons[Comfort.FINE].minimumHeight() == 56
    assert fine.minimumHeight() >= 1.8 * QFontMetrics(fine.font()).lineSpacing()


def test_the_three_answers_are_labelled_alike_at_every_width(qtbot: QtBot) -> None:
    # At 1366x768 the panel showed "Fine  [F]" beside "Tired" and "Pain" (only Fine's fitted).
    for width in range(300, 640, 10):
        panel = _panel(qtbot, width)
        keyed = {"[" in b.text() for b in panel.buttons.values()}
        assert len(keyed) == 1, (width, [b.text() for b in panel.buttons.values()])
        assert _labels_fit(panel)
