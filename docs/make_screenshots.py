"""Renders the README screenshots with the real program (offscreen).

The progress view, the report and the launch screen need a history: a sample one is written
here through the real HistoryStore (six weeks of made-up sessions, clearly not a real person's).
Run: .venv/bin/python docs/make_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))

from trainer.history.records import Comfort, EndReason  # noqa: E402
from trainer.history.store import HistoryStore  # noqa: E402


def sample_history(folder: Path, today: datetime) -> None:
    """Twice to three times a week for six weeks; one session with pain, then the chair."""
    store = HistoryStore.open(folder, now=lambda: today)
    day = today - timedelta(days=41)
    n = 0
    while day < today - timedelta(hours=12):
        if day.weekday() in (0, 3, 5):
            n += 1
            variant = "chair" if 17 <= n <= 18 else "kneeling"
            weight = "1 lb" if n < 12 else "2 lb"
            reps = 5 if n <= 3 else 6 if n <= 6 else 8
            reps = 5 if variant == "chair" else reps
            start = day.replace(hour=10, minute=15)
            sid = store.start_session(
                variant=variant, planned_sets=3, planned_reps=reps, tempo="3-1-3-1", rest_s=60,
                weight=weight, started_at=start,
            )  # fmt: skip
            pain = n == 16
            for s in range(1, 4):
                t0 = start + timedelta(minutes=s * 2)
                done = 3 if pain and s == 2 else reps
                comfort = (
                    Comfort.PAIN
                    if pain and s == 2
                    else Comfort.TIRED
                    if s == 3 and n % 4 == 0
                    else Comfort.FINE
                )
                store.record_set(
                    sid, set_no=s, side=("left", "right", "left")[s - 1] if variant == "kneeling" else None,
                    planned_reps=reps, done_reps=done, started_at=t0, ended_at=t0 + timedelta(seconds=64),
                    variant=variant, weight=weight, tempo="3-1-3-1", comfort=comfort,
                )  # fmt: skip
                if pain and s == 2:
                    break
            store.finish_session(
                sid,
                ended_at=start + timedelta(minutes=9),
                end_reason=EndReason.PAIN if pain else EndReason.COMPLETED,
            )
            if n == 12:
                store.set_note(sid, "Moved up to 2 lb weights")
            if pain:
                store.set_note(sid, "Twinge in the right shoulder; stopped")
        day += timedelta(days=1)
    store.close()


def run(*args: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-m", "trainer", *args], cwd=ROOT, env=env, check=True)


def small_png(png: Path) -> None:
    """Fewer bytes in the repository: the screen's few flat colours fit a 128-colour palette
    (ImageMagick's quantiser keeps them true; without it the PNG stays as Qt wrote it)."""
    convert = shutil.which("convert")
    if convert is not None:
        subprocess.run([convert, str(png), "-colors", "128", f"PNG8:{png}"], check=True)


def pdf_to_png(pdf: Path, png: Path) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPdf import QPdfDocument

    _app = QGuiApplication.instance() or QGuiApplication(["x", "-platform", "offscreen"])
    doc = QPdfDocument()
    doc.load(str(pdf))
    doc.render(0, QSize(1240, 1754)).save(str(png))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="trainer-docs-") as tmp:
        data = Path(tmp) / "data"
        sample_history(data, datetime.now().astimezone())
        d = ["--data-dir", str(data), "--no-voice"]
        run("--screenshot", str(OUT / "progress.png"), "--show", "progress", *d)
        run("--screenshot", str(OUT / "safety.png"), "--show", "safety", *d)
        run("--screenshot", str(OUT / "ready.png"), "--show", "ready", *d)
        run("--export-report", str(Path(tmp) / "report.pdf"), *d)
        pdf_to_png(Path(tmp) / "report.pdf", OUT / "report.png")
        run("--export-card", str(Path(tmp) / "card.pdf"), "--variant", "kneeling")
        pdf_to_png(Path(tmp) / "card.pdf", OUT / "card.png")
    for variant, at, name in (
        ("kneeling", 30, "kneeling-30s"),
        ("chair", 80, "chair-rest"),
        ("ball", 11, "ball-lift"),
    ):
        run("--variant", variant, "--screenshot", str(OUT / f"{name}.png"), "--at", str(at), "--no-voice")
    # A 1366×768 laptop (less a panel and the title bar for the window; the whole screen for
    # follow-along mode): during a set and resting with the question.
    for at, name in ((30, "set"), (80, "rest")):
        shot = OUT / f"window-1366x768-{name}.png"
        run("--screenshot", str(shot), "--at", str(at), "--window-size", "1366x704", "--no-voice")
        small_png(shot)
    for at, name in ((30, "set"), (80, "rest")):
        shot = OUT / f"follow-1366x768-{name}.png"
        run(
            "--follow-along", "--screenshot", str(shot), "--at", str(at), "--window-size", "1366x768",
            "--no-voice",
        )  # fmt: skip
        small_png(shot)
    # Each variant at the squeeze (top of the lift), from the side and from behind.
    for variant in ("kneeling", "chair", "ball"):
        for view in ("side", "back"):
            run(
                "--variant", variant, "--view", view, "--screenshot", str(OUT / f"{variant}-{view}.png"),
                "--at", "13.5", "--no-voice",
            )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
