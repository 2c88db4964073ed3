"""The scenery in 3D: floor, mat, chair or ball, in the same coordinates as the skeleton."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from trainer.motion.poses import MAT_TOP, SEAT_DEPTH, SEAT_H, SEAT_HALF_W, lower_body
from trainer.motion.skeleton import Array

BACKREST_HALF_W = 0.16  # the backrest's posts, 16 cm either side of the middle


class Props(NamedTuple):
    polygons: tuple[tuple[str, Array], ...]  # (kind, (k, 3) corners): floor, mat, seat
    lines: Array  # (2m, 3): consecutive pairs are bars (chair legs, rings on the ball)
    ball: tuple[Array, float] | None  # centre and radius
    backrest: Array = np.zeros((0, 3))  # (2m, 3) bar pairs: drawn in depth order with the body


def _quad(x0: float, x1: float, y: float, z0: float, z1: float) -> Array:
    return np.array([(x0, y, z0), (x1, y, z0), (x1, y, z1), (x0, y, z1)], dtype=np.float64)


def _ring(centre: Array, radius: float, u: Array, v: Array, n: int = 28) -> Array:
    a = np.linspace(0.0, 2 * math.pi, n + 1)
    pts = centre + radius * (np.cos(a)[:, None] * u + np.sin(a)[:, None] * v)
    return np.asarray(np.repeat(pts, 2, axis=0)[1:-1])  # as pairs


@lru_cache(maxsize=4)
def props_for(posture: str) -> Props:
    """The scenery for a posture (a variant's ``figure.posture``)."""
    floor = ("floor", _quad(-0.85, 1.0, 0.0, -0.45, 0.45))
    if posture == "kneeling":
        mat = ("mat", _quad(-0.78, 0.95, MAT_TOP, -0.3, 0.3))
        return Props((floor, mat), np.zeros((0, 3)), None)
    if posture == "ball":
        ball = lower_body("ball", None).ball
        assert ball is not None
        c, r = ball
        ex, ey, ez = np.eye(3)
        rings = np.concatenate((_ring(c, r, ex, ez), _ring(c, r, ex, ey)))
        return Props((floor,), rings, (c, r))
    front = lower_body("chair", None).seat_front
    assert front is not None
    back = front - SEAT_DEPTH
    seat = ("seat", _quad(back, front, SEAT_H, -SEAT_HALF_W, SEAT_HALF_W))
    # An open backrest (posts and rails), set in from the seat's sides as on many chairs: the
    # straight arms and the weights pass outside it (tests/test_pose_geometry.py keeps a margin),
    # and an open frame does not hide them whichever way the view is turned.
    top, lean = SEAT_H + 0.45, 0.06  # backrest 45 cm above the seat, leaning back a little
    leg_z, post_z = SEAT_HALF_W - 0.02, BACKREST_HALF_W
    legs, backrest = [], []
    for x in (back + 0.03, front - 0.03):
        for z in (-leg_z, leg_z):
            legs += [(x, SEAT_H, z), (x, 0.0, z)]
    for z in (-post_z, post_z):
        backrest += [(back + 0.015, SEAT_H, z), (back + 0.015 - lean, top, z)]  # posts
    for h in (0.25, 0.44):
        x = back + 0.015 - lean * h / 0.45
        backrest += [(x, SEAT_H + h, -post_z), (x, SEAT_H + h, post_z)]  # rails
    return Props((floor, seat), np.array(legs, dtype=np.float64), None, np.array(backrest, dtype=np.float64))
