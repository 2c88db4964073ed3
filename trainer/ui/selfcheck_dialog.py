"""Help ▸ Check my setup: the self-check's results in big, plain lines, with the fix under each problem.

The checks run in a child process (``python -m trainer.selfcheck``, or the frozen app with
``--self-check``) that prints one JSON line per result as soon as it is known:

- the window never freezes (the whole check takes 1–6 s, most of it playing the test phrase) and
  each row fills in as its check finishes;
- the trainer's own voice is left alone: pyttsx3 hands out one engine per process and espeak-ng has a
  single process-wide synthesis callback, so a second engine in this process would take the coach's
  voice away (or share an engine across threads);
- a speech engine that hangs or crashes is the child's problem; it is killed after TIMEOUT_MS.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QProcess, QProcessEnvironment, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

import trainer
from trainer.selfcheck.checks import CHECK_NAMES, JSON_ENV, CheckResult, report, summary
from trainer.selfcheck.child import ResultStream, last_line, not_reported, selfcheck_command
from trainer.ui.fit_scroll import FitScroll

TIMEOUT_MS = 120_000
OK_COLOUR, BAD_COLOUR, SKIP_COLOUR = "#1b7f2a", "#b3261e", "#666666"


class _Row(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        self.line = QLabel()
        self.line.setWordWrap(True)
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fix = QLabel()
        self.fix.setWordWrap(True)
        self.fix.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fix.setContentsMargins(32, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addWidget(self.fix)
        self.name = name
        self.pending()

    def pending(self) -> None:
        self.line.setText(f"<span style='color:{SKIP_COLOUR}'>…</span> <b>{_esc(self.name)}</b> — checking…")
        self.fix.hide()

    def show_result(self, r: CheckResult) -> None:
        if r.ok and not r.skipped:
            mark, colour = "✔", OK_COLOUR
        elif r.problem:
            mark, colour = "✘", BAD_COLOUR
        else:
            mark, colour = "–", SKIP_COLOUR
        self.line.setText(
            f"<span style='color:{colour}; font-weight:bold'>{mark}</span> <b>{_esc(r.name)}</b> — "
            f"{_esc(r.detail)}"
        )
        self.line.setAccessibleName(f"{r.name}: {'fine' if r.ok else 'problem'}. {r.detail}")
        if r.fix and not r.ok:
            self.fix.setText(f"<b>Fix:</b> {_esc(r.fix)}")
            self.fix.setAccessibleName(f"Fix: {r.fix}")
            self.fix.show()
        else:
            self.fix.hide()


def _esc(text: str) -> str:
    return html.escape(text)


class SelfCheckDialog(QDialog):
    """Shows the self-check; starts it at once. ``results`` holds the last run's results.

    ``checks_finished(list[CheckResult])`` is emitted after each run (QDialog's own ``finished(int)``
    means the dialog was closed, so the name differs).
    """

    checks_finished = Signal(list)

    def __init__(self, data_dir: Path, parent: QWidget | None = None, *, play: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check my setup — Thoracic Trainer")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(900, 620)
        self.data_dir = data_dir
        self.play = play
        self.results: list[CheckResult] = []
        self.running = False
        self._process: QProcess | None = None
        self._stream = ResultStream()
        self._stderr = b""
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.5)  # read from a distance, by older eyes
        self.setFont(font)

        layout = QVBoxLayout(self)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.rows: dict[str, _Row] = {}
        rows = QWidget()
        rows_layout = QVBoxLayout(rows)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        for name in CHECK_NAMES:
            row = _Row(name, rows)
            self.rows[name] = row
            rows_layout.addWidget(row)
        rows_layout.addStretch(1)
        # Fitted to a small screen the rows scroll; squeezed, a fix lost its last line.
        self.rows_area = FitScroll(rows)
        layout.addWidget(self.rows_area, 1)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        bold = self.summary_label.font()
        bold.setBold(True)
        self.summary_label.setFont(bold)
        layout.addWidget(self.summary_label)

        buttons = QHBoxLayout()
        self.run_button = QPushButton("Run again")
        self.run_button.clicked.connect(self.run)
        self.copy_button = QPushButton("Copy to clipboard")
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        close.setDefault(True)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)

        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self._on_timeout)
        self.run()

    # ------------------------------------------------------------------------------------ running
    def run(self) -> None:
        if self.running:
            return
        self.running = True
        self.results = []
        self._stream = ResultStream()
        self._stderr = b""
        for row in self.rows.values():
            row.pending()
        self.status_label.setText(
            "Checking your setup… This takes a few seconds"
            + ("; you should hear a short phrase." if self.play else ".")
        )
        self.summary_label.setText("")
        self.run_button.setEnabled(False)
        self.copy_button.setEnabled(False)

        process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert(JSON_ENV, "json")
        env.insert("PYTHONIOENCODING", "utf-8")
        process.setProcessEnvironment(env)
        # From a source checkout, `-m trainer...` must find the package: start next to it.
        process.setWorkingDirectory(str(Path(trainer.__file__).resolve().parent.parent))
        process.readyReadStandardOutput.connect(self._read_stdout)
        process.readyReadStandardError.connect(self._read_stderr)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        program, args = selfcheck_command(self.data_dir, self.play)
        process.start(program, args)
        self._timeout.start(TIMEOUT_MS)

    def _read_stdout(self) -> None:
        if self._process is None:
            return
        self._show(self._stream.feed(bytes(self._process.readAllStandardOutput().data())))

    def _read_stderr(self) -> None:
        if self._process is not None:
            self._stderr = (self._stderr + bytes(self._process.readAllStandardError().data()))[-4000:]

    def _show(self, results: list[CheckResult]) -> None:
        for result in results:
            self.results.append(result)
            row = self.rows.get(result.name)
            if row is not None:
                row.show_result(result)

    def _on_finished(self, exit_code: int, exit_status: QProcess.ExitStatus) -> None:
        self._read_stdout()
        self._show(self._stream.close())
        if len(self.results) < len(CHECK_NAMES):
            how = (
                f"it stopped with code {exit_code}"
                if exit_status is QProcess.ExitStatus.NormalExit
                else "it crashed or was stopped"
            )
            self._fail(f"the check could not finish ({how}){last_line(self._stderr)}")
            return
        self._done()

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            why = self._process.errorString() if self._process is not None else str(error)
            self._fail(f"the check could not be started ({why})")

    def _on_timeout(self) -> None:
        if self._process is not None and self._process.state() is not QProcess.ProcessState.NotRunning:
            self._stop_process()
            self._fail(f"the check did not finish within {TIMEOUT_MS // 1000} s")

    def _fail(self, why: str) -> None:
        """The child did not report every check: blame that once, on the first missing row."""
        if not self.running:
            return
        self._show(not_reported(self.results, why))
        self._done()

    def _done(self) -> None:
        if not self.running:
            return
        self.running = False
        self._timeout.stop()
        if self._process is not None:
            self._process.deleteLater()
            self._process = None
        self.status_label.setText("Here is what was checked:")
        self.summary_label.setText(summary(self.results))
        self.run_button.setEnabled(True)
        self.copy_button.setEnabled(True)
        self.checks_finished.emit(list(self.results))

    def _stop_process(self) -> None:
        process = self._process
        if process is not None and process.state() is not QProcess.ProcessState.NotRunning:
            process.finished.disconnect(self._on_finished)
            process.kill()
            process.waitForFinished(2000)

    # ------------------------------------------------------------------------------------ actions
    def report_text(self) -> str:
        return report(self.results)

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.status_label.setText("The results were copied: paste them into an e-mail or a message.")

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_process()
        self.running = False
        self._timeout.stop()
        super().closeEvent(event)

    def done(self, r: int) -> None:  # Esc, or accept/reject
        self._stop_process()
        self.running = False
        self._timeout.stop()
        super().done(r)
