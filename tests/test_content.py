from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_trainer
from trainer.content import ExerciseError, load_exercise
from trainer.paths import builtin_exercise_path


def test_builtin_exercise_has_everything(exercise):
    assert exercise.name == "Thoracic Back Press"
    assert len(exercise.steps) == 5
    assert len(exercise.tips) == 4
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
def test_malformed_file_names_file_field_and_expectation(tmp_path, old, new, field, expected):
    bad = _write_variant(tmp_path, old, new)
    with pytest.raises(ExerciseError) as info:
        load_exercise(bad)
    msg = str(info.value)
    assert str(bad) in msg
    assert f"'{field}'" in msg
    assert expected in msg


def test_missing_tip_is_refused(tmp_path):
    text = builtin_exercise_path().read_text(encoding="utf-8")
    cut = text.index("[[tips]]")
    second = text.index("[[tips]]", cut + 1)
    bad = tmp_path / "three_tips.toml"
    bad.write_text(text[:cut] + text[second:], encoding="utf-8")
    with pytest.raises(ExerciseError, match=r"field 'tips': expected a list of 4"):
        load_exercise(bad)


def test_not_toml_and_missing_file(tmp_path):
    junk = tmp_path / "junk.toml"
    junk.write_text("this is [ not toml", encoding="utf-8")
    with pytest.raises(ExerciseError, match="valid TOML"):
        load_exercise(junk)
    with pytest.raises(ExerciseError, match="not found"):
        load_exercise(tmp_path / "nope.toml")


@pytest.mark.slow
def test_cli_refuses_bad_exercise_with_one_line(tmp_path):
    bad = _write_variant(tmp_path, "lift = 3\n", 'lift = "fast"\n')
    r = run_trainer("--exercise", str(bad), "--rehearse")
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "tempo.lift" in lines[0] and str(bad) in lines[0]
    assert "Traceback" not in r.stderr


def test_chair_and_ball_steps_do_not_ask_to_kneel(exercise):
    assert "knee" in exercise.steps_for("kneeling")[0]
    for v in ("chair", "ball"):
        steps = exercise.steps_for(v)
        assert len(steps) == 5
        assert not any("kneel" in s.lower() or "onto one knee" in s.lower() for s in steps)
        assert steps[2:] == exercise.steps[2:]
