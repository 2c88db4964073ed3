"""The session's events: one name each, one frozen payload type each.

Listeners (the history recorder, the coach, the window, the --events file) tell events apart by
payload type, never by comparing names. ``to_json()`` is the one place that spells a payload as
the documented JSON Lines fields (README "Command line"; pinned by tests/test_event_format.py):
the field names there ("set", "name") are the contract, the attribute names here are for code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar


class EventName(StrEnum):
    SESSION_STARTED = "session_started"
    SET_STARTED = "set_started"
    PHASE = "phase"
    REP_COMPLETED = "rep_completed"
    SET_COMPLETED = "set_completed"
    REST_STARTED = "rest_started"
    SIDE_SWITCHED = "side_switched"
    REST_ENDED = "rest_ended"
    CUE = "cue"
    COMFORT = "comfort"
    PAUSED = "paused"
    RESUMED = "resumed"
    SESSION_COMPLETED = "session_completed"


class Comfort(StrEnum):
    """The answer to "How did that set feel?" (session, history and window share it)."""

    FINE = "fine"
    TIRED = "tired"
    PAIN = "pain"


class EndReason(StrEnum):
    """How a session ended. The values are what the history stores ("" = it ran to the end)."""

    COMPLETED = ""
    STOPPED = "stopped"
    PAIN = "pain"


class PauseReason(StrEnum):
    CLOCK_JUMP = "clock_jump"  # the machine slept or hung: paused instead of skipping ahead


JsonFields = dict[str, object]


@dataclass(frozen=True)
class SessionStarted:
    NAME: ClassVar[EventName] = EventName.SESSION_STARTED
    variant: str
    sets: int
    reps: int
    tempo: str
    rest: float

    def to_json(self) -> JsonFields:
        return {
            "variant": self.variant,
            "sets": self.sets,
            "reps": self.reps,
            "tempo": self.tempo,
            "rest": self.rest,
        }


@dataclass(frozen=True)
class SetStarted:
    NAME: ClassVar[EventName] = EventName.SET_STARTED
    set_no: int
    side: str | None

    def to_json(self) -> JsonFields:
        return {"set": self.set_no, "side": self.side}


@dataclass(frozen=True)
class PhaseStarted:
    NAME: ClassVar[EventName] = EventName.PHASE
    set_no: int
    rep: int
    phase: str  # lift | squeeze | lower | relax

    def to_json(self) -> JsonFields:
        return {"set": self.set_no, "rep": self.rep, "name": self.phase}


@dataclass(frozen=True)
class RepCompleted:
    NAME: ClassVar[EventName] = EventName.REP_COMPLETED
    set_no: int
    rep: int

    def to_json(self) -> JsonFields:
        return {"set": self.set_no, "rep": self.rep}


@dataclass(frozen=True)
class SetCompleted:
    NAME: ClassVar[EventName] = EventName.SET_COMPLETED
    set_no: int
    reps: int

    def to_json(self) -> JsonFields:
        return {"set": self.set_no, "reps": self.reps}


@dataclass(frozen=True)
class RestStarted:
    NAME: ClassVar[EventName] = EventName.REST_STARTED
    after_set: int
    seconds: float

    def to_json(self) -> JsonFields:
        return {"after_set": self.after_set, "seconds": self.seconds}


@dataclass(frozen=True)
class SideSwitched:
    NAME: ClassVar[EventName] = EventName.SIDE_SWITCHED
    side: str | None

    def to_json(self) -> JsonFields:
        return {"side": self.side}


@dataclass(frozen=True)
class RestEnded:
    NAME: ClassVar[EventName] = EventName.REST_ENDED
    after_set: int

    def to_json(self) -> JsonFields:
        return {"after_set": self.after_set}


@dataclass(frozen=True)
class Cue:
    """A line to say (and caption) at the event's time; its JSON shows only text and kind."""

    NAME: ClassVar[EventName] = EventName.CUE
    text: str
    kind: str
    priority: int
    deadline: float  # latest session time at which starting it still makes sense
    fallback: str | None = None  # a shorter phrase for the same beat (a tip's phase word alone)

    def to_json(self) -> JsonFields:
        return {"text": self.text, "kind": self.kind}


@dataclass(frozen=True)
class ComfortAnswered:
    NAME: ClassVar[EventName] = EventName.COMFORT
    after_set: int
    answer: Comfort

    def to_json(self) -> JsonFields:
        return {"after_set": self.after_set, "answer": self.answer.value}


@dataclass(frozen=True)
class Paused:
    NAME: ClassVar[EventName] = EventName.PAUSED
    reason: PauseReason | None = None  # None: the user paused

    def to_json(self) -> JsonFields:
        return {} if self.reason is None else {"reason": self.reason.value}


@dataclass(frozen=True)
class Resumed:
    NAME: ClassVar[EventName] = EventName.RESUMED

    def to_json(self) -> JsonFields:
        return {}


@dataclass(frozen=True)
class SessionCompleted:
    NAME: ClassVar[EventName] = EventName.SESSION_COMPLETED
    sets: int  # sets that ended (with at least one rep, or ended by the user)
    reps_total: int
    duration: float  # session seconds
    reason: EndReason = EndReason.COMPLETED

    @property
    def stopped(self) -> bool:
        return self.reason is not EndReason.COMPLETED

    def to_json(self) -> JsonFields:
        fields: JsonFields = {"sets": self.sets, "reps_total": self.reps_total, "duration": self.duration}
        if self.stopped:
            fields["stopped"] = True
        if self.reason is EndReason.PAIN:  # a plain stop has no reason in the file
            fields["reason"] = self.reason.value
        return fields


Event = (
    SessionStarted
    | SetStarted
    | PhaseStarted
    | RepCompleted
    | SetCompleted
    | RestStarted
    | SideSwitched
    | RestEnded
    | Cue
    | ComfortAnswered
    | Paused
    | Resumed
    | SessionCompleted
)


@dataclass(frozen=True)
class TimedEvent:
    t: float  # session seconds
    payload: Event

    @property
    def name(self) -> EventName:
        return self.payload.NAME

    @property
    def cue(self) -> Cue | None:
        return self.payload if isinstance(self.payload, Cue) else None

    @property
    def fields(self) -> JsonFields:
        """The payload as its documented JSON fields (the --events file; handy in tests)."""
        return self.payload.to_json()
