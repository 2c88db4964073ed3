"""Turns the session into speech: plans each spoken cue with the real clip lengths, plays it on
its beat, keeps quiet when it should.

Captions follow the events (every cue, spoken or not, at its beat). Speech follows the plan:
every frame, tick(t) re-plans the cues of the next seconds (cheap: a handful of cues) with
the scheduler and starts the clip whose time has come. A re-plan of the session (pause,
done with this set, stop, skip or add rest) cuts the clip that is playing at once.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from trainer.session.events import Paused, SessionCompleted, TimedEvent
from trainer.session.timeline import Timeline
from trainer.voice.scheduler import DENSITIES, CueAt, schedule, speakable
from trainer.voice.speaker import Speaker

log = logging.getLogger(__name__)

# Above this clock speed speech would only garble; captions still show every cue.
MAX_SPOKEN_SPEED = 1.5
HORIZON_S = 20.0  # how far ahead cues are planned
LOOK_BACK_S = 10.0  # longer than any cue's deadline window
EPS = 1e-6


@dataclass(frozen=True)
class Onset:
    """One clip started: when the plan said (session s) and when it was really started."""

    planned: float
    started: float
    text: str
    kind: str


class VoiceCoach:
    def __init__(
        self,
        speaker: Speaker,
        speed: float = 1.0,
        on_caption: Callable[[str, str], None] | None = None,
        on_problem: Callable[[str], None] | None = None,
        density: str = "full",
    ) -> None:
        if density not in DENSITIES:
            raise ValueError(f"cue density must be one of {', '.join(DENSITIES)}, got {density!r}")
        self.speaker = speaker
        self.speed = speed
        self.enabled = speed <= MAX_SPOKEN_SPEED
        self.on_caption = on_caption
        self.on_problem = on_problem
        self.density = density
        self.spoken = 0
        self.dropped = 0
        self.onsets: list[Onset] = []
        self.timeline: Timeline | None = None
        self._version = -1
        self._times: list[float] = []
        self._done: set[tuple[float, str]] = set()
        self._busy_until = float("-inf")
        self._current: CueAt | None = None
        self._failed = False
        if not self.enabled:
            log.info("speech is off at %.1fx speed; captions only", speed)

    # ---------------------------------------------------------------- set-up
    def attach(self, timeline: Timeline) -> None:
        """Speak this session's cues (the coach reads the timeline as it is re-planned)."""
        self.timeline = timeline
        self._version = -1
        self._done.clear()
        self._silence()

    def prepare(self, texts: Sequence[str]) -> None:
        if not self.enabled:
            return
        try:
            self.speaker.prepare(list(texts))
        except Exception as exc:  # a broken engine must never stop the session
            self._fail(exc)

    def set_density(self, density: str) -> None:
        if density not in DENSITIES:
            raise ValueError(f"cue density must be one of {', '.join(DENSITIES)}, got {density!r}")
        self.density = density

    def _fail(self, exc: BaseException) -> None:
        if not self._failed:
            self._failed = True
            log.warning("speech failed: %s", exc)
            if self.on_problem:
                self.on_problem(f"The voice stopped working ({exc}). The session goes on with captions.")

    # ---------------------------------------------------------------- events: captions and silence
    def handle(self, event: TimedEvent, late_ms: float) -> None:
        p = event.payload
        if isinstance(p, Paused) or (isinstance(p, SessionCompleted) and p.stopped):
            self._silence()
        if event.cue is not None and self.on_caption:
            self.on_caption(event.cue.text, event.cue.kind)

    def _silence(self) -> None:
        self._busy_until = float("-inf")
        self._current = None
        try:
            self.speaker.stop()
        except Exception as exc:
            self._fail(exc)

    # ---------------------------------------------------------------- frames: speech on the beat
    def _length(self, text: str) -> float | None:
        seconds = self.speaker.length(text)
        return None if seconds is None else seconds * self.speed  # in session seconds

    def _upcoming(self, t: float) -> list[CueAt]:
        tl = self.timeline
        assert tl is not None
        if tl.version != self._version:
            first = self._version < 0
            self._version = tl.version
            self._times = [e.t for e in tl.events]
            if not first and self._current is not None and self._current.priority > 0:
                self._silence()  # the user changed the plan: say what comes now, not the old line
        lo = bisect.bisect_left(self._times, t - LOOK_BACK_S)
        hi = bisect.bisect_right(self._times, t + HORIZON_S)
        cues = []
        for e in tl.events[lo:hi]:
            c = e.cue
            if c is None:
                continue
            cue = CueAt(e.t, c.text, c.kind, c.priority, c.deadline, c.fallback)
            if cue.key in self._done:
                continue
            if cue.deadline < t - EPS:  # its moment passed (a stall, or no clip in time)
                self._done.add(cue.key)
                self.dropped += 1
                continue
            spoken = speakable(cue, self.density)
            if spoken is None:
                self._done.add(cue.key)  # caption only at this density
            else:
                cues.append(spoken)
        return cues

    def tick(self, t: float) -> None:
        """Start whatever clip is due at session time t (call every frame while running)."""
        if not self.enabled or self._failed or self.timeline is None:
            return
        cues = self._upcoming(t)
        if not cues:
            return
        busy = self._busy_until if self._busy_until > t else float("-inf")
        planned = schedule(cues, self._length, busy)  # cues left out expire in _upcoming
        for p in planned:
            if p.start > t + EPS:
                break
            self._done.add(p.cue.key)
            if t > p.cue.deadline + EPS:
                self.dropped += 1  # never late: the caption already showed it
                continue
            try:
                ok = self.speaker.say(p.text, p.cue.kind, p.cue.priority)
            except Exception as exc:
                self._fail(exc)
                return
            if not ok:
                self.dropped += 1
                continue
            self.spoken += 1
            self._current = p.cue
            self._busy_until = t + (p.end - p.start)
            self.onsets.append(Onset(p.start, t, p.text, p.cue.kind))
