"""The gate: counted by clip, shut during playback and for the hang-over after the last clip."""

from __future__ import annotations

from trainer.listen.gate import SpeechGate
from trainer.session import ManualClock


def test_overlapping_clips_cannot_unmute_each_other() -> None:
    clock = ManualClock()
    gate = SpeechGate(clock, hang_over_s=1.0)
    assert gate.is_open()
    gate.playback("a", True)
    gate.playback("b", True)
    gate.playback("a", True)  # the same clip reported twice still counts once
    gate.playback("a", False)
    clock.advance(5)
    assert not gate.is_open() and gate.playing == 1  # b still plays
    gate.playback("b", False)
    clock.advance(0.9)
    assert not gate.is_open()  # hang-over: the room still echoes
    clock.advance(0.2)
    assert gate.is_open()


def test_a_stop_without_a_start_does_not_shut_or_open_anything() -> None:
    clock = ManualClock()
    gate = SpeechGate(clock)
    gate.playback("x", False)
    assert gate.is_open()
    gate.playback("y", True)
    gate.playback("x", False)
    assert not gate.is_open()


def test_headphones_keep_listening_while_the_coach_speaks() -> None:
    gate = SpeechGate(ManualClock())
    gate.enabled = False
    gate.playback("a", True)
    assert gate.is_open()


def test_clear_after_the_speaker_stopped_still_waits_the_hang_over() -> None:
    clock = ManualClock()
    gate = SpeechGate(clock, hang_over_s=1.0)
    gate.playback("a", True)
    gate.clear()
    assert not gate.is_open()
    clock.advance(1.01)
    assert gate.is_open()
