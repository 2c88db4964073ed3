"""Composition root: builds the services once and hands them to the window."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from trainer.cli import Options
from trainer.paths import data_dir
from trainer.session import ManualClock
from trainer.session.event_log import EventLog
from trainer.ui.main_window import MainWindow
from trainer.voice.speaker import NullSpeaker, Speaker

log = logging.getLogger("trainer")


class _FirstPaint(QObject):
    """For the start-up benchmark: report the first paint of the window, then quit."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            print(f"FIRST_PAINT {time.time():.6f}", flush=True)
            QTimer.singleShot(0, self.app.quit)
        return False


def _prepare_data_dir(explicit: str | None) -> tuple[Path, str | None]:
    path = data_dir(explicit)
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok")
        probe.unlink()
        return path, None
    except OSError as exc:
        fallback = Path(tempfile.mkdtemp(prefix="thoracic-trainer-"))
        return fallback, (
            f"The data folder {path} cannot be written ({exc.strerror}); using {fallback} for now, "
            "which is not kept. Choose a writable folder with --data-dir."
        )


def make_speaker(options: Options, folder: Path) -> Speaker:
    if not options.voice or options.speed > 1.5 or options.screenshot:
        return NullSpeaker()
    from trainer.voice.clip_speaker import ClipSpeaker  # lazy: QtMultimedia and the engine

    return ClipSpeaker(folder / "cache" / "voice")


def _qt_messages(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform warns about window size hints on every show; that is noise.
    if "propagateSizeHints" in message:
        return
    level = logging.WARNING if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtInfoMsg) else logging.ERROR
    if kind is QtMsgType.QtDebugMsg:
        level = logging.DEBUG
    logging.getLogger("qt").log(level, "%s", message)


def _no_display() -> bool:
    return not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run(options: Options) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if _no_display():
        if options.screenshot or options.rehearse:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"  # scripted runs need no screen
        elif sys.platform.startswith("linux"):
            print(
                "thoracic-trainer: error: no display found (DISPLAY is not set). Run it from a desktop "
                "session, or use --rehearse/--screenshot, which work without a screen.",
                file=sys.stderr,
            )
            return 1
    qInstallMessageHandler(_qt_messages)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Thoracic Trainer")
    app.setDesktopFileName("thoracic-trainer")
    folder, folder_problem = _prepare_data_dir(options.data_dir)

    scripted_clock = ManualClock() if options.screenshot else None
    events = EventLog(options.events) if options.events else None
    window = MainWindow(
        options.exercise,
        options.plan,
        NullSpeaker(),
        clock=scripted_clock or time.monotonic,
        speed=options.speed,
        listeners=(events,) if events else (),
        builtin_exercise=options.builtin,
        jump_threshold_s=float("inf") if scripted_clock else 5.0,
    )
    if folder_problem:
        window.show_notice(folder_problem)

    if os.environ.get("THORACIC_TRAINER_BENCH_STARTUP"):
        first = _FirstPaint(app)
        app.installEventFilter(first)  # any widget of the window painting counts
        window.show()
        return app.exec()

    window.show()
    if options.screenshot:
        return _screenshot(app, window, options, scripted_clock)

    # The speech engine and audio load after the window is up (start-up stays quick).
    def attach_speaker() -> None:
        speaker = make_speaker(options, folder)
        notice = getattr(speaker, "notice", None)
        if notice is not None:
            notice.connect(window.show_notice)
            problem = getattr(speaker, "problem", None)
            if problem:
                window.show_notice(problem)
        window.speaker = speaker

    if options.rehearse:
        attach_speaker()

        def finished(_summary: dict[str, object]) -> None:
            QTimer.singleShot(300 if options.speed <= 1.5 else 0, app.quit)

        window.session_finished.connect(finished)
        QTimer.singleShot(0, window.start_session)
    else:
        QTimer.singleShot(0, attach_speaker)
    exit_code = app.exec()
    if events:
        events.close()
    return exit_code


def _screenshot(app: QApplication, window: MainWindow, options: Options, clock: ManualClock | None) -> int:
    assert options.screenshot is not None and clock is not None
    window.start_session()
    # Walk the clock forward in frame-sized steps so every event on the way is handled in order.
    target = options.at / options.speed
    while clock.now - 1000.0 < target - 1e-9:
        clock.advance(min(0.25, target - (clock.now - 1000.0)))
        window.on_frame()
    window.frame_timer.stop()
    for _ in range(5):
        app.processEvents()
    ok = window.grab().save(str(options.screenshot), "PNG")
    window.close()
    if not ok:
        print(f"thoracic-trainer: error: could not write {options.screenshot}", file=sys.stderr)
        return 1
    return 0
