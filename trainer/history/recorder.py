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

from trainer.history.records import Comfort, EndReason
from trainer.history.store import HistoryError
from trainer.session.events import (
    ComfortAnswered,
    SessionCompleted,
    SessionStarted,
    SetCompleted,
    SetStarted,
    TimedEvent,
)

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
        self,
        session_id: int,
        *,
        ended_at: datetime | None = None,
        end_reason: EndReason = EndReason.COMPLETED,
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
        self._plan: SessionStarted | None = None
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
        p = event.payload
        if isinstance(p, SessionStarted):
            self._plan = p
            self.session_id = self.store.start_session(
                variant=p.variant,
                planned_sets=p.sets,
                planned_reps=p.reps,
                tempo=p.tempo,
                rest_s=float(p.rest),
                weight=self.weight,
                started_at=self.now(),
            )
        elif self.session_id is None or self._plan is None:
            return
        elif isinstance(p, SetStarted):
            self._set_started[p.set_no] = (self.now(), p.side or None)
        elif isinstance(p, SetCompleted):
            started, side = self._set_started.get(p.set_no, (self.now(), None))
            self.store.record_set(
                self.session_id,
                set_no=p.set_no,
                side=side,
                planned_reps=self._plan.reps,
                done_reps=p.reps,
                started_at=started,
                ended_at=self.now(),
                variant=self._plan.variant,
                weight=self.weight,
                tempo=self._plan.tempo,
            )
            self._recorded.add(p.set_no)
        elif isinstance(p, ComfortAnswered):
            if p.after_set in self._recorded:
                self.store.set_comfort(self.session_id, p.after_set, p.answer)
        elif isinstance(p, SessionCompleted):
            self.store.finish_session(self.session_id, ended_at=self.now(), end_reason=p.reason)
