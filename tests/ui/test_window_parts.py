"""The main window stays a shell that composes its parts (issue 14): the session screen, plan form,
summary panel, export controller, action table, session runner and the rest each live in their own
module, and the window itself stays short enough to read in one sitting."""

from __future__ import annotations

from tests.conftest import ROOT


def test_main_window_is_under_400_lines() -> None:
    lines = (ROOT / "trainer" / "ui" / "main_window.py").read_text(encoding="utf-8").count("\n")
    assert lines < 400, f"trainer/ui/main_window.py has {lines} lines; move a concern into a part"
