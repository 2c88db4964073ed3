"""--events FILE: every session event as one JSON line, flushed as it happens."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from trainer.session.events import TimedEvent


class EventLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[str] | None = path.open("w", encoding="utf-8")

    def __call__(self, event: TimedEvent, late_ms: float) -> None:
        if self._fh is None:
            return
        line = {
            "t": round(event.t, 3),
            "late_ms": round(late_ms, 1),
            "event": event.name.value,
            **event.payload.to_json(),
        }
        self._fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
