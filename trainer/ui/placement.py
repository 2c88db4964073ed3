"""Where the window opens: as the person left it, always within the screen's free area."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from trainer.settings import Settings

DEFAULT_WIDTH, DEFAULT_HEIGHT = 1280, 800
# The window frame (title bar, borders) is outside the geometry Qt sets: keep room for it.
FRAME_W, FRAME_H = 8, 36
TITLE_H = FRAME_H - 8  # of FRAME_H, the part above the window (title bar); the rest is below


def placement_text(rect: QRect, maximised: bool) -> str:
    return f"{rect.x()},{rect.y()},{rect.width()},{rect.height()},{int(maximised)}"


def fit_window(saved: str, area: QRect | None) -> tuple[QRect, bool]:
    """The window's rectangle and whether it is maximised, from the saved text (may be empty)."""
    maximised = False
    rect = QRect(0, 0, DEFAULT_WIDTH, DEFAULT_HEIGHT)
    remembered = False
    if saved:
        x, y, w, h, m = (int(p) for p in saved.split(","))
        if w > 0 and h > 0:
            rect, maximised, remembered = QRect(x, y, w, h), bool(m), True
    if area is None or area.isEmpty():
        return rect, maximised
    width = min(rect.width(), area.width() - FRAME_W)
    height = min(rect.height(), area.height() - FRAME_H)
    if remembered:
        x = min(max(rect.x(), area.left()), area.right() - FRAME_W - width + 1)
        # The title bar above the window and the border below it: counting the whole frame below
        # too put a remembered full-height window at y=0 under openbox, its title bar off screen.
        lowest = area.bottom() - (FRAME_H - TITLE_H) - height + 1
        y = max(min(max(rect.y(), area.top() + TITLE_H), lowest), area.top())
    else:  # centred
        x = area.left() + (area.width() - width) // 2
        y = area.top() + max(0, (area.height() - FRAME_H - height) // 2) + TITLE_H
    return QRect(x, y, width, height), maximised


def place_window(window: QWidget, settings: Settings | None) -> None:
    """Where the person left the window, else 1280×800; never larger than the screen's free area."""
    saved = ""
    if settings is not None:
        from trainer.settings import S

        saved = settings.get(S.window_geometry)
    screen = window.screen() or QApplication.primaryScreen()
    area = screen.availableGeometry() if screen is not None else None
    rect, maximised = fit_window(saved, area)
    window.setGeometry(rect)
    if maximised:
        window.setWindowState(Qt.WindowState.WindowMaximized)


def save_placement(window: QWidget, settings: Settings | None) -> None:
    if settings is not None:
        from trainer.settings import S

        settings.set(S.window_geometry, placement_text(window.normalGeometry(), window.isMaximized()))
