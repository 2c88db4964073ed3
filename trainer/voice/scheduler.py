"""Places spoken cues on the session's time line using the real length of each rendered clip.

Rules (issue 3): each cue has a beat, a priority (lower number = more important) and a
deadline. Two clips never overlap. A clip must end before the next beat of an equally or more
important cue; a cue whose kind allows it may start a little before its beat to make that
fit, else its shorter fallback is tried, else it is not spoken (the caption still shows).
A cue that cannot start by its deadline is dropped, never played late. Pure: no Qt, no clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

GAP_S = 0.15  # silence kept between two clips so words do not run together

# How far (seconds) a cue of this kind may start before its beat to end before the next one.
# Counts, phase words and countdowns are the beat itself and never move.
LEAD_S = {"next": 3.0, "switch": 3.0}

# Cues that are the rhythm itself: they start on their beat, and others must end before it.
# Any other cue may wait for the clip before it, up to its deadline.
RHYTHM = frozenset({"count", "countdown", "phase", "tip"})

# What each cue density setting speaks; everything else is caption only.
DENSITY_KINDS: dict[str, frozenset[str]] = {
    "full": frozenset(
        {"safety", "end", "count", "countdown", "phase", "switch", "tip", "setup", "rest", "next", "ask"}
    ),
    "counts_phases": frozenset({"safety", "end", "count", "countdown", "phase", "switch", "ask"}),
    "counts": frozenset({"safety", "end", "count", "countdown", "switch"}),
    "silent": frozenset(),
}
DENSITIES = tuple(DENSITY_KINDS)


@dataclass(frozen=True)
class CueAt:
    beat: float  # session seconds
    text: str
    kind: str
    priority: int
    deadline: float
    fallback: str | None = None  # a shorter phrase with the same beat (e.g. the phase word alone)

    @property
    def key(self) -> tuple[float, str]:
        return (round(self.beat, 3), self.text)


@dataclass(frozen=True)
class Planned:
    start: float
    end: float
    text: str
    cue: CueAt


def speakable(cue: CueAt, density: str) -> CueAt | None:
    """The cue as this density speaks it: as is, its fallback (tips become the phase word), or None."""
    kinds = DENSITY_KINDS[density]
    if cue.kind in kinds:
        return cue
    if cue.kind == "tip" and "phase" in kinds and cue.fallback:
        return CueAt(cue.beat, cue.fallback, "phase", cue.priority, cue.deadline)
    return None


def schedule(
    cues: Sequence[CueAt],
    length: Callable[[str], float | None],
    busy_until: float = float("-inf"),
    gap: float = GAP_S,
) -> list[Planned]:
    """Plan cues (sorted by beat). A cue with no place is left out (its caption still shows)."""
    planned: list[Planned] = []
    for i, cue in enumerate(cues):
        # The clip must leave room for the next equally or more important cue: before its beat
        # if it is a rhythm cue, else before the latest moment it could still start.
        limit = min(
            (
                c.beat if c.kind in RHYTHM else c.deadline
                for c in cues[i + 1 :]
                if c.priority <= cue.priority and c.beat > cue.beat + 1e-6
            ),
            default=float("inf"),
        )
        spot = None
        for text in (cue.text, cue.fallback):
            if text is None:
                continue
            seconds = length(text)
            if seconds is None:  # not rendered yet: nothing to play
                continue
            spot = _place(cue, text, seconds, busy_until, limit, gap)
            if spot is not None:
                break
        if spot is None:
            continue
        planned.append(spot)
        busy_until = spot.end
    return planned


def _place(cue: CueAt, text: str, seconds: float, busy: float, limit: float, gap: float) -> Planned | None:
    start = max(cue.beat, busy + gap)
    if start + seconds > limit - gap:
        # Start early (only kinds that may) so it ends before the next important beat.
        early = limit - gap - seconds
        if early >= max(cue.beat - LEAD_S.get(cue.kind, 0.0), busy + gap) - 1e-9:
            start = early
        else:
            return None
    if start > cue.deadline + 1e-9:
        return None
    return Planned(start, start + seconds, text, cue)
