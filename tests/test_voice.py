"""Voice: coach logic with a recording speaker; real espeak-ng rendering; real playback to a
PulseAudio null sink (started by scripts/run-tests)."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest

from trainer.session import ManualClock, Plan, SessionController, Status
from trainer.voice.coach import VoiceCoach
from trainer.voice.renderer import Clip, ClipRenderer
from trainer.voice.speaker import RecordingSpeaker


def pulse_running() -> bool:
    if shutil.which("pactl") is None:
        return False
    return subprocess.run(["pactl", "info"], capture_output=True).returncode == 0


def test_coach_speaks_cues_and_goes_quiet_on_pause(exercise):
    clock = ManualClock()
    ctl = SessionController(Plan.from_exercise(exercise, "chair", sets=1, reps=2), exercise, clock)
    speaker = RecordingSpeaker()
    coach = VoiceCoach(speaker)
    ctl.add_listener(coach.handle)
    ctl.start()
    for _ in range(150):
        clock.advance(0.1)
        ctl.tick()
    said = [t for t, _ in speaker.said]
    assert said[0].startswith("Get ready. Sit at the front edge")
    assert said[1:4] == ["Three", "Two", "One"]
    assert "One, lift." in said
    ctl.pause()
    assert speaker.stops == 1


def test_coach_drops_a_cue_past_its_deadline_instead_of_playing_it_late(exercise):
    clock = ManualClock()
    ctl = SessionController(Plan.from_exercise(exercise, "chair", sets=1, reps=1), exercise, clock)
    speaker = RecordingSpeaker()
    captions = []
    coach = VoiceCoach(speaker, on_caption=lambda text, kind: captions.append(text))
    ctl.add_listener(coach.handle)
    ctl.start()
    clock.advance(4.0)  # the UI stalled for 4 s: the countdown "Three" (t=7) is not due yet
    ctl.tick()
    clock.advance(4.0)  # now at t=8: "Three" is 1 s late (deadline 0.4 s): caption only
    ctl.tick()
    assert "Three" in captions
    assert ("Three", "countdown") not in speaker.said
    assert coach.dropped >= 1


def test_coach_with_failing_speaker_reports_once_and_session_goes_on(exercise):
    clock = ManualClock()
    ctl = SessionController(Plan.from_exercise(exercise, "chair", sets=1, reps=1), exercise, clock)
    problems = []
    coach = VoiceCoach(RecordingSpeaker(fail=True), on_problem=problems.append)
    ctl.add_listener(coach.handle)
    coach.prepare(ctl.timeline.cue_texts())
    ctl.start()
    while ctl.status is Status.RUNNING:
        clock.advance(0.1)
        ctl.tick()
    assert len(problems) == 1 and "captions" in problems[0]


def test_coach_is_silent_at_rehearsal_speed():
    speaker = RecordingSpeaker()
    assert not VoiceCoach(speaker, speed=100).enabled


def test_renderer_with_real_espeak_ng_renders_and_caches(tmp_path):
    ready: list[Clip] = []
    errors: list[str] = []
    r = ClipRenderer(tmp_path, ready.append, errors.append)
    r.request(["Three, lift.", "Halfway through your rest."])
    deadline = time.monotonic() + 20
    while len(ready) < 2 and not errors and time.monotonic() < deadline:
        time.sleep(0.01)
    r.close()
    assert not errors, errors
    assert [c.text for c in ready] == ["Three, lift.", "Halfway through your rest."]
    assert 0.3 < ready[0].seconds < 3.0
    assert ready[1].seconds > ready[0].seconds  # the longer phrase takes longer
    # Second session: served from the disk cache without an engine.
    again: list[Clip] = []

    def no_engine():
        raise AssertionError("the cache should have been used")

    r2 = ClipRenderer(tmp_path, again.append, errors.append, engine_factory=no_engine)
    r2.request(["Three, lift."])
    deadline = time.monotonic() + 5
    while not again and not errors and time.monotonic() < deadline:
        time.sleep(0.01)
    r2.close()
    assert not errors and again[0].path == ready[0].path


def test_renderer_reports_a_missing_engine(tmp_path):
    errors: list[str] = []

    def missing():
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    r = ClipRenderer(tmp_path, lambda clip: None, errors.append, engine_factory=missing)
    r.request(["One"])
    deadline = time.monotonic() + 5
    while not errors and time.monotonic() < deadline:
        time.sleep(0.01)
    r.close()
    assert errors and "libespeak-ng" in errors[0]


def test_clip_speaker_notices_missing_engine(qtbot, tmp_path):
    from trainer.voice.clip_speaker import ClipSpeaker

    def missing():
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    renderer = ClipRenderer(tmp_path, lambda c: None, lambda e: None, engine_factory=missing)
    speaker = ClipSpeaker(tmp_path, renderer=renderer)
    with qtbot.waitSignal(speaker.notice, timeout=5000) as blocker:
        speaker.prepare(["One"])
    assert "espeak-ng" in blocker.args[0] and "apt-get install espeak-ng" in blocker.args[0]
    assert speaker.say("One", "count", 1) is False
    speaker.close()


@pytest.mark.audio
@pytest.mark.skipif(not pulse_running(), reason="no PulseAudio server (scripts/run-tests starts one)")
def test_real_clip_plays_to_the_null_sink_and_stops_at_once(qtbot, tmp_path):
    from trainer.voice.clip_speaker import ClipSpeaker

    speaker = ClipSpeaker(tmp_path)
    assert speaker.has_output, "PulseAudio is running, so Qt must see an audio output"
    text = "Halfway through your rest."
    speaker.prepare([text])
    qtbot.waitUntil(lambda: text in speaker._effects and speaker.say(text, "rest", 4), timeout=10000)
    qtbot.waitUntil(speaker.is_speaking, timeout=1000)
    t0 = time.perf_counter()
    speaker.stop()
    qtbot.waitUntil(lambda: not speaker.is_speaking(), timeout=1000)
    assert (time.perf_counter() - t0) < 0.1
    speaker.close()


def test_renderer_tries_again_when_the_engine_loses_a_phrase(tmp_path, monkeypatch):
    """pyttsx3 can cancel a phrase it has just started; one lost clip must not silence the coach."""
    import wave

    import trainer.voice.renderer as renderer_module

    monkeypatch.setattr(renderer_module, "RENDER_TIMEOUT_S", 0.4)

    class LosesFirstPhrase:
        def __init__(self) -> None:
            self.calls = 0
            self.target = ""

        def setProperty(self, name, value):
            pass

        def save_to_file(self, text, filename):
            self.calls += 1
            self.target = filename

        def runAndWait(self):
            if self.calls == 1:
                return  # the first attempt is lost, as when espeak cancels it
            with wave.open(self.target, "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(22050)
                w.writeframes(b"\0\0" * 22050)

    engine = LosesFirstPhrase()
    ready: list[Clip] = []
    r = ClipRenderer(
        tmp_path, ready.append, lambda e: None, engine_factory=lambda: engine, engine_idle=lambda: True
    )
    clip = r._render("One")
    assert engine.calls == 2
    assert clip.seconds == pytest.approx(1.0)
