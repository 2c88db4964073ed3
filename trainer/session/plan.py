"""A session plan: variant, sets, reps, rest and tempo, validated."""

from __future__ import annotations

from dataclasses import dataclass, replace

from trainer.content import Exercise

LIMITS = {
    "sets": (1, 10),
    "reps": (1, 30),
    "rest": (0.0, 600.0),
    "lift": (0.5, 10.0),
    "squeeze": (0.0, 10.0),
    "lower": (0.5, 10.0),
    "relax": (0.0, 10.0),
}


class PlanError(ValueError):
    """A plan value out of range; the message names the value and what was expected."""


@dataclass(frozen=True)
class Tempo:
    lift: float
    squeeze: float
    lower: float
    relax: float

    def __post_init__(self) -> None:
        for name in ("lift", "squeeze", "lower", "relax"):
            lo, hi = LIMITS[name]
            value = getattr(self, name)
            if not lo <= value <= hi:
                raise PlanError(f"tempo {name} must be between {lo:g} and {hi:g} seconds, got {value:g}")

    @classmethod
    def parse(cls, text: str) -> Tempo:
        parts = text.strip().split("-")
        if len(parts) != 4:
            raise PlanError(
                f"tempo must be four numbers of seconds L-S-D-R (lift-squeeze-lower-relax), got {text!r}"
            )
        try:
            values = [float(p) for p in parts]
        except ValueError:
            raise PlanError(
                f"tempo must be four numbers of seconds L-S-D-R (lift-squeeze-lower-relax), got {text!r}"
            ) from None
        return cls(*values)

    def durations(self) -> tuple[tuple[str, float], ...]:
        return (
            ("lift", self.lift),
            ("squeeze", self.squeeze),
            ("lower", self.lower),
            ("relax", self.relax),
        )

    @property
    def rep_seconds(self) -> float:
        return self.lift + self.squeeze + self.lower + self.relax

    def __str__(self) -> str:
        return "-".join(f"{v:g}" for _, v in self.durations())


@dataclass(frozen=True)
class Plan:
    variant: str
    sets: int
    reps: int
    rest_s: float
    get_ready_s: float
    tempo: Tempo
    switch_sides: bool
    first_side: str | None

    def __post_init__(self) -> None:
        for name, value in (("sets", self.sets), ("reps", self.reps)):
            lo, hi = LIMITS[name]
            if not lo <= value <= hi:
                raise PlanError(f"{name} must be a whole number from {lo:g} to {hi:g}, got {value}")
        lo, hi = LIMITS["rest"]
        if not lo <= self.rest_s <= hi:
            raise PlanError(f"rest must be between {lo:g} and {hi:g} seconds, got {self.rest_s:g}")

    @classmethod
    def from_exercise(
        cls,
        exercise: Exercise,
        variant: str | None = None,
        *,
        sets: int | None = None,
        reps: int | None = None,
        rest_s: float | None = None,
        tempo: Tempo | None = None,
    ) -> Plan:
        v = exercise.variant(variant or exercise.variants[0].id)
        t = exercise.tempo
        return cls(
            variant=v.id,
            sets=exercise.plan.sets if sets is None else sets,
            reps=exercise.plan.reps if reps is None else reps,
            rest_s=exercise.plan.rest_s if rest_s is None else rest_s,
            get_ready_s=exercise.plan.get_ready_s,
            tempo=tempo or Tempo(t.lift, t.squeeze, t.lower, t.relax),
            switch_sides=v.switch_sides,
            first_side=v.first_side,
        )

    def with_variant(self, exercise: Exercise, variant: str) -> Plan:
        v = exercise.variant(variant)
        return replace(self, variant=v.id, switch_sides=v.switch_sides, first_side=v.first_side)

    def side_for(self, set_no: int) -> str | None:
        """The knee on the floor for a set (kneeling alternates, starting with first_side)."""
        if not self.switch_sides or self.first_side is None:
            return None
        other = "right" if self.first_side == "left" else "left"
        return self.first_side if set_no % 2 == 1 else other
