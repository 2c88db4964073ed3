"""The session's voice as one audio track (for the follow-along video): the same scheduler and
coach as a live session, run on a fake clock, then each rendered clip mixed in at its planned
start. Pure: numpy and the standard library, no Qt."""

from __future__ import annotations

import wave
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import numpy.typing as npt

from trainer.content import Exercise
from trainer.session import ManualClock, Plan, SessionController, Status
from trainer.voice.coach import Onset, VoiceCoach
from trainer.voice.renderer import Clip


class _TimedSpeaker:
    """Says yes to every clip it has; the coach's onsets say when."""

    def __init__(self, clips: Mapping[str, Clip]) -> None:
        self.clips = clips

    def prepare(self, texts: object) -> None:
        pass

    def say(self, text: str, kind: str, priority: int) -> bool:
        return text in self.clips

    def length(self, text: str) -> float | None:
        clip = self.clips.get(text)
        return clip.seconds if clip else None

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass


def plan_speech(plan: Plan, exercise: Exercise, clips: Mapping[str, Clip], fps: float) -> list[Onset]:
    """Which clip starts when, exactly as the live coach would place them (one tick per frame)."""
    clock = ManualClock()
    ctl = SessionController(plan, exercise, clock)
    coach = VoiceCoach(_TimedSpeaker(clips))
    ctl.add_listener(coach.handle)
    coach.attach(ctl.timeline)
    ctl.start()
    coach.tick(0.0)
    while ctl.status is Status.RUNNING:
        clock.advance(1.0 / fps)
        view = ctl.tick()
        coach.tick(view.t)
    return coach.onsets


def read_clip(path: Path, rate: int) -> npt.NDArray[np.float32]:
    """A mono 16-bit WAV as floats at `rate` (linear resampling: speech, not music)."""
    with wave.open(str(path), "rb") as w:
        frames = w.readframes(w.getnframes())
        src_rate, channels = w.getframerate(), w.getnchannels()
    pcm = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        pcm = pcm.reshape(-1, channels).mean(axis=1)
    if src_rate == rate or pcm.size == 0:
        return pcm
    n = round(pcm.size * rate / src_rate)
    resampled: npt.NDArray[np.float32] = np.interp(
        np.linspace(0, pcm.size - 1, n), np.arange(pcm.size), pcm
    ).astype(np.float32)
    return resampled


def mix(
    onsets: list[Onset], clips: Mapping[str, Clip], seconds: float, rate: int = 44100
) -> npt.NDArray[np.int16]:
    """One mono track `seconds` long with each clip at its planned start."""
    track = np.zeros(round(seconds * rate), dtype=np.float32)
    cache: dict[str, npt.NDArray[np.float32]] = {}
    for onset in onsets:
        clip = clips.get(onset.text)
        if clip is None:
            continue
        pcm = cache.setdefault(onset.text, read_clip(clip.path, rate))
        start = round(onset.planned * rate)
        end = min(track.size, start + pcm.size)
        if end > start:
            track[start:end] += pcm[: end - start]
    return (np.clip(track, -1.0, 1.0) * 32767).astype(np.int16)
