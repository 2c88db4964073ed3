"""A printable card for the gym or the fridge: the start and top poses, the steps, the tips, the
safety notes with their sources, and an empty log for a week. One A4 page, saved with Qt's PDF
writer or sent to a printer (then shrunk to fit if the paper is smaller than A4, e.g. US Letter)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

from trainer.content import Exercise, Figure
from trainer.content.safety import DISCLAIMER, SafetyContent, cite, load_safety
from trainer.session.plan import Plan
from trainer.ui.pdf_page import a4_portrait, pdf_page

NAVY = QColor(29, 53, 87)
GREY = QColor(100, 100, 100)
RULE = QColor(190, 196, 208)
# The notes every card carries: stop on pain, the risky moments, who to ask first.
CARD_SAFETY = (
    "always_stop_if_it_hurts",
    "kneeling_floor_moments",
    "fracture_physio_first",
    "shoulder_ask_first",
    "always_next_day_soreness",
)
KNEELING_ONLY = frozenset({"kneeling_floor_moments"})
# Guidance for one group of people says who it is for on a card everyone reads.
FOR_WHOM = {
    "vertebral_fracture": "After a broken bone in the spine: ",
    "shoulder_injury": "With a shoulder injury: ",
}
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _font(pt: float, bold: bool = False) -> QFont:
    f = QFont("DejaVu Sans")
    f.setPointSizeF(pt)
    f.setBold(bold)
    return f


def pose_pictures(
    variant: str | Figure, side: str | None, size: tuple[int, int] = (520, 460)
) -> list[QPixmap]:
    """The real figure view at the start of the lift and at its top (after the squeeze)."""
    from trainer.ui.figure_view import FigureView

    view = FigureView()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.resize(*size)
    view.show()
    pictures = []
    for phase, progress in (("lift", 0.0), ("squeeze", 1.0)):
        view.show_moment(variant, side, phase, progress)
        QApplication.processEvents()
        pictures.append(view.grab())
    view.close()
    view.deleteLater()
    return pictures


CARD_MARGINS = QMarginsF(34, 30, 34, 30)  # points
# The area the card is laid out in (A4 inside the margins), in points, from the top-left corner.
CARD_AREA = QRectF(QPointF(0, 0), a4_portrait(CARD_MARGINS).paintRect(QPageLayout.Unit.Point).size())


def card_title(exercise: Exercise) -> str:
    return f"{exercise.name} — exercise card"


def write_card(exercise: Exercise, plan: Plan, path: Path, safety: SafetyContent | None = None) -> None:
    """Write the card; OSError if the file cannot be made."""
    safety = safety or load_safety()
    pictures = pose_pictures(exercise.variant(plan.variant).figure, plan.side_for(1))
    with pdf_page(path, card_title(exercise), CARD_MARGINS) as (p, page):
        _draw(p, page, exercise, plan, safety, pictures)


CARD_FILE_NAME = "thoracic-back-press-card.pdf"


def prepare_printer(printer: QPrinter, exercise: Exercise, pdf_folder: Path | None = None) -> None:
    """A4 with the card's margins as the starting choice; the print dialog may change the paper.

    With no printer installed Qt offers only "Print to File (PDF)", with the home folder itself as
    the file name (which cannot be written): it gets a real file name in `pdf_folder` instead.
    """
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtPrintSupport import QPrinter

    printer.setDocName(card_title(exercise))
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        if pdf_folder is None:
            documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            pdf_folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
        printer.setOutputFileName(str(pdf_folder / CARD_FILE_NAME))
    printer.setPageLayout(a4_portrait(CARD_MARGINS))


def print_card(
    exercise: Exercise, plan: Plan, printer: QPrinter, safety: SafetyContent | None = None
) -> float:
    """Print the card on one page of `printer`; returns the scale used (1 on A4, < 1 on smaller paper).

    OSError if the printer cannot be opened. The card is laid out in points for A4; on a smaller
    printable area it is shrunk as a whole, so nothing falls off the page.
    """
    safety = safety or load_safety()
    pictures = pose_pictures(exercise.variant(plan.variant).figure, plan.side_for(1))
    area = printer.pageLayout().paintRect(QPageLayout.Unit.Point)
    fit = min(1.0, area.width() / CARD_AREA.width(), area.height() / CARD_AREA.height())
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"cannot print to {printer.printerName() or printer.outputFileName() or 'the printer'}")
    try:
        painter.scale(printer.resolution() / 72 * fit, printer.resolution() / 72 * fit)
        _draw(painter, CARD_AREA, exercise, plan, safety, pictures)
    finally:
        painter.end()
    return fit


def _text(
    p: QPainter, x: float, y: float, w: float, text: str, font: QFont, colour: QColor | None = None
) -> float:
    """Wrapped text at (x, y); returns the y below it."""
    p.setFont(font)
    p.setPen(colour or Qt.GlobalColor.black)
    rect = p.boundingRect(QRectF(x, y, w, 400), int(Qt.TextFlag.TextWordWrap), text)
    p.drawText(QRectF(x, y, w, rect.height()), int(Qt.TextFlag.TextWordWrap), text)
    return y + rect.height()


def _draw(
    p: QPainter, page: QRectF, ex: Exercise, plan: Plan, safety: SafetyContent, pictures: list[QPixmap]
) -> None:
    # Everything is laid out in points. Fonts are sized for the device's own resolution, so on a
    # device with more dots per inch than 72 (a printer whose driver keeps its own resolution) the
    # painter's scale would enlarge them a second time: undo that here.
    unit = 72.0 / p.device().logicalDpiY()

    def font(pt: float, bold: bool = False) -> QFont:
        return _font(pt * unit, bold)

    w = page.width()
    variant = ex.variant(plan.variant)
    y = _text(p, 0, 0, w, f"{ex.name} — {variant.name.lower()}", font(17, True), NAVY)
    t = plan.tempo
    y = _text(
        p, 0, y + 2, w,
        f"{plan.sets} sets of {plan.reps} (fewer is fine — build up), rest {plan.rest_s:g} s between sets. "
        f"Each rep: lift {t.lift:g} s · squeeze {t.squeeze:g} s · lower {t.lower:g} s · relax {t.relax:g} s. "
        "Two or three times a week, not on two days in a row."
        + (" Change knees every set." if plan.switch_sides else ""),
        font(9.5), GREY,
    )  # fmt: skip
    # The two poses side by side.
    y += 8
    pic_w = (w - 12) / 2
    pic_h = pic_w * pictures[0].height() / max(1, pictures[0].width())
    for i, (pic, label) in enumerate(zip(pictures, ("Start", "Top of the lift"), strict=True)):
        x = i * (pic_w + 12)
        p.drawPixmap(QRectF(x, y, pic_w, pic_h), pic, QRectF(pic.rect()))
        p.setPen(QPen(RULE, 0.8))
        p.drawRect(QRectF(x, y, pic_w, pic_h))
        _text(p, x + 6, y + 4, pic_w, label, font(10, True), NAVY)
    y += pic_h + 10
    # Steps and tips in two columns.
    col = (w - 16) / 2
    y_steps = _text(p, 0, y, col, "How to do it", font(11.5, True), NAVY) + 2
    for i, step in enumerate(ex.steps_for(plan.variant), 1):
        y_steps = _text(p, 0, y_steps, col, f"{i}. {step}", font(9)) + 2
    y_tips = _text(p, col + 16, y, col, "Keep in mind", font(11.5, True), NAVY) + 2
    for tip in ex.tips_for(plan.variant):
        y_tips = _text(p, col + 16, y_tips, col, f"• {tip.text}", font(9)) + 2
    y = max(y_steps, y_tips) + 8
    # Safety notes with their sources.
    y = _text(p, 0, y, w, "Safety", font(11.5, True), NAVY) + 2
    by_id = {g.id: g for g in safety.guidance}
    kneels = ex.variant(plan.variant).figure.kneels
    for gid in CARD_SAFETY:
        if gid in KNEELING_ONLY and not kneels:
            continue  # a chair or ball card does not talk about getting down to the floor
        g = by_id.get(gid)
        if g is not None:
            lead = FOR_WHOM.get(g.when, "")
            text = f"{lead}{g.text[0].lower()}{g.text[1:]}" if lead else g.text
            y = _text(p, 0, y, w, f"• {text} {cite(safety, g)}", font(8.5)) + 1
    y = _text(p, 0, y + 2, w, DISCLAIMER, font(8, False), GREY) + 10
    # An empty log for a week.
    y = _text(p, 0, y, w, "My week", font(11.5, True), NAVY) + 4
    headers = ("Day", "Date", "Variant / knee", "Sets × reps", "Weight", "How it felt")
    widths = (0.08, 0.14, 0.22, 0.18, 0.16, 0.22)
    row_h = max(16.0, min(24.0, (page.height() - y - 16) / 8))
    xs = [0.0]
    for f in widths[:-1]:
        xs.append(xs[-1] + f * w)
    p.setPen(QPen(RULE, 0.8))
    for r in range(9):
        p.drawLine(QPointF(0, y + r * row_h), QPointF(w, y + r * row_h))
    for x in [*xs, w]:
        p.drawLine(QPointF(x, y), QPointF(x, y + 8 * row_h))
    p.setFont(font(9, True))
    p.setPen(NAVY)
    for x, h in zip(xs, headers, strict=True):
        p.drawText(QRectF(x + 4, y, w, row_h), int(Qt.AlignmentFlag.AlignVCenter), h)
    p.setFont(font(9))
    p.setPen(Qt.GlobalColor.black)
    for r, day in enumerate(DAYS, 1):
        p.drawText(QRectF(4, y + r * row_h, w, row_h), int(Qt.AlignmentFlag.AlignVCenter), day)
