"""Check my setup: can the coach speak on this machine, and can the history be saved?

``run_checks`` tries, in order: the speech library, its voices, an audio output, rendering a test
phrase with the real ClipRenderer, playing it with QtMultimedia, and the data folder. Every check has
its own timeout and catches every exception, so one failure never hides the others. A check that
cannot run because an earlier one failed is *skipped*: ``ok`` is False (the capability is not
there) but ``skipped`` is True, its detail says which check it needs, and it is not counted as a
problem of its own; one cause is blamed once. A check skipped on request (``play=False``) is ok.

Used by ``thoracic-trainer --self-check`` and ``python -m trainer.selfcheck`` (text report,
exit 0 when all is well, 1 otherwise), and by the Help ▸ Check my setup dialog, which runs this
module in a child process with JSON Lines output (speech engines keep process-wide state; see
trainer/ui/selfcheck_dialog.py).

Qt is imported lazily, in the audio checks only (QtCore/QtMultimedia, never QtWidgets).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from trainer.clock import Clocks, watchdog_monotonic
from trainer.text import plural
from trainer.voice.renderer import Clip, ClipRenderer, default_engine_factory, espeak_idle
from trainer.voice.synth_process import engine_fix

TEST_PHRASE = "Thoracic Trainer here. Your voice coach is ready."
JSON_ENV = "THORACIC_TRAINER_SELFCHECK_OUTPUT"  # "json": main() prints JSON Lines (for the dialog)

SPEECH_LIBRARY = "Speech library"
VOICES = "Voices"
AUDIO_OUTPUT = "Audio output"
TEST_PHRASE_CHECK = "Test phrase"
PLAYBACK = "Playback"
DATA_FOLDER = "Data folder"
MICROPHONE = "Microphone (spoken commands)"
CHECK_NAMES = (SPEECH_LIBRARY, VOICES, AUDIO_OUTPUT, TEST_PHRASE_CHECK, PLAYBACK, DATA_FOLDER, MICROPHONE)

T = TypeVar("T")


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    skipped: bool = False  # did not run: needs an earlier check (ok=False) or not asked to (ok=True)

    @property
    def problem(self) -> bool:
        """A cause of its own (a check skipped because of another one is not)."""
        return not self.ok and not self.skipped

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckResult:
        return cls(
            name=str(data["name"]),
            ok=bool(data["ok"]),
            detail=str(data["detail"]),
            fix=str(data.get("fix", "")),
            skipped=bool(data.get("skipped", False)),
        )


def _skip(name: str, needs: str) -> CheckResult:
    return CheckResult(name, False, f"skipped: needs {needs}", skipped=True)


# ---------------------------------------------------------------------------------------- fixes
def _speech_fix() -> str:
    if sys.platform == "win32":
        return (
            "Windows' own voices (SAPI5) come with Windows; reinstall Thoracic Trainer so that its "
            "speech helpers (pyttsx3, comtypes, pywin32) are complete, then run this check again."
        )
    if sys.platform == "darwin":
        return (
            "macOS's own voices (NSSpeechSynthesizer) come with macOS; reinstall Thoracic Trainer so "
            "that its speech helpers (pyttsx3, pyobjc) are complete, then run this check again."
        )
    return (
        "Install the espeak-ng speech engine. On Debian or Ubuntu: sudo apt-get install espeak-ng "
        "(this also installs the library package libespeak-ng1). On other Linux systems install the "
        "package espeak-ng with your package manager. Then run this check again."
    )


PYTTSX3_FIX = (
    "Reinstall Thoracic Trainer (it needs the Python package pyttsx3 2.99), then run this check again."
)
VOICES_FIX = (
    "The speech engine has no voices. On Debian or Ubuntu: sudo apt-get install espeak-ng-data "
    "(other systems: reinstall espeak-ng), then run this check again."
)
ENGINE_START_FIX = (
    "Reinstall the speech engine (on Debian or Ubuntu: sudo apt-get install --reinstall espeak-ng "
    "espeak-ng-data), then run this check again."
)
AUDIO_FIX = (
    "Connect speakers or headphones (or switch on Bluetooth ones) and make sure the sound is not muted. "
    "Check that the sound system is running: on Linux, 'pactl info' should answer; if it does not, "
    "start it with 'pulseaudio --start' (or 'systemctl --user start pipewire-pulse' on PipeWire "
    "systems), or log out and in again. Then run this check again."
)
PLAYBACK_FIX = (
    "Check that the right speakers or headphones are chosen in your system's sound settings and that "
    "no other program holds the sound device, then run this check again."
)
DATA_FIX = (
    "Choose a folder you can write to with --data-dir FOLDER or the THORACIC_TRAINER_HOME environment "
    "variable, or fix the folder's permissions (it must belong to you and be writable)."
)
HANG_FIX = (
    "Close other programs that speak, then run this check again. If it keeps happening, reinstall the "
    "speech engine (on Debian or Ubuntu: sudo apt-get install --reinstall espeak-ng)."
)


# ---------------------------------------------------------------------------------------- waiting
class _TimedOut(Exception):
    pass


def _qt_pump() -> Callable[[], None] | None:
    """Process Qt events while we wait, if a Qt application runs on this (the main) thread."""
    core = sys.modules.get("PySide6.QtCore")
    if core is None or threading.current_thread() is not threading.main_thread():
        return None
    if core.QCoreApplication.instance() is None:
        return None

    def pump() -> None:
        core.QCoreApplication.processEvents(core.QEventLoop.ProcessEventsFlag.AllEvents, 10)
        time.sleep(0.003)

    return pump


def _wait(done: Callable[[], bool], timeout_s: float) -> bool:
    deadline = watchdog_monotonic() + timeout_s
    pump = _qt_pump()
    while not done():
        if watchdog_monotonic() >= deadline:
            return False
        if pump is not None:
            pump()
        else:
            time.sleep(0.003)
    return True


def _in_thread(fn: Callable[[], T], timeout_s: float, name: str) -> T:
    """Run fn in a daemon thread; its result, its exception, or _TimedOut (the thread is left behind)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=run, name=f"selfcheck-{name}", daemon=True)
    thread.start()
    if not _wait(lambda: not thread.is_alive(), timeout_s):
        raise _TimedOut(name)
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value


def _guard(name: str, check: Callable[[], CheckResult]) -> CheckResult:
    try:
        return check()
    except Exception as exc:
        return CheckResult(
            name,
            False,
            f"the check itself failed ({type(exc).__name__}: {exc})",
            "Please run this check again; if it keeps failing, report the message above.",
        )


# ---------------------------------------------------------------------------------------- checks
def _check_speech_library(timeout_s: float) -> CheckResult:
    def probe() -> CheckResult:
        from importlib import import_module
        from importlib.metadata import PackageNotFoundError, version

        try:
            import pyttsx3.engine
        except ImportError as exc:
            return CheckResult(SPEECH_LIBRARY, False, f"pyttsx3 is not installed ({exc})", PYTTSX3_FIX)
        try:
            pyttsx3_version = version("pyttsx3")
        except PackageNotFoundError:
            pyttsx3_version = "(version unknown)"
        driver = str(pyttsx3.engine.default_engine_by_sys_platform())
        if driver != "espeak":
            system_voice = {"sapi5": "Windows SAPI5", "nsss": "macOS NSSpeechSynthesizer"}.get(driver, driver)
            try:
                import_module(f"pyttsx3.drivers.{driver}")
            except Exception as exc:
                return CheckResult(
                    SPEECH_LIBRARY,
                    False,
                    f"the {system_voice} voice could not be loaded ({type(exc).__name__}: {exc})",
                    _speech_fix(),
                )
            return CheckResult(SPEECH_LIBRARY, True, f"{system_voice} found (pyttsx3 {pyttsx3_version})")
        # The way pyttsx3's espeak driver does it: importing _espeak loads libespeak-ng.so.1.
        try:
            espeak = import_module("pyttsx3.drivers._espeak")
        except Exception as exc:
            return CheckResult(
                SPEECH_LIBRARY,
                False,
                f"the espeak-ng speech engine was not found ({_why_espeak_missing(exc)}); "
                f"pyttsx3 {pyttsx3_version} is installed but cannot speak without it",
                _speech_fix(),
            )
        return CheckResult(
            SPEECH_LIBRARY, True, f"espeak-ng{_espeak_version(espeak)} found (pyttsx3 {pyttsx3_version})"
        )

    try:
        return _in_thread(probe, timeout_s, "speech-library")
    except _TimedOut:
        return CheckResult(
            SPEECH_LIBRARY,
            False,
            f"loading the speech library did not finish within {timeout_s:g} s",
            HANG_FIX,
        )


def _why_espeak_missing(exc: BaseException) -> str:
    """pyttsx3 only says 'probably not installed'; ask the loader itself for the reason."""
    import ctypes

    try:
        ctypes.cdll.LoadLibrary("libespeak-ng.so.1")
    except OSError as os_error:
        return str(os_error)
    except Exception:
        pass
    return f"{type(exc).__name__}: {exc}"


def _espeak_version(espeak: Any) -> str:
    import ctypes

    try:
        info = espeak.dll.espeak_Info
        info.restype = ctypes.c_char_p
        info.argtypes = [ctypes.c_void_p]
        raw = info(None)
        return f" {raw.decode()}" if raw else ""
    except Exception:
        return ""


def _engine_process_problem() -> str | None:
    """None if the speech process starts (the engine and its voice data load), else why not."""
    from trainer.voice.synth_process import SynthFailed, SynthProcess

    process = SynthProcess()
    try:
        process.call({"op": "voices"})
    except SynthFailed as exc:
        return str(exc)
    finally:
        process.close()
    return None


class _EngineProbe:
    """Wraps the engine factory so the voices are listed by the renderer's own thread, with its engine.

    pyttsx3 engines must be created and used in one thread, and espeak-ng keeps one synthesis
    callback per process, so the self-check uses exactly one engine: the ClipRenderer's.
    """

    def __init__(self, factory: Callable[[], Any]) -> None:
        self.factory = factory
        self.done = threading.Event()
        self.error: BaseException | None = None
        self.voices: list[Any] = []
        self.current: str = ""
        self.ready_at = 0.0  # monotonic time the engine was ready, to time the render alone

    def __call__(self) -> Any:
        try:
            engine = self.factory()
            self.voices = list(engine.getProperty("voices") or [])
            self.current = str(engine.getProperty("voice") or "")
        except BaseException as exc:
            self.error = exc
            self.done.set()
            raise
        self.ready_at = watchdog_monotonic()
        self.done.set()
        return engine


def _is_english(voice: Any) -> bool:
    langs = [str(x).lower() for x in (getattr(voice, "languages", None) or [])]
    vid = str(getattr(voice, "id", "")).lower().rsplit("/", 1)[-1]
    return any(lang.startswith("en") for lang in langs) or vid.startswith("en")


def _voices_result(probe: _EngineProbe) -> CheckResult:
    voices = probe.voices
    if not voices:
        return CheckResult(VOICES, False, "the speech engine lists no voices", VOICES_FIX)
    default = next((v for v in voices if str(getattr(v, "id", "")) == probe.current), None)
    default_name = (
        f"{getattr(default, 'name', probe.current)} ({probe.current})" if default else probe.current or "none"
    )
    english = [v for v in voices if _is_english(v)]
    note = (
        f"{plural(len(english), 'English voice')}"
        if english
        else "no English voice (the coach speaks English, so it may sound odd)"
    )
    return CheckResult(VOICES, True, f"{plural(len(voices), 'voice')}; default: {default_name}; {note}")


def _ensure_qt_app() -> Any:
    from PySide6.QtCore import QCoreApplication

    from trainer import qt_messages

    app = QCoreApplication.instance()
    if app is None:
        # QMediaDevices and QSoundEffect work with a plain QCoreApplication: no display needed.
        app = QCoreApplication([sys.argv[0] if sys.argv and sys.argv[0] else "thoracic-trainer"])
        qt_messages.install()  # this process's own application (not the window's): its noise filter too
    return app


def _sound_server_answers() -> bool | None:
    """True/False when 'pactl info' can tell (Linux with PulseAudio or PipeWire tools), else None."""
    if not sys.platform.startswith("linux") or shutil.which("pactl") is None:
        return None
    try:
        return subprocess.run(["pactl", "info"], capture_output=True, timeout=3).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _check_audio_output() -> tuple[CheckResult, bool]:
    _ensure_qt_app()
    from PySide6.QtMultimedia import QMediaDevices

    outputs = QMediaDevices.audioOutputs()
    if not outputs:
        server = _sound_server_answers()
        why = {
            True: " (the sound system answers, but it offers no speakers or headphones)",
            False: " (the sound system, PulseAudio or PipeWire, is not answering)",
            None: "",
        }[server]
        return CheckResult(AUDIO_OUTPUT, False, f"no audio output was found{why}", AUDIO_FIX), False
    default = QMediaDevices.defaultAudioOutput()
    name = default.description() if not default.isNull() else outputs[0].description()
    others = f" ({plural(len(outputs), 'output')} in all)" if len(outputs) > 1 else ""
    return CheckResult(AUDIO_OUTPUT, True, f"{name}{others}"), True


MIC_FIX = (
    "Only needed for spoken commands (Voice ▸ Listen for commands); everything else works "
    "without one. Plug in a headset or a USB microphone (a laptop's built-in microphone may be "
    "switched off: look under Input in the sound settings), make sure it is not muted, then run "
    "this check again."
)


def _check_microphone() -> CheckResult:
    _ensure_qt_app()
    from PySide6.QtMultimedia import QMediaDevices

    inputs = QMediaDevices.audioInputs()
    if not inputs:
        server = _sound_server_answers()
        why = {
            True: " (the sound system answers, but it offers no microphone)",
            False: " (the sound system, PulseAudio or PipeWire, is not answering)",
            None: "",
        }[server]
        return CheckResult(MICROPHONE, False, f"no microphone was found{why}", MIC_FIX)
    default = QMediaDevices.defaultAudioInput()
    name = default.description() if not default.isNull() else inputs[0].description()
    try:
        from trainer.listen.decoder import model_dir

        model = model_dir()
    except Exception as exc:
        return CheckResult(MICROPHONE, False, f"{name}, but {exc}", "Reinstall the trainer.")
    if not (model / "en-us").is_dir():
        return CheckResult(
            MICROPHONE, False, f"{name}, but the speech model is missing", "Reinstall the trainer."
        )
    return CheckResult(MICROPHONE, True, f"{name}; the command recogniser is installed")


def _play(clip: Clip, timeout_s: float) -> CheckResult:
    _ensure_qt_app()
    from PySide6.QtCore import QUrl
    from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

    device = QMediaDevices.defaultAudioOutput()
    effect = QSoundEffect()
    try:
        if not device.isNull():
            effect.setAudioDevice(device)
        effect.setSource(QUrl.fromLocalFile(str(clip.path)))
        loaded = _wait(
            lambda: effect.status() in (QSoundEffect.Status.Ready, QSoundEffect.Status.Error),
            min(timeout_s, 5.0),
        )
        if not loaded or effect.status() is not QSoundEffect.Status.Ready:
            state = "could not be loaded" if loaded else f"did not load within {min(timeout_s, 5.0):g} s"
            return CheckResult(PLAYBACK, False, f"the test clip {state} for playing", PLAYBACK_FIX)
        t0 = watchdog_monotonic()
        effect.play()
        limit = clip.seconds + max(2.0, min(timeout_s, 5.0))
        finished = _wait(lambda: not effect.isPlaying(), limit)
        took = watchdog_monotonic() - t0
        if not finished:
            return CheckResult(
                PLAYBACK,
                False,
                f"the {clip.seconds:.1f} s test phrase was still playing after {limit:.0f} s",
                PLAYBACK_FIX,
            )
        if effect.status() is QSoundEffect.Status.Error or took < 0.5 * clip.seconds:
            return CheckResult(
                PLAYBACK,
                False,
                f"the {clip.seconds:.1f} s test phrase stopped after {took:.1f} s: "
                "the sound did not reach the output",
                PLAYBACK_FIX,
            )
        where = device.description() if not device.isNull() else "the default output"
        return CheckResult(
            PLAYBACK,
            True,
            f"played on {where} in {took:.1f} s ({clip.seconds:.1f} s phrase); "
            "heard nothing? turn the volume up",
        )
    finally:
        effect.stop()  # the effect has no parent: it is deleted with this frame


def _check_data_folder(data_dir: Path, now: Callable[[], datetime], timeout_s: float) -> CheckResult:
    folder = data_dir.expanduser().absolute()

    def probe() -> CheckResult:
        from trainer.history.store import HistoryError, HistoryStore

        try:
            folder.mkdir(parents=True, exist_ok=True)
            scratch = folder / f".selfcheck-{os.getpid()}.tmp"
            scratch.write_text("Thoracic Trainer self-check\n", encoding="utf-8")
            scratch.unlink()
        except OSError as exc:
            return CheckResult(
                DATA_FOLDER, False, f"{folder} cannot be used: {exc.strerror or exc}", DATA_FIX
            )
        try:
            store = HistoryStore.open(folder, now)
        except HistoryError as exc:
            return CheckResult(DATA_FOLDER, False, f"{folder}: the history cannot be opened: {exc}", DATA_FIX)
        try:
            notice = f" Note: {store.notice}" if store.notice else ""
        finally:
            store.close()
        return CheckResult(DATA_FOLDER, True, f"{folder} is writable and the history opens.{notice}")

    try:
        return _in_thread(probe, timeout_s, "data-folder")
    except _TimedOut:
        return CheckResult(
            DATA_FOLDER,
            False,
            f"{folder} did not answer within {timeout_s:g} s (a slow network drive?)",
            DATA_FIX,
        )


# ---------------------------------------------------------------------------------------- run
def run_checks(
    data_dir: Path,
    *,
    now: Callable[[], datetime],
    play: bool = True,
    engine_factory: Callable[[], Any] = default_engine_factory,
    timeout_s: float = 15.0,
    on_result: Callable[[CheckResult], None] | None = None,
) -> list[CheckResult]:
    """All checks in order (CHECK_NAMES). Never raises, never waits longer than each check's timeout.

    engine_factory is the one ClipRenderer uses (tests hand in fakes). on_result is called after
    each check, in order, on the calling thread.
    """
    results: list[CheckResult] = []

    def add(result: CheckResult) -> None:
        results.append(result)
        if on_result is not None:
            on_result(result)

    with tempfile.TemporaryDirectory(prefix="thoracic-selfcheck-", ignore_cleanup_errors=True) as tmp:
        # 1. Speech library
        library = _guard(SPEECH_LIBRARY, lambda: _check_speech_library(timeout_s))
        add(library)

        # 2. Voices, listed by the renderer's thread as it starts the engine for the test phrase.
        clips: list[Clip] = []
        errors: list[str] = []
        finished_at: list[float] = []
        probe = _EngineProbe(engine_factory)
        renderer: ClipRenderer | None = None
        engine_ok = False
        if not library.ok:
            add(_skip(VOICES, "the speech library"))
        else:

            def ready(clip: Clip) -> None:
                finished_at.append(watchdog_monotonic())
                clips.append(clip)

            def failed(why: str) -> None:
                finished_at.append(watchdog_monotonic())
                errors.append(why)

            def start_and_list() -> CheckResult:
                nonlocal renderer, engine_ok
                if engine_factory is default_engine_factory:
                    # espeak-ng exit()s on broken voice data: try it in a child first, and name the cause.
                    problem = _engine_process_problem()
                    if problem is not None:
                        return CheckResult(
                            VOICES,
                            False,
                            f"the speech engine could not start ({problem})",
                            engine_fix(problem),
                        )
                idle = espeak_idle if engine_factory is default_engine_factory else (lambda: True)
                renderer = ClipRenderer(Path(tmp), ready, failed, engine_factory=probe, engine_idle=idle)
                renderer.request([TEST_PHRASE])
                if not _wait(probe.done.is_set, timeout_s):
                    return CheckResult(
                        VOICES, False, f"the speech engine did not start within {timeout_s:g} s", HANG_FIX
                    )
                if probe.error is not None:
                    err = probe.error
                    return CheckResult(
                        VOICES,
                        False,
                        f"the speech engine could not start ({type(err).__name__}: {err})",
                        ENGINE_START_FIX,
                    )
                engine_ok = True
                return _voices_result(probe)

            add(_guard(VOICES, start_and_list))

        # 3. Audio output (the phrase renders meanwhile)
        has_output = False

        def audio() -> CheckResult:
            nonlocal has_output
            result, has_output = _check_audio_output()
            return result

        add(_guard(AUDIO_OUTPUT, audio))

        # 4. Test phrase
        clip: Clip | None = None
        if not library.ok:
            add(_skip(TEST_PHRASE_CHECK, "the speech library"))
        elif not engine_ok:
            add(_skip(TEST_PHRASE_CHECK, "a working speech engine (see Voices)"))
        else:

            def phrase() -> CheckResult:
                nonlocal clip
                if not _wait(lambda: bool(clips or errors), timeout_s):
                    return CheckResult(
                        TEST_PHRASE_CHECK,
                        False,
                        f"the speech engine did not answer within {timeout_s:g} s (no clip was written)",
                        HANG_FIX,
                    )
                if errors:
                    return CheckResult(
                        TEST_PHRASE_CHECK, False, f"the test phrase could not be made ({errors[0]})", HANG_FIX
                    )
                clip = clips[0]
                ms = (finished_at[0] - probe.ready_at) * 1000
                return CheckResult(
                    TEST_PHRASE_CHECK, True, f"rendered in {ms:.0f} ms, {clip.seconds:.1f} s of speech"
                )

            add(_guard(TEST_PHRASE_CHECK, phrase))

        # 5. Playback
        if not play:
            add(CheckResult(PLAYBACK, True, "skipped: not asked to play the phrase", skipped=True))
        elif not has_output:
            add(_skip(PLAYBACK, "an audio output"))
        elif clip is None:
            add(_skip(PLAYBACK, "the test phrase"))
        else:
            played = clip
            add(_guard(PLAYBACK, lambda: _play(played, timeout_s)))

        # 6. Data folder
        add(_guard(DATA_FOLDER, lambda: _check_data_folder(data_dir, now, timeout_s)))

        # 7. Microphone (only for spoken commands)
        if not has_output and _sound_server_answers() is False:
            add(_skip(MICROPHONE, "the sound system (see Audio output)"))
        else:
            add(_guard(MICROPHONE, _check_microphone))

        if renderer is not None:
            renderer.close(timeout=0.2)  # a hanging engine stays behind in its daemon thread
    return results


# ---------------------------------------------------------------------------------------- report
def result_line(result: CheckResult) -> str:
    mark = "✔" if result.ok and not result.skipped else ("✘" if result.problem else "–")
    return f"{mark} {result.name} — {result.detail}"


def summary(results: Sequence[CheckResult]) -> str:
    problems = [r for r in results if r.problem]
    if not problems and all(r.ok for r in results):
        played = any(r.name == PLAYBACK and not r.skipped for r in results)
        return "All is well: the coach can speak." if played else "All is well (the phrase was not played)."
    n = max(len(problems), 1)
    text = f"{plural(n, 'problem')} found (see above)."
    if any(r.name != DATA_FOLDER and not r.ok for r in results):
        text += " The trainer still works with captions on screen."
    if any(r.name == DATA_FOLDER and not r.ok for r in results):
        text += " Your sessions cannot be saved until the data folder is fixed."
    return text


def report(results: Sequence[CheckResult]) -> str:
    lines: list[str] = []
    for r in results:
        lines.append(result_line(r))
        if r.fix and not r.ok:
            lines.append(f"    Fix: {r.fix}")
    lines.append(summary(results))
    return "\n".join(lines)


def _prepare_environment() -> None:
    # Audio only needs a QCoreApplication, but keep any later QGuiApplication off a missing display.
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith(
        "linux"
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Qt Multimedia's start-up chatter (FFmpeg version, optional PipeWire library) is not for users.
    os.environ.setdefault(
        "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
    )


def main(
    data_dir: Path | None = None,
    *,
    now: Callable[[], datetime],
    play: bool = True,
    as_json: bool | None = None,
) -> int:
    """Print the report to stdout (JSON Lines with as_json or $THORACIC_TRAINER_SELFCHECK_OUTPUT=json).

    Returns the exit code: 0 when all is well, else 1.
    """
    from trainer.paths import data_dir as default_data_dir

    _prepare_environment()
    if as_json is None:
        as_json = os.environ.get(JSON_ENV, "") == "json"
    folder = data_dir if data_dir is not None else default_data_dir(None)
    if as_json:
        # JSON Lines (ASCII, whatever the console's encoding), each result as soon as it is known,
        # so the dialog can show progress.
        def emit(result: CheckResult) -> None:
            print(json.dumps(result.to_json()), flush=True)

        results = run_checks(folder, now=now, play=play, on_result=emit)
    else:
        results = run_checks(folder, now=now, play=play)
        text = report(results)
        try:
            text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
        except (UnicodeEncodeError, LookupError):
            text = text.replace("✔", "OK").replace("✘", "X").replace("—", "-").replace("–", "-")
        print(text)
    sys.stdout.flush()
    return 0 if all(r.ok for r in results) else 1


def _cli(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m trainer.selfcheck", description="Check that the coach can speak here."
    )
    parser.add_argument("--data-dir", help="the data folder to check (default: as the trainer uses)")
    parser.add_argument("--no-play", action="store_true", help="do not play the test phrase")
    parser.add_argument("--json", action="store_true", help="print each result as a line of JSON")
    a = parser.parse_args(argv)
    return main(
        Path(a.data_dir) if a.data_dir else None,
        now=Clocks.system().now,  # a process of its own: its entry point builds the clocks
        play=not a.no_play,
        as_json=True if a.json else None,
    )


if __name__ == "__main__":
    sys.exit(_cli())
