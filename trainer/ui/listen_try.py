"""Voice ▸ Try a command: asks her to say a command, shows the live microphone level, and says
(shown and spoken) which command was heard, or that nothing was heard in time with a hint. A
command heard here is only reported: it does not act on the session."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QPushButton, QVBoxLayout

from trainer.listen.commands import COMMANDS
from trainer.listen.trial import ASK, TRY_SECONDS, Verdict, verdict


class Host(Protocol):
    """What the listen dialogs need of trainer.ui.listen_control.ListenControl (named here, not
    imported: the control opens these dialogs)."""

    window: Any

    def begin_trial(self, trial: Any) -> bool: ...
    def end_trial(self, trial: Any) -> None: ...
    def say(self, text: str) -> None: ...
    def play_tick(self) -> None: ...
    def restart(self) -> None: ...


class TryCommandDialog(QDialog):
    def __init__(self, control: Host, seconds: float = TRY_SECONDS) -> None:
        super().__init__(control.window)
        self.control = control
        self.seconds = seconds
        self.outcome: Verdict | None = None
        self.peak = 0.0
        self._left = 0
        self.setWindowTitle("Try a command")
        self.ask = QLabel(ASK)
        self.ask.setWordWrap(True)
        self.commands = QLabel("Commands: " + ", ".join(f"“{c.shown}”" for c in COMMANDS) + ".")
        self.commands.setWordWrap(True)
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setAccessibleName("Microphone level")
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Result")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.again = QPushButton("Try &again")
        buttons.addButton(self.again, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.again.clicked.connect(self.begin)
        layout = QVBoxLayout(self)
        for w in (self.ask, self.meter, self.status, self.commands, buttons):
            layout.addWidget(w)
        self._second = QTimer(self)
        self._second.setInterval(1000)
        self._second.timeout.connect(self._count_down)
        self.finished.connect(lambda _: self._end())

    def begin(self) -> None:
        """Start (or restart) listening for one command."""
        self.outcome = None
        self.peak = 0.0
        self._left = round(self.seconds)
        self.again.setEnabled(False)
        self.status.setText(f"Listening… {self._left} s")
        if not self.control.begin_trial(self):
            return  # the control reported why (no microphone) through on_failed
        self._second.start()

    # Called by ListenControl while the trial is open.
    def on_level(self, value: float) -> None:
        self.meter.setValue(round(100 * value))
        if self.outcome is None:
            self.peak = max(self.peak, value)

    def on_heard(self, command_id: str) -> None:
        if self.outcome is None:
            self._finish(command_id)

    def on_audio(self, pcm: bytes) -> None:
        pass  # only the spotter's verdict matters here

    def on_failed(self, message: str) -> None:
        self._second.stop()
        self.again.setEnabled(True)
        self.status.setText(message)

    def _count_down(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self._finish(None)
        else:
            self.status.setText(f"Listening… {self._left} s")

    def _finish(self, command_id: str | None) -> None:
        self._second.stop()
        self.outcome = verdict(command_id, self.peak, self.seconds)
        self.status.setText(self.outcome.shown)
        self.again.setEnabled(True)
        if command_id is not None:
            self.control.play_tick()
        self.control.say(self.outcome.spoken)

    def _end(self) -> None:
        self._second.stop()
        self.control.end_trial(self)
