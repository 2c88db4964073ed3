"""Typed exercise definition."""

from __future__ import annotations

from dataclasses import dataclass

from trainer.content.toml_file import ContentError

PHASES: tuple[str, ...] = ("lift", "squeeze", "lower", "relax")
SIDES: tuple[str, ...] = ("left", "right")
# The lower-body postures the figure can pose (trainer.motion.poses builds each one): on one knee on a
# mat, at the front edge of a chair, on a stability ball. A variant names one in [variants.figure].
POSTURES: tuple[str, ...] = ("kneeling", "chair", "ball")


class ExerciseError(ContentError):
    """An exercise file that is malformed or incomplete; the message names file, field and need."""


@dataclass(frozen=True)
class Tip:
    text: str
    spoken: str
    variants: tuple[str, ...] = ()  # the variants it is for; empty: every variant


@dataclass(frozen=True)
class Figure:
    """How the figure does a variant: its posture and angles (the [variants.figure] table)."""

    posture: str  # one of POSTURES
    lean: float  # trunk tipped forward from vertical during the movement, degrees
    arm_out: float  # arms out to the side of the body, degrees (on a chair: clear of the backrest)
    rest_lean: float  # trunk lean while resting between sets

    @property
    def kneels(self) -> bool:
        """One knee on the floor: the figure needs to know which (the variant's side)."""
        return self.posture == "kneeling"


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
    first_side: str | None  # kneeling: the knee on the floor in the first set
    figure: Figure
    first_steps: tuple[str, ...] = ()  # replaces the first steps of the exercise for this variant
    colour: tuple[int, int, int] = (90, 90, 90)  # the variant's colour in the progress chart

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

    def tips_for(self, variant_id: str) -> tuple[Tip, ...]:
        """The form tips that apply to a variant (a tip may name the variants it is for)."""
        return tuple(t for t in self.tips if not t.variants or variant_id in t.variants)

    def steps_for(self, variant_id: str) -> tuple[str, ...]:
        first = self.variant(variant_id).first_steps
        return first + self.steps[len(first) :]

    @property
    def variant_ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.variants)
