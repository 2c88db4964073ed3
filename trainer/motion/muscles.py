"""The back muscles the exercise works, as shapes between joints, and how hard each works per phase.

Shapes are polygons whose corners are points on the skeleton (a joint, a point along a bone, or a
spine joint moved sideways/backwards onto the surface of the back), so they follow the pose: the
rhomboids shorten and the trapezius narrows as the shoulder blades draw together.
"""

from __future__ import annotations

from typing import Final, NamedTuple

import numpy as np
from numpy.typing import NDArray

from trainer.motion.poses import Pose, ease
from trainer.motion.skeleton import INDEX, Array, mirror_name

# A corner: (joint a, joint b, t, lateral, back) = a + t (b - a), then moved `lateral` metres to
# the body's left (negated on the right side) and `back` metres behind, in joint a's frame.
Corner = tuple[str, str, float, float, float]


def _j(a: str, t: float = 0.0, b: str | None = None, lat: float = 0.0, back: float = 0.0) -> Corner:
    return (a, b or a, t, lat, back)


class Muscle(NamedTuple):
    key: str
    name: str
    role: str  # what it does in this exercise, in the app's own words
    color: tuple[int, int, int]
    gain: float  # share of the phase effort this muscle shows
    polygons: tuple[tuple[Corner, ...], ...]


def _both(poly: tuple[Corner, ...]) -> tuple[tuple[Corner, ...], ...]:
    """A left-side polygon and its mirror image on the right."""
    right = tuple((mirror_name(a), mirror_name(b), t, -lat, back) for a, b, t, lat, back in poly)
    return (poly, right)


# Corners sit on the surface of the back (a few centimetres behind the line of the spine), so
# the muscles show as the back's contour from the side and as sheets from behind.
MUSCLES: Final[tuple[Muscle, ...]] = (
    Muscle(
        "latissimus",
        "Latissimus dorsi",
        "pulls the straight arms back and up",
        (235, 150, 30),
        0.85,
        _both(
            (
                _j("t6", 0.2, "t12", lat=0.01, back=0.06),  # spines of the mid thoracic vertebrae
                _j("scapula_bottom_l"),
                _j("shoulder_l", 0.15, "elbow_l"),  # onto the upper arm bone
                _j("l3", lat=0.12, back=0.01),  # along the iliac crest
                _j("pelvis", lat=0.015, back=0.06),  # lumbar fascia, sacrum
            )
        ),
    ),
    Muscle(
        "erector",
        "Erector spinae",
        "keeps the back straight and lifts the chest",
        (40, 150, 120),
        0.6,
        _both(
            (
                _j("pelvis", lat=0.012, back=0.035),
                _j("l3", lat=0.012, back=0.035),
                _j("t12", lat=0.012, back=0.035),
                _j("t6", lat=0.01, back=0.035),
                _j("c7", lat=0.008, back=0.03),
                _j("c7", lat=0.03, back=0.05),
                _j("t6", lat=0.045, back=0.085),
                _j("t12", lat=0.05, back=0.09),
                _j("l3", lat=0.05, back=0.085),
                _j("pelvis", lat=0.045, back=0.07),
            )
        ),
    ),
    Muscle(
        "trapezius",
        "Trapezius",
        "draws the shoulders back and down",
        (215, 70, 60),
        1.0,
        (
            (
                _j("neck", back=0.04),  # base of the skull
                _j("shoulder_l", 0.15, "scapula_top_l"),  # collar bone's end and shoulder blade
                _j("scapula_l"),
                _j("t12", back=0.06),
                _j("scapula_r"),
                _j("shoulder_r", 0.15, "scapula_top_r"),
            ),
        ),
    ),
    Muscle(
        "rhomboids",
        "Rhomboids",
        "squeeze the shoulder blades together",
        (150, 60, 175),
        1.0,
        _both(
            (
                _j("c7", lat=0.006, back=0.07),  # spines of C7 to T5
                _j("t6", 0.25, "c7", lat=0.006, back=0.07),
                _j("scapula_l", 0.7, "scapula_bottom_l"),  # medial border of the shoulder blade
                _j("scapula_top_l"),
            )
        ),
    ),
)


class SurfacePoints(NamedTuple):
    """Corner specs as index arrays, so all points come out of one vectorised step."""

    a: NDArray[np.intp]
    b: NDArray[np.intp]
    t: Array
    lat: Array
    back: Array

    @classmethod
    def of(cls, rows: list[Corner] | tuple[Corner, ...]) -> SurfacePoints:
        return cls(
            np.array([INDEX[r[0]] for r in rows], dtype=np.intp),
            np.array([INDEX[r[1]] for r in rows], dtype=np.intp),
            np.array([r[2] for r in rows]),
            np.array([r[3] for r in rows]),
            np.array([r[4] for r in rows]),
        )

    @classmethod
    def join(cls, parts: tuple[SurfacePoints, ...]) -> SurfacePoints:
        """One table for several, so all their points come out of a single step."""
        return cls(
            np.concatenate([x.a for x in parts]),
            np.concatenate([x.b for x in parts]),
            np.concatenate([x.t for x in parts]),
            np.concatenate([x.lat for x in parts]),
            np.concatenate([x.back for x in parts]),
        )

    @property
    def size(self) -> int:
        return len(self.a)

    def at(self, pose: Pose) -> Array:
        p, f = pose.positions, pose.frames
        pts = p[self.a] + self.t[:, None] * (p[self.b] - p[self.a])
        return np.asarray(pts + self.lat[:, None] * f[self.a, :, 2] - self.back[:, None] * f[self.a, :, 0])


class MuscleShapes(NamedTuple):
    """All muscle polygons, closed (first corner repeated), one muscle after the other."""

    points: SurfacePoints
    slices: tuple[slice, ...]  # rows of each muscle
    starts: tuple[NDArray[np.bool_], ...]  # per muscle: True where a new polygon begins

    def corners(self, pose: Pose) -> Array:
        return self.points.at(pose)


def _shapes() -> MuscleShapes:
    rows: list[Corner] = []
    slices, starts = [], []
    for m in MUSCLES:
        first = len(rows)
        flags: list[bool] = []
        for poly in m.polygons:
            closed = (*poly, poly[0])  # repeat the first corner so outlines and fills close
            rows.extend(closed)
            flags.extend([True] + [False] * (len(closed) - 1))
        slices.append(slice(first, len(rows)))
        starts.append(np.array(flags))
    return MuscleShapes(SurfacePoints.of(rows), tuple(slices), tuple(starts))


SHAPES: Final = _shapes()

# Points on the surface of the trunk (left side; mirrored), whose outline on screen is the body.
_TORSO_LEFT: tuple[Corner, ...] = (
    _j("c7", back=0.03),
    _j("neck", 0.5, "head", back=0.02),
    _j("neck", 0.5, "head", lat=0.04),
    _j("sternum"),
    _j("xiphoid"),
    _j("clavicle_l", 0.6, "shoulder_l"),
    _j("shoulder_l", lat=0.035),
    _j("scapula_top_l", back=0.01),
    _j("scapula_bottom_l", back=0.01),
    _j("t12", lat=0.12),
    _j("t12", back=0.06),
    _j("l3", lat=0.13),
    _j("l3", back=-0.10),  # belly
    _j("l3", back=0.055),
    _j("pelvis", back=-0.08),
    _j("hip_l", lat=0.07),
    _j("pelvis", 0.4, "hip_l", back=0.11),  # buttock
    _j("hip_l", 0.25, "knee_l", back=0.05),  # where the buttock meets the thigh
)
TORSO: Final = SurfacePoints.of(
    _TORSO_LEFT
    + tuple(
        (mirror_name(a), mirror_name(b), t, -lat, back)
        for a, b, t, lat, back in _TORSO_LEFT
        if a != mirror_name(a) or lat != 0.0
    )
)


def phase_effort(phase: str | None, progress: float, resting: bool = False) -> float:
    """How hard the mid-back works, 0..1: building in the lift, most in the squeeze, still working
    (eccentric) while lowering, nearly nothing in the relax, nothing at rest."""
    if resting or phase is None:
        return 0.0
    e = ease(progress)
    if phase == "lift":
        return 0.05 + 0.95 * e
    if phase == "squeeze":
        return 1.0
    if phase == "lower":
        return 1.0 - 0.7 * e
    if phase == "relax":
        return 0.3 - 0.25 * e
    return 0.0


def muscle_effort(phase: str | None, progress: float, resting: bool = False) -> tuple[float, ...]:
    """Effort of each muscle in MUSCLES order."""
    base = phase_effort(phase, progress, resting)
    return tuple(m.gain * base for m in MUSCLES)
