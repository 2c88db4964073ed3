"""The window's text size: the user's step (View ▸ Larger/Smaller text, kept in the settings)
for everything, and for the session's big texts also the window's size (trainer/ui/theme.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.ui import theme
from trainer.ui.dialog_text import install_dialog_sizer

if TYPE_CHECKING:
    from typing import Any as MainWindow  # not the class: importing it would make a cycle


BUTTON_LEAST = 72  # the big buttons' least height (trainer/ui/actions.py)


class TextSize:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.scale = 1.0
        self._fonts_for = (0.0, 0.0)  # the session-text and screen factors the fonts were set for

    def set_scale(self, scale: float, save: bool = True) -> None:
        self.scale = theme.clamp_text_scale(scale)
        self.apply()
        if save and self.window.settings is not None:
            from trainer.settings import S

            self.window.settings.set(S.ui_text_scale, round(self.scale, 3))

    def session_factor(self) -> float:
        return self.scale * theme.window_factor(self.window.width(), self.window.height())

    def screen_factor(self) -> float:
        """The window's own texts grow on a big screen without display scaling (theme)."""
        w = self.window
        screen = w.screen()
        if screen is None:
            return 1.0
        # The window's height too: rendered offscreen at --window-size 3840x2096, the window is
        # the screen it is made for (the offscreen screen is 800×600).
        height = max(screen.availableGeometry().height(), w.height())
        return theme.screen_text_factor(height, screen.devicePixelRatio())

    def resized(self) -> None:
        if self.window.follow.active:
            return  # the follow screen sizes its own texts
        factors = (self.session_factor(), self.screen_factor())
        if max(abs(a - b) for a, b in zip(factors, self._fonts_for, strict=True)) > 0.04:
            self.apply()  # not on every pixel of a drag

    def apply(self) -> None:
        w, s = self.window, self.scale
        ui = s * self.screen_factor()  # the buttons, form, question, summary, help and dialogs
        w.setProperty("text_scale", ui)  # dialogs opened from the window take it (ui/dialog_text.py)
        install_dialog_sizer(w)
        if w.follow.screen is not None:
            w.follow.screen.set_text_scale(s)
        base = w.font()
        self._fonts_for = (self.session_factor(), self.screen_factor())
        session = self._fonts_for[0]
        w.session_screen.set_fonts(base, session, least=session / s)
        # Below the design size the question grows half as much with larger text: its height
        # comes out of the counters' room beside the figure (at 1280×720 it took 68 px).
        small_window = theme.window_factor(w.width(), w.height()) < 1.0
        w.comfort_panel.set_fonts(base, 1.0 + (ui - 1.0) * 0.5 if small_window and ui > 1.0 else ui)
        w.summary.set_fonts(base, ui)
        for b in w.action_table.buttons.values():
            b.setFont(theme.font(base, 13 * ui, True))
            # Their two lines always: the session screen above gives way, never the buttons.
            b.setMinimumHeight(max(BUTTON_LEAST, b.sizeHint().height()))
        tabs = w.help_tabs
        for widget in (tabs.steps_view, tabs.tips_view, tabs.about_view, *w.form.widgets()):
            widget.setFont(theme.font(base, 12 * ui))
        # The menus and the figure's small controls keep the platform's size, grown on a big
        # unscaled screen only (the user's text size is for what is read from the mat).
        screen = self._fonts_for[1]
        small = theme.font(base, base.pointSizeF() * screen)
        fig = w.figure
        for widget in (
            w.menuBar(),
            tabs.tabBar(),
            fig.mirror_box,
            fig.outlines_box,
            fig.muscles_box,
            fig.legend,
        ):
            widget.setFont(small)
        for b in fig.preset_buttons.values():
            b.setFont(small)
            b.setMaximumWidth(round(64 * screen))
