"""The lost-sound watchdog (issue 14 item 5): it watches only session clips, not Voice settings ▸
Test voice, and takes its notice back when the sound works again."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from tests.voice.test_voice import pulse_running
from trainer.content import Exercise

if TYPE_CHECKING:  # the tests import it where they run, as the app does
    from trainer.voice.clip_speaker import ClipSpeaker

pytestmark = [
    pytest.mark.audio,
    pytest.mark.slow,  # the speech engine runs in its own process
    pytest.mark.skipif(not pulse_running(), reason="no PulseAudio server (scripts/run-tests starts one)"),
]


def _ready(qtbot: QtBot, speaker: ClipSpeaker, text: str) -> None:
    speaker.prepare([text])
    qtbot.waitUntil(lambda: speaker.length(text) is not None, timeout=15000)


def test_a_test_voice_clip_is_not_watched(qtbot: QtBot, tmp_path: Path) -> None:
    from trainer.voice.clip_speaker import ClipSpeaker

    speaker = ClipSpeaker(tmp_path)
    try:
        _ready(qtbot, speaker, "Testing the voice.")
        assert speaker.say("Testing the voice.", "test", 0)
        assert not speaker._watch.isActive()  # no verdict on the output from a test clip
        _ready(qtbot, speaker, "One")
        assert speaker.say("One", "count", 1)
        assert speaker._watch.isActive()  # session clips are still watched
    finally:
        speaker.close()


def test_the_notice_is_taken_back_when_a_clip_plays_through_again(qtbot: QtBot, tmp_path: Path) -> None:
    from trainer.voice.clip_speaker import STUCK_NOTICE, ClipSpeaker

    speaker = ClipSpeaker(tmp_path)
    told: list[str] = []
    taken_back: list[str] = []
    speaker.notice.connect(told.append)
    speaker.notice_cleared.connect(taken_back.append)
    try:
        _ready(qtbot, speaker, "One")
        # The output was lost before (as when PulseAudio died): notice given, speech paused.
        speaker._tell("audio-stuck", STUCK_NOTICE)
        assert told == [STUCK_NOTICE]
        speaker._try_output_again()
        qtbot.waitUntil(lambda: speaker.length("One") is not None, timeout=5000)
        assert speaker.say("One", "count", 1)
        qtbot.waitUntil(lambda: taken_back == [STUCK_NOTICE], timeout=5000)
        assert speaker.problem is None
    finally:
        speaker.close()


def test_the_window_takes_a_notice_back(qtbot: QtBot, exercise: Exercise) -> None:
    from tests.driver import open_window

    win, _clock = open_window(qtbot, exercise, "chair")
    win.show_notice("first")
    win.show_notice("second")
    win.clear_notice("first")
    assert win.notice.text() == "second" and not win.notice.isHidden()
    win.clear_notice("second")
    assert win.notice.isHidden()
