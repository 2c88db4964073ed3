"""Runs the real window and Voice ▸ Try a command twice: once while a command WAV is played into
the microphone, once in silence. Started by test_listen_try_e2e.py in a private PulseAudio
server. Arguments: the command WAV, the data folder. Prints one `TRY` line per attempt and a
`FINAL` line.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.listen.e2e_driver import real_window
from trainer.clock import Clocks
from trainer.content import load_builtin_exercise
from trainer.history.store import HistoryStore
from trainer.session import Plan
from trainer.ui.listen_try import TryCommandDialog
from trainer.voice.speaker import NullSpeaker


def main() -> int:
    wav, data = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication([])
    clocks = Clocks.system()
    ex = load_builtin_exercise()
    store = HistoryStore.open(data, clocks.now)
    win = real_window(ex, Plan.from_exercise(ex, "kneeling", sets=2, reps=8), NullSpeaker(), clocks, store)
    win.show()
    win.toggle_start_pause()  # a session is on: a command heard in the dialog must not touch it
    tries: list[TryCommandDialog] = []

    def report(dialog: TryCommandDialog) -> None:
        heard = dialog.outcome.heard if dialog.outcome else None
        text = dialog.status.text()
        print(f"TRY {len(tries)} heard={heard} peak={dialog.peak:.2f} text={text!r}", flush=True)

    def first() -> None:
        dialog = win.listen.try_command(seconds=8)
        # A person reads the prompt, then speaks (the microphone stream settles meanwhile).
        QTimer.singleShot(2500, lambda: subprocess.run(["paplay", "--device=mic", str(wav)], check=False))
        watch(dialog, second)

    def second() -> None:
        watch(win.listen.try_command(seconds=3), done)

    def watch(dialog: TryCommandDialog, then: Callable[[], None]) -> None:
        timer = QTimer(win)

        def poll() -> None:
            if dialog.outcome is not None:
                timer.stop()
                tries.append(dialog)
                report(dialog)
                dialog.close()
                QTimer.singleShot(500, then)

        timer.timeout.connect(poll)
        timer.start(100)

    def done() -> None:
        status = win.controller.status.name if win.controller else None
        print(f"FINAL listener={win.listen.listener} status={status} heard={win.listen.heard}", flush=True)
        app.quit()

    QTimer.singleShot(300, first)
    QTimer.singleShot(40000, app.quit)
    app.exec()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
