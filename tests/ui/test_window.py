"""The real window driven by qtbot (offscreen) through whole short sessions."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.driver import step
from trainer.content import load_builtin_exercise
from trainer.session import Status
from trainer.voice.speaker import RecordingSpeaker


def test_whole_short_session_by_keyboard(make_window, qtbot):
    speaker = RecordingSpeaker()
    win, clock = make_window("kneeling", speaker=speaker, sets=2, reps=2, rest_s=20)
    assert win.rep_label.text() == "Ready"
    qtbot.keyClick(win, Qt.Key.Key_Space)  # Start
    assert win.controller is not None and win.controller.status is Status.RUNNING
    assert win.rep_label.text() == "Get ready"
    assert win.side_label.text() == "Left knee down"
    step(win, clock, 10.5)
    assert (win.set_label.text(), win.rep_label.text()) == ("Set 1 of 2", "Rep 1 of 2")
    assert win.phase_label.text().startswith("Lift")
    assert win.caption.text() == "One, lift."
    step(win, clock, 8)
    assert win.rep_label.text() == "Rep 2 of 2"

    qtbot.keyClick(win, Qt.Key.Key_Space)  # Pause
    assert win.controller.status is Status.PAUSED
    assert win.countdown_label.text() == "Paused"
    assert speaker.stops >= 1
    clock.advance(30)
    qtbot.keyClick(win, Qt.Key.Key_Space)  # Resume: 3 s get-ready
    assert win.rep_label.text() == "Resuming"
    step(win, clock, 3.2)
    assert win.rep_label.text() == "Rep 2 of 2"

    step(win, clock, 8)
    assert win.rep_label.text() == "Rest"
    assert win.side_label.text() == "Switch knees"
    assert win.next_label.text() == "Next: set 2 of 2 — 2 reps, right knee"
    assert win.skip_button.isEnabled() and not win.done_button.isEnabled()
    qtbot.keyClick(win, Qt.Key.Key_A)  # +30 s
    assert int(win.countdown_label.text()) > 40
    qtbot.keyClick(win, Qt.Key.Key_S)  # skip the rest
    step(win, clock, 3.2)
    assert (win.set_label.text(), win.rep_label.text()) == ("Set 2 of 2", "Rep 1 of 2")
    assert win.side_label.text() == "Right knee down"
    step(win, clock, 9)
    qtbot.keyClick(win, Qt.Key.Key_D)  # done with this set after 1 rep
    step(win, clock, 0.2)
    assert win.controller.status is Status.FINISHED
    assert win.set_label.text() == "Session complete"
    assert "2 sets · 3 reps" in win.phase_label.text()
    assert win.runner.last_summary is not None and win.runner.last_summary.reps_total == 3
    said = [t for t, _ in speaker.said]
    assert "One, lift." in said and said[-1].startswith("Well done")
    assert win.start_button.text().startswith("Start again")


def test_stop_asks_first(make_window, qtbot, monkeypatch):
    win, clock = make_window("chair")
    win.start_session()
    step(win, clock, 12)
    answers = iter([False, True])
    monkeypatch.setattr(win, "confirm_stop", lambda: next(answers))
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert win.controller.status is Status.RUNNING  # said no
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert win.controller.status is Status.FINISHED
    assert win.set_label.text() == "Session stopped"


def test_chair_variant_chosen_in_window(make_window, qtbot):
    win, clock = make_window("kneeling", sets=1, reps=1)
    win.form.variant_box.setCurrentIndex(win.form.variant_box.findData("chair"))
    assert "front edge of a sturdy chair" in win.help_tabs.steps_view.toPlainText()
    win.start_session()
    assert win.controller.plan.variant == "chair"
    step(win, clock, 10.5)
    assert win.side_label.text() == ""
    assert win.rep_label.text() == "Rep 1 of 1"


def test_failing_speaker_keeps_the_session_on_captions(make_window, qtbot):
    win, clock = make_window("chair", speaker=RecordingSpeaker(fail=True), sets=1, reps=2)
    win.start_session()
    step(win, clock, 10 + 16 + 0.5)
    assert win.controller.status is Status.FINISHED
    assert win.notice.isVisible()
    assert "captions" in win.notice.text()
    assert win.caption.text().startswith("Well done")


def test_every_control_has_an_accessible_name_and_text_scales(make_window):
    win, _ = make_window()
    for b in win.findChildren(QPushButton):
        assert b.accessibleName(), b.text()
    # The window's own texts scale exactly; the session's counters are fitted to the column
    # beside the figure, never below their default size (tests/ui/test_window_fit.py).
    parts = (win.start_button, win.form.variant_box, win.help_tabs.steps_view)
    before = [w.font().pointSizeF() for w in parts]
    rep = win.rep_label.font().pointSizeF()
    win.set_text_scale(1.5)
    assert [w.font().pointSizeF() for w in parts] == pytest.approx([b * 1.5 for b in before])
    assert win.rep_label.font().pointSizeF() >= rep


def test_bad_exercise_file_falls_back_with_notice(make_window, tmp_path):
    win, _ = make_window()
    bad = tmp_path / "broken.toml"
    bad.write_text("schema = 1\nname = 3\n", encoding="utf-8")
    assert not win.open_exercise(bad)
    assert win.notice.isVisible()
    assert "broken.toml" in win.notice.text() and "built-in" in win.notice.text()
    assert win.exercise.name == load_builtin_exercise().name
    assert win.form.variant_box.count() == 3


def test_figure_moves_with_the_session(make_window):
    win, clock = make_window("kneeling")
    win.start_session()
    step(win, clock, 10.2)
    _x0, y0 = win.figure.weights.getData()
    step(win, clock, 2.5)  # most of the lift
    _x1, y1 = win.figure.weights.getData()
    assert y1[0] > y0[0] + 0.05  # the hands rise in the lift


def test_one_set_of_one_rep_reads_in_the_singular(make_window):
    win, _ = make_window("chair", sets=1, reps=1)
    assert win.set_label.text() == "1 set × 1 rep"


def test_ready_header_follows_the_plan_form(make_window):
    # It kept the plan the window opened with ("3 sets × 8 reps") after the fields changed.
    win, _clock = make_window("kneeling", sets=3, reps=8)
    assert win.set_label.text() == "3 sets × 8 reps"
    win.form.reps_box.setValue(10)
    win.form.sets_box.setValue(1)
    assert win.set_label.text() == "1 set × 10 reps"


def test_a_second_click_on_the_chosen_comfort_answer_keeps_it_marked(make_window, qtbot):
    # A checkable button unchecks itself on a second click; the panel shows the answer given.
    win, clock = make_window("kneeling", sets=2, reps=1, rest_s=30)
    win.start_session()
    step(win, clock, 10 + 8 + 2)
    assert win.comfort_panel.isVisible()
    tired = win.comfort_panel.buttons["tired"]
    qtbot.mouseClick(tired, Qt.MouseButton.LeftButton)
    step(win, clock, 0.2)
    qtbot.mouseClick(tired, Qt.MouseButton.LeftButton)
    step(win, clock, 0.2)
    assert tired.isChecked() and not win.comfort_panel.buttons["fine"].isChecked()
    assert win.controller is not None and win.controller.comfort[1] == "tired"


def test_ready_caption_says_what_to_do(make_window, qtbot):
    # The normal window's ready screen had an empty dark band where the caption goes.
    win, _clock = make_window("kneeling", sets=2, reps=2)
    assert win.caption.text() == "Press Space to start."
    qtbot.keyClick(win, Qt.Key.Key_Space)
    assert win.caption.text().startswith("Get ready.")


def test_a_notice_can_be_closed_once_read_and_a_new_one_shows_again(make_window, qtbot):
    # Found walking the real window: "Spoken commands are off: no microphone was found ..." took
    # two lines above the figure for the rest of the run, with no way to put it away.
    win, _ = make_window()
    win.show_notice("Spoken commands are off: no microphone was found.")
    qtbot.waitUntil(win.notice.isVisible)
    button = win.notice.close_button
    assert win.notice.rect().contains(button.geometry()) and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not win.notice.isVisible() and win.notice.text() == ""
    win.show_notice("The voice stopped; captions carry on.")
    assert win.notice.isVisible() and win.notice.text() == "The voice stopped; captions carry on."


def test_each_menu_item_has_its_own_access_key(make_window):
    # Found with the keyboard: in Help, Alt+H then S only moved between "Steps and tips" and
    # "Check my setup" (both &S), so neither opened.
    win, _ = make_window()
    for bar_action in win.menuBar().actions():
        menu = bar_action.menu()
        keys = [
            m.group(1).lower()
            for a in menu.actions()
            if not a.isSeparator() and (m := re.search(r"&([^&])", a.text()))
        ]
        assert len(keys) == len(set(keys)), (bar_action.text(), [a.text() for a in menu.actions()])
