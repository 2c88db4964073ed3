"""The self-check as a child process: the command that starts it and reading what it reports.

No widgets: the Help ▸ Check my setup dialog starts the command with QProcess and feeds what the
child prints into a ``ResultStream``; these rules (which lines count, how a check that never
reported is blamed) are tested here without a window.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from trainer.selfcheck.checks import CHECK_NAMES, CheckResult

NOT_FINISHED_FIX = (
    "Run the check again; if it keeps failing, run 'thoracic-trainer --self-check' in a terminal "
    "and keep what it prints."
)


def selfcheck_command(data_dir: Path, play: bool = True) -> tuple[str, list[str]]:
    """The program and arguments that run the self-check with JSON Lines output (with JSON_ENV=json)."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the app itself has --self-check
        return sys.executable, ["--self-check", "--data-dir", str(data_dir)]
    args = ["-m", "trainer.selfcheck", "--json", "--data-dir", str(data_dir)]
    if not play:
        args.append("--no-play")
    return sys.executable, args


class ResultStream:
    """Bytes from the child's stdout in, results out, one per complete JSON line."""

    def __init__(self) -> None:
        self._buffer = b""

    def feed(self, data: bytes) -> list[CheckResult]:
        self._buffer += data
        *lines, self._buffer = self._buffer.split(b"\n")
        return [r for r in map(parse_line, lines) if r is not None]

    def close(self) -> list[CheckResult]:
        """The last line, when the child ended without a newline."""
        rest, self._buffer = self._buffer, b""
        result = parse_line(rest)
        return [] if result is None else [result]


def parse_line(line: bytes) -> CheckResult | None:
    text = line.decode("utf-8", "replace").strip()
    if not text.startswith("{"):
        return None  # anything else a library printed
    try:
        return CheckResult.from_json(json.loads(text))
    except (ValueError, KeyError, TypeError):
        return None


def not_reported(done: Sequence[CheckResult], why: str) -> list[CheckResult]:
    """Results for the checks the child never reported: the first carries the reason, once."""
    seen = {r.name for r in done}
    missing = [n for n in CHECK_NAMES if n not in seen]
    return [
        CheckResult(name, False, f"not checked: {why}", NOT_FINISHED_FIX)
        if i == 0
        else CheckResult(name, False, "not checked (see above)", skipped=True)
        for i, name in enumerate(missing)
    ]


def last_line(stderr: bytes) -> str:
    """': <the last thing the child wrote to stderr>', or '' (for the reason a check stopped)."""
    lines = [ln for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    return f": {lines[-1].strip()}" if lines else ""
