"""Ctrl+C and SIGTERM end any run cleanly (issue 16 items 4-5): exit 130/143, no traceback.

Two stages. Before Qt's event loop runs (parsing, CSV and pose exports) a signal raises SystemExit,
which unwinds like any error: the atomic writer removes its part file. While the event loop runs,
raising would only print a traceback from whatever callback was running (the frame timer), so the
handler just notes the signal; ``signal.set_wakeup_fd`` writes its number into a socket pair and a
QSocketNotifier wakes the loop, which then ends the session (the set in progress recorded with the
reps done) and quits. Long synchronous work (the video export) polls ``pending``.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


def exit_code(signum: int) -> int:
    return 128 + signum  # the shell's convention: 130 for SIGINT, 143 for SIGTERM


def _raise_exit(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(exit_code(signum))


def install_raising() -> None:
    """Stage one: a signal ends the process through SystemExit (no KeyboardInterrupt traceback)."""
    for s in SIGNALS:
        signal.signal(s, _raise_exit)


class QtSignals:
    """Stage two: signals become a call of ``on_signal(signum)`` from Qt's event loop, once."""

    def __init__(self) -> None:
        from PySide6.QtCore import QSocketNotifier

        self.pending: int | None = None  # the first signal received, if any
        self._handler: Callable[[int], None] | None = None
        self._read, self._write = socket.socketpair()
        for sock in (self._read, self._write):
            sock.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)
        for s in SIGNALS:
            signal.signal(s, self._note)

    def _note(self, signum: int, _frame: FrameType | None) -> None:
        if self.pending is None:
            self.pending = signum

    def on_signal(self, handler: Callable[[int], None]) -> None:
        self._handler = handler

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            while self._read.recv(512):
                pass
        handler, self._handler = self._handler, None  # a storm of signals ends the run once
        if handler is not None and self.pending is not None:
            handler(self.pending)

    def close(self) -> None:
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()
        install_raising()
