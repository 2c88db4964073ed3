"""The history store on real SQLite files: round trips, durability, migration, damaged files, CSV export."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.fixed_time import fixed_now
from trainer.exports.history_csv import HEADER, export_sets_csv, read_sets_csv
from trainer.history.records import Comfort, EndReason, SessionRecord, SetRecord
from trainer.history.schema import CURRENT_VERSION, SCHEMA_V1, statements
from trainer.history.store import HistoryError, HistoryStore

# A fixed local zone with an offset, so stored offsets are checked, not just UTC.
TZ = timezone(timedelta(hours=2))
T0 = datetime(2026, 3, 14, 9, 30, 0, tzinfo=TZ)


class FakeNow:
    """A clock for the store: returns T0, then moves on one minute per call."""

    def __init__(self, start: datetime = T0) -> None:
        self.t = start

    def __call__(self) -> datetime:
        t = self.t
        self.t += timedelta(minutes=1)
        return t


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    s = HistoryStore.open(tmp_path / "hist", now=FakeNow())
    yield s
    s.close()


def new_session(store: HistoryStore, **kw: object) -> int:
    args: dict[str, object] = dict(
        variant="kneeling", planned_sets=3, planned_reps=8, tempo="3-1-3-1", rest_s=60.0, weight="1 lb"
    )
    args.update(kw)
    return store.start_session(**args)  # type: ignore[arg-type]  # tests pass bad values on purpose


def add_set(store: HistoryStore, sid: int, set_no: int, **kw: object) -> None:
    start = T0 + timedelta(minutes=2 * set_no)
    args: dict[str, object] = dict(
        set_no=set_no,
        side="left" if set_no % 2 else "right",
        planned_reps=8,
        done_reps=8,
        started_at=start,
        ended_at=start + timedelta(seconds=64),
        variant="kneeling",
        weight="1 lb",
        tempo="3-1-3-1",
    )
    args.update(kw)
    store.record_set(sid, **args)  # type: ignore[arg-type]  # tests pass bad values on purpose


def raw(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Read with a separate, plain connection: what any other process would see on disk."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def build_v1(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for stmt in statements(SCHEMA_V1):
        conn.execute(stmt)
    conn.execute("PRAGMA user_version = 1")
    conn.executemany(
        "INSERT INTO sessions (id, started_at, ended_at, variant, planned_sets, planned_reps, tempo, rest_s,"
        " stopped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (1, "2025-11-02T10:00:00+01:00", "2025-11-02T10:12:00+01:00", "kneeling", 3, 8, "3-1-3-1", 60, 0),
            (2, "2025-11-04T10:00:00+01:00", "2025-11-04T10:05:00+01:00", "chair", 3, 8, "2-1-2-1", 45.5, 1),
        ],
    )
    conn.executemany(
        "INSERT INTO sets (session_id, set_no, started_at, ended_at, variant, side, planned_reps, done_reps,"
        " tempo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                1,
                1,
                "2025-11-02T10:01:00+01:00",
                "2025-11-02T10:02:04+01:00",
                "kneeling",
                "left",
                8,
                8,
                "3-1-3-1",
            ),
            (
                1,
                2,
                "2025-11-02T10:04:00+01:00",
                "2025-11-02T10:05:04+01:00",
                "kneeling",
                "right",
                8,
                7,
                "3-1-3-1",
            ),
            (2, 1, "2025-11-04T10:01:00+01:00", "2025-11-04T10:01:40+01:00", "chair", None, 8, 5, "2-1-2-1"),
        ],
    )
    conn.close()


def columns(path: Path, table: str) -> list[tuple[object, ...]]:
    # (name, type, notnull, default, pk) in order: the shape of the table.
    return [tuple(r[1:]) for r in raw(path, f"PRAGMA table_info({table})")]


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- round trip -------------------------------------------------------------------------------------


def test_record_and_read_back(store: HistoryStore) -> None:
    sid = new_session(store)
    add_set(store, sid, 2, done_reps=6, comfort=Comfort.TIRED)  # out of order on purpose
    add_set(store, sid, 1, side="left")
    end = T0 + timedelta(minutes=10)
    store.finish_session(sid, ended_at=end)

    [got] = store.sessions()
    s1 = T0 + timedelta(minutes=2)
    s2 = T0 + timedelta(minutes=4)
    assert got == SessionRecord(
        id=sid,
        started_at=T0,
        ended_at=end,
        variant="kneeling",
        planned_sets=3,
        planned_reps=8,
        tempo="3-1-3-1",
        rest_s=60.0,
        weight="1 lb",
        note="",
        stopped_early=False,
        end_reason=EndReason.COMPLETED,
        sets=(
            SetRecord(
                sid, 1, s1, s1 + timedelta(seconds=64), "kneeling", "left", "1 lb", 8, 8, "3-1-3-1", None
            ),
            SetRecord(
                sid,
                2,
                s2,
                s2 + timedelta(seconds=64),
                "kneeling",
                "right",
                "1 lb",
                8,
                6,
                "3-1-3-1",
                Comfort.TIRED,
            ),
        ),
    )
    # Same instants, and the same local offset as written (not converted to UTC).
    for dt in (got.started_at, got.ended_at, *(d for s in got.sets for d in (s.started_at, s.ended_at))):
        assert dt is not None and dt.utcoffset() == timedelta(hours=2)
    assert isinstance(got.sets[1].comfort, Comfort)
    assert isinstance(got.rest_s, float) and isinstance(got.planned_sets, int)
    assert got.reps_done == 14


def test_values_survive_reopen_and_the_clock_is_local_aware(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"  # created on open
    with HistoryStore.open(folder, now=fixed_now) as s:
        assert s.path == folder / HistoryStore.FILE_NAME and s.path.exists()
        assert s.notice is None and s.moved_aside is None
        sid = new_session(s, weight="a can", rest_s=45)
        s.finish_session(sid)
    with HistoryStore.open(folder, now=fixed_now) as s:
        [got] = s.sessions()
    assert got.weight == "a can" and got.rest_s == 45.0
    assert got.started_at.tzinfo is not None and got.ended_at is not None and got.ended_at.tzinfo is not None
    assert got.started_at == fixed_now()


def test_naive_datetimes_are_taken_as_local_time(store: HistoryStore) -> None:
    sid = new_session(store, started_at=datetime(2026, 1, 5, 8, 0))
    [got] = store.sessions()
    assert got.started_at.tzinfo is not None
    assert got.started_at == datetime(2026, 1, 5, 8, 0).astimezone()
    assert got.id == sid


def test_sessions_are_oldest_first(store: HistoryStore) -> None:
    later = new_session(store, started_at=T0 + timedelta(days=1))
    earlier = new_session(store, started_at=T0)
    # Same instant written with another offset sorts by time, not by text.
    utc_mid = new_session(store, started_at=(T0 + timedelta(hours=12)).astimezone(UTC))
    assert [s.id for s in store.sessions()] == [earlier, utc_mid, later]


# -- durability -------------------------------------------------------------------------------------


def test_writes_are_committed_before_return(store: HistoryStore) -> None:
    sid = new_session(store)
    assert raw(store.path, "SELECT id, variant FROM sessions") == [(sid, "kneeling")]
    add_set(store, sid, 1)
    assert raw(store.path, "SELECT set_no, done_reps FROM sets WHERE session_id = ?", (sid,)) == [(1, 8)]
    store.set_comfort(sid, 1, Comfort.FINE)
    assert raw(store.path, "SELECT comfort FROM sets") == [("fine",)]
    store.finish_session(sid, end_reason=EndReason.PAIN)
    assert raw(store.path, "SELECT end_reason, stopped FROM sessions") == [("pain", 1)]
    store.set_note(sid, "left shoulder ached")
    assert raw(store.path, "SELECT note FROM sessions") == [("left shoulder ached",)]
    store.save_safety_answers({"fracture": False})
    assert raw(store.path, "SELECT answers FROM safety_answers") == [('{"fracture": false}',)]


def test_pragmas(store: HistoryStore) -> None:
    assert raw(store.path, "PRAGMA journal_mode") == [("wal",)]
    assert raw(store.path, "PRAGMA user_version") == [(CURRENT_VERSION,)] == [(2,)]
    conn = store._conn  # the store's own connection: these two are per-connection settings
    assert conn is not None
    assert conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_mid_session_loses_at_most_the_write_in_progress(tmp_path: Path) -> None:
    folder = tmp_path / "killed"
    child = f"""
import sys
from datetime import datetime, timedelta
from pathlib import Path
from trainer.history.store import HistoryStore
t = datetime(2026, 11, 25, 10, 0).astimezone()
s = HistoryStore.open(Path({str(folder)!r}), now=lambda: t)
sid = s.start_session(variant="chair", planned_sets=999999, planned_reps=8, tempo="3-1-3-1", rest_s=1,
                      weight="")
n = 0
while True:
    n += 1
    s.record_set(sid, set_no=n, side=None, planned_reps=8, done_reps=8, started_at=t, ended_at=t,
                 variant="chair", weight="", tempo="3-1-3-1")
    print(n, flush=True)
"""
    proc = subprocess.Popen([sys.executable, "-c", child], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    reported = 0
    try:
        for line in proc.stdout:
            reported = int(line)
            if reported >= 40:
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    # Everything reported is on disk; at most a few more may have landed before the kill arrived.
    with HistoryStore.open(folder, now=fixed_now) as s:
        assert s.notice is None
        [session] = s.sessions()
    kept = [x.set_no for x in session.sets]
    assert kept == list(range(1, len(kept) + 1))
    assert len(kept) >= reported >= 40


# -- updates and validation -------------------------------------------------------------------------


def test_comfort_can_be_given_later_and_changed(store: HistoryStore) -> None:
    sid = new_session(store)
    add_set(store, sid, 1)
    add_set(store, sid, 2, comfort=Comfort.PAIN)
    assert [s.comfort for s in store.sessions()[0].sets] == [None, Comfort.PAIN]
    store.set_comfort(sid, 1, Comfort.TIRED)
    store.set_comfort(sid, 2, Comfort.FINE)
    assert [s.comfort for s in store.sessions()[0].sets] == [Comfort.TIRED, Comfort.FINE]
    with pytest.raises(ValueError, match="set_no 3 of session"):
        store.set_comfort(sid, 3, Comfort.FINE)
    with pytest.raises(ValueError):
        store.set_comfort(sid, 1, "sore")  # type: ignore[arg-type]  # a bad value on purpose


def test_finish_and_end_reason(store: HistoryStore) -> None:
    done, stopped, pain, open_ = (new_session(store) for _ in range(4))
    store.finish_session(done)
    store.finish_session(stopped, end_reason=EndReason.STOPPED)
    store.finish_session(pain, end_reason=EndReason.PAIN)
    by_id = {s.id: s for s in store.sessions()}
    assert (by_id[done].end_reason, by_id[done].stopped_early, by_id[done].had_pain) == ("", False, False)
    assert (by_id[stopped].end_reason, by_id[stopped].stopped_early) == ("stopped", True)
    assert (by_id[pain].end_reason, by_id[pain].stopped_early, by_id[pain].had_pain) == ("pain", True, True)
    assert by_id[open_].ended_at is None and not by_id[open_].stopped_early
    done_end = by_id[done].ended_at
    assert done_end is not None and done_end > by_id[done].started_at
    with pytest.raises(ValueError, match="end_reason"):
        store.finish_session(open_, end_reason="bored")  # type: ignore[arg-type]  # a bad value on purpose
    with pytest.raises(ValueError, match="session_id 999"):
        store.finish_session(999)


def test_note(store: HistoryStore) -> None:
    sid = new_session(store)
    assert store.sessions()[0].note == ""
    store.set_note(sid, "Used the chair today; knee sore.")
    store.set_note(sid, "Used the chair today; knee sore. Better by evening.")
    assert store.sessions()[0].note == "Used the chair today; knee sore. Better by evening."
    with pytest.raises(ValueError, match="session_id 42"):
        store.set_note(42, "x")


def test_duplicate_set_is_refused_and_the_first_kept(store: HistoryStore) -> None:
    sid = new_session(store)
    add_set(store, sid, 1, done_reps=8)
    with pytest.raises(ValueError, match=r"set_no 1 of session \d+ is already recorded"):
        add_set(store, sid, 1, done_reps=3)
    [s] = store.sessions()[0].sets
    assert s.done_reps == 8
    # The failed write left no transaction open: the next write works.
    add_set(store, sid, 2)
    assert len(store.sessions()[0].sets) == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"set_no": 0}, "set_no must be 1 or more, got 0"),
        ({"done_reps": -1}, "done_reps must be 0 or more, got -1"),
        ({"planned_reps": 0, "done_reps": 0}, "planned_reps must be 1 or more, got 0"),
        ({"done_reps": 9}, "done_reps 9 is more than planned_reps 8"),
        ({"ended_at": T0}, "ended_at .* is before started_at"),
    ],
)
def test_record_set_validation(store: HistoryStore, change: dict[str, object], message: str) -> None:
    sid = new_session(store)
    with pytest.raises(ValueError, match=message):
        add_set(store, sid, change.pop("set_no", 1), **change)  # type: ignore[arg-type]  # set_no may be one of the bad values
    assert raw(store.path, "SELECT count(*) FROM sets") == [(0,)]


def test_record_set_for_unknown_session(store: HistoryStore) -> None:
    with pytest.raises(ValueError, match="session_id 7 is not in the history"):
        add_set(store, 7, 1)


def test_start_session_validation(store: HistoryStore) -> None:
    with pytest.raises(ValueError, match="planned_sets must be 1 or more, got 0"):
        new_session(store, planned_sets=0)
    with pytest.raises(ValueError, match="rest_s"):
        new_session(store, rest_s=-5.0)
    assert store.sessions() == []


def test_safety_answers_keep_history_and_give_the_latest(store: HistoryStore) -> None:
    assert store.latest_safety_answers() is None
    first = {"fracture": True, "shoulder": False}
    second = {"fracture": True, "shoulder": True, "practitioner_ok": True}
    store.save_safety_answers(first, at=T0 - timedelta(days=30))
    store.save_safety_answers(second)  # at the store's clock: T0
    assert store.latest_safety_answers() == (T0, second)
    when, _ = store.latest_safety_answers() or (None, None)
    assert when is not None and when.utcoffset() == timedelta(hours=2)
    assert [r[0] for r in raw(store.path, "SELECT answers FROM safety_answers ORDER BY id")] == [
        '{"fracture": true, "shoulder": false}',
        '{"fracture": true, "practitioner_ok": true, "shoulder": true}',
    ]
    with pytest.raises(ValueError):
        store.save_safety_answers({"fracture": "yes"})  # type: ignore[dict-item]  # a bad value on purpose
    path = store.path
    store.close()
    with HistoryStore.open(path.parent, now=fixed_now) as again:
        assert again.latest_safety_answers() == (when, second)


# -- migration --------------------------------------------------------------------------------------


def test_v1_file_is_migrated_and_every_row_kept(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    build_v1(folder / HistoryStore.FILE_NAME)
    fresh = tmp_path / "fresh"
    HistoryStore.open(fresh, now=fixed_now).close()

    with HistoryStore.open(folder, now=fixed_now) as s:
        assert s.notice is None and s.moved_aside is None
        got = s.sessions()
        assert raw(s.path, "PRAGMA user_version") == [(2,)]
        # The migrated file has exactly the shape of a freshly created one.
        for table in ("sessions", "sets", "safety_answers"):
            assert columns(s.path, table) == columns(fresh / HistoryStore.FILE_NAME, table)
        # And it takes the new fields.
        s.set_comfort(1, 2, Comfort.TIRED)
        s.save_safety_answers({"fracture": False})

    assert [x.id for x in got] == [1, 2]
    one, two = got
    assert (one.end_reason, one.stopped_early, one.weight, one.note) == ("", False, "", "")
    assert (two.end_reason, two.stopped_early, two.rest_s) == ("stopped", True, 45.5)
    assert one.started_at == datetime(2025, 11, 2, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    assert [(x.set_no, x.side, x.done_reps, x.comfort, x.weight) for x in one.sets] == [
        (1, "left", 8, None, ""),
        (2, "right", 7, None, ""),
    ]
    assert [(x.set_no, x.side, x.done_reps, x.variant) for x in two.sets] == [(1, None, 5, "chair")]


def test_failed_migration_step_leaves_the_file_at_its_old_version(tmp_path: Path) -> None:
    path = tmp_path / HistoryStore.FILE_NAME
    build_v1(path)
    # A column the v2 step wants to add already exists: the step fails part-way and must roll back.
    raw_conn = sqlite3.connect(path)
    raw_conn.execute("ALTER TABLE sets ADD COLUMN weight TEXT")
    raw_conn.commit()
    raw_conn.close()
    with pytest.raises(HistoryError, match=re.escape(str(path))):
        HistoryStore.open(tmp_path, now=fixed_now)
    assert raw(path, "PRAGMA user_version") == [(1,)]
    assert "end_reason" not in [c[0] for c in columns(path, "sessions")]
    assert raw(path, "SELECT count(*) FROM sets") == [(3,)]
    assert not list(tmp_path.glob("*damaged*"))


def test_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / HistoryStore.FILE_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, future TEXT)")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError, match="newer Thoracic Trainer") as err:
        HistoryStore.open(tmp_path, now=fixed_now)
    assert str(path) in str(err.value)
    assert path.read_bytes() == before
    assert files_in(tmp_path) == [HistoryStore.FILE_NAME]


# -- damaged files ----------------------------------------------------------------------------------


def assert_moved_aside(store: HistoryStore, folder: Path, before: bytes) -> Path:
    moved = store.moved_aside
    assert moved is not None and moved.parent == folder
    assert re.fullmatch(r"history\.damaged-\d{8}-\d{6}(-\d+)?\.sqlite3", moved.name)
    assert moved.read_bytes() == before
    assert store.notice is not None and str(moved) in store.notice
    # The fresh history works and is at the current version.
    sid = new_session(store)
    add_set(store, sid, 1)
    assert [s.id for s in store.sessions()] == [sid]
    assert raw(store.path, "PRAGMA user_version") == [(2,)]
    return moved


def test_garbage_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / HistoryStore.FILE_NAME
    before = random.Random(7).randbytes(8192)
    path.write_bytes(before)
    with HistoryStore.open(tmp_path, now=FakeNow()) as s:
        moved = assert_moved_aside(s, tmp_path, before)
    assert moved.name == "history.damaged-20260314-093000.sqlite3"
    assert "Nothing was deleted" in (s.notice or "")


def test_truncated_database_is_moved_aside(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path, now=fixed_now) as s:
        for _ in range(30):
            sid = new_session(s, weight="x" * 500)
            for n in range(1, 4):
                add_set(s, sid, n, weight="y" * 500)
    path = tmp_path / HistoryStore.FILE_NAME
    whole = path.read_bytes()
    assert len(whole) > 8 * 4096
    path.write_bytes(whole[: len(whole) // 2])
    before = path.read_bytes()
    with HistoryStore.open(tmp_path, now=fixed_now) as s:
        assert_moved_aside(s, tmp_path, before)
        assert len(s.sessions()) == 1


def test_missing_tables_are_treated_as_damage(tmp_path: Path) -> None:
    path = tmp_path / HistoryStore.FILE_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY)")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with HistoryStore.open(tmp_path, now=fixed_now) as s:
        assert_moved_aside(s, tmp_path, before)


def test_companions_move_too_and_a_taken_name_gets_a_counter(tmp_path: Path) -> None:
    # A read-write look at the damaged file would have made SQLite delete this -wal on closing.
    path = tmp_path / HistoryStore.FILE_NAME
    path.write_bytes(b"not a database at all, just text" * 100)
    Path(f"{path}-wal").write_bytes(b"wal bytes")
    taken = tmp_path / "history.damaged-20260314-093000.sqlite3"
    taken.write_bytes(b"an earlier one")
    with HistoryStore.open(tmp_path, now=FakeNow()) as s:
        assert s.moved_aside == tmp_path / "history.damaged-20260314-093000-2.sqlite3"
        assert Path(f"{s.moved_aside}-wal").read_bytes() == b"wal bytes"
    assert taken.read_bytes() == b"an earlier one"


def test_empty_file_is_simply_a_new_history(tmp_path: Path) -> None:
    (tmp_path / HistoryStore.FILE_NAME).write_bytes(b"")
    with HistoryStore.open(tmp_path, now=fixed_now) as s:
        assert s.notice is None and s.moved_aside is None
        assert s.sessions() == []
    assert not list(tmp_path.glob("*damaged*"))


def test_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(HistoryError, match=re.escape(str(blocker / "sub"))):
        HistoryStore.open(blocker / "sub", now=fixed_now)


# -- CSV export -------------------------------------------------------------------------------------


def test_csv_round_trip(store: HistoryStore, tmp_path: Path) -> None:
    a = new_session(store)
    add_set(store, a, 1, comfort=Comfort.FINE)
    add_set(store, a, 2, done_reps=5)
    store.finish_session(a, end_reason=EndReason.PAIN)
    store.set_note(a, 'Knee hurt, "sharp", so stopped\nsecond line')
    b = new_session(store, variant="chair", weight="")
    add_set(store, b, 1, side=None, variant="chair", weight="", comfort=Comfort.TIRED)
    c = new_session(store)
    add_set(store, c, 1)
    store.finish_session(c)
    new_session(store)  # no sets: no rows
    sessions = store.sessions()

    out = tmp_path / "export" / "sets.csv"
    out.parent.mkdir()
    assert export_sets_csv(sessions, out) == 4
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(HEADER)
    assert files_in(out.parent) == ["sets.csv"]  # no temp file left behind

    rows = read_sets_csv(out)
    expected = [(s, x) for s in sessions for x in s.sets]
    assert len(rows) == len(expected)
    for row, (session, st) in zip(rows, expected, strict=True):
        assert list(row) == list(HEADER)
        assert int(row["session_id"]) == session.id and int(row["set"]) == st.set_no
        assert datetime.fromisoformat(row["session_started"]) == session.started_at
        assert datetime.fromisoformat(row["set_started"]) == st.started_at
        assert datetime.fromisoformat(row["set_ended"]) == st.ended_at
        assert (row["variant"], row["knee"], row["weight"], row["tempo"]) == (
            st.variant,
            st.side or "",
            st.weight,
            st.tempo,
        )
        assert (int(row["planned_reps"]), int(row["done_reps"])) == (st.planned_reps, st.done_reps)
        assert row["session_note"] == session.note
    assert [(r["session_id"], r["set"], r["comfort"], r["session_end"]) for r in rows] == [
        (str(a), "1", "fine", "pain"),
        (str(a), "2", "not answered", "pain"),
        (str(b), "1", "tired", "unfinished"),
        (str(c), "1", "not answered", "completed"),
    ]
    assert rows[0]["session_note"] == 'Knee hurt, "sharp", so stopped\nsecond line'

    # Exporting again replaces the file whole.
    assert export_sets_csv(sessions[:1], out) == 2
    assert len(read_sets_csv(out)) == 2


def test_csv_stopped_session_end(store: HistoryStore, tmp_path: Path) -> None:
    sid = new_session(store)
    add_set(store, sid, 1)
    store.finish_session(sid, end_reason=EndReason.STOPPED)
    out = tmp_path / "s.csv"
    export_sets_csv(store.sessions(), out)
    assert [r["session_end"] for r in read_sets_csv(out)] == ["stopped"]


def test_csv_to_missing_folder_names_the_path(store: HistoryStore, tmp_path: Path) -> None:
    out = tmp_path / "no such folder" / "sets.csv"
    with pytest.raises(HistoryError, match=re.escape(str(out))):
        export_sets_csv(store.sessions(), out)
    assert not out.parent.exists()


def test_csv_failed_replace_leaves_no_temp_file(store: HistoryStore, tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()  # a folder where the file should go: the final rename fails
    (target / "keep.txt").write_text("x")
    with pytest.raises(HistoryError, match=re.escape(str(target))):
        export_sets_csv(store.sessions(), target)
    assert files_in(tmp_path) == sorted(["hist", "out"])
