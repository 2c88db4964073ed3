"""Voice ▸ Listen for commands: starts and stops the microphone worker, keeps its gate in step
with the coach's real playback, echoes each command ("Heard: pause" and a soft tick) and routes
it through trainer.listen.dispatch to the window's action table, as the keys and buttons are.
It also adds Voice ▸ Try a command (trainer.ui.listen_try) and Teach it my voice
(trainer.ui.listen_teach); while one of those is open, heard commands go to it instead of the
session."""

from __future__ import annotations

import logging
import math
import tempfile
import wave
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSignalBlocker, Qt, QUrl
from PySide6.QtGui import QAction
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMenu, QMessageBox, QProgressBar, QWidget

from trainer.clock import watchdog_monotonic
from trainer.listen.capture import Listener
from trainer.listen.commands import COMMANDS, parse_exps
from trainer.listen.dispatch import dispatch
from trainer.listen.gate import SpeechGate
from trainer.session import Status

if TYPE_CHECKING:
    # Not the MainWindow class: importing it here would make an import cycle (window -> this).
    from typing import Any as MainWindow

    from trainer.ui.listen_teach import TeachDialog
    from trainer.ui.listen_try import TryCommandDialog

log = logging.getLogger(__name__)

EXPLAIN = (
    "The trainer can listen for a few spoken commands, so you need not get up. Start each "
    "command with the word coach. It does not listen while it speaks itself. "
    "Nothing you say is recorded or sent anywhere."
)


class Trial(Protocol):
    """A dialog that borrows the microphone (Try a command, Teach it my voice)."""

    def on_level(self, value: float) -> None: ...
    def on_heard(self, command_id: str) -> None: ...
    def on_failed(self, message: str) -> None: ...
    def on_audio(self, pcm: bytes) -> None: ...


def command_list() -> str:
    return "\n".join(f"“{c.shown}” — {c.label}" for c in COMMANDS)


def _tick_wav(path: Path) -> Path:
    """A short soft two-tone tick (made once): 'understood'."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        rate, frames = 22050, bytearray()
        for i in range(int(rate * 0.16)):
            t = i / rate
            f = 880.0 if t < 0.08 else 1320.0
            env = math.sin(math.pi * ((t % 0.08) / 0.08))
            v = int(6000 * env * math.sin(2 * math.pi * f * t))
            frames += v.to_bytes(2, "little", signed=True)
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(bytes(frames))
    return path


class ListenControl(QObject):
    def __init__(self, window: MainWindow, menu_action: QAction) -> None:
        super().__init__(window)
        self.window = window
        self.action = menu_action
        self.gate = SpeechGate(watchdog_monotonic)
        self.listener: Listener | None = None
        self.heard: list[str] = []
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setMaximumWidth(120)
        self.meter.setTextVisible(False)
        self.meter.setAccessibleName("Microphone level")
        self.meter.setToolTip("Microphone level (spoken commands)")
        # In the menu bar's corner, shown while listening: a status bar at the bottom took ~27 px
        # from the window when it first appeared, moving the big buttons under the pointer.
        self.corner = QWidget()
        row = QHBoxLayout(self.corner)
        row.setContentsMargins(4, 0, 8, 0)
        listening = QLabel("Listening")
        listening.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(listening)
        row.addWidget(self.meter)
        self.meter.setMaximumHeight(self.meter.fontMetrics().height())  # no taller than the menus
        self.corner.hide()
        # Set once, now: a corner widget added later made the menu bar 3 px taller, moving all.
        window.menuBar().setCornerWidget(self.corner, Qt.Corner.TopRightCorner)
        self._tick: QSoundEffect | None = None
        self._failure = ""  # the notice of the last microphone failure, taken back on a new start
        self.trial: Trial | None = None
        self._trial_started = False  # the trial switched the microphone on, so it switches it off
        self.try_action = QAction("&Try a command…", window)
        self.try_action.triggered.connect(self.try_command)
        self.teach_action = QAction("Teach it &my voice…", window)
        self.teach_action.triggered.connect(self.teach_voice)
        for menu in menu_action.associatedObjects():
            if isinstance(menu, QMenu):
                menu.addAction(self.try_action)
                menu.addAction(self.teach_action)
        playback = getattr(window.speaker, "playback", None)
        if playback is not None:
            playback.connect(self.gate.playback)
        menu_action.toggled.connect(self.set_listening)

    # ---------------------------------------------------------------- on / off
    def load(self) -> None:
        settings = self.window.settings
        if settings is None:
            return
        from trainer.settings import S

        self.gate.enabled = not settings.get(S.listen_while_speaking)
        self.action.setChecked(settings.get(S.listen_enabled))

    def set_listening(self, on: bool) -> None:
        settings = self.window.settings
        if settings is not None:
            from trainer.settings import S

            settings.set(S.listen_enabled, on)
            if on and not settings.get(S.listen_explained):
                settings.set(S.listen_explained, True)
                self.explain()
        if on:
            self.start()
        else:
            self.stop()

    def explain(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Spoken commands", EXPLAIN, parent=self.window)
        box.setInformativeText(command_list())
        box.setModal(False)
        box.show()
        say = getattr(self.window.speaker, "say_when_ready", None)
        if say is not None:
            say(EXPLAIN + " For example: coach pause now, coach resume, coach it hurts now.")

    def start(self) -> None:
        if self.listener is not None:
            return
        if self._failure:  # trying again: the old reason may no longer hold (it says so again if so)
            self.window.clear_notice(self._failure)
            self._failure = ""
        exps: dict[str, int] = {}
        if self.window.settings is not None:
            from trainer.settings import S

            exps = parse_exps(self.window.settings.get(S.listen_thresholds))
        self.listener = Listener(self.gate, exps)
        self.listener.heard.connect(self.on_heard)
        self.listener.level.connect(self._level)
        self.listener.audio.connect(self._audio)
        self.listener.failed.connect(self._failed)
        self.corner.show()
        self.listener.start()

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        self.corner.hide()

    def restart(self) -> None:
        """Start again with the thresholds now in the settings (after teaching)."""
        if self.listener is not None:
            self.stop()
            self.start()

    def _level(self, value: float) -> None:
        self.meter.setValue(round(100 * value))
        if self.trial is not None:
            self.trial.on_level(value)

    def _audio(self, pcm: bytes) -> None:
        if self.trial is not None:
            self.trial.on_audio(pcm)

    def _failed(self, message: str) -> None:
        # The session goes on as before; one notice says why there is no listening, and the
        # menu item is unticked (it stayed ticked beside "Spoken commands are off ... switch it
        # on again"). The setting stays on: the next start tries the microphone again.
        self.window.show_notice(message)
        self._failure = message
        self.stop()
        blocker = QSignalBlocker(self.action)
        self.action.setChecked(False)
        del blocker
        if self.trial is not None:
            self.trial.on_failed(message)

    # ---------------------------------------------------------------- trials
    def begin_trial(self, trial: Trial) -> bool:
        """Lend the microphone to a dialog; False (and trial.on_failed) when there is none."""
        self.trial = trial
        if self.listener is None:
            self._trial_started = True
            self.start()
        if self.listener is None:
            return False
        self.listener.set_tap(True)
        return True

    def end_trial(self, trial: Trial) -> None:
        if self.trial is not trial:
            return
        self.trial = None
        if self.listener is not None:
            self.listener.set_tap(False)
        if self._trial_started and not self.action.isChecked():
            self.stop()
        self._trial_started = False

    def say(self, text: str) -> None:
        say = getattr(self.window.speaker, "say_when_ready", None)
        if say is not None:
            say(text)
        else:
            self.window.speaker.say(text, "listen", 0)

    def try_command(self, seconds: float | None = None) -> TryCommandDialog:
        from trainer.ui.listen_try import TryCommandDialog

        dialog = TryCommandDialog(self) if seconds is None else TryCommandDialog(self, seconds)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.begin()
        return dialog

    def teach_voice(self) -> TeachDialog:
        from trainer.ui.listen_teach import TeachDialog

        dialog = TeachDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # ---------------------------------------------------------------- commands
    def on_heard(self, command_id: str) -> None:
        if self.trial is not None:
            self.trial.on_heard(command_id)  # only reported: it does not act on the session
            return
        self.heard.append(command_id)
        label = next(c.label for c in COMMANDS if c.id == command_id)
        log.info("heard: %s", label)
        self.window.set_caption(f"Heard: {label}", "heard")
        self.play_tick()
        question = QApplication.activeModalWidget()
        if isinstance(question, QMessageBox) and question.windowTitle() == "Stop the session?":
            # The stop question is open: "coach end the session" again confirms, resume declines.
            if command_id in ("stop", "pain"):
                question.button(QMessageBox.StandardButton.Yes).click()
            elif command_id == "resume":
                question.button(QMessageBox.StandardButton.No).click()
            return
        dispatch(self, command_id)

    def play_tick(self) -> None:
        # With no output device (no sound server) Qt warns on every play: the caption is enough.
        if not QMediaDevices.audioOutputs():
            return
        try:
            if self._tick is None:
                folder = (
                    Path(self.window.history.path.parent)
                    if self.window.history
                    else Path(tempfile.gettempdir())
                )
                self._tick = QSoundEffect(self)
                self._tick.setSource(QUrl.fromLocalFile(str(_tick_wav(folder / "cache" / "heard.wav"))))
                self._tick.setVolume(0.4)
                self._tick.playingChanged.connect(self._tick_changed)
            self._tick.play()
        except Exception:  # the echo is a nicety; the command still counts
            log.exception("the heard tick")

    def _tick_changed(self) -> None:
        # Also reached while the window (and the effect with it) is being torn down.
        tick = self._tick
        try:
            playing = tick is not None and tick.isPlaying()
        except RuntimeError:
            playing = False
        self.gate.playback("heard-tick", playing)

    # The Actions protocol of trainer.listen.dispatch: each command runs an action of the
    # window's one action table (trainer/present/actions.py), as its key or button would.
    def voice_pause(self) -> None:
        ctl = self.window.controller
        if ctl is not None and ctl.status is Status.RUNNING:
            self.window.trigger("start")

    def voice_resume(self) -> None:
        ctl = self.window.controller
        if ctl is not None and ctl.status is Status.PAUSED:
            self.window.trigger("start")

    def end_set(self) -> None:
        self.window.trigger("end_set")

    def skip_rest(self) -> None:
        self.window.trigger("skip_rest")

    def add_rest(self) -> None:
        self.window.trigger("add_rest")

    def repeat_cue(self) -> None:
        text = self.window.last_cue
        if text:
            self.window.speaker.say(text, "repeat", 0)

    def request_stop(self) -> None:
        self.window.trigger("stop")  # asks first, as Esc does

    def answer_comfort(self, answer: str) -> None:
        self.window.trigger(f"comfort_{answer}")  # pain ends the session gently, as P does
