"""Pinned clocks for tests: the suite never depends on the day it runs."""

from __future__ import annotations

from datetime import datetime

from trainer.clock import Clocks, ManualClock

# A Wednesday; history, advice and progress tests count weeks back from it.
NOW = datetime(2026, 11, 25, 10, 0).astimezone()
TODAY = NOW.date()


def fixed_clocks(start: datetime = NOW, monotonic: ManualClock | None = None) -> Clocks:
    return Clocks.fixed(start, monotonic)


def fixed_now() -> datetime:
    return NOW
