"""Video export speed for the benchmark: the whole default session as an MP4, timed against its
own length (target: faster than real time on two cores)."""

from __future__ import annotations

import time
from pathlib import Path


def measure_video(data_dir: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from trainer.content import load_builtin_exercise
    from trainer.exports.video import export_video
    from trainer.session import Plan
    from trainer.session.timeline import Timeline
    from trainer.voice.renderer import render_clips

    _app = QApplication.instance() or QApplication([])
    ex = load_builtin_exercise()
    plan = Plan.from_exercise(ex, "kneeling")
    t0 = time.perf_counter()
    clips, _problems = render_clips(
        data_dir / "cache" / "voice-video", Timeline.compile(plan, ex).cue_texts()
    )
    result = export_video(ex, plan, data_dir / "session.mp4", clips)
    took = time.perf_counter() - t0
    return {
        "video_duration_s": round(result.seconds, 1),
        "video_export_s": round(took, 1),
        "video_export_vs_duration": round(took / result.seconds, 3),
        "video_mb": round((data_dir / "session.mp4").stat().st_size / 1e6, 1),
    }
