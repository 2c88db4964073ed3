"""Spoken cues: which cue to say when (coach), and speech backends (speakers)."""
