"""One A4 PDF page drawn with QPainter in points, written whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter


def a4_portrait(margins: QMarginsF) -> QPageLayout:
    """The page every PDF and printout of the app starts from: A4, upright, margins in points."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Point
    )


@contextmanager
def pdf_page(path: Path, title: str, margins: QMarginsF) -> Iterator[tuple[QPainter, QRectF]]:
    """Yields a painter and the printable area (1 unit = 1 point). OSError if it cannot be made."""
    if not path.parent.is_dir():
        raise OSError(f"the folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.part")  # a half-written PDF never takes the real name
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
    except BaseException:
        painter.end()
        tmp.unlink(missing_ok=True)
        raise
    painter.end()
    if not tmp.is_file() or tmp.stat().st_size == 0:
        raise OSError(f"the PDF {path} was not written")
    os.replace(tmp, path)
