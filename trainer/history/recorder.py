"""Writes the session into the history as it happens: each set is committed the moment it ends.

A listener on the session controller. It must run before any other listener that reports an
event outward (the --events file), so that whatever was reported is already on disk.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from trainer.history.records import Comfort
from trainer.history.store import HistoryError
from trainer.session.timeline import TimedEvent

log = logging.getLogger("trainer.history")


class HistoryWriter(Protocol):
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
    ) -> int: ...

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
    ) -> None: ...

    def set_comfort(self, session_id: int, set_no: int, answer: Comfort) -> None: ...

    def finish_session(
        self, session_id: int, *, ended_at: datetime | None = None, end_reason: str = ""
    ) -> None: ...


class HistoryRecorder:
    def __init__(
        self,
        store: HistoryWriter,
        now: Callable[[], datetime],
        weight: str = "",
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        self.store = store
        self.weight = weight
        self.now = now
        self.on_problem = on_problem
        self.session_id: int | None = None
        self._plan: dict[str, object] = {}
        self._set_started: dict[int, tuple[datetime, str | None]] = {}
        self._recorded: set[int] = set()
        self._told = False

    def __call__(self, event: TimedEvent, late_ms: float) -> None:
        try:
            self._handle(event)
        except (HistoryError, sqlite3.Error, OSError, ValueError) as exc:
            # The session goes on; the user hears about it once, with what was not saved.
            log.error("history: could not save %s: %s", event.name, exc)
            if self.on_problem is not None and not self._told:
                self._told = True
                self.on_problem(
                    f"Your history could not be saved ({exc}). The session goes on; sets done "
                    "from now on may not be kept."
                )

    def _handle(self, event: TimedEvent) -> None:
        f = event.fields
        if event.name == "session_started":
            self._plan = dict(f)
            self.session_id = self.store.start_session(
                variant=str(f["variant"]),
                planned_sets=int(f["sets"]),
                planned_reps=int(f["reps"]),
                tempo=str(f["tempo"]),
                rest_s=float(f["rest"]),
                weight=self.weight,
                started_at=self.now(),
            )
        elif self.session_id is None:
            return
        elif event.name == "set_started":
            side = f.get("side")
            self._set_started[int(f["set"])] = (self.now(), str(side) if side else None)
        elif event.name == "set_completed":
            set_no, reps = int(f["set"]), int(f["reps"])
            started, side = self._set_started.get(set_no, (self.now(), None))
            self.store.record_set(
                self.session_id,
                set_no=set_no,
                side=side,
                planned_reps=int(str(self._plan["reps"])),
                done_reps=reps,
                started_at=started,
                ended_at=self.now(),
                variant=str(self._plan["variant"]),
                weight=self.weight,
                tempo=str(self._plan["tempo"]),
            )
            self._recorded.add(set_no)
        elif event.name == "comfort":
            set_no = int(f["after_set"])
            if set_no in self._recorded:
                self.store.set_comfort(self.session_id, set_no, Comfort(str(f["answer"])))
        elif event.name == "session_completed":
            reason = str(f.get("reason") or ("stopped" if f.get("stopped") else ""))
            self.store.finish_session(self.session_id, ended_at=self.now(), end_reason=reason)
