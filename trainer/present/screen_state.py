"""The session screen as data: `present()` turns the session's state into a frozen `ScreenState`
holding every text the screen shows, the figure's moment, which actions are enabled and what
each key does now. Pure (no Qt, no clock, no history reads): the window gathers the facts,
`SessionScreen` and the buttons only render the result.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from trainer.content import Exercise
from trainer.present.actions import ACTIONS, action
from trainer.session.controller import SessionController, Status
from trainer.session.events import Comfort, EndReason, SessionCompleted
from trainer.session.plan import Plan
from trainer.session.timeline import Kind, SessionView
from trainer.text import plural

READY_HINT = "Choose a variant, then press Start (Space)."
PAUSED_HINT = "Press Space to resume (3-second get-ready)."
PAIN_ADVICE = (
    "Pain means stop. Put the weights down carefully and rest. If it does not settle, "
    "talk to your physiotherapist or doctor before the next session."
)
PAIN_SUMMARY = "You reported pain, so the session ended."
REST_WORDS = "Weights down. Breathe, loosen your shoulders."
START_LABELS = {
    Status.READY: "Start",
    Status.RUNNING: "Pause",
    Status.PAUSED: "Resume",
    Status.FINISHED: "Start again",
}
GET_READY_TITLES = {"resume": "Resuming", "restart": "Again"}


def fmt_duration(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 60} min {s % 60:02d} s" if s >= 60 else f"{s} s"


def fmt_countdown(seconds: float) -> str:
    s = math.ceil(seconds - 1e-6)
    return f"{s // 60}:{s % 60:02d}" if s >= 60 else str(s)


@dataclass(frozen=True)
class FigureMoment:
    """What the figure draws: variant, knee on the floor, phase and 0..1 progress in it."""

    variant: str
    side: str | None
    phase: str | None
    progress: float
    resting: bool = False


@dataclass(frozen=True)
class ComfortQuestion:
    set_no: int
    answer: Comfort | None
    question: str
    hint: str


@dataclass(frozen=True)
class SessionFacts:
    """What the controller knows at one frame (see `session_facts`); READY before any session."""

    status: Status = Status.READY
    view: SessionView | None = None
    allowed: frozenset[str] = frozenset()  # controls the controller allows now (SessionController.can)
    comfort_target: int | None = None
    comfort_answer: Comfort | None = None
    reps_by_set: Mapping[int, int] = field(default_factory=dict)


def session_facts(ctl: SessionController | None, view: SessionView | None = None) -> SessionFacts:
    if ctl is None:
        return SessionFacts()
    target = ctl.comfort_target()
    controls = {"skip_rest", "add_rest", "end_set", "restart_set", "stop"}
    allowed = ctl.allowed() & controls
    return SessionFacts(
        status=ctl.status,
        view=view if view is not None else ctl.view(),
        allowed=allowed,
        comfort_target=target,
        comfort_answer=ctl.comfort.get(target) if target is not None else None,
        reps_by_set=dict(ctl.timeline.reps_by_set),
    )


@dataclass(frozen=True)
class ScreenState:
    status: Status
    kind: Kind | None  # None before the first session
    set_line: str  # the header: the plan before a session, "Set 2 of 3" during it
    rep_line: str  # the big counter: "Ready", "Rep 3 of 8", "Rest", …
    side_line: str  # the knee on the floor
    phase_line: str  # phase words, set-up words, the summary line or the pain advice
    countdown: str
    next_line: str  # what comes next
    caption: str
    figure: FigureMoment
    comfort: ComfortQuestion | None  # the "How did that feel?" question, when it is open
    show_setup: bool  # the plan form (before and after a session)
    show_help: bool  # the steps and tips (not while resting or after the session)
    show_summary: bool
    summary_text: str
    advice: tuple[str, ...]  # bulleted suggestions for next time
    suggestion_line: str  # the launch-time suggestion above the plan form
    start_label: str  # the start button's word: Start, Pause, Resume, Start again
    enabled: frozenset[str]  # ids of the session actions that do something now
    text_scale: float = 1.0

    def can(self, action_id: str) -> bool:
        spec = action(action_id)
        return action_id in self.enabled if spec.session else True

    def button_text(self, action_id: str) -> str:
        """The big button's two lines: its words, then its key."""
        spec = action(action_id)
        words = self.start_label if action_id == "start" else spec.button
        return f"{words}\n[{spec.keys[0]}]"

    def key_meaning(self, key: str) -> str:
        """What pressing `key` does now ("" when it does nothing)."""
        for spec in ACTIONS:
            if key in spec.keys:
                if not self.can(spec.id):
                    return ""
                return self.start_label if spec.id == "start" else spec.label.replace("&", "")
        return ""


FOLLOW_LEAVE = "Esc leaves full screen."


def idle_caption(state: ScreenState, caption: str) -> str:
    """The caption bar: the last spoken cue, or while nothing has been said yet (the ready
    screen) what to do now, so the bar is not an empty dark band."""
    if caption:
        return caption
    meaning = state.key_meaning("Space")
    return f"Press Space to {meaning.lower()}." if meaning else ""


def follow_caption(state: ScreenState, caption: str) -> str:
    """The follow-along screen's caption bar: as `idle_caption`, and how to leave full screen."""
    if caption:
        return caption
    hint = idle_caption(state, "")
    return f"{hint} {FOLLOW_LEAVE}" if hint else FOLLOW_LEAVE


def follow_next(state: ScreenState) -> str:
    """Follow-along's words under the counters: what comes next and, in a rest, the comfort
    question with its keys (that screen has no buttons for it: asked only aloud and in the
    passing caption, it was gone from the screen by the next cue)."""
    q = state.comfort
    if q is None:
        return state.next_line
    ask = (
        f"Set {q.set_no}: noted, thank you."
        if q.answer
        else f"{q.question} Press F (fine), T (tired) or P (pain)."
    )
    return f"{state.next_line}\n{ask}" if state.next_line else ask


def _comfort(target: int | None, answer: Comfort | None) -> ComfortQuestion | None:
    if target is None:
        return None
    hint = "Thank you — noted." if answer else "Press F, T or P (or a button). No answer is fine too."
    return ComfortQuestion(target, answer, f"How did set {target} feel?", hint)


def summary_text(summary: SessionCompleted | None, history_line: str = "") -> str:
    """The summary panel's line: the history's own summary when there is one, else the counts;
    a session ended by pain says so first."""
    sets, reps = (summary.sets, summary.reps_total) if summary else (0, 0)
    lines = [history_line or f"{plural(sets, 'set')} · {plural(reps, 'rep')}."]
    if summary and summary.reason is EndReason.PAIN and not any("pain" in line for line in lines):
        lines.insert(0, PAIN_SUMMARY)
    return " ".join(lines)


def present(
    exercise: Exercise,
    plan: Plan,
    facts: SessionFacts,
    *,
    summary: SessionCompleted | None = None,
    history_line: str = "",
    advice: tuple[str, ...] = (),
    suggestion: str = "",
    plan_line: str = "",
    caption: str = "",
    text_scale: float = 1.0,
) -> ScreenState:
    """The screen for one moment. `plan` is the session's plan (before a session: the one chosen
    in the form); `history_line` and `advice` are what the history says after the session;
    `suggestion` and `plan_line` what it says at launch (next planned day)."""
    status, view = facts.status, facts.view
    enabled = set(facts.allowed)
    enabled.add("start")
    comfort_open = facts.comfort_target is not None
    if comfort_open:
        enabled |= {"comfort_fine", "comfort_tired"}
    if comfort_open or status in (Status.RUNNING, Status.PAUSED):
        enabled.add("comfort_pain")
    kind = view.kind if view is not None and status is not Status.READY else None
    texts, figure = _texts(exercise, plan, facts, summary, plan_line)
    set_line, rep_line, side_line, phase_line, countdown, next_line = texts
    if status is Status.PAUSED:
        countdown, next_line = "Paused", PAUSED_HINT
    resting_or_done = kind in (Kind.REST, Kind.DONE)
    return ScreenState(
        status=status,
        kind=kind,
        set_line=set_line,
        rep_line=rep_line,
        side_line=side_line,
        phase_line=phase_line,
        countdown=countdown,
        next_line=next_line,
        caption=caption,
        figure=figure,
        comfort=_comfort(facts.comfort_target, facts.comfort_answer) if resting_or_done else None,
        show_setup=kind in (None, Kind.DONE),
        # Between sets and after the session the column holds the question and the summary;
        # the steps come back with the next set.
        show_help=not resting_or_done,
        show_summary=kind is Kind.DONE,
        summary_text=summary_text(summary, history_line),
        advice=tuple(f"• {a}" for a in advice[:2]),
        # After a session the advice below the summary replaces the launch-time suggestion, which
        # could otherwise still say "keep the same plan" next to a session that ended in pain.
        suggestion_line="" if kind is Kind.DONE else suggestion,
        start_label=START_LABELS[status],
        enabled=frozenset(enabled),
        text_scale=text_scale,
    )


def _texts(
    exercise: Exercise, plan: Plan, facts: SessionFacts, summary: SessionCompleted | None, plan_line: str
) -> tuple[tuple[str, str, str, str, str, str], FigureMoment]:
    """(set, rep, side, phase, countdown, next) lines and the figure's moment."""
    view = facts.view
    if view is None or facts.status is Status.READY:
        first = exercise.variant(plan.variant).first_side
        return (
            f"{plural(plan.sets, 'set')} × {plural(plan.reps, 'rep')}",
            "Ready",
            "",
            "",  # the plan and suggestion sit in the form; here only what to do next
            "",
            plan_line or READY_HINT,
        ), FigureMoment(plan.variant, first, None, 0.0)
    side_text = f"{view.side.capitalize()} knee down" if view.side else ""
    if view.kind is Kind.DONE:
        reps = summary.reps_total if summary else sum(facts.reps_by_set.values())
        sets = summary.sets if summary else len(facts.reps_by_set)
        stopped = summary is not None and summary.stopped
        pain = summary is not None and summary.reason is EndReason.PAIN
        return (
            "Session ended" if pain else "Session stopped" if stopped else "Session complete",
            "Rest now" if pain else "Well done!",
            "",
            PAIN_ADVICE
            if pain
            else f"{plural(sets, 'set')} · {plural(reps, 'rep')} · {fmt_duration(view.t)}\n"
            "Press Start (Space) for another session.",
            "",
            "",
        ), FigureMoment(plan.variant, plan.side_for(1), None, 0.0, resting=True)
    if view.kind is Kind.GET_READY:
        return (
            f"Set {view.set_no} of {view.sets}",
            GET_READY_TITLES.get(view.label, "Get ready"),
            side_text,
            exercise.variant(plan.variant).setup_text(view.side or ""),
            fmt_countdown(view.remaining),
            f"Then {plural(view.reps, 'rep')}, tempo {plan.tempo} seconds",
        ), FigureMoment(plan.variant, view.side, None, 0.0)
    if view.kind is Kind.REST:
        side = f", {view.side} knee" if view.side else ""
        resting = view.remaining > 6.0  # the figure gets into position for the last seconds
        return (
            f"Set {view.set_no} of {view.sets} done",
            "Rest",
            "Switch knees" if view.side and plan.switch_sides else "",
            REST_WORDS,
            fmt_countdown(view.remaining),
            f"Next: set {view.set_no + 1} of {view.sets} — {plural(view.reps, 'rep')}{side}",
        ), FigureMoment(
            plan.variant, view.side if not resting else plan.side_for(view.set_no), None, 0.0, resting=resting
        )
    phase = view.phase or "lift"
    return (
        f"Set {view.set_no} of {view.sets}",
        f"Rep {view.rep} of {view.reps}",
        side_text,
        exercise.phases[phase].words,
        "",
        "",
    ), FigureMoment(plan.variant, view.side, phase, view.phase_progress)
