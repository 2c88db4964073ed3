"""How big the follow-along texts are on a screen of a given size: read from the mat, ~3 m away.

Pure arithmetic (no Qt): cap heights in pixels (the height of a capital letter or a digit),
designed for a 1366×768 screen and grown in proportion with the screen, so a bigger screen gives
its room to the words as well as to the figure. The widget turns a cap height into a font size
with the real font's metrics (theme.font_for_cap).
"""

from __future__ import annotations

from dataclasses import dataclass

DESIGN_WIDTH, DESIGN_HEIGHT = 1366, 768
# Cap heights at the design size: the issue asks for at least 90 px for the rep digits and the
# rest countdown, 60 px for the phase words and 38 px for the caption on a 1366×768 screen.
_CAPS = {
    "rep": 96,
    "count": 96,
    "phase": 64,
    "caption": 40,
    "side": 40,
    "set": 40,
    "next": 34,
}
# The figure's share of the width beside the counters: "Rep 5 of 8" fits the rest at full size.
FIGURE_SHARE = 0.4


@dataclass(frozen=True)
class FollowSizes:
    """Cap heights in px of each text, and the layout's margin, for one screen."""

    rep: int
    count: int
    phase: int
    caption: int
    side: int
    set: int
    next: int
    margin: int

    def cap(self, key: str) -> int:
        return int(getattr(self, key))


def screen_factor(width: int, height: int) -> float:
    """How much bigger than 1366×768 the screen is, by its tighter side."""
    if width <= 0 or height <= 0:
        raise ValueError(f"screen size must be positive, got {width}x{height}")
    return min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT)


def follow_sizes(width: int, height: int, text_scale: float = 1.0) -> FollowSizes:
    """The texts' cap heights on a `width`×`height` screen.

    The user's larger-text steps grow the words (phase, caption, knee side, what comes next) by
    half as much as elsewhere: the counters are already the biggest things on the screen, and
    the whole must still fit beside the figure on a 1280×720 screen.
    """
    f = screen_factor(width, height)
    words = 1.0 + max(0.0, min(text_scale, 2.0) - 1.0) * 0.5
    grow = {"phase": words, "caption": words, "side": words, "next": words}
    caps = {k: max(12, round(v * f * grow.get(k, 1.0))) for k, v in _CAPS.items()}
    return FollowSizes(**caps, margin=max(8, round(16 * f)))
