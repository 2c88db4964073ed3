"""The speaker interface the coach talks to, and simple implementations for tests and silence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Speaker(Protocol):
    def prepare(self, texts: Sequence[str]) -> None:
        """Get these phrases ready ahead of time (render them); must not block."""

    def say(self, text: str, kind: str, priority: int) -> bool:
        """Start saying text now, cutting off anything still playing. False if it cannot."""

    def length(self, text: str) -> float | None:
        """Seconds the phrase takes when spoken; None if it is not ready to play."""

    def stop(self) -> None:
        """Silence at once."""

    def close(self) -> None:
        """Release the engine and audio."""


class NullSpeaker:
    """Captions only (--no-voice)."""

    def prepare(self, texts: Sequence[str]) -> None:
        pass

    def say(self, text: str, kind: str, priority: int) -> bool:
        return False

    def length(self, text: str) -> float | None:
        return None

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass


class RecordingSpeaker:
    """Remembers what it was asked to say (logic tests); can be told to fail."""

    def __init__(self, fail: bool = False, seconds_per_char: float = 0.06) -> None:
        self.fail = fail
        self.seconds_per_char = seconds_per_char  # a rough speaking rate for logic tests
        self.prepared: list[str] = []
        self.said: list[tuple[str, str]] = []
        self.stops = 0

    def prepare(self, texts: Sequence[str]) -> None:
        if self.fail:
            raise RuntimeError("speech engine failed")
        self.prepared.extend(texts)

    def say(self, text: str, kind: str, priority: int) -> bool:
        if self.fail:
            raise RuntimeError("speech engine failed")
        self.said.append((text, kind))
        return True

    def length(self, text: str) -> float | None:
        return 0.2 + len(text) * self.seconds_per_char

    def stop(self) -> None:
        self.stops += 1

    def close(self) -> None:
        pass
