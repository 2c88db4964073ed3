"""Plays pre-rendered cue clips with QtMultimedia on the GUI thread, exactly when asked.

Rendering happens in ClipRenderer's worker; a clip that is not ready when its cue is due is
not spoken (the caption still shows). QtCore/QtMultimedia only, no widgets.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

from trainer.clock import watchdog_monotonic
from trainer.voice.renderer import DEFAULT_RATE, Clip, ClipRenderer
from trainer.voice.synth_process import engine_fix

log = logging.getLogger(__name__)

ENGINE_FIX = (
    "Install the espeak-ng speech engine (on Debian/Ubuntu: sudo apt-get install espeak-ng), "
    "then restart the trainer."
)
AUDIO_FIX = (
    "Connect speakers or headphones, or check that the sound system (PulseAudio/PipeWire) "
    "is running, then restart the trainer."
)


STUCK_NOTICE = (
    "The sound output stopped working during the session, so the coach is quiet for now; "
    f"captions carry on and the voice comes back by itself when the sound does. {AUDIO_FIX}"
)
STUCK_MARGIN_S = 1.5  # a clip still "playing" this long after its end: the output is gone
RETRY_S = 10.0


class ClipSpeaker(QObject):
    notice = Signal(str)
    notice_cleared = Signal(str)  # a notice given before that no longer holds (sound works again)
    clip_ready = Signal(object)  # Clip, emitted from the worker thread (queued to the GUI)
    voices_ready = Signal(list)  # list[Voice], from the worker thread
    # Real playback start/stop of each clip (key, playing): the listener's gate closes on these.
    playback = Signal(object, bool)
    _failed = Signal(str)

    def __init__(
        self,
        cache_dir: Path,
        renderer: ClipRenderer | None = None,
        volume: float = 1.0,
        voice: str = "",
        rate: int | None = None,
    ) -> None:
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
        self.renderer = renderer or ClipRenderer(
            cache_dir,
            self.clip_ready.emit,
            self._failed.emit,
            voice=voice,
            rate=rate or DEFAULT_RATE,
        )
        # A renderer handed in (tests, other engines) reports to this speaker too.
        self.renderer.on_ready = self.clip_ready.emit
        self.renderer.on_error = self._failed.emit
        # PulseAudio dying is not reported by Qt (measured: the device list stays, and a clip
        # "plays" for ever). So a clip still playing well past its length means the sound
        # output is gone; speech pauses and is tried again every RETRY_S.
        self.output_stuck = False
        self._ends_at = 0.0
        self._watched = False  # the clip playing is a session clip (a "Test voice" clip is not)
        self._say_soon: str | None = None
        self._watch = QTimer(self)
        self._watch.setSingleShot(True)
        self._watch.timeout.connect(self._check_playback)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(int(RETRY_S * 1000))
        self._retry.timeout.connect(self._try_output_again)
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
            self._try_output_again()  # a new or returning device: play to it

    def _on_failed(self, why: str) -> None:
        if "espeak" in why.lower() or "libespeak" in why.lower() or "OSError" in why:
            fix = engine_fix(why) if "speech process" in why else ENGINE_FIX
            msg = f"The speech engine could not start ({why}). {fix} Captions carry on."
        else:
            msg = f"The voice stopped working ({why}). Captions carry on."
        self._tell("engine", msg)

    def _on_ready(self, clip: Clip) -> None:
        if clip.path != self.renderer.path_for(clip.text):
            return  # made for the voice or rate used before configure()
        self._noticed.discard("engine")  # the engine works (again): a new failure is news
        self.clips[clip.text] = clip
        self._effects[clip.text] = self._effect_for(clip)

    def configure(self, voice: str, rate: int, volume: float) -> None:
        """Another voice or rate: every phrase asked for so far is made again (from the cache
        when it was made before); until then those cues are captions only."""
        self.set_volume(volume)
        if (voice, rate) == (self.renderer.voice, self.renderer.rate):
            return
        self.stop()
        self.renderer.voice, self.renderer.rate = voice, rate
        for effect in self._effects.values():
            effect.deleteLater()
        self._effects.clear()
        self.clips.clear()
        self._current = None
        again = list(self._requested)
        self._requested.clear()
        self.prepare(again)

    def request_voices(self) -> None:
        self.renderer.request_voices(self.voices_ready.emit)

    def say_when_ready(self, text: str) -> None:
        """Render text (if needed) and play it as soon as it can be played ("Test voice")."""
        self._say_soon = text
        effect = self._effects.get(text)
        if effect is not None and effect.status() is QSoundEffect.Status.Ready:
            self._play_soon()
        else:
            self.prepare([text])

    def _play_soon(self) -> None:
        text = self._say_soon
        effect = self._effects.get(text) if text else None
        if text and effect is not None and effect.status() is QSoundEffect.Status.Ready:
            self._say_soon = None
            self.say(text, "test", 0)

    def _effect_for(self, clip: Clip) -> QSoundEffect:
        effect = QSoundEffect(self)
        key = id(effect)  # a deleted player counts as stopped (it may never say so itself)
        effect.statusChanged.connect(self._play_soon)
        effect.playingChanged.connect(lambda: self._started(effect, clip))
        effect.playingChanged.connect(lambda: self.playback.emit(id(effect), effect.isPlaying()))
        effect.destroyed.connect(lambda: self._gone(key))
        effect.setAudioDevice(QMediaDevices.defaultAudioOutput())
        effect.setSource(QUrl.fromLocalFile(str(clip.path)))
        effect.setVolume(self.volume)
        return effect

    def _gone(self, key: int) -> None:
        # RuntimeError: the speaker itself is being deleted (quitting), nobody listens.
        with contextlib.suppress(RuntimeError):
            self.playback.emit(key, False)

    def _started(self, effect: QSoundEffect, clip: Clip) -> None:
        # The first clip on a fresh stream can start a few hundred ms after play(): count from
        # the moment Qt says it plays, so a slow start is not taken for a lost output.
        if effect is self._current and effect.isPlaying() and self._watched:
            self._ends_at = watchdog_monotonic() + clip.seconds
            self._watch.start(int((clip.seconds + STUCK_MARGIN_S) * 1000))

    def set_volume(self, volume: float) -> None:
        self.volume = volume
        for effect in self._effects.values():
            effect.setVolume(volume)

    def _check_playback(self) -> None:
        if self._current is None or not self._current.isPlaying():
            if "audio-stuck" in self._noticed:
                log.info("the sound output works again")
                self._noticed.discard("audio-stuck")  # a second loss is news again
                self.notice_cleared.emit(STUCK_NOTICE)
                if self.problem == STUCK_NOTICE:
                    self.problem = None
            return
        self._current.stop()
        self.output_stuck = True
        self._tell("audio-stuck", STUCK_NOTICE)
        self._retry.start()

    def _try_output_again(self) -> None:
        # Fresh players for every clip: the old ones are tied to the lost connection.
        for text, old in list(self._effects.items()):
            old.stop()
            old.deleteLater()
            self._effects[text] = self._effect_for(self.clips[text])
        self._current = None
        self.output_stuck = False  # the next clip tells: plays and ends, or sticks again

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
        # Clips follow each other closely, so the watch timer may never fire: check here too.
        if (
            self._current is not None
            and self._watched
            and watchdog_monotonic() > self._ends_at + STUCK_MARGIN_S
        ):
            self._check_playback()
        effect = self._effects.get(text)
        if (
            effect is None
            or effect.status() is not QSoundEffect.Status.Ready
            or not self.has_output
            or self.output_stuck
        ):
            if text not in self._requested:
                self.prepare([text])  # ready next time
            return False
        if self._current is not None and self._current is not effect:
            self._current.stop()
        effect.play()
        self._current = effect
        self._ends_at = watchdog_monotonic() + self.clips[text].seconds
        self._watched = kind != "test"  # only session clips tell about the output (issue 14)
        if self._watched:
            self._watch.start(int((self.clips[text].seconds + STUCK_MARGIN_S) * 1000))
        else:
            self._watch.stop()
        return True

    def length(self, text: str) -> float | None:
        effect = self._effects.get(text)
        if effect is None or effect.status() is not QSoundEffect.Status.Ready:
            return None
        return self.clips[text].seconds

    def is_speaking(self) -> bool:
        return self._current is not None and self._current.isPlaying()

    def stop(self) -> None:
        self._watch.stop()
        if self._current is not None:
            self._current.stop()

    def close(self) -> None:
        self.stop()
        self.renderer.close()
