"""A long button text wraps instead of widening the column beside the figure (found walking
the real window at 1366x768: after a session stopped for pain, the plan form's "Use the
suggestion: ..." button widened the column by 90 px and the figure and its check boxes moved)."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.driver import WindowMaker
from trainer.history.advice import Suggestion
from trainer.ui.wrap_button import WrapButton, wrap_words

LONG = "Use the suggestion: the chair variant, 2 sets of 3, tempo 3-1-4-1"


def test_words_wrap_to_the_width_and_a_long_word_keeps_its_own_line(qapp: QApplication) -> None:
    metrics = QFontMetrics(QApplication.font())
    width = metrics.horizontalAdvance("Use the suggestion:")
    lines = wrap_words(LONG, metrics, width).split("\n")
    assert len(lines) > 1 and " ".join(lines) == LONG
    assert all(metrics.horizontalAdvance(line) <= width for line in lines)
    assert wrap_words("Supercalifragilistic word", metrics, 10) == "Supercalifragilistic\nword"


def test_the_button_wraps_in_a_narrow_column_and_keeps_its_whole_text(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    button = WrapButton(LONG)
    QVBoxLayout(holder).addWidget(button)
    assert button.minimumSizeHint().width() < 200
    holder.resize(260, 200)
    holder.show()
    qtbot.waitUntil(lambda: button.width() <= 260)
    assert button.text() == LONG
    assert holder.minimumSizeHint().width() <= 260
    qtbot.waitUntil(lambda: button.height() >= 2 * QFontMetrics(button.font()).lineSpacing())


def test_a_suggestion_does_not_move_the_figure(make_window: WindowMaker, qtbot: QtBot) -> None:
    win, _clock = make_window("kneeling", sets=2, reps=2)
    win.resize(1280, 732)
    mirror = win.figure.mirror_box
    win.form.show(True, "That felt hard: next time try the chair.")
    for _ in range(3):  # the resize laid out (a few turns of the event loop)
        qtbot.wait(20)
    before = mirror.mapTo(win, mirror.rect().topLeft())
    win.form.offer_suggestion(Suggestion("after_pain", "x", variant="chair", sets=2, reps=3, tempo="3-1-4-1"))
    assert win.form.suggest_button.isVisible()
    qtbot.wait(50)
    assert mirror.mapTo(win, mirror.rect().topLeft()) == before
