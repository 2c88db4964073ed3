"""The follow-along video ("the DVD"): the real window rendered frame by frame offscreen, with the
voice clips mixed in at the beats the live coach would use, into one MP4 (H.264 + AAC, PyAV).

The window and the sound come from the same session clock, so picture and voice line up; the
audio is planned first (a fake-clock run of the coach, milliseconds) and written alongside the
frames so the file is interleaved as players expect.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import Protocol

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication

from trainer.clock import Clocks, ManualClock, watchdog_monotonic
from trainer.content import Exercise
from trainer.session import Plan
from trainer.session.timeline import Timeline
from trainer.voice.mixdown import mix, plan_speech
from trainer.voice.renderer import Clip
from trainer.voice.speaker import NullSpeaker, Speaker

FPS = 25
SAMPLE_RATE = 44100
TAIL_S = 2.0  # after the last event: the closing words finish, the summary stays a moment


class ExportCancelled(Exception):
    pass


class RecordedWindow(Protocol):
    """What the export drives of the main window. The window class is passed in (it is
    trainer.ui.main_window.MainWindow), so this module never imports the window that calls it."""

    frame_timer: QTimer

    def start_session(self) -> None: ...
    def on_frame(self) -> None: ...
    def setAttribute(self, attribute: Qt.WidgetAttribute, on: bool = ..., /) -> None: ...
    def resize(self, w: int, h: int, /) -> None: ...
    def show(self) -> None: ...
    def width(self) -> int: ...
    def height(self) -> int: ...
    def grab(self) -> QPixmap: ...
    def close(self) -> bool: ...
    def deleteLater(self) -> None: ...


class WindowType(Protocol):
    def __call__(
        self, exercise: Exercise, plan: Plan, speaker: Speaker, /, *, clocks: Clocks, jump_threshold_s: float
    ) -> RecordedWindow: ...


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
    now: Callable[[], datetime],
    window: WindowType,
    fps: int = FPS,
    progress: Callable[[int, int], bool] | None = None,
) -> VideoResult:
    """Write the session as an MP4, each frame a picture of `window` (the main window class).
    progress(frame, frames) returning False cancels (no file left)."""
    import av  # lazy: FFmpeg's libraries are big

    t_start = watchdog_monotonic()
    onsets = plan_speech(plan, exercise, clips, fps)
    end = Timeline.compile(plan, exercise).end_time
    last_word = max((o.planned + clips[o.text].seconds for o in onsets), default=0.0)
    seconds = max(end, last_word) + TAIL_S
    frames = math.ceil(seconds * fps)
    audio = mix(onsets, clips, frames / fps, SAMPLE_RATE)

    clock = ManualClock()
    clocks = Clocks(monotonic=clock, now=now)  # frames step the session clock, not real time
    win = window(exercise, plan, NullSpeaker(), clocks=clocks, jump_threshold_s=float("inf"))
    win.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    win.resize(1280, 800)
    win.show()
    win.start_session()
    win.frame_timer.stop()  # frames are stepped here, not by the timer
    width, height = win.width() // 2 * 2, win.height() // 2 * 2  # H.264 wants even sizes

    tmp = path.with_name(f".{path.name}.part")
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
            win.on_frame()
            # Lay out what changed (labels, panels shown or hidden) as the screen would.
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            image = win.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
            row = image.bytesPerLine()
            pixels = np.frombuffer(image.constBits(), dtype=np.uint8, count=row * image.height())
            rgb = pixels.reshape(image.height(), row)[:height, : width * 3].reshape(height, width, 3)
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
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
        tmp.unlink(missing_ok=True)
        raise
    finally:
        win.close()
        win.deleteLater()
    os.replace(tmp, path)
    return VideoResult(
        path, frames / fps, frames, fps, width, height, len(onsets), watchdog_monotonic() - t_start
    )
