"""The figure's poses measured against the article, on exactly what ``export_poses`` writes.

Every check reads joint positions (metres: x forward, y up, z to the person's left) from the
exported JSON, the way a physiotherapist would measure a video: angles between body segments,
heights above the floor, how far things move between the start and the top of the lift.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from trainer.exports.poses import export_poses

# ---------------------------------------------------------------- tolerances: "true to the article"
ARM_START_DEG = 45.0  # "arms ... roughly at a 45 degree angle to the floor"
ARM_START_TOL_DEG = 10.0  # "roughly": a physio would accept 35-55 degrees
ELBOW_MIN_DEG = 170.0  # "don't bend your arms": elbows as good as locked
PALM_UP_MIN = 0.7  # palm normal . up; cos 45 deg: a palm can face no higher than the arm allows
BUTTOCK_DEPTH = 0.10  # m behind the hip joint centre: where the buttocks end (adult, slim)
KNEEL_LEAN_DEG = (5.0, 25.0)  # "lean slightly against the forward leg": forward of vertical
SEATED_LEAN_DEG = (0.0, 20.0)  # chair/ball: "sit tall, leaning only slightly forward"
FRONT_KNEE_DEG = (80.0, 100.0)  # front foot flat in front, knee near a right angle
FRONT_SHIN_MAX_DEG = 15.0  # front shin close to upright (knee over the foot)
ON_FLOOR_M = 0.03  # kneeling knee, ankle and toes: resting on the mat (1 cm thick)
FOOT_FLAT_M = 0.02  # heel and toes of a standing foot: on the floor or mat
ARM_RISE_M = 0.03  # "lift your arms slightly": the hands rise at least this much ...
ARM_RISE_DEG = 5.0  # ... and the upper arm turns up at least this much
ARM_RISE_MAX_DEG = 20.0  # ... but only slightly
SCAPULA_MEDIAL_M = 0.01  # "shoulders back": each shoulder blade moves this much toward the spine
CHEST_LIFT_DEG = 3.0  # "pushing your chest out": the thoracic spine extends at least this much
LUMBAR_THORACIC_MAX_DEG = 12.0  # back straight: lower and upper back nearly in line throughout
LUMBAR_CHANGE_MAX_DEG = 1.0  # no extra arch: the lower back's curve does not change in the lift
LUMBAR_CURVE_MAX_DEG = 10.0  # and stays a small natural curve
THORACIC_ROUND_MAX_DEG = 10.0  # no rounding: the upper back bends forward no more than this
BONE_TOL_M = 0.001  # forward kinematics keeps every bone's length
FLOOR_TOL_M = 0.001  # nothing below the floor
MIRROR_TOL_M = 0.001  # left knee down is the mirror image of right knee down
MIN_RATE_HZ = 20.0

Doc = dict[str, Any]  # the exported JSON, as json.loads reads it
Array = NDArray[np.float64]


@cache
def _doc(tmp: str) -> Doc:
    path = Path(tmp) / "poses.json"
    export_poses(path)
    doc: Doc = json.loads(path.read_text(encoding="utf-8"))  # test what was written, not the return
    return doc


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> Doc:
    return _doc(str(tmp_path_factory.mktemp("poses")))


class Seq:
    """One exported repetition as arrays: P[sample, joint, xyz]."""

    def __init__(self, doc: Doc, variant: str, side: str | None) -> None:
        (seq,) = [s for s in doc["sequences"] if s["variant"] == variant and s["side"] == side]
        self.variant = variant
        self.samples = seq["samples"]
        self.names = doc["joints"]
        self.P = np.array([s["positions"] for s in self.samples])
        self.palms = {k: np.array([s["palms"][k] for s in self.samples]) for k in ("left", "right")}
        self.phase = [s["phase"] for s in self.samples]
        self.t = np.array([s["t"] for s in self.samples])

    def j(self, name: str) -> Array:
        return self.P[:, self.names.index(name)]

    def start(self) -> int:
        return 0  # t = 0: the lift begins from the start position

    def top(self) -> int:
        """The highest point of the lift: the end of the squeeze."""
        return max(i for i, p in enumerate(self.phase) if p == "squeeze")


SEQS = [("kneeling", "left"), ("kneeling", "right"), ("chair", None), ("ball", None)]
ARMS = ("l", "r")


@pytest.fixture(params=SEQS, ids=[f"{v}-{s}" if s else v for v, s in SEQS])
def seq(doc: Doc, request: pytest.FixtureRequest) -> Seq:
    return Seq(doc, *request.param)


def _angle(a: Array, b: Array, c: Array) -> Array:
    """Angle at b (degrees) between b->a and b->c, per sample."""
    u, v = a - b, c - b
    cos = np.sum(u * v, axis=-1) / (np.linalg.norm(u, axis=-1) * np.linalg.norm(v, axis=-1))
    deg: Array = np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))
    return deg


def _below_horizontal(a: Array, b: Array) -> Array:
    """Angle of the segment a->b below the horizontal plane (degrees), per sample."""
    v = b - a
    deg: Array = np.degrees(np.arcsin(-v[..., 1] / np.linalg.norm(v, axis=-1)))
    return deg


def _forward_of_vertical(a: Array, b: Array) -> Array:
    """Sagittal angle of a->b from vertical, positive when b is forward (degrees), per sample."""
    v = b - a
    deg: Array = np.degrees(np.arctan2(v[..., 0], v[..., 1]))
    return deg


# ---------------------------------------------------------------- the file itself


def test_document_covers_one_rep_of_every_variant_at_20_hz_or_more(doc: Doc) -> None:
    assert doc["rate_hz"] >= MIN_RATE_HZ
    assert doc["axes"] == {"x": "forward", "y": "up", "z": "to the person's left"}
    assert [(s["variant"], s["side"]) for s in doc["sequences"]] == SEQS
    rep = sum(doc["tempo"].values())
    assert doc["tempo"] == {"lift": 3, "squeeze": 1, "lower": 3, "relax": 1}  # the plan's default
    for s in doc["sequences"]:
        samples = s["samples"]
        assert len(samples) == round(rep * doc["rate_hz"])
        assert all(len(x["positions"]) == len(doc["joints"]) for x in samples)
        t = [x["t"] for x in samples]
        assert t[0] == 0.0 and t[-1] < rep
        assert max(np.diff(t)) <= 1 / MIN_RATE_HZ
        phases = [x["phase"] for x in samples]
        assert list(dict.fromkeys(phases)) == ["lift", "squeeze", "lower", "relax"]
        assert phases[round(3.5 * doc["rate_hz"])] == "squeeze"  # 3-1-3-1: squeeze from 3 s to 4 s
        for x in samples:
            for v in x["palms"].values():
                assert math.isclose(float(np.linalg.norm(v)), 1.0, abs_tol=1e-3)
    for bone in doc["bones"]:
        assert all(name in doc["joints"] for name in bone)
    needed = ["head", "neck", "c7", "t6", "t12", "l3", "pelvis", "sternum", "scapula_l", "scapula_r"]
    needed += [
        f"{j}_{s}"
        for j in ("shoulder", "elbow", "wrist", "hand", "hip", "knee", "ankle", "toe")
        for s in "lr"
    ]
    for name in needed:
        assert name in doc["joints"]


def test_export_one_variant_and_bad_arguments(tmp_path: Path) -> None:
    out = export_poses(tmp_path / "chair.json", "chair", rate_hz=25.0)
    written = json.loads((tmp_path / "chair.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(out))
    assert [(s["variant"], s["side"]) for s in written["sequences"]] == [("chair", None)]
    assert len(written["sequences"][0]["samples"]) == 200  # 8 s at 25 Hz
    with pytest.raises(ValueError, match="unknown variant"):
        export_poses(tmp_path / "x.json", "handstand")
    with pytest.raises(ValueError, match="rate_hz"):
        export_poses(tmp_path / "x.json", None, rate_hz=10.0)
    assert not (tmp_path / "x.json").exists()


# ---------------------------------------------------------------- the arms


def test_upper_arms_start_at_about_45_degrees_to_the_floor(seq: Seq) -> None:
    for s in ARMS:
        angle = _below_horizontal(seq.j(f"shoulder_{s}"), seq.j(f"elbow_{s}"))[seq.start()]
        assert abs(angle - ARM_START_DEG) <= ARM_START_TOL_DEG, angle


def test_arms_stay_straight(seq: Seq) -> None:
    for s in ARMS:
        elbow = _angle(seq.j(f"shoulder_{s}"), seq.j(f"elbow_{s}"), seq.j(f"wrist_{s}"))
        assert elbow.min() >= ELBOW_MIN_DEG, elbow.min()


def test_palms_face_up(seq: Seq) -> None:
    for side in ("left", "right"):
        up = seq.palms[side][:, 1]
        assert up.min() >= PALM_UP_MIN, up.min()


def test_hands_behind_the_body_past_the_buttocks_and_below_the_shoulders(seq: Seq) -> None:
    pelvis = seq.j("pelvis")
    for s in ARMS:
        hand, shoulder = seq.j(f"hand_{s}"), seq.j(f"shoulder_{s}")
        i = seq.start()
        assert hand[i, 0] < pelvis[i, 0] - BUTTOCK_DEPTH  # "slightly beyond your bottom"
        assert (hand[:, 0] < pelvis[:, 0] - BUTTOCK_DEPTH).all()  # and behind the body all the time
        assert (hand[:, 1] < shoulder[:, 1]).all()
        # Alongside the ribs: the hands stay close to the body's sides, not out wide.
        assert (np.abs(hand[:, 2]) < 0.35).all()


def test_the_lift_raises_the_arms_slightly(seq: Seq) -> None:
    i, top = seq.start(), seq.top()
    for s in ARMS:
        hand = seq.j(f"hand_{s}")
        assert hand[top, 1] - hand[i, 1] >= ARM_RISE_M
        arm = _below_horizontal(seq.j(f"shoulder_{s}"), seq.j(f"elbow_{s}"))
        assert ARM_RISE_DEG <= arm[i] - arm[top] <= ARM_RISE_MAX_DEG
        # Then a slow return: the lower phase ends where the lift began.
        last = max(k for k, p in enumerate(seq.phase) if p == "lower")
        assert np.allclose(seq.P[last], seq.P[i], atol=0.01)


def test_the_shoulder_blades_draw_together(seq: Seq) -> None:
    i, top = seq.start(), seq.top()
    midline = seq.j("c7")[:, 2]  # the spine: the body's midplane
    for s in ARMS:
        lateral = np.abs(seq.j(f"scapula_{s}")[:, 2] - midline)
        assert lateral[i] - lateral[top] >= SCAPULA_MEDIAL_M
        # Pressing the shoulders back: the shoulder joint moves backwards relative to the chest.
        behind = seq.j("sternum")[:, 0] - seq.j(f"shoulder_{s}")[:, 0]
        assert behind[top] - behind[i] >= 0.01


def test_the_chest_lifts(seq: Seq) -> None:
    i, top = seq.start(), seq.top()
    thoracic = _forward_of_vertical(seq.j("t12"), seq.j("c7"))
    assert thoracic[i] - thoracic[top] >= CHEST_LIFT_DEG  # the upper back comes up, the chest out
    assert seq.j("sternum")[top, 1] >= seq.j("sternum")[i, 1]


# ---------------------------------------------------------------- the trunk


def test_trunk_lean(seq: Seq) -> None:
    lean = _forward_of_vertical(seq.j("pelvis"), seq.j("c7"))
    lo, hi = KNEEL_LEAN_DEG if seq.variant == "kneeling" else SEATED_LEAN_DEG
    assert lo <= lean.min() and lean.max() <= hi, (lean.min(), lean.max())


def test_back_straight_no_arch_no_rounding(seq: Seq) -> None:
    pelvis, l3, t12, t6, c7 = (seq.j(n) for n in ("pelvis", "l3", "t12", "t6", "c7"))
    lumbar_thoracic = _forward_of_vertical(pelvis, t12) - _forward_of_vertical(t12, c7)
    assert np.abs(lumbar_thoracic).max() <= LUMBAR_THORACIC_MAX_DEG
    # The lower back's curve (extension at L3) is small and does not change: the lift comes
    # from the upper back, not from arching the lower back.
    lumbar_curve = _forward_of_vertical(pelvis, l3) - _forward_of_vertical(l3, t12)
    assert np.abs(lumbar_curve).max() <= LUMBAR_CURVE_MAX_DEG
    assert np.ptp(lumbar_curve) <= LUMBAR_CHANGE_MAX_DEG
    # No rounding: the upper back is never bent forward more than a natural curve.
    rounding = _forward_of_vertical(t6, c7) - _forward_of_vertical(t12, t6)
    assert rounding.max() <= THORACIC_ROUND_MAX_DEG


# ---------------------------------------------------------------- the legs


@pytest.mark.parametrize("side", ["left", "right"])
def test_kneeling_knee_shin_and_foot_on_the_mat(doc: Doc, side: str) -> None:
    seq = Seq(doc, "kneeling", side)
    down = side[0]
    for joint in ("knee", "ankle", "toe"):
        y = seq.j(f"{joint}_{down}")[:, 1]
        assert y.max() <= ON_FLOOR_M, (joint, y.max())
    # The shin is flat: knee and ankle at the same height, the ankle behind the knee.
    knee, ankle = seq.j(f"knee_{down}"), seq.j(f"ankle_{down}")
    assert np.abs(_below_horizontal(knee, ankle)).max() <= 5.0
    assert (ankle[:, 0] < knee[:, 0]).all()


@pytest.mark.parametrize("side", ["left", "right"])
def test_kneeling_front_leg_foot_flat_knee_at_right_angle(doc: Doc, side: str) -> None:
    seq = Seq(doc, "kneeling", side)
    front = "r" if side == "left" else "l"
    knee = _angle(seq.j(f"hip_{front}"), seq.j(f"knee_{front}"), seq.j(f"ankle_{front}"))
    assert FRONT_KNEE_DEG[0] <= knee.min() and knee.max() <= FRONT_KNEE_DEG[1], knee
    for joint in ("heel", "toe"):
        assert seq.j(f"{joint}_{front}")[:, 1].max() <= FOOT_FLAT_M
    shin = np.abs(_forward_of_vertical(seq.j(f"ankle_{front}"), seq.j(f"knee_{front}")))
    assert shin.max() <= FRONT_SHIN_MAX_DEG
    # The foot is in front of the body, the kneeling knee under it.
    assert (seq.j(f"ankle_{front}")[:, 0] > seq.j("pelvis")[:, 0] + 0.2).all()


@pytest.mark.parametrize("variant", ["chair", "ball"])
def test_seated_feet_flat_and_hips_above_the_seat(doc: Doc, variant: str) -> None:
    seq = Seq(doc, variant, None)
    for s in ARMS:
        for joint in ("heel", "toe"):
            assert seq.j(f"{joint}_{s}")[:, 1].max() <= FOOT_FLAT_M
        knee = _angle(seq.j(f"hip_{s}"), seq.j(f"knee_{s}"), seq.j(f"ankle_{s}"))
        assert knee.min() >= 80.0 and knee.max() <= 120.0
    assert (seq.j("pelvis")[:, 1] > 0.45).all()  # sitting, not squatting


# ---------------------------------------------------------------- the skeleton as a whole


def test_bone_lengths_never_change(doc: Doc) -> None:
    names = doc["joints"]
    for v, s in SEQS:
        seq = Seq(doc, v, s)
        for a, b in doc["bones"]:
            length = np.linalg.norm(seq.P[:, names.index(a)] - seq.P[:, names.index(b)], axis=1)
            assert np.ptp(length) <= BONE_TOL_M, (v, s, a, b, np.ptp(length))


def test_bones_have_adult_proportions(doc: Doc) -> None:
    seq = Seq(doc, "chair", None)

    def length(a: str, b: str) -> float:
        return float(np.linalg.norm(seq.j(a)[0] - seq.j(b)[0]))

    # Winter's fractions of a 1.65 m stature, within a centimetre.
    assert length("shoulder_l", "elbow_l") == pytest.approx(0.186 * 1.65, abs=0.01)
    assert length("elbow_l", "wrist_l") == pytest.approx(0.146 * 1.65, abs=0.01)
    assert length("hip_r", "knee_r") == pytest.approx(0.245 * 1.65, abs=0.01)
    assert length("knee_r", "ankle_r") == pytest.approx(0.246 * 1.65, abs=0.01)


def test_nothing_goes_below_the_floor(doc: Doc) -> None:
    for v, s in SEQS:
        assert Seq(doc, v, s).P[:, :, 1].min() >= -FLOOR_TOL_M


def test_left_knee_down_mirrors_right_knee_down(doc: Doc) -> None:
    left, right = Seq(doc, "kneeling", "left"), Seq(doc, "kneeling", "right")

    def other(name: str) -> str:
        return name[:-2] + {"_l": "_r", "_r": "_l"}[name[-2:]] if name[-2:] in ("_l", "_r") else name

    swap = [right.names.index(other(n)) for n in left.names]
    mirrored = right.P[:, swap] * np.array([1.0, 1.0, -1.0])
    assert np.abs(left.P - mirrored).max() <= MIRROR_TOL_M
    assert np.abs(left.palms["left"] - right.palms["right"] * np.array([1.0, 1.0, -1.0])).max() <= 1e-3
    # And they really differ: a different knee is on the floor.
    assert np.abs(left.P - right.P).max() > 0.3


def test_seated_variants_are_symmetric(doc: Doc) -> None:
    for v in ("chair", "ball"):
        seq = Seq(doc, v, None)
        for s in ("shoulder", "elbow", "hand", "scapula", "knee", "toe"):
            left, right = seq.j(f"{s}_l"), seq.j(f"{s}_r")
            assert np.abs(left - right * np.array([1.0, 1.0, -1.0])).max() <= MIRROR_TOL_M
