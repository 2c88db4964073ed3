"""Progress figures from the history: weekly counts, reps over time, streaks, a summary line.

Pure functions over ``list[SessionRecord]`` (oldest first, as the store reads them back). "Today" is
always a parameter so that tests and the UI agree on what "this week" means. A session's day is the
calendar date of its ``started_at`` as recorded (local, timezone-aware), so no time zone is converted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from trainer.history.records import SessionRecord
from trainer.text import plural

__all__ = [
    "RepPoint",
    "counted",
    "last_session_day",
    "ordinal",
    "reps_per_session",
    "session_day",
    "session_summary",
    "sessions_in_week",
    "sessions_per_week",
    "total_reps",
    "week_start",
    "week_streak",
]

_ORDINAL_WORDS = (
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
)

PAIN_TEXT = "You reported pain. Rest, and talk to your physiotherapist or doctor before the next session."


@dataclass(frozen=True)
class RepPoint:
    """One point of the reps-over-time chart."""

    when: datetime
    reps: int
    variant: str
    weight: str


def counted(session: SessionRecord) -> bool:
    """A session counts once at least one rep was done (an opened-and-closed session is not training)."""
    return session.reps_done > 0


def session_day(session: SessionRecord) -> date:
    return session.started_at.date()


def week_start(day: date) -> date:
    """Monday of the ISO week that holds ``day``."""
    return day - timedelta(days=day.weekday())


def sessions_in_week(sessions: Iterable[SessionRecord], monday: date) -> int:
    """Counted sessions in the Monday–Sunday week starting at ``monday``."""
    return sum(1 for s in sessions if counted(s) and week_start(session_day(s)) == monday)


def sessions_per_week(
    sessions: Sequence[SessionRecord], today: date, weeks: int = 12
) -> list[tuple[date, int]]:
    """(Monday, counted sessions) for the last ``weeks`` weeks, oldest first, ending with today's week.

    Empty weeks are included so a chart shows the gaps honestly.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    this_monday = week_start(today)
    mondays = [this_monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    counts = dict.fromkeys(mondays, 0)
    for s in sessions:
        monday = week_start(session_day(s))
        if counted(s) and monday in counts:
            counts[monday] += 1
    return [(m, counts[m]) for m in mondays]


def reps_per_session(sessions: Sequence[SessionRecord]) -> list[RepPoint]:
    """Reps done per session, in the given order, skipping sessions with no reps."""
    return [
        RepPoint(when=s.started_at, reps=s.reps_done, variant=s.variant, weight=s.weight)
        for s in sessions
        if counted(s)
    ]


def week_streak(sessions: Sequence[SessionRecord], today: date, min_per_week: int = 2) -> int:
    """Consecutive Mon–Sun weeks with at least ``min_per_week`` counted sessions.

    The streak ends with this week if it already qualifies; otherwise with last week, because a week
    still in progress must not look like a broken streak on a Monday morning.
    """
    if min_per_week < 1:
        raise ValueError(f"min_per_week must be at least 1, got {min_per_week}")
    per_week: dict[date, int] = {}
    for s in sessions:
        if counted(s):
            monday = week_start(session_day(s))
            per_week[monday] = per_week.get(monday, 0) + 1
    monday = week_start(today)
    if per_week.get(monday, 0) < min_per_week:
        monday -= timedelta(weeks=1)
    streak = 0
    while per_week.get(monday, 0) >= min_per_week:
        streak += 1
        monday -= timedelta(weeks=1)
    return streak


def total_reps(sessions: Iterable[SessionRecord]) -> int:
    return sum(s.reps_done for s in sessions)


def last_session_day(sessions: Iterable[SessionRecord]) -> date | None:
    """Day of the latest counted session (max, so the input order does not matter here)."""
    days = [session_day(s) for s in sessions if counted(s)]
    return max(days) if days else None


def ordinal(n: int) -> str:
    """ "First" … "Tenth" in words (easier to read), then "11th", "21st", "112th"."""
    if n < 1:
        raise ValueError(f"ordinal needs n >= 1, got {n}")
    if n <= len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[n - 1]
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def session_summary(
    session: SessionRecord,
    sessions: Sequence[SessionRecord],
    today: date,
    *,
    min_per_week: int = 2,
) -> str:
    """A few short, kind sentences shown after a session.

    ``sessions`` may or may not already contain ``session`` (matched by id), so the caller can pass
    the history as stored before or after saving it.
    """
    others = [s for s in sessions if s.id != session.id]
    everything = [*others, session]
    sets_done = sum(1 for st in session.sets if st.done_reps > 0)
    reps = session.reps_done

    parts: list[str] = []
    if counted(session):
        monday = week_start(session_day(session))
        earlier = sum(
            1
            for s in others
            if counted(s) and week_start(session_day(s)) == monday and s.started_at < session.started_at
        )
        which_week = "this week" if monday == week_start(today) else "that week"
        done = f"{plural(reps, 'rep')} in {plural(sets_done, 'set')}"
        parts.append(f"{ordinal(earlier + 1)} session {which_week} · {done}.")
    else:
        parts.append("No reps were recorded this time.")

    if session.stopped_early:
        if sets_done:
            parts.append(f"You stopped after {plural(sets_done, 'set')} — that still counts.")
        else:
            parts.append("You stopped early, and that is all right.")

    if session.had_pain:
        # Rest comes first after pain; a streak would only nudge towards carrying on.
        parts.append(PAIN_TEXT)
    else:
        streak = week_streak(everything, today, min_per_week)
        if streak >= 2:
            parts.append(f"{streak} weeks in a row with {min_per_week} or more sessions.")
    return " ".join(parts)
