"""The follow-along texts are sized to the screen: measured with the real font's cap height
(issue 14.3: on 1366×768 the rep digits and rest countdown ≥ 90 px, phase ≥ 60, caption ≥ 38)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from trainer.ui import theme
from trainer.ui.follow_layout import follow_sizes, screen_factor

MINIMUM_AT_1366 = {"rep": 90, "count": 90, "phase": 60, "caption": 38}
BOLD = {"rep", "count", "set", "side"}


def _cap(key: str, cap_px: int) -> float:
    base = QApplication.font()
    return QFontMetricsF(theme.font_for_cap(base, cap_px, key in BOLD)).capHeight()


@pytest.mark.parametrize(("key", "least"), MINIMUM_AT_1366.items())
def test_texts_are_big_enough_on_a_1366_screen(qapp: QApplication, key: str, least: int) -> None:
    sizes = follow_sizes(1366, 768)
    assert _cap(key, sizes.cap(key)) >= least


@pytest.mark.parametrize("screen", [(1920, 1080), (3840, 2160)], ids=["1080p", "4k"])
@pytest.mark.parametrize("key", list(MINIMUM_AT_1366))
def test_texts_grow_in_proportion_on_bigger_screens(
    qapp: QApplication, screen: tuple[int, int], key: str
) -> None:
    small, big = follow_sizes(1366, 768), follow_sizes(*screen)
    f = screen_factor(*screen)
    measured = _cap(key, big.cap(key))
    assert measured >= MINIMUM_AT_1366[key] * f
    assert measured == pytest.approx(_cap(key, small.cap(key)) * f, rel=0.06)


def test_a_smaller_screen_shrinks_them_to_fit() -> None:
    small, design = follow_sizes(1280, 720), follow_sizes(1366, 768)
    assert small.rep < design.rep and small.caption < design.caption
    assert small.rep >= 0.93 * design.rep  # by the screen's proportion, not more


def test_larger_text_grows_the_words_more_than_the_counters() -> None:
    normal, larger = follow_sizes(1366, 768), follow_sizes(1366, 768, text_scale=1.44)
    assert larger.caption > normal.caption and larger.phase > normal.phase
    assert larger.rep == normal.rep


def test_a_screen_without_size_is_one_clear_error() -> None:
    with pytest.raises(ValueError, match="0x768"):
        follow_sizes(0, 768)
