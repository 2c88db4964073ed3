"""The history file's tables, by version, and the steps that take an old file to the current one.

The version lives in ``PRAGMA user_version``. A fresh file is created at ``CURRENT_VERSION`` in one go
(the first schema plus every migration, in one transaction);
an older file is walked forward one step at a time, each step in its own transaction. The DDL here
never contains ``;`` inside a statement, so ``statements()`` can split a script safely.
"""

from __future__ import annotations

CURRENT_VERSION = 2

# The first released schema. Kept verbatim so tests can build a version-1 file to migrate.
SCHEMA_V1 = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    variant TEXT NOT NULL,
    planned_sets INTEGER NOT NULL,
    planned_reps INTEGER NOT NULL,
    tempo TEXT NOT NULL,
    rest_s REAL NOT NULL,
    stopped INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sets (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    set_no INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT NOT NULL,
    variant TEXT NOT NULL,
    side TEXT,
    planned_reps INTEGER NOT NULL,
    done_reps INTEGER NOT NULL,
    tempo TEXT NOT NULL,
    UNIQUE(session_id, set_no)
);
"""

# Version 1 -> 2. `sessions.stopped` is kept rather than dropped: DROP COLUMN needs SQLite 3.35, and
# some Linux Pythons link an older one. The store keeps it equal to (end_reason != '').
MIGRATE_V1_TO_V2 = """
ALTER TABLE sessions ADD COLUMN weight TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN end_reason TEXT NOT NULL DEFAULT '';
UPDATE sessions SET end_reason = 'stopped' WHERE stopped = 1;
ALTER TABLE sets ADD COLUMN weight TEXT NOT NULL DEFAULT '';
ALTER TABLE sets ADD COLUMN comfort TEXT CHECK (comfort IN ('fine', 'tired', 'pain'));
CREATE TABLE safety_answers (
    id INTEGER PRIMARY KEY,
    answered_at TEXT NOT NULL,
    answers TEXT NOT NULL -- a JSON object: question id -> true/false
);
"""

# MIGRATIONS[n] takes a file from version n to n + 1.
MIGRATIONS: dict[int, str] = {1: MIGRATE_V1_TO_V2}

# A fresh file: the first schema and every step after it, run as one transaction. Derived rather
# than written out again, so a fresh file and a migrated one cannot drift apart.
FRESH_SCHEMA = SCHEMA_V1 + "".join(MIGRATIONS[v] for v in range(1, CURRENT_VERSION))

# What a readable file of each version must have: table -> columns the store reads or writes.
EXPECTED_COLUMNS: dict[int, dict[str, frozenset[str]]] = {
    1: {
        "sessions": frozenset(
            {
                "id",
                "started_at",
                "ended_at",
                "variant",
                "planned_sets",
                "planned_reps",
                "tempo",
                "rest_s",
                "stopped",
            }
        ),
        "sets": frozenset(
            {
                "id",
                "session_id",
                "set_no",
                "started_at",
                "ended_at",
                "variant",
                "side",
                "planned_reps",
                "done_reps",
                "tempo",
            }
        ),
    },
}
EXPECTED_COLUMNS[2] = {
    "sessions": EXPECTED_COLUMNS[1]["sessions"] | {"weight", "note", "end_reason"},
    "sets": EXPECTED_COLUMNS[1]["sets"] | {"weight", "comfort"},
    "safety_answers": frozenset({"id", "answered_at", "answers"}),
}


def statements(script: str) -> list[str]:
    """Split one of the scripts above into single statements.

    Each is run with ``execute`` inside a transaction the caller controls: ``executescript`` would
    commit the open transaction first, breaking "one transaction per step".
    """
    out: list[str] = []
    for chunk in script.split(";"):
        # Drop `--` comments so a chunk holding only a comment is not sent as an empty statement.
        lines = [line.split("--", 1)[0].rstrip() for line in chunk.splitlines()]
        text = "\n".join(line for line in lines if line.strip()).strip()
        if text:
            out.append(text)
    return out
