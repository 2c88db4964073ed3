"""No run of the trainer prints a Python traceback, whatever its arguments and inputs (issue 16,
"Done when"): the command-line probes of the issue, each in a real subprocess on a fresh data
folder, must end (no window waiting for a person) with an expected exit code and no traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.history.test_history_bad_rows import history_with_bad_rows
from trainer.paths import builtin_exercise_path

# (name, arguments with {D} data folder, {T} scratch folder, {F} exercise copy, allowed exit codes)
PROBES: list[tuple[str, list[str], set[int]]] = [
    ("events onto the history", ["--rehearse", "--events", "{D}/history.sqlite3"], {2}),
    ("events onto the settings", ["--rehearse", "--events", "{D}/settings.ini"], {2}),
    ("events onto the exercise", ["--rehearse", "--exercise", "{F}", "--events", "{F}"], {2}),
    ("events onto a folder", ["--rehearse", "--events", "{T}"], {2}),
    ("events under a file", ["--rehearse", "--events", "{F}/e.jsonl"], {2}),
    ("events onto /dev/full", ["--rehearse", "--events", "/dev/full"], {2}),
    ("screenshot into the cache", ["--screenshot", "{D}/cache/x.png"], {2}),
    ("screenshot empty", ["--screenshot", ""], {2}),
    ("export-poses with =", ["--export-poses={T}/p.json"], {0}),
    ("export-poses abbreviated", ["--export-pos", "{T}/p.json"], {2}),
    ("export-poses onto a folder", ["--export-poses", "{T}"], {2}),
    ("self abbreviated", ["--self"], {2}),
    ("exercise /dev/zero", ["--rehearse", "--exercise", "/dev/zero"], {2}),
    ("exercise FIFO", ["--rehearse", "--exercise", "{T}/fifo.toml"], {2}),
    ("exercise deep", ["--rehearse", "--exercise", "{T}/deep.toml"], {2}),
    ("exercise folder", ["--rehearse", "--exercise", "{T}"], {2}),
    ("history with bad rows to CSV", ["--export-history", "{T}/h.csv", "--data-dir", "{B}"], {0}),
    ("history with bad rows to PDF", ["--export-report", "{T}/r.pdf", "--data-dir", "{B}"], {0}),
    ("history with bad rows, rehearse", ["--rehearse", "--data-dir", "{B}"], {0}),
    ("formula weight", ["--rehearse", "--weight", '=HYPERLINK("http://x","y")'], {0}),
    ("data folder under a file", ["--rehearse", "--data-dir", "{F}/data"], {0}),
    (
        "export history from an unusable folder",
        ["--export-history", "{T}/h2.csv", "--data-dir", "{F}/d"],
        {1},
    ),
    ("card onto the exercise by link", ["--export-card", "{T}/link.pdf", "--exercise", "{F}"], {2}),
    ("report into a missing folder", ["--export-report", "{T}/no/r.pdf"], {2}),
    ("sets not a number", ["--sets=abc"], {2}),
    ("speed nan", ["--speed", "nan"], {2}),
    ("tempo huge", ["--tempo", "1-1-1-1e999"], {2}),
    ("at negative", ["--screenshot", "{T}/s.png", "--at", "-1"], {2}),
    ("unknown option", ["--bogus=1"], {2}),
    ("self-check without espeak data", ["--self-check", "--data-dir", "{D}"], {0, 1}),
]


def _scratch(tmp_path: Path) -> dict[str, str]:
    data, scratch = tmp_path / "data", tmp_path / "t"
    (data / "cache").mkdir(parents=True)
    scratch.mkdir()
    exercise = scratch / "ex.toml"
    exercise.write_bytes(builtin_exercise_path().read_bytes())
    (scratch / "link.pdf").symlink_to(exercise)
    os.mkfifo(scratch / "fifo.toml")
    (scratch / "deep.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    bad = tmp_path / "bad"
    history_with_bad_rows(bad)
    with sqlite3.connect(data / "history.sqlite3") as conn:
        conn.execute("CREATE TABLE keep (x)")  # not ours: the probes must not touch it either
    return {"D": str(data), "T": str(scratch), "F": str(exercise), "B": str(bad)}


@pytest.mark.slow
@pytest.mark.parametrize(("name", "args", "codes"), PROBES, ids=[p[0] for p in PROBES])
def test_no_probe_prints_a_traceback(tmp_path: Path, name: str, args: list[str], codes: set[int]) -> None:
    places = _scratch(tmp_path)
    before = Path(places["D"], "history.sqlite3").read_bytes()
    argv = [a.format(**places) for a in args]
    if "--data-dir" not in argv:
        argv += ["--data-dir", places["D"]]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ESPEAK_DATA_PATH=str(tmp_path / "empty"))
    (tmp_path / "empty").mkdir()
    r = subprocess.run(
        [sys.executable, "-m", "trainer", "--no-voice", "--speed", "500", *argv]
        if "--rehearse" in argv
        else [sys.executable, "-m", "trainer", *argv],
        cwd=ROOT, capture_output=True, text=True, timeout=90, env=env,
    )  # fmt: skip
    assert "Traceback" not in r.stderr + r.stdout, r.stderr
    assert r.returncode in codes, f"{name}: exit {r.returncode}\n{r.stderr}"
    if r.returncode == 2:
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    if "history.sqlite3" in " ".join(argv) or "settings.ini" in " ".join(argv):
        assert Path(places["D"], "history.sqlite3").read_bytes() == before
    assert Path(places["F"]).read_bytes() == builtin_exercise_path().read_bytes()
