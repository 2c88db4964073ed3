"""Stick-figure motion: body proportions, forward kinematics, keyframes and easing (no Qt)."""

from trainer.motion.figure import FigurePose, Scenery, pose_at, scenery_for

__all__ = ["FigurePose", "Scenery", "pose_at", "scenery_for"]
