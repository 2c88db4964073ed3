"""Fixtures for the screens' tests (the main window's driver is tests/driver.py, for every folder)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from trainer.ui.figure_view import FigureView


@pytest.fixture
def view(qtbot: QtBot) -> FigureView:
    v = FigureView()
    qtbot.addWidget(v)
    v.resize(640, 560)
    v.show()
    qtbot.waitExposed(v)
    return v
