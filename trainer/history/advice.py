"""The training plan and gentle next-time suggestions, from the history alone.

Rules follow docs/ARCHITECTURE.md, "Safety content: where its facts come from": the Royal
Osteoporosis Society's "Strong, Steady and Straight" (2–3 times a week, not on consecutive days;
build up to 3 sets of up to 8 repetitions; pain during an exercise is a reason to stop it; mild
discomfort afterwards is normal). Everything here is a suggestion for the user to accept or ignore,
never an instruction, and never a diagnosis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from trainer.content.safety import CHAIR_VARIANT, DEFAULT_VARIANT
from trainer.history.progress import counted, last_session_day, sessions_in_week, week_start
from trainer.history.records import Comfort, SessionRecord
from trainer.text import plural

__all__ = [
    "MAX_REPS",
    "MAX_SETS",
    "Suggestion",
    "WeeklyPlan",
    "next_planned_day",
    "plan_line",
    "slower_tempo",
    "suggestions",
]

# Royal Osteoporosis Society: build up to 3 sets of up to 8 repetitions.
MAX_SETS = 3
MAX_REPS = 8
# Slowing the lowering phase beyond this stops being a gentle step.
MAX_LOWER_S = 5.0

ROS_BUILD_UP = "(Royal Osteoporosis Society guidance: build up to 3 sets of up to 8)"

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class WeeklyPlan:
    """How many sessions a week the user aims for (the sources say 2–3)."""

    min_per_week: int = 2
    max_per_week: int = 3

    def __post_init__(self) -> None:
        if not 1 <= self.min_per_week <= 7:
            raise ValueError(f"min_per_week must be between 1 and 7, got {self.min_per_week}")
        if not self.min_per_week <= self.max_per_week <= 7:
            raise ValueError(
                f"max_per_week must be between min_per_week ({self.min_per_week}) and 7, "
                f"got {self.max_per_week}"
            )

    def range_text(self) -> str:
        if self.min_per_week == self.max_per_week:
            return str(self.min_per_week)
        return f"{self.min_per_week}–{self.max_per_week}"


def next_planned_day(sessions: Sequence[SessionRecord], today: date, plan: WeeklyPlan) -> date:
    """The earliest good day for the next session: never before today, never the day after a session,
    and not again this week once the week's maximum is reached."""
    day = today
    last = last_session_day(sessions)
    if last is not None:
        # A rest day between sessions: the day after tomorrow counted from the last session.
        day = max(day, last + timedelta(days=2))
    this_monday = week_start(today)
    if sessions_in_week(sessions, this_monday) >= plan.max_per_week:
        day = max(day, this_monday + timedelta(weeks=1))
    return day


def _day_text(day: date) -> str:
    # Written out by hand: strftime follows the machine's locale, the app's texts are English.
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def plan_line(sessions: Sequence[SessionRecord], today: date, plan: WeeklyPlan) -> str:
    """The launch line, e.g. "Next session: tomorrow, Thursday (1 of 2–3 this week done)"."""
    day = next_planned_day(sessions, today, plan)
    if day == today:
        when = "today"
    elif day == today + timedelta(days=1):
        when = f"tomorrow, {_DAYS[day.weekday()]}"
    else:
        when = _day_text(day)
    done = sessions_in_week(sessions, week_start(today))
    if done > plan.max_per_week:  # "8 of 2–3 done" read as a count gone wrong
        return f"Next session: {when} ({done} this week, more than the {plan.range_text()} planned)"
    return f"Next session: {when} ({done} of {plan.range_text()} this week done)"


@dataclass(frozen=True)
class Suggestion:
    """One idea for next time; the fields are a ready-made plan the UI may offer to apply."""

    kind: str  # start | after_pain | build_up | progress | hold
    text: str
    variant: str | None = None
    sets: int | None = None
    reps: int | None = None
    tempo: str | None = None


def slower_tempo(tempo: str) -> str | None:
    """The same tempo with one more second to lower (up to 5 s); None if already there or unreadable.

    "3-1-3-1" means lift-squeeze-lower-relax seconds.
    """
    parts = tempo.split("-")
    if len(parts) != 4:
        return None
    try:
        seconds = [float(p) for p in parts]
    except ValueError:
        return None
    if seconds[2] >= MAX_LOWER_S:
        return None
    seconds[2] = min(seconds[2] + 1, MAX_LOWER_S)
    return "-".join(f"{x:g}" for x in seconds)


def _answers(session: SessionRecord) -> list[Comfort]:
    return [st.comfort for st in session.sets if st.comfort is not None]


def _felt_fine(session: SessionRecord) -> bool:
    """Every answered "How did that feel?" was fine, with at least one answer (silence is not "fine")."""
    answers = _answers(session)
    return bool(answers) and all(a is Comfort.FINE for a in answers) and not session.had_pain


def _full_3x8(session: SessionRecord) -> bool:
    return sum(1 for st in session.sets if st.done_reps >= MAX_REPS) >= MAX_SETS


def _plan_done(session: SessionRecord) -> bool:
    """All planned sets were done with all planned reps."""
    done = [st for st in session.sets if st.done_reps >= session.planned_reps]
    return len(done) >= session.planned_sets


def _keep(last: SessionRecord, text: str) -> Suggestion:
    """A "hold": the same plan as last time."""
    return Suggestion(
        kind="hold",
        text=text,
        variant=last.variant,
        sets=last.planned_sets,
        reps=last.planned_reps,
        tempo=last.tempo,
    )


def _sets_of(sets: int, reps: int) -> str:
    return f"{plural(sets, 'set')} of {reps}"


def suggestions(
    sessions: Sequence[SessionRecord],
    plan_sets: int = 3,
    plan_reps: int = 8,
    variant: str = DEFAULT_VARIANT,
) -> list[Suggestion]:
    """Ideas for the next session, judged from the most recent one (two for "progress").

    ``plan_sets``/``plan_reps``/``variant`` are the current settings, used when there is no history.
    Always returns at least one suggestion.
    """
    # A session where nothing was done still matters if it ended in pain.
    relevant = sorted((s for s in sessions if counted(s) or s.had_pain), key=lambda s: s.started_at)
    if not relevant:
        return [
            Suggestion(
                kind="start",
                text=(
                    "Start with what feels comfortable — fewer reps is fine. Over the weeks, build up to "
                    "3 sets of 8 (Royal Osteoporosis Society guidance). Mild aching afterwards is normal; "
                    "if something hurts during the exercise, stop."
                ),
                variant=variant,
                sets=min(plan_sets, MAX_SETS),
                reps=min(plan_reps, MAX_REPS),
            )
        ]

    last = relevant[-1]
    same_text = _sets_of(last.planned_sets, last.planned_reps)

    if last.had_pain:
        # Alone on purpose: after pain the only idea offered is a gentler one, never "more".
        reps = max(3, last.planned_reps - 3)
        # Already on the chair: only fewer reps (not "try the chair version").
        gentler = "fewer reps" if last.variant == CHAIR_VARIANT else "the chair version with fewer reps"
        return [
            Suggestion(
                kind="after_pain",
                text=(
                    f"You felt pain last time. When you feel ready, you could try {gentler}: "
                    f"{_sets_of(2, reps)}. Stop any exercise that hurts. If the pain was in "
                    "your back or shoulder, or it has not settled, talk to your physiotherapist or doctor "
                    "before carrying on."
                ),
                variant=CHAIR_VARIANT,
                sets=2,
                reps=reps,
                tempo=last.tempo,
            )
        ]

    if Comfort.TIRED in _answers(last):
        return [
            _keep(
                last,
                "Some sets felt tiring, and that is fine. Keep the same plan next time "
                f"({same_text}) and build up when it feels easier.",
            )
        ]

    if len(relevant) >= 2 and all(_full_3x8(s) and _felt_fine(s) for s in relevant[-2:]):
        out = []
        tempo = slower_tempo(last.tempo)
        if tempo is not None:
            lower = tempo.split("-")[2]
            out.append(
                Suggestion(
                    kind="progress",
                    text=(
                        "3 sets of 8 felt fine twice in a row — well done. One option: a slower tempo, "
                        f"taking {lower} seconds to lower ({tempo})."
                    ),
                    variant=last.variant,
                    sets=MAX_SETS,
                    reps=MAX_REPS,
                    tempo=tempo,
                )
            )
        out.append(
            Suggestion(
                kind="progress",
                text=(
                    "Another option: a little more weight (for example from 1 lb to 2 lb), "
                    "only if it feels right to you."
                    if out
                    else "3 sets of 8 felt fine twice in a row — well done. One option: a little more "
                    "weight (for example from 1 lb to 2 lb), only if it feels right to you."
                ),
                variant=last.variant,
                sets=MAX_SETS,
                reps=MAX_REPS,
                tempo=last.tempo,
            )
        )
        return out

    if _felt_fine(last) and _plan_done(last) and not _full_3x8(last):
        # A finished plan short of 3x8 means fewer than 8 reps or fewer than 3 sets: grow reps first.
        if last.planned_reps < MAX_REPS:
            sets, reps = last.planned_sets, last.planned_reps + 1
            step = "one more rep in each set"
        else:
            sets, reps = last.planned_sets + 1, MAX_REPS
            step = "one more set"
        return [
            Suggestion(
                kind="build_up",
                text=(
                    f"That felt fine. Next time you could try {step}: {_sets_of(sets, reps)} {ROS_BUILD_UP}."
                ),
                variant=last.variant,
                sets=sets,
                reps=reps,
                tempo=last.tempo,
            )
        ]

    # Everything else keeps the plan: first fine 3×8, an unfinished plan, or no comfort answers.
    if _full_3x8(last) and _felt_fine(last):
        text = (
            "3 sets of 8 felt fine. Keep the same next time; if it feels fine again, you could try a "
            "slower tempo or a little more weight."
        )
    elif not _plan_done(last):
        text = (
            f"Try the same plan again next time ({same_text}). "
            "Do what feels comfortable — fewer reps is fine."
        )
    else:
        text = (
            f"Keep the same plan next time ({same_text}). Answering “How did that feel?” after each set "
            "helps the app suggest when to build up."
        )
    return [_keep(last, text)]
