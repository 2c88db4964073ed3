"""Every text of the session screen and what each key does, as a pure function of the session's
state on the fake clock: no window, no display."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fixed_time import fixed_clocks
from trainer.content import Exercise
from trainer.present import ScreenState, SessionFacts, fmt_countdown, fmt_duration, present, session_facts
from trainer.present.screen_state import (
    FOLLOW_LEAVE,
    PAIN_ADVICE,
    PAIN_SUMMARY,
    PAUSED_HINT,
    READY_HINT,
    follow_caption,
    idle_caption,
)
from trainer.session import Comfort, Kind, ManualClock, Plan, SessionController, Status
from trainer.session.events import EndReason, SessionCompleted, TimedEvent


class Run:
    """A session on a pinned clock, and the screen it would show."""

    def __init__(self, exercise: Exercise, variant: str = "kneeling", **plan_kw: Any) -> None:
        self.exercise = exercise
        self.clock = ManualClock()
        clocks = fixed_clocks(monotonic=self.clock)
        self.plan = Plan.from_exercise(exercise, variant, **plan_kw)
        self.ctl = SessionController(self.plan, exercise, clocks.monotonic)
        self.summary: SessionCompleted | None = None
        self.ctl.add_listener(self._on_event)

    def _on_event(self, event: TimedEvent, late_ms: float) -> None:
        if isinstance(event.payload, SessionCompleted):
            self.summary = event.payload

    def start(self) -> Run:
        self.ctl.start()
        self.ctl.tick()
        return self

    def advance(self, seconds: float, step: float = 0.05) -> Run:
        for _ in range(round(seconds / step)):
            self.clock.advance(step)
            self.ctl.tick()
        return self

    def until(self, kind: Kind) -> Run:
        while self.ctl.view().kind is not kind and self.ctl.status is Status.RUNNING:
            self.advance(0.05)
        return self

    def screen(self, **kw: Any) -> ScreenState:
        return present(self.exercise, self.ctl.plan, session_facts(self.ctl), summary=self.summary, **kw)


def test_ready_screen_shows_the_plan_and_what_to_do(exercise: Exercise) -> None:
    plan = Plan.from_exercise(exercise, "kneeling")
    s = present(exercise, plan, SessionFacts())
    assert (s.set_line, s.rep_line, s.next_line) == ("3 sets × 8 reps", "Ready", READY_HINT)
    assert (s.side_line, s.phase_line, s.countdown) == ("", "", "")
    assert s.kind is None and s.show_setup and s.show_help and not s.show_summary and s.comfort is None
    assert (s.figure.variant, s.figure.side, s.figure.phase) == ("kneeling", "left", None)
    assert s.button_text("start") == "Start\n[Space]"
    assert s.key_meaning("Space") == "Start"
    assert [k for k in "SADRF" if s.key_meaning(k)] == []  # nothing to skip, add, end or answer yet
    assert s.enabled == {"start"}
    # The history's line about the next planned day replaces the hint.
    assert present(exercise, plan, SessionFacts(), plan_line="Next: Friday").next_line == "Next: Friday"


def test_follow_along_caption_says_what_to_do_before_any_cue(exercise: Exercise) -> None:
    ready = present(exercise, Plan.from_exercise(exercise, "kneeling"), SessionFacts())
    assert follow_caption(ready, "") == f"Press Space to start. {FOLLOW_LEAVE}"
    paused = Run(exercise).start().until(Kind.PHASE)
    paused.ctl.toggle_pause()
    assert follow_caption(paused.screen(), "") == f"Press Space to resume. {FOLLOW_LEAVE}"
    assert follow_caption(ready, "Lift slowly") == "Lift slowly"  # a spoken cue takes the bar
    assert idle_caption(ready, "") == "Press Space to start."  # the normal window's bar
    assert idle_caption(ready, "Lift slowly") == "Lift slowly"


def test_ready_plurals(exercise: Exercise) -> None:
    one = Plan.from_exercise(exercise, "chair", sets=1, reps=1)
    assert present(exercise, one, SessionFacts()).set_line == "1 set × 1 rep"
    assert present(exercise, one, SessionFacts()).figure.side is None  # no knee on the floor in a chair


def test_get_ready_counts_down_and_says_what_follows(exercise: Exercise) -> None:
    r = Run(exercise).start()
    s = r.screen()
    assert (s.status, s.kind) == (Status.RUNNING, Kind.GET_READY)
    assert (s.set_line, s.rep_line, s.side_line) == ("Set 1 of 3", "Get ready", "Left knee down")
    assert s.phase_line == exercise.variant("kneeling").setup_text("left")
    assert s.countdown == "10"
    assert s.next_line == f"Then 8 reps, tempo {r.plan.tempo} seconds"
    r.advance(2.5)
    assert r.screen().countdown == "8"  # 7.5 s left shows as 8: never 0 while time remains
    assert s.key_meaning("Space") == "Pause" and s.button_text("start") == "Pause\n[Space]"
    assert s.key_meaning("R") == "Restart set" and s.key_meaning("Esc") == "Stop…"
    assert s.key_meaning("D") == "" and s.key_meaning("S") == "" and s.key_meaning("F") == ""
    assert s.key_meaning("P") == "Pain: stop the session"  # pain ends the session at any moment
    assert s.comfort is None and s.show_help and not s.show_setup


def test_during_a_set_the_counter_and_phase_words(exercise: Exercise) -> None:
    r = Run(exercise, reps=2).start().until(Kind.PHASE)
    s = r.screen()
    assert (s.set_line, s.rep_line, s.side_line) == ("Set 1 of 3", "Rep 1 of 2", "Left knee down")
    assert s.phase_line == exercise.phases["lift"].words
    assert (s.countdown, s.next_line) == ("", "")
    assert (s.figure.phase, s.figure.side, s.figure.resting) == ("lift", "left", False)
    assert s.key_meaning("D") == "Done with this set" and s.key_meaning("S") == ""
    r.advance(r.plan.tempo.lift + r.plan.tempo.squeeze + 0.1)
    assert r.screen().phase_line == exercise.phases["lower"].words


def test_paused_says_so_and_space_resumes(exercise: Exercise) -> None:
    r = Run(exercise).start().until(Kind.PHASE)
    r.ctl.toggle_pause()
    s = r.screen()
    assert s.status is Status.PAUSED
    assert (s.countdown, s.next_line) == ("Paused", PAUSED_HINT)
    assert s.rep_line == "Rep 1 of 8"  # the counter stays where it was
    assert s.start_label == "Resume" and s.key_meaning("Space") == "Resume"
    r.ctl.toggle_pause()
    r.ctl.tick()
    assert r.screen().rep_line == "Resuming"


def test_restart_title(exercise: Exercise) -> None:
    r = Run(exercise).start().until(Kind.PHASE)
    assert r.ctl.restart_set()
    assert r.screen().rep_line == "Again"


def test_rest_counts_down_says_what_comes_next_and_asks(exercise: Exercise) -> None:
    r = Run(exercise, reps=1, rest_s=75).start().until(Kind.REST)
    s = r.screen()
    assert (s.set_line, s.rep_line, s.side_line) == ("Set 1 of 3 done", "Rest", "Switch knees")
    assert s.countdown == "1:15"
    assert s.next_line == "Next: set 2 of 3 — 1 rep, right knee"
    assert s.comfort is not None and s.comfort.set_no == 1 and s.comfort.answer is None
    assert s.comfort.question == "How did set 1 feel?"
    assert s.figure.resting and not s.show_help
    assert s.key_meaning("S") == "Skip rest" and s.key_meaning("A") == "Add 30 s rest"
    assert s.key_meaning("F") == "That set felt fine" and s.key_meaning("T") == "That set felt tiring"
    assert s.key_meaning("D") == ""
    r.ctl.answer_comfort(Comfort.TIRED)
    s = r.screen()
    assert s.comfort is not None and s.comfort.answer is Comfort.TIRED
    assert s.comfort.hint == "Thank you — noted."
    r.advance(75 - 5.5)  # the last seconds: the figure gets into position on the next knee
    assert not r.screen().figure.resting and r.screen().figure.side == "right"


def test_chair_rest_has_no_knees(exercise: Exercise) -> None:
    r = Run(exercise, "chair", reps=1).start().until(Kind.REST)
    s = r.screen()
    assert s.side_line == "" and s.next_line == "Next: set 2 of 3 — 1 rep"


def test_summary_after_a_whole_session(exercise: Exercise) -> None:
    r = Run(exercise, sets=2, reps=1, rest_s=0).start()
    r.advance(60)
    assert r.ctl.finished and r.summary is not None
    s = r.screen(suggestion="Keep the same plan")
    assert (s.set_line, s.rep_line) == ("Session complete", "Well done!")
    assert (
        s.phase_line
        == f"2 sets · 2 reps · {fmt_duration(r.ctl.session_time())}\nPress Start (Space) for another session."
    )
    assert s.summary_text == "2 sets · 2 reps."
    assert s.show_summary and s.show_setup and not s.show_help
    assert s.suggestion_line == ""  # the launch-time suggestion gives way to the summary's advice
    assert s.start_label == "Start again" and s.key_meaning("Space") == "Start again"
    assert [k for k in "SADR" if s.key_meaning(k)] == [] and s.key_meaning("Esc") == ""
    assert s.comfort is not None and s.comfort.set_no == 2  # the last set can still be answered
    assert s.figure.resting


def test_summary_plurals_and_advice_bullets(exercise: Exercise) -> None:
    one = SessionCompleted(1, 1, 10.0)
    r = Run(exercise, sets=1, reps=1)
    s = present(exercise, r.plan, SessionFacts(), summary=one, advice=("Add a rep", "Slow down", "third"))
    assert s.summary_text == "1 set · 1 rep."
    assert s.advice == ("• Add a rep", "• Slow down")  # two at most
    with_history = present(exercise, r.plan, SessionFacts(), summary=one, history_line="Today: 1 set of 1.")
    assert with_history.summary_text == "Today: 1 set of 1."


def test_pain_ends_gently_and_every_text_agrees(exercise: Exercise) -> None:
    r = Run(exercise).start().until(Kind.PHASE)
    assert r.ctl.answer_comfort(Comfort.PAIN)
    assert r.summary is not None and r.summary.reason is EndReason.PAIN
    s = r.screen(suggestion="Keep the same plan", advice=("Rest until the pain settles",))
    assert (s.set_line, s.rep_line, s.phase_line) == ("Session ended", "Rest now", PAIN_ADVICE)
    assert s.summary_text.startswith(PAIN_SUMMARY)
    assert s.suggestion_line == "" and "same plan" not in " ".join((s.summary_text, *s.advice))
    assert s.advice == ("• Rest until the pain settles",)
    # The history's own line already speaks of pain: not said twice.
    said = r.screen(history_line="Stopped for pain after 1 rep.").summary_text
    assert said == "Stopped for pain after 1 rep."


def test_stopped_session(exercise: Exercise) -> None:
    r = Run(exercise).start().until(Kind.PHASE)
    t = r.plan.tempo
    r.advance(t.lift + t.squeeze + t.lower + t.relax + 0.2)
    assert r.ctl.stop()
    s = r.screen()
    assert (s.set_line, s.rep_line) == ("Session stopped", "Well done!")
    assert s.phase_line.startswith("1 set · 1 rep · ")
    assert s.summary_text == "1 set · 1 rep."


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.2, "1"), (9.0, "9"), (59.5, "1:00"), (60.0, "1:00"), (61.0, "1:01"), (125, "2:05")],
)
def test_countdown_text(seconds: float, text: str) -> None:
    assert fmt_countdown(seconds) == text


def test_duration_text() -> None:
    assert (fmt_duration(42.4), fmt_duration(60), fmt_duration(754)) == ("42 s", "1 min 00 s", "12 min 34 s")


def test_follow_next_adds_the_open_comfort_question_and_then_thanks(exercise: Exercise) -> None:
    from trainer.present import follow_next

    r = Run(exercise, reps=1, rest_s=75).start().until(Kind.GET_READY)
    assert follow_next(r.screen()) == r.screen().next_line  # no question open: as it is
    r.until(Kind.REST)
    assert follow_next(r.screen()) == (
        "Next: set 2 of 3 — 1 rep, right knee\nHow did set 1 feel? Press F (fine), T (tired) or P (pain)."
    )
    r.ctl.answer_comfort(Comfort.FINE)
    assert follow_next(r.screen()).endswith("\nSet 1: noted, thank you.")
