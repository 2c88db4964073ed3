"""Plays pre-rendered cue clips with QtMultimedia on the GUI thread, exactly when asked.

Rendering happens in ClipRenderer's worker; a clip that is not ready when its cue is due is
not spoken (the caption still shows). QtCore/QtMultimedia only, no widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

from trainer.voice.renderer import Clip, ClipRenderer

log = logging.getLogger(__name__)

ENGINE_FIX = (
    "Install the espeak-ng speech engine (on Debian/Ubuntu: sudo apt-get install espeak-ng), "
    "then restart the trainer."
)
AUDIO_FIX = (
    "Connect speakers or headphones, or check that the sound system (PulseAudio/PipeWire) "
    "is running, then restart the trainer."
)


class ClipSpeaker(QObject):
    notice = Signal(str)
    clip_ready = Signal(object)  # Clip, emitted from the worker thread (queued to the GUI)
    _failed = Signal(str)

    def __init__(self, cache_dir: Path, renderer: ClipRenderer | None = None, volume: float = 1.0) -> None:
        super().__init__()
        self.volume = volume
        self.clips: dict[str, Clip] = {}
        self._effects: dict[str, QSoundEffect] = {}
        self._current: QSoundEffect | None = None
        self._requested: set[str] = set()
        self._noticed: set[str] = set()
        self.problem: str | None = None
        self.clip_ready.connect(self._on_ready)
        self._failed.connect(self._on_failed)
        self.renderer = renderer or ClipRenderer(cache_dir, self.clip_ready.emit, self._failed.emit)
        # A renderer handed in (tests, other engines) reports to this speaker too.
        self.renderer.on_ready = self.clip_ready.emit
        self.renderer.on_error = self._failed.emit
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._check_output)
        self._check_output()

    # ---------------------------------------------------------------- state
    def _tell(self, key: str, message: str) -> None:
        if key not in self._noticed:
            self._noticed.add(key)
            self.problem = message
            log.warning("%s", message)
            self.notice.emit(message)

    def _check_output(self) -> None:
        if not QMediaDevices.audioOutputs():
            self._tell(
                "audio",
                f"No audio output found, so the coach cannot speak; captions carry on. {AUDIO_FIX}",
            )
            self.stop()
        else:
            self._noticed.discard("audio")

    def _on_failed(self, why: str) -> None:
        if "espeak" in why.lower() or "libespeak" in why.lower() or "OSError" in why:
            msg = f"The speech engine could not start ({why}). {ENGINE_FIX} Captions carry on."
        else:
            msg = f"The voice stopped working ({why}). Captions carry on."
        self._tell("engine", msg)

    def _on_ready(self, clip: Clip) -> None:
        self.clips[clip.text] = clip
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(clip.path)))
        effect.setVolume(self.volume)
        self._effects[clip.text] = effect

    @property
    def has_output(self) -> bool:
        return bool(QMediaDevices.audioOutputs())

    # ---------------------------------------------------------------- Speaker
    def prepare(self, texts: Sequence[str]) -> None:
        new = [t for t in texts if t not in self._requested]
        self._requested.update(new)
        if new:
            self.renderer.request(new)

    def say(self, text: str, kind: str, priority: int) -> bool:
        effect = self._effects.get(text)
        if effect is None or effect.status() is not QSoundEffect.Status.Ready or not self.has_output:
            if text not in self._requested:
                self.prepare([text])  # ready next time
            return False
        if self._current is not None and self._current is not effect:
            self._current.stop()
        effect.play()
        self._current = effect
        return True

    def length(self, text: str) -> float | None:
        effect = self._effects.get(text)
        if effect is None or effect.status() is not QSoundEffect.Status.Ready:
            return None
        return self.clips[text].seconds

    def is_speaking(self) -> bool:
        return self._current is not None and self._current.isPlaying()

    def stop(self) -> None:
        if self._current is not None:
            self._current.stop()

    def close(self) -> None:
        self.stop()
        self.renderer.close()
