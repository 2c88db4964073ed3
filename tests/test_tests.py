"""The test tree keeps one copy of its helpers: the window driver (tests/driver.py) builds and steps
the main window; a test file that builds its own or copies `step` drifts from it."""

from __future__ import annotations

import re

from tests.conftest import ROOT

COPIES = re.compile(r"\bMainWindow\(|setActiveWindow\(|^def step\(", re.MULTILINE)


def test_only_the_driver_builds_and_steps_the_window() -> None:
    found = {
        str(p.relative_to(ROOT)): sorted({m.group(0) for m in COPIES.finditer(p.read_text(encoding="utf-8"))})
        for p in sorted((ROOT / "tests").rglob("*.py"))
        # listen/e2e_driver.py is a process of its own with real clocks and a real microphone, where
        # qtbot and the pinned clocks of driver.py do not apply.
        if p.name not in ("driver.py", "test_tests.py", "e2e_driver.py")
    }
    assert {k: v for k, v in found.items() if v} == {}
