"""The follow-along video ("the DVD"): the session screen rendered frame by frame offscreen, with the
voice clips mixed in at the beats the live coach would use, into one MP4 (H.264 + AAC, PyAV).

Each frame is `present()` of the session at that frame's time, shown by the same `SessionScreen`
the window uses (built for the video's size by `screen`, the seam for the layout). The picture
and the sound come from the same session clock, so they line up; the
audio is planned first (a fake-clock run of the coach, milliseconds) and written alongside the
frames so the file is interleaved as players expect.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Protocol

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication

from trainer.clock import ManualClock, watchdog_monotonic
from trainer.content import Exercise
from trainer.outputs import atomic_output
from trainer.present import ScreenState, present, session_facts
from trainer.session import Plan, SessionController, Status, TimedEvent
from trainer.session.events import SessionCompleted
from trainer.session.timeline import Timeline
from trainer.voice.coach import VoiceCoach
from trainer.voice.mixdown import mix, plan_speech
from trainer.voice.renderer import Clip
from trainer.voice.speaker import NullSpeaker

FPS = 25
SAMPLE_RATE = 44100
TAIL_S = 2.0  # after the last event: the closing words finish, the summary stays a moment


class ExportCancelled(Exception):
    pass


VIDEO_SIZE = (1280, 720)


class RecordedScreen(Protocol):
    """What the export drives of the session screen (trainer.ui.session_screen.SessionScreen)."""

    def show_state(self, state: ScreenState, /) -> None: ...
    def width(self) -> int: ...
    def height(self) -> int: ...
    def grab(self) -> QPixmap: ...
    def close(self) -> bool: ...
    def deleteLater(self) -> None: ...


# The seam for the layout: builds the screen a frame shows, for a size in pixels.
ScreenFactory = Callable[[Exercise, tuple[int, int]], RecordedScreen]


def session_screen_for(exercise: Exercise, size: tuple[int, int]) -> RecordedScreen:
    """The follow-along screen (figure, counters, phase words, countdown, caption; no menus or
    buttons), offscreen, its texts sized to the video as to a screen of that size."""
    from trainer.ui.follow_screen import follow_screen_for

    return follow_screen_for(exercise, size)


def frame_pixels(screen: RecordedScreen, state: ScreenState, width: int, height: int) -> np.ndarray:
    """The screen showing `state`, laid out as on a display, as a height×width×3 RGB array."""
    screen.show_state(state)
    # Lay out what changed (labels shown or hidden) as the screen would.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    image = screen.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    row = image.bytesPerLine()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8, count=row * image.height())
    rgb = pixels.reshape(image.height(), row)[:height, : width * 3].reshape(height, width, 3)
    return rgb.copy()  # its own memory: the image's goes with it


class FrameSession:
    """The session behind the frames: a controller on the frame clock, and the coach only for
    its captions (the sound track is mixed separately from the same plan)."""

    def __init__(self, exercise: Exercise, plan: Plan, clock: ManualClock) -> None:
        self.exercise = exercise
        self.ctl = SessionController(plan, exercise, clock, jump_threshold_s=float("inf"))
        self.caption = ""
        self.summary: SessionCompleted | None = None
        self.coach = VoiceCoach(NullSpeaker(), on_caption=self._on_caption)
        self.coach.attach(self.ctl.timeline)
        self.ctl.add_listener(self._on_event)
        self.ctl.add_listener(self.coach.handle)

    def _on_caption(self, text: str, kind: str) -> None:
        self.caption = text

    def _on_event(self, event: TimedEvent, late_ms: float) -> None:
        if isinstance(event.payload, SessionCompleted):
            self.summary = event.payload

    def state(self) -> ScreenState:
        view = self.ctl.tick()
        if self.ctl.status in (Status.RUNNING, Status.FINISHED):
            self.coach.tick(view.t)
        facts = session_facts(self.ctl, view)
        return present(self.exercise, self.ctl.plan, facts, summary=self.summary, caption=self.caption)


@dataclass(frozen=True)
class VideoResult:
    path: Path
    seconds: float
    frames: int
    fps: int
    width: int
    height: int
    clips_spoken: int
    took_s: float


def export_video(
    exercise: Exercise,
    plan: Plan,
    path: Path,
    clips: Mapping[str, Clip],
    *,
    fps: int = FPS,
    size: tuple[int, int] = VIDEO_SIZE,
    screen: ScreenFactory = session_screen_for,
    progress: Callable[[int, int], bool] | None = None,
) -> VideoResult:
    """Write the session as an MP4, each frame the session screen `screen(exercise, size)` shows.
    progress(frame, frames) returning False cancels (no file left)."""
    import av  # lazy: FFmpeg's libraries are big

    t_start = watchdog_monotonic()
    onsets = plan_speech(plan, exercise, clips, fps)
    end = Timeline.compile(plan, exercise).end_time
    last_word = max((o.planned + clips[o.text].seconds for o in onsets), default=0.0)
    seconds = max(end, last_word) + TAIL_S
    frames = math.ceil(seconds * fps)
    audio = mix(onsets, clips, frames / fps, SAMPLE_RATE)

    clock = ManualClock()  # frames step the session clock, not real time
    session = FrameSession(exercise, plan, clock)
    win = screen(exercise, size)
    session.ctl.start()
    width, height = win.width() // 2 * 2, win.height() // 2 * 2  # H.264 wants even sizes

    with atomic_output(path) as tmp:  # the one atomic writer: no part file left on any failure
        container = av.open(str(tmp), mode="w", format="mp4")
        try:
            video = container.add_stream("libx264", rate=fps)
            video.width, video.height, video.pix_fmt = width, height, "yuv420p"
            video.options = {"preset": "veryfast", "crf": "23", "tune": "animation"}
            sound = container.add_stream("aac", rate=SAMPLE_RATE, layout="mono")
            per_frame = SAMPLE_RATE // fps  # 44100 / 25 = 1764 samples
            for i in range(frames):
                if i:
                    clock.advance(1.0 / fps)
                rgb = frame_pixels(win, session.state(), width, height)
                frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
                frame.pts = i
                container.mux(video.encode(frame))
                chunk = audio[i * per_frame : (i + 1) * per_frame]
                if chunk.size:
                    aframe = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="s16", layout="mono")
                    aframe.sample_rate = SAMPLE_RATE
                    aframe.pts = i * per_frame
                    aframe.time_base = Fraction(1, SAMPLE_RATE)
                    container.mux(sound.encode(aframe))
                if progress is not None and not progress(i + 1, frames):
                    raise ExportCancelled
            container.mux(video.encode(None))
            container.mux(sound.encode(None))
            container.close()
        except BaseException:
            container.close()
            raise
        finally:
            win.close()
            win.deleteLater()
    return VideoResult(
        path, frames / fps, frames, fps, width, height, len(onsets), watchdog_monotonic() - t_start
    )
