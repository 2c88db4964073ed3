"""Geometry of the hands and the chair: each weight rests on an upturned palm, and the arms and
weights pass outside the chair's backrest with room to spare, all through the repetition."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from trainer.content import Figure, load_builtin_exercise
from trainer.motion import INDEX, pose_at, props_for
from trainer.motion.hands import WEIGHT_HALF, WEIGHT_R, held_weights
from trainer.motion.skeleton import Array

HANDS = [INDEX["hand_l"], INDEX["hand_r"]]
MOMENTS = [(phase, w) for phase in ("lift", "squeeze", "lower") for w in np.linspace(0, 1, 7)]
BAR_R = 0.012  # the chair's posts and rails, drawn 5 px wide: about 2.5 cm thick
ARM_R = 0.04  # upper arm and forearm, with clothes


def _figures() -> list[tuple[str, Figure, str | None]]:
    ex = load_builtin_exercise()
    return [(v.id, v.figure, v.first_side) for v in ex.variants]


@pytest.mark.parametrize(("vid", "figure", "side"), _figures())
def test_each_weight_rests_on_top_of_an_upturned_palm(vid: str, figure: Figure, side: str | None) -> None:
    for phase, w in MOMENTS:
        pose = pose_at(figure, side, phase, float(w))
        hands, frames = pose.positions[HANDS], pose.frames[HANDS]
        held = held_weights(hands, frames)
        centres = held.bars.mean(axis=1)
        for k in range(2):
            normal = frames[k, :, 0]
            assert normal[1] > 0.5, (vid, phase, w)  # the palm faces up
            lift = centres[k] - hands[k]
            # On the palm side, a plate radius off the palm, and higher than the hand.
            assert np.dot(lift, normal) == pytest.approx(WEIGHT_R)
            assert lift[1] > 0.5 * WEIGHT_R
            # The bar lies across the palm (not along the fingers).
            bar = held.bars[k, 1] - held.bars[k, 0]
            assert abs(np.dot(bar / np.linalg.norm(bar), frames[k, :, 1])) < 0.05
            assert np.linalg.norm(bar) == pytest.approx(2 * WEIGHT_HALF)


def _segment_distance(a0: Array, a1: Array, b0: Array, b1: Array, n: int = 40) -> float:
    t = np.linspace(0.0, 1.0, n)[:, None]
    pa, pb = a0 + t * (a1 - a0), b0 + t * (b1 - b0)
    return float(np.min(np.linalg.norm(pa[:, None, :] - pb[None, :, :], axis=2)))


def test_arms_and_weights_clear_the_chair_backrest() -> None:
    ex = load_builtin_exercise()
    chair = ex.variant("chair").figure
    props = props_for(chair.posture)
    bars = [(props.backrest[i], props.backrest[i + 1]) for i in range(0, len(props.backrest), 2)]
    bars += [(props.lines[i], props.lines[i + 1]) for i in range(0, len(props.lines), 2)]
    worst_arm, worst_weight = 9.0, 9.0
    for phase, w in MOMENTS:
        pose = pose_at(chair, None, phase, float(w))
        held = held_weights(pose.positions[HANDS], pose.frames[HANDS])
        for k, s in enumerate("lr"):
            chain = [pose.at(f"{j}_{s}") for j in ("shoulder", "elbow", "wrist", "hand")]
            for a, b in itertools.pairwise(chain):
                for q0, q1 in bars:
                    worst_arm = min(worst_arm, _segment_distance(a, b, q0, q1) - ARM_R - BAR_R)
            for q0, q1 in bars:
                d = _segment_distance(held.bars[k, 0], held.bars[k, 1], q0, q1)
                worst_weight = min(worst_weight, d - WEIGHT_R - BAR_R)
    # At least 2 cm of air between the chair and an arm or a weight, all through the rep.
    assert worst_arm >= 0.02, worst_arm
    assert worst_weight >= 0.02, worst_weight
