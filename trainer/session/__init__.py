"""Plan -> timeline; a controller that maps a clock to session time (no Qt)."""

from trainer.clock import ManualClock
from trainer.session.controller import SessionController, Status
from trainer.session.plan import Plan, PlanError, Tempo
from trainer.session.timeline import Cue, Kind, SessionView, TimedEvent, Timeline

__all__ = [
    "Cue",
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
