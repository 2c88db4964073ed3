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

from trainer.listen.commands import Command, command_by_id, command_for_phrase, kws_lines
from trainer.listen.denoise import Denoiser

RATE = 16000
CHUNK_BYTES = RATE // 10 * 2  # 100 ms of int16, as the microphone delivers it
FRAME = RATE // 100  # pocketsphinx's 10 ms frames
RECENT_S = 4
# Utterance verification (benchmarks/listen.py tunes it on the tuning voices): a keyword hit is
# kept only when its audio, from a little before the phrase to its end, scores well enough as
# "coach <words>" (forced alignment) against a free phone loop (allphone) over the same frames.
# The per-frame difference (VERIFY_CLEAN at a quiet background) is lowered in noise, where
# every phrase fits worse, by VERIFY_SLOPE per dB of estimated signal-to-noise ratio below
# VERIFY_QUIET_DB, never below VERIFY_FLOOR.
VERIFY_LEAD_S = 0.3
VERIFY_TAIL_S = 0.3
VERIFY_CLEAN = -2.6
VERIFY_QUIET_DB = 40.0
VERIFY_SLOPE = 0.25
VERIFY_FLOOR = -10.0


def verify_threshold(snr_db: float) -> float:
    """The least per-frame score difference a hit needs at an estimated SNR."""
    return max(VERIFY_FLOOR, VERIFY_CLEAN - VERIFY_SLOPE * max(0.0, VERIFY_QUIET_DB - snr_db))


def snr_estimate(recent: np.ndarray, start: int, end: int) -> float:
    """dB between the loud part of [start, end) (the phrase) and the quiet part of `recent`
    (the room between words): 10 ms frame powers, 90th against 10th percentile."""

    def powers(x: np.ndarray) -> np.ndarray:
        f = x[: len(x) // FRAME * FRAME].astype(np.float64).reshape(-1, FRAME)
        return np.asarray((f**2).mean(axis=1) + 1.0)

    phrase, room = powers(recent[start:end]), powers(recent)
    if len(phrase) == 0 or len(room) == 0:
        return 0.0
    return float(10 * np.log10(np.percentile(phrase, 90) / np.percentile(room, 10)))


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
# chosen thresholds. With the log-MMSE denoiser and the reworded phrases, 0.001 heard a few more
# on the tuning set at 10 dB (88 % against 85 %, 0.0001: 79 %), but it moved where hits start,
# and Piper joe's "coach resume" said 2 s after "coach pause now" then failed verification
# (-2.73 against -2.6; 1 of 14 pause/resume gaps from 0.7 to 4 s, none at 0.01): kept at 0.01.
# Dither keeps digital silence (a muted input) from upsetting the running cepstral mean.
# pocketsphinx 5 has no noise removal of its own (remove_noise does nothing), hence the denoiser.
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
    """Keyword spotting over the denoised microphone, each hit verified before it counts.

    A one-syllable prefix is cheap to imitate: "Please stop the session" scored as the earlier
    "coach stop the session" because the long tail carries the weak start. So each hit's audio is decoded
    twice more by a second decoder, as exactly "coach <words>" and as any sequence of phones; a
    hit whose forced alignment fits much worse than the free phone loop (per frame) is dropped.
    The keyword search itself runs on undisturbed while a hit waits (VERIFY_TAIL_S, for the
    alignment to have all of it) and when one is dropped, so a short phrase heard early inside
    a longer one ("coach pause now" in "coach p...") neither cuts the longer one off nor wins over
    it: of the hits due together, the best-fitting one that passes is taken.
    """

    def __init__(self, exps: Mapping[str, int] | None = None, verify: bool = True) -> None:
        self._decoder = _decoder(kws_lines(exps))
        self.verify = verify
        self._checker = _decoder(kws_lines()) if verify else None
        if self._checker is not None:
            self._checker.add_allphone_file("phones", None)  # uniform phone loop, no language model
        self._denoise = Denoiser()
        self._recent = np.zeros(0, dtype=np.int16)  # the last RECENT_S of denoised audio
        self._fed = 0  # samples fed in all, and at the start of the utterance
        self._utt_start = 0
        self._seen: set[tuple[str, int]] = set()  # (phrase, end frame) hits of this utterance
        self._pending: list[tuple[Command, int, int]] = []  # hits to verify (absolute samples)
        self.rejected: list[str] = []  # hits dropped by verification (for the benchmark)
        self.scores: list[tuple[str, float, float]] = []  # (command, score, needed) per hit checked
        self._decoder.start_utt()

    def feed(self, pcm: bytes) -> list[Command]:
        """Decode a chunk (16-bit little-endian mono at 16 kHz); the commands heard by its end
        (a command is reported VERIFY_TAIL_S after it ends, at the chunk that reaches that)."""
        clean = self._denoise(np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype=np.int16))
        if len(clean) == 0:
            return []
        self._recent = np.concatenate([self._recent, clean])[-RECENT_S * RATE :]
        self._fed += len(clean)
        self._decoder.process_raw(clean.tobytes(), False, False)
        if self._decoder.hyp() is not None:
            for seg in self._decoder.seg():
                cmd = command_for_phrase(seg.word)
                if cmd is None or (cmd.phrase, seg.end_frame) in self._seen:
                    continue
                self._seen.add((cmd.phrase, seg.end_frame))
                start = self._utt_start + FRAME * seg.start_frame
                end = self._utt_start + FRAME * (seg.end_frame + 1)
                # The same phrase again over the same sound: keep the later, longer hit only.
                self._pending = [p for p in self._pending if not (p[0] is cmd and p[2] > start)]
                self._pending.append((cmd, start, end))
        if not self._pending:
            return []
        if not self.verify:
            found = list(dict.fromkeys(p[0] for p in self._pending))
            self._restart()
            return found
        tail = int(VERIFY_TAIL_S * RATE)
        due = [p for p in self._pending if p[2] + tail <= self._fed]
        if not due or any(p[2] + tail > self._fed and p[1] < max(d[2] for d in due) for p in self._pending):
            return []  # nothing due, or a hit over the same sound still to wait for
        self._pending = [p for p in self._pending if p[2] + tail > self._fed]
        best: tuple[float, Command] | None = None
        for cmd, start, end in due:
            margin = self._verify(cmd, start, end)
            if margin is None:
                self.rejected.append(cmd.id)
            elif best is None or margin > best[0]:
                best = (margin, cmd)
        if best is None:
            return []
        self._restart()
        return [best[1]]

    def _restart(self) -> None:
        """A new utterance: after a command, nothing heard before it counts again."""
        self._decoder.end_utt()
        self._pending = []
        self._seen.clear()
        self._utt_start = self._fed
        self._decoder.start_utt()

    def _score(self, pcm: np.ndarray) -> float | None:
        """The checker's best path score over `pcm` (log units), None: no path."""
        assert self._checker is not None
        # Every window is scored from fresh features: carried over from the window before (and
        # from the aligned pass to the free one), a "coach resume" right after "coach pause"
        # scored -3.8 instead of -2.5 and was dropped every time. The cepstral mean the features
        # are normalised by is the keyword search's current one: adapted to the room and the
        # voice, never to a check's audio (tuning set at 10 dB, earlier denoiser and phrases:
        # 60 % of commands heard from the initial mean, 64 % from the search's).
        self._checker.reinit_feat()
        self._checker.set_cmn(self._decoder.get_cmn(False))
        self._checker.start_utt()
        self._checker.process_raw(pcm.tobytes(), False, True)
        self._checker.end_utt()
        hyp = self._checker.hyp()
        if hyp is None or hyp.best_score <= 0:
            return None
        return float(self._checker.get_logmath().log(hyp.best_score))

    def _verify(self, cmd: Command, start: int, end: int) -> float | None:
        """How far the audio from absolute sample `start` to `end` (with a little around it)
        fits "coach <words>" better than needed, per frame; None when it does not."""
        assert self._checker is not None
        offset = len(self._recent) - self._fed  # absolute sample -> index into _recent
        a = max(0, start + offset - int(VERIFY_LEAD_S * RATE))
        b = min(len(self._recent), end + offset + int(VERIFY_TAIL_S * RATE))
        piece = self._recent[a:b]
        frames = len(piece) // FRAME
        # The room is judged from the checked piece itself (its 0.3 s lead and the gaps between
        # words), not the last 4 s: a room that was quieter a few seconds ago made the check
        # too strict (tuning set at 10 dB: 75 % of commands heard -> 85 %).
        needed = verify_threshold(snr_estimate(piece, max(0, start + offset) - a, b - a))
        self._checker.set_align_text(cmd.phrase)
        aligned = self._score(piece) if frames >= 10 else None
        self._checker.activate_search("phones")
        free = self._score(piece) if frames >= 10 else None
        if aligned is None or free is None:
            self.scores.append((cmd.id, float("-inf"), needed))
            return None
        score = (aligned - free) / frames
        self.scores.append((cmd.id, score, needed))
        return score - needed if score >= needed else None

    def reset(self) -> None:
        """Forget what was heard so far (after a hit, or when the gate shuts)."""
        self._restart()


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
