"""The main window: a shell composing its parts — the session screen (trainer/ui/session_screen.py)
with the plan form, summary panel, help tabs and comfort question beside the figure, the big
buttons and menus of the action table, the export controller — and running the session."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from trainer.clock import Clocks
from trainer.content import Exercise, ExerciseError, load_exercise
from trainer.history.recorder import HistoryRecorder
from trainer.present import ScreenState, SessionFacts, present, session_facts
from trainer.session import Comfort, Plan, SessionController, SessionView, Status, TimedEvent
from trainer.session.events import ComfortAnswered, PhaseStarted, SessionCompleted
from trainer.ui import theme
from trainer.ui.actions import ActionTable
from trainer.ui.comfort_panel import ComfortPanel
from trainer.ui.dialog_text import install_dialog_sizer
from trainer.ui.export_controller import ExportController
from trainer.ui.figure_settings import bind_figure_settings
from trainer.ui.help_tabs import HelpTabs
from trainer.ui.placement import place_window, save_placement
from trainer.ui.plain_text import plain_labels
from trainer.ui.plan_form import PlanForm
from trainer.ui.session_screen import SessionScreen
from trainer.ui.summary_panel import SummaryPanel
from trainer.voice.coach import VoiceCoach
from trainer.voice.speaker import Speaker

if TYPE_CHECKING:
    from trainer.history.advice import WeeklyPlan
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
        self.recorder: HistoryRecorder | None = None
        self.controller: SessionController | None = None
        self.coach: VoiceCoach | None = None
        self.voice_density, self.speaking, self.flash_reps = "full", True, False
        self.text_scale = 1.0
        self._fonts_for = 0.0  # the session-text factor the fonts were last set for
        self.last_summary: SessionCompleted | None = None
        self.last_cue = self.caption_text = ""
        self.history_line = ""  # after a session: the history's summary of it
        self.advice: tuple[str, ...] = ()  # after a session: suggestions for next time
        self.suggestion_text = self.plan_line = ""  # at launch: first suggestion, next planned day
        self.state: ScreenState | None = None  # what the screen shows now
        self.setWindowTitle("Thoracic Trainer — Thoracic Back Press")
        self.exports = ExportController(self)
        self._build()
        plain_labels(self, keep_under=self.figure)  # content strings are never read as markup
        self.form.weight_box.setCurrentText(weight)
        from trainer.ui.listen_control import ListenControl  # spoken commands (issue 15)

        self.listen = ListenControl(self, self.action_table.actions["listen"])
        self._apply_fonts()
        self.load_voice_settings()
        bind_figure_settings(self.figure, settings)
        self.listen.load()
        self.frame_timer = QTimer(self)
        self.frame_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.frame_timer.setInterval(16)
        self.frame_timer.timeout.connect(self.on_frame)
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
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Notice")
        self.notice.setStyleSheet(theme.NOTICE_STYLE)
        self.notice.hide()
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
            "start": self.toggle_start_pause,
            "skip_rest": lambda: self._control(lambda c: c.skip_rest()),
            "add_rest": lambda: self._control(lambda c: c.add_rest(30.0)),
            "end_set": lambda: self._control(lambda c: c.end_set_early()),
            "restart_set": lambda: self._control(lambda c: c.restart_set()),
            "stop": self.request_stop,
            "comfort_fine": lambda: self.answer_comfort(Comfort.FINE),
            "comfort_tired": lambda: self.answer_comfort(Comfort.TIRED),
            "comfort_pain": lambda: self.answer_comfort(Comfort.PAIN),
            "larger_text": lambda: self.set_text_scale(self.text_scale * theme.TEXT_STEP),
            "smaller_text": lambda: self.set_text_scale(self.text_scale / theme.TEXT_STEP),
            "progress": ex.open_progress,
            "voice_settings": self.open_voice_settings,
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
        s, base = self.text_scale, self.font()
        self.setProperty("text_scale", s)  # dialogs opened from here take it (ui/dialog_text.py)
        if self.follow.screen is not None:
            self.follow.screen.set_text_scale(s)
        install_dialog_sizer(self)
        self.session_screen.set_fonts(base, self._session_factor())
        self._fonts_for = self._session_factor()
        self.comfort_panel.set_fonts(base, s)
        self.summary.set_fonts(base, s)
        for b in self.action_table.buttons.values():
            b.setFont(theme.font(base, 13 * s, True))
        tabs = self.help_tabs
        for w in (tabs.steps_view, tabs.tips_view, tabs.about_view, *self.form.widgets()):
            w.setFont(theme.font(base, 12 * s))

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

    def weekly_plan(self) -> WeeklyPlan:
        return self.form.weekly_plan()

    def _show_ready(self) -> None:
        """At launch: the next planned day and the first suggestion, from the history."""
        if self.history is not None:
            from trainer.history.advice import plan_line, suggestions

            try:
                sessions = self.history.sessions()
                line = plan_line(sessions, self.clocks.today(), self.weekly_plan())
                tips = suggestions(sessions, self.plan.sets, self.plan.reps, self.plan.variant)
            except Exception as exc:  # the history is a help here, never a reason not to start
                log.warning("plan line: %s", exc)
            else:
                self.form.offer_suggestion(tips[0] if tips else None)
                self.plan_line, self.suggestion_text = line, tips[0].text if tips else ""
        self.refresh()

    # ================================================================ session control
    def start_session(self) -> None:
        plan = self.plan = self.chosen_plan()
        ctl = SessionController(plan, self.exercise, self.clocks.monotonic, self.speed, self.jump_threshold_s)
        self.coach = VoiceCoach(
            self.speaker, self.speed, self.set_caption, self.show_notice, density=self.effective_density
        )
        self.coach.attach(ctl.timeline)
        self.recorder = None
        if self.history is not None:
            # First listener: a set is on disk before anything reports that it ended.
            self.recorder = HistoryRecorder(self.history, self.clocks.now, self.form.weight, self.show_notice)
            ctl.add_listener(self.recorder)
        for listener in (self._on_event, self.coach.handle, *self.listeners):
            ctl.add_listener(listener)
        self.controller = ctl
        self.coach.prepare(ctl.timeline.cue_texts())
        self.form.save_settings(plan)
        self.last_summary, self.history_line, self.advice = None, "", ()
        self.summary.note_edit.clear()
        ctl.start()
        self.frame_timer.start()
        self.on_frame()

    def answer_comfort(self, answer: str) -> None:
        # The panel's signal carries the value as text.
        self._control(lambda c: c.answer_comfort(Comfort(answer)))

    def save_note(self, text: str) -> None:
        if self.history is None or self.recorder is None or self.recorder.session_id is None:
            return
        try:
            self.history.set_note(self.recorder.session_id, text)
        except Exception as exc:
            self.show_notice(f"The note could not be saved: {exc}")
            return
        self.summary.note_saved()

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
        self.trigger("skip_rest")

    def add_rest(self) -> None:
        self.trigger("add_rest")

    def end_set(self) -> None:
        self.trigger("end_set")

    def restart_set(self) -> None:
        self.trigger("restart_set")

    def confirm_stop(self) -> bool:
        answer = QMessageBox.question(
            self,
            "Stop the session?",
            "Stop this session now? The sets you finished are kept.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _ask_paused(self, ask: Callable[[], bool]) -> bool:
        """Nothing moves (or talks) while a question about the running session is open."""
        ctl = self.controller
        assert ctl is not None
        was_running = ctl.status is Status.RUNNING
        if was_running:
            ctl.pause()
        yes = ask()
        if not yes and was_running:
            ctl.resume()
        return yes

    def request_stop(self) -> None:
        ctl = self.controller
        if ctl is None or ctl.status not in (Status.RUNNING, Status.PAUSED):
            return
        if self._ask_paused(self.confirm_stop):
            ctl.stop()
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
                found = suggestions(sessions, self.plan.sets, self.plan.reps, self.plan.variant)
                self.advice = tuple(s.text for s in found)
                self.form.offer_suggestion(found[0] if found else None)
        self.suggestion_text = ""  # the advice below the summary replaces the launch-time one
        self.summary.new_note(self.recorder is not None)

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

    def screen_state(self, view: SessionView | None = None) -> ScreenState:
        """What the screen shows now: the session's facts through `present()`."""
        ctl = self.controller
        session = ctl is not None and ctl.status is not Status.READY
        return present(
            self.exercise,
            ctl.plan if ctl is not None and session else self.form.form_plan(self.exercise, self.plan),
            session_facts(ctl, view) if ctl is not None and session else SessionFacts(),
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

    # ================================================================ closing
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
            if self.ask_before_quitting and not self._ask_paused(self.confirm_quit):
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
