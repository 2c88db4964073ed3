"""A whole default session's own coach audio played by the real clip speaker straight into the
microphone (the default sink is the microphone's null sink: a perfect loopback), with spoken
commands on and the gate driven by the real playback events. The clips come in session order;
each gap between clips is kept as in the session but cut to GAP_S, still longer than the gate's
hang-over, so the gate opens between clips as it would. Beside the gated listener, the same
microphone audio goes to a second spotter with no gate: what would have fired (report only).
Started by test_listen_self_e2e.py. Argument: the data folder. Prints `FINAL ...`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.listen.e2e_driver import real_window
from trainer.clock import Clocks
from trainer.content import load_builtin_exercise
from trainer.listen.decoder import KeywordSpotter
from trainer.listen.gate import HANG_OVER_S
from trainer.session import Plan
from trainer.session.timeline import Timeline
from trainer.voice.clip_speaker import ClipSpeaker
from trainer.voice.mixdown import plan_speech

GAP_S = HANG_OVER_S + 0.3


def main() -> int:
    data = Path(sys.argv[1])
    app = QApplication([])
    clocks = Clocks.system()
    ex = load_builtin_exercise()
    plan = Plan.from_exercise(ex, ex.variant_ids[0])  # the default session
    texts = Timeline.compile(plan, ex).cue_texts()
    speaker = ClipSpeaker(data / "cache" / "voice")
    win = real_window(ex, plan, speaker, clocks)
    win.show()
    speaker.prepare(texts)
    ungated = KeywordSpotter()
    state: dict[str, Any] = {}
    would: list[str] = []
    levels = [0.0]
    shut = [0, True]

    def ungated_feed(pcm: bytes) -> None:
        would.extend(c.id for c in ungated.feed(pcm))

    def ready() -> bool:
        return all(speaker.length(t) is not None for t in texts)

    def begin() -> None:
        onsets = plan_speech(plan, ex, speaker.clips, 30.0)
        schedule: list[tuple[float, str]] = []
        at = 0.0
        for prev, onset in zip([None, *onsets], onsets, strict=False):
            if prev is not None:
                gap = onset.started - prev.started
                at += min(gap, speaker.clips[prev.text].seconds + GAP_S)
            schedule.append((at, onset.text))
        win.listen.set_listening(True)
        listener = win.listen.listener
        assert listener is not None
        listener.level.connect(lambda v: levels.append(v))
        listener.audio.connect(ungated_feed)
        listener.set_tap(True)
        state["t0"] = clocks.monotonic() + 2.0  # the microphone stream settles first
        state["schedule"] = schedule
        state["i"] = 0
        state["said"] = 0
        timer.timeout.disconnect()
        timer.timeout.connect(play)

    def play() -> None:
        gate_open = win.listen.gate.is_open()
        if not gate_open and shut[1]:
            shut[0] += 1
        shut[1] = gate_open
        schedule = state["schedule"]
        assert isinstance(schedule, list)
        i = int(state["i"])
        now = clocks.monotonic() - float(state["t0"])
        if i < len(schedule) and now >= schedule[i][0]:
            text = schedule[i][1]
            state["said"] = int(state["said"]) + bool(speaker.say(text, "cue", 0))
            state["i"] = i + 1
        elif i >= len(schedule) and now > schedule[-1][0] + 15:  # the last clip, its hang-over, a margin
            print(
                f"FINAL clips={len(schedule)} said={state['said']} heard={win.listen.heard} "
                f"ungated={would} gate_shut={shut[0]} peak={max(levels):.2f} seconds={now:.0f}",
                flush=True,
            )
            app.quit()

    def wait_for_clips() -> None:
        if ready():
            begin()

    timer = QTimer()
    timer.timeout.connect(wait_for_clips)
    timer.start(50)
    QTimer.singleShot(600_000, app.quit)
    app.exec()
    win.listen.stop()
    speaker.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
