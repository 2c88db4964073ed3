"""Composition root: builds the services once and hands them to the window."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from trainer import qt_messages
from trainer.clock import Clocks
from trainer.history.store import HistoryError, HistoryStore
from trainer.options import Options
from trainer.outputs import atomic_output
from trainer.paths import assets_dir, data_dir
from trainer.session import ManualClock, Plan, PlanError, Tempo
from trainer.session.event_log import EventLog, EventLogError
from trainer.signals import QtSignals, exit_code
from trainer.text import plural
from trainer.ui.main_window import MainWindow
from trainer.voice.speaker import NullSpeaker, Speaker

if TYPE_CHECKING:
    from trainer.settings import Settings
    from trainer.voice.renderer import Clip

log = logging.getLogger("trainer")


class _FirstPaint(QObject):
    """For the start-up benchmark: report the first paint of the window, then quit."""

    def __init__(self, app: QApplication, clocks: Clocks) -> None:
        super().__init__()
        self.app = app
        self.clocks = clocks
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            print(f"FIRST_PAINT {self.clocks.now().timestamp():.6f}", flush=True)
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
        atexit.register(shutil.rmtree, fallback, True)  # "not kept" means not left behind either
        return fallback, (
            f"The data folder {path} cannot be written ({exc.strerror}); using {fallback} for now, "
            "which is not kept. Choose a writable folder with --data-dir."
        )


def make_speaker(options: Options, folder: Path, settings: Settings | None = None) -> Speaker:
    if not options.voice or options.speed > 1.5 or options.screenshot:
        return NullSpeaker()
    from trainer.voice.clip_speaker import ClipSpeaker  # lazy: QtMultimedia and the engine

    if settings is None:
        return ClipSpeaker(folder / "cache" / "voice")
    from trainer.settings import S

    return ClipSpeaker(
        folder / "cache" / "voice",
        voice=settings.get(S.voice_name),
        rate=settings.get(S.voice_rate),
        volume=settings.get(S.voice_volume),
    )


def _open_history(folder: Path, clocks: Clocks) -> tuple[HistoryStore | None, str | None]:
    try:
        store = HistoryStore.open(folder, clocks.now)
    except HistoryError as exc:
        return None, f"{exc} Sessions in this run are not saved."
    return store, store.notice


def _plan_from_settings(options: Options, settings: Settings) -> Plan:
    """Plan flags given on the command line win; the rest come from the user's saved settings."""
    from trainer.settings import S

    ex, plan, given = options.exercise, options.plan, options.explicit
    variant = plan.variant if "variant" in given else settings.get(S.plan_variant)
    if variant not in ex.variant_ids:
        variant = plan.variant
    try:
        return Plan.from_exercise(
            ex,
            variant,
            sets=plan.sets if "sets" in given else settings.get(S.plan_sets),
            reps=plan.reps if "reps" in given else settings.get(S.plan_reps),
            rest_s=plan.rest_s if "rest" in given else settings.get(S.plan_rest_s),
            tempo=plan.tempo if "tempo" in given else Tempo.parse(settings.get(S.plan_tempo)),
        )
    except PlanError as exc:
        log.warning("saved plan not usable (%s); using the exercise's plan", exc)
        return plan


def _no_display() -> bool:
    return not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run(options: Options, clocks: Clocks) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if _no_display():
        if (
            options.screenshot
            or options.rehearse
            or options.export_report
            or options.export_video
            or options.export_card
        ):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"  # scripted runs need no screen
        elif sys.platform.startswith("linux"):
            print(
                "thoracic-trainer: error: no display found (DISPLAY is not set). Run it from a desktop "
                "session, or use --rehearse/--screenshot, which work without a screen.",
                file=sys.stderr,
            )
            return 1
    qt_messages.install()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    signals = QtSignals()
    try:
        return _run(app, options, clocks, signals)
    finally:
        signals.close()


def _run(app: QApplication, options: Options, clocks: Clocks, signals: QtSignals) -> int:
    app.setApplicationName("Thoracic Trainer")
    app.setDesktopFileName("io.github.thoracictrainer.ThoracicTrainer")  # matches the .desktop file
    icon = assets_dir() / "icons" / "thoracic-trainer.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    folder, folder_problem = _prepare_data_dir(options.data_dir)
    interactive = not (
        options.screenshot or options.rehearse or options.export_report or options.export_video
    )
    if options.export_video:
        return _export_video(options, folder, clocks, signals)
    if options.export_card:
        from trainer.exports.card import write_card

        try:
            write_card(options.exercise, options.plan, options.export_card)
        except OSError as exc:
            print(f"thoracic-trainer: error: could not write {options.export_card}: {exc}", file=sys.stderr)
            return 2
        print(f"Wrote a one-page card for the {options.plan.variant} variant to {options.export_card}")
        return 0

    # Settings are read and written only when a person uses the window; scripted runs use the
    # flags and the exercise's defaults, so they are repeatable and change nothing.
    settings: Settings | None = None
    plan = options.plan
    weight = options.weight or ""
    if interactive:
        from trainer.settings import S, Settings

        settings = Settings(folder)
        plan = _plan_from_settings(options, settings)
        if options.weight is None:
            weight = settings.get(S.plan_weight)
    # A screenshot of the session would leave a half session behind: it records nothing.
    history, history_problem = (None, None)
    if not (options.screenshot and options.show == "main"):
        history, history_problem = _open_history(folder, clocks)
    if not interactive:
        # Nobody sees the window's notices in a scripted run: what is not kept is said on stderr.
        for problem in (folder_problem, None if options.export_report else history_problem):
            if problem:
                print(f"thoracic-trainer: {problem}", file=sys.stderr)
    if options.export_report:
        return _export_report(app, history, options.export_report, history_problem, clocks)

    scripted_clock = ManualClock() if options.screenshot else None
    try:
        events = EventLog(options.events) if options.events else None
    except EventLogError as exc:
        print(f"thoracic-trainer: error: {exc}", file=sys.stderr)
        return 2
    window = MainWindow(
        options.exercise,
        plan,
        NullSpeaker(),
        clocks=Clocks(monotonic=scripted_clock, now=clocks.now) if scripted_clock else clocks,
        speed=options.speed,
        listeners=(events,) if events else (),
        builtin_exercise=options.builtin,
        jump_threshold_s=float("inf") if scripted_clock else 5.0,
        history=history,
        settings=settings,
        weight=weight,
        ask_before_quitting=interactive,
    )
    if options.view != "side":
        from trainer.motion import YAW_BACK, YAW_THREE_QUARTER

        window.figure.set_yaw(YAW_BACK if options.view == "back" else YAW_THREE_QUARTER)
    if settings is not None:
        from trainer.settings import S

        window.set_text_scale(settings.get(S.ui_text_scale), save=False)
    for problem in (folder_problem, history_problem, settings.notice if settings else None):
        if problem:
            window.show_notice(problem)

    if os.environ.get("THORACIC_TRAINER_BENCH_STARTUP"):
        first = _FirstPaint(app, clocks)
        app.installEventFilter(first)  # any widget of the window painting counts
        window.show()
        return app.exec()

    if options.screenshot:  # any screen's size, whatever screen this runs on (default 1280×800)
        window.resize(*(options.window_size or (1280, 800)))
    window.show()
    if options.follow_along:
        if options.screenshot:  # the screen's size instead of this screen's full screen
            window.follow.render_at(*(options.window_size or (1280, 720)))
        window.follow.set_active(True)
    if options.screenshot and options.show != "main":
        return _screenshot_dialog(app, window, options)
    if options.screenshot:
        return _screenshot(app, window, options, scripted_clock)

    # The speech engine and audio load after the window is up (start-up stays quick).
    def attach_speaker() -> None:
        speaker = make_speaker(options, folder, settings)
        notice = getattr(speaker, "notice", None)
        if notice is not None:
            notice.connect(window.show_notice)
            cleared = getattr(speaker, "notice_cleared", None)
            if cleared is not None:
                cleared.connect(window.clear_notice)
            problem = getattr(speaker, "problem", None)
            if problem:
                window.show_notice(problem)
        window.speaker = speaker

    if settings is not None and not settings.get(S.safety_checked):
        # First launch: the safety questions come before the first session (they never block).
        QTimer.singleShot(0, window.open_safety_check)

    def end_by_signal(signum: int) -> None:
        # The set in progress is recorded with the reps done (the stop's events reach the recorder).
        ctl = window.controller
        if ctl is not None and not ctl.finished:
            ctl.stop()
        app.exit(exit_code(signum))

    signals.on_signal(end_by_signal)

    def start_rehearsal() -> None:
        window.start_session()
        if window.controller is not None:
            window.controller.auto_resume = True  # after a stall nobody is there to press Resume

    if options.rehearse:
        attach_speaker()

        def finished(_summary: object) -> None:
            QTimer.singleShot(300 if options.speed <= 1.5 else 0, app.quit)

        window.session_finished.connect(finished)
        QTimer.singleShot(0, start_rehearsal)
    else:
        QTimer.singleShot(0, attach_speaker)
    code = app.exec()
    if events:
        events.close()
        if events.problem:
            print(f"thoracic-trainer: error: {events.problem}", file=sys.stderr)
            code = code or 2
    if history is not None:
        history.close()
    return code


def _export_report(
    app: QApplication, history: HistoryStore | None, path: Path, problem: str | None, clocks: Clocks
) -> int:
    from trainer.exports.report import write_report

    if history is None:
        print(f"thoracic-trainer: error: {problem}", file=sys.stderr)
        return 1
    if problem:
        print(f"thoracic-trainer: {problem}", file=sys.stderr)
    try:
        sessions = history.sessions()
        if history.unreadable_notice():
            print(f"thoracic-trainer: {history.unreadable_notice()}", file=sys.stderr)
        rows = write_report(sessions, path, clocks.today())
    except OSError as exc:
        print(f"thoracic-trainer: error: could not write {path}: {exc}", file=sys.stderr)
        return 2
    finally:
        history.close()
    print(f"Wrote a one-page report listing {plural(rows, 'set')} to {path}")
    return 0


def _export_video(options: Options, folder: Path, clocks: Clocks, signals: QtSignals) -> int:
    """--export-video: the whole session as an MP4, with progress on stdout."""
    from trainer.exports.video import ExportCancelled, export_video
    from trainer.session.timeline import Timeline
    from trainer.voice.renderer import render_clips

    assert options.export_video is not None
    texts = Timeline.compile(options.plan, options.exercise).cue_texts()
    clips: dict[str, Clip] = {}
    if options.voice:
        clips, problems = render_clips(folder / "cache" / "voice", texts)
        if problems:
            print(
                f"thoracic-trainer: the voice could not be made ({problems[0]}); the video will be silent",
                file=sys.stderr,
            )
    shown = [-1]

    def progress(frame: int, frames: int) -> bool:
        pct = frame * 100 // frames
        if pct != shown[0] and (pct % 5 == 0 or frame == frames):
            shown[0] = pct
            print(f"Exporting video: {pct:3d}% ({frame} of {frames} frames)", flush=True)
        return signals.pending is None  # Ctrl+C / SIGTERM: stop, leaving no part file

    try:
        result = export_video(
            options.exercise,
            options.plan,
            options.export_video,
            clips,
            progress=progress,
        )
    except OSError as exc:
        print(f"thoracic-trainer: error: could not write {options.export_video}: {exc}", file=sys.stderr)
        return 2
    except ExportCancelled:
        print(
            f"thoracic-trainer: video export stopped; {options.export_video} was not written", file=sys.stderr
        )
        return exit_code(signals.pending or signal.SIGINT)
    print(
        f"Wrote {result.path}: {result.seconds:.1f} s, {result.frames} frames at {result.fps} fps, "
        f"{result.width}x{result.height}, {result.clips_spoken} spoken cues, in {result.took_s:.1f} s"
    )
    return 0


def _screenshot_dialog(app: QApplication, window: MainWindow, options: Options) -> int:
    """--screenshot FILE --show ready|progress|safety: what a person would see, without a session."""
    assert options.screenshot is not None
    if options.show == "ready":  # the window at launch, before Start
        target: QWidget | None = window
    elif options.show == "progress":
        target = window.exports.open_progress()
    else:
        target = window.open_safety_check()
    dialog = target
    if dialog is None:
        print("thoracic-trainer: error: the history is not available", file=sys.stderr)
        return 1
    for _ in range(10):
        app.processEvents()
    ok = _save_png(dialog, options.screenshot)
    if dialog is not window:
        dialog.close()
    window.close()
    if not ok:
        print(f"thoracic-trainer: error: could not write {options.screenshot}", file=sys.stderr)
    return 0 if ok else 2


def _save_png(widget: QWidget, path: Path) -> bool:
    """The picture through the one atomic writer; False (nothing left behind) if it failed."""
    try:
        with atomic_output(path) as tmp:
            if not widget.grab().save(str(tmp), "PNG"):
                raise OSError(f"could not write {path}")
    except OSError:
        return False
    return True


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
    ok = _save_png(window, options.screenshot)
    window.close()
    if not ok:
        print(f"thoracic-trainer: error: could not write {options.screenshot}", file=sys.stderr)
        return 2
    return 0
