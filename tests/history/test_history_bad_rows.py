"""The history survives one bad row (issue 16 items 6, 11): unreadable rows are left out of views and
exports, counted and reported in one line, and never removed from the file."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import run_trainer
from tests.fixed_time import NOW, TODAY, fixed_now
from trainer.history.store import HistoryStore


def history_with_bad_rows(data: Path) -> Path:
    """Three sessions of two sets; then one set gets an unreadable date and one an unknown comfort."""
    store = HistoryStore.open(data, fixed_now)
    for day in (3, 2, 1):
        at = NOW - timedelta(days=day)
        sid = store.start_session(
            variant="chair",
            planned_sets=2,
            planned_reps=8,
            tempo="3-1-3-1",
            rest_s=60,
            weight="1 lb",
            started_at=at,
        )
        for n in (1, 2):
            store.record_set(
                sid, set_no=n, side=None, planned_reps=8, done_reps=8, started_at=at, ended_at=at,
                variant="chair", weight="1 lb", tempo="3-1-3-1",
            )  # fmt: skip
        store.finish_session(sid, ended_at=at)
    store.close()
    path = data / HistoryStore.FILE_NAME
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")  # as an old version or a hand edit could
        conn.execute("UPDATE sets SET started_at = 'last tuesday' WHERE session_id = 1 AND set_no = 2")
        conn.execute("UPDATE sets SET comfort = 'meh' WHERE session_id = 2 AND set_no = 1")
    return path


def count_sets(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM sets").fetchone()[0])


def test_bad_rows_are_left_out_counted_and_kept(tmp_path: Path) -> None:
    path = history_with_bad_rows(tmp_path / "d")
    store = HistoryStore.open(tmp_path / "d", fixed_now)
    try:
        sessions = store.sessions()
        assert store.notice is None  # the file is not damaged: it is not moved aside
        assert [len(s.sets) for s in sessions] == [1, 1, 2]
        assert store.unreadable_rows == 2
        assert "2 rows of the history" in (store.unreadable_notice() or "")
    finally:
        store.close()
    assert count_sets(path) == 6  # nothing removed from the file


@pytest.mark.slow
def test_export_history_and_report_carry_on_with_one_line(tmp_path: Path) -> None:
    data = tmp_path / "d"
    history_with_bad_rows(data)
    csv = tmp_path / "h.csv"
    r = run_trainer("--data-dir", str(data), "--export-history", str(csv))
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [
        f"thoracic-trainer: 2 rows of the history {data.absolute() / HistoryStore.FILE_NAME} "
        "could not be read and were left out (the file itself is unchanged)."
    ]
    assert len(csv.read_text().splitlines()) == 1 + 4
    pdf = tmp_path / "r.pdf"
    r = run_trainer("--data-dir", str(data), "--export-report", str(pdf))
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and "2 rows" in r.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_progress_view_opens_and_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    from trainer.ui.progress_view import ProgressDialog

    history_with_bad_rows(tmp_path / "d")
    store = HistoryStore.open(tmp_path / "d", fixed_now)
    try:
        view = ProgressDialog(store, TODAY)
        qtbot.addWidget(view)
        assert "2 rows of the history" in view.headline.text()
    finally:
        store.close()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE sessions SET started_at = 'soon' WHERE id = 3",
        "UPDATE sessions SET rest_s = 'long' WHERE id = 3",
        "UPDATE sets SET done_reps = 99 WHERE session_id = 3 AND set_no = 1",
        "UPDATE sessions SET end_reason = 'bored' WHERE id = 3",
    ],
)
def test_other_bad_values_are_left_out_too(tmp_path: Path, sql: str) -> None:
    path = history_with_bad_rows(tmp_path / "d")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute(sql)
    store = HistoryStore.open(tmp_path / "d", fixed_now)
    try:
        assert len(store.sessions()) in (2, 3)
        assert store.unreadable_rows >= 3
    finally:
        store.close()


def _sets_only_in_the_wal(src: Path, dst: Path) -> None:
    """dst: a history whose last sessions live only in its -wal (as after a crash)."""
    store = HistoryStore.open(src, fixed_now)
    keep_open = sqlite3.connect(src / HistoryStore.FILE_NAME)  # holds the log: no checkpoint on close
    keep_open.execute("SELECT count(*) FROM sets").fetchone()
    for day in (3, 2, 1):
        at = NOW - timedelta(days=day)
        sid = store.start_session(
            variant="chair",
            planned_sets=1,
            planned_reps=8,
            tempo="3-1-3-1",
            rest_s=60,
            weight="",
            started_at=at,
        )
        store.record_set(
            sid, set_no=1, side=None, planned_reps=8, done_reps=8, started_at=at, ended_at=at,
            variant="chair", weight="", tempo="3-1-3-1",
        )  # fmt: skip
    dst.mkdir()
    for name in (HistoryStore.FILE_NAME, HistoryStore.FILE_NAME + "-wal"):
        (dst / name).write_bytes((src / name).read_bytes())
    store.close()
    keep_open.close()


def test_a_damaged_wal_is_copied_aside_and_reported(tmp_path: Path) -> None:
    import struct

    data = tmp_path / "d"
    _sets_only_in_the_wal(tmp_path / "src", data)
    wal = data / (HistoryStore.FILE_NAME + "-wal")
    raw = bytearray(wal.read_bytes())
    page = struct.unpack(">I", raw[8:12])[0]
    frames = (len(raw) - 32) // (24 + page)
    assert frames >= 6
    raw[32 + (frames // 2) * (24 + page) + 24 + 100] ^= 0xFF  # one flipped byte in a middle frame
    wal.write_bytes(bytes(raw))
    before = {n: (data / n).read_bytes() for n in (HistoryStore.FILE_NAME, wal.name)}

    store = HistoryStore.open(data, fixed_now)
    try:
        assert store.notice is not None and "could not be read" in store.notice, store.notice
        assert len(store.sessions()) < 3  # SQLite kept what it could read
    finally:
        store.close()
    copies = sorted(data.glob("history.damaged-*"))
    assert len(copies) == 2, copies
    saved = {c.name.replace(c.name.split(".sqlite3")[0], "history"): c.read_bytes() for c in copies}
    assert saved == before  # byte for byte, main file and log


def test_an_intact_wal_is_replayed_without_a_word(tmp_path: Path) -> None:
    data = tmp_path / "d"
    _sets_only_in_the_wal(tmp_path / "src", data)
    store = HistoryStore.open(data, fixed_now)
    try:
        assert store.notice is None
        assert len(store.sessions()) == 3
    finally:
        store.close()
    assert not list(data.glob("history.damaged-*"))
