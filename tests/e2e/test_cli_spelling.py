"""The command line is never guessed (issue 16 item 8): no abbreviations, --opt=value everywhere,
empty values for action flags refused. A script must never end up waiting on a window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_trainer

pytestmark = pytest.mark.slow  # every test starts the program


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--export-pos", "x.json"], "unrecognized arguments: --export-pos"),
        (["--self"], "unrecognized arguments: --self"),
        (["--rehears"], "unrecognized arguments: --rehears"),
        (["--screenshot", ""], "--screenshot needs a value"),
        (["--screenshot="], "--screenshot needs a value"),
        (["--export-history", " "], "--export-history needs a value"),
        (["--export-poses="], "--export-poses needs a value"),
        (["--events", ""], "--events needs a value"),
        (["--exercise="], "--exercise needs a value"),
        (["--data-dir", ""], "--data-dir needs a value"),
        (["--sets=0"], "--sets must be from 1 to 10"),
    ],
)
def test_guesses_and_empty_values_exit_2_with_one_line(args: list[str], needle: str) -> None:
    r = run_trainer(*args, timeout=30)
    assert r.returncode == 2, r.stdout + r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert needle in lines[0]


def test_equals_spelling_does_the_job(tmp_path: Path) -> None:
    out = tmp_path / "p.json"
    r = run_trainer(f"--export-poses={out}", "--variant=chair", timeout=60)
    assert r.returncode == 0, r.stderr
    assert [s["variant"] for s in json.loads(out.read_text())["sequences"]] == ["chair"]
    csv = tmp_path / "h.csv"
    r = run_trainer(f"--export-history={csv}", f"--data-dir={tmp_path / 'd'}", timeout=60)
    assert r.returncode == 0, r.stderr
    assert csv.read_text().startswith("session_id,")
