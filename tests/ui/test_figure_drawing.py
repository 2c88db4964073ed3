"""What the figure draws reads at a glance: open hands with the weight on the palm, outlines that
are not limb-shaped, no stub on the chest that looks like a forearm, and a chair's backrest drawn
in front of the far arm and behind the near one."""

from __future__ import annotations

import numpy as np
import pytest

from trainer.motion import YAW_BACK, YAW_SIDE, YAW_THREE_QUARTER
from trainer.ui.figure_view import FigureView

VARIANTS = [("kneeling", "left"), ("chair", None), ("ball", None)]


@pytest.mark.parametrize(("variant", "side"), VARIANTS)
@pytest.mark.parametrize("yaw", [YAW_SIDE, YAW_THREE_QUARTER, YAW_BACK])
def test_outlines_follow_the_hands_not_the_arms(
    view: FigureView, variant: str, side: str | None, yaw: float
) -> None:
    view.set_yaw(yaw)
    view.show_moment(variant, side, "lift", 0.0)
    start = {j: np.array(view.projected(j)) for j in ("shoulder_l", "shoulder_r", "elbow_l", "elbow_r")}
    hands = [np.array(view.projected(h)) for h in ("hand_l", "hand_r")]
    for name, pts in view.outline_points().items():
        for p in pts:
            # Nothing of an outline is drawn where an upper arm or a shoulder is: a ghost of the
            # whole arm read as a second arm.
            assert min(np.linalg.norm(p - q) for q in start.values()) > 0.08, name
        if name == "start":  # rings round the hands where the lift begins
            assert all(min(np.linalg.norm(p - h) for h in hands) < 0.05 for p in pts)


def test_no_breastbone_stub_and_thin_collarbones(view: FigureView) -> None:
    view.show_moment("kneeling", "left", "lift", 0.5)
    (nose,) = view.chest.parts()
    assert np.allclose(nose[0], view.projected("head"))  # only the nose is left on the chest layer
    assert view.girdle.pen().widthF() <= view.near.pen().widthF() / 2


@pytest.mark.parametrize(("variant", "side"), VARIANTS)
def test_open_palms_with_the_weight_resting_on_them(view: FigureView, variant: str, side: str | None) -> None:
    view.set_yaw(YAW_BACK)  # from behind, palms that face up and back are seen full on
    view.show_moment(variant, side, "lift", 0.5)
    for s in "lr":
        (palm,) = view.palms[s].parts()
        width = np.ptp(palm[:, 0])
        assert width > 0.04  # an open hand, seen flat, not an edge or a blob
        hand = np.array(view.projected(f"hand_{s}"))
        assert np.linalg.norm(palm.mean(axis=0) - hand) < 0.06
    view.set_yaw(YAW_SIDE)
    view.show_moment(variant, side, "lift", 0.5)
    near = "r"
    (palm,) = view.palms[near].parts()
    plates = view.plates[near].parts()
    assert len(plates) == 2
    for plate in plates:
        # From the side the dumbbell sits on top of the upturned hand.
        assert plate[:, 1].mean() > palm[:, 1].mean() + 0.01


def test_chair_backrest_between_the_far_and_the_near_arm(view: FigureView) -> None:
    view.set_yaw(YAW_THREE_QUARTER)
    view.show_moment("chair", None, "lift", 0.5)
    assert view.backrest.isVisible()
    assert view.far.zValue() < view.backrest.zValue() < view.near.zValue()
    view.set_yaw(YAW_BACK)  # from behind the chair back is in front of the person's back
    view.show_moment("chair", None, "lift", 0.5)
    assert view.backrest.zValue() > view.torso.zValue()
    view.show_moment("kneeling", "left", "lift", 0.5)
    assert not view.backrest.isVisible()


def test_near_arm_is_drawn_over_the_trunk_from_three_quarter_behind(view: FigureView) -> None:
    view.set_yaw(YAW_THREE_QUARTER)
    view.show_moment("kneeling", "left", "lift", 0.5)
    assert view.near.zValue() > view.torso.zValue()
