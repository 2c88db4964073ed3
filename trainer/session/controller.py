"""Maps a monotonic clock to session time and hands out due events.

The controller owns no timer: the window calls tick() every frame (and tests call it after
moving a fake clock). Pause moves the offset, speed scales it, a jump of the clock (a laptop
that slept) pauses instead of skipping ahead.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from trainer.content import Exercise
from trainer.session.events import (
    Comfort,
    ComfortAnswered,
    EndReason,
    Event,
    Paused,
    PauseReason,
    Resumed,
    ResumeReason,
    SessionCompleted,
    TimedEvent,
)
from trainer.session.plan import Plan
from trainer.session.timeline import EPS, Kind, SessionView, Timeline

Clock = Callable[[], float]
Listener = Callable[[TimedEvent, float], None]  # (event, late_ms)


class Status(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class SessionController:
    def __init__(
        self,
        plan: Plan,
        exercise: Exercise,
        clock: Clock,
        speed: float = 1.0,
        jump_threshold_s: float = 5.0,
        resume_get_ready_s: float = 3.0,
    ) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be above 0, got {speed}")
        self.plan = plan
        self.exercise = exercise
        self.clock = clock
        self.speed = speed
        self.jump_threshold_s = jump_threshold_s
        # Unattended runs (--rehearse): nobody is there to press Resume after a clock jump.
        self.auto_resume = False
        self.resume_get_ready_s = resume_get_ready_s
        self.timeline = Timeline.compile(plan, exercise)
        self.status = Status.READY
        self._listeners: list[Listener] = []
        # events[:cursor] have been handed out; re-planning keeps exactly those (it cuts only
        # after t, and everything up to t was handed out first), so the cursor stays valid.
        self._cursor = 0
        self._anchor_clock = 0.0
        self._anchor_t = 0.0
        self._paused_t = 0.0
        self._last_clock = 0.0
        self._last_t = 0.0
        self.comfort: dict[int, Comfort] = {}  # set -> answer to "How did that feel?"

    # ---------------------------------------------------------------- wiring
    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, event: TimedEvent, late_ms: float) -> None:
        if isinstance(event.payload, ComfortAnswered):
            self.comfort[event.payload.after_set] = event.payload.answer
        for listener in self._listeners:
            listener(event, late_ms)

    @property
    def finished(self) -> bool:
        return self.status is Status.FINISHED

    # ---------------------------------------------------------------- time
    def session_time(self) -> float:
        if self.status is Status.RUNNING:
            t = self._anchor_t + (self.clock() - self._anchor_clock) * self.speed
            return min(t, self.timeline.end_time)
        if self.status is Status.READY:
            return 0.0
        if self.status is Status.FINISHED:
            return self.timeline.end_time
        return self._paused_t

    def view(self) -> SessionView:
        return self.timeline.view_at(self.session_time())

    def tick(self) -> SessionView:
        """Advance to the clock's time, hand out every due event, return what to show."""
        if self.status is Status.RUNNING:
            now = self.clock()
            if now - self._last_clock > self.jump_threshold_s:
                # The machine slept or hung: pause where we were rather than skip ahead.
                self._pause_at(self._last_t, PauseReason.CLOCK_JUMP)
                if self.auto_resume:
                    self.resume(ResumeReason.UNATTENDED)
                return self.view()
            self._last_clock = now
            t = self.session_time()
            self._dispatch_until(t)
            self._last_t = t
        return self.view()

    def _dispatch_until(self, t: float) -> None:
        events = self.timeline.events
        while self._cursor < len(events) and events[self._cursor].t <= t + EPS:
            ev = events[self._cursor]
            self._cursor += 1
            late_ms = max(0.0, (t - ev.t) / self.speed * 1000.0)
            self._emit(ev, late_ms)
            if isinstance(ev.payload, SessionCompleted):
                self.status = Status.FINISHED

    def _emit_now(self, payload: Event, t: float) -> None:
        self._emit(TimedEvent(t, payload), 0.0)

    # ---------------------------------------------------------------- controls
    def start(self) -> None:
        if self.status is not Status.READY:
            return
        self.status = Status.RUNNING
        self._anchor_clock = self._last_clock = self.clock()
        self._anchor_t = self._last_t = 0.0
        self._dispatch_until(0.0)

    def _sync(self) -> float:
        """Hand out what is due before a control changes the plan; returns t."""
        if self.status is Status.RUNNING:
            self.tick()
        return self.session_time()

    def _pause_at(self, t: float, reason: PauseReason | None = None) -> None:
        self._paused_t = t
        self.status = Status.PAUSED
        self._emit_now(Paused(reason), t)

    def pause(self) -> None:
        if self.status is not Status.RUNNING:
            return
        t = self._sync()
        if self.status is Status.RUNNING:
            self._pause_at(t)

    def resume(self, reason: ResumeReason | None = None) -> None:
        if self.status is not Status.PAUSED:
            return
        t = self._paused_t
        self._emit_now(Resumed(reason), t)
        self.timeline.replan_resume(t, self.resume_get_ready_s)
        self._run_from(t)

    def toggle_pause(self) -> None:
        if self.status is Status.RUNNING:
            self.pause()
        elif self.status is Status.PAUSED:
            self.resume()
        elif self.status is Status.READY:
            self.start()

    def _run_from(self, t: float) -> None:
        self.status = Status.RUNNING
        self._anchor_clock = self._last_clock = self.clock()
        self._anchor_t = self._last_t = t
        self._dispatch_until(t)

    def _replan(self, action: Callable[[float], object]) -> bool:
        if self.status not in (Status.RUNNING, Status.PAUSED):
            return False
        was_paused = self.status is Status.PAUSED
        t = self._sync()
        if self.finished:  # _sync may have handed out the session's end
            return False
        result = action(t)
        if result is None or result is False:
            return False
        if was_paused:
            self._emit_now(Resumed(), t)
        self._run_from(t)
        return True

    def end_set_early(self) -> bool:
        """'Done with this set': keeps the reps done so far."""
        return self._replan(self.timeline.replan_end_set)

    def skip_rest(self) -> bool:
        return self._replan(lambda t: self.timeline.replan_skip_rest(t, self.resume_get_ready_s))

    def add_rest(self, seconds: float = 30.0) -> bool:
        return self._replan(lambda t: self.timeline.replan_add_rest(t, seconds))

    def restart_set(self) -> bool:
        return self._replan(lambda t: self.timeline.replan_restart_set(t, self.resume_get_ready_s))

    def stop(self) -> bool:
        if self.status is Status.READY:
            self.status = Status.FINISHED
            return True
        if self.status not in (Status.RUNNING, Status.PAUSED):
            return False
        t = self._sync()
        if self.finished:
            return True
        self.timeline.replan_stop(t)
        self.status = Status.RUNNING
        self._dispatch_until(t)
        self.status = Status.FINISHED
        return True

    def comfort_target(self) -> int | None:
        """The set a "How did that feel?" answer is about right now (None: no question open)."""
        if self.status is Status.FINISHED:
            done = self.timeline.reps_by_set
            return max(done) if done else None
        if self.status in (Status.RUNNING, Status.PAUSED):
            seg = self.timeline.segment_at(self.session_time())
            if seg.kind is Kind.REST:
                return seg.set_no
        return None

    def answer_comfort(self, answer: Comfort) -> bool:
        """Fine or tired is noted for the set just done; pain ends the session gently, at any moment."""
        if self.status in (Status.RUNNING, Status.PAUSED):
            t = self._sync()
            if answer is Comfort.PAIN and not self.finished:
                self.timeline.replan_stop(t, EndReason.PAIN)
                self.status = Status.RUNNING
                self._dispatch_until(t)
                self.status = Status.FINISHED
                return True
        target = self.comfort_target()
        if target is None:
            return False
        self._emit_now(ComfortAnswered(target, answer), self.session_time())
        return True

    # ---------------------------------------------------------------- what is possible now
    def can(self, action: str) -> bool:
        return action in self.allowed()

    def allowed(self) -> frozenset[str]:
        """Every action that does something now (the screen asks each frame: one look at the timeline)."""
        if self.status is Status.READY:
            return frozenset({"start"})
        comfort = {"comfort"} if self.comfort_target() is not None else set()
        if self.status is Status.FINISHED:
            return frozenset(comfort)
        kind = self.view().kind
        possible = {
            "pause": True,
            "stop": True,
            "skip_rest": kind is Kind.REST,
            "add_rest": kind is Kind.REST,
            "end_set": kind is Kind.PHASE,
            "restart_set": kind in (Kind.PHASE, Kind.GET_READY),
        }
        return frozenset({a for a, ok in possible.items() if ok} | comfort)
