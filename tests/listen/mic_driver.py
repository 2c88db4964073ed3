"""Listens on the default microphone until it fails or time is up. Started by
test_mic_failure.py in a private PulseAudio server. Argument: seconds to run. Prints `LEVEL`
once the first level arrives (the microphone works) and `FAILED <message>` if it fails."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QTimer

from trainer.clock import watchdog_monotonic
from trainer.listen.capture import Listener
from trainer.listen.gate import SpeechGate


def main() -> int:
    app = QCoreApplication(sys.argv)
    listener = Listener(SpeechGate(watchdog_monotonic), {})
    seen: list[float] = []

    def level(value: float) -> None:
        if not seen:
            print("LEVEL", flush=True)
        seen.append(value)

    def failed(message: str) -> None:
        print("FAILED", message, flush=True)
        app.quit()

    listener.level.connect(level)
    listener.failed.connect(failed)
    listener.start()
    QTimer.singleShot(int(float(sys.argv[1]) * 1000), app.quit)
    app.exec()
    listener.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
