"""Turns session events into speech: says each cue on its beat, keeps quiet when it should."""

from __future__ import annotations

import logging
from collections.abc import Callable

from trainer.session.timeline import TimedEvent
from trainer.voice.speaker import Speaker

log = logging.getLogger(__name__)

# Above this clock speed speech would only garble; captions still show every cue.
MAX_SPOKEN_SPEED = 1.5


class VoiceCoach:
    def __init__(
        self,
        speaker: Speaker,
        speed: float = 1.0,
        on_caption: Callable[[str, str], None] | None = None,
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        self.speaker = speaker
        self.enabled = speed <= MAX_SPOKEN_SPEED
        self.on_caption = on_caption
        self.on_problem = on_problem
        self.spoken = 0
        self.dropped = 0
        self._failed = False
        if not self.enabled:
            log.info("speech is off at %.1fx speed; captions only", speed)

    def prepare(self, texts: list[str]) -> None:
        if not self.enabled:
            return
        try:
            self.speaker.prepare(texts)
        except Exception as exc:  # a broken engine must never stop the session
            self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        if not self._failed:
            self._failed = True
            log.warning("speech failed: %s", exc)
            if self.on_problem:
                self.on_problem(f"The voice stopped working ({exc}). The session goes on with captions.")

    def handle(self, event: TimedEvent, late_ms: float) -> None:
        if event.name == "paused":
            self._silence()
        if event.cue is None:
            return
        if self.on_caption:
            self.on_caption(event.cue.text, event.cue.kind)
        if not self.enabled or self._failed:
            return
        # A cue past its deadline is dropped, never played late.
        if late_ms / 1000.0 > event.cue.deadline - event.t:
            self.dropped += 1
            return
        try:
            if self.speaker.say(event.cue.text, event.cue.kind, event.cue.priority):
                self.spoken += 1
            else:
                self.dropped += 1
        except Exception as exc:
            self._fail(exc)

    def _silence(self) -> None:
        try:
            self.speaker.stop()
        except Exception as exc:
            self._fail(exc)
