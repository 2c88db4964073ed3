"""Renders cue phrases to WAV files ahead of time with pyttsx3, in one worker thread.

pyttsx3 2.99's engine is not thread-safe, so the worker creates and uses it alone. Only
save_to_file is used (a later say() would go to the last file too), one phrase per runAndWait.
Clips are cached on disk by text, voice, rate and engine, so a second session starts at once.
"""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import threading
import time
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from trainer.clock import watchdog_monotonic

if TYPE_CHECKING:
    from trainer.voice.synth_process import SynthProcess

log = logging.getLogger(__name__)

DEFAULT_RATE = 140  # words per minute; espeak-ng's 200 is too quick to follow from the floor
ENGINE_NAME = "pyttsx3-espeak/trimmed"  # the clip format is part of the cache key
# espeak-ng pads each phrase with silence (about 0.3 s at the end): trimmed, a clip's length is
# the length of the words, so the scheduler can fit them, and the first word starts on the beat.
SILENCE_LEVEL = 0.02  # of full scale
KEEP_BEFORE_S = 0.02
KEEP_AFTER_S = 0.08
RENDER_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Clip:
    text: str
    path: Path
    seconds: float


def clip_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / float(w.getframerate())


def trim_silence(path: Path) -> float:
    """Cut leading and trailing silence from a 16-bit PCM WAV in place; returns its new length."""
    import numpy as np  # lazy: only the worker thread needs it

    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        frames = w.readframes(params.nframes)
    if params.sampwidth != 2:
        return params.nframes / float(params.framerate)
    samples = np.frombuffer(frames, dtype="<i2").reshape(-1, params.nchannels)
    loud = np.flatnonzero(np.abs(samples).max(axis=1) > SILENCE_LEVEL * 32767)
    if loud.size == 0:
        return params.nframes / float(params.framerate)
    first = max(0, int(loud[0]) - int(KEEP_BEFORE_S * params.framerate))
    last = min(len(samples), int(loud[-1]) + int(KEEP_AFTER_S * params.framerate))
    kept = samples[first:last]
    with wave.open(str(path), "wb") as w:
        w.setnchannels(params.nchannels)
        w.setsampwidth(2)
        w.setframerate(params.framerate)
        w.writeframes(kept.astype("<i2").tobytes())
    return len(kept) / float(params.framerate)


def cache_key(text: str, voice: str, rate: int, engine: str = ENGINE_NAME) -> str:
    return hashlib.sha256(f"{engine}\0{voice}\0{rate}\0{text}".encode()).hexdigest()[:32]


def default_engine_factory() -> Any:
    import pyttsx3  # lazy: loads libespeak-ng
    import pyttsx3.drivers.espeak as espeak_driver

    # The driver prints "Audio saved to ..." for every file; keep our stdout clean.
    espeak_driver.print = lambda *args, **kwargs: None
    # pyttsx3.init() hands back the cached engine; after a hang that one is stuck in its old
    # thread, so a fresh one is made every time this is called.
    pyttsx3._activeEngines.pop(None, None)
    return pyttsx3.init()


def espeak_idle() -> bool:
    """True when espeak-ng has no synthesis in flight (always True for other engines)."""
    try:
        from pyttsx3.drivers import _espeak
    except (ImportError, OSError):  # SAPI5 / NSSpeechSynthesizer: no espeak to wait for
        return True
    return not _espeak.IsPlaying()


@dataclass(frozen=True)
class Voice:
    id: str
    name: str
    languages: tuple[str, ...]

    @property
    def english(self) -> bool:
        return any(lang.lower().lstrip("\x05").startswith("en") for lang in self.languages) or (
            "english" in self.name.lower()
        )


def _voices_of(engine: Any) -> list[Voice]:
    out = []
    for v in engine.getProperty("voices") or []:
        langs = tuple(
            lang.decode(errors="replace") if isinstance(lang, bytes) else str(lang)
            for lang in (getattr(v, "languages", None) or [])
        )
        out.append(Voice(str(v.id), str(getattr(v, "name", v.id)), langs))
    # English first (the cues are English), then by name.
    return sorted(out, key=lambda v: (not v.english, v.name.lower()))


# A phrase to render with (voice, rate), the end, or a question for the engine.
Job = tuple[str, str, int] | None | Callable[[Any], None]


class _RemoteEngine:
    """What a voices job needs of an engine, answered by the speech process."""

    def __init__(self, voices: list[list[Any]]) -> None:
        self._voices = [SimpleNamespace(id=v[0], name=v[1], languages=v[2]) for v in voices]

    def getProperty(self, name: str) -> Any:
        return self._voices if name == "voices" else None


class ClipRenderer:
    """Owns the engine in a worker thread. Faults: an engine that raises is reported and made
    anew for the next phrase; one that hangs (no clip within RENDER_TIMEOUT_S) is left behind
    in its thread and a fresh worker with a fresh engine takes over the queue.

    Without an engine_factory (the app's case) the engine runs in a supervised child process
    (trainer/voice/synth_process.py): its crash, exit(), hang or leak costs a phrase, never the app.
    """

    def __init__(
        self,
        cache_dir: Path,
        on_ready: Callable[[Clip], None],
        on_error: Callable[[str], None],
        voice: str = "",
        rate: int = DEFAULT_RATE,
        engine_factory: Callable[[], Any] | None = None,
        engine_idle: Callable[[], bool] = espeak_idle,
    ) -> None:
        self.cache_dir = cache_dir
        self.on_ready = on_ready
        self.on_error = on_error
        self.voice = voice
        self.rate = rate
        self.engine_factory = engine_factory
        self._process: SynthProcess | None = None  # the speech process, when engine_factory is None
        self.engine_idle = engine_idle
        self._lock = threading.Lock()
        self._queue: queue.Queue[Job] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._watchdog: threading.Thread | None = None
        self._generation = 0
        self._busy: tuple[int, str, float] | None = None  # (generation, text, since)
        self._engine: Any = None
        self._closed = False
        self.failed: str | None = None  # the last problem; None again once a clip is made
        self.restarts = 0

    def request_voices(self, callback: Callable[[list[Voice]], None]) -> None:
        """List the installed voices (in the worker, with its engine); callback gets them or []."""

        def job(engine: Any) -> None:
            callback(_voices_of(engine))

        with self._lock:
            if self._thread is None:
                self._start_worker()
            self._queue.put(job)

    def request(self, texts: Sequence[str]) -> None:
        with self._lock:
            if self._thread is None:
                self._start_worker()
            for text in texts:
                self._queue.put((text, self.voice, self.rate))

    def _start_worker(self) -> None:
        gen = self._generation
        self._thread = threading.Thread(
            target=self._run, args=(gen, self._queue), name="clip-renderer", daemon=True
        )
        self._thread.start()
        if self._watchdog is None:
            self._watchdog = threading.Thread(target=self._watch, name="clip-renderer-watchdog", daemon=True)
            self._watchdog.start()

    def close(self, timeout: float = 2.0) -> None:
        with self._lock:
            self._closed = True
            thread = self._thread
            self._queue.put(None)
        if thread is not None:
            thread.join(timeout)
        if self._process is not None and (thread is None or not thread.is_alive()):
            self._process.close()

    def path_for(self, text: str, voice: str | None = None, rate: int | None = None) -> Path:
        key = cache_key(text, self.voice if voice is None else voice, self.rate if rate is None else rate)
        return self.cache_dir / f"{key}.wav"

    # ---------------------------------------------------------------- watchdog thread
    def _watch(self) -> None:
        while not self._closed:
            time.sleep(0.1)
            with self._lock:
                busy = self._busy
                if busy is None or busy[0] != self._generation:
                    continue
                hang_s = RENDER_TIMEOUT_S * 1.5  # beyond _render's own waits, which end in an error
                if watchdog_monotonic() - busy[2] < hang_s:
                    continue
                # Hung: abandon that thread and its engine; the rest of the queue moves on.
                stuck = busy[1]
                self._busy = None
                self._generation += 1
                self.restarts += 1
                old, self._queue = self._queue, queue.Queue()
                while True:
                    try:
                        item = old.get_nowait()
                    except queue.Empty:
                        break
                    if item is not None:
                        self._queue.put(item)
                self._engine = None
                self._start_worker()
            self.failed = f"the speech engine did not answer within {hang_s:g} s (for {stuck!r})"
            log.warning("%s; started a new one", self.failed)
            self.on_error(self.failed)

    # ---------------------------------------------------------------- worker thread
    def _run(self, gen: int, jobs: queue.Queue[Job]) -> None:
        while True:
            job = jobs.get()
            if job is None or gen != self._generation:
                return
            if callable(job):  # a question for the engine (the list of voices)
                try:
                    job(self._ensure_engine())
                except Exception as exc:
                    log.warning("listing voices failed: %s", exc)
                continue
            text, voice, rate = job
            with self._lock:
                self._busy = (gen, text, watchdog_monotonic())
            try:
                clip = self._render(text, voice, rate)
            except Exception as exc:
                if gen != self._generation:
                    return  # this worker was given up on while it hung
                self._engine = None  # made anew for the next phrase
                self.failed = f"{type(exc).__name__}: {exc}"
                log.warning("speech rendering failed: %s", self.failed)
                self.on_error(self.failed)
                continue
            finally:
                with self._lock:
                    if self._busy is not None and self._busy[0] == gen:
                        self._busy = None
            if gen != self._generation:
                return
            self.failed = None
            self.on_ready(clip)

    def _speech_process(self) -> SynthProcess:
        if self._process is None:
            from trainer.voice.synth_process import SynthProcess

            self._process = SynthProcess()
        return self._process

    def _ensure_engine(self, voice: str | None = None, rate: int | None = None) -> Any:
        """The worker's engine, set to this voice and rate (each job says which it wants)."""
        if self.engine_factory is None:  # only the voices job gets here: ask the speech process
            return _RemoteEngine(self._speech_process().call({"op": "voices"})["voices"])
        if self._engine is None:
            self._engine = self.engine_factory()
            self._engine_props: tuple[str, int] | None = None
            self._default_voice = self._engine.getProperty("voice")
        wanted = (self.voice if voice is None else voice, self.rate if rate is None else rate)
        if self._engine_props != wanted:
            self._engine.setProperty("rate", wanted[1])
            if wanted[0] or self._default_voice:
                self._engine.setProperty("voice", wanted[0] or self._default_voice)
            self._engine_props = wanted
        return self._engine

    def _render(self, text: str, voice: str | None = None, rate: int | None = None) -> Clip:
        path = self.path_for(text, voice, rate)
        if path.exists() and path.stat().st_size > 44:
            return Clip(text, path, clip_seconds(path))
        if self.engine_factory is None:
            # The speech process writes the clip into the same cache (atomically) and says how long.
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            request = {
                "op": "render",
                "cache": str(self.cache_dir),
                "text": text,
                "voice": self.voice if voice is None else voice,
                "rate": self.rate if rate is None else rate,
            }
            return Clip(text, path, float(self._speech_process().call(request)["seconds"]))
        engine = self._ensure_engine(voice, rate)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.wav")
        # pyttsx3 2.99 runs espeak-ng in its asynchronous RETRIEVAL mode: runAndWait returns as
        # soon as synthesis has started (measured: after 10 ms, file not yet written), and its
        # end-of-loop stop() cancels whatever espeak still has in flight. So start a phrase only
        # when espeak is idle, wait for the whole WAV, and try once more if none came (seen once
        # in a loaded test run; not reproduced on demand).
        for attempt in (1, 2):
            deadline = watchdog_monotonic() + RENDER_TIMEOUT_S / 2
            while not self.engine_idle():
                if watchdog_monotonic() > deadline:
                    raise RuntimeError(f"the engine stayed busy for {RENDER_TIMEOUT_S / 2:g} s")
                time.sleep(0.002)
            engine.save_to_file(text, str(tmp))
            engine.runAndWait()
            seconds = self._wait_for_wav(tmp, deadline)
            if seconds is not None:
                break
            log.info("no clip for %r on attempt %d", text, attempt)
        if seconds is None:
            raise RuntimeError(f"the engine wrote no audio for {text!r} in two tries")
        seconds = trim_silence(tmp)
        os.replace(tmp, path)  # atomic: a half-written clip never lands in the cache
        return Clip(text, path, seconds)

    @staticmethod
    def _wait_for_wav(tmp: Path, deadline: float) -> float | None:
        while watchdog_monotonic() < deadline:
            try:
                if tmp.exists() and tmp.stat().st_size > 44:
                    seconds = clip_seconds(tmp)
                    if seconds > 0:
                        return seconds
            except (wave.Error, EOFError, OSError):
                pass  # still being written
            time.sleep(0.005)
        return None


def render_clips(
    cache_dir: Path, texts: Sequence[str], voice: str = "", rate: int = DEFAULT_RATE, timeout_s: float = 120.0
) -> tuple[dict[str, Clip], list[str]]:
    """Render (or take from the cache) every phrase and wait for them: (clips, problems).

    For exports, which run without a live coach. Not for use while a live renderer runs in the
    same process: espeak-ng keeps one synthesis callback per process.
    """
    done = threading.Event()
    clips: dict[str, Clip] = {}
    problems: list[str] = []
    wanted = set(texts)

    def ready(clip: Clip) -> None:
        clips[clip.text] = clip
        if wanted <= clips.keys():
            done.set()

    def failed(why: str) -> None:
        problems.append(why)
        done.set()  # no point waiting: the engine is not working

    renderer = ClipRenderer(cache_dir, ready, failed, voice=voice, rate=rate)
    renderer.request(list(wanted))
    done.wait(timeout_s)
    renderer.close(timeout=1.0)
    return clips, problems
