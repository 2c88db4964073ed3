"""Open hands holding their weights on the palm: the shapes drawn at the end of each arm.

A hand's frame (from the pose) has x = the palm's normal, -y = from the wrist toward the fingers,
z = across the palm. The palm is a flat outline in its y-z plane; the weight is a small dumbbell
lying across the palm, its bar one plate radius above it, so it visibly rests on an open, upturned
hand instead of hiding the hand.
"""

from __future__ import annotations

import math
from typing import Final, NamedTuple

import numpy as np

from trainer.motion.skeleton import GRIP, Array

WEIGHT_HALF: Final = 0.05  # half the length of a small (0.5 kg) dumbbell, metres
WEIGHT_R: Final = 0.028  # radius of its end plates: the bar's axis is this far above the palm
PLATE_SIDES: Final = 10

# The palm's outline in the hand frame (y along the hand, z across), from the wrist round the open,
# straight fingers: the hand joint is the middle of the grip.
_PALM_YZ: Final = np.array(
    [
        (GRIP * 0.9, -0.028),
        (-0.012, -0.043),
        (-0.07, -0.036),
        (-0.083, -0.012),
        (-0.083, 0.012),
        (-0.07, 0.036),
        (-0.012, 0.043),
        (GRIP * 0.9, 0.028),
    ]
)
PALM_POINTS: Final = len(_PALM_YZ)
_ANGLES = np.linspace(0.0, 2 * math.pi, PLATE_SIDES, endpoint=False)
_COS, _SIN = np.cos(_ANGLES)[:, None], np.sin(_ANGLES)[:, None]


class Weights(NamedTuple):
    """Dumbbells: bar ends (k, 2, 3) and the rings of their end plates (k, 2, PLATE_SIDES, 3)."""

    bars: Array
    plates: Array


def palms(positions: Array, frames: Array) -> Array:
    """Palm outlines (k, PALM_POINTS, 3) for hands at ``positions`` (k, 3) with ``frames`` (k, 3, 3)."""
    along, across = frames[:, :, 1], frames[:, :, 2]
    return np.asarray(
        positions[:, None, :]
        + _PALM_YZ[None, :, 0, None] * along[:, None, :]
        + _PALM_YZ[None, :, 1, None] * across[:, None, :]
    )


def dumbbells(centres: Array, axes: Array, up: Array, side: Array) -> Weights:
    """Dumbbells around ``centres`` (k, 3), bars along ``axes``; plates in the up-side plane."""
    ends = centres[:, None, :] + np.array([-WEIGHT_HALF, WEIGHT_HALF])[None, :, None] * axes[:, None, :]
    ring = WEIGHT_R * (_COS[None] * up[:, None, :] + _SIN[None] * side[:, None, :])  # (k, P, 3)
    return Weights(np.asarray(ends), np.asarray(ends[:, :, None, :] + ring[:, None, :, :]))


def held_weights(positions: Array, frames: Array) -> Weights:
    """The weights resting on upturned palms: across each palm, one plate radius above it."""
    normal, along, across = frames[:, :, 0], frames[:, :, 1], frames[:, :, 2]
    return dumbbells(positions + WEIGHT_R * normal, across, normal, along)
