"""The main window: figure, big counter, phase words, rest countdown, caption and controls."""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.clock import Clocks, watchdog_monotonic
from trainer.content import Exercise, ExerciseError, load_exercise
from trainer.history.advice import Suggestion, WeeklyPlan
from trainer.history.recorder import HistoryRecorder
from trainer.present import ScreenState, SessionFacts, present, session_facts
from trainer.session import (
    Comfort,
    Plan,
    PlanError,
    SessionController,
    SessionView,
    Status,
    Tempo,
    TimedEvent,
)
from trainer.session.events import ComfortAnswered, PhaseStarted, SessionCompleted
from trainer.text import plural
from trainer.ui import theme
from trainer.ui.actions import ActionTable
from trainer.ui.comfort_panel import ComfortPanel
from trainer.ui.dialog_text import install_dialog_sizer
from trainer.ui.plain_text import ContentBrowser, esc, html_list, plain_labels
from trainer.ui.session_screen import SessionScreen
from trainer.voice.coach import VoiceCoach
from trainer.voice.speaker import Speaker

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from trainer.exports.video import VideoResult
    from trainer.history.store import HistoryStore
    from trainer.settings import Settings
    from trainer.voice.renderer import Clip

log = logging.getLogger(__name__)

TEMPO_CHOICES = ("3-1-3-1", "3-1-4-1", "3-2-4-1", "4-1-5-1", "2-1-2-1")
WEEK_CHOICES = ((1, 2), (2, 2), (2, 3), (3, 3), (3, 4))
WEIGHT_CHOICES = ("", "0.5 kg (1 lb)", "1 kg (2 lb)", "1.5 kg (3 lb)", "2 kg (4 lb)", "a can of food")

Listener = Callable[[TimedEvent, float], None]


def _editable_choices(choices: tuple[str, ...], name: str, tip: str) -> QComboBox:
    """A drop-down of common values that also takes the user's own text."""
    box = QComboBox()
    box.setEditable(True)
    box.addItems(choices)
    box.setAccessibleName(name)
    box.setToolTip(tip)
    return box


class MainWindow(QMainWindow):
    session_finished = Signal(object)  # SessionCompleted
    caption_changed = Signal(str)

    def __init__(
        self,
        exercise: Exercise,
        plan: Plan,
        speaker: Speaker,
        *,
        clocks: Clocks,
        speed: float = 1.0,
        listeners: tuple[Listener, ...] = (),
        builtin_exercise: Exercise | None = None,
        jump_threshold_s: float = 5.0,
        history: HistoryStore | None = None,
        settings: Settings | None = None,
        weight: str = "",
        ask_before_quitting: bool = False,
    ) -> None:
        super().__init__()
        # A person at the window is asked before a running session is closed; scripted runs
        # and tests close without a question (the set in progress is recorded either way).
        self.ask_before_quitting = ask_before_quitting
        self.exercise = exercise
        self.builtin_exercise = builtin_exercise or exercise
        self.plan = plan
        self.speaker = speaker
        self.clocks = clocks
        self.speed = speed
        self.listeners = listeners
        self.jump_threshold_s = jump_threshold_s
        self.history = history
        self.settings = settings
        self.recorder: HistoryRecorder | None = None
        self.controller: SessionController | None = None
        self.coach: VoiceCoach | None = None
        self.voice_density = "full"
        self.speaking = True
        self.flash_reps = False
        self.text_scale = 1.0
        self._fonts_for = 0.0  # the session-text factor the fonts were last set for
        self.last_summary: SessionCompleted | None = None
        self.last_cue = ""
        self.caption_text = ""
        self.history_line = ""  # after a session: the history's summary of it
        self.advice: tuple[str, ...] = ()  # after a session: suggestions for next time
        self.suggestion_text = ""  # at launch: the history's first suggestion
        self.plan_line = ""  # at launch: the next planned day
        self.state: ScreenState | None = None  # what the screen shows now
        self.setWindowTitle("Thoracic Trainer — Thoracic Back Press")
        self._build()
        plain_labels(self, keep_under=self.figure)  # content strings are never read as markup
        self.weight_box.setCurrentText(weight)
        from trainer.ui.listen_control import ListenControl  # spoken commands (issue 15)

        self.listen = ListenControl(self, self.action_table.actions["listen"])
        self._apply_fonts()
        self.load_voice_settings()
        self._load_figure_settings()
        self.listen.load()
        self.frame_timer = QTimer(self)
        self.frame_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.frame_timer.setInterval(16)
        self.frame_timer.timeout.connect(self.on_frame)
        self._show_ready()
        self.place_on_screen()
        from trainer.ui.keys import SpaceKey

        self.space_key = SpaceKey(self, lambda: self.trigger("start"))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.space_key)

    # ================================================================ layout
    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(10, 6, 10, 10)

        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Notice")
        self.notice.setStyleSheet(theme.NOTICE_STYLE)
        self.notice.hide()
        outer.addWidget(self.notice)

        self.session_screen = SessionScreen()
        screen = self.session_screen
        self.figure = screen.figure
        self.set_label, self.rep_label, self.side_label = (
            screen.set_label,
            screen.rep_label,
            screen.side_label,
        )
        self.phase_label, self.countdown_label = screen.phase_label, screen.countdown_label
        self.next_label, self.caption = screen.next_label, screen.caption

        # Before Start: variant and plan.
        self.setup_box = QFrame()
        self.setup_box.setFrameShape(QFrame.Shape.StyledPanel)
        # Two columns of fields: the chooser stays short enough to leave room for the steps.
        form = QGridLayout(self.setup_box)
        fields: list[tuple[str, QWidget]] = []
        self.variant_box = QComboBox()
        self.variant_box.setAccessibleName("Variant")
        self.sets_box = QSpinBox()
        self.sets_box.setRange(1, 10)
        self.sets_box.setAccessibleName("Sets")
        self.reps_box = QSpinBox()
        self.reps_box.setRange(1, 30)
        self.reps_box.setAccessibleName("Reps per set")
        self.rest_box = QSpinBox()
        self.rest_box.setRange(0, 600)
        self.rest_box.setSingleStep(15)
        self.rest_box.setSuffix(" s")
        self.rest_box.setAccessibleName("Rest between sets, seconds")
        self.variant_info = QLabel()
        self.variant_info.setWordWrap(True)
        fields.append(("&Variant", self.variant_box))
        fields.append(("S&ets", self.sets_box))
        fields.append(("&Reps", self.reps_box))
        fields.append(("Res&t", self.rest_box))
        self.weight_box = _editable_choices(
            WEIGHT_CHOICES,
            "Weight in each hand (kept in your history)",
            "What you hold in each hand; type your own, e.g. '2 lb' or 'a can of beans'",
        )
        fields.append(("&Weight", self.weight_box))
        self.tempo_box = _editable_choices(
            TEMPO_CHOICES,
            "Tempo: seconds to lift, squeeze, lower and relax",
            "Seconds for lift-squeeze-lower-relax, e.g. 3-1-3-1; a slower lowering is harder",
        )
        fields.append(("Tem&po", self.tempo_box))
        self.week_box = QComboBox()
        for lo, hi in WEEK_CHOICES:
            self.week_box.addItem(f"{lo}–{hi} a week" if lo != hi else f"{lo} a week", f"{lo}-{hi}")
        self.week_box.setAccessibleName("Sessions a week (never two days in a row)")
        fields.append(("Sessions", self.week_box))
        self.suggest_label = QLabel()
        self.suggest_label.setWordWrap(True)
        self.suggest_label.setAccessibleName("Suggestion for this session")
        self.suggest_label.hide()
        self.suggest_button = QPushButton()
        self.suggest_button.setAccessibleName("Use the suggested plan")
        self.suggest_button.clicked.connect(self.apply_suggestion)
        self.suggest_button.hide()
        for i, (text, field) in enumerate(fields):
            label = QLabel(text)
            label.setBuddy(field)
            r, c = i % 4, (i // 4) * 2
            form.addWidget(label, r, c)
            form.addWidget(field, r, c + 1)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        form.addWidget(self.suggest_button, 4, 0, 1, 4)
        self.suggestion: Suggestion | None = None
        self.variant_box.currentIndexChanged.connect(self._variant_changed)
        self.sets_box.valueChanged.connect(self._form_changed)
        self.reps_box.valueChanged.connect(self._form_changed)
        # Wrapped texts live outside the form (a form row does not grow with its wrapped label).
        self.suggest_label.setStyleSheet(theme.ADVICE_STYLE)
        screen.add_to_column(self.suggest_label)
        screen.add_to_column(self.variant_info)
        self.setup_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        screen.add_to_column(self.setup_box)

        self.comfort_panel = ComfortPanel()
        self.comfort_panel.answered.connect(self.answer_comfort)
        self.comfort_panel.hide()  # below the scrolling column: its buttons never scroll away

        # After a session: what it adds up to, suggestions for next time, and a note.
        self.summary_box = QFrame()
        self.summary_box.setFrameShape(QFrame.Shape.StyledPanel)
        sl = QVBoxLayout(self.summary_box)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Session summary")
        self.advice_label = QLabel()
        self.advice_label.setWordWrap(True)
        self.advice_label.setAccessibleName("Suggestions for next time")
        note_row = QHBoxLayout()
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("A note for your history (how you felt, what you used)…")
        self.note_edit.setAccessibleName("Session note")
        self.note_edit.setMaxLength(500)
        self.note_button = QPushButton("Save note")
        self.note_button.setAccessibleName("Save the note to your history")
        self.note_button.clicked.connect(self.save_note)
        self.note_edit.returnPressed.connect(self.save_note)
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.note_button)
        sl.addWidget(self.summary_label)
        sl.addWidget(self.advice_label)
        sl.addLayout(note_row)
        self.summary_box.hide()
        screen.add_to_column(self.summary_box)

        self.help_tabs = QTabWidget()
        self.help_tabs.setAccessibleName("How to do the exercise")
        self.steps_view = self._help_tab("Steps", "Steps")
        self.tips_view = self._help_tab("Tips", "Form tips")
        self.about_view = self._help_tab("Why and what you need", "About the exercise")
        self.help_tabs.setMinimumHeight(160)
        screen.add_to_column(self.help_tabs, 1)
        screen.set_column_footer(self.comfort_panel)
        # The splitter measures the column before the variants are filled in (as it always has):
        # the drop-downs keep their first, narrower minimum and the figure keeps its room.
        self.session_screen.column.minimumSizeHint()
        outer.addWidget(screen, 1)

        self.action_table = ActionTable(
            self,
            self._action_slots(),
            {"speak": self.set_speaking, "follow_along": lambda on: self.follow.set_active(on)},
        )
        from trainer.ui.follow_mode import FollowMode  # the mat's full-screen view (issue 14.3)

        self.follow = FollowMode(self, self.action_table.actions["follow_along"])
        self.speak_action = self.action_table.actions["speak"]
        buttons = self.action_table.buttons
        self.start_button, self.skip_button, self.add_button = (
            buttons["start"],
            buttons["skip_rest"],
            buttons["add_rest"],
        )
        self.done_button, self.restart_button, self.stop_button = (
            buttons["end_set"],
            buttons["restart_set"],
            buttons["stop"],
        )
        row = QGridLayout()
        for i, b in enumerate(buttons.values()):
            row.addWidget(b, 0, i)
        outer.addLayout(row)
        self.setCentralWidget(central)
        self._fill_exercise()

    def _help_tab(self, title: str, name: str) -> QTextBrowser:
        view = ContentBrowser()  # content is text: no links followed, no images loaded
        view.setAccessibleName(name)
        self.help_tabs.addTab(view, title)
        return view

    def _action_slots(self) -> dict[str, Callable[[], object]]:
        """What each action of the table (trainer/present/actions.py) does in this window."""
        return {
            "open_exercise": self._open_exercise_dialog,
            "export_history": self.export_history_dialog,
            "save_report": self.save_report_dialog,
            "print_card": self.print_card_dialog,
            "save_card": self.save_card_dialog,
            "export_video": self.export_video_dialog,
            "quit": self.close,
            "start": self.toggle_start_pause,
            "skip_rest": self.skip_rest,
            "add_rest": self.add_rest,
            "end_set": self.end_set,
            "restart_set": self.restart_set,
            "stop": self.request_stop,
            "comfort_fine": lambda: self.answer_comfort(Comfort.FINE),
            "comfort_tired": lambda: self.answer_comfort(Comfort.TIRED),
            "comfort_pain": lambda: self.answer_comfort(Comfort.PAIN),
            "larger_text": lambda: self.set_text_scale(self.text_scale * theme.TEXT_STEP),
            "smaller_text": lambda: self.set_text_scale(self.text_scale / theme.TEXT_STEP),
            "progress": self.open_progress,
            "voice_settings": self.open_voice_settings,
            "steps": lambda: self.help_tabs.setCurrentIndex(0),
            "safety_check": self.open_safety_check,
            "self_check": self.open_self_check,
        }

    def trigger(self, action_id: str) -> bool:
        """Run any action by its id, as its menu entry, key or button would (False: disabled now)."""
        return self.action_table.trigger(action_id)

    def _fill_exercise(self) -> None:
        ex = self.exercise
        self.figure.use_exercise(ex)  # the figure poses this file's variants
        self.variant_box.blockSignals(True)
        self.variant_box.clear()
        for v in ex.variants:
            self.variant_box.addItem(v.name, v.id)
        idx = max(0, self.variant_box.findData(self.plan.variant))
        self.variant_box.setCurrentIndex(idx)
        self.variant_box.blockSignals(False)
        self.sets_box.setValue(self.plan.sets)
        self.reps_box.setValue(self.plan.reps)
        self.rest_box.setValue(int(self.plan.rest_s))
        self.tempo_box.setCurrentText(str(self.plan.tempo))
        weekly = self.weekly_plan()
        self.week_box.setCurrentIndex(
            max(0, self.week_box.findData(f"{weekly.min_per_week}-{weekly.max_per_week}"))
        )
        muscles = "".join(
            f"<p><b>{esc(group.capitalize())}:</b> {esc(', '.join(names))}</p>"
            for group, names in ex.muscles.items()
        )
        equipment = html_list(ex.equipment)
        self.about_view.setHtml(
            f"<p>{esc(ex.purpose)}</p><p><b>You need:</b></p>{equipment}<p><b>Muscles worked</b></p>"
            f"{muscles}<p>Plan: {ex.plan.sets} sets of {ex.plan.reps}, or as many as you comfortably can.</p>"
        )
        self._variant_changed()

    # ================================================================ text size
    def set_text_scale(self, scale: float, save: bool = True) -> None:
        self.text_scale = theme.clamp_text_scale(scale)
        self._apply_fonts()
        if save and self.settings is not None:
            from trainer.settings import S

            self.settings.set(S.ui_text_scale, round(self.text_scale, 3))

    def _session_factor(self) -> float:
        return self.text_scale * theme.window_factor(self.width(), self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.follow.active:
            return  # the follow screen sizes its own texts
        if abs(self._session_factor() - self._fonts_for) > 0.04:  # not on every pixel of a drag
            self._apply_fonts()

    def refresh_fonts(self) -> None:
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        s = self.text_scale
        self.setProperty("text_scale", s)  # dialogs opened from here take it (ui/dialog_text.py)
        if self.follow.screen is not None:
            self.follow.screen.set_text_scale(s)
        install_dialog_sizer(self)
        base = self.font()
        big = self._fonts_for = self._session_factor()
        self.session_screen.set_fonts(base, big)
        self.comfort_panel.set_fonts(base, s)
        self.summary_label.setFont(theme.font(base, 16 * s, True))
        self.advice_label.setFont(theme.font(base, 13 * s))
        for b in self.action_table.buttons.values():
            b.setFont(theme.font(base, 13 * s, True))
        for w in (
            self.steps_view,
            self.tips_view,
            self.about_view,
            self.variant_info,
            self.suggest_label,
            self.setup_box,
        ):
            w.setFont(theme.font(base, 12 * s))

    # ================================================================ notices
    def show_notice(self, message: str) -> None:
        current = self.notice.text()
        if message in current:
            return
        self.notice.setText(f"{current}\n{message}" if current else message)
        self.notice.show()
        log.info("notice: %s", message)

    def clear_notice(self, message: str) -> None:
        """Take back a notice that no longer holds (e.g. the sound works again)."""
        lines = [line for line in self.notice.text().split("\n") if line and line != message]
        self.notice.setText("\n".join(lines))
        self.notice.setVisible(bool(lines))

    def set_caption(self, text: str, kind: str = "") -> None:
        if kind != "heard":
            self.last_cue = text  # what "coach say that again" repeats
        self.caption_text = text
        self.session_screen.show_caption(text)
        self.caption_changed.emit(text)
        self.follow.sync()

    # ================================================================ exercise file
    def _open_exercise_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open exercise file", "", "Exercise files (*.toml)")
        if path:
            self.open_exercise(Path(path))

    def open_exercise(self, path: Path) -> bool:
        """Load another exercise file; a bad one leaves the built-in exercise with a notice."""
        if self.controller is not None and self.controller.status in (
            Status.RUNNING,
            Status.PAUSED,
        ):
            self.show_notice("Finish or stop the session before opening another exercise file.")
            return False
        try:
            ex = load_exercise(path)
        except ExerciseError as exc:
            self.exercise = self.builtin_exercise
            self.show_notice(
                f"That exercise file could not be used, so the built-in exercise is shown. {exc}"
            )
            self._fill_exercise()
            return False
        self.exercise = ex
        self.plan = Plan.from_exercise(ex, ex.variants[0].id)
        self._fill_exercise()
        return True

    # ================================================================ session control
    def _variant_changed(self) -> None:
        vid = self.variant_box.currentData()
        if not isinstance(vid, str):
            return
        v = self.exercise.variant(vid)
        self.variant_info.setText(v.description)
        steps = self.exercise.steps_for(vid)
        self.steps_view.setHtml(html_list(steps, ordered=True))
        self.tips_view.setHtml(html_list(t.text for t in self.exercise.tips_for(vid)))
        if self.controller is None or self.controller.status in (Status.READY, Status.FINISHED):
            self.figure.show_moment(vid, v.first_side, None, 0.0)

    def _form_changed(self) -> None:
        """Before a session the header follows the plan being chosen."""
        if self.controller is None and self.state is not None:
            self.refresh()

    def weekly_plan(self) -> WeeklyPlan:
        if self.settings is None:
            return WeeklyPlan()
        from trainer.settings import S

        lo, hi = self.settings.get(S.plan_min_per_week), self.settings.get(S.plan_max_per_week)
        return WeeklyPlan(min(lo, hi), max(lo, hi))

    def chosen_tempo(self) -> Tempo:
        """The tempo typed or chosen; a bad one is named in a notice and the last good one kept."""
        text = self.tempo_box.currentText().strip()
        try:
            return Tempo.parse(text)
        except PlanError as exc:
            self.show_notice(f"Tempo {text!r} cannot be used ({exc}); keeping {self.plan.tempo}.")
            self.tempo_box.setCurrentText(str(self.plan.tempo))
            return self.plan.tempo

    def chosen_plan(self) -> Plan:
        vid = self.variant_box.currentData()
        plan = self.plan.with_variant(self.exercise, vid if isinstance(vid, str) else self.plan.variant)
        plan = Plan(
            variant=plan.variant,
            sets=self.sets_box.value(),
            reps=self.reps_box.value(),
            rest_s=float(self.rest_box.value()),
            get_ready_s=plan.get_ready_s,
            tempo=self.chosen_tempo(),
            switch_sides=plan.switch_sides,
            first_side=plan.first_side,
        )
        return plan

    def start_session(self) -> None:
        plan = self.chosen_plan()
        self.plan = plan
        ctl = SessionController(plan, self.exercise, self.clocks.monotonic, self.speed, self.jump_threshold_s)
        self.coach = VoiceCoach(
            self.speaker,
            self.speed,
            on_caption=self.set_caption,
            on_problem=self.show_notice,
            density=self.effective_density,
        )
        self.coach.attach(ctl.timeline)
        self.recorder = None
        if self.history is not None:
            # First listener: a set is on disk before anything reports that it ended.
            self.recorder = HistoryRecorder(
                self.history, self.clocks.now, self.weight, on_problem=self.show_notice
            )
            ctl.add_listener(self.recorder)
        ctl.add_listener(self._on_event)
        ctl.add_listener(self.coach.handle)
        for listener in self.listeners:
            ctl.add_listener(listener)
        self.controller = ctl
        self.coach.prepare(ctl.timeline.cue_texts())
        self._save_plan_settings()
        self.last_summary, self.history_line, self.advice = None, "", ()
        self.note_edit.clear()
        ctl.start()
        self.frame_timer.start()
        self.on_frame()

    @property
    def weight(self) -> str:
        return self.weight_box.currentText().strip()[:40]

    def _save_plan_settings(self) -> None:
        if self.settings is None:
            return
        from trainer.settings import S

        plan = self.plan
        try:
            self.settings.set(S.plan_variant, plan.variant)
            self.settings.set(S.plan_sets, plan.sets)
            self.settings.set(S.plan_reps, plan.reps)
            self.settings.set(S.plan_rest_s, float(plan.rest_s))
            self.settings.set(S.plan_weight, self.weight)
            self.settings.set(S.plan_tempo, str(plan.tempo))
            week = self.week_box.currentData()
            if isinstance(week, str):
                lo, hi = week.split("-")
                self.settings.set(S.plan_min_per_week, int(lo))
                self.settings.set(S.plan_max_per_week, int(hi))
            self.settings.sync()
        except ValueError as exc:  # e.g. a variant only a custom exercise file has
            log.warning("settings not saved: %s", exc)

    def answer_comfort(self, answer: str) -> None:
        ctl = self.controller
        if ctl is None:
            return
        if ctl.answer_comfort(Comfort(answer)):  # the panel's signal carries the value as text
            self.frame_timer.start()
            self.on_frame()

    def save_note(self) -> None:
        text = self.note_edit.text().strip()
        if self.history is None or self.recorder is None or self.recorder.session_id is None:
            return
        try:
            self.history.set_note(self.recorder.session_id, text)
        except Exception as exc:
            self.show_notice(f"The note could not be saved: {exc}")
            return
        self.note_button.setText("Saved ✓")

    def toggle_start_pause(self) -> None:
        ctl = self.controller
        if ctl is None or ctl.status is Status.FINISHED:
            self.start_session()
            return
        ctl.toggle_pause()
        if ctl.status is Status.RUNNING:
            self.frame_timer.start()
        self.on_frame()

    def _control(self, action: Callable[[SessionController], bool]) -> None:
        if self.controller is not None and action(self.controller):
            self.frame_timer.start()
            self.on_frame()

    def skip_rest(self) -> None:
        self._control(lambda c: c.skip_rest())

    def add_rest(self) -> None:
        self._control(lambda c: c.add_rest(30.0))

    def end_set(self) -> None:
        self._control(lambda c: c.end_set_early())

    def restart_set(self) -> None:
        self._control(lambda c: c.restart_set())

    def confirm_stop(self) -> bool:
        answer = QMessageBox.question(
            self,
            "Stop the session?",
            "Stop this session now? The sets you finished are kept.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def request_stop(self) -> None:
        ctl = self.controller
        if ctl is None or ctl.status not in (Status.RUNNING, Status.PAUSED):
            return
        was_running = ctl.status is Status.RUNNING
        if was_running:
            ctl.pause()  # nothing moves (or talks) while the question is open
        if self.confirm_stop():
            ctl.stop()
        elif was_running:
            ctl.resume()
        self.frame_timer.start()
        self.on_frame()

    # ================================================================ events and frames
    def _on_event(self, event: TimedEvent, late_ms: float) -> None:
        p = event.payload
        if isinstance(p, PhaseStarted) and p.phase == "lift" and self.flash_reps:
            self.session_screen.flash()  # each rep starts with a flash of the counter: a beat to see
        if isinstance(p, SessionCompleted):
            self.last_summary = p
            self._update_summary()
            self.session_finished.emit(p)
        elif isinstance(p, ComfortAnswered) and self.controller is not None and self.controller.finished:
            self._update_summary()

    def _update_summary(self) -> None:
        """What the history says about the session just ended, and suggestions for next time."""
        self.history_line, self.advice = "", ()
        if self.history is not None and self.recorder is not None and self.recorder.session_id is not None:
            from trainer.history.advice import suggestions
            from trainer.history.progress import session_summary

            try:
                sessions = self.history.sessions()
            except Exception as exc:
                sessions = []
                log.warning("history not readable for the summary: %s", exc)
            mine = [x for x in sessions if x.id == self.recorder.session_id]
            if mine:
                self.history_line = session_summary(mine[0], sessions, self.clocks.today())
                plan = self.plan
                found = suggestions(sessions, plan.sets, plan.reps, plan.variant)
                self.advice = tuple(s.text for s in found)
                self.offer_suggestion(found[0] if found else None)
        self.suggestion_text = ""  # the advice below the summary replaces the launch-time one
        self.note_button.setText("Save note")
        self.note_edit.setEnabled(self.recorder is not None)
        self.note_button.setEnabled(self.recorder is not None)

    def on_frame(self) -> None:
        ctl = self.controller
        if ctl is None:
            return
        view = ctl.tick()
        if self.coach is not None and ctl.status in (Status.RUNNING, Status.FINISHED):
            self.coach.tick(view.t)  # speech follows the same clock as the picture
        self.refresh(view)
        if ctl.status is not Status.RUNNING:
            self.frame_timer.stop()

    def _show_ready(self) -> None:
        self.plan_text()
        self.refresh()

    def form_plan(self) -> Plan:
        """The plan the form shows now (quietly: a tempo being typed is checked at Start)."""
        vid = self.variant_box.currentData()
        plan = self.plan.with_variant(self.exercise, vid if isinstance(vid, str) else self.plan.variant)
        return replace(plan, sets=self.sets_box.value(), reps=self.reps_box.value())

    def plan_text(self) -> str:
        """At launch: the next planned day and the first suggestion, from the history."""
        self.plan_line = ""
        if self.history is None:
            return ""
        from trainer.history.advice import plan_line, suggestions

        try:
            sessions = self.history.sessions()
            text = plan_line(sessions, self.clocks.today(), self.weekly_plan())
            tips = suggestions(sessions, self.plan.sets, self.plan.reps, self.plan.variant)
        except Exception as exc:  # the history is a help here, never a reason not to start
            log.warning("plan line: %s", exc)
            return ""
        self.offer_suggestion(tips[0] if tips else None)
        self.suggestion_text = tips[0].text if tips else ""
        self.plan_line = text
        return text

    def offer_suggestion(self, suggestion: Suggestion | None) -> None:
        """A suggestion that comes with a plan gets a button; the user decides."""
        changes = []
        if suggestion is not None:  # only what differs from what is chosen now
            sets, reps = suggestion.sets or self.sets_box.value(), suggestion.reps or self.reps_box.value()
            if suggestion.variant and suggestion.variant != self.variant_box.currentData():
                changes.append(f"the {suggestion.variant} variant")
            if (sets, reps) != (self.sets_box.value(), self.reps_box.value()):
                changes.append(f"{plural(sets, 'set')} of {reps}")
            if suggestion.tempo and suggestion.tempo != self.tempo_box.currentText().strip():
                changes.append(f"tempo {suggestion.tempo}")
        self.suggestion = suggestion if changes else None
        self.suggest_button.setText(f"Use the suggestion: {', '.join(changes)}")
        self.suggest_button.setVisible(bool(changes))

    def apply_suggestion(self) -> None:
        sug = self.suggestion
        if sug is None:
            return
        if sug.variant:
            self.choose_variant(sug.variant)
        if sug.sets:
            self.sets_box.setValue(sug.sets)
        if sug.reps:
            self.reps_box.setValue(sug.reps)
        if sug.tempo:
            self.tempo_box.setCurrentText(sug.tempo)
        self.suggest_button.hide()

    def screen_state(self, view: SessionView | None = None) -> ScreenState:
        """What the screen shows now: the session's facts through `present()`."""
        ctl = self.controller
        session = ctl is not None and ctl.status is not Status.READY
        return present(
            self.exercise,
            ctl.plan if ctl is not None and session else self.form_plan(),
            session_facts(ctl, view) if session else SessionFacts(),
            summary=self.last_summary,
            history_line=self.history_line,
            advice=self.advice,
            suggestion=self.suggestion_text,
            plan_line=self.plan_line,
            caption=self.caption_text,
            text_scale=self.text_scale,
        )

    def refresh(self, view: SessionView | None = None) -> None:
        state = self.state = self.screen_state(view)
        self.setup_box.setVisible(state.show_setup)
        self.variant_info.setVisible(state.show_setup)
        self.suggest_label.setText(state.suggestion_line)
        self.suggest_label.setVisible(state.show_setup and bool(state.suggestion_line))
        self.summary_box.setVisible(state.show_summary)
        self.summary_label.setText(state.summary_text)
        self.advice_label.setText("\n".join(state.advice))
        self.advice_label.setVisible(bool(state.advice))
        self.session_screen.show_state(state)
        self.help_tabs.setVisible(state.show_help)
        if state.comfort is not None:
            self.comfort_panel.ask(state.comfort)
        self.comfort_panel.setVisible(state.comfort is not None)
        self.action_table.show_state(state)
        self.follow.sync()

    # ================================================================ history, progress, safety
    def _no_history(self) -> bool:
        if self.history is None:
            self.show_notice("The history is not available in this run, so there is nothing to show yet.")
            return True
        return False

    def open_progress(self) -> QDialog | None:
        if self._no_history():
            return None
        assert self.history is not None
        from trainer.ui.progress_view import ProgressDialog

        dlg = ProgressDialog(
            self.history, self.clocks.today(), self.weekly_plan(), parent=self, exercise=self.exercise
        )
        dlg.export_requested.connect(self.export_history_dialog)
        dlg.report_requested.connect(self.save_report_dialog)
        dlg.show()
        return dlg

    def _ask_save_path(self, title: str, name: str, kinds: str) -> Path | None:
        """Where to save; a name typed without the file type gets it (``card`` -> ``card.pdf``)."""
        chosen, _ = QFileDialog.getSaveFileName(self, title, name, kinds)
        if not chosen:
            return None
        path = Path(chosen)
        suffix = Path(name).suffix
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _save_pdf(self, path: Path, what: str, write: Callable[[], object], done: str) -> bool:
        """Write a PDF (report, card); a failure becomes a notice naming the file."""
        try:
            write()
        except OSError as exc:
            self.show_notice(f"The {what} could not be saved to {path}: {exc}")
            return False
        self.statusBar().showMessage(done, 8000)
        return True

    def export_history_dialog(self) -> None:
        if self._no_history():
            return
        path = self._ask_save_path("Export history", "thoracic-trainer-history.csv", "CSV files (*.csv)")
        if path:
            self.export_history(path)

    def export_history(self, path: Path) -> int | None:
        assert self.history is not None
        from trainer.exports.history_csv import export_sets_csv
        from trainer.history.store import HistoryError

        try:
            rows = export_sets_csv(self.history.sessions(), path)
        except HistoryError as exc:
            self.show_notice(str(exc))
            return None
        self.statusBar().showMessage(f"Saved {plural(rows, 'set')} to {path}", 8000)
        if self.history.unreadable_notice():
            self.show_notice(self.history.unreadable_notice() or "")
        return rows

    def save_report_dialog(self) -> None:
        if self._no_history():
            return
        path = self._ask_save_path("Save report", "thoracic-trainer-report.pdf", "PDF files (*.pdf)")
        if path:
            self.save_report(path)

    def save_report(self, path: Path) -> bool:
        history = self.history
        assert history is not None
        from trainer.exports.report import write_report

        return self._save_pdf(
            path,
            "report",
            lambda: write_report(history.sessions(), path, self.clocks.today()),
            f"Report saved to {path}",
        )

    def save_card_dialog(self) -> None:
        from trainer.exports.card import CARD_FILE_NAME

        path = self._ask_save_path("Save a printable card", CARD_FILE_NAME, "PDF files (*.pdf)")
        if path:
            self.save_card(path)

    def save_card(self, path: Path) -> bool:
        from trainer.exports.card import write_card

        plan = self.chosen_plan()
        return self._save_pdf(
            path,
            "card",
            lambda: write_card(self.exercise, plan, path),
            f"Card saved to {path}: one A4 page",
        )

    def print_card_dialog(self) -> None:
        """File ▸ Print a card: the system's print dialog (a printer, or a PDF file), A4 first."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from trainer.exports.card import prepare_printer

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.exercise)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print a card")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_card(printer)

    def print_card(self, printer: QPrinter) -> bool:
        from trainer.exports.card import print_card

        try:
            fit = print_card(self.exercise, self.chosen_plan(), printer)
        except OSError as exc:
            self.show_notice(f"The card could not be printed: {exc}")
            return False
        where = printer.outputFileName() or printer.printerName() or "the printer"
        shrunk = f" (shrunk to {fit:.0%} to fit the paper)" if fit < 0.995 else ""
        self.statusBar().showMessage(f"Card sent to {where}{shrunk}", 8000)
        return True

    def export_video_dialog(self) -> None:
        path = self._ask_save_path("Export video", "thoracic-back-press.mp4", "MP4 video (*.mp4)")
        if path:
            self.export_video_to(path)

    def _clips_for(self, texts: list[str]) -> dict[str, Clip]:
        """The voice for an export: from the live speaker when there is one (one engine per
        process: espeak-ng keeps one synthesis callback), else rendered here."""
        from trainer.voice.clip_speaker import ClipSpeaker
        from trainer.voice.renderer import render_clips

        speaker = self.speaker
        if isinstance(speaker, ClipSpeaker):
            speaker.prepare(texts)
            deadline = watchdog_monotonic() + 60
            while watchdog_monotonic() < deadline and not set(texts) <= speaker.clips.keys():
                if speaker.renderer.failed:
                    break
                QApplication.processEvents()
                time.sleep(0.005)
            return {t: c for t, c in speaker.clips.items() if t in texts}
        if not self.speaking:
            return {}
        folder = self.history.path.parent if self.history is not None else Path(tempfile.gettempdir())
        clips, problems = render_clips(folder / "cache" / "voice", texts)
        if problems:
            self.show_notice(f"The video will be silent: the voice could not be made ({problems[0]}).")
        return clips

    def export_video_to(self, path: Path) -> VideoResult | None:
        """The session chosen in the window as an MP4, with a progress bar and Cancel."""
        from trainer.exports.video import ExportCancelled, export_video
        from trainer.session.timeline import Timeline

        plan = self.chosen_plan()
        texts = Timeline.compile(plan, self.exercise).cue_texts()
        dialog = QProgressDialog("Preparing the voice…", "Cancel", 0, 100, self)
        dialog.setWindowTitle("Export video")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setValue(0)
        clips = self._clips_for(texts)

        def progress(frame: int, frames: int) -> bool:
            if frame % 10 == 0 or frame == frames:
                dialog.setLabelText(f"Making the video: frame {frame} of {frames}")
                dialog.setValue(frame * 100 // frames)
                QApplication.processEvents()
            return not dialog.wasCanceled()

        try:
            result = export_video(
                self.exercise, plan, path, clips, now=self.clocks.now, window=MainWindow, progress=progress
            )
        except ExportCancelled:
            self.statusBar().showMessage("Video export cancelled; no file was written.", 8000)
            return None
        except OSError as exc:
            self.show_notice(f"The video could not be saved to {path}: {exc}")
            return None
        finally:
            dialog.close()
        self.statusBar().showMessage(
            f"Video saved to {path} ({result.seconds:.0f} s, made in {result.took_s:.0f} s)", 10000
        )
        return result

    def open_safety_check(self) -> QDialog:
        from trainer.ui.safety_dialog import SafetyDialog

        dlg = SafetyDialog(self.history, self.settings, parent=self)
        dlg.use_variant.connect(self.choose_variant)
        dlg.show()
        return dlg

    def open_self_check(self) -> QDialog:
        from trainer.paths import data_dir
        from trainer.ui.selfcheck_dialog import SelfCheckDialog

        folder = self.history.path.parent if self.history is not None else data_dir()
        dlg = SelfCheckDialog(folder, self)
        dlg.show()
        return dlg

    # ================================================================ figure view
    def _load_figure_settings(self) -> None:
        """Turn, mirror, outlines and muscles as the user left them; kept as they change."""
        if self.settings is None:
            return
        from trainer.settings import S

        settings = self.settings
        panel = self.figure
        panel.set_yaw(settings.get(S.figure_yaw))
        panel.mirror_box.setChecked(settings.get(S.figure_mirror))
        panel.outlines_box.setChecked(settings.get(S.figure_outlines))
        panel.muscles_box.setChecked(settings.get(S.figure_muscles))
        panel.yaw_changed.connect(lambda yaw: settings.set(S.figure_yaw, float(yaw) % 360.0))
        panel.mirror_box.toggled.connect(lambda on: settings.set(S.figure_mirror, on))
        panel.outlines_box.toggled.connect(lambda on: settings.set(S.figure_outlines, on))
        panel.muscles_box.toggled.connect(lambda on: settings.set(S.figure_muscles, on))

    # ================================================================ voice
    @property
    def effective_density(self) -> str:
        return self.voice_density if self.speaking else "silent"

    def load_voice_settings(self) -> None:
        if self.settings is None:
            return
        from trainer.settings import S

        self.voice_density = self.settings.get(S.voice_density)
        self.flash_reps = self.settings.get(S.voice_flash)
        self.speak_action.setChecked(self.settings.get(S.voice_enabled))
        if self.coach is not None:
            self.coach.set_density(self.effective_density)

    def set_speaking(self, on: bool) -> None:
        self.speaking = on
        if self.coach is not None:
            self.coach.set_density(self.effective_density)
            if not on:
                self.speaker.stop()
        if self.settings is not None:
            from trainer.settings import S

            self.settings.set(S.voice_enabled, on)

    def open_voice_settings(self) -> QDialog | None:
        if self.settings is None:
            self.show_notice("Voice settings can be changed when the trainer runs normally (not scripted).")
            return None
        from trainer.ui.voice_settings import VoiceSettingsDialog
        from trainer.voice.clip_speaker import ClipSpeaker

        speaker = self.speaker if isinstance(self.speaker, ClipSpeaker) else None
        dlg = VoiceSettingsDialog(self.settings, speaker, self)
        dlg.applied.connect(self.load_voice_settings)
        dlg.show()
        return dlg

    def choose_variant(self, variant: str) -> None:
        idx = self.variant_box.findData(variant)
        if idx >= 0 and (
            self.controller is None or self.controller.status in (Status.READY, Status.FINISHED)
        ):
            self.variant_box.setCurrentIndex(idx)

    # ================================================================ closing
    def place_on_screen(self) -> None:
        """Where the person left the window, else 1280×800; never larger than the screen's free area."""
        from trainer.ui.placement import fit_window

        saved = ""
        if self.settings is not None:
            from trainer.settings import S

            saved = self.settings.get(S.window_geometry)
        screen = self.screen() or QApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        rect, maximised = fit_window(saved, area)
        self.setGeometry(rect)
        if maximised:
            self.setWindowState(Qt.WindowState.WindowMaximized)

    def _save_placement(self) -> None:
        if self.settings is None:
            return
        from trainer.settings import S
        from trainer.ui.placement import placement_text

        self.settings.set(S.window_geometry, placement_text(self.normalGeometry(), self.isMaximized()))

    def confirm_quit(self) -> bool:
        ctl = self.controller
        done = ctl.timeline.reps_done_at(ctl.session_time()) if ctl is not None else 0
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Quit during the session?",
            "A session is under way. Quit now? The sets you finished are kept, and the set in "
            f"progress is saved with the {done} {'rep' if done == 1 else 'reps'} you did.",
            parent=self,
        )
        quit_button = box.addButton("Quit", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton("Keep going", QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is quit_button

    def closeEvent(self, event: QCloseEvent) -> None:
        ctl = self.controller
        if ctl is not None and ctl.status in (Status.RUNNING, Status.PAUSED):
            if self.ask_before_quitting:
                was_running = ctl.status is Status.RUNNING
                if was_running:
                    ctl.pause()  # nothing moves (or talks) while the question is open
                if not self.confirm_quit():
                    if was_running:
                        ctl.resume()
                    self.frame_timer.start()
                    self.on_frame()
                    event.ignore()
                    return
            ctl.stop()  # the set in progress goes into the history with the reps done
            self.on_frame()
        self._save_placement()
        self.frame_timer.stop()
        self.listen.stop()
        try:
            self.speaker.close()
        except Exception:  # closing must never fail
            log.exception("closing the speaker")
        super().closeEvent(event)
