"""The main window: a shell composing its parts — the session screen (trainer/ui/session_screen.py)
with the plan form, summary panel, help tabs and comfort question beside the figure, the big
buttons and menus of the action table, the export controller — and running the session."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QGridLayout,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from trainer.clock import Clocks
from trainer.content import Exercise, ExerciseError, load_exercise
from trainer.present import ScreenState, SessionFacts, present, session_facts
from trainer.session import Comfort, Plan, SessionController, SessionView, Status, TimedEvent
from trainer.ui import theme
from trainer.ui.actions import ActionTable
from trainer.ui.comfort_panel import ComfortPanel
from trainer.ui.export_controller import ExportController
from trainer.ui.figure_settings import bind_figure_settings
from trainer.ui.follow_mode import FollowMode
from trainer.ui.help_tabs import HelpTabs
from trainer.ui.notice_bar import NoticeBar
from trainer.ui.placement import place_window, save_placement
from trainer.ui.plain_text import plain_labels
from trainer.ui.plan_form import PlanForm
from trainer.ui.questions import ask_quit, ask_stop
from trainer.ui.session_runner import SessionRunner
from trainer.ui.session_screen import SessionScreen
from trainer.ui.summary_panel import SummaryPanel
from trainer.ui.text_size import TextSize
from trainer.ui.voice_choice import VoiceChoice
from trainer.voice.coach import VoiceCoach
from trainer.voice.speaker import Speaker

if TYPE_CHECKING:
    from trainer.history.store import HistoryStore
    from trainer.settings import Settings

log = logging.getLogger(__name__)

Listener = Callable[[TimedEvent, float], None]


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
        self.exercise, self.builtin_exercise, self.plan = exercise, builtin_exercise or exercise, plan
        self.speaker, self.clocks, self.speed, self.listeners = speaker, clocks, speed, listeners
        self.jump_threshold_s, self.history, self.settings = jump_threshold_s, history, settings
        self.text_size = TextSize(self)
        self.last_cue = self.caption_text = ""
        self.history_line = ""  # after a session: the history's summary of it
        self.advice: tuple[str, ...] = ()  # after a session: suggestions for next time
        self.suggestion_text = self.plan_line = ""  # at launch: first suggestion, next planned day
        self.state: ScreenState | None = None  # what the screen shows now
        self.setWindowTitle("Thoracic Trainer — Thoracic Back Press")
        self.exports, self.voice, self.runner = ExportController(self), VoiceChoice(self), SessionRunner(self)
        self.frame_timer = self.runner.frame_timer
        self._build()
        plain_labels(self, keep_under=self.figure)  # content strings are never read as markup
        self.form.weight_box.setCurrentText(weight)
        from trainer.ui.listen_control import ListenControl  # spoken commands (issue 15)

        self.listen = ListenControl(self, self.action_table.actions["listen"])
        self.text_size.apply()
        self.voice.load()
        bind_figure_settings(self.figure, settings)
        self.listen.load()
        self._show_ready()
        place_window(self, settings)
        from trainer.ui.keys import SpaceKey

        self.space_key = SpaceKey(self, lambda: self.trigger("start"))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.space_key)

    # ================================================================ parts
    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(10, 6, 10, 10)
        self.notice = NoticeBar()
        outer.addWidget(self.notice)
        screen = self.session_screen = SessionScreen()
        self.figure, self.caption, self.rep_label = screen.figure, screen.caption, screen.rep_label
        self.set_label, self.side_label, self.phase_label = (
            screen.set_label,
            screen.side_label,
            screen.phase_label,
        )
        self.countdown_label, self.next_label = screen.countdown_label, screen.next_label
        self.form = PlanForm(self.settings)  # before Start: variant and plan
        self.form.variant_changed.connect(self._variant_changed)
        self.form.plan_changed.connect(self._form_changed)
        for widget in self.form.widgets():
            screen.add_to_column(widget)
        self.comfort_panel = ComfortPanel()
        self.comfort_panel.answered.connect(self.answer_comfort)
        self.comfort_panel.hide()  # below the scrolling column: its buttons never scroll away
        self.summary = SummaryPanel()  # after a session: what it adds up to, advice, a note
        self.summary.note_entered.connect(self.save_note)
        screen.add_to_column(self.summary)
        self.help_tabs = HelpTabs()
        screen.add_to_column(self.help_tabs, 1)
        screen.set_column_footer(self.comfort_panel)
        # The splitter measures the column before the variants are filled in (as it always has):
        # the drop-downs keep their first, narrower minimum and the figure keeps its room.
        screen.column.minimumSizeHint()
        outer.addWidget(screen, 1)
        self.action_table = ActionTable(self, self._action_slots(), {"speak": self.voice.set_speaking})
        self.follow = FollowMode(self, self.action_table.actions["follow_along"])  # F11, for the mat
        self.speak_action = self.action_table.actions["speak"]
        buttons = self.action_table.buttons
        self.start_button, self.skip_button, self.add_button = (
            buttons[k] for k in ("start", "skip_rest", "add_rest")
        )
        self.done_button, self.restart_button, self.stop_button = (
            buttons[k] for k in ("end_set", "restart_set", "stop")
        )
        row = QGridLayout()
        for i, b in enumerate(buttons.values()):
            row.addWidget(b, 0, i)
        outer.addLayout(row)
        self.setCentralWidget(central)
        self._fill_exercise()

    def _action_slots(self) -> dict[str, Callable[[], object]]:
        """What each action of the table (trainer/present/actions.py) does in this window."""
        ex = self.exports
        return {
            "open_exercise": self._open_exercise_dialog,
            "export_history": ex.export_history_dialog,
            "save_report": ex.save_report_dialog,
            "print_card": ex.print_card_dialog,
            "save_card": ex.save_card_dialog,
            "export_video": ex.export_video_dialog,
            "quit": self.close,
            "start": self.runner.toggle_start_pause,
            "skip_rest": lambda: self.runner.control(lambda c: c.skip_rest()),
            "add_rest": lambda: self.runner.control(lambda c: c.add_rest(30.0)),
            "end_set": lambda: self.runner.control(lambda c: c.end_set_early()),
            "restart_set": lambda: self.runner.control(lambda c: c.restart_set()),
            "stop": self.runner.request_stop,
            "comfort_fine": lambda: self.answer_comfort(Comfort.FINE),
            "comfort_tired": lambda: self.answer_comfort(Comfort.TIRED),
            "comfort_pain": lambda: self.answer_comfort(Comfort.PAIN),
            "larger_text": lambda: self.set_text_scale(self.text_scale * theme.TEXT_STEP),
            "smaller_text": lambda: self.set_text_scale(self.text_scale / theme.TEXT_STEP),
            "progress": ex.open_progress,
            "voice_settings": self.voice.open_settings,
            "steps": lambda: self.help_tabs.setCurrentIndex(0),
            "safety_check": self.open_safety_check,
            "self_check": self.open_self_check,
        }

    def trigger(self, action_id: str) -> bool:
        """Run any action by its id, as its menu entry, key or button would (False: disabled now)."""
        return self.action_table.trigger(action_id)

    def _fill_exercise(self) -> None:
        self.figure.use_exercise(self.exercise)  # the figure poses this file's variants
        self.form.fill(self.exercise, self.plan)
        self.help_tabs.show_exercise(self.exercise)
        self._variant_changed()

    # ================================================================ text size, notices, caption
    @property
    def text_scale(self) -> float:
        return self.text_size.scale

    def set_text_scale(self, scale: float, save: bool = True) -> None:
        self.text_size.set_scale(scale, save)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.text_size.resized()

    def show_notice(self, message: str) -> None:
        self.notice.add(message)

    def clear_notice(self, message: str) -> None:
        """Take back a notice that no longer holds (e.g. the sound works again)."""
        self.notice.take_back(message)

    def set_caption(self, text: str, kind: str = "") -> None:
        if kind != "heard":
            self.last_cue = text  # what "coach say that again" repeats
        self.caption_text = text
        self.session_screen.show_caption(text)
        self.caption_changed.emit(text)
        self.follow.sync()

    # ================================================================ exercise and plan
    def _open_exercise_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open exercise file", "", "Exercise files (*.toml)")
        if path:
            self.open_exercise(Path(path))

    def open_exercise(self, path: Path) -> bool:
        """Load another exercise file; a bad one leaves the built-in exercise with a notice."""
        if self.controller is not None and self.controller.status in (Status.RUNNING, Status.PAUSED):
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

    def _between_sessions(self) -> bool:
        return self.controller is None or self.controller.status in (Status.READY, Status.FINISHED)

    def _variant_changed(self) -> None:
        vid = self.form.variant()
        if vid is None:
            return
        v = self.exercise.variant(vid)
        self.form.variant_info.setText(v.description)
        self.help_tabs.show_variant(self.exercise, vid)
        if self._between_sessions():
            self.figure.show_moment(vid, v.first_side, None, 0.0)

    def _form_changed(self) -> None:
        """Before a session the header follows the plan being chosen."""
        if self.controller is None and self.state is not None:
            self.refresh()

    def choose_variant(self, variant: str) -> None:
        if self._between_sessions():
            self.form.choose_variant(variant)

    def chosen_plan(self) -> Plan:
        return self.form.chosen_plan(self.exercise, self.plan, self.show_notice)

    def _show_ready(self) -> None:
        """At launch: the next planned day and the first suggestion, from the history."""
        lines = self.runner.launch_lines(self.plan)
        if lines is not None:
            self.plan_line, tip = lines
            self.form.offer_suggestion(tip)
            self.suggestion_text = tip.text if tip else ""
        self.refresh()

    # ================================================================ the session (SessionRunner)
    @property
    def controller(self) -> SessionController | None:
        return self.runner.controller

    @property
    def coach(self) -> VoiceCoach | None:
        return self.runner.coach

    def start_session(self) -> None:
        self.plan = self.chosen_plan()
        self.form.save_settings(self.plan)
        self.history_line, self.advice = "", ()
        self.summary.note_edit.clear()
        self.runner.start(self.plan)

    def on_frame(self) -> None:
        self.runner.on_frame()

    def toggle_start_pause(self) -> None:
        self.runner.toggle_start_pause()

    def answer_comfort(self, answer: str) -> None:
        self.runner.answer_comfort(answer)

    def request_stop(self) -> None:
        self.runner.request_stop()

    def confirm_stop(self) -> bool:
        return ask_stop(self, self.controller)

    def save_note(self, text: str) -> None:
        if self.runner.save_note(text):
            self.summary.note_saved()

    def update_summary(self) -> None:
        """What the history says about the session just ended, and suggestions for next time."""
        lines = self.runner.summary_lines(self.plan)
        self.history_line, found = lines if lines is not None else ("", [])
        self.advice = tuple(s.text for s in found)
        if lines is not None:
            self.form.offer_suggestion(found[0] if found else None)
        self.suggestion_text = ""  # the advice below the summary replaces the launch-time one
        self.summary.new_note(self.runner.recorder is not None)

    def screen_state(self, view: SessionView | None = None) -> ScreenState:
        """What the screen shows now: the session's facts through `present()`."""
        ctl = self.controller
        session = ctl is not None and ctl.status is not Status.READY
        return present(
            self.exercise,
            ctl.plan if ctl is not None and session else self.form.form_plan(self.exercise, self.plan),
            session_facts(ctl, view) if ctl is not None and session else SessionFacts(),
            summary=self.runner.last_summary,
            history_line=self.history_line,
            advice=self.advice,
            suggestion=self.suggestion_text,
            plan_line=self.plan_line,
            caption=self.caption_text,
            text_scale=self.text_scale,
        )

    def refresh(self, view: SessionView | None = None) -> None:
        state = self.state = self.screen_state(view)
        self.form.show(state.show_setup, state.suggestion_line)
        self.summary.show_state(state)
        self.session_screen.show_state(state)
        self.help_tabs.setVisible(state.show_help)
        if state.comfort is not None:
            self.comfort_panel.ask(state.comfort)
        self.comfort_panel.setVisible(state.comfort is not None)
        self.action_table.show_state(state)
        self.follow.sync()

    # ================================================================ dialogs
    def open_safety_check(self) -> QDialog:
        from trainer.ui.safety_dialog import SafetyDialog

        dlg = SafetyDialog(self.history, self.settings, parent=self)
        dlg.use_variant.connect(self.choose_variant)
        dlg.show()
        return dlg

    def open_self_check(self) -> QDialog:
        from trainer.paths import data_dir
        from trainer.ui.selfcheck_dialog import SelfCheckDialog

        dlg = SelfCheckDialog(self.history.path.parent if self.history is not None else data_dir(), self)
        dlg.show()
        return dlg

    # ================================================================ closing
    def confirm_quit(self) -> bool:
        return ask_quit(self, self.controller)

    def closeEvent(self, event: QCloseEvent) -> None:
        ctl = self.controller
        if ctl is not None and ctl.status in (Status.RUNNING, Status.PAUSED):
            if self.ask_before_quitting and not self.runner.ask_paused(self.confirm_quit):
                self.frame_timer.start()
                self.on_frame()
                event.ignore()
                return
            ctl.stop()  # the set in progress goes into the history with the reps done
            self.on_frame()
        save_placement(self, self.settings)
        self.frame_timer.stop()
        self.listen.stop()
        try:
            self.speaker.close()
        except Exception:  # closing must never fail
            log.exception("closing the speaker")
        super().closeEvent(event)
