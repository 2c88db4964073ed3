"""The window with a real SQLite history and settings on disk: comfort answers, pain, summary,
notes, settings kept, safety check, progress view and the PDF report."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.driver import step
from tests.fixed_time import fixed_now
from trainer.history.records import Comfort
from trainer.history.store import HistoryStore
from trainer.session import Status
from trainer.settings import S, Settings


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def make_window(make_window, folder):
    """The shared window, with a real history file and settings in `folder`."""
    stores = []

    def make(variant="kneeling", weight="1 lb", **plan_kw):
        store = HistoryStore.open(folder, now=fixed_now)
        stores.append(store)
        settings = Settings(folder)
        win, clock = make_window(variant, history=store, settings=settings, weight=weight, **plan_kw)
        return win, clock, store, settings

    yield make
    for s in stores:
        s.close()


def test_sets_comfort_and_note_reach_the_database(make_window, qtbot, folder):
    win, clock, store, _ = make_window("kneeling", weight="2 lb", sets=2, reps=2, rest_s=20)
    qtbot.keyClick(win, Qt.Key.Key_Space)
    step(win, clock, 10 + 16 + 5)  # 5 s into the rest
    assert win.comfort_panel.isVisible()
    assert win.comfort_panel.question.text() == "How did set 1 feel?"
    # Set 1 is on disk the moment it ended, before the session is over.
    (session,) = store.sessions()
    assert [(s.set_no, s.done_reps, s.side, s.weight) for s in session.sets] == [(1, 2, "left", "2 lb")]
    qtbot.keyClick(win, Qt.Key.Key_T)
    assert win.comfort_panel.buttons["tired"].isChecked()
    assert store.sessions()[0].sets[0].comfort is Comfort.TIRED
    step(win, clock, 15 + 16 + 1)
    assert win.controller.status is Status.FINISHED
    # After the last set the question is about set 2; the button answers it.
    assert win.comfort_panel.isVisible() and "set 2" in win.comfort_panel.question.text()
    qtbot.mouseClick(win.comfort_panel.buttons["fine"], Qt.MouseButton.LeftButton)
    win.summary.note_edit.setText("Felt steady; used the blue weights")
    qtbot.mouseClick(win.summary.note_button, Qt.MouseButton.LeftButton)
    (session,) = store.sessions()
    assert [s.comfort for s in session.sets] == [Comfort.TIRED, Comfort.FINE]
    assert session.note == "Felt steady; used the blue weights"
    assert session.ended_at is not None and session.end_reason == ""
    assert win.summary.isVisible()
    assert "First session this week" in win.summary.summary_label.text()
    assert "4 reps" in win.summary.summary_label.text()


def test_pain_key_mid_set_ends_gently_and_is_recorded(make_window, qtbot):
    win, clock, store, _ = make_window("chair", sets=3, reps=4, rest_s=20)
    win.start_session()
    step(win, clock, 10 + 8 + 5)  # set 1, rep 2, lowering
    qtbot.keyClick(win, Qt.Key.Key_P)
    assert win.controller.status is Status.FINISHED
    assert win.set_label.text() == "Session ended"
    assert "Pain means stop" in win.phase_label.text()
    assert "physiotherapist" in win.caption.text()
    (session,) = store.sessions()
    assert session.end_reason == "pain" and session.had_pain
    assert [(s.done_reps, s.comfort) for s in session.sets] == [(2, Comfort.PAIN)]
    assert "You reported pain" in win.summary.summary_label.text()
    # Already on the chair: the gentler plan is fewer reps, not "try the chair version".
    assert (
        "fewer reps" in win.summary.advice_label.text()
        and "chair version" not in win.summary.advice_label.text()
    )


def test_unanswered_rest_counts_as_not_answered(make_window, qtbot):
    win, clock, store, _ = make_window("chair", sets=2, reps=1, rest_s=15)
    win.start_session()
    step(win, clock, 10 + 8 + 15 + 8 + 1)
    assert win.controller.status is Status.FINISHED
    assert [s.comfort for s in store.sessions()[0].sets] == [None, None]


def test_fine_key_during_a_set_does_nothing(make_window, qtbot):
    win, clock, _store, _ = make_window("chair", sets=1, reps=3)
    win.start_session()
    step(win, clock, 12)
    qtbot.keyClick(win, Qt.Key.Key_F)
    assert win.controller.status is Status.RUNNING
    assert win.controller.comfort == {}


def test_plan_and_text_size_are_kept_in_settings(make_window, qtbot, folder, exercise):
    from trainer.app import _plan_from_settings
    from trainer.cli import parse_options

    win, _clock, _, _settings = make_window("kneeling", weight="a can of food")
    win.form.variant_box.setCurrentIndex(win.form.variant_box.findData("ball"))
    win.form.sets_box.setValue(2)
    win.form.reps_box.setValue(6)
    win.form.rest_box.setValue(45)
    win.set_text_scale(1.44)
    win.start_session()
    again = Settings(folder)
    assert again.get(S.plan_variant) == "ball"
    assert (again.get(S.plan_sets), again.get(S.plan_reps), again.get(S.plan_rest_s)) == (2, 6, 45.0)
    assert again.get(S.plan_weight) == "a can of food"
    assert again.get(S.ui_text_scale) == pytest.approx(1.44)
    # Next launch: saved settings fill the plan; a flag on the command line still wins.
    plan = _plan_from_settings(parse_options(["--reps", "5"]), again)
    assert (plan.variant, plan.sets, plan.reps, plan.rest_s) == ("ball", 2, 5, 45.0)


def test_safety_check_guidance_cites_sources_and_is_kept(make_window, qtbot, folder):
    win, _, store, settings = make_window("kneeling")
    dlg = win.open_safety_check()
    qtbot.addWidget(dlg)
    assert not settings.get(S.safety_checked)
    dlg.yes["kneeling"].setChecked(True)
    dlg.yes["vertebral_fracture"].setChecked(True)
    for qid in ("shoulder_injury", "balance", "pain_now"):
        dlg.no[qid].setChecked(True)
    text = dlg.advice_view.toPlainText()
    assert "physiotherapist" in text
    assert "Too Fit To Fracture" in text and "Royal Osteoporosis Society" in text
    assert "not medical advice" in text
    assert dlg.chair_button.isVisible()
    dlg.save_and_close()
    assert win.form.variant_box.currentData() == "chair"  # the recommendation, which the user can change
    assert Settings(folder).get(S.safety_checked)
    _when, answers = store.latest_safety_answers()
    assert answers["kneeling"] and answers["vertebral_fracture"] and not answers["balance"]
    # Opening it again shows the answers given, ready to change.
    dlg2 = win.open_safety_check()
    qtbot.addWidget(dlg2)
    assert dlg2.yes["kneeling"].isChecked() and dlg2.no["balance"].isChecked()


def _two_sessions(win, clock):
    for _ in range(2):
        win.start_session()
        step(win, clock, 10 + 16 + 20 + 16 + 1)
        assert win.controller.status is Status.FINISHED


def test_progress_view_and_report_show_real_data(make_window, qtbot, tmp_path):
    from PySide6.QtPdf import QPdfDocument

    win, clock, _store, _ = make_window("chair", sets=2, reps=2, rest_s=20)
    _two_sessions(win, clock)
    dlg = win.exports.open_progress()
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == 2
    assert dlg.table.item(0, 1).text() == "chair" and dlg.table.item(0, 4).text() == "4"
    assert "2 sessions, 8 reps in all" in dlg.headline.text()
    pdf = tmp_path / "report.pdf"
    assert win.exports.save_report(pdf)
    doc = QPdfDocument()
    doc.load(str(pdf))
    assert doc.pageCount() == 1
    text = doc.getAllText(0).text()
    assert "exercise report" in text and "2 sessions" in text and "8 repetitions" in text
    assert text.count("chair") >= 4  # one table row per set


def test_csv_export_from_the_window(make_window, tmp_path):
    from trainer.exports.history_csv import read_sets_csv

    win, clock, _, _ = make_window("chair", sets=2, reps=2, rest_s=20)
    _two_sessions(win, clock)
    out = tmp_path / "h.csv"
    assert win.exports.export_history(out) == 4
    rows = read_sets_csv(out)
    assert [(r["set"], r["done_reps"], r["variant"]) for r in rows] == [
        ("1", "2", "chair"),
        ("2", "2", "chair"),
    ] * 2


def test_after_pain_the_suggested_plan_is_one_click_away(make_window, qtbot):
    win, clock, _, _ = make_window("kneeling", sets=3, reps=8, rest_s=20)
    win.start_session()
    step(win, clock, 10 + 8 + 5)
    qtbot.keyClick(win, Qt.Key.Key_P)
    assert win.form.suggest_button.isVisible()
    assert "chair" in win.form.suggest_button.text()
    qtbot.mouseClick(win.form.suggest_button, Qt.MouseButton.LeftButton)
    assert win.form.variant_box.currentData() == "chair"
    assert (win.form.sets_box.value(), win.form.reps_box.value()) == (2, 5)
    win.start_session()
    assert (win.controller.plan.variant, win.controller.plan.reps) == ("chair", 5)


def test_tempo_is_chosen_in_the_window_and_a_bad_one_is_named(make_window, folder):
    win, _, _, _ = make_window("chair", sets=1, reps=1)
    win.form.tempo_box.setCurrentText("3-1-4-1")
    win.form.week_box.setCurrentIndex(win.form.week_box.findData("3-4"))
    win.start_session()
    assert str(win.controller.plan.tempo) == "3-1-4-1"
    assert Settings(folder).get(S.plan_tempo) == "3-1-4-1"
    assert Settings(folder).get(S.plan_max_per_week) == 4
    win.controller.stop()
    win.form.tempo_box.setCurrentText("fast")
    win.start_session()
    assert str(win.controller.plan.tempo) == "3-1-4-1"
    assert "'fast'" in win.notice.text()


def test_figure_view_choices_are_kept(make_window, folder, qtbot):
    from trainer.motion import YAW_BACK

    win, _, _, settings = make_window("kneeling")
    win.figure.preset_buttons["Back"].click()
    win.figure.mirror_box.setChecked(True)
    win.figure.muscles_box.setChecked(False)
    settings.sync()
    again, _, _, _ = make_window("kneeling")
    assert again.figure.view.yaw() == pytest.approx(YAW_BACK)
    assert again.figure.mirror_box.isChecked() and again.figure.view.mirror()
    assert not again.figure.muscles_box.isChecked() and again.figure.outlines_box.isChecked()


def test_progress_view_uses_the_users_weekly_aim(make_window, qtbot):
    win, clock, _, settings = make_window("chair", sets=1, reps=1)
    win.form.week_box.setCurrentIndex(win.form.week_box.findData("3-4"))  # saved when the session starts
    win.start_session()
    assert (settings.get(S.plan_min_per_week), settings.get(S.plan_max_per_week)) == (3, 4)
    step(win, clock, 10 + 8 + 1)
    dlg = win.exports.open_progress()
    qtbot.addWidget(dlg)
    assert "with 3 or more sessions" in dlg.headline.text()
    assert "(1 of 3–4 this week done)" in dlg.headline.text()


def test_green_suggestion_after_pain_matches_the_summary(make_window, qtbot):
    # A first session with no comfort answers: the advice for next time is "keep the same plan".
    win, clock, _store, _ = make_window("kneeling", sets=1, reps=1, rest_s=20)
    win.start_session()
    step(win, clock, 10 + 8 + 1)
    assert win.controller.status is Status.FINISHED
    assert "same plan" in win.summary.advice_label.text()
    win.close()
    # The next day the window opens with that advice in green; this session ends in pain.
    win, clock, _store, _ = make_window("kneeling", sets=1, reps=1, rest_s=20)
    assert "same plan" in win.form.suggest_label.text()
    win.start_session()
    step(win, clock, 10 + 2)
    qtbot.keyClick(win, Qt.Key.Key_P)
    assert win.controller.status is Status.FINISHED
    assert "pain" in win.summary.advice_label.text().lower()
    shown = [
        w.text()
        for w in (win.form.suggest_label, win.summary.advice_label, win.summary.summary_label)
        if w.isVisible()
    ]
    assert not any("same plan" in text for text in shown), shown
    assert win.form.suggest_label.text() == "" or "pain" in win.form.suggest_label.text().lower()


def test_csv_export_of_one_set_says_one_set(make_window, tmp_path):
    win, clock, _, _ = make_window("chair", sets=1, reps=1)
    win.start_session()
    step(win, clock, 10 + 8 + 1)
    assert win.exports.export_history(tmp_path / "h.csv") == 1
    assert win.statusBar().currentMessage() == f"Saved 1 set to {tmp_path / 'h.csv'}"


def test_an_export_message_goes_away_and_gives_the_window_its_height_back(
    make_window, tmp_path, qtbot, monkeypatch
):
    """The bar that says where the file went used to stay after the first export, ~25 px taken
    from the figure and the big buttons for the rest of the run."""
    from trainer.ui import export_controller

    monkeypatch.setattr(export_controller, "SHOWN_MS", 200, raising=False)
    win, clock, _, _ = make_window("chair", sets=1, reps=1)
    win.show()
    qtbot.waitExposed(win)
    before = win.centralWidget().height()
    win.start_session()
    step(win, clock, 10 + 8 + 1)
    assert win.exports.export_history(tmp_path / "h.csv") == 1
    assert win.statusBar().isVisible() and "Saved 1 set" in win.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not win.statusBar().isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: win.centralWidget().height() == before, timeout=3000)
    assert win.exports.save_card(tmp_path / "c.pdf")  # and again for the next export
    assert win.statusBar().isVisible()
    qtbot.waitUntil(lambda: not win.statusBar().isVisible(), timeout=3000)


def test_progress_table_shows_whole_words_with_larger_text(make_window, qtbot):
    # Found at 1280×720 with text two steps larger: the columns were measured before the dialog
    # took the larger text, so "How it felt" read "ow it fe" and "kneeling" "kne...".
    win, clock, _store, _ = make_window("kneeling", sets=2, reps=2, rest_s=20)
    _two_sessions(win, clock)
    win.set_text_scale(1.2 * 1.2, save=False)
    dlg = win.exports.open_progress()
    qtbot.addWidget(dlg)
    qtbot.waitExposed(dlg)
    table, header = dlg.table, dlg.table.horizontalHeader()
    for col in range(table.columnCount() - 1):  # the last one, the note, takes what is left
        need = max(table.sizeHintForColumn(col), header.sectionSizeHint(col))
        assert header.sectionSize(col) >= need, table.horizontalHeaderItem(col).text()
