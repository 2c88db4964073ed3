"""A keyword-spotting decoder over pocketsphinx: feed 16 kHz mono int16, get command ids.

Uses the acoustic model and dictionary shipped in the pocketsphinx wheel (nothing is downloaded;
the 27 MB language model is not needed for keyword spotting). Audio is only held in memory for
the frame being decoded and is never stored.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from trainer.listen.commands import PREFIX, Command, command_by_id, command_for_phrase, kws_lines
from trainer.listen.denoise import Denoiser

RATE = 16000
CHUNK_BYTES = RATE // 10 * 2  # 100 ms of int16, as the microphone delivers it
FRAME = RATE // 100  # pocketsphinx's 10 ms frames
RECENT_S = 4
# The prefix check, tuned on the tuning voices and the tail sentences (benchmarks/listen.py):
# 1e-25 over the first 0.6 s dropped 10 of 13 tail fires and 2 of 120 true commands in a short
# run; the stricter 1e-23 over 0.5 s dropped 12 of 13 tail fires but, in the full benchmark, a
# quarter of the true commands (clean detection 71 % on held-out voices).
PREFIX_EXP = 25
PREFIX_S = 0.6
PREFIX_LEAD_S = 0.2  # from a little before the phrase's own start, which is only roughly placed


class DecoderError(RuntimeError):
    pass


def model_dir() -> Path:
    """Where the acoustic model and dictionary are (the pocketsphinx package, or the bundle)."""
    try:
        import pocketsphinx
    except ImportError as exc:
        raise DecoderError(f"the speech recogniser (pocketsphinx) is not installed: {exc}") from exc
    # Next to the package first: in the frozen bundle `get_model_path()` asks importlib for a
    # `pocketsphinx.model` package, which PyInstaller does not make (the files are data there).
    beside = Path(pocketsphinx.__file__).parent / "model" / "en-us"
    if (beside / "cmudict-en-us.dict").is_file():
        return beside
    return Path(pocketsphinx.get_model_path()) / "en-us"


# Decoder settings tuned on two voices (benchmarks/listen.py; reported on held-out voices and
# noise): 16 Gaussians per frame instead of 4 and a phone-loop probability of 0.01 instead of
# 0.1 took commands heard at 10 dB SNR from ~10 % to ~50 % with no more false alarms at the
# chosen thresholds; dither keeps digital silence (a muted input) from upsetting the running
# cepstral mean. pocketsphinx 5 has no noise removal of its own (its remove_noise does nothing),
# hence trainer.listen.denoise in front.
SETTINGS: dict[str, object] = {"topn": 16, "kws_plp": 0.01, "dither": True}


def _decoder(kws: str) -> Any:
    """A pocketsphinx decoder searching the keyphrases in `kws` (the text of a kws file)."""
    try:
        from pocketsphinx import Decoder
    except ImportError as exc:
        raise DecoderError(f"the speech recogniser (pocketsphinx) is not installed: {exc}") from exc
    folder = model_dir()
    hmm, dictionary = folder / "en-us", folder / "cmudict-en-us.dict"
    for need in (hmm, dictionary):
        if not need.exists():
            raise DecoderError(f"the speech model is missing: {need}")
    fd, name = tempfile.mkstemp(prefix="thoracic-kws-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(kws)
        return Decoder(hmm=str(hmm), dict=str(dictionary), kws=name, logfn=os.devnull, **SETTINGS)
    except Exception as exc:  # pocketsphinx raises RuntimeError/ValueError with its own words
        raise DecoderError(f"the speech recogniser could not start: {exc}") from exc
    finally:
        os.unlink(name)


class KeywordSpotter:
    """Keyword spotting over the denoised microphone, each hit checked for its prefix.

    A one-syllable prefix is cheap to imitate: "Please stop the session" scores as "coach stop
    the session" because the long tail carries the weak start. So every hit is decoded again,
    its first PREFIX_S only, for the prefix word alone at PREFIX_EXP: a hit whose own start is
    not "coach" is dropped.
    """

    def __init__(self, exps: Mapping[str, int] | None = None, verify: bool = True) -> None:
        self._decoder = _decoder(kws_lines(exps))
        fd, path = tempfile.mkstemp(prefix="thoracic-kws-", suffix=".txt")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(f"{PREFIX} /1e-{PREFIX_EXP}/\n")
            self._decoder.add_kws("prefix", path)
        finally:
            os.unlink(path)
        self._main = self._decoder.current_search()
        self.verify = verify
        self._denoise = Denoiser()
        self._recent = np.zeros(0, dtype=np.int16)  # the last RECENT_S of denoised audio
        self._fed = 0  # samples fed in all, and at the start of the utterance
        self._utt_start = 0
        self.rejected: list[str] = []  # hits dropped for want of the prefix (for the benchmark)
        self._decoder.start_utt()

    def feed(self, pcm: bytes) -> list[Command]:
        """Decode a chunk (16-bit little-endian mono at 16 kHz); the commands that ended in it."""
        clean = self._denoise(np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype=np.int16))
        if len(clean) == 0:
            return []
        self._recent = np.concatenate([self._recent, clean])[-RECENT_S * RATE :]
        self._fed += len(clean)
        self._decoder.process_raw(clean.tobytes(), False, False)
        hyp = self._decoder.hyp()
        if hyp is None:
            return []
        starts = {" ".join(seg.word.split()): seg.start_frame for seg in self._decoder.seg()}
        self._decoder.end_utt()
        found: list[Command] = []
        # Several keyphrases can pass in one chunk ("coach pause  coach pain"): keep them in order.
        for part in hyp.hypstr.split("  "):
            cmd = command_for_phrase(part)
            if cmd is None or cmd in found:
                continue
            if self.verify and not self._prefix_at(self._utt_start + FRAME * starts.get(cmd.phrase, 0)):
                self.rejected.append(cmd.id)
                continue
            found.append(cmd)
        self._utt_start = self._fed
        self._decoder.start_utt()
        return found

    def _prefix_at(self, start: int) -> bool:
        """Is the prefix word said at absolute sample `start`? (The utterance is ended.)"""
        first = len(self._recent) - (self._fed - start) - int(PREFIX_LEAD_S * RATE)
        piece = self._recent[max(0, first) : max(0, first) + int((PREFIX_LEAD_S + PREFIX_S) * RATE)]
        self._decoder.activate_search("prefix")
        self._decoder.start_utt()
        self._decoder.process_raw(piece.tobytes(), False, True)
        said = self._decoder.hyp() is not None
        self._decoder.end_utt()
        self._decoder.activate_search(self._main)
        return said

    def reset(self) -> None:
        """Forget what was heard so far (after a hit, or when the gate shuts)."""
        self._decoder.end_utt()
        self._utt_start = self._fed
        self._decoder.start_utt()


class ThresholdProbe:
    """Is a recording heard as one command at a given threshold exponent? One decoder, one
    small keyword search per (command, exponent), made when first asked (for teaching)."""

    def __init__(self) -> None:
        self._decoder = _decoder(kws_lines())
        self._searches: set[str] = set()

    def heard(self, command_id: str, exp: int, pcm: bytes) -> bool:
        """Each recording is decoded afresh, denoised as the live microphone would be."""
        name = f"{command_id}-{exp}"
        if name not in self._searches:
            fd, path = tempfile.mkstemp(prefix="thoracic-kws-", suffix=".txt")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(f"{command_by_id(command_id).phrase} /1e-{exp}/\n")
                self._decoder.add_kws(name, path)
            finally:
                os.unlink(path)
            self._searches.add(name)
        self._decoder.activate_search(name)
        self._decoder.start_utt()
        denoise = Denoiser()
        hit = False
        for i in range(0, len(pcm), CHUNK_BYTES):
            clean = denoise(np.frombuffer(pcm[i : i + CHUNK_BYTES], dtype=np.int16))
            if len(clean):
                self._decoder.process_raw(clean.tobytes(), False, False)
            if self._decoder.hyp() is not None:
                hit = True
                break
        self._decoder.end_utt()
        return hit
