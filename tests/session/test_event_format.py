"""The --events JSON Lines format is a contract (README "Command line"): these tests pin it.

Each file is compared line by line and field by field, names and their order included, with a
copy recorded from the format as documented (tests/data/events/). Only ``late_ms`` may differ in
the real-window rehearsal (it is how late the window's frame came), so there it is checked for
type and sign. The in-process run covers the events a plain rehearsal never has: pause (also on a
clock jump), resume, comfort answers, stop and the pain stop.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_trainer
from trainer.content import Exercise
from trainer.session import Comfort, ManualClock, Plan, SessionController, Status
from trainer.session.event_log import EventLog

GOLDEN = ROOT / "tests" / "data" / "events"


def read_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def assert_same_format(got: list[dict[str, object]], want: list[dict[str, object]], exact_late: bool) -> None:
    assert len(got) == len(want), f"{len(got)} lines, expected {len(want)}"
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        assert list(g) == list(w), f"line {i + 1}: fields {list(g)}, expected {list(w)}"
        for key in w:
            if key == "late_ms" and not exact_late:
                late = g[key]
                assert isinstance(late, float) and late >= 0, f"line {i + 1}: late_ms {late!r}"
            else:
                assert g[key] == w[key] and type(g[key]) is type(w[key]), (
                    f"line {i + 1} field {key}: {g[key]!r}, expected {w[key]!r}"
                )


def _advance(ctl: SessionController, clock: ManualClock, seconds: float) -> None:
    end = clock.now + seconds
    while clock.now < end - 1e-9 and ctl.status is Status.RUNNING:
        clock.advance(min(0.25, end - clock.now))
        ctl.tick()


def scripted_session(exercise: Exercise, path: Path) -> None:
    """Every control once, then the pain stop, written through the real EventLog."""
    clock = ManualClock()
    plan = Plan.from_exercise(exercise, "kneeling", sets=3, reps=2, rest_s=15)
    ctl = SessionController(plan, exercise, clock)
    log = EventLog(path)
    ctl.add_listener(log)
    ctl.start()
    _advance(ctl, clock, 12.0)  # into set 1's first lift
    ctl.pause()
    clock.advance(30.0)
    ctl.resume()
    _advance(ctl, clock, 20.0)  # set 1 done, resting
    assert ctl.answer_comfort(Comfort.TIRED)
    assert ctl.add_rest(10.0)
    _advance(ctl, clock, 2.0)
    assert ctl.skip_rest()
    _advance(ctl, clock, 5.0)  # set 2, first rep
    assert ctl.end_set_early()
    _advance(ctl, clock, 1.0)
    clock.advance(60.0)  # the laptop slept
    ctl.tick()
    ctl.resume()
    assert ctl.answer_comfort(Comfort.FINE)
    _advance(ctl, clock, 2.0)
    assert ctl.answer_comfort(Comfort.PAIN)
    assert ctl.status is Status.FINISHED
    log.close()


def stopped_session(exercise: Exercise, path: Path) -> None:
    clock = ManualClock()
    plan = Plan.from_exercise(exercise, "chair", sets=2, reps=2, rest_s=0)
    ctl = SessionController(plan, exercise, clock)
    log = EventLog(path)
    ctl.add_listener(log)
    ctl.start()
    _advance(ctl, clock, 16.0)
    assert ctl.stop()
    log.close()


@pytest.mark.parametrize("scenario", [scripted_session, stopped_session], ids=["controls", "stopped"])
def test_event_log_lines_keep_the_documented_format(
    exercise: Exercise, tmp_path: Path, scenario: Callable[[Exercise, Path], None]
) -> None:
    out = tmp_path / "e.jsonl"
    scenario(exercise, out)
    assert_same_format(read_lines(out), read_lines(GOLDEN / f"{scenario.__name__}.jsonl"), exact_late=True)


@pytest.mark.slow
def test_rehearsal_event_file_keeps_the_documented_format(tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    r = run_trainer(
        "--rehearse", "--speed", "100", "--no-voice", "--variant", "kneeling",
        "--sets", "2", "--reps", "2", "--rest", "12", "--events", str(out),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert_same_format(read_lines(out), read_lines(GOLDEN / "rehearsal.jsonl"), exact_late=False)
