"""The words of the questions asked about a running session (pure: tested without a display)."""

from __future__ import annotations

from trainer.session.timeline import Kind
from trainer.text import plural

STOP_QUESTION = "Stop this session now? The sets you finished are kept."


def quit_question(kind: Kind, reps_done: int) -> str:
    """Closing the window mid-session. Only a set under way has reps to save: during a rest or a
    get-ready the old text promised to save "the 0 reps you did", which is not what happens."""
    text = "A session is under way. Quit now? The sets you finished are kept"
    if kind is Kind.PHASE:
        return f"{text}, and this set is saved with the {plural(reps_done, 'rep')} you did."
    return f"{text}."
