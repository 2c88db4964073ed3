"""The window's text size: the user's step (View ▸ Larger/Smaller text, kept in the settings)
for everything, and for the session's big texts also the window's size (trainer/ui/theme.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.ui import theme
from trainer.ui.dialog_text import install_dialog_sizer

if TYPE_CHECKING:
    from typing import Any as MainWindow  # not the class: importing it would make a cycle


class TextSize:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.scale = 1.0
        self._fonts_for = 0.0  # the session-text factor the fonts were last set for

    def set_scale(self, scale: float, save: bool = True) -> None:
        self.scale = theme.clamp_text_scale(scale)
        self.apply()
        if save and self.window.settings is not None:
            from trainer.settings import S

            self.window.settings.set(S.ui_text_scale, round(self.scale, 3))

    def session_factor(self) -> float:
        return self.scale * theme.window_factor(self.window.width(), self.window.height())

    def resized(self) -> None:
        if self.window.follow.active:
            return  # the follow screen sizes its own texts
        if abs(self.session_factor() - self._fonts_for) > 0.04:  # not on every pixel of a drag
            self.apply()

    def apply(self) -> None:
        w, s = self.window, self.scale
        w.setProperty("text_scale", s)  # dialogs opened from the window take it (ui/dialog_text.py)
        install_dialog_sizer(w)
        if w.follow.screen is not None:
            w.follow.screen.set_text_scale(s)
        base = w.font()
        self._fonts_for = self.session_factor()
        w.session_screen.set_fonts(base, self._fonts_for)
        w.comfort_panel.set_fonts(base, s)
        w.summary.set_fonts(base, s)
        for b in w.action_table.buttons.values():
            b.setFont(theme.font(base, 13 * s, True))
        tabs = w.help_tabs
        for widget in (tabs.steps_view, tabs.tips_view, tabs.about_view, *w.form.widgets()):
            widget.setFont(theme.font(base, 12 * s))
