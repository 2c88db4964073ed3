"""The follow-along video: a real MP4 made by the program, probed with PyAV itself."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from pytestqt.qtbot import QtBot

from tests.conftest import run_trainer
from trainer.content import Exercise

av = pytest.importorskip("av")

SHORT = ("--variant", "chair", "--sets", "1", "--reps", "1")


def audio_of(path: Path) -> tuple[NDArray[np.float64], int]:
    with av.open(str(path)) as c:
        parts = [f.to_ndarray().reshape(-1) for f in c.decode(audio=0)]
    pcm = np.concatenate(parts).astype(np.float64)
    if np.issubdtype(parts[0].dtype, np.integer):  # AAC decodes to floats; other codecs may not
        pcm /= 32768.0
    return pcm, 44100


def frame_at(path: Path, index: int) -> NDArray[np.uint8]:
    with av.open(str(path)) as c:
        for i, f in enumerate(c.decode(video=0)):
            if i == index:
                frame: NDArray[np.uint8] = f.to_ndarray(format="rgb24")
                return frame
    raise AssertionError(f"no frame {index}")


@pytest.mark.slow
def test_export_video_has_h264_aac_the_right_length_and_the_voice_on_the_beat(tmp_path: Path) -> None:
    out = tmp_path / "session.mp4"
    r = run_trainer("--export-video", str(out), *SHORT, "--data-dir", str(tmp_path / "d"), timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Exporting video: 100%" in r.stdout
    with av.open(str(out)) as c:
        video, audio = c.streams.video[0], c.streams.audio[0]
        assert video.codec_context.name == "h264" and video.average_rate == 25
        assert (video.codec_context.width, video.codec_context.height) == (1280, 720)
        assert audio.codec_context.name == "aac" and audio.codec_context.sample_rate == 44100
        frames = sum(1 for _ in c.decode(video=0))
        duration = c.duration / 1e6
    # 10 s get-ready + one 8 s rep + the closing words + 2 s: about 24 s.
    assert 22 < duration < 28 and frames == pytest.approx(duration * 25, abs=2)
    assert f"{frames} frames at 25 fps" in r.stdout
    pcm, rate = audio_of(out)

    def rms(a: float, b: float) -> float:
        return float(np.sqrt(np.mean(pcm[int(a * rate) : int(b * rate)] ** 2)))

    assert rms(10.0, 10.6) > 0.02  # "One, lift." on the first lift's beat
    assert rms(7.0, 7.3) > 0.02  # "Three" of the countdown
    assert rms(6.4, 6.9) < 0.003  # quiet between the set-up line (6.2 s) and the countdown


@pytest.mark.slow
def test_a_video_frame_is_the_session_screen_at_the_same_time(
    tmp_path: Path, exercise: Exercise, qtbot: QtBot
) -> None:
    # The frame at 12 s is what the session screen shows for present() at 12 s, built apart.
    from trainer.clock import ManualClock
    from trainer.exports.video import VIDEO_SIZE, FrameSession, export_video, frame_pixels, session_screen_for
    from trainer.session import Plan

    plan = Plan.from_exercise(exercise, "chair", sets=1, reps=1)
    out = tmp_path / "s.mp4"
    export_video(exercise, plan, out, {})
    clock = ManualClock()
    session = FrameSession(exercise, plan, clock)
    screen = session_screen_for(exercise, VIDEO_SIZE)
    session.ctl.start()
    for _ in range(12 * 25):  # every frame on the way, so captions and layout come in order
        frame_pixels(screen, session.state(), *VIDEO_SIZE)
        clock.advance(1 / 25)
    state = session.state()
    assert (state.rep_line, state.set_line, state.caption) == ("Rep 1 of 1", "Set 1 of 1", "One, lift.")
    ref = frame_pixels(screen, state, *VIDEO_SIZE)
    got = frame_at(out, 12 * 25)
    assert got.shape == ref.shape == (720, 1280, 3)
    diff = np.abs(got.astype(int) - ref.astype(int)).mean()
    assert diff < 4.0, f"mean difference {diff:.2f} of 255"  # H.264 is lossy; a wrong moment is ~10+
    # and a frame one second later is clearly different (the figure moves)
    other = np.abs(frame_at(out, 13 * 25).astype(int) - ref.astype(int)).mean()
    assert other > diff * 1.5
    screen.close()


def test_cancel_leaves_no_file(tmp_path: Path, exercise: Exercise, qtbot: QtBot) -> None:
    from trainer.exports.video import ExportCancelled, export_video
    from trainer.session import Plan

    out = tmp_path / "x.mp4"
    with pytest.raises(ExportCancelled):
        export_video(
            exercise,
            Plan.from_exercise(exercise, "chair", sets=1, reps=1),
            out,
            {},
            progress=lambda i, n: i < 5,
        )
    assert not out.exists() and not list(tmp_path.iterdir())
