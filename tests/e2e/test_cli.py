"""The command line, end to end in real subprocesses (offscreen)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from tests.conftest import run_trainer


def read_events(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["kneeling", "chair"])
def test_rehearsal_writes_a_complete_event_file(tmp_path: Path, variant: str) -> None:
    events = tmp_path / "e.jsonl"
    r = run_trainer(
        "--rehearse", "--speed", "100", "--variant", variant, "--events", str(events), "--no-voice"
    )
    assert r.returncode == 0, r.stderr
    ev = read_events(events)
    names = [e["event"] for e in ev]
    ts = [e["t"] for e in ev]
    assert ts == sorted(ts), "t must be non-decreasing"
    assert all(e["late_ms"] >= 0 for e in ev)
    assert ev[0] == {
        "t": 0.0,
        "late_ms": 0.0,
        "event": "session_started",
        "variant": variant,
        "sets": 3,
        "reps": 8,
        "tempo": "3-1-3-1",
        "rest": 60.0,
    }
    started = [e for e in ev if e["event"] == "set_started"]
    assert [e["set"] for e in started] == [1, 2, 3]
    if variant == "kneeling":
        assert [e["side"] for e in started] == ["left", "right", "left"]
        assert [e["side"] for e in ev if e["event"] == "side_switched"] == ["right", "left"]
    else:
        assert all(e["side"] is None for e in started)
        assert "side_switched" not in names
    assert names.count("rep_completed") == 24
    assert names.count("phase") == 96
    assert [e["reps"] for e in ev if e["event"] == "set_completed"] == [8, 8, 8]
    assert [e["seconds"] for e in ev if e["event"] == "rest_started"] == [60, 60]
    assert names.count("rest_ended") == 2
    cues = [e for e in ev if e["event"] == "cue"]
    assert len(cues) > 60 and all(c["text"] and c["kind"] for c in cues)
    assert ev[-1]["event"] == "session_completed"
    assert ev[-1]["reps_total"] == 24 and ev[-1]["sets"] == 3 and ev[-1]["duration"] == 322.0
    # Every phase follows its rep order: lift, squeeze, lower, relax.
    phases = [e["name"] for e in ev if e["event"] == "phase"]
    assert phases == ["lift", "squeeze", "lower", "relax"] * 24


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--sets", "0"], "--sets must be from 1 to 10"),
        (["--reps", "many"], "--reps must be a whole number"),
        (["--rest", "-5"], "--rest must be between 0 and 600"),
        (["--tempo", "3-1-3"], "tempo must be four numbers"),
        (["--tempo", "3-1-30-1"], "lower must be between 0.5 and 10"),
        (["--variant", "standing"], "--variant must be one of kneeling, chair, ball"),
        (["--speed", "0"], "--speed must be between"),
        (["--at", "5"], "--at needs --screenshot"),
        (["--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_values_exit_2_with_one_line(args: list[str], needle: str) -> None:
    r = run_trainer(*args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert needle in lines[0]


@pytest.mark.slow
def test_screenshot_at_30_seconds_shows_figure_counter_and_caption(tmp_path: Path) -> None:
    png = tmp_path / "shot.png"
    r = run_trainer("--screenshot", str(png), "--at", "30", "--no-voice")
    assert r.returncode == 0, r.stderr
    img = QImage(str(png))
    assert not img.isNull() and img.width() >= 1000 and img.height() >= 700
    # The figure area (left half) holds dark bone pixels, not just white background.
    dark = sum(
        1
        for x in range(0, img.width() // 2, 4)
        for y in range(40, img.height() - 160, 4)
        if img.pixelColor(x, y).lightness() < 110
    )
    assert dark > 100
    # The caption bar (dark blue band above the buttons) is present.
    band = img.pixelColor(30, img.height() - 110)
    assert band.blue() > band.red()


@pytest.mark.slow
def test_screenshot_state_matches_timeline(tmp_path: Path) -> None:
    """The same session second rendered twice gives the same picture (pure function of t)."""
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    for p in (a, b):
        r = run_trainer("--screenshot", str(p), "--at", "41.5", "--variant", "chair", "--no-voice")
        assert r.returncode == 0, r.stderr
    assert QImage(str(a)) == QImage(str(b))


@pytest.mark.slow
def test_self_check_flag_runs_even_with_a_bad_exercise_file(tmp_path: Path) -> None:
    r = run_trainer(
        "--self-check", "--exercise", str(tmp_path / "missing.toml"), "--data-dir", str(tmp_path / "d")
    )
    assert r.returncode in (0, 1), r.stderr
    for name in ("Speech library", "Voices", "Audio output", "Test phrase", "Playback", "Data folder"):
        assert name in r.stdout
    assert ("All is well" in r.stdout) == (r.returncode == 0)


@pytest.mark.slow
def test_export_poses_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "poses.json"
    r = run_trainer("--export-poses", str(out))
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [(q["variant"], q["side"]) for q in doc["sequences"]] == [
        ("kneeling", "left"),
        ("kneeling", "right"),
        ("chair", None),
        ("ball", None),
    ]
    assert doc["rate_hz"] >= 20 and len(doc["joints"]) >= 30
    sample = doc["sequences"][0]["samples"][0]
    assert len(sample["positions"]) == len(doc["joints"]) and sample["phase"] == "lift"
    r = run_trainer("--export-poses", str(out), "--variant", "sofa")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "sofa" in r.stderr


def test_qt_messages_drop_known_noise_and_log_the_rest(caplog: pytest.LogCaptureFixture) -> None:
    """The bundle's missing media backend, absent PipeWire and offscreen size hints are noise;
    other Qt warnings are logged."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType

    from trainer.qt_messages import qt_messages as _qt_messages

    ctx = QMessageLogContext()
    with caplog.at_level("INFO", logger="qt"):
        _qt_messages(QtMsgType.QtWarningMsg, ctx, "No QtMultimedia backends found. Only QMediaDevices, ...")
        _qt_messages(QtMsgType.QtWarningMsg, ctx, "This plugin does not support propagateSizeHints()")
        _qt_messages(QtMsgType.QtWarningMsg, ctx, "Couldn't load pipewire-0.3 library")
        _qt_messages(QtMsgType.QtWarningMsg, ctx, "Couldn't resolve pipewire-0.3 symbols")
        assert caplog.records == []
        _qt_messages(QtMsgType.QtWarningMsg, ctx, "QSoundEffect: playback failed")
    assert [r.getMessage() for r in caplog.records] == ["QSoundEffect: playback failed"]
