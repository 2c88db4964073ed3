"""A one-page PDF for a clinician: summary, a chart of reps per session and the recent sets.

Drawn with Qt's own PDF writer and QPainter (no extra packages); units are points on A4.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from trainer.history.records import SessionRecord
from trainer.history.report_text import report_lines, report_rows
from trainer.ui.pdf_page import pdf_page

NAVY = QColor(29, 53, 87)
GREY = QColor(110, 110, 110)
PAIN_RED = QColor(155, 34, 38)
RULE = QColor(200, 205, 215)


def _font(pt: float, bold: bool = False) -> QFont:
    f = QFont("DejaVu Sans")
    f.setPointSizeF(pt)
    f.setBold(bold)
    return f


__all__ = ["report_lines", "write_report"]


def write_report(sessions: list[SessionRecord], path: Path, today: date) -> int:
    """Write the report; returns how many set rows it lists. OSError if the file cannot be made."""
    with pdf_page(path, "Thoracic Back Press — exercise report", QMarginsF(40, 40, 40, 40)) as (p, page):
        rows = _draw(p, page, sessions, today)
    return rows


def _draw(p: QPainter, page: QRectF, sessions: list[SessionRecord], today: date) -> int:
    w = page.width()
    p.translate(0, 0)
    y = 0.0
    p.setPen(NAVY)
    p.setFont(_font(18, True))
    p.drawText(QRectF(0, y, w, 26), "Thoracic Back Press — exercise report")
    y += 28
    p.setPen(GREY)
    p.setFont(_font(9))
    p.drawText(
        QRectF(0, y, w, 14),
        f"Prepared by Thoracic Trainer on {today:%d %B %Y} from the user's own records.",
    )
    y += 22
    p.setPen(Qt.GlobalColor.black)
    p.setFont(_font(10.5))
    for line in report_lines(sessions, today):
        rect = p.boundingRect(QRectF(0, y, w, 60), Qt.TextFlag.TextWordWrap, line)
        p.drawText(QRectF(0, y, w, rect.height()), Qt.TextFlag.TextWordWrap, line)
        y += rect.height() + 3
    y += 8
    y = _chart(p, QRectF(0, y, w, 170), sessions) + 14
    rows = _table(p, QRectF(0, y, w, page.height() - y - 40), sessions)
    p.setPen(GREY)
    p.setFont(_font(8))
    p.drawText(
        QRectF(0, page.height() - 30, w, 30),
        Qt.TextFlag.TextWordWrap,
        "Exercise: thoracic back press with light hand weights (each row names its variant); tempo in "
        "seconds for lift-squeeze-lower-relax. 'How it felt' is the user's answer after each set. "
        "This report lists what was recorded; it is not a clinical assessment.",
    )
    return rows


def _chart(p: QPainter, box: QRectF, sessions: list[SessionRecord]) -> float:
    done = [s for s in sessions if s.reps_done > 0][-30:]
    p.setPen(NAVY)
    p.setFont(_font(11, True))
    p.drawText(QRectF(box.left(), box.top(), box.width(), 16), "Repetitions per session (last 30)")
    area = QRectF(box.left() + 28, box.top() + 22, box.width() - 36, box.height() - 40)
    top = max([24, *(s.reps_done for s in done)])
    p.setFont(_font(7.5))
    for value in range(0, top + 1, 8):
        yy = area.bottom() - area.height() * value / top
        p.setPen(QPen(RULE, 0.6))
        p.drawLine(QPointF(area.left(), yy), QPointF(area.right(), yy))
        p.setPen(GREY)
        p.drawText(QRectF(box.left(), yy - 6, 24, 12), Qt.AlignmentFlag.AlignRight, str(value))
    if not done:
        p.setPen(GREY)
        p.drawText(area, Qt.AlignmentFlag.AlignCenter, "No sessions yet")
        return box.bottom()
    slot = area.width() / max(len(done), 8)
    for i, s in enumerate(done):
        h = area.height() * s.reps_done / top
        colour = PAIN_RED if s.had_pain else NAVY
        p.fillRect(QRectF(area.left() + i * slot + slot * 0.15, area.bottom() - h, slot * 0.7, h), colour)
        if len(done) <= 15 or i % 3 == 0:
            p.setPen(GREY)
            p.drawText(
                QRectF(area.left() + i * slot - 6, area.bottom() + 2, slot + 12, 12),
                Qt.AlignmentFlag.AlignHCenter,
                f"{s.started_at:%d/%m}",
            )
    return box.bottom()


def _table(p: QPainter, box: QRectF, sessions: list[SessionRecord]) -> int:
    fit = max(5, int((box.height() - 40) / 15))  # as many rows as the page has room for
    every = report_rows(sessions)
    rows = every[-fit:]
    p.setPen(NAVY)
    p.setFont(_font(11, True))
    older = len(every) - len(rows)
    title = "Recent sets" + (f" ({older} older rows are in the CSV export)" if older else "")
    p.drawText(QRectF(box.left(), box.top(), box.width(), 16), title)
    headers = ["Date", "Set", "Variant", "Knee", "Weight", "Reps", "Tempo", "How it felt"]
    widths = [0.19, 0.05, 0.11, 0.08, 0.13, 0.08, 0.09, 0.27]
    xs = [box.left()]
    for fraction in widths[:-1]:
        xs.append(xs[-1] + fraction * box.width())
    y = box.top() + 22
    p.setFont(_font(8.5, True))
    for x, h, fraction in zip(xs, headers, widths, strict=True):
        p.drawText(QRectF(x, y, fraction * box.width(), 12), h)
    y += 14
    p.setPen(QPen(RULE, 0.8))
    p.drawLine(QPointF(box.left(), y), QPointF(box.right(), y))
    p.setFont(_font(8.5))
    for r in rows:
        y += 3
        values = [
            f"{r.when:%d %b %y, %H:%M}",
            str(r.set_no) if r.set_no is not None else "—",
            r.variant,
            r.side or "—",
            r.weight or "—",
            f"{r.done_reps}/{r.planned_reps}",
            r.tempo,
            r.felt,
        ]
        p.setPen(PAIN_RED if r.pain else Qt.GlobalColor.black)
        for x, v, fraction in zip(xs, values, widths, strict=True):
            p.drawText(QRectF(x, y, fraction * box.width() - 3, 12), Qt.TextFlag.TextSingleLine, v)
        y += 12
    if not rows:
        p.setPen(GREY)
        p.drawText(QRectF(box.left(), y + 4, box.width(), 14), "No sets recorded yet.")
    return len(rows)
