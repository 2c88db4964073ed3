"""Text from the exercise and safety files is shown as text (issue 16 item 3): markup in any field
is shown literally, links are not followed and no image or file is loaded while painting."""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextBrowser
from pytestqt.qtbot import QtBot

from tests.driver import open_window, step
from trainer.content import Exercise
from trainer.content.safety import load_safety
from trainer.ui.main_window import MainWindow

HOSTILE = ' a < b & c > d <img src="/dev/zero"> <a href="file:///etc/passwd">see</a> <b>bold</b>'
KEEP = {
    "id",
    "source",
    "first_side",
    "when",
    "variant",
    "sources",
    "posture",
    "props",
    "kind",
}  # identifiers, not texts

T = TypeVar("T")


def hostile(value: T) -> T:
    """Every text field of a content object with markup appended; identifiers left alone."""
    out = _hostile(value, "")
    assert isinstance(out, type(value))  # the same kind of object, rebuilt
    return out


def _hostile(value: object, name: str) -> object:
    if isinstance(value, str):
        return value if name in KEEP else value + HOSTILE
    if isinstance(value, tuple):
        return tuple(_hostile(v, name) for v in value)
    if isinstance(value, dict):
        return {k: _hostile(v, name) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _hostile(getattr(value, f.name), f.name) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def shown_texts(win: MainWindow) -> str:
    labels = [w for w in win.findChildren(QLabel) if not win.figure.isAncestorOf(w)]
    for label in labels:
        if label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, (label.accessibleName(), label.text())
    return "\n".join([w.text() for w in labels] + [b.toPlainText() for b in win.findChildren(QTextBrowser)])


def test_markup_in_every_exercise_field_is_shown_as_typed(qtbot: QtBot, exercise: Exercise) -> None:
    ex = hostile(exercise)
    win, clock = open_window(qtbot, ex, "kneeling")
    for view in win.findChildren(QTextBrowser):
        assert not view.openLinks() and not view.openExternalLinks()
        assert "<img" not in view.toHtml() and "file:///" not in view.toHtml().replace("&quot;file:///", "")
    before = shown_texts(win)
    win.start_session()
    step(win, clock, 15.0)  # through get-ready into the first rep: setup, phase words and captions
    texts = before + "\n" + shown_texts(win)
    for s in [
        ex.purpose,
        *ex.equipment,
        *ex.steps_for("kneeling"),
        *(t.text for t in ex.tips_for("kneeling")),
    ]:
        assert s in texts, s
    assert ex.variant("kneeling").description in texts
    assert any(p.words in texts for p in ex.phases.values())
    assert texts.count(HOSTILE.strip()) >= 10


def test_markup_in_the_safety_file_is_escaped_and_not_followed(qtbot: QtBot) -> None:
    from trainer.ui.safety_dialog import SafetyDialog

    content = hostile(load_safety())
    dialog = SafetyDialog(None, None, content=content)
    qtbot.addWidget(dialog)
    dialog.show()
    for q in content.questions:
        for button in (dialog.yes[q.id],):
            button.setChecked(True)
    dialog.advice_view.setHtml(dialog.advice_view.toHtml())  # repaint with every answer given
    view = dialog.advice_view
    assert not view.openLinks() and not view.openExternalLinks()
    assert view.loadResource(0, "file:///etc/passwd") is None
    assert HOSTILE.strip() in view.toPlainText()
