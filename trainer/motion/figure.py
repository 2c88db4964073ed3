"""A planar (side view) stick figure doing the Thoracic Back Press.

Positions in metres: x forward (the way the person faces), y up, floor at y = 0.
Poses are joint angles turned into positions by forward kinematics, so bone lengths never
change; the lift is a blend between the start and top keyframes with easing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

Point = tuple[float, float]

HEIGHT = 1.65  # metres; segment lengths are standard fractions of stature (Winter)
THIGH = 0.245 * HEIGHT
SHANK = 0.246 * HEIGHT
FOOT = 0.152 * HEIGHT
UPPER_ARM = 0.186 * HEIGHT
FOREARM = 0.146 * HEIGHT
HAND = 0.060 * HEIGHT  # wrist to the grip
LUMBAR = 0.105 * HEIGHT  # hip joint line to the thoracolumbar junction
THORACIC = 0.185 * HEIGHT  # thoracolumbar junction to C7
NECK = 0.070 * HEIGHT
HEAD_R = 0.065 * HEIGHT
ANKLE_H = 0.039 * HEIGHT  # ankle joint above the floor
SHOULDER_DROP = 0.035 * HEIGHT  # shoulder joint below C7 along the trunk

# Keyframes, in degrees from the forward horizontal (counter-clockwise, so 90 = straight up).
START = {"lumbar": 78.0, "thoracic": 80.0, "neck": 84.0, "arm": 225.0, "retract": 0.0}
TOP = {"lumbar": 78.0, "thoracic": 88.0, "neck": 90.0, "arm": 208.0, "retract": 0.035}
REST = {"lumbar": 84.0, "thoracic": 86.0, "neck": 88.0, "arm": 262.0, "retract": 0.0}


def _at(p: Point, length: float, deg: float) -> Point:
    a = math.radians(deg)
    return (p[0] + length * math.cos(a), p[1] + length * math.sin(a))


def ease(u: float) -> float:
    """Smooth start and stop (smoothstep), like an unhurried human movement."""
    u = min(1.0, max(0.0, u))
    return u * u * (3.0 - 2.0 * u)


def _blend_angle(a: float, b: float, w: float) -> float:
    d = (b - a + 180.0) % 360.0 - 180.0  # shortest arc
    return a + d * w


@dataclass(frozen=True)
class Legs:
    hip: Point
    near: tuple[Point, ...]  # hip, knee, ankle, toe
    far: tuple[Point, ...]


@dataclass(frozen=True)
class Scenery:
    """Props drawn behind the figure: a mat, a chair or a ball (line pairs and a circle)."""

    lines: tuple[Point, ...]
    ball: tuple[Point, float] | None


@dataclass(frozen=True)
class FigurePose:
    joints: dict[str, Point]
    near_lines: tuple[Point, ...]  # consecutive pairs are bones
    far_lines: tuple[Point, ...]
    head: tuple[Point, float]
    hands: tuple[Point, Point]  # near, far


def _leg_to_floor(hip: Point, foot_x_hint: float) -> tuple[Point, ...]:
    """A leg whose foot is flat on the floor in front: solve the knee by two-bone IK."""
    ankle = (foot_x_hint, ANKLE_H)
    dx, dy = ankle[0] - hip[0], ankle[1] - hip[1]
    dist = min(math.hypot(dx, dy), THIGH + SHANK - 1e-6)
    # Angle at the hip between hip->ankle and the thigh (law of cosines); knee points forward.
    cos_h = (THIGH**2 + dist**2 - SHANK**2) / (2 * THIGH * dist)
    base = math.degrees(math.atan2(dy, dx))
    thigh_deg = base + math.degrees(math.acos(max(-1.0, min(1.0, cos_h))))
    knee = _at(hip, THIGH, thigh_deg)
    shank_deg = math.degrees(math.atan2(ankle[1] - knee[1], ankle[0] - knee[0]))
    ankle = _at(knee, SHANK, shank_deg)
    toe = (ankle[0] + FOOT * 0.75, 0.0)
    return (hip, knee, ankle, toe)


@lru_cache(maxsize=16)
def legs_for(variant: str, side: str | None) -> Legs:
    if variant == "kneeling":
        knee = (0.0, 0.05)  # kneeling knee on the mat
        hip = _at(knee, THIGH, 82.0)  # thigh near vertical, leaning a little onto the front leg
        ankle = _at(knee, SHANK, 180.0)  # shin flat on the mat, behind
        back = (hip, knee, ankle, (ankle[0] - FOOT * 0.6, 0.01))
        front = _leg_to_floor(hip, hip[0] + THIGH * 1.02)  # front knee near a right angle
        # From the person's left: the left leg is the near one.
        if side == "right":
            return Legs(hip, front, back)
        return Legs(hip, back, front)
    if variant == "ball":
        hip = (0.0, 0.66)
        leg = _leg_to_floor(hip, 0.50)
        far = _leg_to_floor(hip, 0.46)
        return Legs(hip, leg, far)
    # chair: seated at the front edge, thighs level, feet flat under the knees
    hip = (0.0, 0.53)
    leg = _leg_to_floor(hip, THIGH * 0.98)
    return Legs(hip, leg, leg)


@lru_cache(maxsize=8)
def scenery_for(variant: str) -> Scenery:
    if variant == "kneeling":
        return Scenery(((-0.75, 0.0), (0.95, 0.0), (-0.75, 0.012), (0.95, 0.012)), None)
    if variant == "ball":
        return Scenery(((-0.9, 0.0), (1.0, 0.0)), ((-0.04, 0.31), 0.31))
    seat_y, front, back = 0.45, 0.07, -0.38
    return Scenery(
        (
            (-0.9, 0.0), (1.0, 0.0),  # floor
            (back, seat_y), (front, seat_y),  # seat
            (front - 0.03, seat_y), (front - 0.03, 0.0),  # front leg
            (back + 0.03, seat_y), (back + 0.03, 0.0),  # back leg
            (back + 0.03, seat_y), (back - 0.02, 0.92),  # backrest
        ),
        None,
    )  # fmt: skip


def _params(phase: str | None, progress: float, resting: bool) -> dict[str, float]:
    if resting:
        return REST
    if phase == "lift":
        w = ease(progress)
    elif phase == "squeeze":
        w = 1.0
    elif phase == "lower":
        w = 1.0 - ease(progress)
    else:
        w = 0.0
    return {
        k: _blend_angle(START[k], TOP[k], w) if k != "retract" else START[k] + (TOP[k] - START[k]) * w
        for k in START
    }


def pose_at(
    variant: str, side: str | None, phase: str | None, progress: float, resting: bool = False
) -> FigurePose:
    """The figure at one moment: variant and knee, phase name and 0..1 progress in it."""
    legs = legs_for(variant, side)
    p = _params(phase, progress, resting)
    hip = legs.hip
    t12 = _at(hip, LUMBAR, p["lumbar"])
    c7 = _at(t12, THORACIC, p["thoracic"])
    head_c = _at(c7, NECK + HEAD_R * 0.6, p["neck"])
    # Shoulder joint: a little below C7 and pressed back by the retraction of the shoulder blades.
    down = p["thoracic"] + 180.0
    shoulder = _at(_at(c7, SHOULDER_DROP, down), p["retract"], p["thoracic"] + 90.0)
    elbow = _at(shoulder, UPPER_ARM, p["arm"])
    wrist = _at(elbow, FOREARM, p["arm"])
    hand = _at(wrist, HAND, p["arm"])
    # The far arm shows slightly offset so both arms read in a side view.
    off = (-0.025, 0.012)
    far_sh = (shoulder[0] + off[0], shoulder[1] + off[1])
    far_el = _at(far_sh, UPPER_ARM, p["arm"])
    far_wr = _at(far_el, FOREARM, p["arm"])
    far_hand = _at(far_wr, HAND, p["arm"])
    joints = {
        "hip": hip,
        "t12": t12,
        "c7": c7,
        "head": head_c,
        "shoulder": shoulder,
        "elbow": elbow,
        "wrist": wrist,
        "hand": hand,
        "near_knee": legs.near[1],
        "near_ankle": legs.near[2],
        "near_toe": legs.near[3],
        "far_knee": legs.far[1],
        "far_ankle": legs.far[2],
        "far_toe": legs.far[3],
    }
    n = legs.near
    f = legs.far
    near_lines = (
        hip, t12, t12, c7, c7, _at(c7, NECK, p["neck"]),
        c7, shoulder, shoulder, elbow, elbow, wrist, wrist, hand,
        n[0], n[1], n[1], n[2], n[2], n[3],
    )  # fmt: skip
    far_lines = (
        far_sh, far_el, far_el, far_wr, far_wr, far_hand,
        f[0], f[1], f[1], f[2], f[2], f[3],
    )  # fmt: skip
    return FigurePose(joints, near_lines, far_lines, (head_c, HEAD_R), (hand, far_hand))
