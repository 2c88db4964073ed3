"""What the history holds: plain, typed records (read back from the store, fed to progress)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from trainer.session.events import Comfort, EndReason

__all__ = ["Comfort", "EndReason", "SessionRecord", "SetRecord"]


@dataclass(frozen=True)
class SetRecord:
    session_id: int
    set_no: int  # 1-based within the session
    started_at: datetime  # local time, timezone-aware
    ended_at: datetime
    variant: str  # kneeling | chair | ball (or another exercise's variant id)
    side: str | None  # knee on the floor for kneeling ("left"/"right"), else None
    weight: str  # what the user holds, as they named it: "1 lb", "0.5 kg", "a can"; "" = not set
    planned_reps: int
    done_reps: int
    tempo: str  # "3-1-3-1": seconds for lift-squeeze-lower-relax
    comfort: Comfort | None  # the answer to "How did that set feel?"; None = not answered


@dataclass(frozen=True)
class SessionRecord:
    id: int
    started_at: datetime
    ended_at: datetime | None  # None: the session never finished (app closed or killed)
    variant: str
    planned_sets: int
    planned_reps: int
    tempo: str
    rest_s: float
    weight: str
    note: str
    stopped_early: bool  # the user stopped, or pain ended it
    end_reason: EndReason
    sets: tuple[SetRecord, ...] = field(default=())

    @property
    def reps_done(self) -> int:
        return sum(s.done_reps for s in self.sets)

    @property
    def had_pain(self) -> bool:
        return any(s.comfort is Comfort.PAIN for s in self.sets) or self.end_reason is EndReason.PAIN
