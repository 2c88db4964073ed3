"""The printable card: one A4 page with the poses, steps, tips, safety notes and a week's log."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import run_trainer
from tests.driver import WindowMaker
from trainer.content import Exercise
from trainer.ui.main_window import MainWindow


def pdf_text_and_image(path: Path) -> tuple[int, str, NDArray[np.uint8]]:
    """Page count, text of page 1, and page 1 as grey pixels on white paper (72 px per inch)."""
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    size = doc.pagePointSize(0).toSize()
    page = QImage(size, QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)  # the renderer leaves unpainted paper transparent
    painter = QPainter(page)
    painter.drawImage(0, 0, doc.render(0, QSize(size)))
    painter.end()
    image = page.convertToFormat(QImage.Format.Format_Grayscale8)
    row = image.bytesPerLine()
    grey = np.frombuffer(image.constBits(), np.uint8, count=row * image.height()).reshape(image.height(), row)
    return doc.pageCount(), doc.getAllText(0).text(), grey[:, : image.width()].copy()  # own the pixels


def _file_menu(win: MainWindow) -> QMenu:
    menu = win.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)  # QAction.menu() is typed as returning a QObject
    return menu


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["kneeling", "chair"])
def test_card_has_one_page_with_poses_steps_tips_safety_and_log(
    tmp_path: Path, exercise: Exercise, qtbot: QtBot, variant: str
) -> None:
    out = tmp_path / "card.pdf"
    r = run_trainer("--export-card", str(out), "--variant", variant)
    assert r.returncode == 0, r.stderr
    pages, text, grey = pdf_text_and_image(out)
    assert pages == 1
    flat = " ".join(text.split())
    for step in exercise.steps_for(variant):
        assert " ".join(step.split()[:6]) in flat
    for tip in exercise.tips:
        # Only the tips for this variant: no "front foot" on the chair card.
        shown = " ".join(tip.text.split()[:4]) in flat
        assert shown == (tip in exercise.tips_for(variant)), tip.text
    assert "Royal Osteoporosis Society" in flat and "Too Fit To Fracture" in flat
    assert "After a broken bone in the spine" in flat and "not medical advice" in flat
    assert all(day in flat for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
    assert ("Change knees every set" in flat) == (variant == "kneeling")
    assert ("riskiest moments are going down to the floor" in flat) == (variant == "kneeling")
    # The two pose pictures are drawn (dark figure strokes in the picture band near the top).
    band = grey[90:330]
    assert (band < 100).sum() > 2000


@pytest.mark.slow
def test_card_to_a_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    r = run_trainer("--export-card", str(tmp_path / "no" / "card.pdf"))
    assert r.returncode == 2 and "--export-card" in r.stderr and "does not exist" in r.stderr


def test_file_menu_card_gets_pdf_suffix_and_is_readable(
    tmp_path: Path,
    exercise: Exercise,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowMaker,
) -> None:
    """File ▸ Save the card as PDF: a name typed without ".pdf" still gives a PDF the viewer opens."""
    from PySide6.QtWidgets import QFileDialog

    win, _ = make_window("chair", show=False)
    asked: list[tuple[str, str, str]] = []

    def fake_dialog(parent: QWidget, title: str, name: str, kinds: str) -> tuple[str, str]:
        asked.append((title, name, kinds))
        return str(tmp_path / "my card"), kinds

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    (action,) = [a for a in _file_menu(win).actions() if "card as PDF" in a.text()]
    action.trigger()
    assert asked and asked[0][1].endswith(".pdf")
    pages, text, _ = pdf_text_and_image(tmp_path / "my card.pdf")
    assert pages == 1 and "chair" in text.lower()
    assert not (tmp_path / "my card").exists()


def test_file_menu_print_opens_the_print_dialog_and_prints_one_a4_page(
    tmp_path: Path,
    exercise: Exercise,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowMaker,
) -> None:
    """File ▸ Print a card (Ctrl+P): the system print dialog starts on A4; accepted, one page is printed.

    The printer here is Qt's PDF printer (what "Print to file" in the dialog uses); no CUPS printer
    is needed, and the dialog's exec is answered in place of a person."""
    from PySide6.QtGui import QKeySequence, QPageSize
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    win, _ = make_window(show=False)
    out = tmp_path / "printed.pdf"
    seen: dict[str, object] = {}

    def accept(dialog: QPrintDialog) -> QPrintDialog.DialogCode:
        printer = dialog.printer()
        seen["page"] = printer.pageLayout().pageSize().id()
        seen["title"] = dialog.windowTitle()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    (action,) = [a for a in _file_menu(win).actions() if a.text() == "&Print a card…"]
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    action.trigger()
    assert seen == {"page": QPageSize.PageSizeId.A4, "title": "Print a card"}
    pages, text, grey = pdf_text_and_image(out)
    assert pages == 1
    flat = " ".join(text.split())
    assert "Change knees every set" in flat and "not medical advice" in flat
    assert "Card sent to" in win.statusBar().currentMessage()
    # On A4 the printed page is the saved card: same layout, same size of everything.
    saved = tmp_path / "saved.pdf"
    win.exports.save_card(saved)
    _, _, saved_grey = pdf_text_and_image(saved)
    differs = np.abs(grey.astype(int) - saved_grey.astype(int)) > 60
    assert differs.mean() < 0.01, f"{differs.mean():.1%} of the page differs from the saved card"


def test_print_dialog_cancelled_prints_nothing(
    tmp_path: Path,
    exercise: Exercise,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowMaker,
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    win, _ = make_window(show=False)
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QPrintDialog.DialogCode.Rejected)
    win.exports.print_card_dialog()
    assert list(tmp_path.iterdir()) == [] and win.statusBar().currentMessage() == ""


def test_card_on_letter_paper_is_shrunk_to_fit_with_nothing_cut(
    tmp_path: Path, exercise: Exercise, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    from trainer.exports.card import CARD_AREA, print_card
    from trainer.session import Plan

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "letter.pdf"))
    letter = QPageSize(QPageSize.PageSizeId.Letter)
    margins = QMarginsF(36, 36, 36, 36)
    printer.setPageLayout(
        QPageLayout(letter, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Point)
    )
    fit = print_card(exercise, Plan.from_exercise(exercise, "chair"), printer)
    assert fit == pytest.approx(
        min((612 - 72) / CARD_AREA.width(), (792 - 72) / CARD_AREA.height()), abs=1e-3
    )
    assert fit < 1
    pages, text, grey = pdf_text_and_image(tmp_path / "letter.pdf")
    flat = " ".join(text.split())
    assert pages == 1
    # The last things on the card (the log's last day and the footer) are on the page, in order.
    assert "not medical advice" in flat and flat.rstrip().endswith("Fri Sat Sun")
    rows = np.nonzero((grey < 200).any(axis=1))[0]
    assert rows.max() < grey.shape[0] * (1 - 30 / 792)  # the ink stops above the bottom margin
    assert rows.max() > grey.shape[0] * 0.8  # and the card is not drawn tiny either


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_printer_that_cannot_be_opened_is_a_notice(
    tmp_path: Path,
    exercise: Exercise,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowMaker,
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    win, _ = make_window(show=False)
    notices: list[str] = []
    monkeypatch.setattr(win, "show_notice", notices.append)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "no" / "such" / "folder" / "card.pdf"))
    assert win.exports.print_card(printer) is False
    assert notices and "could not be printed" in notices[0]


def test_without_a_printer_print_to_file_gets_a_real_file_name(
    tmp_path: Path,
    exercise: Exercise,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowMaker,
) -> None:
    """No printer installed: Qt offers only "Print to File (PDF)" with the home folder as the file
    name; the card's file name is filled in, so pressing Print just works."""
    from PySide6.QtPrintSupport import QPrinter

    from trainer.exports.card import CARD_FILE_NAME, prepare_printer

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer.outputFormat() != QPrinter.OutputFormat.PdfFormat:
        pytest.skip("this machine has a printer: the dialog starts on it, not on a file")
    prepare_printer(printer, exercise, tmp_path)
    assert printer.outputFileName() == str(tmp_path / CARD_FILE_NAME)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no Documents folder there: the home folder
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "home" / "Documents"))
    other = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(other, exercise)
    assert Path(other.outputFileName()).parent.is_dir()
    assert Path(other.outputFileName()).name == CARD_FILE_NAME
    # Pressing Print straight away in the window prints the card there.
    win, _ = make_window(show=False)
    from PySide6.QtPrintSupport import QPrintDialog

    chosen: dict[str, str] = {}

    def press_print(dialog: QPrintDialog) -> QPrintDialog.DialogCode:
        chosen["file"] = dialog.printer().outputFileName()
        dialog.printer().setOutputFileName(str(tmp_path / CARD_FILE_NAME))  # keep the test's files here
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", press_print)
    win.exports.print_card_dialog()
    assert chosen["file"].endswith(CARD_FILE_NAME)
    assert pdf_text_and_image(tmp_path / CARD_FILE_NAME)[0] == 1
