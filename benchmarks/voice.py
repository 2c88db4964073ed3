"""Voice figures for the benchmark (issue 3), measured with real espeak-ng clips played to a real
(null-sink) PulseAudio output, and the naive way measured the same way in a child process.

- first_session_render_s / cached_session_render_s: every phrase of the default session,
  rendered into an empty cache, then again from that cache.
- cue_onset_error_ms_p95: planned start of each spoken cue (the scheduler's time on the session
  clock, mapped to the wall clock) to Qt reporting the clip playing, over a session segment
  (get-ready, two sets of two reps, a 12 s rest between them).
- naive_cue_onset_error_ms_p95: the same cues at the same beats, each spoken with pyttsx3
  say() + runAndWait() in a worker thread; start = the moment pyttsx3 launches aplay.
- pause_to_silence_ms_max: Pause pressed while a clip plays, to Qt reporting it stopped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

from trainer.clock import Clocks

SEGMENT = {"variant": "kneeling", "sets": 2, "reps": 2, "rest_s": 12.0}


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, round(q / 100 * (len(s) - 1)))]


def _render_all(cache: Path, texts: list[str]) -> float:
    """Seconds to have every phrase as a clip (rendered, or read from the cache)."""
    from trainer.voice.renderer import render_clips

    t0 = time.perf_counter()
    clips, problems = render_clips(cache, texts)
    took = time.perf_counter() - t0
    if len(clips) < len(set(texts)):
        raise RuntimeError(f"only {len(clips)} of {len(texts)} phrases rendered ({problems[:1]})")
    return took


def measure_voice(data_dir: Path) -> dict[str, float | int | str]:
    from PySide6.QtCore import QTimer
    from PySide6.QtMultimedia import QSoundEffect
    from PySide6.QtWidgets import QApplication

    from trainer.content import load_builtin_exercise
    from trainer.session import Plan, Status
    from trainer.session.timeline import Timeline
    from trainer.ui.main_window import MainWindow
    from trainer.voice.clip_speaker import ClipSpeaker

    app = QApplication.instance() or QApplication([])
    ex = load_builtin_exercise()
    out: dict[str, float | int | str] = {}
    cache = data_dir / "cache" / "voice-bench"

    full = Timeline.compile(Plan.from_exercise(ex, "kneeling"), ex).cue_texts()
    out["session_phrases"] = len(full)
    out["first_session_render_s"] = round(_render_all(cache, full), 3)
    out["cached_session_render_s"] = round(_render_all(cache, full), 3)

    plan = Plan.from_exercise(ex, **SEGMENT)  # type: ignore[arg-type]
    speaker = ClipSpeaker(cache)
    speaker.prepare(Timeline.compile(plan, ex).cue_texts())
    deadline = time.monotonic() + 30
    wanted = set(Timeline.compile(plan, ex).cue_texts())
    while time.monotonic() < deadline:
        app.processEvents()
        ready = {t for t, e in speaker._effects.items() if e.status() is QSoundEffect.Status.Ready}
        if wanted <= ready:
            break
        time.sleep(0.01)
    starts: list[tuple[str, float]] = []
    stops: list[tuple[str, float]] = []
    for text, effect in speaker._effects.items():

        def changed(e: QSoundEffect = effect, t: str = text) -> None:
            (starts if e.isPlaying() else stops).append((t, time.monotonic()))

        effect.playingChanged.connect(changed)

    # The session segment, on the real clock.
    win = MainWindow(ex, plan, speaker, clocks=Clocks.system())
    win.show()
    win.session_finished.connect(lambda _s: QTimer.singleShot(1500, app.quit))
    win.start_session()
    app.exec()
    ctl, coach = win.controller, win.coach
    assert ctl is not None and coach is not None
    errors = []
    used: set[int] = set()
    for onset in coach.onsets:
        planned_wall = ctl._anchor_clock + (onset.planned - ctl._anchor_t) / ctl.speed
        for i, (text, at) in enumerate(starts):
            if i not in used and text == onset.text and at >= planned_wall - 0.5:
                used.add(i)
                errors.append((at - planned_wall) * 1000)
                break
    out["cues_spoken"] = coach.spoken
    out["cues_dropped"] = coach.dropped
    out["cue_onset_error_ms_p50"] = round(_percentile(errors, 50), 1)
    out["cue_onset_error_ms_p95"] = round(_percentile(errors, 95), 1)
    out["cue_onset_error_ms_max"] = round(max(errors), 1) if errors else float("nan")
    win.close()

    # Pause while a clip plays, five times: how long until it is silent.
    silences = []
    win = MainWindow(ex, plan, speaker, clocks=Clocks.system())
    win.show()
    win.start_session()
    for _ in range(5):
        n = len(starts)
        limit = time.monotonic() + 15
        while len(starts) == n and time.monotonic() < limit:
            app.processEvents()
            time.sleep(0.002)
        if len(starts) == n:
            break
        text = starts[-1][0]
        end = time.monotonic() + 0.1
        while time.monotonic() < end:
            app.processEvents()
        pressed = time.monotonic()
        m = len(stops)
        win.toggle_start_pause()
        limit = time.monotonic() + 2
        while time.monotonic() < limit and not any(t == text for t, _ in stops[m:]):
            app.processEvents()
            time.sleep(0.001)
        quiet = next((at for t, at in stops[m:] if t == text), None)
        if quiet is not None:
            silences.append((quiet - pressed) * 1000)
        win.toggle_start_pause()  # resume
    out["pause_to_silence_ms_max"] = round(max(silences), 1) if silences else float("nan")
    out["pause_samples"] = len(silences)
    if win.controller is not None and win.controller.status is Status.RUNNING:
        win.controller.stop()
    win.close()
    speaker.close()

    out.update(measure_naive())
    return out


# ---------------------------------------------------------------- the naive way, in a child process
def measure_naive() -> dict[str, float | int | str]:
    r = subprocess.run(
        [sys.executable, "-m", "benchmarks.voice", "--naive"],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ),
    )
    for line in r.stdout.splitlines()[::-1]:
        if line.startswith("{"):
            data: dict[str, float | int | str] = json.loads(line)
            return data
    return {"naive_error": (r.stderr.strip().splitlines() or ["no output"])[-1][:200]}


def _naive_main() -> int:
    """pyttsx3 say + runAndWait in a worker thread at each beat of the same segment."""
    import shutil

    import pyttsx3
    import pyttsx3.drivers.espeak as espeak_driver

    from trainer.content import load_builtin_exercise
    from trainer.session import Plan
    from trainer.session.timeline import Timeline

    espeak_driver.print = lambda *a, **k: None
    ex = load_builtin_exercise()
    plan = Plan.from_exercise(ex, **SEGMENT)  # type: ignore[arg-type]
    cues = [(e.t, e.cue.text) for e in Timeline.compile(plan, ex).events if e.cue is not None]
    launches: list[float] = []
    has_aplay = shutil.which("aplay") is not None
    real_system = os.system

    def system(cmd: str) -> int:
        launches.append(time.monotonic())
        if has_aplay:
            return real_system(cmd)
        # No aplay here: wait as long as playing would take, as it does on a user's machine.
        with wave.open(cmd.split()[1], "rb") as w:
            time.sleep(w.getnframes() / w.getframerate())
        return 0

    espeak_driver.os.system = system
    errors: list[float] = []

    def worker() -> None:
        engine = pyttsx3.init()
        engine.setProperty("rate", 140)
        t0 = time.monotonic() + 0.5
        for beat, text in cues:
            wait = t0 + beat - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            n = len(launches)
            engine.say(text)
            engine.runAndWait()
            if len(launches) > n:
                errors.append((launches[n] - (t0 + beat)) * 1000)

    th = threading.Thread(target=worker)
    th.start()
    th.join(600)
    print(
        json.dumps(
            {
                "naive_cue_onset_error_ms_p50": round(_percentile(errors, 50), 1),
                "naive_cue_onset_error_ms_p95": round(_percentile(errors, 95), 1),
                "naive_cues": len(errors),
                "naive_playback": "aplay" if has_aplay else "aplay missing: launch time, playing time waited",
            }
        )
    )
    return 0


if __name__ == "__main__" and "--naive" in sys.argv:
    sys.exit(_naive_main())
