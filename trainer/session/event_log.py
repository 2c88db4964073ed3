"""--events FILE: every session event as one JSON line, flushed as it happens.

The file is written in place (not through the atomic writer) on purpose: it is a live log, and a
run that is killed must leave the events it reported so far (tests/test_history_crash.py reads
them). The path was checked by trainer.outputs.check_output before it gets here.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import IO

from trainer.session.events import TimedEvent


class EventLogError(Exception):
    """The file could not be opened; one line naming it."""


class EventLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        # One line for the user if writing failed part-way (full disk, file system gone read-only).
        self.problem: str | None = None
        try:
            self._fh: IO[str] | None = path.open("w", encoding="utf-8")
        except OSError as exc:
            raise EventLogError(f"--events: could not write {path}: {exc.strerror or exc}") from None

    def __call__(self, event: TimedEvent, late_ms: float) -> None:
        if self._fh is None:
            return
        line = {
            "t": round(event.t, 3),
            "late_ms": round(late_ms, 1),
            "event": event.name.value,
            **event.payload.to_json(),
        }
        try:
            self._fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            self._fh.flush()
        except OSError as exc:
            # Told once at the end; the session itself (and its history) carries on.
            self.problem = (
                f"--events: writing {self.path} failed at t={event.t:.1f} s ({exc.strerror or exc}); "
                "later events are missing from it"
            )
            self._drop()

    def _drop(self) -> None:
        fh, self._fh = self._fh, None
        if fh is not None:
            with contextlib.suppress(OSError):
                fh.close()

    def close(self) -> None:
        fh, self._fh = self._fh, None
        if fh is None:
            return
        try:
            fh.close()
        except OSError as exc:
            self.problem = self.problem or f"--events: writing {self.path} failed ({exc.strerror or exc})"
