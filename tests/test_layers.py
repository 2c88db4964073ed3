"""The domain stays free of Qt widgets (DESIGN.md: imports point one way)."""

from __future__ import annotations

import subprocess
import sys


def test_domain_imports_no_qt_widgets():
    code = (
        "import sys, trainer.content, trainer.motion, trainer.session, trainer.session.event_log, "
        "trainer.voice.coach, trainer.voice.renderer, trainer.voice.speaker; "
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6') or m.startswith('pyqtgraph')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
