"""Benchmark: python -m benchmarks prints one JSON object, baselines measured in the same run.

Figures: startup (process start to first painted window) against a bare PySide6 window and a
bare pyqtgraph window; frame cost (pose + draw); frame interval over 10 s of animation; the
longest event-loop stall during a session segment with speech on; peak RSS; the voice figures
(benchmarks/voice.py) and the video export (benchmarks/video.py). ``--only startup,frames``
measures just those groups, so one figure can be measured again in seconds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NoReturn

from trainer.clock import Clocks

BARE_QT = """
import time, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
class F(QObject):
    done = False
    def eventFilter(self, o, e):
        if not self.done and e.type() == QEvent.Type.Paint:
            self.done = True
            print(f"FIRST_PAINT {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1280, 800)
f = F(); app.installEventFilter(f); w.show(); app.exec()
"""

BARE_PG = BARE_QT.replace(
    'w.setCentralWidget(QLabel("hello"))',
    "import pyqtgraph as pg; p = pg.PlotWidget(); p.plot([0, 1], [0, 1]); w.setCentralWidget(p)",
)


def _percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))
    return s[k]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # As on a user's machine: Python keeps the compiled modules. With this variable set (some shells
    # and CI images set it) the trainer's own ~36 modules were compiled again at every start, while
    # the baselines' libraries came precompiled from pip.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _startup_once(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.time()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60).stdout
    for line in out.splitlines():
        if line.startswith("FIRST_PAINT "):
            return float(line.split()[1]) - t0
    raise RuntimeError(f"no first paint reported by {cmd[:3]}: {out[-300:]}")


def measure_startup(rounds: int = 5) -> dict[str, float]:
    env = _env()
    tenv = dict(env, THORACIC_TRAINER_BENCH_STARTUP="1")
    cmds = {
        "bare_qt_startup_s": ([sys.executable, "-c", BARE_QT], env),
        "bare_pyqtgraph_startup_s": ([sys.executable, "-c", BARE_PG], env),
        "startup_s": ([sys.executable, "-m", "trainer"], tenv),
    }
    samples: dict[str, list[float]] = {k: [] for k in cmds}
    for cmd, e in cmds.values():  # warm-up, not counted: writes the bytecode caches, fills the disk cache
        _startup_once(cmd, e)
    for _ in range(rounds):  # interleaved so the machine's state is shared fairly
        for key, (cmd, e) in cmds.items():
            samples[key].append(_startup_once(cmd, e))
    return {k: round(statistics.median(v), 3) for k, v in samples.items()}


def ensure_null_sink() -> bool:
    """A PulseAudio server with a null sink, started here if none runs (headless machines)."""
    if shutil.which("pactl") is None:
        return False
    if subprocess.run(["pactl", "info"], capture_output=True).returncode != 0:
        if shutil.which("pulseaudio") is None:
            return False
        subprocess.run(
            ["pulseaudio", "--daemonize=yes", "--exit-idle-time=-1", "-n",
             "--load=module-native-protocol-unix", "--load=module-null-sink sink_name=null"],
            capture_output=True,
        )  # fmt: skip
        for _ in range(50):
            if subprocess.run(["pactl", "info"], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
    subprocess.run(["pactl", "set-default-sink", "null"], capture_output=True)
    return subprocess.run(["pactl", "info"], capture_output=True).returncode == 0


def measure_in_process(data_dir: Path) -> dict[str, float | bool]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["THORACIC_TRAINER_HOME"] = str(data_dir)
    audio = ensure_null_sink()
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from trainer.content import load_builtin_exercise
    from trainer.session import ManualClock, Plan
    from trainer.ui.main_window import MainWindow
    from trainer.voice.clip_speaker import ClipSpeaker
    from trainer.voice.speaker import NullSpeaker

    app = QApplication.instance() or QApplication([])
    ex = load_builtin_exercise()
    plan = Plan.from_exercise(ex, "kneeling")
    results: dict[str, float | bool] = {}

    # 1. Frame cost: pose + drawing + a synchronous repaint of the figure, on a fake clock.
    #    Measured in the reps (after the get-ready countdown), where the muscles are coloured
    #    and the outlines shown: the heaviest frames. 20 s covers every phase two times over.
    clock = ManualClock()
    win = MainWindow(ex, plan, NullSpeaker(), clocks=Clocks(monotonic=clock, now=Clocks.system().now))
    win.show()
    app.processEvents()
    win.start_session()
    win.frame_timer.stop()
    for _ in range(round(plan.get_ready_s * 60)):  # frame by frame: a jump would pause the session
        clock.advance(1 / 60)
        win.on_frame()
    costs = []
    for _ in range(1200):
        clock.advance(1 / 60)
        t0 = time.perf_counter()
        win.on_frame()
        win.figure.viewport().repaint()
        costs.append((time.perf_counter() - t0) * 1000)
    costs = costs[60:]  # first second warms caches
    results["frame_cost_ms_p50"] = round(_percentile(costs, 50), 3)
    results["frame_cost_ms_p99"] = round(_percentile(costs, 99), 3)
    win.close()

    # 2. Frame interval: the real 16 ms timer driving the real window for 10 s.
    win = MainWindow(ex, plan, NullSpeaker(), clocks=Clocks.system())
    win.show()
    stamps: list[float] = []
    win.frame_timer.timeout.connect(lambda: stamps.append(time.perf_counter()))
    win.start_session()
    QTimer.singleShot(10_000, app.quit)
    app.exec()
    win.close()
    intervals = [(b - a) * 1000 for a, b in itertools.pairwise(stamps)]
    results["frame_interval_ms_p50"] = round(_percentile(intervals, 50), 2)
    results["frame_interval_ms_p99"] = round(_percentile(intervals, 99), 2)

    # 3. UI stall with speech on: real espeak-ng clips played to the (null) audio output while
    #    a 5 ms probe timer measures how long the event loop was away. 24 s covers the
    #    get-ready countdown and the first reps with their counts, phases and a tip.
    speaker = ClipSpeaker(data_dir / "cache" / "voice")
    win = MainWindow(ex, plan, speaker, clocks=Clocks.system())
    win.show()
    probe = QTimer()
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.setInterval(5)
    elapsed = QElapsedTimer()
    gaps: list[float] = []
    last = [0.0]

    def on_probe() -> None:
        now = elapsed.nsecsElapsed() / 1e6
        if last[0]:
            gaps.append(now - last[0] - 5.0)
        last[0] = now

    probe.timeout.connect(on_probe)
    elapsed.start()
    probe.start()
    win.start_session()
    QTimer.singleShot(24_000, app.quit)
    app.exec()
    probe.stop()
    results["ui_stall_ms_max"] = round(max(gaps), 2)
    results["speech_cues_spoken"] = float(win.coach.spoken if win.coach else 0)
    results["audio_output"] = audio and speaker.has_output
    win.close()
    results["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return results


TARGETS = {
    "startup_vs_bare_pyqtgraph": 1.1,
    "frame_cost_ms_p99": 2.0,
    "frame_interval_ms_p99": 20.0,
    "ui_stall_ms_max": 20.0,
    "rss_mb": 250.0,
    "cue_onset_error_ms_p95": 40.0,
    "pause_to_silence_ms_max": 100.0,
    "cached_session_render_s": 0.2,
    "video_export_vs_duration": 1.0,
}


GROUPS = ("startup", "frames", "voice", "video", "listen")


def _groups(text: str) -> tuple[str, ...]:
    chosen = tuple(g.strip() for g in text.split(",") if g.strip())
    unknown = [g for g in chosen if g not in GROUPS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"--only takes {', '.join(GROUPS)} (comma-separated), got {text!r}")
    return chosen


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, as the app's own command line
        self.exit(2, f"{self.prog}: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    import tempfile

    parser = _Parser(prog="python -m benchmarks", description="Measure the trainer's speed figures.")
    parser.add_argument("--only", type=_groups, default=GROUPS, help="startup, frames, voice, video, listen")
    parser.add_argument("--rounds", type=int, default=5, help="start-up rounds (median of them)")
    args = parser.parse_args(argv)
    only: tuple[str, ...] = args.only

    out: dict[str, object] = {}
    if "startup" in only:
        out.update(measure_startup(max(1, args.rounds)))
        s, b = out["startup_s"], out["bare_pyqtgraph_startup_s"]
        assert isinstance(s, float) and isinstance(b, float)
        out["startup_vs_bare_pyqtgraph"] = round(s / b, 3)
    with tempfile.TemporaryDirectory(prefix="trainer-bench-") as tmp:
        if "frames" in only:
            out.update(measure_in_process(Path(tmp)))
        if "voice" in only:
            from benchmarks.voice import measure_voice

            out.update(measure_voice(Path(tmp)))
        if "video" in only:
            from benchmarks.video import measure_video

            out.update(measure_video(Path(tmp)))
        if "listen" in only:
            from benchmarks.listen import measure_listen

            out.update(measure_listen())  # its test speech is cached across runs (speechgen)
    targets = {k: v for k, v in TARGETS.items() if k in out}
    out["targets"] = targets
    out["meets"] = {k: (float(str(out[k])) <= v) for k, v in targets.items()}
    out["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0], "platform": sys.platform}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
