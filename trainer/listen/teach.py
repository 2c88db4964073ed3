"""Teach it my voice: per-command thresholds from her own recordings, within safe bounds.

For each recording, the strictest threshold exponent at which the command is still heard is
found (a binary search over the decoder run on that recording alone). The command's exponent is
then the loosest of those plus a margin, so every take she gave would be heard with room to
spare, clamped to [MIN_EXP, the command's safe_exp]: safe_exp is the loosest exponent that fired
nothing on half an hour of non-command speech (benchmarks/listen.py), so teaching can make a
command easier to trigger only as far as false alarms stay where they were. Recordings live in
memory only and are dropped after the choice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from trainer.listen.commands import MIN_EXP, command_by_id

MARGIN = 3  # exponent steps of slack above the loosest take (a tired voice, a turned head)
TAKES = 3

Heard = Callable[[str, int, bytes], bool]  # (command id, exponent, pcm) -> heard at that threshold?


@dataclass(frozen=True)
class Choice:
    command_id: str
    exp: int
    heard_takes: int
    takes: int

    @property
    def note(self) -> str:
        label = command_by_id(self.command_id).label
        if self.heard_takes == 0:
            return f"“{label}”: not heard in any take; the default is kept."
        if self.heard_takes < self.takes:
            return f"“{label}”: heard in {self.heard_takes} of {self.takes} takes; set as loose as is safe."
        return f"“{label}”: heard in every take."


def strictest_exp(heard: Heard, command_id: str, pcm: bytes) -> int | None:
    """The smallest exponent (strictest threshold) at which `pcm` is heard as the command,
    searched in [MIN_EXP, safe_exp]; None when it is not heard even at safe_exp."""
    lo, hi = MIN_EXP, command_by_id(command_id).safe_exp
    if not heard(command_id, hi, pcm):
        return None
    while lo < hi:  # heard(hi) holds; looser thresholds hear at least what stricter ones do
        mid = (lo + hi) // 2
        if heard(command_id, mid, pcm):
            hi = mid
        else:
            lo = mid + 1
    return hi


def choose_exp(command_id: str, needed: Sequence[int | None]) -> Choice:
    """The taught exponent from each take's strictest exponent (None: a take not heard)."""
    cmd = command_by_id(command_id)
    got = [n for n in needed if n is not None]
    if not got:
        return Choice(command_id, cmd.exp, 0, len(needed))
    exp = max(MIN_EXP, min(cmd.safe_exp, max(got) + MARGIN))
    if len(got) < len(needed):
        exp = cmd.safe_exp  # some takes were missed: as loose as is known to be safe
    return Choice(command_id, exp, len(got), len(needed))


def teach(heard: Heard, recordings: Mapping[str, Sequence[bytes]]) -> list[Choice]:
    return [
        choose_exp(cid, [strictest_exp(heard, cid, pcm) for pcm in takes])
        for cid, takes in recordings.items()
        if takes
    ]
