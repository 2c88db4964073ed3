"""The main window: figure, big counter, phase words, rest countdown, caption and controls."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.content import Exercise, ExerciseError, load_exercise
from trainer.session import Kind, Plan, SessionController, SessionView, Status, TimedEvent
from trainer.session.controller import Clock
from trainer.ui.figure_view import FigureView
from trainer.voice.coach import VoiceCoach
from trainer.voice.speaker import Speaker

log = logging.getLogger(__name__)

Listener = Callable[[TimedEvent, float], None]


def fmt_duration(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 60} min {s % 60:02d} s" if s >= 60 else f"{s} s"


def fmt_countdown(seconds: float) -> str:
    s = math.ceil(seconds - 1e-6)
    return f"{s // 60}:{s % 60:02d}" if s >= 60 else str(s)


class MainWindow(QMainWindow):
    session_finished = Signal(dict)  # the session_completed fields
    caption_changed = Signal(str)

    def __init__(
        self,
        exercise: Exercise,
        plan: Plan,
        speaker: Speaker,
        *,
        clock: Clock = time.monotonic,
        speed: float = 1.0,
        listeners: tuple[Listener, ...] = (),
        builtin_exercise: Exercise | None = None,
        jump_threshold_s: float = 5.0,
    ) -> None:
        super().__init__()
        self.exercise = exercise
        self.builtin_exercise = builtin_exercise or exercise
        self.plan = plan
        self.speaker = speaker
        self.clock = clock
        self.speed = speed
        self.listeners = listeners
        self.jump_threshold_s = jump_threshold_s
        self.controller: SessionController | None = None
        self.coach: VoiceCoach | None = None
        self.text_scale = 1.0
        self.last_summary: dict[str, object] = {}
        self._shown: dict[str, str] = {}
        self._buttons_for: tuple[Status, Kind | None] | None = None
        self.setWindowTitle("Thoracic Trainer — Thoracic Back Press")
        self.resize(1280, 800)
        self._build()
        self._build_menus()
        self._apply_fonts()
        self.frame_timer = QTimer(self)
        self.frame_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.frame_timer.setInterval(16)
        self.frame_timer.timeout.connect(self.on_frame)
        self._show_ready()

    # ================================================================ layout
    def _big_button(self, text: str, name: str, slot: Callable[[], object], key: str) -> QPushButton:
        b = QPushButton(f"{text}\n[{key}]")
        b.setAccessibleName(name)
        b.setToolTip(f"{name} (key: {key})")
        b.setMinimumHeight(72)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Space stays the pause key; Tab + Enter works
        b.clicked.connect(slot)
        return b

    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(10, 6, 10, 10)

        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Notice")
        self.notice.setStyleSheet(
            "QLabel#notice { background: #fff3c4; color: #4a3800; border: 2px solid #e0b400;"
            " border-radius: 6px; padding: 8px; }"
        )
        self.notice.hide()
        outer.addWidget(self.notice)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.figure = FigureView()
        self.figure.setMinimumSize(420, 380)
        split.addWidget(self.figure)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(12, 0, 0, 0)

        def status_label(name: str, wrap: bool = False) -> QLabel:
            label = QLabel()
            label.setAccessibleName(name)
            label.setWordWrap(wrap)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            rl.addWidget(label)
            return label

        self.set_label = status_label("Set counter")
        self.rep_label = status_label("Rep counter")
        self.side_label = status_label("Knee on the floor")
        self.phase_label = status_label("Current phase", wrap=True)
        self.countdown_label = status_label("Countdown")
        self.next_label = status_label("What comes next", wrap=True)
        self.rep_label.setStyleSheet("color: #1d3557;")
        self.countdown_label.setStyleSheet("color: #b23a48;")
        self.side_label.setStyleSheet("color: #2a6f97;")

        # Before Start: variant and plan.
        self.setup_box = QFrame()
        self.setup_box.setFrameShape(QFrame.Shape.StyledPanel)
        form = QFormLayout(self.setup_box)
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
        form.addRow("&Variant", self.variant_box)
        form.addRow("", self.variant_info)
        form.addRow("S&ets", self.sets_box)
        form.addRow("&Reps", self.reps_box)
        form.addRow("Res&t", self.rest_box)
        self.variant_box.currentIndexChanged.connect(self._variant_changed)
        rl.addWidget(self.setup_box)

        self.help_tabs = QTabWidget()
        self.help_tabs.setAccessibleName("How to do the exercise")
        self.steps_view = self._help_tab("Steps", "Steps")
        self.tips_view = self._help_tab("Tips", "Form tips")
        self.about_view = self._help_tab("Why and what you need", "About the exercise")
        rl.addWidget(self.help_tabs, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer.addWidget(split, 1)

        self.caption = QLabel("")
        self.caption.setAccessibleName("Caption: the last spoken cue")
        self.caption.setWordWrap(True)
        self.caption.setMinimumHeight(48)
        self.caption.setStyleSheet(
            "background: #1d3557; color: white; border-radius: 6px; padding: 6px 12px;"
        )
        outer.addWidget(self.caption)

        row = QGridLayout()
        self.start_button = self._big_button("Start", "Start or pause", self.toggle_start_pause, "Space")
        self.skip_button = self._big_button("Skip rest", "Skip rest", self.skip_rest, "S")
        self.add_button = self._big_button("+30 s rest", "Add 30 seconds of rest", self.add_rest, "A")
        self.done_button = self._big_button("Done with this set", "Done with this set", self.end_set, "D")
        self.restart_button = self._big_button("Restart set", "Restart set", self.restart_set, "R")
        self.stop_button = self._big_button("Stop", "Stop the session", self.request_stop, "Esc")
        for i, b in enumerate(
            (
                self.start_button,
                self.skip_button,
                self.add_button,
                self.done_button,
                self.restart_button,
                self.stop_button,
            )
        ):
            row.addWidget(b, 0, i)
        outer.addLayout(row)
        self.setCentralWidget(central)
        self._fill_exercise()

    def _help_tab(self, title: str, name: str) -> QTextBrowser:
        view = QTextBrowser()
        view.setAccessibleName(name)
        self.help_tabs.addTab(view, title)
        return view

    def _build_menus(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu("&File")
        open_action = QAction("&Open exercise file…", self)
        open_action.triggered.connect(self._open_exercise_dialog)
        file_menu.addAction(open_action)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        session = mb.addMenu("&Session")
        self.session_actions: dict[str, QAction] = {}
        for key, text, shortcut, slot in (
            ("start", "Start / Pause / Resume", "Space", self.toggle_start_pause),
            ("skip_rest", "Skip rest", "S", self.skip_rest),
            ("add_rest", "Add 30 s rest", "A", self.add_rest),
            ("end_set", "Done with this set", "D", self.end_set),
            ("restart_set", "Restart set", "R", self.restart_set),
            ("stop", "Stop…", "Esc", self.request_stop),
        ):
            act = QAction(text, self)
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            session.addAction(act)
            self.addAction(act)
            self.session_actions[key] = act

        view = mb.addMenu("&View")
        bigger = QAction("&Larger text", self)
        bigger.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        bigger.triggered.connect(lambda: self.set_text_scale(self.text_scale * 1.2))
        smaller = QAction("&Smaller text", self)
        smaller.setShortcut(QKeySequence("Ctrl+-"))
        smaller.triggered.connect(lambda: self.set_text_scale(self.text_scale / 1.2))
        view.addAction(bigger)
        view.addAction(smaller)

        help_menu = mb.addMenu("&Help")
        steps = QAction("&Steps and tips", self)
        steps.setShortcut(QKeySequence("F1"))
        steps.triggered.connect(lambda: self.help_tabs.setCurrentIndex(0))
        help_menu.addAction(steps)

    def _fill_exercise(self) -> None:
        ex = self.exercise
        self.variant_box.blockSignals(True)
        self.variant_box.clear()
        for v in ex.variants:
            self.variant_box.addItem(v.name, v.id)
        idx = max(0, self.variant_box.findData(self.plan.variant))
        self.variant_box.setCurrentIndex(idx)
        self.variant_box.blockSignals(False)
        self.sets_box.setValue(self.plan.sets)
        self.reps_box.setValue(self.plan.reps)
        self.rest_box.setValue(int(self.plan.rest_s))
        self.tips_view.setHtml("<ul>" + "".join(f"<li>{t.text}</li>" for t in ex.tips) + "</ul>")
        muscles = "".join(
            f"<p><b>{group.capitalize()}:</b> {', '.join(names)}</p>" for group, names in ex.muscles.items()
        )
        equipment = "".join(f"<li>{e}</li>" for e in ex.equipment)
        self.about_view.setHtml(
            f"<p>{ex.purpose}</p><p><b>You need:</b></p><ul>{equipment}</ul><p><b>Muscles worked</b></p>"
            f"{muscles}<p>Plan: {ex.plan.sets} sets of {ex.plan.reps}, or as many as you comfortably can.</p>"
        )
        self._variant_changed()

    # ================================================================ text size
    def set_text_scale(self, scale: float) -> None:
        self.text_scale = max(0.6, min(2.5, scale))
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        s = self.text_scale

        def font(pt: float, bold: bool = False) -> QFont:
            f = QFont(self.font())
            f.setPointSizeF(pt * s)
            f.setBold(bold)
            return f

        self.set_label.setFont(font(26, True))
        self.rep_label.setFont(font(54, True))
        self.side_label.setFont(font(22, True))
        self.phase_label.setFont(font(24))
        self.countdown_label.setFont(font(64, True))
        self.next_label.setFont(font(18))
        self.caption.setFont(font(20))
        for b in (
            self.start_button,
            self.skip_button,
            self.add_button,
            self.done_button,
            self.restart_button,
            self.stop_button,
        ):
            b.setFont(font(13, True))
        for w in (
            self.steps_view,
            self.tips_view,
            self.about_view,
            self.variant_info,
            self.setup_box,
        ):
            w.setFont(font(12))

    # ================================================================ notices
    def show_notice(self, message: str) -> None:
        current = self.notice.text()
        if message in current:
            return
        self.notice.setText(f"{current}\n{message}" if current else message)
        self.notice.show()
        log.info("notice: %s", message)

    def set_caption(self, text: str, kind: str = "") -> None:
        self.caption.setText(text)
        self.caption_changed.emit(text)

    # ================================================================ exercise file
    def _open_exercise_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open exercise file", "", "Exercise files (*.toml)")
        if path:
            self.open_exercise(Path(path))

    def open_exercise(self, path: Path) -> bool:
        """Load another exercise file; a bad one leaves the built-in exercise with a notice."""
        if self.controller is not None and self.controller.status in (
            Status.RUNNING,
            Status.PAUSED,
        ):
            self.show_notice("Finish or stop the session before opening another exercise file.")
            return False
        try:
            ex = load_exercise(path)
        except ExerciseError as exc:
            self.exercise = self.builtin_exercise
            self.show_notice(
                f"That exercise file could not be used, so the built-in exercise is shown. {exc}"
            )
            self._fill_exercise()
            return False
        self.exercise = ex
        self.plan = Plan.from_exercise(ex, ex.variants[0].id)
        self._fill_exercise()
        return True

    # ================================================================ session control
    def _variant_changed(self) -> None:
        vid = self.variant_box.currentData()
        if not isinstance(vid, str):
            return
        v = self.exercise.variant(vid)
        self.variant_info.setText(v.description)
        steps = self.exercise.steps_for(vid)
        self.steps_view.setHtml("<ol>" + "".join(f"<li>{s}</li>" for s in steps) + "</ol>")
        if self.controller is None or self.controller.status in (Status.READY, Status.FINISHED):
            self.figure.show_moment(vid, v.first_side, None, 0.0)

    def chosen_plan(self) -> Plan:
        vid = self.variant_box.currentData()
        plan = self.plan.with_variant(self.exercise, vid if isinstance(vid, str) else self.plan.variant)
        return Plan(
            variant=plan.variant,
            sets=self.sets_box.value(),
            reps=self.reps_box.value(),
            rest_s=float(self.rest_box.value()),
            get_ready_s=plan.get_ready_s,
            tempo=plan.tempo,
            switch_sides=plan.switch_sides,
            first_side=plan.first_side,
        )

    def start_session(self) -> None:
        plan = self.chosen_plan()
        self.plan = plan
        ctl = SessionController(plan, self.exercise, self.clock, self.speed, self.jump_threshold_s)
        self.coach = VoiceCoach(
            self.speaker, self.speed, on_caption=self.set_caption, on_problem=self.show_notice
        )
        ctl.add_listener(self._on_event)
        ctl.add_listener(self.coach.handle)
        for listener in self.listeners:
            ctl.add_listener(listener)
        self.controller = ctl
        self.coach.prepare(ctl.timeline.cue_texts())
        self.setup_box.hide()
        ctl.start()
        self.frame_timer.start()
        self.on_frame()

    def toggle_start_pause(self) -> None:
        ctl = self.controller
        if ctl is None or ctl.status is Status.FINISHED:
            self.start_session()
            return
        ctl.toggle_pause()
        if ctl.status is Status.RUNNING:
            self.frame_timer.start()
        self.on_frame()

    def _control(self, action: Callable[[SessionController], bool]) -> None:
        if self.controller is not None and action(self.controller):
            self.frame_timer.start()
            self.on_frame()

    def skip_rest(self) -> None:
        self._control(lambda c: c.skip_rest())

    def add_rest(self) -> None:
        self._control(lambda c: c.add_rest(30.0))

    def end_set(self) -> None:
        self._control(lambda c: c.end_set_early())

    def restart_set(self) -> None:
        self._control(lambda c: c.restart_set())

    def confirm_stop(self) -> bool:
        answer = QMessageBox.question(
            self,
            "Stop the session?",
            "Stop this session now? The sets you finished are kept.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def request_stop(self) -> None:
        ctl = self.controller
        if ctl is None or ctl.status not in (Status.RUNNING, Status.PAUSED):
            return
        was_running = ctl.status is Status.RUNNING
        if was_running:
            ctl.pause()  # nothing moves (or talks) while the question is open
        if self.confirm_stop():
            ctl.stop()
        elif was_running:
            ctl.resume()
        self.frame_timer.start()
        self.on_frame()

    # ================================================================ events and frames
    def _on_event(self, event: TimedEvent, late_ms: float) -> None:
        if event.name == "session_completed":
            self.last_summary = dict(event.fields)
            self.session_finished.emit(dict(event.fields))

    def on_frame(self) -> None:
        ctl = self.controller
        if ctl is None:
            return
        view = ctl.tick()
        self.refresh(view)
        if ctl.status is not Status.RUNNING:
            self.frame_timer.stop()

    def _set(self, label: QLabel, key: str, text: str) -> None:
        if self._shown.get(key) != text:  # avoid relayouts every frame
            self._shown[key] = text
            label.setText(text)
            label.setVisible(bool(text))

    def _show_ready(self) -> None:
        self._set(self.set_label, "set", f"{self.plan.sets} sets × {self.plan.reps} reps")
        self._set(self.rep_label, "rep", "Ready")
        self._set(self.side_label, "side", "")
        self._set(self.phase_label, "phase", "Choose a variant, then press Start (Space).")
        self._set(self.countdown_label, "count", "")
        self._set(self.next_label, "next", "")
        self._update_buttons()

    def refresh(self, view: SessionView) -> None:
        ctl = self.controller
        assert ctl is not None
        plan = ctl.plan
        paused = ctl.status is Status.PAUSED
        side_text = f"{view.side.capitalize()} knee down" if view.side else ""
        if view.kind is Kind.DONE:
            summary = self.last_summary or {}
            reps = summary.get("reps_total", sum(ctl.timeline.reps_by_set.values()))
            sets = summary.get("sets", len(ctl.timeline.reps_by_set))
            stopped = bool(summary.get("stopped"))
            self._set(self.set_label, "set", "Session stopped" if stopped else "Session complete")
            self._set(self.rep_label, "rep", "Well done!")
            self._set(self.side_label, "side", "")
            self._set(
                self.phase_label,
                "phase",
                f"{sets} sets · {reps} reps · {fmt_duration(view.t)}\n"
                "Press Start (Space) for another session.",
            )
            self._set(self.countdown_label, "count", "")
            self._set(self.next_label, "next", "")
            self.figure.show_moment(plan.variant, plan.side_for(1), None, 0.0, resting=True)
            self.setup_box.show()
        elif view.kind is Kind.GET_READY:
            variant = self.exercise.variant(plan.variant)
            title = {"resume": "Resuming", "restart": "Restarting the set"}.get(view.label, "Get ready")
            self._set(self.set_label, "set", f"Set {view.set_no} of {view.sets}")
            self._set(self.rep_label, "rep", title)
            self._set(self.side_label, "side", side_text)
            self._set(self.phase_label, "phase", variant.setup_text(view.side or ""))
            self._set(self.countdown_label, "count", fmt_countdown(view.remaining))
            self._set(self.next_label, "next", f"Then {view.reps} reps, tempo {plan.tempo} seconds")
            self.figure.show_moment(plan.variant, view.side, None, 0.0)
        elif view.kind is Kind.REST:
            nxt = view.set_no + 1
            side = f", {view.side} knee" if view.side else ""
            self._set(self.set_label, "set", f"Set {view.set_no} of {view.sets} done")
            self._set(self.rep_label, "rep", "Rest")
            self._set(self.side_label, "side", "Switch knees" if view.side and plan.switch_sides else "")
            self._set(self.phase_label, "phase", "Put the weights down, breathe, loosen your shoulders.")
            self._set(self.countdown_label, "count", fmt_countdown(view.remaining))
            self._set(self.next_label, "next", f"Next: set {nxt} of {view.sets} — {view.reps} reps{side}")
            resting = view.remaining > 6.0
            self.figure.show_moment(
                plan.variant,
                view.side if not resting else plan.side_for(view.set_no),
                None,
                0.0,
                resting=resting,
            )
        else:
            phase = view.phase or "lift"
            self._set(self.set_label, "set", f"Set {view.set_no} of {view.sets}")
            self._set(self.rep_label, "rep", f"Rep {view.rep} of {view.reps}")
            self._set(self.side_label, "side", side_text)
            self._set(self.phase_label, "phase", self.exercise.phases[phase].words)
            self._set(self.countdown_label, "count", "")
            self._set(self.next_label, "next", "")
            self.figure.show_moment(plan.variant, view.side, phase, view.phase_progress)
        if paused:
            self._set(self.countdown_label, "count", "Paused")
            self._set(self.next_label, "next", "Press Space to resume (3-second get-ready).")
        self._update_buttons(view.kind)

    def _update_buttons(self, kind: Kind | None = None) -> None:
        ctl = self.controller
        status = ctl.status if ctl else Status.READY
        # Runs every frame: touch the buttons only when what they allow can have changed.
        if self._buttons_for == (status, kind):
            return
        self._buttons_for = (status, kind)
        label = {
            Status.READY: "Start",
            Status.RUNNING: "Pause",
            Status.PAUSED: "Resume",
            Status.FINISHED: "Start again",
        }[status]
        self.start_button.setText(f"{label}\n[Space]")
        self.start_button.setAccessibleName(label)
        can = ctl.can if ctl is not None and status is not Status.FINISHED else (lambda a: False)
        for key, button in (
            ("skip_rest", self.skip_button),
            ("add_rest", self.add_button),
            ("end_set", self.done_button),
            ("restart_set", self.restart_button),
            ("stop", self.stop_button),
        ):
            ok = can(key)
            button.setEnabled(ok)
            self.session_actions[key].setEnabled(ok)

    # ================================================================ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        self.frame_timer.stop()
        try:
            self.speaker.close()
        except Exception:  # closing must never fail
            log.exception("closing the speaker")
        super().closeEvent(event)
