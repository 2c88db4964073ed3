"""Follow-along mode: the screen read from the mat, full screen, nothing but the figure, the set
and rep counter, the knee side, the phase words, the rest countdown with what comes next and the
caption. Text sizes come from the screen (ui/follow_layout.py), not from the figure.

The controls (a slim bar of big buttons) appear on a mouse move or a key press and hide again
after a few idle seconds (a single-shot QTimer: tests fire it rather than wait). The figure is
the window's own, borrowed while the mode is on, so turn, mirror and outlines carry over.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer.content import Exercise
from trainer.present import ScreenState
from trainer.ui import theme
from trainer.ui.figure_view import FigureView
from trainer.ui.follow_layout import FIGURE_SHARE, FollowSizes, follow_sizes

BAR_HIDE_MS = 3000
# Label key -> (accessible name, bold, wraps, style)
_LABELS = {
    "set": ("Set counter", True, False, ""),
    "side": ("Knee on the floor", True, False, theme.SIDE_STYLE),
    "rep": ("Rep counter", True, False, theme.REP_STYLE),
    "count": ("Countdown", True, False, theme.COUNT_STYLE),
    "phase": ("Current phase", False, True, ""),
    "next": ("What comes next", False, True, ""),
}
LINES = ("set", "rep", "side", "phase", "count", "next")


class FollowScreen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("follow_screen")
        self.setAccessibleName("Follow-along screen")
        self.setAutoFillBackground(True)
        self.setStyleSheet("QWidget#follow_screen { background: white; }")
        self.setMouseTracking(True)
        # The screen's size is the screen's: the texts shrink to fit it (_fit), never the reverse.
        self.setMinimumSize(320, 240)
        self.text_scale = 1.0
        self.own_figure: FigureView | None = None  # a figure of its own (the video), else borrowed
        self.sizes = follow_sizes(1366, 768)
        self._fitted_for: tuple[object, ...] = ()
        outer = QVBoxLayout(self)
        self.outer = outer
        top = QHBoxLayout()
        self.figure_slot = QVBoxLayout()
        self.figure_slot.setContentsMargins(0, 0, 0, 0)
        top.addLayout(self.figure_slot, round(FIGURE_SHARE * 100))
        texts = QVBoxLayout()
        self.texts = texts
        self.labels: dict[str, QLabel] = {}
        for key, (name, _bold, wrap, style) in _LABELS.items():
            label = QLabel()
            label.setAccessibleName(name)
            label.setWordWrap(wrap)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setStyleSheet(style)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
            label.hide()
            self.labels[key] = label
        for key in ("set", "side", "rep", "count", "next"):
            texts.addWidget(self.labels[key])
        texts.addStretch(1)
        top.addLayout(texts, 100 - round(FIGURE_SHARE * 100))
        outer.addLayout(top, 1)
        # The phase words across the whole width, two lines kept for them so the figure does
        # not jump as a short phase follows a long one.
        outer.addWidget(self.labels["phase"])
        self.caption = QLabel()
        self.caption.setAccessibleName("Caption: the last spoken cue")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setStyleSheet(theme.CAPTION_STYLE)
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        outer.addWidget(self.caption)

        # The controls float over the bottom edge, so showing them moves nothing.
        self.bar = QFrame(self)
        self.bar.setObjectName("follow_bar")
        self.bar.setStyleSheet("QFrame#follow_bar { background: rgba(29, 53, 87, 225); border-radius: 8px; }")
        self.bar_layout = QHBoxLayout(self.bar)
        self.bar_buttons: list[tuple[QPushButton, QPushButton]] = []
        self.bar.hide()
        self.bar_timer = QTimer(self)
        self.bar_timer.setSingleShot(True)
        self.bar_timer.setInterval(BAR_HIDE_MS)
        self.bar_timer.timeout.connect(self.bar.hide)

    # ---------------------------------------------------------------- figure and controls
    def hold_figure(self, figure: QWidget) -> None:
        self.figure_slot.addWidget(figure, 1)
        figure.show()

    def add_control(self, source: QPushButton, extra: Callable[[], object] | None = None) -> QPushButton:
        """A bar button that mirrors one of the window's big buttons (text, enabled, click)."""
        b = QPushButton()
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Space stays the pause key
        b.setMinimumHeight(64)
        b.clicked.connect(extra or source.click)
        self.bar_layout.addWidget(b)
        self.bar_buttons.append((b, source))
        return b

    def show_controls(self) -> None:
        """On a mouse move or a key: the bar, for a few seconds from the last one."""
        for b, source in self.bar_buttons:
            if source.text():  # Esc leaves this mode: the stop button keeps only its word
                b.setText(source.text().replace("\n[Esc]", ""))
            b.setFont(theme.font_for_cap(self.font(), max(12, self.sizes.next * 0.6), True))
            b.setEnabled(source.isEnabled())
            b.setAccessibleName(source.accessibleName())
            # Both lines ("Pause" and "[Space]") whole: a bar placed from the old font's height
            # cut them top and bottom at 1280×720 with larger text.
            b.setMinimumHeight(max(64, b.sizeHint().height()))
        self.bar_layout.activate()
        self._place_bar()
        if not self.bar.isVisible():
            self.bar.show()
            self.bar.raise_()
        self.bar_timer.start()

    def _place_bar(self) -> None:
        m = self.sizes.margin
        h = self.bar.sizeHint().height()
        self.bar.setGeometry(m, self.height() - h - m, self.width() - 2 * m, h)

    # ---------------------------------------------------------------- texts
    def show_lines(self, texts: dict[str, str], caption: str) -> None:
        """The session's texts (keys as in LINES; an empty text hides its line)."""
        changed = False
        for key in LINES:
            text = texts.get(key, "")
            label = self.labels[key]
            if label.text() != text or label.isHidden() == bool(text):
                label.setText(text)
                label.setVisible(bool(text))
                changed = True
        if self.caption.text() != caption or self.caption.isHidden() == bool(caption):
            self.caption.setText(caption)
            self.caption.setVisible(bool(caption))  # no empty band (a video's first seconds)
            changed = True
        if changed:
            self._fit()

    def show_state(self, state: ScreenState) -> None:
        """A whole frame from the screen state (the video; the window feeds `show_lines`)."""
        self.show_lines(
            {
                "set": state.set_line,
                "rep": state.rep_line,
                "side": state.side_line,
                "phase": state.phase_line,
                "count": state.countdown,
                "next": state.next_line,
            },
            state.caption,
        )
        if self.own_figure is not None:
            m = state.figure
            self.own_figure.show_moment(m.variant, m.side, m.phase, m.progress, resting=m.resting)

    def set_text_scale(self, scale: float) -> None:
        self.text_scale = scale
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
        if self.bar.isVisible():
            self._place_bar()

    def _fit(self) -> None:
        """Fonts for this screen; single lines narrowed to the text column, and the words made
        smaller (never the counters below the design size) when the screen would overflow."""
        w, h = max(1, self.width()), max(1, self.height())
        key = (w, h, self.text_scale, *(self.labels[k].text() for k in LINES), self.caption.text())
        if key == self._fitted_for:
            return
        self._fitted_for = key
        sizes = self.sizes = follow_sizes(w, h, self.text_scale)
        m = sizes.margin
        self.outer.setContentsMargins(m, m, m, m)
        self.outer.setSpacing(m)
        self.texts.setSpacing(max(4, m // 2))
        column = int(w * (1 - FIGURE_SHARE)) - 2 * m
        base = self.font()
        # The words give way first; the counters only on a small screen with larger text.
        steps = ((1.0, 1.0), (0.92, 1.0), (0.84, 1.0), (0.76, 1.0), (0.68, 1.0), (0.6, 1.0))
        for shrink, counters in (*steps, (0.6, 0.9), (0.6, 0.8), (0.55, 0.7)):
            used = self._apply(base, sizes, shrink, counters, column, w - 2 * m)
            if used <= h:
                break
        self._relayout()  # once, for the fonts chosen (the heights above are the labels' own)

    def _relayout(self) -> None:
        for label in (*self.labels.values(), self.caption):
            label.updateGeometry()
        for lay in (self.texts, self.outer):  # a child layout keeps its old sums
            lay.invalidate()
        self.outer.activate()

    def _apply(
        self, base: QFont, sizes: FollowSizes, shrink: float, counters: float, column: int, width: int
    ) -> int:
        """Sets the fonts (words times `shrink`, counters times `counters`); returns the height
        the texts need."""
        heights: dict[str, float] = {}
        for key, (_name, bold, wrap, _style) in _LABELS.items():
            label = self.labels[key]
            cap = sizes.cap(key) * (counters if key in ("rep", "count") else shrink)
            room = width if key == "phase" else column
            f = theme.font_for_cap(base, cap, bold)
            fm = QFontMetricsF(f)
            if not wrap and label.text():  # one line: narrower rather than cut
                wide = fm.horizontalAdvance(label.text()) + 8
                if wide > room > 0:
                    f = theme.font_for_cap(base, max(12.0, cap * room / wide), bold)
                    fm = QFontMetricsF(f)
            label.setFont(f)
            if key == "phase":
                label.setMinimumHeight(int(2 * fm.lineSpacing()) + 2)
                heights[key] = max(label.heightForWidth(int(room)), 2 * fm.lineSpacing())
            elif label.text():
                heights[key] = label.heightForWidth(int(room)) if wrap else label.sizeHint().height()
        # The caption keeps at least 95 % of its size at normal text (38 px at 1366×768).
        floor = 0.95 * sizes.caption / (1.0 + max(0.0, min(self.text_scale, 2.0) - 1.0) * 0.5)
        self.caption.setFont(theme.font_for_cap(base, max(sizes.caption * shrink, floor)))
        gap = max(4, sizes.margin // 2)
        column_h = sum(v + gap for k, v in heights.items() if k != "phase")
        # Margins above and below, and a gap each side of the phase words.
        used = column_h + heights["phase"] + self.caption.heightForWidth(width) + 4 * sizes.margin
        return int(used)


class FollowActivity(QObject):
    """While the mode is on: any mouse move or key in `window` shows the controls."""

    def __init__(self, window: QWidget, screen: FollowScreen) -> None:
        super().__init__(window)
        self.window = window
        self.screen = screen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.MouseMove, QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
        if event.type() in kinds and isinstance(watched, QWidget) and watched.window() is self.window:
            self.screen.show_controls()
        return False


def follow_screen_for(exercise: Exercise, size: tuple[int, int]) -> FollowScreen:
    """The follow-along screen alone at `size` pixels with a figure of its own, offscreen: the
    exported video's frames (no menus, no buttons)."""
    screen = FollowScreen()
    screen.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    figure = FigureView()
    figure.use_exercise(exercise)
    screen.own_figure = figure
    screen.hold_figure(figure)
    screen.resize(*size)
    screen.show()
    return screen
