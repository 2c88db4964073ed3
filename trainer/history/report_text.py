"""What the clinician's PDF report says, as plain data: the summary lines and the table rows.

Every recorded session is in the table, including one that ended before any set was finished (it gets
one row of its own), and the counts in the summary are counted from the same rows, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from trainer.history.progress import counted, total_reps, week_streak
from trainer.history.records import Comfort, EndReason, SessionRecord
from trainer.text import plural


@dataclass(frozen=True)
class ReportRow:
    """One line of the report's table: a set, or a session that ended before a set was finished."""

    when: datetime
    set_no: int | None  # None: the session's own row (no set was finished)
    variant: str
    side: str | None
    weight: str
    done_reps: int
    planned_reps: int
    tempo: str
    felt: str  # the comfort answer, or why the session has no set
    pain: bool


def _no_set_reason(s: SessionRecord) -> str:
    if s.end_reason is EndReason.PAIN:
        return "pain: stopped before a set ended"
    if s.stopped_early:
        return "stopped before a set ended"
    return "no set finished"


def report_rows(sessions: list[SessionRecord]) -> list[ReportRow]:
    """Oldest first: every set of every session, and one row for each session without a set."""
    rows: list[ReportRow] = []
    for s in sessions:
        for st in s.sets:
            rows.append(
                ReportRow(
                    st.started_at,
                    st.set_no,
                    st.variant,
                    st.side,
                    st.weight,
                    st.done_reps,
                    st.planned_reps,
                    st.tempo,
                    st.comfort.value if st.comfort else "not answered",
                    st.comfort is Comfort.PAIN,
                )
            )
        if not s.sets:
            rows.append(
                ReportRow(
                    s.started_at,
                    None,
                    s.variant,
                    None,
                    s.weight,
                    0,
                    s.planned_reps,
                    s.tempo,
                    _no_set_reason(s),
                    s.had_pain,
                )
            )
    return rows


def report_lines(sessions: list[SessionRecord], today: date) -> list[str]:
    """The summary sentences at the top of the report."""
    if not sessions:
        return ["No sessions have been recorded yet."]
    first, last = sessions[0].started_at.date(), sessions[-1].started_at.date()
    sets = sum(len(s.sets) for s in sessions)
    empty = sum(1 for s in sessions if not counted(s))
    pain = sum(1 for s in sessions if s.had_pain)
    variants = sorted({s.variant for s in sessions})
    weights = sorted({s.weight for s in sessions if s.weight})
    # A note's own full stop is dropped, so the line does not end "Felt ok.."
    notes = [f"{s.started_at:%d %b}: {s.note.strip().rstrip('.')}" for s in sessions if s.note.strip()][-4:]
    span = f"on {first:%d %B %Y}" if first == last else f"from {first:%d %B %Y} to {last:%d %B %Y}"
    head = (
        f"{plural(len(sessions), 'session')} {span}: {plural(sets, 'set')}, "
        f"{plural(total_reps(sessions), 'repetition')}."
    )
    if empty:
        head += f" {plural(empty, 'session')} ended before a repetition was done."
    streak = week_streak(sessions, today, 2)
    return [
        head,
        f"Variants: {', '.join(variants)}. Weights: {', '.join(weights) or 'not recorded'}.",
        f"Weeks in a row with 2 or more sessions (up to {today:%d %B}): {streak}.",
        f"Sessions with pain reported: {pain}." + (" They are in red in the table." if pain else ""),
        *([f"Notes: {'; '.join(notes)}."] if notes else []),
    ]
