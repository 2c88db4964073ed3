"""Voice ▸ Teach it my voice: she says each command a few times; per-command thresholds are set
from her takes within safe bounds (trainer.listen.teach) and saved in the settings; "Reset to
defaults" forgets them. The takes are held in memory only, and dropped once the thresholds are
chosen."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from trainer.listen.commands import COMMANDS, command_by_id, format_exps, parse_exps
from trainer.listen.teach import TAKES, Choice, teach
from trainer.ui.listen_try import Host

TAKE_SECONDS = 3.0
INTRO = (
    "Say each command when it is shown, the way you would on the mat, "
    f"{TAKES} times each. Your takes stay in memory only and are never saved. "
    "Then each command is made as easy to hear as your takes need, within safe bounds."
)


class TeachDialog(QDialog):
    taught = Signal(object)  # list[Choice], from the worker thread

    def __init__(
        self,
        control: Host,
        take_seconds: float = TAKE_SECONDS,
        command_ids: Sequence[str] | None = None,
    ) -> None:
        super().__init__(control.window)
        self.control = control
        self.take_seconds = take_seconds
        self.command_ids = list(command_ids or [c.id for c in COMMANDS])
        self.setWindowTitle("Teach it my voice")
        self.takes: dict[str, list[bytes]] = {}
        self.choices: list[Choice] = []
        self._plan: list[str] = []
        self._step = 0
        self._buffer = bytearray()
        self._recording = False
        self.intro = QLabel(INTRO)
        self.intro.setWordWrap(True)
        self.prompt = QLabel("")
        self.prompt.setWordWrap(True)
        self.prompt.setAccessibleName("Say now")
        self.progress = QProgressBar()
        self.progress.setRange(0, len(self.command_ids) * TAKES)
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setAccessibleName("Microphone level")
        self.status = QLabel(self._current())
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.start_button = QPushButton("&Start")
        self.reset_button = QPushButton("&Reset to defaults")
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.rejected.connect(self.reject)
        self.start_button.clicked.connect(self.start)
        self.reset_button.clicked.connect(self.reset_to_defaults)
        layout = QVBoxLayout(self)
        for w in (self.intro, self.prompt, self.meter, self.progress, self.status, buttons):
            layout.addWidget(w)
        self._take_timer = QTimer(self)
        self._take_timer.setSingleShot(True)
        self._take_timer.timeout.connect(self._take_done)
        self.taught.connect(self._save)
        self.finished.connect(lambda _: self._end())

    def _current(self) -> str:
        settings = self.control.window.settings
        if settings is None:
            return ""
        from trainer.settings import S

        taught = parse_exps(settings.get(S.listen_thresholds))
        return f"Taught now: {format_exps(taught)}." if taught else "Using the default thresholds."

    # ---------------------------------------------------------------- takes
    def start(self) -> None:
        self.takes = {}
        self._plan = [cid for cid in self.command_ids for _ in range(TAKES)]
        self._step = 0
        self.start_button.setEnabled(False)
        self.reset_button.setEnabled(False)
        if not self.control.begin_trial(self):
            return
        self._next_take()

    def _next_take(self) -> None:
        if self._step >= len(self._plan):
            self._choose()
            return
        cid = self._plan[self._step]
        cmd = command_by_id(cid)
        take = self._plan[: self._step + 1].count(cid)
        self.prompt.setText(f"Say: “{cmd.shown}”  (take {take} of {TAKES})")
        self.progress.setValue(self._step)
        self._buffer = bytearray()
        self._recording = True
        self._take_timer.start(round(self.take_seconds * 1000))

    def _take_done(self) -> None:
        self._recording = False
        self.takes.setdefault(self._plan[self._step], []).append(bytes(self._buffer))
        self._buffer = bytearray()
        self._step += 1
        self._next_take()

    # Called by ListenControl while the dialog holds the microphone.
    def on_audio(self, pcm: bytes) -> None:
        if self._recording:
            self._buffer += pcm

    def on_level(self, value: float) -> None:
        self.meter.setValue(round(100 * value))

    def on_heard(self, command_id: str) -> None:
        pass  # the takes are judged afterwards, each at many thresholds

    def on_failed(self, message: str) -> None:
        self._take_timer.stop()
        self._recording = False
        self.prompt.setText("")
        self.status.setText(message)
        self.start_button.setEnabled(True)
        self.reset_button.setEnabled(True)

    # ---------------------------------------------------------------- choice
    def _choose(self) -> None:
        self.control.end_trial(self)
        self.prompt.setText("")
        self.progress.setValue(len(self._plan))
        self.status.setText("Working out your thresholds…")
        takes, self.takes = self.takes, {}  # the worker holds the only reference now

        def work() -> None:
            try:
                from trainer.listen.decoder import ThresholdProbe

                probe = ThresholdProbe()
                self.taught.emit(teach(probe.heard, takes))
            except Exception as exc:  # the recogniser failed: say so, keep the old thresholds
                self.taught.emit(exc)

        threading.Thread(target=work, name="listen-teach", daemon=True).start()

    def _save(self, result: object) -> None:
        self.start_button.setEnabled(True)
        self.reset_button.setEnabled(True)
        if not isinstance(result, list):
            self.status.setText(f"Your thresholds could not be worked out ({result}); nothing changed.")
            return
        self.choices = result
        settings = self.control.window.settings
        if settings is not None:
            from trainer.settings import S

            exps = parse_exps(settings.get(S.listen_thresholds))
            exps.update({c.command_id: c.exp for c in result if c.heard_takes})
            settings.set(S.listen_thresholds, format_exps(exps))
        self.control.restart()
        self.status.setText("Saved. " + " ".join(c.note for c in result))

    def reset_to_defaults(self) -> None:
        settings = self.control.window.settings
        if settings is not None:
            from trainer.settings import S

            settings.set(S.listen_thresholds, "")
        self.control.restart()
        self.status.setText("Back to the default thresholds.")

    def _end(self) -> None:
        self._take_timer.stop()
        self._recording = False
        self.control.end_trial(self)
