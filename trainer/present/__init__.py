"""What the session screen shows, as plain data: no Qt, so it is tested without a display."""

from trainer.present.actions import ACTIONS, ActionSpec, action
from trainer.present.screen_state import (
    ComfortQuestion,
    FigureMoment,
    ScreenState,
    SessionFacts,
    fmt_countdown,
    fmt_duration,
    follow_caption,
    follow_next,
    idle_caption,
    present,
    session_facts,
)

__all__ = [
    "ACTIONS",
    "ActionSpec",
    "ComfortQuestion",
    "FigureMoment",
    "ScreenState",
    "SessionFacts",
    "action",
    "fmt_countdown",
    "fmt_duration",
    "follow_caption",
    "follow_next",
    "idle_caption",
    "present",
    "session_facts",
]
