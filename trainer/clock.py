"""The one module that reads the real clocks.

Everything else is handed a ``Clocks`` bundle, built once in ``app.py``: the session runs on
``monotonic`` (never jumps with the wall clock), the history, advice and progress on ``now`` and
``today`` (local, timezone-aware). Tests pin both with ``Clocks.fixed`` so the suite passes on any
date; ``tests/test_layers.py`` fails if another module reads a clock on its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta


class ManualClock:
    """A fake monotonic clock for tests, scripted screenshots and the video export."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass(frozen=True)
class Clocks:
    monotonic: Callable[[], float]
    now: Callable[[], datetime]  # local, timezone-aware

    def today(self) -> date:
        return self.now().date()

    @classmethod
    def system(cls) -> Clocks:
        return cls(monotonic=time.monotonic, now=_local_now)

    @classmethod
    def fixed(cls, start: datetime, monotonic: ManualClock | None = None) -> Clocks:
        """Wall time that starts at ``start`` and moves only with the given fake monotonic clock."""
        mono = monotonic or ManualClock()
        origin = mono()
        wall = start if start.tzinfo is not None else start.astimezone()

        def now() -> datetime:
            return wall + timedelta(seconds=mono() - origin)

        return cls(monotonic=mono, now=now)


def watchdog_monotonic() -> float:
    """Real elapsed time for watchdogs around worker threads, child processes and audio devices
    (how long a synthesis or a clip really took). Never for session time or dates: those come
    from the injected ``Clocks``."""
    return time.monotonic()
