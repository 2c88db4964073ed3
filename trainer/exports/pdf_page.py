"""One A4 PDF page drawn with QPainter in points, written whole or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from trainer.outputs import atomic_output


def a4_portrait(margins: QMarginsF) -> QPageLayout:
    """The page every PDF and printout of the app starts from: A4, upright, margins in points."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Point
    )


@contextmanager
def pdf_page(
    path: Path, title: str, margins: QMarginsF, private: bool = False
) -> Iterator[tuple[QPainter, QRectF]]:
    """Yields a painter and the printable area (1 unit = 1 point). OSError if it cannot be made.

    Written through the one atomic writer: a half-written PDF never takes the real name.
    """
    if not path.parent.is_dir():
        raise OSError(f"the folder {path.parent} does not exist")
    with atomic_output(path, private) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(72)
        writer.setPageLayout(a4_portrait(margins))
        writer.setTitle(title)
        writer.setCreator("Thoracic Trainer")
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"cannot write a PDF to {path}")
        try:
            yield painter, QRectF(writer.pageLayout().paintRect(QPageLayout.Unit.Point))
        finally:
            painter.end()
