"""Progress you can see: reps per session, sessions per week, streak and the recent sessions."""

from __future__ import annotations

from datetime import date, datetime

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.history.advice import WeeklyPlan, plan_line
from trainer.history.progress import reps_per_session, sessions_per_week, total_reps, week_streak
from trainer.history.records import SessionRecord
from trainer.history.store import HistoryStore

VARIANT_COLOURS = {"kneeling": (29, 53, 87), "chair": (42, 111, 151), "ball": (178, 58, 72)}


def comfort_text(session: SessionRecord) -> str:
    answers = [s.comfort.value for s in session.sets if s.comfort is not None]
    return ", ".join(answers) if answers else "—"


def outcome_text(session: SessionRecord) -> str:
    if session.ended_at is None:
        return "unfinished"
    return {"": "completed", "stopped": "stopped early", "pain": "ended: pain"}.get(
        session.end_reason, session.end_reason
    )


class ProgressDialog(QDialog):
    export_requested = Signal()
    report_requested = Signal()

    def __init__(
        self,
        store: HistoryStore,
        today: date,
        weekly: WeeklyPlan | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
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
        self.reps_plot = pg.PlotWidget(background="w", axisItems={"bottom": pg.DateAxisItem()})
        self.reps_plot.setAccessibleName("Reps per session over time")
        self.reps_plot.setTitle("Reps per session", color="#1d3557", size="13pt")
        self.reps_plot.setLabel("left", "reps")
        self.reps_plot.showGrid(y=True, alpha=0.25)
        self.reps_plot.setMouseEnabled(x=False, y=False)
        self.reps_plot.addLegend(offset=(10, 10))
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
        charts.addWidget(self.reps_plot, 3)
        charts.addWidget(self.week_plot, 2)
        layout.addLayout(charts, 1)

        self.table = QTableWidget(0, 8)
        self.table.setAccessibleName("Recent sessions")
        self.table.setHorizontalHeaderLabels(
            ["Date", "Variant", "Weight", "Sets", "Reps", "How it felt", "Outcome", "Note"]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
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
            f"{len(done)} sessions, {total_reps(sessions)} reps in all",
            f"{streak} week{'s' if streak != 1 else ''} in a row with "
            f"{self.weekly.min_per_week} or more sessions",
            plan_line(sessions, self.today, self.weekly),
        ]
        if not done:
            parts = ["No sessions yet — your sessions will show here after the first one.", parts[2]]
        if self.store.unreadable_notice():
            parts.append(self.store.unreadable_notice() or "")
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
        for variant, (xs, ys) in by_variant.items():
            colour = VARIANT_COLOURS.get(variant, (90, 90, 90))
            self.reps_plot.plot(
                xs, ys, pen=None, symbol="o", symbolSize=12, symbolBrush=colour, symbolPen="w", name=variant
            )
        self.reps_plot.setYRange(0, max([24] + [p.reps for p in points]) * 1.1)
        if points:
            t0, t1 = points[0].when.timestamp(), points[-1].when.timestamp()
            pad = max(86400.0, (t1 - t0) * 0.05)
            self.reps_plot.setXRange(t0 - pad, t1 + pad)

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
        self.table.resizeColumnsToContents()


def _when(moment: datetime) -> str:
    return moment.strftime("%a %d %b %Y, %H:%M")
