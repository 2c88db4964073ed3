"""Imports point one way (docs/ARCHITECTURE.md): the domain stays free of Qt widgets, no trainer module
imports another that imports it back (counting imports inside functions), the screens never import
the entry points, and only trainer/clock.py reads a clock."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOMAIN = (
    "trainer.content, trainer.content.safety, trainer.motion, trainer.session, "
    "trainer.session.event_log, trainer.voice.coach, trainer.voice.renderer, trainer.voice.speaker, "
    "trainer.voice.scheduler, trainer.voice.mixdown, trainer.history.store, trainer.history.recorder, "
    "trainer.history.progress, trainer.history.advice, trainer.exports.history_csv, "
    "trainer.exports.report_text, trainer.exports.poses, trainer.selfcheck.child, trainer.text, "
    "trainer.present"
)


def _loaded_modules_starting_with(setup: str, forbidden: tuple[str, ...]) -> list[str]:
    """Runs `setup` in a fresh interpreter; the loaded modules whose names start with `forbidden`."""
    code = f"import sys; {setup}; print(sorted(m for m in sys.modules if m.startswith({forbidden!r})))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    found = ast.literal_eval(r.stdout)
    assert isinstance(found, list)
    return found


@pytest.mark.slow
def test_domain_imports_no_qt_at_all() -> None:
    # Loading the built-in safety content too: the loader must not pull Qt in on first use.
    setup = f"import {DOMAIN}; trainer.content.safety.load_safety()"
    assert _loaded_modules_starting_with(setup, ("PySide6", "pyqtgraph")) == []


@pytest.mark.slow
def test_settings_use_qt_core_only() -> None:
    forbidden = ("PySide6.QtWidgets", "PySide6.QtGui", "pyqtgraph")
    assert _loaded_modules_starting_with("import trainer.settings", forbidden) == []


# Reading a clock: the real date, wall time or monotonic time, in any spelling.
_CLOCK_READ = re.compile(
    r"\b(datetime\.(now|utcnow|today)|date\.today|time\.(time|time_ns|monotonic|monotonic_ns|"
    r"perf_counter|perf_counter_ns|localtime|gmtime|strftime)|QDateTime\.current\w*|QDate\.currentDate|"
    r"QTime\.currentTime)\s*\("
    r"|\bfrom\s+time\s+import\b[^\n]*\b(time|monotonic|perf_counter)\b"
)
# trainer/clock.py is the one module that reads the real clocks (benchmarks/, outside the package,
# measures real time).
_MAY_READ_CLOCKS = {"clock.py"}


def clock_reads(source: str) -> list[str]:
    code = "\n".join(line.split("#", 1)[0] for line in source.splitlines())
    return [m.group(0) for m in _CLOCK_READ.finditer(code)]


def test_only_the_clock_module_reads_a_clock() -> None:
    found = {
        str(p.relative_to(ROOT)): clock_reads(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "trainer").rglob("*.py"))
        if p.name not in _MAY_READ_CLOCKS
    }
    assert {k: v for k, v in found.items() if v} == {}


def test_no_test_reads_the_date() -> None:
    # Tests may time their own waits (time.monotonic) but never depend on the day they run.
    wall = re.compile(r"\b(datetime\.(now|utcnow|today)|date\.today|time\.time|QDate\w*\.current\w*)\s*\(")
    found = {
        p.name: wall.findall(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "tests").rglob("*.py"))
        if p.name != "test_layers.py"  # its examples of what the scan must catch
    }
    assert {k: v for k, v in found.items() if v} == {}


def test_the_clock_scan_finds_each_spelling() -> None:
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


# ------------------------------------------------------------------------------ import graph
def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports, wherever the import stands (top level, inside a
    function, under TYPE_CHECKING): a cycle closed through a function-level import is still one."""
    root = package_dir.parent

    def name_of(path: Path) -> str:
        parts = list(path.relative_to(root).with_suffix("").parts)
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    files = {name_of(p): p for p in sorted(package_dir.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        here = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: from . import x, from ..y import z
                    base = here[: len(here) - node.level + 1] + ([node.module] if node.module else [])
                    source = ".".join(base)
                else:
                    source = node.module or ""
                found.add(source)
                found.update(f"{source}.{a.name}" for a in node.names)  # from pkg import submodule
        graph[module] = {m for m in found if m in files and m != module}
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import each other, directly or round a loop (Tarjan's SCCs)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def test_no_import_cycles_between_trainer_modules() -> None:
    assert import_cycles(import_graph(ROOT / "trainer")) == []


def test_screens_never_import_the_entry_points() -> None:
    # The window and dialogs are built by app.py; they must not reach back into it or the command line.
    graph = import_graph(ROOT / "trainer")
    back = {m: sorted(graph[m] & {"trainer.app", "trainer.cli"}) for m in graph if m.startswith("trainer.ui")}
    assert {m: v for m, v in back.items() if v} == {}


def test_the_cycle_check_sees_a_cycle_closed_inside_a_function(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "ui").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "ui" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "ui" / "window.py").write_text(
        "def export():\n    from pkg.ui.video import run\n", encoding="utf-8"
    )
    (pkg / "ui" / "video.py").write_text("from . import window\n", encoding="utf-8")
    (pkg / "cli.py").write_text("import pkg.ui.window\n", encoding="utf-8")
    graph = import_graph(pkg)
    assert graph["pkg.ui.video"] == {"pkg.ui", "pkg.ui.window"}
    assert import_cycles(graph) == [["pkg.ui.video", "pkg.ui.window"]]
