"""The words of the questions asked about a running session (pure: tested without a display)."""

from __future__ import annotations

from trainer.session.timeline import Kind
from trainer.text import plural


def _kept(kind: Kind, reps_done: int) -> str:
    """What stopping or quitting records. Only a set under way with a rep done has reps to save
    (the timeline's replan_stop records it, also in the "Resuming" get-ready after a pause): in
    a rest, a fresh set's get-ready, or before the first rep is done, nothing more is recorded,
    and saying so would be a false promise."""
    text = "The sets you finished are kept"
    if kind in (Kind.PHASE, Kind.GET_READY) and reps_done > 0:
        return f"{text}, and this set is saved with the {plural(reps_done, 'rep')} you did."
    return f"{text}."


def stop_question(kind: Kind, reps_done: int) -> str:
    """Stop (Esc) during a session."""
    return f"Stop this session now? {_kept(kind, reps_done)}"


def quit_question(kind: Kind, reps_done: int) -> str:
    """Closing the window mid-session."""
    return f"A session is under way. Quit now? {_kept(kind, reps_done)}"
