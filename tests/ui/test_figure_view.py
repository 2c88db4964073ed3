"""The figure view (offscreen): every variant from the side and from behind, the squeeze seen from
behind, mirror, muscles lighting up with effort, outlines, and the panel's controls."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from pytestqt.qtbot import QtBot

from trainer.motion import YAW_BACK, YAW_SIDE, YAW_THREE_QUARTER
from trainer.ui.figure_view import FigurePanel, FigureView

VARIANTS = [("kneeling", "left"), ("kneeling", "right"), ("chair", None), ("ball", None)]


def _dark_pixels(img: QImage) -> int:
    return sum(
        1
        for x in range(0, img.width(), 3)
        for y in range(0, img.height(), 3)
        if img.pixelColor(x, y).lightness() < 110
    )


@pytest.mark.parametrize("yaw", [0.0, 180.0])
@pytest.mark.parametrize(("variant", "side"), VARIANTS)
def test_each_variant_renders_from_both_ends(
    view: FigureView, variant: str, side: str | None, yaw: float
) -> None:
    view.set_yaw(yaw)
    blank = view.grab().toImage()
    for phase, progress in (("lift", 0.5), ("squeeze", 1.0), ("relax", 0.0), (None, 0.0)):
        view.show_moment(variant, side, phase, progress)
        img = view.grab().toImage()
        assert not img.isNull()
        assert _dark_pixels(img) > 150  # the figure is there
    view.show_moment(variant, side, None, 0.0, resting=True)
    assert _dark_pixels(view.grab().toImage()) > 150
    assert blank.size() == img.size()


def test_back_view_shows_the_shoulder_blades_squeeze(view: FigureView) -> None:
    view.set_yaw(YAW_BACK)
    assert "from behind" in view.accessibleDescription()

    def gap() -> float:
        (lu, _), (ru, _) = view.projected("scapula_l"), view.projected("scapula_r")
        # The drawn shoulder blades too: their inner corners come together.
        left, right = view.scapulae.parts()
        assert np.allclose(left[0], view.projected("scapula_top_l"))
        assert np.allclose(right[0], view.projected("scapula_top_r"))
        return abs(lu - ru)

    view.show_moment("kneeling", "left", "lift", 0.0)
    start = gap()
    view.show_moment("kneeling", "left", "squeeze", 1.0)
    top = gap()
    assert start - top >= 0.02  # each blade at least 1 cm toward the spine
    # From behind the figure's left is on the left of the screen.
    assert view.projected("hand_l")[0] < view.projected("hand_r")[0]


def test_side_view_faces_right_and_mirror_flips_it(view: FigureView) -> None:
    assert view.yaw() == YAW_SIDE
    view.show_moment("chair", None, "lift", 0.5)
    before = {j: view.projected(j) for j in ("head", "nose", "hand_l", "toe_r", "pelvis")}
    assert before["nose"][0] > before["head"][0]  # faces the right of the screen
    assert before["hand_l"][0] < before["pelvis"][0]  # the hands reach back
    wx, wy = view.weights.getData()
    view.set_mirror(True)
    assert view.mirror()
    view.show_moment("chair", None, "lift", 0.5)
    for j, (u, v) in before.items():
        assert view.projected(j) == pytest.approx((-u, v), abs=1e-9)
    mx, my = view.weights.getData()
    assert np.allclose(mx, -wx) and np.allclose(my, wy)
    view.set_mirror(False)
    assert view.projected("nose")[0] == pytest.approx(before["nose"][0])


def test_muscles_light_up_with_the_effort(view: FigureView) -> None:
    def alpha(phase: str | None, progress: float, resting: bool = False) -> dict[str, float]:
        view.show_moment("kneeling", "left", phase, progress, resting)
        return view.muscle_alpha()

    lift, squeeze, lower, relax = (
        alpha("lift", 0.8),
        alpha("squeeze", 0.5),
        alpha("lower", 0.9),
        alpha("relax", 0.5),
    )
    names = {"trapezius", "rhomboids", "latissimus", "erector"}
    assert set(lift) == names
    for k in names:
        assert lift[k] > relax[k] + 0.2
        assert squeeze[k] >= lift[k] > lower[k] > relax[k]
        assert relax[k] <= 0.15
    assert max(alpha(None, 0.0, resting=True).values()) == 0.0
    # From behind, the coloured shapes can be named by pointing at them.
    view.set_yaw(YAW_BACK)
    alpha("squeeze", 0.5)
    (poly,) = view.muscle_polygons("trapezius")
    u, v = poly[:-1].mean(axis=0)
    assert view.muscle_at(u, v) is not None
    assert view.muscle_at(5.0, 5.0) is None
    view.set_muscles_visible(False)
    assert max(view.muscle_alpha().values()) == 0.0
    assert view.muscle_at(u, v) is None


def test_outlines_of_start_and_top_toggle(view: FigureView) -> None:
    view.show_moment("kneeling", "left", "lift", 0.0)
    outlines = view.outline_points()
    assert set(outlines) == {"start", "top", "path"}
    # The top ring is around the hands raised: its lowest point is higher than the start's.
    assert outlines["top"][:, 1].min() > outlines["start"][:, 1].min() + 0.03
    with_lines = view.grab().toImage()
    view.set_outlines_visible(False)
    assert not view.outlines_visible() and view.outline_points() == {}
    without = view.grab().toImage()
    assert with_lines != without
    view.set_outlines_visible(True)
    assert view.grab().toImage() == with_lines
    view.show_moment("kneeling", "left", None, 0.0, resting=True)  # not while resting
    assert view.outline_points() == {}
    view.show_moment("kneeling", "left", "relax", 0.5)
    assert set(view.outline_points()) == {"start", "top", "path"}


def test_turning_emits_yaw_changed_and_drag_turns(view: FigureView, qtbot: QtBot) -> None:
    with qtbot.waitSignal(view.yaw_changed) as blocker:
        view.set_yaw(YAW_THREE_QUARTER)
    assert blocker.args == [YAW_THREE_QUARTER]
    assert "three-quarter" in view.accessibleDescription()
    view.set_yaw(YAW_SIDE + 360)  # wraps round
    assert view.yaw() == YAW_SIDE

    def mouse(kind: QEvent.Type, x: float, buttons: Qt.MouseButton) -> QMouseEvent:
        pos = QPointF(x, 200.0)
        return QMouseEvent(
            kind,
            pos,
            view.mapToGlobal(pos),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )

    left = Qt.MouseButton.LeftButton
    view.mousePressEvent(mouse(QMouseEvent.Type.MouseButtonPress, 100.0, left))
    view.mouseMoveEvent(mouse(QMouseEvent.Type.MouseMove, 160.0, left))
    view.mouseReleaseEvent(mouse(QMouseEvent.Type.MouseButtonRelease, 160.0, Qt.MouseButton.NoButton))
    assert view.yaw() == pytest.approx(YAW_SIDE + 30.0)


def test_near_limbs_darker_than_far_from_the_side(view: FigureView) -> None:
    view.show_moment("kneeling", "left", "lift", 0.5)
    near = view.near._pen.color().lightness()
    far_side = view.far._pen.color().lightness()
    assert far_side > near + 40
    view.set_yaw(YAW_BACK)  # from behind both arms are equally near
    assert view.far._pen.color().lightness() < far_side


def test_panel_controls_drive_the_view(qtbot: QtBot) -> None:
    panel = FigurePanel()
    qtbot.addWidget(panel)
    panel.resize(700, 620)
    panel.show()
    view = panel.view
    panel.preset_buttons["Back"].click()
    assert view.yaw() == YAW_BACK and panel.yaw_slider.value() == 180
    panel.preset_buttons["¾"].click()
    assert view.yaw() == YAW_THREE_QUARTER
    panel.yaw_slider.setValue(100)
    assert view.yaw() == 100.0
    view.set_yaw(YAW_SIDE)
    assert panel.yaw_slider.value() == 90
    panel.mirror_box.setChecked(True)
    assert view.mirror()
    panel.set_mirror(False)
    assert not view.mirror() and not panel.mirror_box.isChecked()
    panel.outlines_box.setChecked(False)
    assert not view.outlines_visible()
    panel.muscles_box.setChecked(False)
    assert not view.muscles_visible()
    panel.show_moment("ball", None, "squeeze", 0.5)
    assert panel.weights is view.weights and len(panel.weights.getData()[1]) == 4
    assert panel.accessibleName() and view.accessibleName() == "Exercise figure"
    for b in panel.preset_buttons.values():
        assert b.focusPolicy() == Qt.FocusPolicy.TabFocus  # Space stays the pause key
