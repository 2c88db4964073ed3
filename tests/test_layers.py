"""The domain stays free of Qt widgets (DESIGN.md: imports point one way)."""

from __future__ import annotations

import ast
import subprocess
import sys

DOMAIN = (
    "trainer.content, trainer.content.safety, trainer.motion, trainer.session, "
    "trainer.session.event_log, trainer.voice.coach, trainer.voice.renderer, trainer.voice.speaker, "
    "trainer.voice.scheduler, trainer.voice.mixdown, trainer.history.store, trainer.history.recorder, "
    "trainer.history.progress, trainer.history.advice, trainer.history.export_csv"
)


def _loaded_modules_starting_with(setup: str, forbidden: tuple[str, ...]) -> list[str]:
    """Runs `setup` in a fresh interpreter; the loaded modules whose names start with `forbidden`."""
    code = f"import sys; {setup}; print(sorted(m for m in sys.modules if m.startswith({forbidden!r})))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return ast.literal_eval(r.stdout)


def test_domain_imports_no_qt_at_all():
    # Loading the built-in safety content too: the loader must not pull Qt in on first use.
    setup = f"import {DOMAIN}; trainer.content.safety.load_safety()"
    assert _loaded_modules_starting_with(setup, ("PySide6", "pyqtgraph")) == []


def test_settings_use_qt_core_only():
    forbidden = ("PySide6.QtWidgets", "PySide6.QtGui", "pyqtgraph")
    assert _loaded_modules_starting_with("import trainer.settings", forbidden) == []
