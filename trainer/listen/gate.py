"""The gate that keeps the trainer from hearing itself.

Driven by the real playback events of the clip speaker: each playing clip is counted (by its
key, so a clip that starts twice or overlapping clips cannot unmute each other), and after the
last one stops the gate stays shut for a hang-over (room echo). Thread-safe: the GUI thread
reports playback, the microphone worker asks whether to listen. Time is injected.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

HANG_OVER_S = 1.0


class SpeechGate:
    def __init__(self, monotonic: Callable[[], float], hang_over_s: float = HANG_OVER_S) -> None:
        self._now = monotonic
        self.hang_over_s = hang_over_s
        self._playing: set[object] = set()
        self._quiet_from = float("-inf")
        self._lock = threading.Lock()
        self.enabled = True  # False: headphones, keep listening while the coach speaks

    def playback(self, key: object, playing: bool) -> None:
        with self._lock:
            if playing:
                self._playing.add(key)
            elif key in self._playing:
                self._playing.discard(key)
                if not self._playing:
                    self._quiet_from = self._now() + self.hang_over_s

    def clear(self) -> None:
        """Everything stopped at once (the speaker was stopped or rebuilt)."""
        with self._lock:
            if self._playing:
                self._playing.clear()
                self._quiet_from = self._now() + self.hang_over_s

    @property
    def playing(self) -> int:
        with self._lock:
            return len(self._playing)

    def is_open(self) -> bool:
        if not self.enabled:
            return True
        with self._lock:
            return not self._playing and self._now() >= self._quiet_from
