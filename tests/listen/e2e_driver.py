"""Runs the real window with spoken commands on, and speaks commands into the microphone.

Started by test_listen_e2e.py in a private PulseAudio server (PULSE_SERVER set) whose default
source is a null sink's monitor. Argument: a folder with the command WAVs, the data folder.
For each step: play the WAV into the microphone sink with paplay, wait until the expected
state (or a time-out), print one line `STEP <command> <status> <phase>`.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from trainer.clock import Clocks
from trainer.content import Exercise, load_builtin_exercise
from trainer.history.store import HistoryStore
from trainer.session import Plan, Status
from trainer.ui.main_window import MainWindow
from trainer.voice.speaker import NullSpeaker, Speaker

STEPS: list[tuple[str, Callable[[Any], object]]] = [
    # (command WAV, what must be true afterwards)
    ("pause", lambda w: w.controller.status is Status.PAUSED),
    ("resume", lambda w: w.controller.status is Status.RUNNING),
    ("end_set", lambda w: w.rep_label.text() == "Rest"),
    ("tired", lambda w: w.controller.comfort.get(1) == "tired"),
    ("skip_rest", lambda w: w.rep_label.text() != "Rest"),
    ("stop", lambda w: QApplication.activeModalWidget() is not None),
    ("stop", lambda w: w.controller.status is Status.FINISHED),
]


def real_window(
    exercise: Exercise, plan: Plan, speaker: Speaker, clocks: Clocks, history: HistoryStore | None = None
) -> MainWindow:
    """The window as the app builds it, on the real clocks (the listen drivers share this)."""
    return MainWindow(exercise, plan, speaker, clocks=clocks, history=history)


def main() -> int:
    wavs, data = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication([])
    clocks = Clocks.system()
    ex = load_builtin_exercise()
    plan = Plan.from_exercise(ex, "kneeling", sets=2, reps=8, rest_s=60)
    store = HistoryStore.open(data, clocks.now)
    win = real_window(ex, plan, NullSpeaker(), clocks, store)
    win.show()
    win.listen.set_listening(True)
    win.toggle_start_pause()
    state: dict[str, Any] = {"i": 0, "proc": None, "t0": 0.0, "tries": 0}

    def tick() -> None:
        i = state["i"]
        if i >= len(STEPS):
            app.quit()
            return
        name, check = STEPS[i]
        proc = state["proc"]
        if proc is None:
            if clocks.monotonic() < state["t0"]:
                return  # a person waits for the tick (and the gate's hang-over) before the next command
            state["proc"] = subprocess.Popen(["paplay", "--device=mic", str(wavs / f"{name}.wav")])
            state["t0"] = clocks.monotonic()
            state["tries"] = 1
            return
        ok = bool(check(win))
        if not ok and state["tries"] == 1 and clocks.monotonic() - state["t0"] > 4.0:
            # Nothing happened: as a person would, she says it once more (the recogniser misses
            # a few commands in a hundred; the benchmark counts them).
            proc.wait()
            state["proc"] = subprocess.Popen(["paplay", "--device=mic", str(wavs / f"{name}.wav")])
            state["t0"] = clocks.monotonic()
            state["tries"] = 2
            return
        if ok or clocks.monotonic() - state["t0"] > 8.0:
            print(
                f"STEP {i} {name} {'ok' if ok else 'FAILED'} tries={state['tries']} heard={win.listen.heard}",
                flush=True,
            )
            proc.wait()
            state["proc"] = None
            state["i"] = i + 1
            # The resume's 3-second get-ready has to pass before a set can be ended.
            state["t0"] = clocks.monotonic() + (4.0 if name == "resume" else 1.5)
            if not ok:
                app.quit()

    timer = QTimer()
    timer.timeout.connect(tick)
    QTimer.singleShot(2500, timer.start)  # the microphone stream settles first
    timer.setInterval(100)
    app.exec()
    win.listen.stop()
    print(f"FINAL heard={win.listen.heard} notice={win.notice.text()!r}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
