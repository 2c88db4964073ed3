"""(a) The keyword spotter on real synthetic speech: two clearly different voices (Festival's
HTS 'slt', Piper's neural 'joe'; neither is espeak-ng), clean and with pink noise."""

from __future__ import annotations

import pytest

from benchmarks.speechgen import RATE, speak, with_noise
from tests.listen.conftest import CACHE, command_audio
from trainer.listen.commands import COMMANDS
from trainer.listen.decoder import KeywordSpotter


def heard(spotter: KeywordSpotter, audio) -> list[str]:
    spotter.reset()
    got: list[str] = []
    for i in range(0, len(audio), RATE // 10):  # 100 ms chunks, as the microphone delivers them
        got += [c.id for c in spotter.feed(audio[i : i + RATE // 10].tobytes())]
    return got


@pytest.fixture(scope="module")
def spotter():
    # A microphone that has been listening for a while: the decoder's running cepstral mean has
    # adapted to speech (a fresh decoder misses more of the very first command).
    k = KeywordSpotter()
    for voice in ("slt", "joe"):
        heard(k, with_noise(speak("Good morning. Let us get ready for the exercise.", voice, CACHE), None))
    return k


pytestmark = pytest.mark.slow  # Festival runs as a process to make the test speech


@pytest.mark.parametrize("voice", ["slt", "joe"])
def test_nearly_every_command_is_heard_clean_and_none_is_confused(spotter, voice):
    # The prefix check (decoder.py) costs some true commands to stop the tail fires: measured
    # 80 % clean on the tuning voices, 84 % held out. A miss is heard as nothing, never as another
    # command.
    results = {c.id: heard(spotter, command_audio(c.id, voice)) for c in COMMANDS}
    missed = [k for k, v in results.items() if v == []]
    wrong = {k: v for k, v in results.items() if v not in ([k], [])}
    assert len(missed) <= 3 and not wrong, results


def test_at_20_db_snr_most_commands_are_heard_and_none_is_confused(spotter):
    ok = confused = n = 0
    for c in COMMANDS:
        for voice in ("slt", "joe"):
            got = heard(spotter, command_audio(c.id, voice, snr=20))
            n += 1
            ok += got == [c.id]
            confused += any(g != c.id for g in got)
    assert ok / n >= 0.7, f"{ok}/{n}"
    assert confused <= 2, confused


def test_talk_without_the_prefix_fires_nothing(spotter):
    # The command words in ordinary sentences, without the prefix: the tails of long commands
    # ("... skip resting, and say it again") fired before the prefix check.
    talk = (
        "Pause for a moment, then resume when you are ready. I am done with this one; skip "
        "resting, and say it again. It hurts a little, but I am feeling fine, just tired. Stop."
    )
    for voice in ("slt", "joe"):
        assert heard(spotter, with_noise(speak(talk, voice, CACHE), None)) == []


def test_a_missing_model_is_one_clear_error(monkeypatch, tmp_path):
    import trainer.listen.decoder as dec

    monkeypatch.setattr(dec, "model_dir", lambda: tmp_path)
    with pytest.raises(dec.DecoderError, match="speech model is missing"):
        KeywordSpotter()
