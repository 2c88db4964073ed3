"""Progress you can see: reps per session, sessions per week, streak and the recent sessions."""

from __future__ import annotations

from datetime import date, datetime

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.content import Exercise, load_builtin_exercise
from trainer.history.advice import WeeklyPlan, plan_line
from trainer.history.progress import reps_per_session, sessions_per_week, total_reps, week_streak
from trainer.history.records import EndReason, SessionRecord
from trainer.history.store import HistoryStore
from trainer.text import plural

OTHER_VARIANT = (90, 90, 90)  # a variant the exercise file does not list (another exercise's)
MIN_DAYS_SHOWN = 8  # the reps chart spans at least this many days, so its axis shows dates, not hours


def comfort_text(session: SessionRecord) -> str:
    answers = [s.comfort.value for s in session.sets if s.comfort is not None]
    return ", ".join(answers) if answers else "—"


def outcome_text(session: SessionRecord) -> str:
    if session.ended_at is None:
        return "unfinished"
    return {
        EndReason.COMPLETED: "completed",
        EndReason.STOPPED: "stopped early",
        EndReason.PAIN: "ended: pain",
    }[session.end_reason]


class _DayAxis(pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph ships no types
    """Dates along the reps chart: a day tick reads "23 Nov", never just "23"."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if 86400 <= spacing < 28 * 86400:
            return [f"{datetime.fromtimestamp(v):%d %b}" for v in values]
        return list(super().tickStrings(values, scale, spacing))


class ProgressDialog(QDialog):
    export_requested = Signal()
    report_requested = Signal()

    def __init__(
        self,
        store: HistoryStore,
        today: date,
        weekly: WeeklyPlan | None = None,
        parent: QWidget | None = None,
        exercise: Exercise | None = None,
    ) -> None:
        super().__init__(parent)
        # Each variant's colour and name come from the exercise file.
        ex = exercise or load_builtin_exercise()
        self.variant_colours = {v.id: v.colour for v in ex.variants}
        self.variant_names = {v.id: v.name for v in ex.variants}
        self.setWindowTitle("Progress and history — Thoracic Trainer")
        self.resize(1000, 760)
        self.store = store
        self.today = today
        self.weekly = weekly or WeeklyPlan()
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)  # read from a distance, by older eyes
        self.setFont(font)
        layout = QVBoxLayout(self)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("Progress in short")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.headline.setFont(font)
        layout.addWidget(self.headline)

        charts = QHBoxLayout()
        self.reps_plot = pg.PlotWidget(background="w", axisItems={"bottom": _DayAxis()})
        self.reps_plot.setAccessibleName("Reps per session over time")
        self.reps_plot.setTitle("Reps per session", color="#1d3557", size="13pt")
        self.reps_plot.setLabel("left", "reps")
        self.reps_plot.showGrid(y=True, alpha=0.25)
        self.reps_plot.setMouseEnabled(x=False, y=False)
        # The key sits under the chart, not on it, so it never covers a session's dot.
        self.reps_key = QLabel()
        self.reps_key.setAccessibleName("Colours of the reps chart")
        self.week_plot = pg.PlotWidget(background="w")
        self.week_plot.setAccessibleName("Sessions per week")
        self.week_plot.setTitle("Sessions per week", color="#1d3557", size="13pt")
        self.week_plot.setLabel("left", "sessions")
        self.week_plot.showGrid(y=True, alpha=0.25)
        self.week_plot.setMouseEnabled(x=False, y=False)
        for plot in (self.reps_plot, self.week_plot):
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.setMinimumHeight(260)
        reps_box = QVBoxLayout()
        reps_box.addWidget(self.reps_plot, 1)
        reps_box.addWidget(self.reps_key)
        charts.addLayout(reps_box, 3)
        charts.addWidget(self.week_plot, 2)
        layout.addLayout(charts, 1)

        self.table = QTableWidget(0, 8)
        self.table.setAccessibleName("Recent sessions")
        self.table.setHorizontalHeaderLabels(
            ["Date", "Variant", "Weight", "Sets", "Reps", "How it felt", "Outcome", "Note"]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Columns follow their contents at whatever text size the dialog gets (it is scaled after
        # it is filled: widths measured then cut "How it felt" and "kneeling" at larger text).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        export = QPushButton("Export history as CSV…")
        export.clicked.connect(self.export_requested)
        report = QPushButton("Save a report (PDF)…")
        report.clicked.connect(self.report_requested)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        for b in (export, report):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        sessions = self.store.sessions()
        done = [s for s in sessions if s.reps_done > 0]
        streak = week_streak(sessions, self.today, self.weekly.min_per_week)
        parts = [
            f"{plural(len(done), 'session')}, {plural(total_reps(sessions), 'rep')} in all",
            f"{plural(streak, 'week')} in a row with {self.weekly.min_per_week} or more sessions",
            plan_line(sessions, self.today, self.weekly),
        ]
        if not done:
            parts = ["No sessions yet — your sessions will show here after the first one.", parts[2]]
        left_out = getattr(self.store, "unreadable_notice", lambda: None)()  # the real store says
        if left_out:
            parts.append(left_out)
        self.headline.setText(" · ".join(parts))
        self._draw_reps(sessions)
        self._draw_weeks(sessions)
        self._fill_table(sessions)

    def _draw_reps(self, sessions: list[SessionRecord]) -> None:
        self.reps_plot.clear()
        points = reps_per_session(sessions)
        by_variant: dict[str, tuple[list[float], list[float]]] = {}
        for p in points:
            xs, ys = by_variant.setdefault(p.variant, ([], []))
            xs.append(p.when.timestamp())
            ys.append(p.reps)
        if points:
            self.reps_plot.plot(
                [p.when.timestamp() for p in points],
                [p.reps for p in points],
                pen=pg.mkPen((160, 170, 190), width=2),
            )
        key = []
        for variant, (xs, ys) in by_variant.items():
            colour = self.variant_colours.get(variant, OTHER_VARIANT)
            self.reps_plot.plot(
                xs, ys, pen=None, symbol="o", symbolSize=12, symbolBrush=colour, symbolPen="w"
            )
            name = self.variant_names.get(variant, variant)
            key.append(
                f'<span style="color:#{colour[0]:02x}{colour[1]:02x}{colour[2]:02x}">&#9679;</span> {name}'
            )
        self.reps_key.setText("&nbsp;&nbsp;&nbsp;".join(key))
        self.reps_plot.setYRange(0, max([24] + [p.reps for p in points]) * 1.1)
        if points:
            t0, t1 = points[0].when.timestamp(), points[-1].when.timestamp()
            # At least MIN_DAYS_SHOWN days wide: a one-day history would otherwise be labelled in hours.
            pad = max(MIN_DAYS_SHOWN * 86400.0 - (t1 - t0), (t1 - t0) * 0.1) / 2
            self.reps_plot.setXRange(t0 - pad, t1 + pad, padding=0)

    def _draw_weeks(self, sessions: list[SessionRecord]) -> None:
        self.week_plot.clear()
        weeks = sessions_per_week(sessions, self.today, 12)
        xs = list(range(len(weeks)))
        counts = [c for _, c in weeks]
        brushes = [
            pg.mkBrush((42, 111, 151) if c >= self.weekly.min_per_week else (170, 190, 210)) for c in counts
        ]
        self.week_plot.addItem(pg.BarGraphItem(x=xs, height=counts, width=0.7, brushes=brushes))
        goal = pg.InfiniteLine(
            pos=self.weekly.min_per_week,
            angle=0,
            pen=pg.mkPen((45, 106, 79), width=2, style=Qt.PenStyle.DashLine),
        )
        self.week_plot.addItem(goal)
        ticks = [(i, monday.strftime("%d %b")) for i, (monday, _) in enumerate(weeks) if i % 3 == 2]
        self.week_plot.getAxis("bottom").setTicks([ticks])
        self.week_plot.setYRange(0, max([3, *counts]) + 0.5)
        self.week_plot.setXRange(-0.6, len(weeks) - 0.4)

    def _fill_table(self, sessions: list[SessionRecord]) -> None:
        recent = list(reversed(sessions))[:50]
        self.table.setRowCount(len(recent))
        for row, s in enumerate(recent):
            values = [
                _when(s.started_at),
                s.variant,
                s.weight or "—",
                str(len(s.sets)),
                str(s.reps_done),
                comfort_text(s),
                outcome_text(s),
                s.note,
            ]
            for col, text in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(text))


def _when(moment: datetime) -> str:
    return moment.strftime("%a %d %b %Y, %H:%M")
