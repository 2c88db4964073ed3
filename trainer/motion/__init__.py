"""Body motion for the Thoracic Back Press: a 3D skeleton, keyframes per phase, pose(t) (no Qt).

``pose_at`` gives joint positions in metres (x forward, y up, z to the person's left) for any
moment of a repetition; ``props_for`` the floor, mat, chair or ball; ``MUSCLES`` and
``muscle_effort`` the back muscles and how hard they work; ``Camera`` projects it all onto a
screen. ``trainer.motion.export.export_poses`` writes a repetition as JSON (imported on use:
it is not needed to start the app).
"""

from trainer.motion.muscles import MUSCLES, SHAPES, TORSO, Muscle, muscle_effort, phase_effort
from trainer.motion.poses import PHASES, SIDES, Pose, builtin_variants, figure_for, pose_at
from trainer.motion.projection import (
    YAW_BACK,
    YAW_FRONT,
    YAW_SIDE,
    YAW_THREE_QUARTER,
    Camera,
)
from trainer.motion.props import Props, props_for
from trainer.motion.skeleton import BONES, HEAD_R, INDEX, JOINTS

__all__ = [
    "BONES",
    "HEAD_R",
    "INDEX",
    "JOINTS",
    "MUSCLES",
    "PHASES",
    "SHAPES",
    "SIDES",
    "TORSO",
    "YAW_BACK",
    "YAW_FRONT",
    "YAW_SIDE",
    "YAW_THREE_QUARTER",
    "Camera",
    "Muscle",
    "Pose",
    "Props",
    "builtin_variants",
    "figure_for",
    "muscle_effort",
    "phase_effort",
    "pose_at",
    "props_for",
]
