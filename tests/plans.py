"""The plan fields a test may set (the rest come from the exercise, as in Plan.from_exercise)."""

from __future__ import annotations

from typing import TypedDict

from trainer.session import Tempo


class PlanKw(TypedDict, total=False):
    """Keyword arguments passed on to Plan.from_exercise: `**plan_kw: Unpack[PlanKw]`."""

    sets: int
    reps: int
    rest_s: float
    tempo: Tempo
