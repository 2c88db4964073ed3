"""Export the history as a CSV file, one row per set, for a spreadsheet or a health practitioner.

Imported lazily (only when the user exports), so start-up never pays for it.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

from trainer.history.records import SessionRecord
from trainer.history.store import HistoryError
from trainer.outputs import atomic_output

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
# A cell starting with one of these is run as a formula by spreadsheet programs (=HYPERLINK(...),
# or "-tired" shown as #NAME?). As OWASP and the spreadsheet vendors advise, such a text cell gets a
# leading apostrophe, which spreadsheets show as text; a leading apostrophe is doubled so that
# reading the file back (read_sets_csv) is exact.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def as_text_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def from_text_cell(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


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
                    as_text_cell(s.variant),
                    as_text_cell(s.side or ""),
                    as_text_cell(s.weight),
                    str(s.planned_reps),
                    str(s.done_reps),
                    as_text_cell(s.tempo),
                    NOT_ANSWERED if s.comfort is None else s.comfort.value,
                    as_text_cell(session.note),
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
    try:
        # Health data: readable by this user only.
        with atomic_output(path, private=True) as tmp, tmp.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(HEADER)
            writer.writerows(rows)
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:
        raise HistoryError(f"Could not write the history export {path}: {exc.strerror or exc}") from exc
    return len(rows)


def read_sets_csv(path: Path) -> list[dict[str, str]]:
    """Read a file written by ``export_sets_csv`` back as one dict per row (column -> text)."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if tuple(reader.fieldnames or ()) != HEADER:
                raise HistoryError(f"{path} is not a history export: its columns are {reader.fieldnames}")
            return [{k: from_text_cell(v) for k, v in row.items()} for row in reader]
    except OSError as exc:
        raise HistoryError(f"Could not read the history export {path}: {exc.strerror or exc}") from exc
