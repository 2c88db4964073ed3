"""Follow-along mode (issue 14.3): F11 / View ▸ Follow-along mode, full screen with no menus,
only the session's texts sized to the screen, controls on a mouse move or key, Esc leaves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QFontMetricsF, QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.driver import open_window
from trainer.session import Status
from trainer.ui.follow_screen import FollowScreen
from trainer.ui.screen_tour import drive


def _follow(qtbot, exercise, size=(1366, 768), scale=1.0):
    win, clock = open_window(qtbot, exercise)
    win.set_text_scale(scale, save=False)
    win.follow.render_at(*size)
    win.follow.set_active(True)
    QApplication.processEvents()  # the window lays the screen out at its size
    return win, clock


def _cap(label) -> float:
    return QFontMetricsF(label.font()).capHeight()


def test_f11_turns_it_on_and_esc_leaves_without_stopping(qtbot, exercise):
    win, _clock = open_window(qtbot, exercise)
    qtbot.keyClick(win, Qt.Key.Key_F11)
    assert win.follow.active and isinstance(win.centralWidget(), FollowScreen)
    assert not win.menuBar().isVisible()
    assert win.figure.view.parentWidget() is win.centralWidget()
    qtbot.keyClick(win.centralWidget(), Qt.Key.Key_Space)
    assert win.controller is not None and win.controller.status is Status.RUNNING
    qtbot.keyClick(win.centralWidget(), Qt.Key.Key_Escape)
    assert not win.follow.active
    assert win.controller.status is Status.RUNNING  # Esc left the mode; it did not stop
    assert win.menuBar().isVisible() and win.figure.view.parentWidget() is win.figure
    assert win.action_table.actions["stop"].shortcut().toString() == "Esc"


def test_it_shows_what_the_window_says(qtbot, exercise):
    win, clock = _follow(qtbot, exercise)
    drive(win, clock, "set")
    screen = win.follow.screen
    assert screen.labels["rep"].text() == "Rep 5 of 8"
    assert screen.labels["set"].text() == "Set 1 of 3"
    assert screen.caption.text() == win.caption.text() != ""


@pytest.mark.parametrize("state", ["set", "rest"])
def test_texts_are_readable_from_the_mat_at_1366(qtbot, exercise, state):
    win, clock = _follow(qtbot, exercise)
    drive(win, clock, state)
    QApplication.processEvents()
    labels = win.follow.screen.labels
    if state == "set":
        assert _cap(labels["rep"]) >= 90
        assert _cap(labels["phase"]) >= 60
    else:
        assert _cap(labels["count"]) >= 90
    assert _cap(win.follow.screen.caption) >= 38


def _move_mouse(widget, at: QPoint) -> None:
    """A mouse move as the platform delivers it, through the application's event filters (no
    real cursor: offscreen Qt under load did not always report qtbot's moves)."""
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(at),
        QPointF(widget.mapToGlobal(at)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def test_controls_appear_on_a_mouse_move_and_hide_when_idle(qtbot, exercise):
    # Once failed under heavy load: the hiding timer is the one clock here, and it is held
    # (an hour long) so only the test's own "idle seconds later" hides the bar.
    win, _clock = _follow(qtbot, exercise)
    screen = win.follow.screen
    screen.bar_timer.setInterval(3_600_000)
    assert not screen.bar.isVisible()
    _move_mouse(screen, QPoint(200, 200))
    assert screen.bar.isVisible() and screen.bar_timer.isActive()
    assert win.rect().contains(QRect(screen.bar.mapTo(win, QPoint(0, 0)), screen.bar.size()))
    screen.bar_timer.timeout.emit()  # a few idle seconds later
    assert not screen.bar.isVisible()
    _move_mouse(screen, QPoint(240, 220))
    assert screen.bar.isVisible()


def test_ready_screen_caption_says_what_to_do(qtbot, exercise):
    # Failed before: an empty dark band across the bottom of the ready screen.
    win, _clock = _follow(qtbot, exercise)
    caption = win.follow.screen.caption
    assert caption.isVisible() and caption.text().startswith("Press Space to start.")
    qtbot.keyClick(win.centralWidget(), Qt.Key.Key_Space)
    assert win.controller is not None and caption.text() == win.caption_text != ""


def test_controls_stay_where_they_are_across_states(qtbot, exercise):
    # The bar's buttons share its width equally: "Start", "Pause" and "Resume" move nothing.
    places = {}
    for state in ("ready", "set", "paused", "rest"):
        win, clock = _follow(qtbot, exercise)
        drive(win, clock, state)
        win.frame_timer.stop()
        screen = win.follow.screen
        screen.show_controls()
        QApplication.processEvents()
        places[state] = tuple(_inside(b, win).getRect() for b, _source in screen.bar_buttons)
        win.close()
    assert len(set(places.values())) == 1, places


def _inside(widget, top) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", [1.0, 1.44], ids=["text100", "text144"])
@pytest.mark.parametrize("state", ["get-ready", "set", "rest", "paused"])
def test_every_state_fits_the_screen(qtbot, exercise, size, scale, state):
    win, clock = _follow(qtbot, exercise, size, scale)
    drive(win, clock, state)
    win.frame_timer.stop()
    QApplication.processEvents()
    screen = win.follow.screen
    assert screen.size().toTuple() == size
    shown = [w for w in (*screen.labels.values(), screen.caption) if w.isVisible()]
    rects = {w.accessibleName(): _inside(w, screen) for w in shown}
    for name, r in rects.items():
        assert screen.rect().contains(r), (name, r)
    for w in shown:  # each text fits its label (one line: by width; wrapped: by height)
        fm = QFontMetricsF(w.font())
        if w.wordWrap():
            assert w.heightForWidth(w.width()) <= w.height() + 1, w.accessibleName()
        else:
            assert fm.horizontalAdvance(w.text()) <= w.width(), w.accessibleName()
    names = list(rects)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not rects[a].intersects(rects[b]), (a, b)


@pytest.mark.slow
def test_follow_along_flag_renders_the_mode(tmp_path):
    from PySide6.QtGui import QImage

    from tests.conftest import run_trainer

    out = tmp_path / "follow.png"
    r = run_trainer(
        "--follow-along", "--screenshot", str(out), "--at", "20", "--window-size", "1366x768",
        "--no-voice", "--data-dir", str(tmp_path / "d"),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    # No menu bar: the top left corner is the follow screen's background, not a menu's text.
    assert image.pixelColor(4, 4).name() == image.pixelColor(40, 4).name()


def test_video_frames_use_the_follow_along_layout(qtbot, exercise):
    from PySide6.QtWidgets import QPushButton

    from trainer.exports.video import VIDEO_SIZE, FrameSession, session_screen_for
    from trainer.session import ManualClock, Plan

    screen = session_screen_for(exercise, VIDEO_SIZE)
    qtbot.addWidget(screen)
    assert isinstance(screen, FollowScreen) and screen.own_figure is not None
    clock = ManualClock()
    frames = FrameSession(exercise, Plan.from_exercise(exercise, "kneeling"), clock)
    frames.ctl.start()
    for _ in range(300):  # 30 s: into the first set
        clock.advance(0.1)
        state = frames.state()
    screen.show_state(state)
    QApplication.processEvents()
    assert screen.labels["rep"].text().startswith("Rep ")
    # 1280×720 is 0.94 of 1366×768: the digits are still ~90 px tall, and nothing to click.
    assert _cap(screen.labels["rep"]) >= 0.93 * 90
    assert not [b for b in screen.findChildren(QPushButton) if b.isVisible()]


def test_a_rest_shows_the_comfort_question_and_takes_the_answer(qtbot, exercise):
    # The follow-along screen has no buttons for "How did set 1 feel?": asked only aloud and in
    # the caption, the question was gone from the screen by the next cue of the rest.
    win, clock = _follow(qtbot, exercise)
    drive(win, clock, "rest")
    nxt = win.follow.screen.labels["next"]
    assert "How did set 1 feel?" in nxt.text() and "F (fine)" in nxt.text()
    assert nxt.text().startswith(win.next_label.text())  # what comes next stays first
    qtbot.keyClick(win.centralWidget(), Qt.Key.Key_T)
    assert "Set 1: noted" in nxt.text() and "How did" not in nxt.text()
    assert win.controller.comfort[1].value == "tired"


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_control_bar_shows_both_lines_of_each_button(qtbot, exercise, size):
    # Found at 1280×720 with larger text: the bar was placed from its height before the buttons
    # took their font, so "Pause" / "[Space]" were cut at the top and the bottom.
    win, clock = _follow(qtbot, exercise, size, 1.44)
    drive(win, clock, "rest")
    screen = win.follow.screen
    _move_mouse(screen, QPoint(200, 200))
    for b, _source in screen.bar_buttons:
        if b.isVisible():
            assert b.height() >= b.sizeHint().height(), b.text()
    inside = QRect(QPoint(0, 0), screen.bar.size())
    assert all(inside.contains(b.geometry()) for b, _ in screen.bar_buttons if b.isVisible())
