"""A 3D skeleton: joints, body proportions, rotations and vectorised forward kinematics.

Coordinates in metres: x forward (the way the person faces), y up (floor at y = 0), z to the
person's left. Joint names end in ``_l``/``_r`` for the two sides. Each joint carries a rotation
that orients the bones to its children; a child sits at a fixed offset in its parent's frame, so
forward kinematics can never change a bone's length, whatever the rotations are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

HEIGHT: Final = 1.65  # metres; segment lengths are standard fractions of stature (Winter 2009)
H: Final = HEIGHT

UPPER_ARM: Final = 0.186 * H  # shoulder joint to elbow
FOREARM: Final = 0.146 * H  # elbow to wrist
GRIP: Final = 0.050 * H  # wrist to the middle of the grip
THIGH: Final = 0.245 * H  # hip joint to knee
SHANK: Final = 0.246 * H  # knee to ankle
FOOT: Final = 0.152 * H  # heel to the tip of the toes
ANKLE_H: Final = 0.039 * H  # ankle joint above the sole
HEEL_BACK: Final = 0.030 * H  # heel behind the ankle joint
HIP_HALF: Final = 0.052 * H  # half the distance between the hip joint centres
LUMBAR: Final = 0.105 * H  # hip joint line to the thoracolumbar junction (two segments)
THORACIC_LOW: Final = 0.090 * H  # T12 to T6
THORACIC_UP: Final = 0.095 * H  # T6 to C7
NECK: Final = 0.035 * H  # C7 to the middle of the neck
HEAD_R: Final = 0.065 * H  # drawing radius of the head
HEAD_UP: Final = 0.035 * H + 0.6 * HEAD_R  # middle of the neck to the centre of the head

# Joint table: name, parent, offset in the parent's frame (left side only; right is mirrored).
# Shoulder girdle points are placed on a thorax (T6 frame, y along the spine) of an adult of
# HEIGHT: sternoclavicular joint at the front, glenohumeral joint at the side, the shoulder
# blade's medial border on the back about 5-6 cm from the spine, as in anatomy atlases.
_SC = np.array([0.073, 0.061, 0.015]) * H  # sternoclavicular joint in the T6 frame
_LEFT_TABLE: tuple[tuple[str, str, tuple[float, float, float]], ...] = (
    ("pelvis", "", (0.0, 0.0, 0.0)),  # mid-point of the hip joints; the root
    ("l3", "pelvis", (0.0, LUMBAR / 2, 0.0)),
    ("t12", "l3", (0.0, LUMBAR / 2, 0.0)),
    ("t6", "t12", (0.0, THORACIC_LOW, 0.0)),
    ("c7", "t6", (0.0, THORACIC_UP, 0.0)),
    ("neck", "c7", (0.006 * H, NECK, 0.0)),
    ("head", "neck", (0.010 * H, HEAD_UP, 0.0)),
    ("nose", "head", (1.25 * HEAD_R, -0.15 * HEAD_R, 0.0)),  # sticks out: shows the facing
    ("sternum", "t6", (0.073 * H, 0.061 * H, 0.0)),  # top of the breastbone
    ("xiphoid", "t6", (0.082 * H, -0.030 * H, 0.0)),  # its lower end: shows the chest lift
    ("clavicle_l", "t6", (float(_SC[0]), float(_SC[1]), float(_SC[2]))),
    ("shoulder_l", "clavicle_l", (-0.067 * H, 0.009 * H, 0.097 * H)),
    ("scapula_top_l", "clavicle_l", (-0.100 * H, 0.015 * H, 0.030 * H)),  # superior angle
    ("scapula_l", "clavicle_l", (-0.103 * H, -0.024 * H, 0.033 * H)),  # medial border, mid
    ("scapula_bottom_l", "clavicle_l", (-0.097 * H, -0.079 * H, 0.036 * H)),  # inferior angle
    ("elbow_l", "shoulder_l", (0.0, -UPPER_ARM, 0.0)),
    ("wrist_l", "elbow_l", (0.0, -FOREARM, 0.0)),
    ("hand_l", "wrist_l", (0.0, -GRIP, 0.0)),  # the grip; its frame's x axis is the palm normal
    ("hip_l", "pelvis", (0.0, 0.0, HIP_HALF)),
    ("knee_l", "hip_l", (0.0, -THIGH, 0.0)),
    ("ankle_l", "knee_l", (0.0, -SHANK, 0.0)),
    ("heel_l", "ankle_l", (-HEEL_BACK, -ANKLE_H, 0.0)),
    ("toe_l", "ankle_l", (FOOT - HEEL_BACK, -ANKLE_H, 0.0)),
)


def mirror_name(name: str) -> str:
    """The same joint on the other side of the body (central joints map to themselves)."""
    if name.endswith("_l"):
        return name[:-2] + "_r"
    if name.endswith("_r"):
        return name[:-2] + "_l"
    return name


def _build_table() -> tuple[tuple[str, ...], tuple[int, ...], Array]:
    rows: list[tuple[str, str, tuple[float, float, float]]] = []
    for name, parent, off in _LEFT_TABLE:
        rows.append((name, parent, off))
    for name, parent, (x, y, z) in _LEFT_TABLE:
        if name.endswith("_l"):
            rows.append((mirror_name(name), mirror_name(parent), (x, y, -z)))
    # Topological order: every parent before its children.
    ordered: list[tuple[str, str, tuple[float, float, float]]] = []
    placed: set[str] = set()
    while len(ordered) < len(rows):
        for row in rows:
            if row[0] not in placed and (row[1] == "" or row[1] in placed):
                ordered.append(row)
                placed.add(row[0])
    names = tuple(r[0] for r in ordered)
    index = {n: i for i, n in enumerate(names)}
    parents = tuple(index[r[1]] if r[1] else -1 for r in ordered)
    offsets = np.array([r[2] for r in ordered], dtype=np.float64)
    return names, parents, offsets


JOINTS, PARENTS, OFFSETS = _build_table()
INDEX: Final[dict[str, int]] = {n: i for i, n in enumerate(JOINTS)}
N_JOINTS: Final = len(JOINTS)
BONES: Final[tuple[tuple[str, str], ...]] = tuple(
    (JOINTS[p], JOINTS[i]) for i, p in enumerate(PARENTS) if p >= 0
)
MIRROR_INDEX: Final = np.array([INDEX[mirror_name(n)] for n in JOINTS], dtype=np.intp)


def idx(*names: str) -> NDArray[np.intp]:
    return np.array([INDEX[n] for n in names], dtype=np.intp)


def _levels() -> tuple[tuple[NDArray[np.intp], NDArray[np.intp]], ...]:
    depth = [0] * N_JOINTS
    for i, p in enumerate(PARENTS):
        depth[i] = 0 if p < 0 else depth[p] + 1
    out = []
    for d in range(1, max(depth) + 1):
        js = np.array([i for i in range(N_JOINTS) if depth[i] == d], dtype=np.intp)
        out.append((js, np.array([PARENTS[j] for j in js], dtype=np.intp)))
    return tuple(out)


_LEVELS = _levels()

# ---------------------------------------------------------------- rotations (quaternions w, x, y, z)


def quat(axis: Sequence[float], degrees: float) -> Array:
    a = np.asarray(axis, dtype=np.float64)
    a = a / np.linalg.norm(a)
    h = np.radians(degrees) / 2.0
    return np.concatenate(([np.cos(h)], np.sin(h) * a))


def qx(deg: float) -> Array:
    return quat((1.0, 0.0, 0.0), deg)


def qy(deg: float) -> Array:
    return quat((0.0, 1.0, 0.0), deg)


def qz(deg: float) -> Array:
    return quat((0.0, 0.0, 1.0), deg)


IDENTITY_Q: Final = np.array([1.0, 0.0, 0.0, 0.0])


def qmul(a: Array, b: Array) -> Array:
    """Hamilton product (also for stacks of quaternions, last axis = 4)."""
    if a.ndim == 1 and b.ndim == 1:  # one pair: plain floats are far quicker than array ops
        (aw, ax, ay, az), (bw, bx, by, bz) = a.tolist(), b.tolist()
        return np.array(
            [
                aw * bw - ax * bx - ay * by - az * bz,
                aw * bx + ax * bw + ay * bz - az * by,
                aw * by - ax * bz + ay * bw + az * bx,
                aw * bz + ax * by - ay * bx + az * bw,
            ]
        )
    aw, ax, ay, az = np.moveaxis(a, -1, 0)
    bw, bx, by, bz = np.moveaxis(b, -1, 0)
    return np.stack(
        (
            aw * bw - ax * bx - ay * by - az * bz,
            aw * bx + ax * bw + ay * bz - az * by,
            aw * by - ax * bz + ay * bw + az * bx,
            aw * bz + ax * by - ay * bx + az * bw,
        ),
        axis=-1,
    )


def qconj(q: Array) -> Array:
    return np.asarray(q * np.array([1.0, -1.0, -1.0, -1.0]))


def qmirror(q: Array) -> Array:
    """The rotation seen in a mirror across the body's midplane (z -> -z)."""
    return np.asarray(q * np.array([1.0, -1.0, -1.0, 1.0]))


def quat_to_matrix(q: Array) -> Array:
    """Rotation matrices for a stack of unit quaternions (..., 4) -> (..., 3, 3)."""
    if q.ndim == 1:  # one quaternion (building keyframes): plain floats
        w, x, y, z = q.tolist()
        return np.array(
            [
                [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
                [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
                [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
            ]
        )
    w, x, y, z = np.moveaxis(q, -1, 0)
    xx, yy, zz = x * x, y * y, z * z
    xy, xz, yz, wx, wy, wz = x * y, x * z, y * z, w * x, w * y, w * z
    m = np.empty((*q.shape[:-1], 3, 3))
    m[..., 0, 0] = 1 - 2 * (yy + zz)
    m[..., 0, 1] = 2 * (xy - wz)
    m[..., 0, 2] = 2 * (xz + wy)
    m[..., 1, 0] = 2 * (xy + wz)
    m[..., 1, 1] = 1 - 2 * (xx + zz)
    m[..., 1, 2] = 2 * (yz - wx)
    m[..., 2, 0] = 2 * (xz - wy)
    m[..., 2, 1] = 2 * (yz + wx)
    m[..., 2, 2] = 1 - 2 * (xx + yy)
    return m


def matrix_to_quat(m: Array) -> Array:
    """One rotation matrix -> unit quaternion with w >= 0 (Shepperd's method)."""
    t = float(np.trace(m))
    if t > 0:
        s = np.sqrt(t + 1.0) * 2
        q = np.array([0.25 * s, (m[2, 1] - m[1, 2]) / s, (m[0, 2] - m[2, 0]) / s, (m[1, 0] - m[0, 1]) / s])
    else:
        i = int(np.argmax(np.diag(m)))
        j, k = (i + 1) % 3, (i + 2) % 3
        s = np.sqrt(1.0 + m[i, i] - m[j, j] - m[k, k]) * 2
        q = np.empty(4)
        q[0] = (m[k, j] - m[j, k]) / s
        q[1 + i] = 0.25 * s
        q[1 + j] = (m[j, i] + m[i, j]) / s
        q[1 + k] = (m[k, i] + m[i, k]) / s
    q = q / np.linalg.norm(q)
    return np.asarray(q if q[0] >= 0 else -q)


def shortest_arc(qa: Array, qb: Array) -> tuple[Array, Array]:
    """Per joint: the axis (N, 3) and angle (N,) turning ``qa`` into ``qb`` the short way round."""
    rel = qmul(qconj(qa), qb)
    rel = np.where(rel[:, :1] < 0.0, -rel, rel)  # q and -q are the same rotation: take the short way
    half = np.arccos(np.clip(rel[:, 0], -1.0, 1.0))
    s = np.sin(half)
    axis = np.where(s[:, None] > 1e-9, rel[:, 1:] / np.where(s > 1e-9, s, 1.0)[:, None], 0.0)
    axis[np.linalg.norm(axis, axis=1) < 0.5] = (1.0, 0.0, 0.0)  # no turn: any axis will do
    return axis, 2.0 * half


def skew(v: Array) -> Array:
    """Cross-product matrices (N, 3, 3) of vectors (N, 3)."""
    k = np.zeros((len(v), 3, 3))
    k[:, 0, 1], k[:, 0, 2] = -v[:, 2], v[:, 1]
    k[:, 1, 0], k[:, 1, 2] = v[:, 2], -v[:, 0]
    k[:, 2, 0], k[:, 2, 1] = -v[:, 1], v[:, 0]
    return k


def frame(down: Array, x_hint: Array) -> Array:
    """A rotation whose -y axis points along ``down`` (a bone) and whose x axis is nearest ``x_hint``."""
    y = -down / np.linalg.norm(down)
    x = x_hint - np.dot(x_hint, y) * y
    x = x / np.linalg.norm(x)
    z = np.cross(x, y)
    return np.column_stack((x, y, z))


# ---------------------------------------------------------------- forward kinematics


_LOCAL_TEMPLATE = np.zeros((N_JOINTS, 4, 4))
_LOCAL_TEMPLATE[:, :3, 3] = OFFSETS
_LOCAL_TEMPLATE[:, 3, 3] = 1.0


def forward_kinematics(root: Array, local: Array) -> tuple[Array, Array]:
    """Positions (N, 3) and world rotations (N, 3, 3) from the root position and local rotations.

    Homogeneous transforms, vectorised by tree depth: one batched product per level of the tree.
    """
    m = _LOCAL_TEMPLATE.copy()
    m[:, :3, :3] = local
    m[0, :3, 3] = root
    world = np.empty_like(m)
    world[0] = m[0]
    for js, ps in _LEVELS:
        world[js] = world[ps] @ m[js]
    return world[:, :3, 3], world[:, :3, :3]
