"""The session screen: the figure, the set and rep counter, the knee side, the phase words, the
countdown with what comes next, and the caption. It only renders a `ScreenState`
(trainer/present): every word it shows was decided there.

The window adds its own parts (plan form, summary, help, comfort question) to the column beside
the figure with `add_to_column` and `set_column_footer`; the video export shows the screen alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from trainer.present import ScreenState, idle_caption
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
        status_layout = self.status_layout = QVBoxLayout(self.status)
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
        # Its height is the window's to give, never the texts' to take: a minimum from the texts
        # grew the window past a small screen before the texts could be fitted to it (the fit
        # reads the height it was given; see `_fit_now`).
        self.setMinimumHeight(self.figure.minimumHeight() + _CAPTION_LEAST)

        self._shown: dict[str, str] = {}
        # The base font, the factor asked for and the one the default text size would ask for.
        self._fonts: tuple[QFont, float, float] | None = None
        self._fit_key: tuple[object, ...] = ()
        self._redivide = False
        self._sizes: dict[tuple[str, float, str, int], tuple[int, int]] = {}
        self.fitted_factor = self.fitted_counters = 1.0  # what the texts got (tests read them)
        # One fit per turn of the event loop, after the texts and sizes of that turn are known.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_now)
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
            self.fit()

    def show_state(self, state: ScreenState) -> None:
        self._set("set", state.set_line)
        self._set("rep", state.rep_line)
        self._set("side", state.side_line)
        self._set("phase", state.phase_line)
        self._set("count", state.countdown)
        self._set("next", state.next_line)
        self.show_caption(idle_caption(state, state.caption))
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

    def set_fonts(self, base: QFont, factor: float, least: float | None = None) -> None:
        """The session texts at `factor` times their design size, or smaller where the column
        beside the figure cannot hold them with the question below (see `fit`). `least` is the
        factor at the default text size: larger text never fits the counters below what that
        one would get (the words give way first)."""
        # A new text size in a shown window: the splitter would keep the division it made for the
        # old one, and the column then took each state's own least width (the figure moved at
        # every change of state: 1280×720, +2, by up to 82 px). Divide again, as at the start.
        self._redivide = self._fonts is not None and self.isVisible()
        self._fonts = (base, factor, factor if least is None else min(least, factor))
        self._fit_key = ()
        self._sizes.clear()
        self._apply_fonts(base, factor, factor)
        # The caption spans the window: it keeps its size (fit() shrinks only the column's texts).
        self.caption.setFont(theme.font(base, theme.SESSION_POINTS["caption"] * factor))
        self.fit()

    def _apply_fonts(self, base: QFont, words: float, counters: float) -> None:
        pts = theme.SESSION_POINTS
        for key, _name, bold, _wrap in _LABELS:
            font = theme.font(base, pts[key] * (counters if key in _COUNTERS else words), bold)
            if self.labels[key].font() != font:  # an unchanged font would still relayout
                self.labels[key].setFont(font)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.side and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.fit()  # later: never inside the layout pass that sent this
        return False

    def fit(self) -> None:
        """Fit the texts at the next turn of the event loop, once however many asked this turn
        (a new caption, new counter texts and the layout requests they cause)."""
        if not self._fit_key:
            # The first fit for new fonts, at once: the splitter divides the width
            # between the figure and the column by the sizes it sees in its first layout and
            # keeps that (fitted a turn later, the column came out 100 px narrower at 1366×768).
            self._fit_now()
        elif not self._fit_timer.isActive():
            self._fit_timer.start()

    # ---------------------------------------------------------------- fitting, by font metrics
    def _size(
        self, key: str, points: float, bold: bool, text: str, width: int, wrap: bool
    ) -> tuple[int, int]:
        """(width, height) of `text` in the label's font at `points`, from the font's metrics
        (what QLabel measures for plain text), cached: asking the layout relaid it out each time
        and stalled the event loop up to 74 ms on a long line."""
        cache_key = (key, round(points, 3), text, width if wrap else 0)
        size = self._sizes.get(cache_key)
        if size is None:
            assert self._fonts is not None
            fm = QFontMetrics(theme.font(self._fonts[0], points, bold))
            flags = int(Qt.AlignmentFlag.AlignLeft) | (int(Qt.TextFlag.TextWordWrap) if wrap else 0)
            r = fm.boundingRect(QRect(0, 0, max(1, width), 1 << 20), flags, text)
            size = (r.width(), r.height())
            if len(self._sizes) > 4000:  # texts change every second: keep it bounded
                self._sizes.clear()
            self._sizes[cache_key] = size
        return size

    def _need(self, words: float, counters: float, width: int) -> tuple[int, int]:
        """The counters' column at these factors: (height it needs, widest single line)."""
        pts = theme.SESSION_POINTS
        heights, wide = [], 0
        for key, _name, bold, wrap in _LABELS:
            text = self._shown.get(key, "")
            if not text:
                continue  # a hidden label takes no room
            points = pts[key] * (counters if key in _COUNTERS else words)
            w, h = self._size(key, points, bold, text, width, wrap)
            heights.append(h)
            if not wrap:
                wide = max(wide, w)
        spacing = max(0, self.status_layout.spacing())
        return sum(heights) + spacing * max(0, len(heights) - 1), wide

    def _choose(self, factor: float, width: int, room: int, least: float = 0.0) -> tuple[float, float, int]:
        """The largest step that fits: (words factor, counters factor, height needed). The
        counters never go below `least`; the smallest step is used when none fits."""
        for step in _FIT_STEPS:
            words, counters = factor * step, max(factor * step, least)
            need, wide = self._need(words, counters, width)
            if need <= room and wide <= width:
                break
        return words, counters, need

    def _fit_now(self) -> None:
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
        width = (self.status.width() or self.side.width()) - _STATUS_SIDES
        footer_h = sum(max(w.sizeHint().height(), w.minimumHeight()) for w in footer)
        # The scrolling column keeps a line for the plan or steps when it shows any (in a rest
        # it shows nothing: the question below takes its place).
        items = [self.column_layout.itemAt(i) for i in range(self.column_layout.count())]
        shown = [w for it in items if it is not None and (w := it.widget()) is not None and not w.isHidden()]
        column_least = _COLUMN_LEAST if shown else 1  # 0 would mean "unset": 120 px
        key = (
            column_least,
            self.side.width(),
            self.side.height(),
            self.width(),
            self.height(),
            footer_h,
            self.caption.text(),
            tuple(self._shown.get(k, "") for k, *_ in _LABELS),
        )
        if key == self._fit_key:
            return
        self._fit_key = key
        base, factor, least = self._fonts
        gaps = self.side_layout.spacing() * (len(footer) + 1)
        if self.column.minimumHeight() != column_least:
            self.column.setMinimumHeight(column_least)
        room = self.side.height() - gaps - column_least - footer_h
        words, counters, need = self._choose(factor, width, room)
        if least < factor:
            # Larger text never makes the counters smaller than the default text size would get
            # them. That one would have more room: the question below and the caption grow with
            # the text size too (reckoned in proportion, which errs on the roomy side). The words
            # give way first; where even that does not fit, the default in this room.
            grown = (footer_h + self.caption.minimumHeight()) * (1.0 - least / factor)
            for default_room in (room + int(grown), room):
                floor = self._choose(least, width, default_room)[1]
                if floor <= counters:
                    break
                fit = self._choose(factor, width, room, floor)
                if fit[2] <= room:
                    words, counters, need = fit
                    break
        self._apply_fonts(base, words, counters)
        self.fitted_factor, self.fitted_counters = words, counters
        # Its full height always (the column below gives way), never squeezed into overlaps.
        if self.status.minimumHeight() != need:
            self.status.setMinimumHeight(need)
        self._fit_caption(base, factor)
        # Laid out now, not at the next turn: no frame is painted with the new fonts in the old
        # places (only what changed is redone; both are no-ops when nothing did).
        for layout in (self.status_layout, self.column_layout, self.side_layout):
            layout.activate()  # the column's content first: the column is sized for it
        if self._redivide:
            self._redivide = False
            self._divide()

    def _divide(self) -> None:
        """The column gets what its texts would like (its size hint), within what they need and
        _SIDE_MOST of the width; the figure the rest."""
        sizes = self.split.sizes()
        total = sum(sizes)
        if len(sizes) != 2 or total <= 0:
            return
        side = max(
            self.side.minimumSizeHint().width(), min(self.side.sizeHint().width(), int(total * _SIDE_MOST))
        )
        side = min(side, total - self.figure.minimumWidth())
        self.split.setSizes([total - side, side])

    def _fit_caption(self, base: QFont, factor: float) -> None:
        """The caption keeps the lines it needs (the figure and column give way), but a long one
        (the pain advice) may not take more than a sixth of the screen: it gets smaller."""
        text = self.caption.text()
        m = self.caption.contentsMargins()
        inner = max(1, self.caption.width() - m.left() - m.right())
        limit = max(_CAPTION_LEAST, self.height() // 6)
        points = theme.SESSION_POINTS["caption"] * factor
        tall = 0
        for _ in range(6):
            tall = self._size("caption", points, False, text, inner, True)[1] + m.top() + m.bottom()
            if tall <= limit or points <= theme.SESSION_POINTS["caption"] * factor * 0.6:
                break
            points *= 0.9
        font = theme.font(base, points)
        if self.caption.font() != font:
            self.caption.setFont(font)
        tall = max(_CAPTION_LEAST, tall)
        if self.caption.minimumHeight() != tall:
            self.caption.setMinimumHeight(tall)


# The texts read as figures: larger text never makes them smaller than at the default size.
_COUNTERS = ("set", "rep", "count")
_STATUS_SIDES = 16  # the status column's side margins (12 + 4)
_CAPTION_LEAST = 48
_SIDE_MOST = 0.45  # of the width, when the column is divided again for a new text size
_FIT_STEPS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4)
