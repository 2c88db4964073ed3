"""Orthographic projection of the 3D scene onto the screen, with a turn (yaw) and a small tilt."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Final, NamedTuple

import numpy as np

from trainer.motion.skeleton import Array

# Yaw is where the camera stands around the person, in degrees: 0 in front of them, 90 at their
# right side (they face the right of the screen), 180 behind them, 270 at their left side.
YAW_FRONT: Final = 0.0
YAW_SIDE: Final = 90.0
YAW_THREE_QUARTER: Final = 135.0  # from behind and to the side: shoulder blades and arm angle
YAW_BACK: Final = 180.0
PITCH: Final = 8.0  # looking down a little, so the floor, mat and seat read as surfaces


class Camera(NamedTuple):
    yaw: float = YAW_SIDE
    pitch: float = PITCH
    mirror: bool = False
    pivot: tuple[float, float] = (0.0, 0.0)  # (x, z) of the vertical axis the scene turns about

    def matrix(self) -> Array:
        """Rows: screen right (u), screen up (v), towards the viewer (depth)."""
        s, c = math.sin(math.radians(self.yaw)), math.cos(math.radians(self.yaw))
        sp, cp = math.sin(math.radians(self.pitch)), math.cos(math.radians(self.pitch))
        right = np.array([s, 0.0, c]) * (-1.0 if self.mirror else 1.0)
        toward = np.array([c, 0.0, -s])  # horizontal direction from the person to the camera
        up = np.array([0.0, cp, 0.0]) - sp * toward
        depth = cp * toward + np.array([0.0, sp, 0.0])
        return np.stack((right, up, depth))

    def project(self, points: Array) -> Array:
        """(..., 3) scene points -> (..., 3) screen u, v and depth (larger is nearer the viewer)."""
        mt, offset = _transposed(self)  # computed once per camera: this runs every frame
        return np.asarray(points @ mt - offset)

    def near_side(self) -> str:
        """Which side of the body ("left"/"right") faces the viewer more."""
        return "right" if math.sin(math.radians(self.yaw)) >= 0 else "left"

    def side_on(self) -> float:
        """0 when the viewer looks straight at the front or back, 1 when straight at a side."""
        return abs(math.sin(math.radians(self.yaw)))


@lru_cache(maxsize=16)
def _transposed(camera: Camera) -> tuple[Array, Array]:
    m = camera.matrix()
    return m.T.copy(), np.array([camera.pivot[0], 0.0, camera.pivot[1]]) @ m.T
