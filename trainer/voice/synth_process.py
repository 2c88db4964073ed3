"""The app's side of the speech process: start it, ask it, notice when it dies, hangs or bloats.

A crash or an exit() shows as end-of-file on its stdout at once; a phrase that takes longer than
PHRASE_TIMEOUT_S (renders take 10-25 ms) counts as a hang and the process is killed; one that grows
past MAX_RSS_KB is replaced after its answer. A new process is started on the next request, after a
back-off that doubles with each failure in a row (0.5 s ... 30 s), so a broken installation does not
spin. Used from ClipRenderer's worker thread only.
"""

from __future__ import annotations

import collections
import contextlib
import json
import logging
import os
import selectors
import subprocess
import sys
import threading
import time
from typing import IO, Any

from trainer.clock import watchdog_monotonic

HIDDEN_FLAG = "--speech-worker"  # the bundle runs trainer/voice/synth_worker.py this way (cli.main)

log = logging.getLogger(__name__)

START_TIMEOUT_S = 15.0  # loading libespeak-ng and its voices, on a loaded machine
PHRASE_TIMEOUT_S = 2.0  # renders take 10-25 ms; the issue asks for ~1 s, 2 s spares a loaded CI
MAX_RSS_KB = 400_000
BACKOFF_S = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0)


DATA_FIX = (
    "The speech engine's voice data is missing or damaged. Reinstall it (on Debian or Ubuntu: "
    "sudo apt-get install --reinstall espeak-ng-data), then restart the trainer."
)
ENGINE_FIX = (
    "Install the espeak-ng speech engine (on Debian or Ubuntu: sudo apt-get install espeak-ng), "
    "then restart the trainer."
)


def engine_fix(why: str) -> str:
    """What to do about a speech engine failure, from espeak-ng's own words."""
    data = ("phontab", "espeak-ng-data", "Error processing file", "voice data")
    return DATA_FIX if any(d in why for d in data) or "ESPEAK_DATA_PATH" in os.environ else ENGINE_FIX


class SynthFailed(RuntimeError):
    """The speech process could not answer; the message names why (its own last words if any)."""


def worker_command() -> list[str]:
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the app itself, with a hidden flag
        return [sys.executable, HIDDEN_FLAG]
    return [sys.executable, "-m", "trainer.voice.synth_worker"]


class SynthProcess:
    def __init__(self, command: list[str] | None = None, env: dict[str, str] | None = None) -> None:
        self.command = command or worker_command()
        self.env = env
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: collections.deque[str] = collections.deque(maxlen=20)
        self._failures = 0
        self._not_before = 0.0
        self.starts = 0

    # ---------------------------------------------------------------- life
    def _start(self) -> subprocess.Popen[bytes]:
        wait = self._not_before - watchdog_monotonic()
        if wait > 0:
            time.sleep(wait)  # back-off: a broken engine is not restarted in a tight loop
        self._stderr.clear()
        proc = subprocess.Popen(
            self.command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=self.env,
        )
        self.starts += 1
        assert proc.stderr is not None
        threading.Thread(target=self._drain, args=(proc.stderr,), daemon=True, name="synth-stderr").start()
        self._proc = proc
        self._read(proc, START_TIMEOUT_S, "start")
        return proc

    def _drain(self, stream: IO[bytes]) -> None:
        for line in stream:
            text = line.decode(errors="replace").strip()
            if text:
                self._stderr.append(text)

    def _failed(self, why: str) -> SynthFailed:
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(2)
            time.sleep(0.05)  # let the stderr thread take the last words
            last = next((t for t in reversed(self._stderr) if t), "")
            code = proc.returncode
            if code is not None and code < 0:
                why += f" (killed by signal {-code})"
            elif code:
                why += f" (exit status {code})"
            if last:
                why += f": {last}"
        self._not_before = watchdog_monotonic() + BACKOFF_S[min(self._failures, len(BACKOFF_S) - 1)]
        self._failures += 1
        return SynthFailed(f"the espeak-ng speech process {why}")

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            assert proc.stdin is not None
            proc.stdin.write(b'{"op": "quit"}\n')
            proc.stdin.close()
            proc.wait(1.0)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()

    # ---------------------------------------------------------------- talk
    def _read(self, proc: subprocess.Popen[bytes], timeout: float, what: str) -> dict[str, Any]:
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        deadline = watchdog_monotonic() + timeout
        buf = b""
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while not buf.endswith(b"\n"):
                left = deadline - watchdog_monotonic()
                if left <= 0:
                    raise self._failed(f"did not answer within {timeout:g} s ({what})")
                if not sel.select(min(left, 0.2)):
                    if proc.poll() is not None and not buf:
                        raise self._failed(f"ended ({what})")
                    continue
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise self._failed(f"ended ({what})")
                buf += chunk
        try:
            reply: dict[str, Any] = json.loads(buf)
        except ValueError:
            raise self._failed(f"answered nonsense ({what})") from None
        return reply

    def call(self, request: dict[str, Any], timeout: float = PHRASE_TIMEOUT_S) -> dict[str, Any]:
        """The worker's answer to ``request``; SynthFailed if the process died or hung (it is gone)."""
        proc = self._proc if self._proc is not None and self._proc.poll() is None else self._start()
        try:
            assert proc.stdin is not None
            proc.stdin.write(json.dumps(request).encode() + b"\n")
            proc.stdin.flush()
        except OSError:
            raise self._failed(f"ended ({request.get('op')})") from None
        reply = self._read(proc, timeout, str(request.get("op")))
        self._failures = 0
        if int(reply.get("rss_kb", 0)) > MAX_RSS_KB:
            log.warning("speech process grew to %s kB; replaced", reply["rss_kb"])
            self.close()
        if not reply.get("ok"):
            raise SynthFailed(str(reply.get("error", "the speech engine failed")))
        return reply
