"""The speech engine's own process (issue 16 item 1): pyttsx3 + espeak-ng run here, never in the app.

espeak-ng calls exit() (or crashes) when its voice data is missing, and can hang or leak; none of
that can be caught inside a process, so the app keeps the engine in this child and supervises it
(trainer/voice/synth_process.py). Protocol: one JSON object per line on stdin, one answer per line
on the original stdout; clips cross as WAV files in the cache folder. The engine is made at start,
so a broken installation shows at once ({"ready": true} or an exit with espeak-ng's own message on
stderr). Run as ``python -m trainer.voice.synth_worker`` or, in the bundle, ``app --speech-worker``.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path
from typing import Any, BinaryIO


def _rss_kb() -> int:
    # The resident size now, from /proc where there is one: ru_maxrss would also count the parent's
    # pages from before exec (Linux keeps the high-water mark), so a child of a big process such as
    # a test run looked 1.2 GB large and was replaced after every phrase.
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            resident_pages = int(f.read().split()[1])
        return resident_pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError, IndexError):
        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _answer(out: BinaryIO, reply: dict[str, Any]) -> None:
    out.write(json.dumps(reply).encode() + b"\n")
    out.flush()


def _handle(request: dict[str, Any]) -> dict[str, Any]:
    from trainer.voice.renderer import ClipRenderer, _voices_of, default_engine_factory

    op = request.get("op")
    renderer = _RENDERERS.get(str(request.get("cache", "")))
    if renderer is None:
        renderer = ClipRenderer(
            Path(str(request.get("cache", "."))),
            lambda c: None,
            lambda e: None,
            engine_factory=default_engine_factory,
        )
        renderer._engine = _ENGINE[0] if _ENGINE else None
        if renderer._engine is not None:
            renderer._engine_props = None
            renderer._default_voice = _ENGINE[1]
        _RENDERERS[str(request.get("cache", ""))] = renderer
    if op == "voices":
        return {
            "ok": True,
            "voices": [[v.id, v.name, list(v.languages)] for v in _voices_of(renderer._ensure_engine())],
        }
    if op == "render":
        clip = renderer._render(str(request["text"]), str(request["voice"]), int(request["rate"]))
        return {"ok": True, "seconds": clip.seconds, "rss_kb": _rss_kb()}
    return {"ok": False, "error": f"unknown request {op!r}"}


_RENDERERS: dict[str, Any] = {}
_ENGINE: list[Any] = []  # [engine, its default voice]: one engine per process (espeak-ng's rule)


def main() -> int:
    # The protocol owns the real stdout; anything the engine prints goes to stderr instead.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    from trainer.voice.renderer import default_engine_factory

    engine = default_engine_factory()  # espeak-ng's exit() on broken data happens here
    _ENGINE.extend([engine, engine.getProperty("voice")])
    _answer(out, {"ready": True, "rss_kb": _rss_kb()})
    for line in sys.stdin.buffer:
        try:
            request = json.loads(line)
            if request.get("op") == "quit":
                return 0
            reply = _handle(request)
        except Exception as exc:  # one phrase failed; the engine lives on
            reply = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        _answer(out, reply)
    return 0


if __name__ == "__main__":
    sys.exit(main())
