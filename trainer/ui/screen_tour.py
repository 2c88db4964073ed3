"""Drives the real window into each state a person meets, on a fake clock; for the screenshot
script (docs/screen_states.py) and the fit tests. Also: the layout check (nothing clipped or
overlapping) used by both."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLayout,
    QScrollArea,
    QWidget,
)

from trainer.session import ManualClock, Status
from trainer.ui.main_window import MainWindow

STATES = ("ready", "get-ready", "set", "paused", "rest", "summary", "pain", "stopped")
SIZES = ((1280, 720), (1366, 768), (1920, 1080), (3840, 2160))
# A screen loses this much height to a desktop panel and the window's title bar.
FRAME_HEIGHT = 64


def window_size_for_screen(width: int, height: int) -> tuple[int, int]:
    return width, height - FRAME_HEIGHT


def _step(win: MainWindow, clock: ManualClock, seconds: float, dt: float = 0.5) -> None:
    for _ in range(round(seconds / dt)):
        clock.advance(dt)
        win.on_frame()


def drive(win: MainWindow, clock: ManualClock, state: str) -> None:
    """From a fresh window (plan 3 × 8, rest 60 s) to `state`."""
    if state not in STATES:
        raise ValueError(f"state must be one of {', '.join(STATES)}, got {state!r}")
    if state == "ready":
        return
    win.start_session()
    if state == "get-ready":
        _step(win, clock, 4)
        return
    _step(win, clock, 10 + 8 * 4 + 1.5)  # rep 5, lifting
    if state == "set":
        return
    if state == "paused":
        win.toggle_start_pause()
        return
    if state == "pain":
        win.answer_comfort("pain")
        return
    if state == "stopped":
        assert win.controller is not None
        win.controller.stop()
        win.on_frame()
        return
    _step(win, clock, 8 * 4 + 5)  # 5 s into the first rest
    if state == "rest":
        return
    win.answer_comfort("fine")
    assert win.controller is not None
    while win.controller.status is not Status.FINISHED:
        _step(win, clock, 10, dt=1.0)
    win.answer_comfort("tired")


def _visible(widget: QWidget) -> Iterator[QWidget]:
    for child in widget.findChildren(QWidget):
        if child.isVisible() and child.isWindow() is False and child.width() > 0:
            yield child


def _rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())


def _scroll_area(widget: QWidget) -> QScrollArea | None:
    """The scroll area whose viewport holds `widget` (its scroll bars are not inside)."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and child is parent.viewport():
            return parent
        child, parent = parent, parent.parentWidget()
    return None


def _text_fits(widget: QWidget) -> str | None:
    if isinstance(widget, QLabel) and widget.text() and not widget.pixmap():
        fm = widget.fontMetrics()
        inner = widget.contentsRect()
        margin = widget.margin() * 2 + widget.indent() if widget.indent() > 0 else widget.margin() * 2
        if widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + 1:
                return f"needs {need} px height, has {widget.height()}"
        else:
            text = widget.text().replace("&&", "\0") if widget.buddy() else widget.text()
            lines = text.replace("&", "").replace("\0", "&").split("\n")
            need_w = max(fm.horizontalAdvance(line) for line in lines) + margin
            if widget.textFormat().name != "RichText" and need_w > inner.width() + 1:
                return f"needs {need_w} px width, has {inner.width()}"
            if fm.height() * len(lines) > inner.height() + 1:
                return f"needs {fm.height() * len(lines)} px height, has {inner.height()}"
    if isinstance(widget, QAbstractButton) and widget.text():
        fm = widget.fontMetrics()
        lines = widget.text().replace("&&", "&").split("\n")
        need_w = max(fm.horizontalAdvance(line) for line in lines) + 8
        if need_w > widget.width():
            return f"button text needs {need_w} px width, has {widget.width()}"
        if fm.height() * len(lines) > widget.height():
            return f"button text needs {fm.height() * len(lines)} px height, has {widget.height()}"
    if isinstance(widget, QComboBox) and widget.height() < widget.fontMetrics().height():
        return f"drop-down {widget.height()} px tall for {widget.fontMetrics().height()} px text"
    return None


def settle() -> None:
    """Let the layout finish what the last change started, as it does within a few frames on
    screen: the texts are fitted at the next turn of the event loop, the splitter then gives the
    column its new width, and the plan form picks one or two columns for that width."""
    for _ in range(6):
        QApplication.processEvents()


def layout_problems(top: QWidget) -> list[str]:
    """Every visible widget inside `top`, its text fitting it, and no two siblings laid out by
    the same layout overlapping. One line per problem, naming the widget."""
    settle()
    problems: list[str] = []
    bounds = top.rect()
    for w in _visible(top):
        name = w.accessibleName() or w.objectName() or type(w).__name__
        r = _rect_in(w, top)
        area = _scroll_area(w)
        if area is not None:  # up and down it may scroll; sideways it must fit
            view = _rect_in(area.viewport(), top)
            if r.left() < view.left() or r.right() > view.right():
                problems.append(f"{name}: {r.getRect()} cut sideways by its column {view.getRect()}")
        elif not bounds.contains(r):
            problems.append(f"{name}: {r.getRect()} outside the window {bounds.getRect()}")
        why = _text_fits(w)
        if why:
            problems.append(f"{name} {type(w).__name__} {w.text() if hasattr(w, 'text') else ''!r}: {why}")
    for layout in top.findChildren(QLayout):
        items = [layout.itemAt(i) for i in range(layout.count())]
        widgets = [item.widget() for item in items if item is not None]
        shown = [w for w in widgets if w is not None and w.isVisible()]
        for i, a in enumerate(shown):
            for b in shown[i + 1 :]:
                if a.geometry().intersects(b.geometry()):
                    problems.append(
                        f"{a.accessibleName() or type(a).__name__} overlaps "
                        f"{b.accessibleName() or type(b).__name__}"
                    )
    return problems
