"""Runs the window's session: the controller on the window's clock, the voice coach, the history
recorder and the frame timer; the controls the keys, buttons and spoken commands reach; and what
the history says before and after. Each frame it hands the view to the window to show."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer

from trainer.history.recorder import HistoryRecorder
from trainer.session import Comfort, Plan, SessionController, Status, TimedEvent
from trainer.session.events import ComfortAnswered, PhaseStarted, SessionCompleted
from trainer.voice.coach import VoiceCoach

if TYPE_CHECKING:
    from typing import Any as MainWindow  # not the class: importing it would make a cycle

    from trainer.history.advice import Suggestion

log = logging.getLogger(__name__)


class SessionRunner:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.controller: SessionController | None = None
        self.coach: VoiceCoach | None = None
        self.recorder: HistoryRecorder | None = None
        self.last_summary: SessionCompleted | None = None
        self.frame_timer = QTimer(window)
        self.frame_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.frame_timer.setInterval(16)
        self.frame_timer.timeout.connect(self.on_frame)

    def start(self, plan: Plan) -> None:
        w = self.window
        ctl = SessionController(plan, w.exercise, w.clocks.monotonic, w.speed, w.jump_threshold_s)
        coach = self.coach = VoiceCoach(
            w.speaker, w.speed, w.set_caption, w.show_notice, density=w.voice.effective_density
        )
        coach.attach(ctl.timeline)
        self.recorder = None
        if w.history is not None:
            # First listener: a set is on disk before anything reports that it ended.
            self.recorder = HistoryRecorder(w.history, w.clocks.now, w.form.weight, w.show_notice)
            ctl.add_listener(self.recorder)
        for listener in (self._on_event, coach.handle, *w.listeners):
            ctl.add_listener(listener)
        self.controller = ctl
        coach.prepare(ctl.timeline.cue_texts())
        self.last_summary = None
        ctl.start()
        self.frame_timer.start()
        self.on_frame()

    def running(self) -> bool:
        return self.controller is not None and self.controller.status in (Status.RUNNING, Status.PAUSED)

    def toggle_start_pause(self) -> None:
        ctl = self.controller
        if ctl is None or ctl.status is Status.FINISHED:
            self.window.start_session()
            return
        ctl.toggle_pause()
        if ctl.status is Status.RUNNING:
            self.frame_timer.start()
        self.on_frame()

    def control(self, action: Callable[[SessionController], bool]) -> None:
        if self.controller is not None and action(self.controller):
            self.frame_timer.start()
            self.on_frame()

    def answer_comfort(self, answer: str) -> None:
        self.control(lambda c: c.answer_comfort(Comfort(answer)))  # a panel's signal carries text

    def ask_paused(self, ask: Callable[[], bool]) -> bool:
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
        if ctl is None or not self.running():
            return
        if self.ask_paused(self.window.confirm_stop):
            ctl.stop()
        self.frame_timer.start()
        self.on_frame()

    def on_frame(self) -> None:
        ctl = self.controller
        if ctl is None:
            return
        view = ctl.tick()
        if self.coach is not None and ctl.status in (Status.RUNNING, Status.FINISHED):
            self.coach.tick(view.t)  # speech follows the same clock as the picture
        self.window.refresh(view)
        if ctl.status is not Status.RUNNING:
            self.frame_timer.stop()

    def _on_event(self, event: TimedEvent, late_ms: float) -> None:
        p = event.payload
        if isinstance(p, PhaseStarted) and p.phase == "lift" and self.window.voice.flash:
            self.window.session_screen.flash()  # each rep starts with a flash: a beat to see
        if isinstance(p, SessionCompleted):
            self.last_summary = p
            self.window.update_summary()
            self.window.session_finished.emit(p)
        elif isinstance(p, ComfortAnswered) and self.controller is not None and self.controller.finished:
            self.window.update_summary()  # the history's summary counts the answer

    # ---------------------------------------------------------------- what the history says
    def launch_lines(self, plan: Plan) -> tuple[str, Suggestion | None] | None:
        """Before a session: the next planned day and the first suggestion (None: no history)."""
        w = self.window
        if w.history is None:
            return None
        from trainer.history.advice import plan_line, suggestions

        try:
            sessions = w.history.sessions()
            line = plan_line(sessions, w.clocks.today(), w.form.weekly_plan())
            tips = suggestions(sessions, plan.sets, plan.reps, plan.variant)
        except Exception as exc:  # the history is a help here, never a reason not to start
            log.warning("plan line: %s", exc)
            return None
        return line, tips[0] if tips else None

    def summary_lines(self, plan: Plan) -> tuple[str, list[Suggestion]] | None:
        """After a session: the history's summary of it and suggestions for next time."""
        w, rec = self.window, self.recorder
        if w.history is None or rec is None or rec.session_id is None:
            return None
        from trainer.history.advice import suggestions
        from trainer.history.progress import session_summary

        try:
            sessions = w.history.sessions()
        except Exception as exc:
            sessions = []
            log.warning("history not readable for the summary: %s", exc)
        mine = [x for x in sessions if x.id == rec.session_id]
        if not mine:
            return None
        found = suggestions(sessions, plan.sets, plan.reps, plan.variant)
        return session_summary(mine[0], sessions, w.clocks.today()), found

    def save_note(self, text: str) -> bool:
        w, rec = self.window, self.recorder
        if w.history is None or rec is None or rec.session_id is None:
            return False
        try:
            w.history.set_note(rec.session_id, text)
        except Exception as exc:
            w.show_notice(f"The note could not be saved: {exc}")
            return False
        return True
