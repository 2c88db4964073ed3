"""Typed exercise definition."""

from __future__ import annotations

from dataclasses import dataclass

from trainer.content.toml_file import ContentError

PHASES: tuple[str, ...] = ("lift", "squeeze", "lower", "relax")
SIDES: tuple[str, ...] = ("left", "right")


class ExerciseError(ContentError):
    """An exercise file that is malformed or incomplete; the message names file, field and need."""


@dataclass(frozen=True)
class Tip:
    text: str
    spoken: str


@dataclass(frozen=True)
class PhaseText:
    words: str  # shown on screen
    spoken: str  # said at the start of the phase


@dataclass(frozen=True)
class Variant:
    id: str
    name: str
    description: str
    setup: str  # may contain {side}
    switch_sides: bool
    first_side: str | None
    first_steps: tuple[str, ...] = ()  # replaces the first steps of the exercise for this variant

    def setup_text(self, side: str | None) -> str:
        return self.setup.replace("{side}", side or "")


@dataclass(frozen=True)
class TempoDefaults:
    lift: float
    squeeze: float
    lower: float
    relax: float


@dataclass(frozen=True)
class PlanDefaults:
    sets: int
    reps: int
    rest_s: float
    get_ready_s: float


@dataclass(frozen=True)
class Exercise:
    source: str
    id: str
    name: str
    purpose: str
    equipment: tuple[str, ...]
    steps: tuple[str, ...]
    tips: tuple[Tip, ...]
    muscles: dict[str, tuple[str, ...]]
    plan: PlanDefaults
    tempo: TempoDefaults
    phases: dict[str, PhaseText]
    variants: tuple[Variant, ...]

    def variant(self, variant_id: str) -> Variant:
        for v in self.variants:
            if v.id == variant_id:
                return v
        known = ", ".join(v.id for v in self.variants)
        raise KeyError(f"unknown variant {variant_id!r} (this exercise has: {known})")

    def steps_for(self, variant_id: str) -> tuple[str, ...]:
        first = self.variant(variant_id).first_steps
        return first + self.steps[len(first) :]

    @property
    def variant_ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.variants)
