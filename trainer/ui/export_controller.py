"""The File menu's exports for the window: history as CSV, the physiotherapist's report, the card
(saved or printed), the follow-along video; and the Progress view, which offers the first two.
Each asks where to save, writes through trainer/exports, and reports in a status bar shown only
while it has something to say, or in a notice naming the file."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QProgressDialog, QStatusBar

from trainer.clock import watchdog_monotonic
from trainer.text import plural

if TYPE_CHECKING:
    from typing import Any as MainWindow  # not the class: importing it would make a cycle

    from PySide6.QtPrintSupport import QPrinter

    from trainer.exports.video import VideoResult
    from trainer.voice.renderer import Clip


SHOWN_MS = 8000  # how long an export's message stays


class ExportController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def tell(self, message: str, ms: int | None = None) -> None:
        """Say how an export went at the bottom of the window, then hide the bar again: a bar
        left after the first export took ~25 px from the figure and the buttons for good."""
        bar: QStatusBar = self.window.statusBar()
        if not bar.property("hides_when_empty"):
            bar.setProperty("hides_when_empty", True)
            bar.messageChanged.connect(lambda text: bar.setVisible(bool(text)))
        bar.showMessage(message, SHOWN_MS if ms is None else ms)
        bar.show()

    def _no_history(self) -> bool:
        if self.window.history is None:
            self.window.show_notice(
                "The history is not available in this run, so there is nothing to show yet."
            )
            return True
        return False

    def open_progress(self) -> QDialog | None:
        if self._no_history():
            return None
        assert self.window.history is not None
        from trainer.ui.progress_view import ProgressDialog

        dlg = ProgressDialog(
            self.window.history,
            self.window.clocks.today(),
            self.window.form.weekly_plan(),
            parent=self.window,
            exercise=self.window.exercise,
        )
        dlg.export_requested.connect(self.export_history_dialog)
        dlg.report_requested.connect(self.save_report_dialog)
        dlg.show()
        return dlg

    def _ask_save_path(self, title: str, name: str, kinds: str) -> Path | None:
        """Where to save; a name typed without the file type gets it (``card`` -> ``card.pdf``)."""
        chosen, _ = QFileDialog.getSaveFileName(self.window, title, name, kinds)
        if not chosen:
            return None
        path = Path(chosen)
        suffix = Path(name).suffix
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _save_pdf(self, path: Path, what: str, write: Callable[[], object], done: str) -> bool:
        """Write a PDF (report, card); a failure becomes a notice naming the file."""
        try:
            write()
        except OSError as exc:
            self.window.show_notice(f"The {what} could not be saved to {path}: {exc}")
            return False
        self.tell(done)
        return True

    def export_history_dialog(self) -> None:
        if self._no_history():
            return
        path = self._ask_save_path("Export history", "thoracic-trainer-history.csv", "CSV files (*.csv)")
        if path:
            self.export_history(path)

    def export_history(self, path: Path) -> int | None:
        assert self.window.history is not None
        from trainer.exports.history_csv import export_sets_csv
        from trainer.history.store import HistoryError

        try:
            rows = export_sets_csv(self.window.history.sessions(), path)
        except HistoryError as exc:
            self.window.show_notice(str(exc))
            return None
        self.tell(f"Saved {plural(rows, 'set')} to {path}")
        if self.window.history.unreadable_notice():
            self.window.show_notice(self.window.history.unreadable_notice() or "")
        return rows

    def save_report_dialog(self) -> None:
        if self._no_history():
            return
        path = self._ask_save_path("Save report", "thoracic-trainer-report.pdf", "PDF files (*.pdf)")
        if path:
            self.save_report(path)

    def save_report(self, path: Path) -> bool:
        history = self.window.history
        assert history is not None
        from trainer.exports.report import write_report

        return self._save_pdf(
            path,
            "report",
            lambda: write_report(history.sessions(), path, self.window.clocks.today()),
            f"Report saved to {path}",
        )

    def save_card_dialog(self) -> None:
        from trainer.exports.card import CARD_FILE_NAME

        path = self._ask_save_path("Save a printable card", CARD_FILE_NAME, "PDF files (*.pdf)")
        if path:
            self.save_card(path)

    def save_card(self, path: Path) -> bool:
        from trainer.exports.card import write_card

        plan = self.window.chosen_plan()
        return self._save_pdf(
            path,
            "card",
            lambda: write_card(self.window.exercise, plan, path),
            f"Card saved to {path}: one A4 page",
        )

    def print_card_dialog(self) -> None:
        """File ▸ Print a card: the system's print dialog (a printer, or a PDF file), A4 first."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from trainer.exports.card import prepare_printer

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.window.exercise)
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle("Print a card")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_card(printer)

    def print_card(self, printer: QPrinter) -> bool:
        from trainer.exports.card import print_card

        try:
            fit = print_card(self.window.exercise, self.window.chosen_plan(), printer)
        except OSError as exc:
            self.window.show_notice(f"The card could not be printed: {exc}")
            return False
        where = printer.outputFileName() or printer.printerName() or "the printer"
        shrunk = f" (shrunk to {fit:.0%} to fit the paper)" if fit < 0.995 else ""
        self.tell(f"Card sent to {where}{shrunk}")
        return True

    def export_video_dialog(self) -> None:
        path = self._ask_save_path("Export video", "thoracic-back-press.mp4", "MP4 video (*.mp4)")
        if path:
            self.export_video_to(path)

    def _clips_for(self, texts: list[str]) -> dict[str, Clip]:
        """The voice for an export: from the live speaker when there is one (one engine per
        process: espeak-ng keeps one synthesis callback), else rendered here."""
        from trainer.voice.clip_speaker import ClipSpeaker
        from trainer.voice.renderer import render_clips

        speaker = self.window.speaker
        if isinstance(speaker, ClipSpeaker):
            speaker.prepare(texts)
            deadline = watchdog_monotonic() + 60
            while watchdog_monotonic() < deadline and not set(texts) <= speaker.clips.keys():
                if speaker.renderer.failed:
                    break
                QApplication.processEvents()
                time.sleep(0.005)
            return {t: c for t, c in speaker.clips.items() if t in texts}
        if not self.window.voice.speaking:
            return {}
        folder = (
            self.window.history.path.parent
            if self.window.history is not None
            else Path(tempfile.gettempdir())
        )
        clips, problems = render_clips(folder / "cache" / "voice", texts)
        if problems:
            self.window.show_notice(f"The video will be silent: the voice could not be made ({problems[0]}).")
        return clips

    def export_video_to(self, path: Path) -> VideoResult | None:
        """The session chosen in the window as an MP4, with a progress bar and Cancel."""
        from trainer.exports.video import ExportCancelled, export_video
        from trainer.session.timeline import Timeline

        plan = self.window.chosen_plan()
        texts = Timeline.compile(plan, self.window.exercise).cue_texts()
        dialog = QProgressDialog("Preparing the voice…", "Cancel", 0, 100, self.window)
        dialog.setWindowTitle("Export video")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setValue(0)
        clips = self._clips_for(texts)

        def progress(frame: int, frames: int) -> bool:
            if frame % 10 == 0 or frame == frames:
                dialog.setLabelText(f"Making the video: frame {frame} of {frames}")
                dialog.setValue(frame * 100 // frames)
                QApplication.processEvents()
            return not dialog.wasCanceled()

        try:
            result = export_video(
                self.window.exercise,
                plan,
                path,
                clips,
                progress=progress,
            )
        except ExportCancelled:
            self.tell("Video export cancelled; no file was written.")
            return None
        except OSError as exc:
            self.window.show_notice(f"The video could not be saved to {path}: {exc}")
            return None
        finally:
            dialog.close()
        self.tell(f"Video saved to {path} ({result.seconds:.0f} s, made in {result.took_s:.0f} s)", 10000)
        return result
