"""PyInstaller run-time hook: hide Qt's one line about the media backend the bundle leaves out.

The bundle drops Qt Multimedia's FFmpeg backend (see DROP_PLUGIN_FOLDERS in the spec): the app only
uses QSoundEffect and QMediaDevices, which work without it. Qt still prints "No QtMultimedia backends
found..." on every start; a user would read it as a fault. Every other Qt message passes through
unchanged, in Qt's own format.
"""

import atexit
import sys

if getattr(sys, "frozen", False):
    from PySide6.QtCore import qFormatLogMessage, qInstallMessageHandler

    _NO_BACKEND = "No QtMultimedia backends found."

    def _handler(mode, context, message):  # type: ignore[no-untyped-def]
        if message.startswith(_NO_BACKEND):
            return
        sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")
        sys.stderr.flush()

    qInstallMessageHandler(_handler)
    # Qt may still print while Python shuts down: hand the messages back to Qt's own handler first.
    atexit.register(qInstallMessageHandler, None)
