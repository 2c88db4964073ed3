"""Check my setup: the real self-check in subprocesses on a working machine, without espeak-ng (made
to fail where the OS loads the library), without a sound server, with an unwritable data folder; a
hanging engine in-process; and the dialog."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
import wave
from types import SimpleNamespace

import pytest

from tests.conftest import ROOT
from tests.fixed_time import fixed_now
from trainer.selfcheck import checks as selfcheck
from trainer.selfcheck.checks import CHECK_NAMES, CheckResult, report, run_checks

MARKS = ("✔", "✘", "–")


def pulse_running() -> bool:
    if shutil.which("pactl") is None:
        return False
    return subprocess.run(["pactl", "info"], capture_output=True).returncode == 0


def run_selfcheck(*args: str, env: dict[str, str] | None = None, timeout: float = 90):
    e = dict(os.environ)
    e.pop(selfcheck.JSON_ENV, None)
    e.setdefault("PYTHONIOENCODING", "utf-8")
    if env:
        e.update(env)
    return subprocess.run(
        [sys.executable, "-m", "trainer.selfcheck", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=e,
    )


def parse(stdout: str) -> tuple[dict[str, str], str]:
    """{check name: its line plus its Fix line}, and the summary (last line)."""
    lines = stdout.rstrip("\n").splitlines()
    checks: dict[str, str] = {}
    current = ""
    for line in lines[:-1]:
        if line[:1] in MARKS:
            current = line.split(" — ", 1)[0][2:]
            checks[current] = line
        else:
            assert line.startswith("    Fix: "), line
            checks[current] += "\n" + line
    assert list(checks) == list(CHECK_NAMES), stdout
    return checks, lines[-1]


@pytest.mark.slow
@pytest.mark.audio
@pytest.mark.skipif(not pulse_running(), reason="no PulseAudio server (scripts/run-tests starts one)")
def test_a_working_machine_passes_every_check(tmp_path):
    r = run_selfcheck("--data-dir", str(tmp_path / "data"))
    assert r.returncode == 0, r.stdout + r.stderr
    checks, last = parse(r.stdout)
    assert all(line.startswith("✔") for line in checks.values()), r.stdout
    assert "espeak-ng" in checks["Speech library"] and "pyttsx3 2.99" in checks["Speech library"]
    assert "Null Output" in checks["Audio output"]
    assert "played on Null Output" in checks["Playback"]
    assert "command recogniser is installed" in checks["Microphone (spoken commands)"]
    assert str((tmp_path / "data").absolute()) in checks["Data folder"]
    assert (tmp_path / "data" / "history.sqlite3").exists()
    assert last == "All is well: the coach can speak."


NO_ESPEAK = textwrap.dedent(
    """
    # Loaded at start-up: the OS "cannot find" espeak-ng, whichever way ctypes is asked.
    import ctypes

    MESSAGE = "libespeak-ng.so.1: cannot open shared object file: No such file or directory"
    _load, _CDLL = ctypes.cdll.LoadLibrary, ctypes.CDLL


    def _refuse(name):
        if name and "espeak" in str(name).lower():
            raise OSError(MESSAGE)


    def load_library(name, *args, **kwargs):
        _refuse(name)
        return _load(name, *args, **kwargs)


    class CDLL(_CDLL):
        def __init__(self, name, *args, **kwargs):
            _refuse(name)
            super().__init__(name, *args, **kwargs)


    ctypes.cdll.LoadLibrary = load_library
    ctypes.CDLL = CDLL
    """
)


@pytest.mark.slow
def test_without_espeak_ng_the_speech_library_is_blamed_once_with_the_fix(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_ESPEAK)
    path = os.pathsep.join(p for p in (str(site), str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    r = run_selfcheck("--data-dir", str(tmp_path / "data"), env={"PYTHONPATH": path})
    assert r.returncode == 1, r.stdout + r.stderr
    checks, last = parse(r.stdout)
    library = checks["Speech library"]
    assert library.startswith("✘ Speech library — ") and "espeak-ng" in library
    assert "libespeak-ng.so.1: cannot open shared object file" in library
    assert "sudo apt-get install espeak-ng" in library and "libespeak-ng1" in library
    assert checks["Voices"] == "– Voices — skipped: needs the speech library"
    assert checks["Test phrase"] == "– Test phrase — skipped: needs the speech library"
    assert checks["Playback"].startswith("– Playback — skipped:")
    assert "Fix:" not in checks["Voices"] + checks["Test phrase"] + checks["Playback"]
    assert checks["Data folder"].startswith("✔")
    if pulse_running():
        assert checks["Audio output"].startswith("✔")
    problems = "1 problem" if checks["Audio output"].startswith("✔") else "2 problems"  # no sound server
    assert last == f"{problems} found (see above). The trainer still works with captions on screen."


@pytest.mark.slow
def test_without_a_sound_server_the_audio_output_is_explained(tmp_path):
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    no_sound = {
        "PULSE_SERVER": "unix:/nonexistent/pulse/native",
        "PIPEWIRE_REMOTE": "/nonexistent/pipewire-0",
        "XDG_RUNTIME_DIR": str(runtime),  # where PulseAudio and PipeWire look for their sockets
    }
    r = run_selfcheck("--data-dir", str(tmp_path / "data"), env=no_sound)
    checks, last = parse(r.stdout)
    if checks["Audio output"].startswith("✔"):
        pytest.skip(f"Qt still finds an output without a sound server here: {checks['Audio output']}")
    assert r.returncode == 1, r.stdout + r.stderr
    audio = checks["Audio output"]
    assert audio.startswith("✘ Audio output — no audio output was found")
    assert "Fix: Connect speakers or headphones" in audio and "pulseaudio --start" in audio
    assert "not muted" in audio
    assert checks["Speech library"].startswith("✔")
    assert checks["Voices"].startswith("✔")
    assert checks["Test phrase"].startswith("✔ Test phrase — rendered in")
    assert checks["Playback"] == "– Playback — skipped: needs an audio output"
    assert checks["Data folder"].startswith("✔")
    assert last.startswith("1 problem found")


@pytest.mark.slow
@pytest.mark.audio
def test_a_machine_with_no_microphone_is_explained_in_plain_words_with_a_fix(tmp_path):
    from tests.listen.conftest import start_private_pulse

    env, server = start_private_pulse(tmp_path, microphone=False)  # speakers, no microphone
    try:
        r = run_selfcheck("--data-dir", str(tmp_path / "data"), env={"PULSE_SERVER": env["PULSE_SERVER"]})
    finally:
        server.terminate()
        server.wait(5)
    checks, last = parse(r.stdout)
    assert checks["Audio output"].startswith("✔"), r.stdout
    mic = checks["Microphone (spoken commands)"]
    assert mic.startswith(
        "✘ Microphone (spoken commands) — no microphone was found "
        "(the sound system answers, but it offers no microphone)"
    ), mic
    assert "Fix: Only needed for spoken commands" in mic and "everything else works without one" in mic
    assert "Plug in a headset or a USB microphone" in mic and "not muted" in mic
    assert last.startswith("1 problem found"), r.stdout


class FakeEngine:
    """Lists one English voice; runAndWait writes a 1 s WAV, or blocks until released (a hang)."""

    def __init__(self, hang: bool = False) -> None:
        self.hang = hang
        self.release = threading.Event()
        self.target = ""

    def getProperty(self, name):
        if name == "voices":
            return [SimpleNamespace(id="gmw/en", name="English", languages=["en"])]
        return "gmw/en" if name == "voice" else None

    def setProperty(self, name, value):
        pass

    def save_to_file(self, text, filename):
        self.target = filename

    def runAndWait(self):
        if self.hang:
            self.release.wait(60)
            return
        with wave.open(self.target, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(22050)
            w.writeframes(b"\0\0" * 22050)


@pytest.fixture
def no_pactl(monkeypatch):
    """These checks are not about the sound system: with no sound server running, the audio
    check asked `pactl info`, a process in the quick (not slow) tests."""
    monkeypatch.setattr(selfcheck, "_sound_server_answers", lambda: None)


def test_an_unwritable_data_folder_is_named(qapp, tmp_path, no_pactl):
    blocker = tmp_path / "file.txt"
    blocker.write_text("a file, not a folder")
    folder = blocker / "sub"
    results = run_checks(folder, now=fixed_now, play=False, engine_factory=FakeEngine, timeout_s=5)
    data = next(r for r in results if r.name == "Data folder")
    assert not data.ok and not data.skipped
    assert str(folder) in data.detail and "--data-dir" in data.fix and "THORACIC_TRAINER_HOME" in data.fix
    text = report(results)
    assert f"✘ Data folder — {folder} cannot be used" in text
    assert "Your sessions cannot be saved until the data folder is fixed." in text.splitlines()[-1]
    by_name = {r.name: r for r in results}
    assert by_name["Test phrase"].ok and by_name["Voices"].ok  # the fake engine did its part


def test_a_hanging_engine_is_reported_and_does_not_hang_the_check(qapp, tmp_path, no_pactl):
    engine = FakeEngine(hang=True)
    seen: list[CheckResult] = []
    t0 = time.monotonic()
    try:
        results = run_checks(
            tmp_path / "data",
            now=fixed_now,
            play=True,
            engine_factory=lambda: engine,
            timeout_s=1.0,
            on_result=seen.append,
        )
    finally:
        engine.release.set()
    assert time.monotonic() - t0 < 10
    assert [r.name for r in results] == list(CHECK_NAMES) and seen == results
    by_name = {r.name: r for r in results}
    assert by_name["Voices"].ok and "1 voice; default: English (gmw/en)" in by_name["Voices"].detail
    phrase = by_name["Test phrase"]
    assert not phrase.ok and not phrase.skipped
    assert "did not answer within 1 s" in phrase.detail and phrase.fix
    needs = "an audio output" if not by_name["Audio output"].ok else "the test phrase"
    assert by_name["Playback"].detail == f"skipped: needs {needs}" and not by_name["Playback"].ok
    assert by_name["Data folder"].ok


def test_report_blames_each_cause_once():
    results = [
        CheckResult("Speech library", False, "espeak-ng was not found", "install it"),
        CheckResult("Voices", False, "skipped: needs the speech library", skipped=True),
        CheckResult("Audio output", False, "no audio output was found", "connect speakers"),
    ]
    text = report(results)
    assert text.splitlines() == [
        "✘ Speech library — espeak-ng was not found",
        "    Fix: install it",
        "– Voices — skipped: needs the speech library",
        "✘ Audio output — no audio output was found",
        "    Fix: connect speakers",
        "2 problems found (see above). The trainer still works with captions on screen.",
    ]


@pytest.mark.slow
def test_the_dialog_shows_one_row_per_check_and_the_summary(qtbot, tmp_path):
    from PySide6.QtGui import QGuiApplication

    from trainer.ui.selfcheck_dialog import SelfCheckDialog

    dialog = SelfCheckDialog(tmp_path / "data", play=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Checking your setup" in dialog.status_label.text()
    assert not dialog.run_button.isEnabled()
    with qtbot.waitSignal(dialog.checks_finished, timeout=60000) as blocker:
        pass
    assert blocker.args[0] == dialog.results
    assert [r.name for r in dialog.results] == list(CHECK_NAMES)
    assert list(dialog.rows) == list(CHECK_NAMES)
    for result in dialog.results:
        row = dialog.rows[result.name]
        assert result.name in row.line.text() and result.detail.replace("&", "&amp;") in row.line.text()
        mark = "✔" if result.ok and not result.skipped else ("✘" if result.problem else "–")
        assert mark in row.line.text()
        assert row.fix.isVisibleTo(dialog) == bool(result.fix and not result.ok)
    assert dialog.summary_label.text() == selfcheck.summary(dialog.results)
    assert dialog.summary_label.text().startswith(("All is well", "1 problem", "2 problems"))
    assert dialog.results[0].ok, dialog.results[0]  # espeak-ng is installed here
    assert dialog.run_button.isEnabled()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == report(dialog.results)
    with qtbot.waitSignal(dialog.checks_finished, timeout=60000):
        dialog.run_button.click()
        assert "checking…" in dialog.rows["Voices"].line.text()
    assert [r.name for r in dialog.results] == list(CHECK_NAMES)


@pytest.mark.slow
def test_the_self_check_module_imports_no_qt():
    code = "import sys, trainer.selfcheck.checks; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


@pytest.mark.slow
def test_the_dialog_explains_a_check_that_could_not_finish(qtbot, tmp_path, monkeypatch):
    import trainer.ui.selfcheck_dialog as dialog_module

    first = CheckResult("Speech library", True, "espeak-ng found").to_json()
    code = f"import json, sys; print(json.dumps({first!r}), flush=True); sys.exit(3)"
    monkeypatch.setattr(
        dialog_module, "selfcheck_command", lambda d, play=True: (sys.executable, ["-c", code])
    )
    dialog = dialog_module.SelfCheckDialog(tmp_path / "data", play=False)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.checks_finished, timeout=30000):
        pass
    assert dialog.results[0].ok
    second, *rest = dialog.results[1:]
    assert second.problem and second.detail == (
        "not checked: the check could not finish (it stopped with code 3)"
    )
    assert all(r.skipped and not r.ok and r.detail == "not checked (see above)" for r in rest)
    assert dialog.summary_label.text().startswith("1 problem found")
    assert "✘" in dialog.rows["Voices"].line.text() and dialog.rows["Voices"].fix.isVisibleTo(dialog)


def test_the_childs_output_is_read_line_by_line_whatever_the_chunks():
    from trainer.selfcheck.checks import CHECK_NAMES, CheckResult
    from trainer.selfcheck.child import ResultStream, last_line, not_reported

    one = json.dumps(CheckResult(CHECK_NAMES[0], True, "found").to_json()).encode()
    two = json.dumps(CheckResult(CHECK_NAMES[1], False, "none", "install one").to_json()).encode()
    stream = ResultStream()
    got = stream.feed(b"espeak says hello\n" + one[:10])  # a library's own line, then half a result
    assert got == []
    got = stream.feed(one[10:] + b"\n{not json\n" + two)
    assert [r.name for r in got] == [CHECK_NAMES[0]]
    (last,) = stream.close()  # the child ended without a newline
    assert (last.name, last.ok, last.fix) == (CHECK_NAMES[1], False, "install one")

    missing = not_reported([*got, last], "it crashed")
    assert [r.name for r in missing] == list(CHECK_NAMES[2:])
    assert missing[0].problem and "it crashed" in missing[0].detail and missing[0].fix
    assert all(r.skipped and not r.problem for r in missing[1:])
    assert last_line(b"warning\nTraceback...\nSegmentation fault\n\n") == ": Segmentation fault"
    assert last_line(b"") == ""


@pytest.mark.slow
def test_the_dialogs_rows_scroll_rather_than_lose_lines_on_a_small_screen(qtbot, tmp_path, monkeypatch):
    # Found at 1280×720 with text two steps larger: fitted to the screen, the rows were squeezed
    # and the microphone's fix lost its last line ("look under Input in the sound settings").
    import trainer.ui.selfcheck_dialog as dialog_module

    fix = "Plug in a headset or a USB microphone, make sure it is not muted, then run this check again. " * 2
    lines = [CheckResult(name, False, "not found here, for this test", fix).to_json() for name in CHECK_NAMES]
    code = "import json\nfor line in " + repr(lines) + ":\n    print(json.dumps(line), flush=True)\n"
    monkeypatch.setattr(
        dialog_module, "selfcheck_command", lambda d, play=True: (sys.executable, ["-c", code])
    )
    dialog = dialog_module.SelfCheckDialog(tmp_path / "data", play=False)
    qtbot.addWidget(dialog)
    dialog.resize(900, 420)  # what a small screen leaves it
    dialog.show()
    with qtbot.waitSignal(dialog.checks_finished, timeout=30000):
        pass
    qtbot.wait(50)
    for row in dialog.rows.values():
        for label in (row.line, row.fix):
            assert label.height() >= label.heightForWidth(label.width()), label.text()[:50]
    assert dialog.rows_area.verticalScrollBar().maximum() > 0  # they scroll instead
