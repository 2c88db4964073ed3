"""Screenshots of every session state at the four screen sizes, text at normal size and two
steps larger, and of follow-along mode (every state at 1366×768 and 1920×1080), with a report
of any clipped or overlapping widget.

Run: .venv/bin/python docs/screen_states.py [OUT_DIR]   (default /tmp/thoracic-states)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from trainer.clock import Clocks, ManualClock
    from trainer.content import load_builtin_exercise
    from trainer.session import Plan
    from trainer.ui.main_window import MainWindow
    from trainer.ui.screen_tour import SIZES, STATES, drive, layout_problems, window_size_for_screen
    from trainer.voice.speaker import NullSpeaker

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/thoracic-states")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    ex = load_builtin_exercise()
    bad = 0
    for sw, sh in SIZES:
        for scale in (1.0, 1.44):
            for state in STATES:
                clock = ManualClock()
                win = MainWindow(ex, Plan.from_exercise(ex, "kneeling"), NullSpeaker(), clocks=Clocks.fixed(
                    Clocks.system().now(), clock))  # fmt: skip
                win.set_text_scale(scale, save=False)
                w, h = window_size_for_screen(sw, sh)
                win.resize(w, h)
                win.show()
                drive(win, clock, state)
                win.frame_timer.stop()
                app.processEvents()
                name = f"{sw}x{sh}-text{round(scale * 100)}-{state}.png"
                win.grab().save(str(out / name))
                size = (win.width(), win.height())
                problems = layout_problems(win)
                if size != (w, h):
                    problems.insert(0, f"window is {size[0]}x{size[1]}, not {w}x{h}")
                if problems:
                    bad += 1
                    print(f"{name}: " + "; ".join(problems[:6]))
                win.close()
    for sw, sh in ((1366, 768), (1920, 1080)):
        for scale in (1.0, 1.44):
            for state in STATES:
                clock = ManualClock()
                win = MainWindow(ex, Plan.from_exercise(ex, "kneeling"), NullSpeaker(), clocks=Clocks.fixed(
                    Clocks.system().now(), clock))  # fmt: skip
                win.set_text_scale(scale, save=False)
                win.show()
                win.follow.render_at(sw, sh)  # the whole screen: no panel, no title bar
                win.follow.set_active(True)
                drive(win, clock, state)
                win.frame_timer.stop()
                app.processEvents()
                name = f"follow-{sw}x{sh}-text{round(scale * 100)}-{state}.png"
                win.grab().save(str(out / name))
                problems = layout_problems(win)
                if (win.width(), win.height()) != (sw, sh):
                    problems.insert(0, f"window is {win.width()}x{win.height()}, not {sw}x{sh}")
                if problems:
                    bad += 1
                    print(f"{name}: " + "; ".join(problems[:6]))
                win.close()
    print(f"{bad} screenshots with problems; all in {out}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
