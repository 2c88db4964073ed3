"""The plan form before (and after) a session: variant, sets, reps, rest, weight, tempo and
sessions a week, the variant's description, and the history's suggestion with a button to use
it. It reads the plan from its fields and keeps the plan settings; the window decides when."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from trainer.content import Exercise
from trainer.history.advice import Suggestion, WeeklyPlan
from trainer.session import Plan, PlanError, Tempo
from trainer.text import plural
from trainer.ui import theme
from trainer.ui.wrap_button import WrapButton

if TYPE_CHECKING:
    from trainer.settings import Settings

log = logging.getLogger(__name__)

TEMPO_CHOICES = ("3-1-3-1", "3-1-4-1", "3-2-4-1", "4-1-5-1", "2-1-2-1")
WEEK_CHOICES = ((1, 2), (2, 2), (2, 3), (3, 3), (3, 4))
WEIGHT_CHOICES = ("", "0.5 kg (1 lb)", "1 kg (2 lb)", "1.5 kg (3 lb)", "2 kg (4 lb)", "a can of food")


def _editable_choices(choices: tuple[str, ...], name: str, tip: str) -> QComboBox:
    """A drop-down of common values that also takes the user's own text."""
    box = QComboBox()
    box.setEditable(True)
    box.addItems(choices)
    box.setAccessibleName(name)
    box.setToolTip(tip)
    return box


class _FieldGrid(QFrame):
    """Label-field pairs in two columns where the fields fit whole side by side, else in one:
    at 1280×720 two columns cut "Kneeling" to "Kneeli" and "2–3 a week" to "2–3 a wee"."""

    def __init__(self) -> None:
        super().__init__()
        self.grid = QGridLayout(self)
        self.pairs: list[tuple[QLabel, QWidget]] = []
        self.footer: QWidget | None = None
        self.columns = 0

    def two_column_width(self) -> int:
        m = self.grid.contentsMargins()
        gap = max(self.grid.horizontalSpacing(), 6)
        label = max((lab.sizeHint().width() for lab, _f in self.pairs), default=0)
        field = max((f.sizeHint().width() for _l, f in self.pairs), default=0)
        return m.left() + m.right() + 2 * (label + field) + 3 * gap

    def arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        rows = (len(self.pairs) + columns - 1) // columns
        for i, (label, field) in enumerate(self.pairs):
            r, c = i % rows, (i // rows) * 2
            self.grid.addWidget(label, r, c)  # re-adding moves a widget to its new cell
            self.grid.addWidget(field, r, c + 1)
        for c in range(4):
            self.grid.setColumnStretch(c, 1 if c in (1, 3) and c // 2 < columns else 0)
        if self.footer is not None:
            self.grid.addWidget(self.footer, rows, 0, 1, 2 * columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Decided by width only (the height that follows cannot change it back: no loop).
        self.arrange(2 if event.size().width() >= self.two_column_width() else 1)
        super().resizeEvent(event)


class PlanForm(QObject):
    variant_changed = Signal()
    plan_changed = Signal()  # sets or reps: the ready header follows

    def __init__(self, settings: Settings | None) -> None:
        super().__init__()
        self.settings = settings
        self.box = _FieldGrid()
        self.box.setFrameShape(QFrame.Shape.StyledPanel)
        # Two columns of fields where they fit whole: the chooser stays short enough to leave
        # room for the steps.
        self.variant_box = QComboBox()
        self.variant_box.setAccessibleName("Variant")
        self.sets_box = QSpinBox()
        self.sets_box.setRange(1, 10)
        self.sets_box.setAccessibleName("Sets")
        self.reps_box = QSpinBox()
        self.reps_box.setRange(1, 30)
        self.reps_box.setAccessibleName("Reps per set")
        self.rest_box = QSpinBox()
        self.rest_box.setRange(0, 600)
        self.rest_box.setSingleStep(15)
        self.rest_box.setSuffix(" s")
        self.rest_box.setAccessibleName("Rest between sets, seconds")
        self.variant_info = QLabel()
        self.variant_info.setWordWrap(True)
        self.weight_box = _editable_choices(
            WEIGHT_CHOICES,
            "Weight in each hand (kept in your history)",
            "What you hold in each hand; type your own, e.g. '2 lb' or 'a can of beans'",
        )
        self.tempo_box = _editable_choices(
            TEMPO_CHOICES,
            "Tempo: seconds to lift, squeeze, lower and relax",
            "Seconds for lift-squeeze-lower-relax, e.g. 3-1-3-1; a slower lowering is harder",
        )
        self.week_box = QComboBox()
        for lo, hi in WEEK_CHOICES:
            self.week_box.addItem(f"{lo}–{hi} a week" if lo != hi else f"{lo} a week", f"{lo}-{hi}")
        self.week_box.setAccessibleName("Sessions a week (never two days in a row)")
        fields: list[tuple[str, QWidget]] = [
            ("&Variant", self.variant_box),
            ("S&ets", self.sets_box),
            ("&Reps", self.reps_box),
            ("Res&t", self.rest_box),
            ("&Weight", self.weight_box),
            ("Tem&po", self.tempo_box),
            ("Sessions", self.week_box),
        ]
        self.suggest_label = QLabel()
        self.suggest_label.setWordWrap(True)
        self.suggest_label.setAccessibleName("Suggestion for this session")
        self.suggest_label.hide()
        self.suggest_button = WrapButton()
        self.suggest_button.setAccessibleName("Use the suggested plan")
        self.suggest_button.clicked.connect(self.apply_suggestion)
        self.suggest_button.hide()
        for text, field in fields:
            label = QLabel(text)
            label.setBuddy(field)
            self.box.pairs.append((label, field))
        self.box.footer = self.suggest_button
        self.box.arrange(2)
        self.suggestion: Suggestion | None = None
        self._shown: tuple[bool, str] | None = None
        self.variant_box.currentIndexChanged.connect(lambda _i: self.variant_changed.emit())
        self.sets_box.valueChanged.connect(lambda _v: self.plan_changed.emit())
        self.reps_box.valueChanged.connect(lambda _v: self.plan_changed.emit())
        # Wrapped texts live outside the form (a form row does not grow with its wrapped label).
        self.suggest_label.setStyleSheet(theme.ADVICE_STYLE)
        self.box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def widgets(self) -> tuple[QWidget, ...]:
        """In the column, top to bottom."""
        return (self.suggest_label, self.variant_info, self.box)

    def show(self, visible: bool, suggestion: str) -> None:
        """Shown before and after a session, hidden during it; the suggestion only when there is one."""
        if (visible, suggestion) == self._shown:  # runs every frame: touch the widgets only on a change
            return
        self._shown = (visible, suggestion)
        self.box.setVisible(visible)
        self.variant_info.setVisible(visible)
        self.suggest_label.setText(suggestion)
        self.suggest_label.setVisible(visible and bool(suggestion))

    def fill(self, exercise: Exercise, plan: Plan) -> None:
        self.variant_box.blockSignals(True)
        self.variant_box.clear()
        for v in exercise.variants:
            self.variant_box.addItem(v.name, v.id)
        self.variant_box.setCurrentIndex(max(0, self.variant_box.findData(plan.variant)))
        self.variant_box.blockSignals(False)
        self.sets_box.setValue(plan.sets)
        self.reps_box.setValue(plan.reps)
        self.rest_box.setValue(int(plan.rest_s))
        self.tempo_box.setCurrentText(str(plan.tempo))
        weekly = self.weekly_plan()
        self.week_box.setCurrentIndex(
            max(0, self.week_box.findData(f"{weekly.min_per_week}-{weekly.max_per_week}"))
        )

    def variant(self) -> str | None:
        vid = self.variant_box.currentData()
        return vid if isinstance(vid, str) else None

    def choose_variant(self, variant: str) -> None:
        idx = self.variant_box.findData(variant)
        if idx >= 0:
            self.variant_box.setCurrentIndex(idx)

    def weekly_plan(self) -> WeeklyPlan:
        if self.settings is None:
            return WeeklyPlan()
        from trainer.settings import S

        lo, hi = self.settings.get(S.plan_min_per_week), self.settings.get(S.plan_max_per_week)
        return WeeklyPlan(min(lo, hi), max(lo, hi))

    @property
    def weight(self) -> str:
        return self.weight_box.currentText().strip()[:40]

    def form_plan(self, exercise: Exercise, plan: Plan) -> Plan:
        """The plan the fields show now, quietly (a tempo being typed is checked at Start)."""
        plan = plan.with_variant(exercise, self.variant() or plan.variant)
        return replace(plan, sets=self.sets_box.value(), reps=self.reps_box.value())

    def chosen_plan(self, exercise: Exercise, plan: Plan, notice: Callable[[str], None]) -> Plan:
        """The plan to start; a bad tempo is named in a notice and the last good one kept."""
        text = self.tempo_box.currentText().strip()
        try:
            tempo = Tempo.parse(text)
        except PlanError as exc:
            notice(f"Tempo {text!r} cannot be used ({exc}); keeping {plan.tempo}.")
            self.tempo_box.setCurrentText(str(plan.tempo))
            tempo = plan.tempo
        return replace(self.form_plan(exercise, plan), rest_s=float(self.rest_box.value()), tempo=tempo)

    def save_settings(self, plan: Plan) -> None:
        if self.settings is None:
            return
        from trainer.settings import S

        try:
            self.settings.set(S.plan_variant, plan.variant)
            self.settings.set(S.plan_sets, plan.sets)
            self.settings.set(S.plan_reps, plan.reps)
            self.settings.set(S.plan_rest_s, float(plan.rest_s))
            self.settings.set(S.plan_weight, self.weight)
            self.settings.set(S.plan_tempo, str(plan.tempo))
            week = self.week_box.currentData()
            if isinstance(week, str):
                lo, hi = week.split("-")
                self.settings.set(S.plan_min_per_week, int(lo))
                self.settings.set(S.plan_max_per_week, int(hi))
            self.settings.sync()
        except ValueError as exc:  # e.g. a variant only a custom exercise file has
            log.warning("settings not saved: %s", exc)

    def offer_suggestion(self, suggestion: Suggestion | None) -> None:
        """A suggestion that comes with a plan gets a button; the user decides."""
        changes = []
        if suggestion is not None:  # only what differs from what is chosen now
            sets, reps = suggestion.sets or self.sets_box.value(), suggestion.reps or self.reps_box.value()
            if suggestion.variant and suggestion.variant != self.variant_box.currentData():
                changes.append(f"the {suggestion.variant} variant")
            if (sets, reps) != (self.sets_box.value(), self.reps_box.value()):
                changes.append(f"{plural(sets, 'set')} of {reps}")
            if suggestion.tempo and suggestion.tempo != self.tempo_box.currentText().strip():
                changes.append(f"tempo {suggestion.tempo}")
        self.suggestion = suggestion if changes else None
        self.suggest_button.setText(f"Use the suggestion: {', '.join(changes)}")
        self.suggest_button.setVisible(bool(changes))

    def apply_suggestion(self) -> None:
        sug = self.suggestion
        if sug is None:
            return
        if sug.variant:
            self.choose_variant(sug.variant)
        if sug.sets:
            self.sets_box.setValue(sug.sets)
        if sug.reps:
            self.reps_box.setValue(sug.reps)
        if sug.tempo:
            self.tempo_box.setCurrentText(sug.tempo)
        self.suggest_button.hide()
