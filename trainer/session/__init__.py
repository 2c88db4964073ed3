"""Plan -> timeline; a controller that maps a clock to session time (no Qt)."""

from trainer.clock import ManualClock
from trainer.session.controller import SessionController, Status
from trainer.session.events import Comfort, Cue, EndReason, EventName, TimedEvent
from trainer.session.plan import Plan, PlanError, Tempo
from trainer.session.timeline import Kind, SessionView, Timeline

__all__ = [
    "Comfort",
    "Cue",
    "EndReason",
    "EventName",
    "Kind",
    "ManualClock",
    "Plan",
    "PlanError",
    "SessionController",
    "SessionView",
    "Status",
    "Tempo",
    "TimedEvent",
    "Timeline",
]
