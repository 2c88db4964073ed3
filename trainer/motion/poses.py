"""The Thoracic Back Press as joint angles: a setup per variant, keyframes per tempo phase, pose(t).

Each keyframe is a root position plus one local rotation (quaternion) per joint. Keyframes are
built from what the exercise asks for (trunk lean, arm angle to the floor, palms up, knee on the
mat...) and turned into joint rotations once. A pose between two keyframes turns every joint along
the shortest arc between its two rotations (the same path as a quaternion slerp, computed as
R_a * exp(w * angle * axis) so a frame costs a few array operations), then forward kinematics
places the joints, so bones keep their length.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Final, NamedTuple

import numpy as np

from trainer.content.exercise import POSTURES, Figure
from trainer.motion.skeleton import (
    ANKLE_H,
    HIP_HALF,
    IDENTITY_Q,
    INDEX,
    JOINTS,
    N_JOINTS,
    OFFSETS,
    PARENTS,
    SHANK,
    THIGH,
    Array,
    forward_kinematics,
    frame,
    matrix_to_quat,
    qmirror,
    qmul,
    quat_to_matrix,
    qx,
    qy,
    qz,
    shortest_arc,
    skew,
)

PHASES: Final = ("lift", "squeeze", "lower", "relax")
SIDES: Final = ("left", "right")

# Props (metres). A yoga mat is about 1 cm thick; a dining chair seat 45 cm high and 42 cm wide;
# a 55 cm stability ball suits people of about 1.55-1.70 m and sinks a little under the seat.
MAT_TOP: Final = 0.01
SEAT_H: Final = 0.45
SEAT_DEPTH: Final = 0.42
SEAT_HALF_W: Final = 0.21
BALL_R: Final = 0.275
BALL_SINK: Final = 0.025
SIT_H: Final = 0.085  # hip joint centre above what the person sits on
KNEE_ON_MAT: Final = MAT_TOP + 0.015  # knee and ankle joint lines of the kneeling leg


class UpperBody(NamedTuple):
    """The trunk, shoulder girdle and arms of one keyframe (degrees)."""

    lean: float  # pelvis (and the straight back above it) tipped forward from vertical
    lumbar: float  # extension at L3: the lower back's small natural curve, kept constant
    thoracic_low: float  # extension at T12 (lifting the chest)
    thoracic_up: float  # extension at T6
    neck: float  # extension at C7 (negative keeps the gaze down while the chest lifts)
    head: float  # extension at mid-neck
    retraction: float  # shoulder blades drawn back toward the spine
    depression: float  # shoulders drawn down
    arm_down: float  # upper arm angle below the horizontal, reaching back (90 = hanging)
    arm_out: float  # upper arm out to the side of the sagittal plane
    elbow: float  # elbow flexion (0 = locked)
    humerus_in: float  # internal rotation of the upper arm
    pronation: float  # forearm rotation from palms-forward (180 = palms back when hanging)
    wrist: float  # palmar flexion of the wrist


# The start: back straight and leaning with the pelvis, arms straight back at 45 degrees to the
# floor, close to the ribs, palms up (upper arm turned in 30 and forearm 150 degrees: palms that
# would face backwards with the arms hanging face up once the arms reach back; the wrist bends a
# little toward the palm, as when holding a can). The top: the arms a little higher while the shoulder blades
# draw together and the chest lifts (thoracic extension, not the lower back). The squeeze holds
# the top and presses the shoulder blades a little further.
START: Final = UpperBody(
    lean=15.0, lumbar=2.0, thoracic_low=-1.0, thoracic_up=-3.0, neck=-8.0, head=-6.0,
    retraction=0.0, depression=0.0, arm_down=45.0, arm_out=6.0, elbow=3.0,
    humerus_in=30.0, pronation=150.0, wrist=12.0,
)  # fmt: skip
TOP: Final = START._replace(
    thoracic_low=3.0, thoracic_up=4.0, neck=-13.0, head=-8.0, retraction=9.0, depression=2.0,
    arm_down=36.0,
)  # fmt: skip
SQUEEZE: Final = TOP._replace(thoracic_low=3.5, thoracic_up=5.0, neck=-14.0, retraction=11.0, arm_down=35.0)
# Resting between sets: sitting or kneeling tall, arms hanging by the sides, palms in.
REST: Final = START._replace(
    lean=2.0, thoracic_low=0.0, thoracic_up=-2.0, neck=-4.0, head=-4.0, arm_down=86.0,
    arm_out=8.0, elbow=8.0, humerus_in=0.0, pronation=90.0, wrist=0.0,
)  # fmt: skip

# Per variant, the exercise file gives the trunk's lean and how far the arms go out to the side
# (Figure); the postures below are the lower bodies the figure can take.

KNEEL_THIGH_LEAN: Final = 8.0  # kneeling thigh tipped forward: weight shifted onto the front leg
FRONT_KNEE: Final = 90.0  # front knee angle when kneeling (degrees between thigh and shin)
CHAIR_KNEE: Final = 100.0
BALL_KNEE: Final = 110.0  # the hips sit higher than the knees on a ball
CHAIR_FEET_HALF: Final = 0.11  # feet hip-width apart
BALL_FEET_HALF: Final = 0.20  # feet wider than the hips for balance on the ball
BALL_TOE_OUT: Final = 15.0


class LowerBody(NamedTuple):
    """The pelvis position and the world rotations of the leg segments (fixed through a rep)."""

    root: Array
    leg_frames: dict[str, Array]  # joint name (hip/knee/ankle) -> world rotation matrix
    ball: tuple[Array, float] | None = None  # centre, radius
    seat_front: float | None = None  # x of the chair seat's front edge


class Keyframe(NamedTuple):
    root: Array
    quats: Array  # (N, 4) local rotations


class Pose(NamedTuple):
    """A body at one moment: positions (N, 3) and world rotations (N, 3, 3) of every joint
    (in JOINTS order). The x axis of a hand's rotation is the normal of its palm."""

    positions: Array
    frames: Array
    weights_in_hands: bool = True

    def at(self, name: str) -> Array:
        return np.asarray(self.positions[INDEX[name]])

    def palm(self, side: str) -> Array:
        """Unit normal of the palm of the ``side`` ("left"/"right") hand."""
        return self.frames[INDEX["hand_" + side[0]], :, 0]


# ---------------------------------------------------------------- legs


def _knee_by_ik(hip: Array, ankle: Array, pole: Array) -> Array:
    """Two-bone inverse kinematics: the knee between hip and ankle, bending toward ``pole``."""
    d = ankle - hip
    dist = float(np.linalg.norm(d))
    if not abs(THIGH - SHANK) < dist < THIGH + SHANK:
        raise ValueError(f"leg cannot reach: hip-ankle distance {dist:.3f} m")
    u = d / dist
    a = (THIGH**2 - SHANK**2 + dist**2) / (2 * dist)
    h = math.sqrt(max(0.0, THIGH**2 - a * a))
    p = pole - np.dot(pole, u) * u
    return np.asarray(hip + a * u + h * p / np.linalg.norm(p))


def _ankle_for_knee_angle(hip: Array, ankle_y: float, z: float, knee_deg: float) -> Array:
    """Where the ankle goes (in front of the hip) for a given knee angle with the foot flat."""
    dist = math.sqrt(THIGH**2 + SHANK**2 - 2 * THIGH * SHANK * math.cos(math.radians(knee_deg)))
    dy, dz = hip[1] - ankle_y, hip[2] - z
    reach = math.sqrt(dist**2 - dy**2 - dz**2)
    return np.array([hip[0] + reach, ankle_y, z])


def _leg_plane_axis(hip: Array, knee: Array, ankle: Array) -> Array:
    n = np.cross(knee - hip, ankle - knee)
    return n / np.linalg.norm(n)


def _standing_leg(hip: Array, ankle: Array, toe_out: float, suffix: str) -> dict[str, Array]:
    """A leg with the foot flat on the ground, knee over the foot."""
    out_sign = 1.0 if suffix == "_l" else -1.0
    toe_dir = np.array([math.cos(math.radians(toe_out)), 0.0, out_sign * math.sin(math.radians(toe_out))])
    knee = _knee_by_ik(hip, ankle, pole=toe_dir + np.array([0.0, 0.3, 0.0]))
    n = _leg_plane_axis(hip, knee, ankle)
    # x of a leg segment points to the front of the limb (the side the knee cap is on).
    thigh = frame(knee - hip, np.cross(n, hip - knee))
    shank = frame(ankle - knee, np.cross(n, knee - ankle))
    foot = np.column_stack((toe_dir, (0.0, 1.0, 0.0), np.cross(toe_dir, (0.0, 1.0, 0.0))))
    return {"hip" + suffix: thigh, "knee" + suffix: shank, "ankle" + suffix: foot}


def _kneeling_leg(knee: Array, hip: Array, suffix: str) -> dict[str, Array]:
    """The leg whose knee is on the mat: shin flat behind the knee, top of the foot on the mat."""
    thigh = frame(knee - hip, np.array([1.0, 0.0, 0.0]))
    # Shin flat: the bone points straight back, its front (x) faces the mat.
    shank = frame(np.array([-1.0, 0.0, 0.0]), np.array([0.0, -1.0, 0.0]))
    # Foot pointed: rotate about the lateral axis so the toes rest on the mat behind the ankle.
    toe = OFFSETS[INDEX["toe" + suffix]]
    toe_angle = math.atan2(toe[1], toe[0])
    length = math.hypot(toe[0], toe[1])
    target = math.pi + math.asin((KNEE_ON_MAT - MAT_TOP - 0.004) / length)  # toes just on the mat
    foot = quat_to_matrix(qz(math.degrees(target - toe_angle)))
    return {"hip" + suffix: thigh, "knee" + suffix: shank, "ankle" + suffix: foot}


@lru_cache(maxsize=8)
def lower_body(posture: str, side: str | None) -> LowerBody:
    if posture == "kneeling":
        down = "_l" if side != "right" else "_r"
        front = "_r" if down == "_l" else "_l"
        zs = {"_l": HIP_HALF, "_r": -HIP_HALF}
        a = math.radians(KNEEL_THIGH_LEAN)
        knee = np.array([0.0, KNEE_ON_MAT, zs[down]])
        hip_down = knee + THIGH * np.array([math.sin(a), math.cos(a), 0.0])
        root = np.array([hip_down[0], hip_down[1], 0.0])
        hip_front = np.array([root[0], root[1], zs[front]])
        ankle = _ankle_for_knee_angle(hip_front, MAT_TOP + ANKLE_H, zs[front], FRONT_KNEE)
        frames = _kneeling_leg(knee, hip_down, down) | _standing_leg(hip_front, ankle, 0.0, front)
        return LowerBody(root, frames)
    if posture == "chair":
        root = np.array([0.0, SEAT_H + SIT_H, 0.0])
        frames = {}
        for suffix, z in (("_l", CHAIR_FEET_HALF), ("_r", -CHAIR_FEET_HALF)):
            hip = root + np.array([0.0, 0.0, HIP_HALF if z > 0 else -HIP_HALF])
            ankle = _ankle_for_knee_angle(hip, ANKLE_H, z, CHAIR_KNEE)
            frames |= _standing_leg(hip, ankle, 5.0, suffix)
        # Sitting at the front edge: the buttocks on the seat, the thighs over its front edge.
        return LowerBody(root, frames, seat_front=0.07)
    if posture == "ball":
        root = np.array([0.0, 2 * BALL_R - BALL_SINK + SIT_H, 0.0])
        frames = {}
        for suffix, z in (("_l", BALL_FEET_HALF), ("_r", -BALL_FEET_HALF)):
            hip = root + np.array([0.0, 0.0, HIP_HALF if z > 0 else -HIP_HALF])
            ankle = _ankle_for_knee_angle(hip, ANKLE_H, z, BALL_KNEE)
            frames |= _standing_leg(hip, ankle, BALL_TOE_OUT, suffix)
        return LowerBody(root, frames, ball=(np.array([-0.02, BALL_R, 0.0]), BALL_R))
    raise ValueError(f"unknown posture {posture!r} (known: {', '.join(POSTURES)})")


# ---------------------------------------------------------------- keyframes


def _arm_world_frame(u: UpperBody, suffix: str) -> Array:
    """The upper arm's world rotation: straight back and down at ``arm_down``, palm side chosen."""
    a, b = math.radians(u.arm_down), math.radians(u.arm_out)
    sign = 1.0 if suffix == "_l" else -1.0
    d = np.array([-math.cos(a) * math.cos(b), -math.sin(a), sign * math.cos(a) * math.sin(b)])
    anterior = frame(d, np.array([1.0, 0.0, 0.0]))
    # Internal rotation about the arm's own axis (mirrored for the right arm).
    q = qy(u.humerus_in) if suffix == "_l" else qmirror(qy(u.humerus_in))
    return np.asarray(anterior @ quat_to_matrix(q))


def _local_spec(u: UpperBody) -> dict[str, Array]:
    """Joint rotations given directly as local angles (left side; the right side is mirrored)."""
    girdle = qmul(qy(-u.retraction), qx(u.depression))  # about the thorax's long axis, then down
    forearm = qmul(qy(u.pronation), qz(u.wrist))
    return {
        "pelvis": qz(-u.lean),  # + about z tips the trunk back; forward lean is negative
        "l3": qz(u.lumbar),
        "t12": qz(u.thoracic_low),
        "t6": qz(u.thoracic_up),
        "c7": qz(u.neck),
        "neck": qz(u.head),
        "clavicle_l": girdle,
        "clavicle_r": qmirror(girdle),
        "elbow_l": qz(u.elbow),
        "elbow_r": qz(u.elbow),
        "wrist_l": forearm,
        "wrist_r": qmirror(forearm),
    }


def build_keyframe(lower: LowerBody, u: UpperBody) -> Keyframe:
    """Joint rotations for one keyframe: local angles where given, world targets otherwise."""
    local = _local_spec(u)
    world_targets = dict(lower.leg_frames)
    world_targets["shoulder_l"] = _arm_world_frame(u, "_l")
    world_targets["shoulder_r"] = _arm_world_frame(u, "_r")
    quats = np.tile(IDENTITY_Q, (N_JOINTS, 1))
    world = np.empty((N_JOINTS, 3, 3))
    for i, name in enumerate(JOINTS):
        p = PARENTS[i]
        parent = np.eye(3) if p < 0 else world[p]
        if name in world_targets:
            q = matrix_to_quat(parent.T @ world_targets[name])
        else:
            q = local.get(name, IDENTITY_Q)
        quats[i] = q
        world[i] = parent @ quat_to_matrix(q)
    return Keyframe(lower.root, quats)


class Transition(NamedTuple):
    """The way from keyframe ``a`` to ``b``: every joint turns about a fixed axis by a fixed angle."""

    root: Array
    rot: Array  # (N, 3, 3) local rotations at a
    rot_k: Array  # rot @ K, K the cross-product matrix of each joint's axis
    rot_k2: Array  # rot @ K @ K
    angle: Array  # (N,) radians, each <= pi (the short way round)

    @classmethod
    def between(cls, a: Keyframe, b: Keyframe) -> Transition:
        axis, angle = shortest_arc(a.quats, b.quats)
        rot = quat_to_matrix(a.quats)
        k = skew(axis)
        return cls(a.root, rot, rot @ k, rot @ k @ k, angle)

    def local(self, w: float) -> Array:
        """Local rotations ``w`` of the way; Rodrigues: exp(t K) = I + sin t K + (1 - cos t) K^2."""
        t = w * self.angle
        return np.asarray(
            self.rot + np.sin(t)[:, None, None] * self.rot_k + (1.0 - np.cos(t))[:, None, None] * self.rot_k2
        )


class Keyframes(NamedTuple):
    start: Keyframe
    top: Keyframe
    squeeze: Keyframe
    rest: Keyframe
    moves: dict[str, Transition]  # "start-top", "top-squeeze", "squeeze-start", "start", "rest"


@lru_cache(maxsize=1)
def _builtin_figures() -> dict[str, Figure]:
    from trainer.content import load_builtin_exercise  # only when a variant is named by id

    return {v.id: v.figure for v in load_builtin_exercise().variants}


def figure_for(variant: str | Figure) -> Figure:
    """A variant's figure: given, or looked up by id in the built-in exercise file."""
    if isinstance(variant, Figure):
        return variant
    figures = _builtin_figures()
    if variant not in figures:
        raise ValueError(f"unknown variant {variant!r} (known: {', '.join(figures)})")
    return figures[variant]


def builtin_variants() -> tuple[str, ...]:
    """The variant ids of the built-in exercise file, in its order."""
    return tuple(_builtin_figures())


@lru_cache(maxsize=8)
def keyframes(figure: Figure, side: str | None) -> Keyframes:
    if figure.kneels and side not in SIDES:
        side = "left"
    lower = lower_body(figure.posture, side if figure.kneels else None)
    lean, out = figure.lean, figure.arm_out
    start = build_keyframe(lower, START._replace(lean=lean, arm_out=out))
    top = build_keyframe(lower, TOP._replace(lean=lean, arm_out=out))
    squeeze = build_keyframe(lower, SQUEEZE._replace(lean=lean, arm_out=out))
    rest = build_keyframe(lower, REST._replace(lean=figure.rest_lean, arm_out=out + 2.0))
    moves = {
        "start-top": Transition.between(start, top),
        "top-squeeze": Transition.between(top, squeeze),
        "squeeze-start": Transition.between(squeeze, start),
        "start": Transition.between(start, start),
        "rest": Transition.between(rest, rest),
    }
    return Keyframes(start, top, squeeze, rest, moves)


# ---------------------------------------------------------------- phases, easing, pose(t)


def ease(u: float) -> float:
    """Slow out of one position and slow into the next (smootherstep), like an unhurried movement."""
    u = min(1.0, max(0.0, u))
    return u * u * u * (u * (6.0 * u - 15.0) + 10.0)


def segment_for(phase: str | None, progress: float) -> tuple[str, float]:
    """The move a phase makes between keyframes and the eased fraction of it done."""
    if phase == "lift":
        return "start-top", ease(progress)
    if phase == "squeeze":
        return "top-squeeze", ease(progress)
    if phase == "lower":
        return "squeeze-start", ease(progress)
    return "start", 0.0  # relax, get ready, or no phase: the start position


def pose_at(
    variant: str | Figure, side: str | None, phase: str | None, progress: float, resting: bool = False
) -> Pose:
    """The body at one moment: variant (its figure, or its id in the built-in exercise), knee on the
    floor (kneeling), phase and 0..1 progress in it."""
    kf = keyframes(figure_for(variant), side)
    name, w = ("rest", 0.0) if resting else segment_for(phase, progress)
    move = kf.moves[name]
    pos, rot = forward_kinematics(move.root, move.local(w))
    return Pose(pos, rot, weights_in_hands=not resting)
