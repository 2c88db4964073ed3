"""The command vocabulary: one shared prefix word plus a phrase per command.

Every phrase starts with PREFIX ("coach"), a word the trainer itself never says, so that its
own cues ("Next, set two") and ordinary talk do not fire commands. Thresholds are pocketsphinx
keyword-spotting thresholds, written as powers of ten: a larger exponent accepts more (more
detections and more false alarms). Teaching may move a phrase's exponent, but only within
[MIN_EXP, MAX_EXP] (tuned on two synthetic voices with noise; see benchmarks/listen.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

PREFIX = "coach"
MIN_EXP = 8  # stricter than this and clear commands are missed
MAX_EXP = 30  # looser than this and commands fire on each other and on talk


@dataclass(frozen=True)
class Command:
    id: str
    phrase: str  # what the person says (lower case, dictionary words)
    label: str  # what the caption echoes: "Heard: pause"
    exp: int  # default threshold exponent: 1e-<exp>
    safe_exp: int  # the loosest exponent that fired nothing on non-command speech (teaching's cap)

    @property
    def words(self) -> str:
        return self.phrase.removeprefix(PREFIX + " ")


COMMANDS: tuple[Command, ...] = (
    Command("pause", "coach pause", "pause", 20, 20),
    Command("resume", "coach resume", "resume", 15, 15),
    Command("end_set", "coach done with this set", "done with this set", 20, 20),
    Command("skip_rest", "coach skip the rest", "skip the rest", 8, 8),
    Command("add_rest", "coach more rest", "more rest", 20, 20),
    Command("repeat", "coach say that again", "say that again", 20, 20),
    Command("stop", "coach stop the session", "stop the session", 20, 20),
    Command("fine", "coach feeling fine", "feeling fine", 15, 15),
    Command("tired", "coach feeling tired", "feeling tired", 15, 15),
    Command("pain", "coach it hurts", "pain", 12, 12),
)

_BY_ID = {c.id: c for c in COMMANDS}
_BY_PHRASE = {c.phrase: c for c in COMMANDS}


def command_by_id(command_id: str) -> Command:
    return _BY_ID[command_id]


def command_for_phrase(phrase: str) -> Command | None:
    return _BY_PHRASE.get(" ".join(phrase.lower().split()))


def clamp_exp(exp: int) -> int:
    return max(MIN_EXP, min(MAX_EXP, int(exp)))


def kws_lines(exps: Mapping[str, int] | None = None) -> str:
    """The keyphrase list for pocketsphinx: one `phrase /1e-N/` per line, taught exponents
    (clamped to the safe bounds) replacing the defaults."""
    exps = exps or {}
    return "".join(f"{c.phrase} /1e-{clamp_exp(exps.get(c.id, c.exp))}/\n" for c in COMMANDS)


def parse_exps(text: str) -> dict[str, int]:
    """Taught thresholds as stored in the settings ("pause=18, fine=12"); unknown commands and
    unreadable parts are dropped, values are clamped."""
    out: dict[str, int] = {}
    for part in text.split(","):
        key, _, value = part.partition("=")
        key = key.strip()
        if key in _BY_ID and value.strip().lstrip("-").isdigit():
            out[key] = clamp_exp(int(value))
    return out


def format_exps(exps: Mapping[str, int]) -> str:
    return ", ".join(f"{k}={clamp_exp(v)}" for k, v in sorted(exps.items()) if k in _BY_ID)


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z']+", text.lower())) + " "


def command_in_text(text: str) -> Command | None:
    """The command whose phrase (or the bare prefix word) occurs in `text`, if any: the coach
    must never say one."""
    said = _words(text)
    for c in COMMANDS:
        if _words(c.phrase) in said:
            return c
    if f" {PREFIX} " in said:
        return COMMANDS[0]
    return None
