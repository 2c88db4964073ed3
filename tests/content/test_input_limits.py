"""Inputs with limits (issue 16 items 9-11): hostile exercise files are refused in one line, CSV
cells are never formulas, unusable settings files are moved aside, scripted runs say what is lost."""

from __future__ import annotations

import csv
import os
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import run_trainer
from tests.fixed_time import NOW, fixed_now
from trainer.content import ExerciseError, load_exercise
from trainer.exports.history_csv import export_sets_csv, read_sets_csv
from trainer.history.store import HistoryStore


def _refused(path: Path, needle: str) -> None:
    done: list[BaseException] = []

    def load() -> None:
        try:
            load_exercise(path)
        except BaseException as exc:  # the test reports whatever came out
            done.append(exc)

    t = threading.Thread(target=load, daemon=True)  # a FIFO or /dev/zero must not hang the test
    t.start()
    t.join(10)
    assert done, f"loading {path} did not finish within 10 s"
    assert isinstance(done[0], ExerciseError), repr(done[0])
    assert needle in str(done[0]) and str(path) in str(done[0])


def test_dev_zero_a_fifo_a_folder_a_huge_and_a_deep_file_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "ex.toml"
    os.mkfifo(fifo)
    _refused(fifo, "a regular file (it is a device, pipe or socket)")
    _refused(Path("/dev/zero"), "a regular file")
    _refused(tmp_path, "it is a folder")
    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * 1_100_000 + "\n")
    _refused(huge, "at most 1000 kB")
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    _refused(deep, "levels of nesting")
    middling = tmp_path / "mid.toml"
    middling.write_text("a = " + "[" * 40 + "]" * 40 + "\n")
    _refused(middling, "levels of nesting")


@pytest.mark.slow
def test_hostile_exercise_files_on_the_command_line_are_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    for path in (deep, fifo, Path("/dev/zero")):
        r = run_trainer("--rehearse", "--no-voice", "--exercise", str(path), timeout=30)
        assert r.returncode == 2, r.stderr
        assert "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_csv_cells_that_would_be_formulas_are_text(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "d", fixed_now)
    hostile = ['=HYPERLINK("http://x","y")', "+1", "-tired", "@SUM(A1)", "\tx", "\rx", "'=quoted", "plain"]
    for i, text in enumerate(hostile):
        at = NOW - timedelta(days=i + 1)
        sid = store.start_session(
            variant="chair",
            planned_sets=1,
            planned_reps=8,
            tempo="3-1-3-1",
            rest_s=60,
            weight=text,
            started_at=at,
        )
        store.record_set(
            sid, set_no=1, side=None, planned_reps=8, done_reps=8, started_at=at, ended_at=at,
            variant="chair", weight=text, tempo="3-1-3-1",
        )  # fmt: skip
        store.set_note(sid, text)
    out = tmp_path / "h.csv"
    export_sets_csv(store.sessions(), out)
    store.close()
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        for col in ("weight", "session_note"):
            assert not row[col].startswith(("=", "+", "-", "@", "\t", "\r")), row[col]
    assert {r["weight"] for r in rows} == {"'" + t for t in hostile[:-1]} | {"plain"}
    # Read back exactly as written by the person.
    assert sorted(r["session_note"] for r in read_sets_csv(out)) == sorted(hostile)


def test_an_unreadable_settings_file_is_moved_aside(tmp_path: Path) -> None:
    from trainer.settings import S, Settings

    folder = tmp_path / "d"
    folder.mkdir()
    garbage = b"\x00\xff\xfe[plan\x00]\nsets=\xff\n"
    (folder / "settings.ini").write_bytes(garbage)
    settings = Settings(folder)
    settings.set(S.plan_sets, 4)
    assert settings.sync()
    assert settings.notice is not None and "moved to" in settings.notice
    assert (folder / "settings.unreadable-1.ini").read_bytes() == garbage
    assert Settings(folder).get(S.plan_sets) == 4


def test_a_linked_settings_file_is_not_written_through(tmp_path: Path) -> None:
    from trainer.settings import S, Settings

    folder = tmp_path / "d"
    folder.mkdir()
    elsewhere = tmp_path / "precious.ini"
    elsewhere.write_text("[plan]\nsets=2\n")
    (folder / "settings.ini").symlink_to(elsewhere)
    settings = Settings(folder)
    assert settings.get(S.plan_sets) == 2  # what the link held is kept
    settings.set(S.plan_sets, 5)
    assert settings.sync()
    assert elsewhere.read_text() == "[plan]\nsets=2\n"
    assert not (folder / "settings.ini").is_symlink()
    assert Settings(folder).get(S.plan_sets) == 5


@pytest.mark.slow
def test_a_scripted_run_without_a_usable_data_folder_says_so_and_leaves_no_litter(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    r = run_trainer(
        "--rehearse",
        "--no-voice",
        "--speed",
        "500",
        "--data-dir",
        str(blocker / "data"),
        env={"TMPDIR": str(tmp)},
    )
    assert r.returncode == 0, r.stderr
    assert "cannot be written" in r.stderr and "not kept" in r.stderr
    assert "Traceback" not in r.stderr
    assert list(tmp.glob("thoracic-trainer-*")) == []
