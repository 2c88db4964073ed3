"""Spoken commands: a small keyword vocabulary, an offline keyword spotter (pocketsphinx), a
counted gate that keeps the trainer from hearing its own voice. No Qt widgets here; the
microphone worker (capture.py) uses QtCore/QtMultimedia only."""

from trainer.listen.commands import COMMANDS, PREFIX, Command, command_by_id, command_in_text
from trainer.listen.gate import SpeechGate

__all__ = ["COMMANDS", "PREFIX", "Command", "SpeechGate", "command_by_id", "command_in_text"]
