"""The user's text size (View ▸ Larger text) reaches every dialog, and dialogs fit the screen
(issue 14.4: the safety check, voice settings, self-check, progress view and message boxes)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.fixed_time import fixed_now
from trainer.history.store import HistoryStore
from trainer.settings import Settings

TWO_STEPS = 1.2 * 1.2


@pytest.fixture
def window(make_window, tmp_path):
    def make(scale):
        settings = Settings(tmp_path / "data")
        history = HistoryStore.open(tmp_path / "data", now=fixed_now)
        win, _clock = make_window("kneeling", settings=settings, history=history)
        win.set_text_scale(scale, save=False)
        return win

    return make


OPENERS = {
    "safety": lambda w: w.open_safety_check(),
    "voice": lambda w: w.voice.open_settings(),
    "selfcheck": lambda w: w.open_self_check(),
    "progress": lambda w: w.exports.open_progress(),
}


def _point_size(widget) -> float:
    return widget.font().pointSizeF()


@pytest.mark.parametrize(
    "which", ["safety", "voice", pytest.param("selfcheck", marks=pytest.mark.slow), "progress"]
)  # the self-check runs its checks in a child process
def test_larger_text_reaches_the_dialog(window, qtbot, which):
    sizes = []
    for scale in (1.0, TWO_STEPS):
        dlg = OPENERS[which](window(scale))
        qtbot.addWidget(dlg)
        sizes.append(_point_size(dlg))
        dlg.close()
    assert sizes[1] == pytest.approx(sizes[0] * TWO_STEPS, rel=0.01)


def test_a_headline_with_its_own_size_grows_too(window, qtbot, tmp_path):
    normal = window(1.0).exports.open_progress()
    larger = window(TWO_STEPS).exports.open_progress()
    for d in (normal, larger):
        qtbot.addWidget(d)
    assert _point_size(larger.headline) == pytest.approx(_point_size(normal.headline) * TWO_STEPS, rel=0.01)


def test_message_box_takes_the_text_size(window, qtbot):
    win = window(TWO_STEPS)
    box = QMessageBox(QMessageBox.Icon.Question, "Quit?", "Quit now?", parent=win)
    qtbot.addWidget(box)
    box.show()
    assert _point_size(box) == pytest.approx(_point_size(win) * TWO_STEPS, rel=0.01)


@pytest.mark.parametrize("which", ["safety", "progress"])
def test_dialog_fits_within_the_screen(window, qtbot, which):
    dlg = OPENERS[which](window(TWO_STEPS))
    qtbot.addWidget(dlg)
    area = QApplication.primaryScreen().availableGeometry()
    assert dlg.width() <= area.width() and dlg.height() <= area.height()
    assert area.contains(dlg.geometry())


def test_a_dialog_centred_near_the_top_is_moved_so_its_frame_fits():
    # Seen at 1366x768 under openbox: Qt centred the 760 px safety check at y=4, the title bar
    # pushed it down and its buttons sat on the screen's bottom edge, the border below it.
    from PySide6.QtCore import QRect

    from trainer.ui.dialog_text import fit_rect, framed

    area = QRect(0, 0, 1366, 768)
    fitted = fit_rect(QRect(193, 4, 980, 760), area)
    assert area.contains(framed(fitted)), framed(fitted)
    assert fitted.width() == 980
    # A dialog already inside the screen with its frame keeps its place and size.
    inside = QRect(200, 100, 600, 400)
    assert fit_rect(inside, area) == inside


@pytest.mark.parametrize("scale", [1.0, TWO_STEPS], ids=["text100", "text144"])
def test_the_safety_questions_are_never_cut_off(window, qtbot, scale):
    # Found at 1280×720 with text two steps larger: the dialog fitted to the screen squeezed the
    # questions, and the grey line under three of them lost its lower half ("are safe for you").
    from PySide6.QtWidgets import QLabel

    dlg = window(scale).open_safety_check()
    qtbot.addWidget(dlg)
    qtbot.waitExposed(dlg)
    QApplication.processEvents()
    helps = [q.help for q in dlg.content.questions]
    questions = [label for label in dlg.findChildren(QLabel) if any(h in label.text() for h in helps)]
    assert len(questions) == len(dlg.content.questions)
    for label in questions:
        assert label.height() >= label.heightForWidth(label.width()), label.text()[:60]
    assert dlg.save_button.isVisible() and dlg.rect().contains(dlg.save_button.geometry())


@pytest.mark.parametrize("scale", [1.0, TWO_STEPS], ids=["text100", "text144"])
def test_a_longer_message_grows_the_dialog_instead_of_overlapping(window, qtbot, monkeypatch, scale):
    # Found at 1280×720 with larger text: in Try a command, "Spoken commands are off: no
    # microphone was found ..." was drawn over the list of commands below it, both cut off.
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QLabel

    win = window(scale)
    ctl = win.listen
    why = (
        "Spoken commands are off: no microphone was found. Plug in a microphone (a headset works "
        "well), check that it is not muted in the sound settings, and that the sound system "
        "(PulseAudio/PipeWire) is running; then switch Voice ▸ Listen for commands on again."
    )
    monkeypatch.setattr(ctl, "start", lambda: ctl._failed(why))  # as the control reports it
    dlg = ctl.try_command()
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: "no microphone" in dlg.status.text())
    labels = [w for w in dlg.findChildren(QLabel) if w.isVisible() and w.text()]

    def whole() -> bool:
        return all(label.height() >= label.heightForWidth(label.width()) for label in labels)

    qtbot.waitUntil(whole, timeout=2000)  # after the layout pass that follows the new text
    boxes = [QRect(w.mapTo(dlg, w.rect().topLeft()), w.size()) for w in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.intersects(b)
    area = QApplication.primaryScreen().availableGeometry()
    assert area.contains(dlg.geometry())
