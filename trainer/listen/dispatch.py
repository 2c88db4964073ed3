"""One place that turns a heard command into the window's action (the same methods the keys
and buttons call). No widgets: the window is anything with these methods."""

from __future__ import annotations

from typing import Protocol


class Actions(Protocol):
    def voice_pause(self) -> None: ...
    def voice_resume(self) -> None: ...
    def end_set(self) -> None: ...
    def skip_rest(self) -> None: ...
    def add_rest(self) -> None: ...
    def repeat_cue(self) -> None: ...
    def request_stop(self) -> None: ...
    def answer_comfort(self, answer: str) -> None: ...


def dispatch(window: Actions, command_id: str) -> None:
    """command id -> window action."""
    if command_id == "pause":
        window.voice_pause()
    elif command_id == "resume":
        window.voice_resume()
    elif command_id == "end_set":
        window.end_set()
    elif command_id == "skip_rest":
        window.skip_rest()
    elif command_id == "add_rest":
        window.add_rest()
    elif command_id == "repeat":
        window.repeat_cue()
    elif command_id == "stop":
        window.request_stop()
    elif command_id in ("fine", "tired", "pain"):
        window.answer_comfort(command_id)  # pain ends the session gently, as the P key does
    else:
        raise ValueError(f"unknown spoken command {command_id!r}")
