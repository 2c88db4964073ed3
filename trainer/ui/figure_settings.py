"""The figure's turn, mirror, outlines and muscles as the user left them, kept as they change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.ui.figure_view import FigurePanel

if TYPE_CHECKING:
    from trainer.settings import Settings


def bind_figure_settings(panel: FigurePanel, settings: Settings | None) -> None:
    if settings is None:
        return
    from trainer.settings import S

    panel.set_yaw(settings.get(S.figure_yaw))
    panel.mirror_box.setChecked(settings.get(S.figure_mirror))
    panel.outlines_box.setChecked(settings.get(S.figure_outlines))
    panel.muscles_box.setChecked(settings.get(S.figure_muscles))
    panel.yaw_changed.connect(lambda yaw: settings.set(S.figure_yaw, float(yaw) % 360.0))
    panel.mirror_box.toggled.connect(lambda on: settings.set(S.figure_mirror, on))
    panel.outlines_box.toggled.connect(lambda on: settings.set(S.figure_outlines, on))
    panel.muscles_box.toggled.connect(lambda on: settings.set(S.figure_muscles, on))
