from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_trainer
from trainer.content import Exercise, ExerciseError, load_exercise
from trainer.paths import builtin_exercise_path


def test_builtin_exercise_has_everything(exercise: Exercise) -> None:
    assert exercise.name == "Thoracic Back Press"
    assert len(exercise.steps) == 5
    assert len(exercise.tips_for("kneeling")) == 4
    assert set(exercise.muscles) == {"superficial", "intermediate", "deep"}
    assert "Trapezius" in exercise.muscles["superficial"]
    assert "Erector spinae" in exercise.muscles["deep"]
    assert (exercise.plan.sets, exercise.plan.reps, exercise.plan.rest_s) == (3, 8, 60)
    assert (
        exercise.tempo.lift,
        exercise.tempo.squeeze,
        exercise.tempo.lower,
        exercise.tempo.relax,
    ) == (3, 1, 3, 1)
    assert exercise.variant_ids == ("kneeling", "chair", "ball")
    kneeling = exercise.variant("kneeling")
    assert kneeling.switch_sides and kneeling.first_side == "left"
    assert not exercise.variant("chair").switch_sides
    assert any("chair" in e.lower() for e in exercise.equipment)


def _write_variant(tmp_path: Path, old: str, new: str) -> Path:
    text = builtin_exercise_path().read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "bad.toml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("old", "new", "field", "expected"),
    [
        ("lift = 3\n", 'lift = "fast"\n', "tempo.lift", "a number between 0.5 and 10"),
        ("sets = 3\n", "sets = 0\n", "plan.sets", "a whole number between 1 and 10"),
        ('id = "chair"', 'id = "kneeling"', "variants[1].id", "used only once"),
        ("[muscles]\n", "[muscles_x]\n", "muscles", "a table"),
        (
            'first_side = "left"',
            'first_side = "middle"',
            "variants[0].first_side",
            "'left' or 'right'",
        ),
        ("schema = 1", "schema = 7", "schema", "the number 1"),
    ],
)
def test_malformed_file_names_file_field_and_expectation(
    tmp_path: Path, old: str, new: str, field: str, expected: str
) -> None:
    bad = _write_variant(tmp_path, old, new)
    with pytest.raises(ExerciseError) as info:
        load_exercise(bad)
    msg = str(info.value)
    assert str(bad) in msg
    assert f"'{field}'" in msg
    assert expected in msg


def test_a_variant_without_tips_is_refused(tmp_path: Path) -> None:
    text = builtin_exercise_path().read_text(encoding="utf-8")
    # Every tip for the kneeling variant only: the chair and the ball have none.
    text = "\n".join(line for line in text.splitlines() if not line.startswith("variants = ["))
    text = text.replace("[[tips]]\n", '[[tips]]\nvariants = ["kneeling"]\n')
    bad = tmp_path / "kneeling_tips.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(
        ExerciseError, match=r"field 'tips': expected at least one tip for the variant 'chair'"
    ):
        load_exercise(bad)


def test_not_toml_and_missing_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.toml"
    junk.write_text("this is [ not toml", encoding="utf-8")
    with pytest.raises(ExerciseError, match="valid TOML"):
        load_exercise(junk)
    with pytest.raises(ExerciseError, match="not found"):
        load_exercise(tmp_path / "nope.toml")


@pytest.mark.slow
def test_cli_refuses_bad_exercise_with_one_line(tmp_path: Path) -> None:
    bad = _write_variant(tmp_path, "lift = 3\n", 'lift = "fast"\n')
    r = run_trainer("--exercise", str(bad), "--rehearse")
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "tempo.lift" in lines[0] and str(bad) in lines[0]
    assert "Traceback" not in r.stderr


def test_chair_and_ball_steps_do_not_ask_to_kneel(exercise: Exercise) -> None:
    assert "knee" in exercise.steps_for("kneeling")[0]
    for v in ("chair", "ball"):
        steps = exercise.steps_for(v)
        assert len(steps) == 5
        assert not any("kneel" in s.lower() or "onto one knee" in s.lower() for s in steps)
        assert steps[2:] == exercise.steps[2:]


def test_every_variant_says_how_the_figure_poses_it(exercise: Exercise) -> None:
    from trainer.content import POSTURES

    for v in exercise.variants:
        assert v.figure.posture in POSTURES
    assert exercise.variant("kneeling").figure.kneels
    assert exercise.variant("chair").figure.posture == "chair"


def _with_new_variant(tmp_path: Path, figure: str) -> Path:
    text = builtin_exercise_path().read_text(encoding="utf-8")
    extra = (
        '\n[[variants]]\nid = "standing"\nname = "Standing"\ndescription = "Standing at a wall."\n'
        'setup = "Stand tall."\nswitch_sides = false\n' + figure
    )
    p = tmp_path / "standing.toml"
    p.write_text(text + extra, encoding="utf-8")
    return p


def test_a_variant_the_figure_cannot_pose_is_refused_by_the_loader(tmp_path: Path) -> None:
    bad = _with_new_variant(tmp_path, "")
    with pytest.raises(ExerciseError, match=r"'variants\[3\]\.figure': expected a table"):
        load_exercise(bad)
    bad = _with_new_variant(
        tmp_path, '[variants.figure]\nposture = "standing"\nlean = 0\narm_out = 5\nrest_lean = 0\n'
    )
    with pytest.raises(
        ExerciseError, match=r"'variants\[3\]\.figure\.posture': expected one of kneeling, chair, ball"
    ):
        load_exercise(bad)


def test_a_new_variant_on_a_known_posture_is_posed(tmp_path: Path) -> None:
    from trainer.motion import pose_at

    good = _with_new_variant(
        tmp_path, '[variants.figure]\nposture = "chair"\nlean = 4\narm_out = 12\nrest_lean = 0\n'
    )
    ex = load_exercise(good)
    v = ex.variant("standing")
    upright = pose_at(v.figure, None, "lift", 0.0)
    leaning = pose_at(ex.variant("chair").figure, None, "lift", 0.0)
    # Less lean: the head is further back (x is forward).
    assert upright.at("head")[0] < leaning.at("head")[0]


@pytest.mark.slow
def test_cli_refuses_an_exercise_with_a_variant_it_cannot_pose_with_one_line(tmp_path: Path) -> None:
    bad = _with_new_variant(tmp_path, "")
    r = run_trainer("--exercise", str(bad), "--variant", "standing", "--screenshot", str(tmp_path / "s.png"))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "variants[3].figure" in lines[0] and "Traceback" not in r.stderr


@pytest.mark.slow
def test_a_new_variant_from_the_file_is_drawn_by_the_window(tmp_path: Path) -> None:
    good = _with_new_variant(
        tmp_path, '[variants.figure]\nposture = "ball"\nlean = 4\narm_out = 9\nrest_lean = 0\n'
    )
    shot = tmp_path / "s.png"
    r = run_trainer("--exercise", str(good), "--variant", "standing", "--screenshot", str(shot), "--at", "12")
    assert r.returncode == 0, r.stderr
    assert shot.stat().st_size > 10_000


def test_tips_are_filtered_by_variant(exercise: Exercise) -> None:
    for v in ("chair", "ball"):
        assert not any("front foot" in t.text for t in exercise.tips_for(v))
        assert len(exercise.tips_for(v)) == 4
    assert any("front foot" in t.text for t in exercise.tips_for("kneeling"))


def test_a_tip_for_an_unknown_variant_is_refused(tmp_path: Path) -> None:
    bad = _write_variant(tmp_path, 'variants = ["chair", "ball"]', 'variants = ["chair", "sofa"]')
    with pytest.raises(ExerciseError, match=r"'tips\[3\]\.variants'.*sofa"):
        load_exercise(bad)
