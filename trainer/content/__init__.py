"""Exercise definitions: loaded from assets/exercises/*.toml into typed, validated objects."""

from trainer.content.exercise import POSTURES, Exercise, ExerciseError, Figure, PhaseText, Tip, Variant
from trainer.content.loader import load_builtin_exercise, load_exercise

__all__ = [
    "POSTURES",
    "Exercise",
    "ExerciseError",
    "Figure",
    "PhaseText",
    "Tip",
    "Variant",
    "load_builtin_exercise",
    "load_exercise",
]
