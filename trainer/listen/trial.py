"""What "Try a command" tells the person: which command was heard, or that none was, with a hint
that fits what the microphone picked up. Pure: no Qt, no clock (the dialog counts the seconds).
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.listen.commands import PREFIX, command_by_id

TRY_SECONDS = 8.0
QUIET_PEAK = 0.03  # below this the microphone heard next to nothing (muted, far, or the wrong one)

ASK = f"Say a command now, for example: {PREFIX} pause."


@dataclass(frozen=True)
class Verdict:
    heard: str | None  # command id, or None when nothing was understood in time
    shown: str  # what the dialog shows
    spoken: str  # what the coach says


def verdict(command_id: str | None, peak: float, seconds: float = TRY_SECONDS) -> Verdict:
    """`peak`: the loudest the microphone got while she was asked (0..1)."""
    if command_id is not None:
        label = command_by_id(command_id).label
        text = f"Heard: {label}. Spoken commands work."
        return Verdict(command_id, text, f"I heard: {label}.")
    if peak < QUIET_PEAK:
        hint = (
            "The microphone heard almost nothing. Check that it is the right one and not muted in "
            "the sound settings, then come closer and speak up."
        )
    else:
        hint = (
            f"The microphone heard you, but not a command. Start with the word “{PREFIX}”, say "
            "the command in one go, a little louder and closer to the microphone."
        )
    shown = f"No command was heard within {seconds:.0f} seconds. {hint}"
    return Verdict(None, shown, "I did not hear a command.")
