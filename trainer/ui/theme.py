"""The one place for the window's colours, style sheets and font sizes.

Two factors size the text: the user's text size (View ▸ Larger/Smaller text, kept in the
settings) for everything, and for the session's big texts also the window's size, so that a
bigger screen gives its room to the words read from the mat, not only to the figure.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QWidget

INK = "#1d3557"  # rep counter, caption background
ALERT = "#b23a48"  # countdowns
SIDE = "#2a6f97"  # knee side
ADVICE = "#2d6a4f"  # suggestions
FLASH = "#ffe066"  # the counter's flash at each rep

NOTICE_STYLE = (
    "QLabel#notice { background: #fff3c4; color: #4a3800; border: 2px solid #e0b400;"
    " border-radius: 6px; padding: 8px; padding-right: 36px; }"  # room for the close button
)
CAPTION_STYLE = f"background: {INK}; color: white; border-radius: 6px; padding: 6px 12px;"
REP_STYLE = f"color: {INK};"
REP_FLASH_STYLE = f"color: {INK}; background: {FLASH}; border-radius: 8px;"
COUNT_STYLE = f"color: {ALERT};"
SIDE_STYLE = f"color: {SIDE};"
ADVICE_STYLE = f"color: {ADVICE};"

# The window size the session texts are designed for (a 1366×768 screen less a panel and title).
DESIGN_WIDTH, DESIGN_HEIGHT = 1366, 704
TEXT_SCALE_MIN, TEXT_SCALE_MAX = 0.8, 2.0
TEXT_STEP = 1.2

# Point sizes at text size 1 in a window of the design size.
SESSION_POINTS = {
    "set": 22.0,
    "rep": 46.0,
    "side": 18.0,
    "phase": 20.0,
    "count": 50.0,
    "next": 15.0,
    "caption": 18.0,
}


def clamp_text_scale(scale: float) -> float:
    return max(TEXT_SCALE_MIN, min(TEXT_SCALE_MAX, scale))


def window_factor(width: int, height: int) -> float:
    """How much bigger than the design size a window is (never below 0.8: small windows scroll)."""
    return max(0.8, min(3.0, min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT)))


# Without display scaling (a device pixel ratio of 1) a big screen's pixels are small: the
# window's own texts (buttons, plan form, comfort question, dialogs) grow with the screen's
# height above this, up to the most.
SCREEN_TEXT_HEIGHT = 1080
SCREEN_TEXT_MAX = 2.5


def screen_text_factor(height: int, pixel_ratio: float) -> float:
    """How much larger the window's own texts are on a screen `height` logical pixels tall:
    1 where the platform scales (ratio above 1) or the screen is 1080 px or less, 2 on an
    unscaled 3840×2160 screen."""
    if pixel_ratio > 1.0 or height <= 0:
        return 1.0
    return max(1.0, min(SCREEN_TEXT_MAX, height / SCREEN_TEXT_HEIGHT))


def session_factor(text_scale: float, width: int, height: int) -> float:
    """The session texts' scale: the user's text size, grown with the window, but on a small
    window two steps larger costs less height than it would on a big one (the counters must
    still fit beside the figure)."""
    wf = window_factor(width, height)
    return wf * (1.0 + (text_scale - 1.0) * min(1.0, wf) * 0.5)


def font(base: QFont, points: float, bold: bool = False) -> QFont:
    f = QFont(base)
    f.setPointSizeF(points)
    f.setBold(bold)
    return f


def scale_widget_text(widget: QWidget, base: QFont, scale: float) -> None:
    """A dialog in the user's text size: its font (children inherit it) is the base times scale."""
    widget.setFont(font(base, base.pointSizeF() * scale))


def font_for_cap(base: QFont, cap_px: float, bold: bool = False) -> QFont:
    """The font whose capital letters and digits are at least `cap_px` pixels tall, measured with
    the real font (a font's cap height is ~0.7 of its pixel size, but that varies by font)."""
    f = QFont(base)
    f.setBold(bold)
    f.setPixelSize(100)
    ratio = QFontMetricsF(f).capHeight() / 100 or 0.7
    size = max(1, int(cap_px / ratio + 0.999))
    f.setPixelSize(size)
    while QFontMetricsF(f).capHeight() < cap_px:  # hinting may round a size down
        size += 1
        f.setPixelSize(size)
    return f
