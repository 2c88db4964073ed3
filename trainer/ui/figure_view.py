"""The animated stick figure (pyqtgraph): items made once, only setData per frame."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from trainer.motion import FigurePose, pose_at, scenery_for

NEAR = (35, 60, 110)
FAR = (140, 160, 200)
PROP = (175, 150, 120)
WEIGHT = (200, 70, 40)

_CIRCLE = np.array([(math.cos(a), math.sin(a)) for a in np.linspace(0, 2 * math.pi, 33)])


class FigureView(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph ships no types
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent=parent, background="w")
        self.setAccessibleName("Exercise figure")
        self.setAccessibleDescription(
            "A moving stick figure doing the Thoracic Back Press, seen from the side"
        )
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        pi = self.getPlotItem()
        pi.hideAxis("left")
        pi.hideAxis("bottom")
        vb = pi.getViewBox()
        vb.setAspectLocked(True)
        vb.setRange(xRange=(-0.85, 0.95), yRange=(-0.05, 1.45), padding=0.02)
        vb.disableAutoRange()
        self.scenery = pg.PlotDataItem(pen=pg.mkPen(PROP, width=6), connect="pairs")
        self.ball = pg.PlotDataItem(pen=pg.mkPen(PROP, width=5))
        self.far = pg.PlotDataItem(pen=pg.mkPen(FAR, width=9, cap=Qt.PenCapStyle.RoundCap), connect="pairs")
        self.near = pg.PlotDataItem(
            pen=pg.mkPen(NEAR, width=11, cap=Qt.PenCapStyle.RoundCap), connect="pairs"
        )
        self.head = pg.PlotDataItem(pen=pg.mkPen(NEAR, width=8), fillLevel=None)
        # Weights as short thick bars: a line item is much cheaper per frame than a scatter item.
        self.weights = pg.PlotDataItem(pen=pg.mkPen(WEIGHT, width=16), connect="pairs")
        for item in (self.scenery, self.ball, self.far, self.near, self.head, self.weights):
            self.addItem(item)
        self._variant = ""
        self.set_variant("kneeling")

    def set_variant(self, variant: str) -> None:
        if variant == self._variant:
            return
        self._variant = variant
        s = scenery_for(variant)
        pts = np.array(s.lines, dtype=float)
        self.scenery.setData(pts[:, 0], pts[:, 1], connect="pairs")
        if s.ball is not None:
            (cx, cy), r = s.ball
            self.ball.setData(cx + r * _CIRCLE[:, 0], cy + r * _CIRCLE[:, 1])
            self.ball.show()
        else:
            self.ball.hide()

    def show_pose(self, pose: FigurePose) -> None:
        near = np.asarray(pose.near_lines, dtype=float)
        far = np.asarray(pose.far_lines, dtype=float)
        self.near.setData(near[:, 0], near[:, 1], connect="pairs", skipFiniteCheck=True)
        self.far.setData(far[:, 0], far[:, 1], connect="pairs", skipFiniteCheck=True)
        (cx, cy), r = pose.head
        self.head.setData(cx + r * _CIRCLE[:, 0], cy + r * _CIRCLE[:, 1], skipFiniteCheck=True)
        hands = np.asarray(pose.hands, dtype=float)
        bars = np.repeat(hands, 2, axis=0)
        bars[0::2, 0] -= 0.035
        bars[1::2, 0] += 0.035
        self.weights.setData(bars[:, 0], bars[:, 1], connect="pairs", skipFiniteCheck=True)

    def show_moment(
        self,
        variant: str,
        side: str | None,
        phase: str | None,
        progress: float,
        resting: bool = False,
    ) -> None:
        self.set_variant(variant)
        self.show_pose(pose_at(variant, side, phase, progress, resting))
