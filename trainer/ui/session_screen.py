"""The session screen: the figure, the set and rep counter, the knee side, the phase words, the
countdown with what comes next, and the caption. It only renders a `ScreenState`
(trainer/present): every word it shows was decided there.

The window adds its own parts (plan form, summary, help, comfort question) to the column beside
the figure with `add_to_column` and `set_column_footer`; the video export shows the screen alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from trainer.content import Exercise
from trainer.present import ScreenState
from trainer.ui import theme
from trainer.ui.column import Column
from trainer.ui.figure_view import FigurePanel

# Label key -> (accessible name, point-size key in theme.SESSION_POINTS, bold, wraps)
_LABELS = (
    ("set", "Set counter", True, False),
    ("rep", "Rep counter", True, False),
    ("side", "Knee on the floor", True, False),
    ("phase", "Current phase", False, True),
    ("count", "Countdown", True, False),
    ("next", "What comes next", False, True),
)


# What the scrolling column keeps at least below the counters (one line of the plan or steps).
_COLUMN_LEAST = 40


class SessionScreen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.figure = FigurePanel()  # the figure with its turn / mirror / outlines / muscles controls
        self.figure.setMinimumSize(300, 260)  # small enough for a 1280×720 screen at any text size
        self.split.addWidget(self.figure)

        # The column scrolls rather than grow the window past the screen: on a small screen
        # with large text the summary, plan and help scroll; the buttons below stay put.
        right = QWidget()
        right.setObjectName("session_column")
        self.column_layout = QVBoxLayout(right)
        self.column_layout.setContentsMargins(12, 0, 4, 0)
        self.column = Column(right)
        self.column.setMinimumHeight(_COLUMN_LEAST)  # below the counters: it scrolls, they do not
        # The counters, countdown and phase words sit above the scrolling column: they never
        # scroll away (on 1280×720 with larger text the rest countdown used to).
        self.status = QWidget()
        self.status.setObjectName("session_status")
        status_layout = QVBoxLayout(self.status)
        status_layout.setContentsMargins(12, 0, 4, 0)
        self.labels: dict[str, QLabel] = {}
        for key, name, _bold, wrap in _LABELS:
            label = QLabel()
            label.setAccessibleName(name)
            label.setWordWrap(wrap)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            label.setTextFormat(Qt.TextFormat.PlainText)
            status_layout.addWidget(label)
            self.labels[key] = label
        self.set_label, self.rep_label, self.side_label = (
            self.labels["set"],
            self.labels["rep"],
            self.labels["side"],
        )
        self.phase_label, self.countdown_label = self.labels["phase"], self.labels["count"]
        self.next_label = self.labels["next"]
        self.rep_label.setStyleSheet(theme.REP_STYLE)
        self.countdown_label.setStyleSheet(theme.COUNT_STYLE)
        self.side_label.setStyleSheet(theme.SIDE_STYLE)

        side = self.side = QWidget()
        self.side_layout = QVBoxLayout(side)
        self.side_layout.setContentsMargins(0, 0, 0, 0)
        self.side_layout.addWidget(self.status)
        self.side_layout.addWidget(self.column, 1)
        self.split.addWidget(side)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        layout.addWidget(self.split, 1)

        self.caption = QLabel("")
        self.caption.setAccessibleName("Caption: the last spoken cue")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setMinimumHeight(48)
        self.caption.setStyleSheet(theme.CAPTION_STYLE)
        layout.addWidget(self.caption)

        self._shown: dict[str, str] = {}
        self._fonts: tuple[QFont, float] | None = None  # the base font and factor asked for
        self._fit_key: tuple[object, ...] = ()
        self.fitted_factor = 1.0  # the factor the texts got after fitting (tests read it)
        self._fit_index = 0  # which of _FIT_STEPS the texts got last time
        side.installEventFilter(self)
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(300)
        self._flash_timer.timeout.connect(lambda: self.rep_label.setStyleSheet(theme.REP_STYLE))

    # ---------------------------------------------------------------- parts the window adds
    def add_to_column(self, widget: QWidget, stretch: int = 0) -> None:
        """Below the counters, in the scrolling column."""
        self.column_layout.addWidget(widget, stretch)

    def set_column_footer(self, widget: QWidget) -> None:
        """Below the scrolling column: never scrolls away (the comfort question)."""
        self.side_layout.addWidget(widget)

    # ---------------------------------------------------------------- rendering
    def _set(self, key: str, text: str) -> None:
        if self._shown.get(key) != text:  # avoid relayouts every frame
            self._shown[key] = text
            label = self.labels[key]
            label.setText(text)
            label.setVisible(bool(text))

    def show_state(self, state: ScreenState) -> None:
        self._set("set", state.set_line)
        self._set("rep", state.rep_line)
        self._set("side", state.side_line)
        self._set("phase", state.phase_line)
        self._set("count", state.countdown)
        self._set("next", state.next_line)
        self.show_caption(state.caption)
        m = state.figure
        self.figure.show_moment(m.variant, m.side, m.phase, m.progress, resting=m.resting)

    def show_caption(self, text: str) -> None:
        if self.caption.text() != text:
            self.caption.setText(text)
            self.fit()  # a longer caption may need a line more

    def flash(self) -> None:
        """A flash of the counter at the start of each rep: a beat to follow without sound."""
        self.rep_label.setStyleSheet(theme.REP_FLASH_STYLE)
        self._flash_timer.start()

    def set_fonts(self, base: QFont, factor: float) -> None:
        """The session texts at `factor` times their design size, or smaller where the column
        beside the figure cannot hold them with the question below (see `fit`)."""
        self._fonts = (base, factor)
        self._fit_key = ()
        self._apply_fonts(base, factor)
        # The caption spans the window: it keeps its size (fit() shrinks only the column's texts).
        self.caption.setFont(theme.font(base, theme.SESSION_POINTS["caption"] * factor))
        self.fit()

    def _apply_fonts(self, base: QFont, factor: float) -> None:
        pts = theme.SESSION_POINTS
        for key, _name, bold, _wrap in _LABELS:
            font = theme.font(base, pts[key] * factor, bold)
            if self.labels[key].font() != font:  # an unchanged font would still relayout
                self.labels[key].setFont(font)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.side and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.fit()
        return False

    def fit(self) -> None:
        """The counters, countdown and phase words never scroll: when they and the footer (the
        comfort question) would not fit beside the figure, they get smaller, step by step."""
        if self._fonts is None or self.side.height() <= 0:
            return
        footer = [
            w
            for i in range(self.side_layout.count())
            if (item := self.side_layout.itemAt(i)) is not None
            and (w := item.widget()) not in (None, self.status, self.column)
            and not w.isHidden()
        ]
        key = (
            self.side.width(),
            self.side.height(),
            self.caption.text(),
            tuple(label.text() for label in self.labels.values()),
            tuple(id(w) for w in footer),
        )
        if key == self._fit_key:
            return
        # Texts change every second (countdown, reps): trying every step each time stalled the
        # event loop up to 80 ms on a long line. Same size, new texts: start one step above the
        # last fit. A new size or footer starts from full size.
        first = (
            0 if key[:2] != self._fit_key[:2] or key[4:] != self._fit_key[4:] else max(0, self._fit_index - 1)
        )
        self._fit_key = key
        base, factor = self._fonts
        gaps = self.side_layout.spacing() * (len(footer) + 1)
        room = self.side.height() - gaps - _COLUMN_LEAST
        room -= sum(max(w.sizeHint().height(), w.minimumHeight()) for w in footer)
        width = self.status.width() or self.side.width()
        layout = self.status.layout()
        assert layout is not None
        self.status.setMinimumHeight(0)
        for index in range(first, len(_FIT_STEPS)):
            step = _FIT_STEPS[index]
            self._fit_index = index
            self._apply_fonts(base, factor * step)
            self.fitted_factor = factor * step
            layout.invalidate()
            need = layout.heightForWidth(width) if layout.hasHeightForWidth() else -1
            need = max(need, layout.sizeHint().height())
            wide = max(
                (label.sizeHint().width() for label in self.labels.values() if not label.wordWrap()),
                default=0,
            )
            if need <= room and wide <= width - 16:  # the layout's side margins
                break
        # Its full height always (the column below gives way), never squeezed into overlaps;
        # the caption likewise keeps the lines it needs (the figure and column give way).
        self.status.setMinimumHeight(need)
        caption_factor = factor
        self.caption.setFont(theme.font(base, theme.SESSION_POINTS["caption"] * factor))
        limit = max(48, self.height() // 6)  # a long caption (the pain advice) may not take more
        while (tall := self.caption.heightForWidth(self.caption.width())) > limit and caption_factor > 0.6:
            caption_factor *= 0.9
            self.caption.setFont(theme.font(base, theme.SESSION_POINTS["caption"] * caption_factor))
        self.caption.setMinimumHeight(max(48, tall))
        self.side_layout.invalidate()  # its cached sums still hold the old minimum
        self.side_layout.setGeometry(self.side.rect())


_FIT_STEPS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)


def screen_for_size(exercise: Exercise, size: tuple[int, int]) -> SessionScreen:
    """The screen alone at `size` pixels, offscreen (a video frame): its texts sized for the
    window size as the window sizes them. The follow-along layout replaces this."""
    screen = SessionScreen()
    screen.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    screen.figure.use_exercise(exercise)
    screen.resize(*size)
    screen.set_fonts(screen.font(), theme.session_factor(1.0, *size))
    screen.show()
    return screen
