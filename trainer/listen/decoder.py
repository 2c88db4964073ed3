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

from trainer.listen.commands import Command, command_for_phrase, kws_lines

RATE = 16000


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


class KeywordSpotter:
    def __init__(self, exps: Mapping[str, int] | None = None) -> None:
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
                f.write(kws_lines(exps))
            self._decoder = Decoder(hmm=str(hmm), dict=str(dictionary), kws=name, logfn=os.devnull)
        except Exception as exc:  # pocketsphinx raises RuntimeError/ValueError with its own words
            raise DecoderError(f"the speech recogniser could not start: {exc}") from exc
        finally:
            os.unlink(name)
        self._decoder.start_utt()

    def feed(self, pcm: bytes) -> list[Command]:
        """Decode a chunk (16-bit little-endian mono at 16 kHz); the commands that ended in it."""
        self._decoder.process_raw(pcm, False, False)
        hyp = self._decoder.hyp()
        if hyp is None:
            return []
        self.reset()
        found: list[Command] = []
        # Several keyphrases can pass in one chunk ("coach pause  coach pain"): keep them in order.
        for part in hyp.hypstr.split("  "):
            cmd = command_for_phrase(part)
            if cmd is not None and cmd not in found:
                found.append(cmd)
        return found

    def reset(self) -> None:
        """Forget what was heard so far (after a hit, or when the gate shuts)."""
        self._decoder.end_utt()
        self._decoder.start_utt()
