"""The domain stays free of Qt widgets (DESIGN.md: imports point one way)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

from tests.conftest import ROOT

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


# Reading a clock: the real date, wall time or monotonic time, in any spelling.
_CLOCK_READ = re.compile(
    r"\b(datetime\.(now|utcnow|today)|date\.today|time\.(time|time_ns|monotonic|monotonic_ns|"
    r"perf_counter|perf_counter_ns|localtime|gmtime|strftime)|QDateTime\.current\w*|QDate\.currentDate|"
    r"QTime\.currentTime)\s*\("
    r"|\bfrom\s+time\s+import\b[^\n]*\b(time|monotonic|perf_counter)\b"
)
# trainer/clock.py is the one module that reads the real clocks; the benchmarks measure real time.
_MAY_READ_CLOCKS = {"clock.py", "bench.py", "bench_voice.py", "bench_video.py", "bench_listen.py"}


def clock_reads(source: str) -> list[str]:
    code = "\n".join(line.split("#", 1)[0] for line in source.splitlines())
    return [m.group(0) for m in _CLOCK_READ.finditer(code)]


def test_only_the_clock_module_reads_a_clock():
    found = {
        str(p.relative_to(ROOT)): clock_reads(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "trainer").rglob("*.py"))
        if p.name not in _MAY_READ_CLOCKS
    }
    assert {k: v for k, v in found.items() if v} == {}


def test_no_test_reads_the_date():
    # Tests may time their own waits (time.monotonic) but never depend on the day they run.
    wall = re.compile(r"\b(datetime\.(now|utcnow|today)|date\.today|time\.time|QDate\w*\.current\w*)\s*\(")
    found = {
        p.name: wall.findall(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "tests").rglob("*.py"))
        if p.name != "test_layers.py"  # its examples of what the scan must catch
    }
    assert {k: v for k, v in found.items() if v} == {}


def test_the_clock_scan_finds_each_spelling():
    # The scan above must be able to fail.
    for bad in (
        "x = datetime.now().astimezone()",
        "d = date.today ()",
        "t = time.monotonic()",
        "t0 = time.perf_counter()",
        "QDateTime.currentDateTime()",
        "from time import monotonic",
    ):
        assert clock_reads(bad), bad
    assert clock_reads("# datetime.now() in a comment") == []
    assert clock_reads("self.clocks.now()") == []
