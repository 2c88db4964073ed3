"""Qt's own messages, sent to Python's logging (logger "qt") without the known noise.

Installed by the app and by the self-check, so both the window and `--self-check` stay quiet about
things that are not faults.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

# The offscreen platform warns about window size hints on every show. The desktop bundle leaves
# out Qt's media backend, which QSoundEffect and QMediaDevices do not need; Qt says so once. Qt
# Multimedia tries PipeWire first and, where it is not installed, falls back to PulseAudio, which
# plays fine: its two "Couldn't load/resolve pipewire-0.3" lines are not faults.
NOISE = ("propagateSizeHints", "No QtMultimedia backends found", "pipewire-0.3")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,  # e.g. which FFmpeg Qt Multimedia uses: not a problem
    QtMsgType.QtWarningMsg: logging.WARNING,
}


def qt_messages(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if any(noise in message for noise in NOISE):
        return
    logging.getLogger("qt").log(_LEVELS.get(kind, logging.ERROR), "%s", message)


def install() -> None:
    qInstallMessageHandler(qt_messages)
