"""The printable card: one A4 page with the poses, steps, tips, safety notes and a week's log."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import run_trainer


def pdf_text_and_image(path):
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    image = doc.render(0, QSize(620, 877)).convertToFormat(QImage.Format.Format_Grayscale8)
    row = image.bytesPerLine()
    grey = np.frombuffer(image.constBits(), np.uint8, count=row * image.height()).reshape(image.height(), row)
    return doc.pageCount(), doc.getAllText(0).text(), grey[:, : image.width()].copy()  # own the pixels


@pytest.mark.parametrize("variant", ["kneeling", "chair"])
def test_card_has_one_page_with_poses_steps_tips_safety_and_log(tmp_path, exercise, qtbot, variant):
    out = tmp_path / "card.pdf"
    r = run_trainer("--export-card", str(out), "--variant", variant)
    assert r.returncode == 0, r.stderr
    pages, text, grey = pdf_text_and_image(out)
    assert pages == 1
    flat = " ".join(text.split())
    for step in exercise.steps_for(variant):
        assert " ".join(step.split()[:6]) in flat
    for tip in exercise.tips:
        assert " ".join(tip.text.split()[:4]) in flat
    assert "Royal Osteoporosis Society" in flat and "Too Fit To Fracture" in flat
    assert "After a broken bone in the spine" in flat and "not medical advice" in flat
    assert all(day in flat for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
    assert ("Change knees every set" in flat) == (variant == "kneeling")
    # The two pose pictures are drawn (dark figure strokes in the picture band near the top).
    band = grey[90:330]
    assert (band < 100).sum() > 2000


def test_card_to_a_missing_folder_is_one_clear_line(tmp_path):
    r = run_trainer("--export-card", str(tmp_path / "no" / "card.pdf"))
    assert r.returncode == 2 and "--export-card" in r.stderr and "does not exist" in r.stderr


def test_file_menu_card_gets_pdf_suffix_and_is_readable(tmp_path, exercise, qtbot, monkeypatch):
    """File ▸ Print a card: a name typed without ".pdf" still gives a PDF the viewer opens."""
    from PySide6.QtWidgets import QFileDialog

    from trainer.session import Plan
    from trainer.ui.main_window import MainWindow
    from trainer.voice.speaker import RecordingSpeaker

    win = MainWindow(exercise, Plan.from_exercise(exercise, "chair"), RecordingSpeaker())
    qtbot.addWidget(win)
    asked = []

    def fake_dialog(parent, title, name, kinds):
        asked.append((title, name, kinds))
        return str(tmp_path / "my card"), kinds

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    (action,) = [a for a in win.menuBar().actions()[0].menu().actions() if "card" in a.text()]
    action.trigger()
    assert asked and asked[0][1].endswith(".pdf")
    pages, text, _ = pdf_text_and_image(tmp_path / "my card.pdf")
    assert pages == 1 and "chair" in text.lower()
    assert not (tmp_path / "my card").exists()
