"""(a) The keyword spotter on real synthetic speech: two clearly different voices (Festival's
HTS 'slt', Piper's neural 'joe'; neither is espeak-ng), clean and with pink noise."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks.speechgen import RATE, Audio, pink_noise, speak, with_noise
from tests.listen.conftest import CACHE, command_audio
from trainer.listen.commands import COMMANDS
from trainer.listen.decoder import (
    VERIFY_CLEAN,
    VERIFY_FLOOR,
    KeywordSpotter,
    snr_estimate,
    verify_threshold,
)


def heard(spotter: KeywordSpotter, audio: Audio) -> list[str]:
    spotter.reset()
    got: list[str] = []
    for i in range(0, len(audio), RATE // 10):  # 100 ms chunks, as the microphone delivers them
        got += [c.id for c in spotter.feed(audio[i : i + RATE // 10].tobytes())]
    return got


@pytest.fixture(scope="module")
def spotter() -> KeywordSpotter:
    # A microphone that has been listening for a while: the decoder's running cepstral mean has
    # adapted to speech (a fresh decoder misses more of the very first command).
    k = KeywordSpotter()
    for voice in ("slt", "joe"):
        heard(k, with_noise(speak("Good morning. Let us get ready for the exercise.", voice, CACHE), None))
    return k


slow = pytest.mark.slow  # Festival runs as a process to make the test speech


def test_verification_asks_most_in_a_quiet_room_and_less_in_noise_down_to_a_floor() -> None:
    assert verify_threshold(60.0) == verify_threshold(40.0) == VERIFY_CLEAN
    assert VERIFY_FLOOR < verify_threshold(25.0) < VERIFY_CLEAN
    assert verify_threshold(-20.0) == VERIFY_FLOOR


def test_the_snr_estimate_tells_a_quiet_room_from_a_noisy_one() -> None:
    rng = np.random.default_rng(7)
    speech = np.zeros(3 * RATE)
    speech[RATE : 2 * RATE] = 8000 * np.sin(np.arange(RATE) * 2 * np.pi * 220 / RATE)
    quiet = (speech + rng.normal(0, 3, len(speech))).astype(np.int16)
    noisy = (speech + pink_noise(len(speech), 1) * 8000 / np.sqrt(2) / 10).astype(np.int16)  # 20 dB
    assert snr_estimate(quiet, RATE, 2 * RATE) > 60
    assert 15 < snr_estimate(noisy, RATE, 2 * RATE) < 35


@slow
@pytest.mark.parametrize("voice", ["slt", "joe"])
def test_nearly_every_command_is_heard_clean_and_none_is_confused(
    spotter: KeywordSpotter, voice: str
) -> None:
    # Verification (decoder.py) costs few true commands: measured 96 % clean on the tuning
    # voices. A miss is heard as nothing, never as another command.
    results = {c.id: heard(spotter, command_audio(c.id, voice)) for c in COMMANDS}
    missed = [k for k, v in results.items() if v == []]
    wrong = {k: v for k, v in results.items() if v not in ([k], [])}
    assert len(missed) <= 3 and not wrong, results


@slow
def test_at_20_db_snr_most_commands_are_heard_and_none_is_confused(spotter: KeywordSpotter) -> None:
    ok = confused = n = 0
    for c in COMMANDS:
        for voice in ("slt", "joe"):
            got = heard(spotter, command_audio(c.id, voice, snr=20))
            n += 1
            ok += got == [c.id]
            confused += any(g != c.id for g in got)
    assert ok / n >= 0.7, f"{ok}/{n}"
    assert confused <= 2, confused


@slow
def test_talk_without_the_prefix_fires_nothing(spotter: KeywordSpotter) -> None:
    # The command words in ordinary sentences, without the prefix: the tails of long commands
    # ("... skip resting, and say it again") fired before hits were checked.
    talk = (
        "Pause for a moment, then resume when you are ready. I am done with this one; skip "
        "resting, and say it again. It hurts a little, but I am feeling fine, just tired. Stop."
    )
    for voice in ("slt", "joe"):
        assert heard(spotter, with_noise(speak(talk, voice, CACHE), None)) == []


@slow
def test_a_command_right_after_talk_that_was_turned_down_is_still_heard() -> None:
    # A hit that verification drops must not cost the search what follows it. The sentences
    # are ones whose command words each voice's keyword search hears (tuning set), from a
    # spotter warmed as the fixture's but fresh (what it heard before changes its hits).
    spotter = KeywordSpotter()
    for voice in ("slt", "joe"):
        heard(
            spotter, with_noise(speak("Good morning. Let us get ready for the exercise.", voice, CACHE), None)
        )
    for voice, text in (("slt", "Can you say that again please?"), ("joe", "After work I am feeling tired.")):
        talk = speak(text, voice, CACHE)
        command = command_audio("pause", voice)
        audio = with_noise(np.concatenate([talk, np.zeros(RATE // 2, np.int16), command]), None)
        dropped = len(spotter.rejected)
        assert heard(spotter, audio) == ["pause"], voice
        assert len(spotter.rejected) > dropped, voice  # the talk was heard, and turned down


def test_a_missing_model_is_one_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import trainer.listen.decoder as dec

    monkeypatch.setattr(dec, "model_dir", lambda: tmp_path)
    with pytest.raises(dec.DecoderError, match="speech model is missing"):
        KeywordSpotter()


@slow
def test_a_command_right_after_another_is_verified_afresh() -> None:
    # The voice-driven session test failed a third of the time at "coach resume" said after
    # "coach pause": the checking decoder's features carried over from the last check, and the
    # resume scored -3.8 (dropped) where alone it scored -1.8.
    spotter = KeywordSpotter()
    gap = np.zeros(2 * RATE, np.int16)
    pause, resume = command_audio("pause", "joe"), command_audio("resume", "joe")
    assert heard(spotter, np.concatenate([gap, pause, gap, resume, gap])) == ["pause", "resume"]


@slow
def test_the_room_is_judged_next_to_the_command_not_seconds_before() -> None:
    # A check asks less in noise. The noise was judged from the last 4 s: when the room had been
    # quiet a few seconds before (noise that just started, or a quieter voice's clip before it
    # in the benchmark), a command in 20 dB noise was checked as in a silent room.
    spotter = KeywordSpotter()
    quiet = np.zeros(3 * RATE, np.int16)
    audio = np.concatenate([quiet, command_audio("fine", "joe", snr=20.0)])
    checked = len(spotter.scores)
    assert heard(spotter, audio) == ["fine"]
    needed = spotter.scores[checked][2]
    assert needed < VERIFY_CLEAN - 1.0  # judged below 36 dB: it is about 20 dB
