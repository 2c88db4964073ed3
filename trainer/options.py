"""What the command line asked for, parsed and checked (trainer.cli builds it, trainer.app runs it).

Its own module so that the entry point (cli) and the application (app) do not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainer.content import Exercise
from trainer.session.plan import Plan


@dataclass
class Options:
    exercise: Exercise
    builtin: Exercise
    plan: Plan
    voice: bool
    data_dir: str | None
    rehearse: bool
    speed: float
    events: Path | None
    screenshot: Path | None
    at: float
    exercise_path: Path | None
    weight: str | None = None
    show: str = "main"
    export_history: Path | None = None
    export_report: Path | None = None
    export_video: Path | None = None
    export_card: Path | None = None
    view: str = "side"
    window_size: tuple[int, int] | None = None  # --window-size, with --screenshot
    follow_along: bool = False  # --follow-along: open full screen for the mat
    explicit: frozenset[str] = frozenset()  # plan flags given on the command line
