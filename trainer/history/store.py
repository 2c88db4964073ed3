"""The history file: every session, set and comfort answer, kept in SQLite in the data folder.

Crash safety: each write is one transaction committed (WAL + synchronous=FULL, so fsynced) before the
method returns, so killing the app loses at most the write in progress. A file that cannot be read is
never deleted: it is moved aside under a dated name and a fresh history is started.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from trainer.history import schema
from trainer.history.records import Comfort, EndReason, SessionRecord, SetRecord

log = logging.getLogger("trainer.history")

# SQLite primary result codes that mean the file's content is broken (not busy, not a permission).
_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


class HistoryError(Exception):
    """The history file cannot be used; the message names the file and what is wrong."""


class _Damaged(Exception):
    """Internal: the file is unreadable as a history; the message says why (for the log)."""


def _aware(dt: datetime) -> datetime:
    # A naive datetime is local wall time; make that explicit so the stored text carries its offset.
    return dt.astimezone() if dt.tzinfo is None or dt.utcoffset() is None else dt


def _to_text(dt: datetime) -> str:
    return _aware(dt).isoformat()


def _from_text(text: str) -> datetime:
    return _aware(datetime.fromisoformat(text))


def _is_damage(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _DAMAGE_CODES


def _at_least(name: str, value: int, minimum: int) -> None:
    if value < minimum:
        raise ValueError(f"{name} must be {minimum} or more, got {value}")


def _connect(path: Path) -> sqlite3.Connection:
    try:
        # isolation_level=None: no implicit transactions; every write below says BEGIN/COMMIT itself.
        return sqlite3.connect(path, isolation_level=None, timeout=5.0)
    except sqlite3.Error as exc:
        raise HistoryError(f"Could not open the history file {path}: {exc}") from exc


def _inspect(conn: sqlite3.Connection, path: Path) -> int:
    """Return the file's schema version, or raise _Damaged / HistoryError / sqlite3.Error. Writes nothing."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > schema.CURRENT_VERSION:
        raise HistoryError(
            f"The history file {path} was written by a newer Thoracic Trainer (history version "
            f"{version}; this one knows up to {schema.CURRENT_VERSION}). It was left untouched: "
            "please update Thoracic Trainer to use it."
        )
    if version < 0:
        raise _Damaged(f"its version number is {version}")
    check = [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
    if check != ["ok"]:
        raise _Damaged("quick_check: " + "; ".join(check[:5]))
    tables = {str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version == 0:
        # No version and no tables: a new (or zero-byte) file. Tables but no version: not ours.
        if tables:
            raise _Damaged(f"it has no version number but holds tables {sorted(tables)}")
        return 0
    for table, needed in schema.EXPECTED_COLUMNS[version].items():
        found = {str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")}
        missing = needed - found
        if missing:
            raise _Damaged(f"table {table} lacks {sorted(missing)}" if found else f"no table {table}")
        conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    return version


def _inspect_read_only(path: Path) -> int | None:
    """Inspect through a read-only connection, so a damaged or newer file is not changed at all.

    A read-write connection would, on closing, checkpoint a -wal into the main file and delete it:
    that would alter the very file we mean to move aside untouched. (A read-only look may leave an
    empty -wal and a -shm index behind; both are SQLite's own scratch files and harmless.)
    None: a read-only look was not possible (e.g. a crashed rollback journal must be replayed
    first); the caller looks again with a normal connection.
    """
    try:
        conn = sqlite3.connect(
            path.absolute().as_uri() + "?mode=ro", uri=True, isolation_level=None, timeout=5.0
        )
    except sqlite3.Error:
        return None
    try:
        return _inspect(conn, path)
    except sqlite3.Error as exc:
        if _is_damage(exc):
            raise _Damaged(str(exc)) from exc
        return None
    finally:
        conn.close()


def _configure(conn: sqlite3.Connection) -> None:
    # WAL may be refused (some network filesystems); a rollback journal with synchronous=FULL is
    # still crash-safe, so the mode that was granted is accepted.
    conn.execute("PRAGMA journal_mode=WAL").fetchone()
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")


def _run_step(conn: sqlite3.Connection, script: str, new_version: int) -> None:
    """Run one schema script and set the version, all in one transaction (all or nothing)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in schema.statements(script):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(new_version)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _prepare(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Bring a readable file to the current schema: create it fresh, or migrate step by step."""
    try:
        _configure(conn)
        if version == 0:
            _run_step(conn, schema.FRESH_SCHEMA, schema.CURRENT_VERSION)
            return
        for from_version in range(version, schema.CURRENT_VERSION):
            _run_step(conn, schema.MIGRATIONS[from_version], from_version + 1)
            log.info("history: %s updated from version %d to %d", path, from_version, from_version + 1)
    except sqlite3.Error as exc:
        if _is_damage(exc):
            raise _Damaged(str(exc)) from exc
        raise HistoryError(
            f"Could not update the history file {path} to the current version: {exc}. "
            "The last completed step was kept."
        ) from exc


def _open_existing(path: Path) -> sqlite3.Connection:
    version = _inspect_read_only(path) if path.exists() else 0
    conn = _connect(path)
    try:
        if version is None:
            try:
                version = _inspect(conn, path)
            except sqlite3.Error as exc:
                if _is_damage(exc):
                    raise _Damaged(str(exc)) from exc
                raise HistoryError(f"Could not read the history file {path}: {exc}") from exc
        _prepare(conn, path, version)
    except BaseException:
        conn.close()
        raise
    return conn


def _move_aside(path: Path, when: datetime) -> Path:
    """Rename the file (and its -wal/-shm/-journal) to a free dated name next to it; return the new path."""
    stamp = when.strftime("%Y%m%d-%H%M%S")
    for n in itertools.count(1):
        counter = "" if n == 1 else f"-{n}"
        target = path.with_name(f"{path.stem}.damaged-{stamp}{counter}{path.suffix}")
        names = [target, *(target.with_name(target.name + s) for s in _COMPANION_SUFFIXES)]
        if not any(p.exists() for p in names):
            break
    # Companions first, main file last: a -wal left beside a new empty file would be deleted by
    # SQLite, so if any move fails the caller stops before a fresh file is made.
    for suffix in _COMPANION_SUFFIXES:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
    path.rename(target)
    return target


class HistoryStore:
    """One history file, used from one thread. Open with ``HistoryStore.open(folder)``."""

    FILE_NAME = "history.sqlite3"

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        now: Callable[[], datetime],
        notice: str | None = None,
        moved_aside: Path | None = None,
    ) -> None:
        self._conn: sqlite3.Connection | None = conn
        self.path = path
        self._now = now
        # Something the user should be told once (e.g. a damaged file was moved aside); else None.
        self.notice = notice
        self.moved_aside = moved_aside

    @classmethod
    def open(cls, folder: Path, now: Callable[[], datetime]) -> HistoryStore:
        clock = now
        folder = folder.absolute()  # messages to the user name the full path
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(
                f"Could not create the history folder {folder}: {exc.strerror or exc}"
            ) from exc
        path = folder / cls.FILE_NAME
        try:
            return cls(_open_existing(path), path, clock)
        except _Damaged as damage:
            reason = str(damage)
        log.warning("history: %s cannot be read (%s); moving it aside", path, reason)
        try:
            moved = _move_aside(path, clock())
        except OSError as exc:
            raise HistoryError(
                f"The history file {path} cannot be read ({reason}) and could not be moved aside: "
                f"{exc.strerror or exc}. Nothing was deleted."
            ) from exc
        try:
            conn = _open_existing(path)
        except _Damaged as damage:
            raise HistoryError(f"Could not start a new history file at {path}: {damage}") from damage
        notice = (
            f"Your history file could not be read, so it was moved to {moved} and a new, empty history "
            "was started. Nothing was deleted."
        )
        return cls(conn, path, clock, notice=notice, moved_aside=moved)

    # -- plumbing -------------------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise HistoryError(f"The history file {self.path} is closed.")
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed on leaving; any error rolls it back whole."""
        conn = self._db()
        try:
            # IMMEDIATE: take the write lock now, so checks and the change they guard are one unit.
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    log.exception("history: rollback failed on %s", self.path)
            if isinstance(exc, sqlite3.Error):
                raise HistoryError(f"Could not save to the history file {self.path}: {exc}") from exc
            raise

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        try:
            return self._db().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise HistoryError(f"Could not read the history file {self.path}: {exc}") from exc

    @staticmethod
    def _require_session(conn: sqlite3.Connection, session_id: int) -> None:
        if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise ValueError(f"session_id {session_id} is not in the history")

    # -- writes ---------------------------------------------------------------------------------

    def start_session(
        self,
        *,
        variant: str,
        planned_sets: int,
        planned_reps: int,
        tempo: str,
        rest_s: float,
        weight: str,
        started_at: datetime | None = None,
    ) -> int:
        _at_least("planned_sets", planned_sets, 1)
        _at_least("planned_reps", planned_reps, 1)
        if not (math.isfinite(rest_s) and rest_s >= 0):
            raise ValueError(f"rest_s must be 0 or more seconds, got {rest_s}")
        when = _to_text(started_at if started_at is not None else self._now())
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO sessions (started_at, variant, planned_sets, planned_reps, tempo, rest_s,"
                " weight) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (when, variant, planned_sets, planned_reps, tempo, float(rest_s), weight),
            )
            session_id = cur.lastrowid
        assert session_id is not None  # an INSERT into a rowid table always sets it
        return session_id

    def record_set(
        self,
        session_id: int,
        *,
        set_no: int,
        side: str | None,
        planned_reps: int,
        done_reps: int,
        started_at: datetime,
        ended_at: datetime,
        variant: str,
        weight: str,
        tempo: str,
        comfort: Comfort | None = None,
    ) -> None:
        _at_least("set_no", set_no, 1)
        _at_least("planned_reps", planned_reps, 1)
        _at_least("done_reps", done_reps, 0)
        if done_reps > planned_reps:
            raise ValueError(f"done_reps {done_reps} is more than planned_reps {planned_reps}")
        started, ended = _aware(started_at), _aware(ended_at)
        if ended < started:
            raise ValueError(f"ended_at {ended.isoformat()} is before started_at {started.isoformat()}")
        answer = None if comfort is None else Comfort(comfort).value
        with self._write() as conn:
            self._require_session(conn, session_id)
            taken = conn.execute(
                "SELECT 1 FROM sets WHERE session_id = ? AND set_no = ?", (session_id, set_no)
            ).fetchone()
            if taken is not None:
                # A set is written once; a second write means a caller bug, and must not overwrite.
                raise ValueError(f"set_no {set_no} of session {session_id} is already recorded")
            conn.execute(
                "INSERT INTO sets (session_id, set_no, started_at, ended_at, variant, side, planned_reps,"
                " done_reps, tempo, weight, comfort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    set_no,
                    started.isoformat(),
                    ended.isoformat(),
                    variant,
                    side,
                    planned_reps,
                    done_reps,
                    tempo,
                    weight,
                    answer,
                ),
            )

    def set_comfort(self, session_id: int, set_no: int, answer: Comfort) -> None:
        value = Comfort(answer).value
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE sets SET comfort = ? WHERE session_id = ? AND set_no = ?", (value, session_id, set_no)
            )
            if cur.rowcount == 0:
                raise ValueError(f"set_no {set_no} of session {session_id} is not in the history")

    def finish_session(
        self,
        session_id: int,
        *,
        ended_at: datetime | None = None,
        end_reason: EndReason = EndReason.COMPLETED,
    ) -> None:
        """Mark the session ended (completed, stopped or pain). A later call wins."""
        if end_reason not in tuple(EndReason):  # a plain string from a caller outside the types
            raise ValueError(f"end_reason must be one of {[r.value for r in EndReason]}, got {end_reason!r}")
        when = _to_text(ended_at if ended_at is not None else self._now())
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE sessions SET ended_at = ?, end_reason = ?, stopped = ? WHERE id = ?",
                (when, EndReason(end_reason).value, int(end_reason != EndReason.COMPLETED), session_id),
            )
            if cur.rowcount == 0:
                raise ValueError(f"session_id {session_id} is not in the history")

    def set_note(self, session_id: int, note: str) -> None:
        with self._write() as conn:
            cur = conn.execute("UPDATE sessions SET note = ? WHERE id = ?", (note, session_id))
            if cur.rowcount == 0:
                raise ValueError(f"session_id {session_id} is not in the history")

    def save_safety_answers(self, answers: Mapping[str, bool], at: datetime | None = None) -> None:
        """Add one set of answers; earlier ones are kept (they show what the user said when)."""
        for key, value in answers.items():
            if not isinstance(key, str) or not isinstance(value, bool):
                raise ValueError(f"safety answer {key!r}: {value!r} must be a question id and True/False")
        when = _to_text(at if at is not None else self._now())
        text = json.dumps(dict(answers), sort_keys=True)
        with self._write() as conn:
            conn.execute("INSERT INTO safety_answers (answered_at, answers) VALUES (?, ?)", (when, text))

    # -- reads ----------------------------------------------------------------------------------

    def sessions(self) -> list[SessionRecord]:
        """Every session, oldest first, each with its sets in set order."""
        session_rows = self._read(
            "SELECT id, started_at, ended_at, variant, planned_sets, planned_reps, tempo, rest_s, weight,"
            " note, end_reason FROM sessions"
        )
        set_rows = self._read(
            "SELECT session_id, set_no, started_at, ended_at, variant, side, weight, planned_reps, done_reps,"
            " tempo, comfort FROM sets ORDER BY session_id, set_no"
        )
        sets_by_session: dict[int, list[SetRecord]] = {}
        for sid, set_no, s_start, s_end, variant, side, weight, planned, done, tempo, comfort in set_rows:
            sets_by_session.setdefault(sid, []).append(
                SetRecord(
                    session_id=sid,
                    set_no=set_no,
                    started_at=_from_text(s_start),
                    ended_at=_from_text(s_end),
                    variant=variant,
                    side=side,
                    weight=weight,
                    planned_reps=planned,
                    done_reps=done,
                    tempo=tempo,
                    comfort=None if comfort is None else Comfort(comfort),
                )
            )
        records: list[SessionRecord] = []
        for row in session_rows:
            sid, started, ended, variant, planned_sets, planned_reps, tempo, rest_s, weight, note, reason = (
                row
            )
            records.append(
                SessionRecord(
                    id=sid,
                    started_at=_from_text(started),
                    ended_at=None if ended is None else _from_text(ended),
                    variant=variant,
                    planned_sets=planned_sets,
                    planned_reps=planned_reps,
                    tempo=tempo,
                    rest_s=float(rest_s),
                    weight=weight,
                    note=note,
                    stopped_early=reason != "",
                    end_reason=EndReason(reason),
                    sets=tuple(sets_by_session.get(sid, ())),
                )
            )
        # Sorted here, not in SQL: offsets differ across DST, so the text does not sort as time does.
        records.sort(key=lambda r: (r.started_at, r.id))
        return records

    def latest_safety_answers(self) -> tuple[datetime, dict[str, bool]] | None:
        """The most recently saved answers and when they were given, or None if never answered."""
        rows = self._read("SELECT answered_at, answers FROM safety_answers ORDER BY id DESC LIMIT 1")
        if not rows:
            return None
        answered_at, text = rows[0]
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise HistoryError(f"The safety answers in {self.path} cannot be read: {exc}") from exc
        if not isinstance(raw, dict) or not all(isinstance(v, bool) for v in raw.values()):
            raise HistoryError(f"The safety answers in {self.path} are not a set of yes/no answers.")
        return _from_text(answered_at), {str(k): v for k, v in raw.items()}

    # -- lifetime -------------------------------------------------------------------------------

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
