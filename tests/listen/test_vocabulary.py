"""The command vocabulary, its thresholds, and the rule that the coach never says a command."""

from __future__ import annotations

import tomllib

import pytest

from trainer.content import load_builtin_exercise
from trainer.content.safety import builtin_safety_path
from trainer.listen.commands import (
    COMMANDS,
    MIN_EXP,
    PREFIX,
    command_by_id,
    command_in_text,
    format_exps,
    kws_lines,
    parse_exps,
)
from trainer.paths import assets_dir
from trainer.session import Plan
from trainer.session.timeline import Timeline


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def coach_phrases() -> set[str]:
    """Every phrase the coach can say in a session: cues of many plans (counts, phases, tips,
    rests, sets, sides), after every re-plan, plus every text in the exercise and safety files."""
    ex = load_builtin_exercise()
    said: set[str] = set()
    for variant in ex.variant_ids:
        for sets, reps, rest in ((1, 1, 10), (3, 8, 60), (6, 20, 180), (2, 12, 45)):
            tl = Timeline.compile(Plan.from_exercise(ex, variant, sets=sets, reps=reps, rest_s=rest), ex)
            said.update(tl.cue_texts())
            for replan in ("replan_add_rest", "replan_skip_rest", "replan_end_set", "replan_resume"):
                tl2 = Timeline.compile(Plan.from_exercise(ex, variant, sets=sets, reps=reps, rest_s=rest), ex)
                getattr(tl2, replan)(12.0)
                said.update(tl2.cue_texts())
    for path in [*sorted((assets_dir() / "exercises").glob("*.toml")), builtin_safety_path()]:
        said.update(_strings(tomllib.loads(path.read_text(encoding="utf-8"))))
    return said


def test_the_coach_never_says_a_command_or_the_prefix() -> None:
    said = coach_phrases()
    assert len(said) > 100  # the scan really covers the session's speech
    bad = {text: cmd.phrase for text in said if (cmd := command_in_text(text)) is not None}
    assert not bad, bad


def test_the_scan_catches_a_command_inside_a_line() -> None:
    assert command_in_text("Well done. Coach, pause the music.") is not None
    found = command_in_text("Good, now coach I'm fine!")
    assert found is not None and found.id == "fine"
    assert command_in_text("Next, set two. Pause if you need to.") is None


def test_every_command_shares_the_prefix_and_is_distinct() -> None:
    assert all(c.phrase.startswith(PREFIX + " ") for c in COMMANDS)
    assert len({c.phrase for c in COMMANDS}) == len({c.id for c in COMMANDS}) == len(COMMANDS)
    assert {
        "pause",
        "resume",
        "end_set",
        "skip_rest",
        "add_rest",
        "repeat",
        "stop",
        "fine",
        "tired",
        "pain",
    } == {c.id for c in COMMANDS}
    assert all(MIN_EXP <= c.exp <= c.safe_exp for c in COMMANDS)


def test_taught_thresholds_stay_within_bounds() -> None:
    pause, resume = command_by_id("pause"), command_by_id("resume")
    exps = parse_exps(f"pause=99, fine=1, tired=abc, nosuch=12, resume = {resume.safe_exp - 1}")
    assert exps == {"pause": pause.safe_exp, "fine": MIN_EXP, "resume": resume.safe_exp - 1}
    assert parse_exps(format_exps(exps)) == exps
    lines = kws_lines(exps)
    assert f"coach pause now /1e-{pause.safe_exp}/" in lines
    assert f"coach resume /1e-{resume.safe_exp - 1}/" in lines
    # Even handed an unclamped mapping (not through the settings), nothing gets looser than safe.
    assert f"coach pause now /1e-{pause.safe_exp}/" in kws_lines({"pause": 99})
    assert len(lines.splitlines()) == len(COMMANDS)


@pytest.mark.parametrize("text", ["", "garbage", "=,=,"])
def test_unreadable_thresholds_give_the_defaults(text: str) -> None:
    assert parse_exps(text) == {}


def test_phrases_are_shown_as_written() -> None:
    # The explanation listed "coach i'm fine": the dictionary's lower case, shown to the person.
    from trainer.listen.commands import command_by_id
    from trainer.ui.listen_control import command_list

    assert command_by_id("fine").shown == "coach I'm fine"
    assert command_by_id("pause").shown == "coach pause now"
    assert "“coach I'm fine”" in command_list() and "i'm" not in command_list()
