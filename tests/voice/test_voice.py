"""Voice: coach logic with a recording speaker; real espeak-ng rendering; real playback to a
PulseAudio null sink (started by scripts/run-tests)."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Unpack

import pytest
from pytestqt.qtbot import QtBot

from tests.plans import PlanKw
from trainer.content import Exercise
from trainer.session import ManualClock, Plan, SessionController, Status
from trainer.session.timeline import COMFORT_QUESTION
from trainer.voice.coach import VoiceCoach
from trainer.voice.renderer import Clip, ClipRenderer
from trainer.voice.speaker import RecordingSpeaker


def pulse_running() -> bool:
    if shutil.which("pactl") is None:
        return False
    return subprocess.run(["pactl", "info"], capture_output=True).returncode == 0


class Driven:
    """A controller and coach on a fake clock, ticked together as the window does."""

    def __init__(
        self,
        exercise: Exercise,
        speaker: RecordingSpeaker | None = None,
        density: str = "full",
        *,
        variant: str = "chair",
        **plan_kw: Unpack[PlanKw],
    ) -> None:
        self.clock = ManualClock()
        self.ctl = SessionController(Plan.from_exercise(exercise, variant, **plan_kw), exercise, self.clock)
        self.speaker = speaker or RecordingSpeaker()
        self.captions: list[str] = []
        self.problems: list[str] = []
        self.coach = VoiceCoach(
            self.speaker,
            on_caption=lambda text, kind: self.captions.append(text),
            on_problem=self.problems.append,
            density=density,
        )
        self.ctl.add_listener(self.coach.handle)
        self.coach.attach(self.ctl.timeline)
        self.coach.prepare(self.ctl.timeline.cue_texts())

    def frame(self, dt: float = 0.016) -> None:
        self.clock.advance(dt)
        view = self.ctl.tick()
        if self.ctl.status in (Status.RUNNING, Status.FINISHED):
            self.coach.tick(view.t)

    def run(self, seconds: float, dt: float = 0.016) -> None:
        for _ in range(round(seconds / dt)):
            self.frame(dt)

    def to_end(self) -> None:
        while self.ctl.status is Status.RUNNING:
            self.frame()


def _length(speaker: RecordingSpeaker, text: str) -> float:
    seconds = speaker.length(text)
    assert seconds is not None, f"no length for {text!r}"
    return seconds


def test_coach_speaks_cues_on_their_beat_and_goes_quiet_on_pause(exercise: Exercise) -> None:
    d = Driven(exercise, sets=1, reps=2)
    d.ctl.start()
    d.coach.tick(0.0)
    d.run(15)
    said = [t for t, _ in d.speaker.said]
    assert said[0].startswith("Get ready. Sit at the front of the chair")
    assert said[1:4] == ["Three", "Two", "One"]
    assert "One, lift." in said
    # Every clip started within one frame of its planned time, and counts on their beat.
    assert all(-1e-6 <= o.started - o.planned < 0.02 for o in d.coach.onsets)
    counts = [o for o in d.coach.onsets if o.kind in ("count", "countdown")]
    assert [round(o.planned, 3) for o in counts[:4]] == [7.0, 8.0, 9.0, 10.0]
    d.ctl.pause()
    assert d.speaker.stops >= 1


def test_no_two_clips_overlap_over_a_whole_session(exercise: Exercise) -> None:
    d = Driven(exercise, variant="kneeling")
    d.ctl.start()
    d.coach.tick(0.0)
    d.to_end()
    lengths = {text: _length(d.speaker, text) for text in d.ctl.timeline.cue_texts()}
    spans = sorted((o.started, o.started + lengths[o.text], o.text) for o in d.coach.onsets)
    for (s1, e1, t1), (s2, _e2, t2) in itertools.pairwise(spans):
        assert e1 <= s2 + 1e-9, f"{t1!r} ({s1:.2f}-{e1:.2f}) runs into {t2!r} ({s2:.2f})"
    texts = [o.text for o in d.coach.onsets]
    # All 24 counts are spoken, the rest lines and the end too.
    assert sum(1 for t in texts if t.endswith(", lift.")) == 24
    assert any(t.startswith("Set 1 done") for t in texts) and texts[-1].startswith("Well done")
    assert any(t == COMFORT_QUESTION for t in texts)


def test_a_long_line_moves_earlier_to_end_before_the_countdown(exercise: Exercise) -> None:
    # A slow voice: the "Next: set 2 ..." line (beat 10 s before the rest ends) is long.
    d = Driven(exercise, RecordingSpeaker(seconds_per_char=0.11), variant="kneeling", rest_s=30)
    d.ctl.start()
    d.coach.tick(0.0)
    d.to_end()
    nxt = [o for o in d.coach.onsets if o.text.startswith("Next: set 2")]
    three = [o for o in d.coach.onsets if o.text == "Three" and 74 < o.planned < 120]
    assert nxt and three
    end_of_next = nxt[0].started + _length(d.speaker, nxt[0].text)
    assert nxt[0].planned < 10 + 64 + 30 - 10  # started before its beat, to fit
    assert end_of_next <= three[0].started


def test_densities_speak_less_and_captions_stay(exercise: Exercise) -> None:
    spoken = {}
    for density in ("full", "counts_phases", "counts", "silent"):
        d = Driven(exercise, density=density, sets=1, reps=3)
        d.ctl.start()
        d.coach.tick(0.0)
        d.to_end()
        spoken[density] = [t for t, _ in d.speaker.said]
        assert any(c.startswith("Lower. ") for c in d.captions)  # the tip is always captioned
    assert any(t.startswith("Lower. ") for t in spoken["full"])
    # counts_phases speaks the plain phase word where full speaks the reminder.
    assert "And slowly lower." in spoken["counts_phases"]
    assert not any(t.startswith("Lower. ") for t in spoken["counts_phases"])
    assert spoken["counts"] and all(
        t.endswith(", lift.") or t in ("Three", "Two", "One") or t.startswith("Well done")
        for t in spoken["counts"]
    )
    assert spoken["silent"] == []
    with pytest.raises(ValueError, match="density"):
        VoiceCoach(RecordingSpeaker(), density="chatty")


def test_tips_rotate_and_never_repeat_back_to_back(exercise: Exercise) -> None:
    d = Driven(exercise, variant="kneeling")
    d.ctl.start()
    d.coach.tick(0.0)
    d.to_end()
    tips = [t for t, kind in d.speaker.said if kind == "tip"]
    assert len(tips) >= 8 and len(set(tips)) == 4
    assert all(a != b for a, b in itertools.pairwise(tips))


def test_pause_stop_and_done_with_set_cut_the_clip_at_once(exercise: Exercise) -> None:
    d = Driven(exercise, sets=2, reps=3, rest_s=20)
    d.ctl.start()
    d.coach.tick(0.0)
    d.run(10.05)  # "One, lift." has just started
    stops = d.speaker.stops
    d.ctl.pause()
    assert d.speaker.stops == stops + 1
    d.ctl.resume()
    d.run(0.05)
    assert d.speaker.said[-1] == ("Three", "countdown")  # the short get-ready is spoken
    d.run(3.0)
    stops = d.speaker.stops
    d.ctl.end_set_early()
    d.frame()
    assert d.speaker.stops == stops + 1
    assert d.speaker.said[-1][0].startswith("Set 1 done")
    stops = d.speaker.stops
    d.ctl.stop()
    d.frame()
    assert d.speaker.stops >= stops + 1
    assert d.speaker.said[-1][0].startswith("Session stopped")


def test_coach_drops_a_cue_past_its_deadline_instead_of_playing_it_late(exercise: Exercise) -> None:
    d = Driven(exercise, sets=1, reps=1)
    d.ctl.start()
    d.coach.tick(0.0)
    d.run(4.0)
    d.clock.advance(4.0)  # the UI stalled for 4 s: now t=8, "Three" (t=7) is 1 s late
    d.frame()
    assert "Three" in d.captions
    assert ("Three", "countdown") not in d.speaker.said
    assert d.coach.dropped >= 1


def test_coach_with_failing_speaker_reports_once_and_session_goes_on(exercise: Exercise) -> None:
    d = Driven(exercise, RecordingSpeaker(fail=True), sets=1, reps=1)
    d.ctl.start()
    d.to_end()
    assert d.ctl.status is Status.FINISHED
    assert len(d.problems) == 1 and "captions" in d.problems[0]


def test_coach_is_silent_at_rehearsal_speed() -> None:
    speaker = RecordingSpeaker()
    assert not VoiceCoach(speaker, speed=100).enabled


@pytest.mark.slow  # the speech engine runs in its own process
def test_renderer_with_real_espeak_ng_renders_and_caches(tmp_path: Path) -> None:
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

    def no_engine() -> None:
        raise AssertionError("the cache should have been used")

    r2 = ClipRenderer(tmp_path, again.append, errors.append, engine_factory=no_engine)
    r2.request(["Three, lift."])
    deadline = time.monotonic() + 5
    while not again and not errors and time.monotonic() < deadline:
        time.sleep(0.01)
    r2.close()
    assert not errors and again[0].path == ready[0].path


def test_renderer_reports_a_missing_engine(tmp_path: Path) -> None:
    errors: list[str] = []

    def missing() -> None:
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    r = ClipRenderer(tmp_path, lambda clip: None, errors.append, engine_factory=missing)
    r.request(["One"])
    deadline = time.monotonic() + 5
    while not errors and time.monotonic() < deadline:
        time.sleep(0.01)
    r.close()
    assert errors and "libespeak-ng" in errors[0]


def test_clip_speaker_notices_missing_engine(qtbot: QtBot, tmp_path: Path) -> None:
    from trainer.voice.clip_speaker import ClipSpeaker

    def missing() -> None:
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    renderer = ClipRenderer(tmp_path, lambda c: None, lambda e: None, engine_factory=missing)
    speaker = ClipSpeaker(tmp_path, renderer=renderer)
    with qtbot.waitSignal(speaker.notice, timeout=5000) as blocker:
        speaker.prepare(["One"])
    assert "espeak-ng" in blocker.args[0] and "apt-get install espeak-ng" in blocker.args[0]
    assert speaker.say("One", "count", 1) is False
    speaker.close()


@pytest.mark.slow  # the speech engine runs in its own process
@pytest.mark.audio
@pytest.mark.skipif(not pulse_running(), reason="no PulseAudio server (scripts/run-tests starts one)")
def test_real_clip_plays_to_the_null_sink_and_stops_at_once(qtbot: QtBot, tmp_path: Path) -> None:
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


def test_renderer_tries_again_when_the_engine_loses_a_phrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyttsx3 can cancel a phrase it has just started; one lost clip must not silence the coach."""
    import wave

    import trainer.voice.renderer as renderer_module

    monkeypatch.setattr(renderer_module, "RENDER_TIMEOUT_S", 0.4)

    class LosesFirstPhrase:
        def __init__(self) -> None:
            self.calls = 0
            self.target = ""

        def setProperty(self, name: str, value: object) -> None:
            pass

        def getProperty(self, name: str) -> object:
            return None

        def save_to_file(self, text: str, filename: str) -> None:
            self.calls += 1
            self.target = filename

        def runAndWait(self) -> None:
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


class _WavEngine:
    """A stand-in engine that writes a short real WAV (for fault tests of the worker)."""

    def __init__(self, behaviour: str = "ok") -> None:
        self.behaviour = behaviour
        self.target = ""

    def setProperty(self, name: str, value: object) -> None:
        pass

    def getProperty(self, name: str) -> object:
        return None

    def save_to_file(self, text: str, filename: str) -> None:
        self.target = filename

    def runAndWait(self) -> None:
        import wave

        if self.behaviour == "raise":
            raise RuntimeError("engine crashed")
        if self.behaviour == "hang":
            time.sleep(3600)
        with wave.open(self.target, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(22050)
            w.writeframes(b"\x00\x40" * 11025)


def _wait(cond: Callable[[], object], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while not cond() and time.monotonic() < deadline:
        time.sleep(0.01)
    return bool(cond())


def test_renderer_recovers_after_the_engine_raises(tmp_path: Path) -> None:
    engines = iter([_WavEngine("raise"), _WavEngine("ok")])
    ready: list[Clip] = []
    errors: list[str] = []
    r = ClipRenderer(
        tmp_path, ready.append, errors.append, engine_factory=lambda: next(engines), engine_idle=lambda: True
    )
    r.request(["One", "Two"])
    assert _wait(lambda: len(ready) == 1 and errors)
    assert "engine crashed" in errors[0]
    assert [c.text for c in ready] == ["Two"] and r.failed is None  # a new engine made the next one
    r.close()


def test_renderer_gives_up_on_a_hanging_engine_and_starts_a_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trainer.voice.renderer as renderer_module

    monkeypatch.setattr(renderer_module, "RENDER_TIMEOUT_S", 0.5)
    engines = iter([_WavEngine("hang"), _WavEngine("ok")])
    ready: list[Clip] = []
    errors: list[str] = []
    r = ClipRenderer(
        tmp_path, ready.append, errors.append, engine_factory=lambda: next(engines), engine_idle=lambda: True
    )
    r.request(["Stuck phrase", "Two", "Three"])
    assert _wait(lambda: len(ready) == 2, 5.0), errors
    assert "did not answer within 0.75 s" in errors[0] and "Stuck phrase" in errors[0]
    assert [c.text for c in ready] == ["Two", "Three"] and r.restarts == 1
    r.close(timeout=0.2)


@pytest.mark.slow  # the speech engine runs in its own process
@pytest.mark.parametrize("variant", ["kneeling", "chair", "ball"])
def test_default_session_fits_with_real_espeak_clip_lengths(
    exercise: Exercise, tmp_path: Path, variant: str
) -> None:
    """With the lengths of the real rendered clips, the whole default session speaks every cue,
    counts exactly on their beat, and no two clips overlap."""
    import threading

    plan = Plan.from_exercise(exercise, variant)
    texts = SessionController(plan, exercise, ManualClock()).timeline.cue_texts()
    lengths: dict[str, float] = {}
    done = threading.Event()

    def ready(clip: Clip) -> None:
        lengths[clip.text] = clip.seconds
        if len(lengths) == len(texts):
            done.set()

    r = ClipRenderer(tmp_path, ready, lambda e: None)
    r.request(texts)
    assert done.wait(60), f"rendered {len(lengths)} of {len(texts)}"
    r.close()

    class RealLengths(RecordingSpeaker):
        def length(self, text: str) -> float | None:
            return lengths.get(text)

    d = Driven(exercise, RealLengths(), variant=variant)
    d.ctl.start()
    d.coach.tick(0.0)
    d.to_end()
    assert d.coach.dropped == 0
    spans = sorted((o.started, o.started + lengths[o.text], o.text) for o in d.coach.onsets)
    for (_s1, e1, t1), (s2, _e2, t2) in itertools.pairwise(spans):
        assert e1 <= s2 + 1e-9, f"{t1!r} runs into {t2!r}"
    beats = {(round(e.t, 3), e.cue.text) for e in d.ctl.timeline.events if e.cue is not None}
    for o in d.coach.onsets:
        if o.kind in ("count", "countdown"):
            assert (round(o.planned, 3), o.text) in beats
