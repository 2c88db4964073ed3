"""The follow-along video: a real MP4 made by the program, probed with PyAV itself."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import run_trainer

av = pytest.importorskip("av")

SHORT = ("--variant", "chair", "--sets", "1", "--reps", "1")


def audio_of(path):
    with av.open(str(path)) as c:
        parts = [f.to_ndarray().reshape(-1) for f in c.decode(audio=0)]
    pcm = np.concatenate(parts).astype(np.float64)
    if np.issubdtype(parts[0].dtype, np.integer):  # AAC decodes to floats; other codecs may not
        pcm /= 32768.0
    return pcm, 44100


def frame_at(path, index):
    with av.open(str(path)) as c:
        for i, f in enumerate(c.decode(video=0)):
            if i == index:
                return f.to_ndarray(format="rgb24")
    raise AssertionError(f"no frame {index}")


@pytest.mark.slow
def test_export_video_has_h264_aac_the_right_length_and_the_voice_on_the_beat(tmp_path):
    out = tmp_path / "session.mp4"
    r = run_trainer("--export-video", str(out), *SHORT, "--data-dir", str(tmp_path / "d"), timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Exporting video: 100%" in r.stdout
    with av.open(str(out)) as c:
        video, audio = c.streams.video[0], c.streams.audio[0]
        assert video.codec_context.name == "h264" and video.average_rate == 25
        assert (video.codec_context.width, video.codec_context.height) == (1280, 800)
        assert audio.codec_context.name == "aac" and audio.codec_context.sample_rate == 44100
        frames = sum(1 for _ in c.decode(video=0))
        duration = c.duration / 1e6
    # 10 s get-ready + one 8 s rep + the closing words + 2 s: about 24 s.
    assert 22 < duration < 28 and frames == pytest.approx(duration * 25, abs=2)
    assert f"{frames} frames at 25 fps" in r.stdout
    pcm, rate = audio_of(out)

    def rms(a, b):
        return float(np.sqrt(np.mean(pcm[int(a * rate) : int(b * rate)] ** 2)))

    assert rms(10.0, 10.6) > 0.02  # "One, lift." on the first lift's beat
    assert rms(7.0, 7.3) > 0.02  # "Three" of the countdown
    assert rms(6.4, 6.9) < 0.003  # quiet between the set-up line (6.2 s) and the countdown


@pytest.mark.slow
def test_a_video_frame_matches_the_screenshot_at_the_same_time(tmp_path):
    out, shot = tmp_path / "s.mp4", tmp_path / "s.png"
    r = run_trainer("--export-video", str(out), *SHORT, "--no-voice", timeout=300)
    assert r.returncode == 0, r.stderr
    r = run_trainer("--screenshot", str(shot), "--at", "12", *SHORT, "--no-voice")
    assert r.returncode == 0, r.stderr
    from PySide6.QtGui import QImage

    img = QImage(str(shot)).convertToFormat(QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    row = img.bytesPerLine()
    ref = np.frombuffer(img.constBits(), np.uint8, count=row * h).reshape(h, row)[:, : w * 3].reshape(h, w, 3)
    got = frame_at(out, 12 * 25)
    assert got.shape == ref.shape
    diff = np.abs(got.astype(int) - ref.astype(int)).mean()
    assert diff < 4.0, f"mean difference {diff:.2f} of 255"  # H.264 is lossy; a wrong moment is ~10+
    # and a frame one second later is clearly different (the figure moves)
    other = np.abs(frame_at(out, 13 * 25).astype(int) - ref.astype(int)).mean()
    assert other > diff * 1.5


def test_cancel_leaves_no_file(tmp_path, exercise, qtbot):
    from tests.fixed_time import fixed_now
    from trainer.session import Plan
    from trainer.ui.main_window import MainWindow
    from trainer.ui.video_export import ExportCancelled, export_video

    out = tmp_path / "x.mp4"
    with pytest.raises(ExportCancelled):
        export_video(
            exercise,
            Plan.from_exercise(exercise, "chair", sets=1, reps=1),
            out,
            {},
            now=fixed_now,
            window=MainWindow,
            progress=lambda i, n: i < 5,
        )
    assert not out.exists() and not list(tmp_path.iterdir())
