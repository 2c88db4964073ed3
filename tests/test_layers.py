"""The domain stays free of Qt widgets (DESIGN.md: imports point one way)."""

from __future__ import annotations

import subprocess
import sys


def test_domain_imports_no_qt_widgets():
    code = (
        "import sys, trainer.content, trainer.content.safety, trainer.motion, trainer.session, "
        "trainer.session.event_log, trainer.voice.coach, trainer.voice.renderer, trainer.voice.speaker, "
        "trainer.voice.scheduler, trainer.voice.mixdown, trainer.history.store, trainer.history.recorder, "
        "trainer.history.progress, trainer.history.advice, trainer.history.export_csv; "
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6') or m.startswith('pyqtgraph')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_settings_use_qt_core_only():
    code = (
        "import sys, trainer.settings; "
        "bad = sorted(m for m in sys.modules "
        "if m.startswith('PySide6.QtWidgets') or m.startswith('pyqtgraph')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
