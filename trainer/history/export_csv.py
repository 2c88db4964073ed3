"""Export the history as a CSV file, one row per set, for a spreadsheet or a health practitioner.

Imported lazily (only when the user exports), so start-up never pays for it.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from trainer.history.records import SessionRecord
from trainer.history.store import HistoryError

HEADER = (
    "session_id",
    "session_started",
    "set",
    "set_started",
    "set_ended",
    "variant",
    "knee",
    "weight",
    "planned_reps",
    "done_reps",
    "tempo",
    "comfort",
    "session_note",
    "session_end",
)
NOT_ANSWERED = "not answered"


def _session_end(session: SessionRecord) -> str:
    if session.ended_at is None:
        return "unfinished"
    return session.end_reason.value or "completed"


def _rows(sessions: Sequence[SessionRecord]) -> list[list[str]]:
    rows: list[list[str]] = []
    for session in sessions:
        end = _session_end(session)
        for s in session.sets:
            rows.append(
                [
                    str(session.id),
                    session.started_at.isoformat(),
                    str(s.set_no),
                    s.started_at.isoformat(),
                    s.ended_at.isoformat(),
                    s.variant,
                    s.side or "",
                    s.weight,
                    str(s.planned_reps),
                    str(s.done_reps),
                    s.tempo,
                    NOT_ANSWERED if s.comfort is None else s.comfort.value,
                    session.note,
                    end,
                ]
            )
    return rows


def export_sets_csv(sessions: Sequence[SessionRecord], path: Path) -> int:
    """Write one row per set to ``path`` and return the number of rows.

    The file appears whole or not at all: it is written to a temporary file next to it, flushed to
    disk, then renamed over the target.
    """
    rows = _rows(sessions)
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        tmp = Path(tmp_name)
        # mkstemp makes the file readable by this user only; that suits health data, so it is kept.
        with open(fd, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(HEADER)
            writer.writerows(rows)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise HistoryError(f"Could not write the history export {path}: {exc.strerror or exc}") from exc
    return len(rows)


def read_sets_csv(path: Path) -> list[dict[str, str]]:
    """Read a file written by ``export_sets_csv`` back as one dict per row (column -> text)."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if tuple(reader.fieldnames or ()) != HEADER:
                raise HistoryError(f"{path} is not a history export: its columns are {reader.fieldnames}")
            return [dict(row) for row in reader]
    except OSError as exc:
        raise HistoryError(f"Could not read the history export {path}: {exc.strerror or exc}") from exc
