"""The exercise figure in 3D (pyqtgraph): turnable, mirrorable, with the movement's range and the
working muscles.

Per frame: the pose (forward kinematics), one projection of every point needed (joints, points on
the body's surface, the weights) with numpy, and copies into numpy-viewed QPolygonF buffers.
One canvas item paints all moving layers in depth order, in device pixels with an identity
transform: a scaled painter sends every polygon and ellipse through Qt's general path filler
(about 3x slower), and one item instead of a dozen saves the view's per-item set-up; pyqtgraph's
PlotCurveItem.setData recomputed data bounds and a QPainterPath each frame, which cost more than
the drawing. What does not move within a repetition (floor, mat, chair, the start/top outlines)
is painted into the view's cached background, redrawn only when variant, knee, turn or mirror
change.
"""

from __future__ import annotations

import itertools
import math
from typing import NamedTuple

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QCursor, QMouseEvent, QPainter, QPen, QPolygonF, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsItem,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from trainer.content import Exercise, Figure
from trainer.motion import (
    HEAD_R,
    INDEX,
    MUSCLES,
    SHAPES,
    TORSO,
    YAW_BACK,
    YAW_SIDE,
    YAW_THREE_QUARTER,
    Camera,
    builtin_variants,
    figure_for,
    muscle_effort,
    pose_at,
    props_for,
)
from trainer.motion.hands import PALM_POINTS, PLATE_SIDES, WEIGHT_R, dumbbells, held_weights, palms
from trainer.motion.muscles import SurfacePoints

NEAR = (35, 60, 110)
FAR = (150, 168, 205)
CHEST = (95, 115, 160)
PROP = (165, 140, 110)
WEIGHT = (104, 112, 128)  # the dumbbells' plates: iron grey, so they do not read as red blobs
WEIGHT_BAR = (60, 64, 74)
SKIN = (244, 214, 188)  # the open hands
BONE = (236, 226, 204)
BODY = (222, 230, 244)  # the trunk's outline, filled lightly
OUTLINE_START = (150, 162, 190)
OUTLINE_TOP = (70, 160, 100)
OUTLINE_PATH = (175, 185, 205)
FILLS = {
    "floor": (240, 240, 236),
    "mat": (160, 200, 192),
    "seat": (214, 190, 156),
}
BALL = (206, 222, 242)
# Muscles are drawn as if translucent over the body (alpha 170/255 at full effort) but with the
# colour blended here and filled opaque: a translucent fill costs Qt about four times an opaque
# one, and the muscles were most of the drawing time. Bones are drawn over them.
MUSCLE_ALPHA = 170
_ALPHA_STEPS = 48  # muscle colours are precomputed for this many effort levels

# Figure parts as chains of joints (drawn as polylines) and pairs. Limbs are split by side so
# either side can be the near one.
_SPINE = ("pelvis", "l3", "t12", "t6", "c7", "neck", "head")
_TRUNK_CHAINS = (_SPINE, ("hip_l", "hip_r"), ("shoulder_l", "clavicle_l", "clavicle_r", "shoulder_r"))
# The nose (drawn under the head, so only its tip shows which way the figure faces). The breastbone
# is not drawn: a short line in front of the chest read as a forearm; the trunk's outline shows the
# chest lift.
_CHEST = (("head", "nose"),)


def _arm(s: str) -> tuple[str, ...]:
    # To the wrist: the open hand beyond it is drawn as a palm, with the weight on it.
    return (f"shoulder_{s}", f"elbow_{s}", f"wrist_{s}")


def _leg(s: str) -> tuple[str, ...]:
    return (f"hip_{s}", f"knee_{s}", f"ankle_{s}", f"heel_{s}", f"toe_{s}", f"ankle_{s}")


def _ix(names: tuple[str, ...]) -> np.ndarray:
    return np.array([INDEX[n] for n in names], dtype=np.intp)


_LIMBS = {s: (_ix(_arm(s)), _ix(_leg(s))) for s in "lr"}
_TRUNK_IX = tuple(_ix(c) for c in _TRUNK_CHAINS)
_TRUNK_ALL = np.concatenate(_TRUNK_IX)
_CHEST_IX = _ix(tuple(n for pair in _CHEST for n in pair))
# The outlines show only where the hands go (a dashed path from the start ring to the top ring):
# a ghost of the whole arm read as a second arm.
_PATH_SAMPLES = 9
_MARK = 0.035  # radius of the start and top rings around the hands, metres
_SCAPULA = {s: _ix(tuple(f"{n}_{s}" for n in ("scapula_top", "scapula_bottom", "shoulder"))) for s in "lr"}
_SCAPULA_ALL = np.concatenate(tuple(_SCAPULA.values()))
_HANDS = _ix(("hand_r", "hand_l"))
_CIRCLE = np.array([(math.cos(a), math.sin(a)) for a in np.linspace(0, 2 * math.pi, 41)])
_MARK_RING = np.repeat(_CIRCLE[::2] * _MARK, 2, axis=0)[1:-1]  # a hand's start/top ring as pairs

# Every point a frame needs, in one table: joints, then the trunk's surface, then muscle corners.
_SURFACE = SurfacePoints.join((TORSO, SHAPES.points))
_N = len(INDEX)
_TORSO_AT = _N
_MUSCLES_AT = _N + TORSO.size
_WEIGHTS_AT = _N + _SURFACE.size  # then 4 ends of the two weights' bars (right, left)
_WEIGHT_ROWS = _WEIGHTS_AT + np.arange(4)  # right bar, left bar, as pairs
_PALMS_AT = _WEIGHTS_AT + 4  # the two palms' outlines
_PLATES_AT = _PALMS_AT + 2 * PALM_POINTS  # the weights' four end plates
_STATIC_AT = _PLATES_AT + 4 * PLATE_SIDES
_PALM_PARTS = [_PALMS_AT + np.arange(k * PALM_POINTS, (k + 1) * PALM_POINTS) for k in range(2)]


def _plate_parts(first: int) -> list[np.ndarray]:
    return [first + np.arange(k * PLATE_SIDES, (k + 1) * PLATE_SIDES) for k in range(4)]


def _muscle_parts(muscle: int) -> list[slice]:
    """Rows (in the frame's point table) of each polygon of one muscle."""
    sl, starts = SHAPES.slices[muscle], SHAPES.starts[muscle]
    bounds = [*(sl.start + np.flatnonzero(starts)), sl.stop]
    return [slice(_MUSCLES_AT + int(a), _MUSCLES_AT + int(b)) for a, b in itertools.pairwise(bounds)]


_MUSCLE_PARTS = [_muscle_parts(i) for i in range(len(MUSCLES))]


def _pen(color: tuple[int, ...], width: float, round_cap: bool = True) -> QPen:
    """A cosmetic pen: its width is in screen pixels whatever the view's scale."""
    cap = Qt.PenCapStyle.RoundCap if round_cap else Qt.PenCapStyle.FlatCap
    pen: QPen = pg.mkPen(color, width=width, cap=cap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin if round_cap else Qt.PenJoinStyle.MiterJoin)
    return pen


def _chain_pen(color: tuple[int, ...], width: float) -> QPen:
    """For limbs and spine: round joins; the chains' ends are hidden under the head, pelvis,
    weights or feet, so flat caps (about a third cheaper to draw than round ones) will do."""
    pen = _pen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _brush(color: tuple[int, ...]) -> QBrush:
    return QBrush(QColor(*color))


def _mix(a: tuple[int, ...], b: tuple[int, ...], w: float) -> tuple[int, int, int]:
    return (round(a[0] + (b[0] - a[0]) * w), round(a[1] + (b[1] - a[1]) * w), round(a[2] + (b[2] - a[2]) * w))


def _qpoly(points: np.ndarray) -> QPolygonF:
    poly: QPolygonF = pg.functions.create_qpolygonf(len(points))
    pg.functions.ndarray_from_qpolygonf(poly)[:] = points
    return poly


def _hull_order(pts: np.ndarray) -> np.ndarray:
    """Indices of the convex hull (monotone chain), closed: the trunk's outline seen from the camera."""
    order = np.lexsort((pts[:, 1], pts[:, 0])).tolist()

    def half(idx: list[int]) -> list[int]:
        out: list[int] = []
        for i in idx:
            while len(out) >= 2:
                (ax, ay), (bx, by) = pts[out[-2]], pts[out[-1]]
                if (bx - ax) * (pts[i, 1] - ay) - (by - ay) * (pts[i, 0] - ax) > 0:
                    break
                out.pop()
            out.append(i)
        return out

    ring = half(order)[:-1] + half(order[::-1])[:-1]
    return np.array([*ring, ring[0]], dtype=np.intp)


# ---------------------------------------------------------------- drawing layers


class _Layer:
    """One pen/brush and parts (polylines, polygons or segment pairs) whose points are rows of the
    canvas's point table. Not a QGraphicsItem: the canvas paints every layer in one go."""

    def __init__(self, canvas: _Canvas, pen: QPen | None = None, brush: QBrush | None = None) -> None:
        self._canvas = canvas
        self._pen = pen if pen is not None else QPen(Qt.PenStyle.NoPen)
        self._brush = brush if brush is not None else QBrush(Qt.BrushStyle.NoBrush)
        self._index: list[np.ndarray] = []  # rows of the point table, per part
        self._polys: list[QPolygonF] = []  # the same points in device pixels, filled when painted
        self._pixels: list[np.ndarray] = []
        self._visible = True
        self._z = 0.0
        canvas.layers.append(self)

    def setPen(self, pen: QPen) -> None:
        self._pen = pen

    def setBrush(self, brush: QBrush) -> None:
        self._brush = brush

    def pen(self) -> QPen:
        return self._pen

    def brush(self) -> QBrush:
        return self._brush

    def setVisible(self, on: bool) -> None:
        self._visible = bool(on)

    def isVisible(self) -> bool:
        return self._visible

    def setZValue(self, z: float) -> None:
        self._z = z
        self._canvas.reorder()

    def zValue(self) -> float:
        return self._z

    def set_index(self, parts: list[np.ndarray]) -> None:
        """Which rows of the point table make each part (set when the view changes, not per frame)."""
        self._index = [np.asarray(p, dtype=np.intp) for p in parts]
        self._polys = [pg.functions.create_qpolygonf(len(p)) for p in self._index]
        self._pixels = [pg.functions.ndarray_from_qpolygonf(q) for q in self._polys]
        self._canvas.update()

    def parts(self) -> list[np.ndarray]:
        """The parts as drawn now, in view units."""
        return [self._canvas.points[ix].copy() for ix in self._index]

    def fill(self, device: np.ndarray) -> None:
        for ix, px in zip(self._index, self._pixels, strict=True):
            device.take(ix, axis=0, out=px)

    def draw(self, p: QPainter, scale: float) -> None:
        raise NotImplementedError


class _Lines(_Layer):
    """Line segments: consecutive points are pairs (like connect='pairs')."""

    def getData(self) -> tuple[np.ndarray, np.ndarray]:
        a = self.parts()[0] if self._index else np.zeros((0, 2))
        return a[:, 0], a[:, 1]

    def draw(self, p: QPainter, scale: float) -> None:
        p.setPen(self._pen)
        for q in self._polys:
            p.drawLines(q)  # type: ignore[call-overload]  # QPolygonF of point pairs (works; stubs lack it)


class _Chains(_Layer):
    """Polylines (a limb, the spine): joints are joined round, without overlapping caps."""

    def draw(self, p: QPainter, scale: float) -> None:
        p.setPen(self._pen)
        for q in self._polys:
            p.drawPolyline(q)


class _Polygons(_Layer):
    """Filled polygons (each part one closed outline)."""

    def draw(self, p: QPainter, scale: float) -> None:
        p.setPen(self._pen)
        p.setBrush(self._brush)
        for q in self._polys:
            p.drawPolygon(q)


class _Head(_Layer):
    """A circle of HEAD_R around one point, with an outline."""

    def draw(self, p: QPainter, scale: float) -> None:
        p.setPen(self._pen)
        p.setBrush(self._brush)
        cx, cy = self._pixels[0][0]
        p.drawEllipse(QPointF(cx, cy), HEAD_R * scale, HEAD_R * scale)


class _Canvas(QGraphicsItem):
    """One item that paints all layers, lowest z first, in device pixels.

    A frame hands it the table of screen points (view units); when painted, the table is mapped
    to device pixels in one numpy step and each layer takes its rows from it.
    """

    _EVERYWHERE = QRectF(-10.0, -10.0, 20.0, 20.0)  # fixed bounds: no geometry change per frame

    def __init__(self) -> None:
        super().__init__()
        self.layers: list[_Layer] = []
        self._order: list[_Layer] = []
        self.points = np.zeros((1, 2))

    def boundingRect(self) -> QRectF:
        return self._EVERYWHERE

    def reorder(self) -> None:
        self._order = sorted(self.layers, key=_Layer.zValue)

    def set_points(self, uv: np.ndarray) -> None:
        self.points = uv
        self.update()

    def paint(self, p: QPainter, option: object, widget: object = None) -> None:
        t = p.worldTransform()
        m = np.array([[t.m11(), t.m12()], [t.m21(), t.m22()]])
        device = self.points @ m + np.array([t.dx(), t.dy()])
        scale = math.hypot(t.m11(), t.m12())
        p.resetTransform()
        for layer in self._order:
            if layer._visible and layer._index:
                layer.fill(device)
                layer.draw(p, scale)


class _Moment(NamedTuple):
    variant: Figure
    side: str | None
    phase: str | None
    progress: float
    resting: bool


def _side_key(variant: Figure, side: str | None) -> str | None:
    if variant.kneels:
        return side if side in ("left", "right") else "left"
    return None


class FigureView(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph ships no types
    """The figure. Public: show_moment, set_yaw/yaw, set_mirror/mirror, set_outlines_visible,
    outline_points, set_muscles_visible, muscle_alpha, muscle_polygons, muscle_at, projected;
    signal yaw_changed(float). Layers (``near``, ``far``, ``trunk``, ``weights``, ...) are
    attributes for tests."""

    yaw_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, background="w")
        self.setAccessibleName("Exercise figure")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMouseTracking(True)
        # Nothing to look up by position: skip the scene's spatial index.
        self.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        pi = self.getPlotItem()
        pi.hideAxis("left")
        pi.hideAxis("bottom")
        vb = pi.getViewBox()
        vb.setAspectLocked(True)
        vb.setRange(xRange=(-0.85, 0.95), yRange=(-0.12, 1.45), padding=0.02)
        vb.disableAutoRange()
        vb.sigTransformChanged.connect(self._static_changed)
        self._vb = vb
        self.canvas = _Canvas()
        vb.addItem(self.canvas)

        c = self.canvas
        # Static scenery and outlines, painted into the cached background (see drawBackground).
        self._static_fills: list[tuple[QPen, QBrush, QPolygonF]] = []
        self._static_lines: list[tuple[QPen, QPolygonF]] = []
        self._outlines: dict[str, tuple[QPen, np.ndarray]] = {}
        self._static_points = np.zeros((4, 2))  # floor weights, ball outline and rings (view units)
        # The ball is static too but takes part in the depth order (it hides the far leg).
        self.ball = _Polygons(c, pg.mkPen((150, 170, 200), width=2), _brush(BALL))
        self.ball_rings = _Lines(c, pg.mkPen((165, 185, 215), width=1.5))
        self.torso = _Polygons(c, pg.mkPen(_mix(BODY, NEAR, 0.25), width=1.5), _brush(BODY))
        # Muscles: colours whose strength follows the effort of the phase.
        self.muscle_items: dict[str, _Polygons] = {m.key: _Polygons(c) for m in MUSCLES}
        for i, m in enumerate(MUSCLES):
            self.muscle_items[m.key].set_index([np.arange(sl.start, sl.stop) for sl in _MUSCLE_PARTS[i]])
        self._muscle_brushes = {
            m.key: [
                _brush(_mix(BODY, m.color, MUSCLE_ALPHA / 255 * i / _ALPHA_STEPS))
                for i in range(_ALPHA_STEPS + 1)
            ]
            for m in MUSCLES
        }
        self._muscle_alpha = {m.key: 0.0 for m in MUSCLES}
        # The body.
        self.far = _Chains(c, _chain_pen(FAR, 9))
        self.trunk = _Chains(c, _chain_pen(NEAR, 11))
        self.trunk.set_index(list(_TRUNK_IX[:2]))
        # The collarbones thinner than a limb: seen from the side they are a short stub forward
        # from the shoulder, which drawn as thick as an arm read as a forearm.
        self.girdle = _Chains(c, _chain_pen(NEAR, 5))
        self.girdle.set_index([_TRUNK_IX[2]])
        self.chest = _Lines(c, _pen(CHEST, 4))
        self.chest.set_index([_CHEST_IX])
        self.head = _Head(c, pg.mkPen(NEAR, width=7), _brush((255, 255, 255)))
        self.head.set_index([_ix(("head",))])
        self.scapulae = _Polygons(c, pg.mkPen((120, 105, 80), width=2), _brush(BONE))
        self.scapulae.set_index([_SCAPULA["l"], _SCAPULA["r"]])
        self.near = _Chains(c, _chain_pen(NEAR, 11))  # the near arm (legs: near_leg, far_leg)
        self.near_leg = _Chains(c, _chain_pen(NEAR, 11))
        self.far_leg = _Chains(c, _chain_pen(FAR, 9))
        # A chair's backrest takes part in the depth order: seen from behind it is in front of the
        # body, and an arm passing outside it on the far side goes behind it, not through it.
        # A little see-through, so from behind the shoulder blades still show through it.
        self.backrest = _Lines(c, _pen((*PROP, 150), 5, round_cap=False))
        # Open hands, palms drawn, with a small dumbbell resting across each palm. Each hand and its
        # weight are drawn just over its own arm (the far one can go under the body); the two bars
        # are thin and go with the near hand.
        self.palms = {s: _Polygons(c, pg.mkPen(NEAR, width=1.5), _brush(SKIN)) for s in "rl"}
        for k, s in enumerate("rl"):
            self.palms[s].set_index([_PALM_PARTS[k]])
        self.weights = _Lines(c, _pen(WEIGHT_BAR, 4, round_cap=False))  # both bars
        plate_pen = pg.mkPen(_mix(WEIGHT, (0, 0, 0), 0.45), width=1.5)
        self.plates = {s: _Polygons(c, plate_pen, _brush(WEIGHT)) for s in "rl"}
        self._weights_in_hands: bool | None = None

        self._camera = Camera()
        self._figures: dict[str, Figure] = {}  # variant id -> figure, from use_exercise
        first = builtin_variants()[0]  # the exercise file's first variant until told otherwise
        self._moment = _Moment(figure_for(first), "left", None, 0.0, False)
        self._key: tuple[object, ...] = ()
        self._near = "r"
        self._show_muscles = True
        self._show_outlines = True
        self._drag: tuple[float, float] | None = None
        self.scene().sigMouseMoved.connect(self._hover)
        self._describe()
        self.show_moment(first, "left", None, 0.0)

    # ------------------------------------------------------------------ public API
    def use_exercise(self, exercise: Exercise) -> None:
        """Variant ids given to show_moment are looked up in this exercise's file from now on."""
        self._figures = {v.id: v.figure for v in exercise.variants}

    def show_moment(
        self,
        variant: str | Figure,
        side: str | None,
        phase: str | None,
        progress: float,
        resting: bool = False,
    ) -> None:
        """Draw the figure at one moment: variant (id or figure), knee on the floor, phase and 0..1
        progress. An id comes from the exercise given to use_exercise, else the built-in one."""
        if isinstance(variant, str):
            variant = self._figures.get(variant) or figure_for(variant)
        side = _side_key(variant, side)
        if resting != self._moment.resting:
            self._static_changed()  # outlines show the movement's range: not while resting
        self._moment = _Moment(variant, side, phase, progress, resting)
        self._prepare(variant, side)
        self._draw(variant, side, phase, progress, resting)

    def set_yaw(self, degrees: float) -> None:
        """Turn the view: 0 front, 90 side (default), 135 three-quarter from behind, 180 back."""
        yaw = float(degrees) % 360.0
        if math.isclose(yaw, self._camera.yaw, abs_tol=1e-9):
            return
        self._set_camera(Camera(yaw, self._camera.pitch, self._camera.mirror))
        self.yaw_changed.emit(yaw)

    def yaw(self) -> float:
        return self._camera.yaw

    def set_mirror(self, on: bool) -> None:
        """Flip the picture left-right (the figure faces the other way)."""
        if bool(on) != self._camera.mirror:
            self._set_camera(Camera(self._camera.yaw, self._camera.pitch, bool(on)))

    def mirror(self) -> bool:
        return self._camera.mirror

    def set_outlines_visible(self, on: bool) -> None:
        """Show or hide the faint start and top positions."""
        self._show_outlines = bool(on)
        self._static_changed()

    def outlines_visible(self) -> bool:
        return self._show_outlines

    def _outlines_shown(self) -> bool:
        return self._show_outlines and not self._moment.resting

    def outline_points(self) -> dict[str, np.ndarray]:
        """The outlines as drawn (segment pairs in view units); empty while hidden or resting."""
        if not self._outlines_shown():
            return {}
        return {name: pts.copy() for name, (_, pts) in self._outlines.items()}

    def set_muscles_visible(self, on: bool) -> None:
        self._show_muscles = bool(on)
        m = self._moment
        self.show_moment(m.variant, m.side, m.phase, m.progress, m.resting)

    def muscles_visible(self) -> bool:
        return self._show_muscles

    def muscle_alpha(self) -> dict[str, float]:
        """How strongly each muscle is coloured now, 0..1 (0 when hidden)."""
        return {
            k: (self._muscle_alpha[k] if layer.isVisible() else 0.0) for k, layer in self.muscle_items.items()
        }

    def muscle_polygons(self, key: str) -> list[np.ndarray]:
        """The outline(s) of one muscle on screen, as drawn now (view units)."""
        return self.muscle_items[key].parts()

    def projected(self, joint: str) -> tuple[float, float]:
        """Where a joint of the current pose is on screen, in view units (metres)."""
        u, v = self.canvas.points[INDEX[joint]]
        return float(u), float(v)

    # ------------------------------------------------------------------ per view/variant setup
    def _set_camera(self, camera: Camera) -> None:
        self._camera = camera
        self._key = ()
        self._describe()
        m = self._moment
        self.show_moment(m.variant, m.side, m.phase, m.progress, m.resting)

    def _describe(self) -> None:
        c = math.cos(math.radians(self._camera.yaw))
        if self._camera.side_on() > 0.92:
            where = "from the side"
        elif abs(c) > 0.92:
            where = "from behind" if c < 0 else "from the front"
        else:
            where = "from three-quarter behind" if c < 0 else "from three-quarter in front"
        self.setAccessibleDescription(
            f"A moving stick figure doing the Thoracic Back Press, seen {where}; "
            "the back muscles at work are coloured"
        )

    def _static_changed(self, *_: object) -> None:
        self.resetCachedContent()
        self.viewport().update()

    # The cached background is in device pixels: when the view is resized or scrolled, Qt keeps
    # the old pixels and redraws only newly exposed strips, which would mix two scales.
    def resizeEvent(self, ev: QResizeEvent) -> None:
        super().resizeEvent(ev)
        self._static_changed()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._static_changed()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        """White, then the scenery and outlines in view units (cached by the view as a pixmap)."""
        super().drawBackground(painter, rect)
        painter.save()
        painter.setTransform(self._vb.childGroup.sceneTransform(), True)
        for pen, brush, poly in self._static_fills:
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawPolygon(poly)
        lines = list(self._static_lines)
        if self._outlines_shown():
            lines += [(pen, _qpoly(pts)) for pen, pts in self._outlines.values()]
        for pen, poly in lines:
            painter.setPen(pen)
            painter.drawLines(poly)  # type: ignore[call-overload]
        painter.restore()

    def _prepare(self, variant: Figure, side: str | None) -> None:
        """Everything that stays put for a variant, knee and view: scenery, outlines, order, pens."""
        key = (variant, side, self._camera.yaw, self._camera.mirror)
        if key == self._key:
            return
        self._key = key
        start = pose_at(variant, side, None, 0.0)
        # Turn about the middle of the figure, so it stays in the picture from every side.
        xs = start.positions[:, 0]
        pivot = (float(xs.min() + xs.max()) / 2 - 0.05, 0.0)
        cam = self._camera = Camera(self._camera.yaw, self._camera.pitch, self._camera.mirror, pivot)
        # Scenery.
        props = props_for(variant.posture)
        self._static_fills = []
        for kind, corners in props.polygons:
            fill = FILLS[kind]
            poly = _qpoly(cam.project(corners)[:, :2])
            self._static_fills.append((pg.mkPen(_mix(fill, (0, 0, 0), 0.12), width=1), _brush(fill), poly))
        self._static_lines = []
        if len(props.lines) and props.ball is None:
            bars = _qpoly(cam.project(props.lines)[:, :2])
            self._static_lines.append((_pen(PROP, 5, round_cap=False), bars))
        # Points that do not move, appended to each frame's table after the projected ones:
        # weights put down on the floor in front of the feet (for rests), the ball and its rings.
        ahead = float(start.positions[[INDEX["toe_l"], INDEX["toe_r"]], 0].max()) + 0.12
        ex, ey, ez = np.eye(3)
        floor = dumbbells(
            np.array([(ahead, WEIGHT_R, -0.15), (ahead, WEIGHT_R, 0.15)]),
            np.array([ez, ez]),
            np.array([ey, ey]),
            np.array([ex, ex]),
        )
        static = [
            cam.project(floor.bars.reshape(-1, 3))[:, :2],
            cam.project(floor.plates.reshape(-1, 3))[:, :2],
        ]
        if props.ball is not None:
            c, r = props.ball
            static += [cam.project(c)[:2] + r * _CIRCLE, cam.project(props.lines)[:, :2]]
        back_at = _STATIC_AT + sum(len(a) for a in static)
        if len(props.backrest):
            static.append(cam.project(props.backrest)[:, :2])
            self.backrest.set_index([np.arange(back_at, back_at + len(props.backrest))])
        self.backrest.setVisible(len(props.backrest) > 0)
        self._static_points = np.concatenate(static)
        self._floor_rows = np.arange(_STATIC_AT, _STATIC_AT + 4)
        self._floor_plates = _plate_parts(_STATIC_AT + 4)
        first = _STATIC_AT + 4 + 4 * PLATE_SIDES  # the ball's points follow the floor weights'
        if props.ball is not None:
            rings_at = first + len(_CIRCLE)
            self.ball.set_index([np.arange(first, rings_at)])
            self.ball_rings.set_index([np.arange(rings_at, rings_at + len(props.lines))])
        self.ball.setVisible(props.ball is not None)
        self.ball_rings.setVisible(props.ball is not None)
        self._weights_in_hands = None
        # Outlines: where the hands go, from a ring at the start along a dashed path to a ring at
        # the top (nothing limb-shaped, so they cannot be taken for a second pair of arms).
        lift = [pose_at(variant, side, "lift", w).positions[_HANDS] for w in np.linspace(0, 1, _PATH_SAMPLES)]
        path = cam.project(np.stack([*lift, pose_at(variant, side, "squeeze", 1.0).positions[_HANDS]]))[
            ..., :2
        ]
        dashed = _pen(OUTLINE_PATH, 2)
        dashed.setStyle(Qt.PenStyle.DashLine)
        pairs = np.concatenate([path[:, k][np.repeat(np.arange(len(path)), 2)[1:-1]] for k in range(2)])
        self._outlines = {
            "path": (dashed, pairs),
            "start": (_pen(OUTLINE_START, 2), np.concatenate([path[0, k] + _MARK_RING for k in range(2)])),
            "top": (_pen(OUTLINE_TOP, 2), np.concatenate([path[-1, k] + _MARK_RING for k in range(2)])),
        }
        self._static_changed()
        # The trunk's outline: which surface points make it, from this side (they hardly change
        # within a repetition, so the hull is found once here, not every frame).
        hull = _hull_order(cam.project(_SURFACE.at(start)[: TORSO.size])[:, :2])
        self.torso.set_index([_TORSO_AT + hull])
        # Near and far sides: the far limbs lighter, less so as the view turns to the back.
        self._near = cam.near_side()[0]
        far = "l" if self._near == "r" else "r"
        (near_arm, near_leg), (far_arm, far_leg) = _LIMBS[self._near], _LIMBS[far]
        self.near.set_index([near_arm])
        self.near_leg.set_index([near_leg])
        self.far.set_index([far_arm])
        self.far_leg.set_index([far_leg])
        far_pen = _chain_pen(_mix(NEAR, FAR, cam.side_on()), 9)
        self.far.setPen(far_pen)
        self.far_leg.setPen(far_pen)
        # Drawing order by depth (nearest on top), from the start position. The muscles lie on
        # the body under the bones (spine, shoulder blades), which stay visible over them.
        # Arms and legs are placed apart: from behind, the arms reach toward the eye while the legs
        # go away from it, so one depth for a whole side put the near arm under the trunk. An arm
        # goes by the depth of its wrist: the hand is the part that passes the trunk or a chair's
        # backrest on the screen.
        depth = cam.project(start.positions)[:, 2]
        ball_depth = float(cam.project(props.ball[0])[2]) if props.ball is not None else -9.0
        back_depth = float(cam.project(props.backrest)[:, 2].mean()) if len(props.backrest) else -9.0
        trunk: list[_Layer] = [
            self.torso,
            *self.muscle_items.values(),
            self.trunk,
            self.girdle,
            self.chest,
            self.head,
        ]
        body: list[tuple[float, list[_Layer]]] = [
            (float(depth[far_leg].mean()), [self.far_leg]),
            (float(depth[far_arm[-1]]), [self.far]),
            (ball_depth, [self.ball, self.ball_rings]),
            (back_depth, [self.backrest]),
            (float(depth[_TRUNK_ALL].mean()), trunk),
            (float(depth[_SCAPULA_ALL].mean()), [self.scapulae]),
            (float(depth[near_leg].mean()), [self.near_leg]),
            (float(depth[near_arm[-1]]), [self.near, self.palms[self._near], self.weights]),
        ]
        body.insert(2, (float(depth[far_arm[-1]]) + 1e-6, [self.palms[far], self.plates[far]]))
        body.append((9.0, [self.plates[self._near]]))  # on top of the near arm, hand and bar
        body.sort(key=lambda x: x[0])
        z = 10.0
        for _, layers in body:
            for layer in layers:
                layer.setZValue(z)
                z += 1.0

    # ------------------------------------------------------------------ per frame
    def _draw(
        self, variant: Figure, side: str | None, phase: str | None, progress: float, resting: bool
    ) -> None:
        pose = pose_at(variant, side, phase, progress, resting)
        # One table of screen points for everything: joints, surface points, the weights' ends
        # (one projection), then the static points; every layer indexes into it.
        hands, frames = pose.positions[_HANDS], pose.frames[_HANDS]
        held = held_weights(hands, frames)  # resting on the palms (drawn on the floor when resting)
        pts = np.concatenate(
            (
                pose.positions,
                _SURFACE.at(pose),
                held.bars.reshape(-1, 3),
                palms(hands, frames).reshape(-1, 3),
                held.plates.reshape(-1, 3),
            )
        )
        self.canvas.set_points(np.concatenate((self._camera.project(pts)[:, :2], self._static_points)))
        if pose.weights_in_hands != self._weights_in_hands:
            self._weights_in_hands = pose.weights_in_hands
            self.weights.set_index([_WEIGHT_ROWS if pose.weights_in_hands else self._floor_rows])
            plates = _plate_parts(_PLATES_AT) if pose.weights_in_hands else self._floor_plates
            self.plates["r"].set_index(plates[:2])
            self.plates["l"].set_index(plates[2:])
        efforts = muscle_effort(phase, progress, resting)
        for m, e in zip(MUSCLES, efforts, strict=True):
            layer = self.muscle_items[m.key]
            level = round(min(1.0, max(0.0, e)) * _ALPHA_STEPS) if self._show_muscles else 0
            self._muscle_alpha[m.key] = MUSCLE_ALPHA / 255 * level / _ALPHA_STEPS
            layer.setVisible(level > 0)
            layer.setBrush(self._muscle_brushes[m.key][level])

    # ------------------------------------------------------------------ mouse: turn and name muscles
    def mousePressEvent(self, ev: QMouseEvent) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:
            self._drag = (ev.position().x(), self._camera.yaw)
            ev.accept()
            return
        super().mousePressEvent(ev)

    def mouseMoveEvent(self, ev: QMouseEvent) -> None:
        if self._drag is not None and ev.buttons() & Qt.MouseButton.LeftButton:
            x0, yaw0 = self._drag
            # Dragging to the right pulls the near side of the figure to the right.
            self.set_yaw(yaw0 + (ev.position().x() - x0) * 0.5)
            ev.accept()
            return
        super().mouseMoveEvent(ev)

    def mouseReleaseEvent(self, ev: QMouseEvent) -> None:
        self._drag = None
        super().mouseReleaseEvent(ev)

    def _hover(self, scene_pos: QPointF) -> None:
        if self._drag is not None or not self._show_muscles:
            return
        p = self._vb.mapSceneToView(scene_pos)
        name = self.muscle_at(p.x(), p.y())
        if name:
            QToolTip.showText(QCursor.pos(), name, self)
        else:
            QToolTip.hideText()

    def muscle_at(self, u: float, v: float) -> str | None:
        """The name and role of the topmost coloured muscle drawn at (u, v) (view units), if any."""
        found = None
        alpha = self.muscle_alpha()
        for m in MUSCLES:
            if alpha[m.key] < 0.05:
                continue
            if any(_inside(poly, u, v) for poly in self.muscle_items[m.key].parts()):
                found = f"{m.name}: {m.role}"  # later muscles are drawn on top
        return found


def _inside(poly: np.ndarray, u: float, v: float) -> bool:
    """Even-odd ray casting."""
    x, y = poly[:, 0], poly[:, 1]
    x2, y2 = np.roll(x, -1), np.roll(y, -1)
    crosses = (y > v) != (y2 > v)
    with np.errstate(divide="ignore", invalid="ignore"):
        xi = x + (v - y) * (x2 - x) / (y2 - y)
    return bool(np.count_nonzero(crosses & (u < xi)) % 2)


def _swatch(color: tuple[int, ...], text: str, mark: str = "&#9632;") -> str:
    c = QColor(*color[:3]).name()
    return f"<span style='color:{c}; font-size:large'>{mark}</span>&nbsp;{text}"


class FigurePanel(QWidget):
    """The figure with its small controls (view presets, turn slider, mirror, outlines, muscles)
    and a legend. Forwards ``show_moment``, ``set_yaw``, ``set_mirror`` to ``.view``."""

    yaw_changed = Signal(float)

    PRESETS = (("Side", YAW_SIDE), ("¾", YAW_THREE_QUARTER), ("Back", YAW_BACK))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Exercise figure and view controls")
        self.view = FigureView()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.view, 1)

        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 0)
        self.preset_buttons: dict[str, QPushButton] = {}
        for label, yaw in self.PRESETS:
            b = QPushButton(label)
            b.setAccessibleName(f"View from {'three-quarter behind' if label == '¾' else label.lower()}")
            b.setToolTip(b.accessibleName())
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Space stays the window's pause key
            b.setMaximumWidth(64)
            b.clicked.connect(lambda _=False, y=yaw: self.set_yaw(y))
            row.addWidget(b)
            self.preset_buttons[label] = b
        self.yaw_slider = QSlider(Qt.Orientation.Horizontal)
        self.yaw_slider.setRange(0, 359)
        self.yaw_slider.setValue(round(self.view.yaw()))
        self.yaw_slider.setAccessibleName("Turn the figure")
        self.yaw_slider.setToolTip("Turn the figure (or drag it): 90 side, 135 three-quarter, 180 back")
        self.yaw_slider.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.yaw_slider.valueChanged.connect(lambda v: self.view.set_yaw(float(v)))
        row.addWidget(self.yaw_slider, 1)
        self.mirror_box = self._check(
            row, "Mirror", False, self.view.set_mirror, "Flip the figure left-right"
        )
        self.outlines_box = self._check(
            row, "Outlines", True, self.view.set_outlines_visible, "Show the start and top positions"
        )
        self.muscles_box = self._check(
            row, "Muscles", True, self.view.set_muscles_visible, "Colour the back muscles as they work"
        )
        lay.addLayout(row)

        legend = QLabel(
            "&nbsp;&nbsp;".join(
                [_swatch(m.color, m.name) for m in MUSCLES]
                + [
                    _swatch(OUTLINE_START, "hands at the start", "&#9675;"),
                    _swatch(OUTLINE_TOP, "at the top", "&#9675;"),
                ]
            )
        )
        legend.setWordWrap(True)
        legend.setAccessibleName("Figure legend")
        legend.setToolTip("<br>".join(f"<b>{m.name}</b>: {m.role}" for m in MUSCLES))
        lay.addWidget(legend)
        self.legend = legend

        self.view.yaw_changed.connect(self._yaw_changed)

    def _check(self, row: QHBoxLayout, text: str, on: bool, slot: object, tip: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(on)
        box.setToolTip(tip)
        box.setAccessibleName(tip)
        box.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        box.toggled.connect(slot)
        row.addWidget(box)
        return box

    def _yaw_changed(self, yaw: float) -> None:
        self.yaw_slider.blockSignals(True)
        self.yaw_slider.setValue(round(yaw) % 360)
        self.yaw_slider.blockSignals(False)
        self.yaw_changed.emit(yaw)

    # Forwarded API (the window talks to the panel as it did to the bare view).
    def show_moment(
        self,
        variant: str | Figure,
        side: str | None,
        phase: str | None,
        progress: float,
        resting: bool = False,
    ) -> None:
        self.view.show_moment(variant, side, phase, progress, resting)

    def use_exercise(self, exercise: Exercise) -> None:
        self.view.use_exercise(exercise)

    def set_yaw(self, degrees: float) -> None:
        self.view.set_yaw(degrees)

    def set_mirror(self, on: bool) -> None:
        self.mirror_box.setChecked(bool(on))

    @property
    def weights(self) -> pg.PlotCurveItem:
        return self.view.weights

    def viewport(self) -> QWidget:
        """The drawing surface (for benchmarks that repaint it)."""
        surface: QWidget = self.view.viewport()
        return surface
