"""The progress chart: its key is off the data, and a short history is labelled in dates."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from tests.exports.test_report_text import session
from trainer.history.records import SessionRecord
from trainer.ui.progress_view import ProgressDialog


class _Sessions:
    """The one call the dialog makes on the store, over records built in the test."""

    def __init__(self, sessions: list[SessionRecord]) -> None:
        self._sessions = sessions

    def sessions(self) -> list[SessionRecord]:
        return self._sessions


def _dialog(qtbot: QtBot, sessions: list[SessionRecord]) -> ProgressDialog:
    # The dialog is typed for a HistoryStore; this stand-in has the one method it calls.
    dlg = ProgressDialog(_Sessions(sessions), date(2026, 11, 25))  # type: ignore[arg-type]
    qtbot.addWidget(dlg)
    dlg.resize(1000, 760)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.grab()  # paint once: the date axis measures its font when it first draws
    return dlg


def _tick_labels(dlg: ProgressDialog) -> list[str]:
    axis = dlg.reps_plot.getAxis("bottom")
    lo, hi = dlg.reps_plot.viewRange()[0]
    return [
        t
        for spacing, values in axis.tickValues(lo, hi, axis.width())
        for t in axis.tickStrings(values, 1, spacing)
    ]


def test_a_one_day_history_shows_dates_not_hours(qtbot: QtBot) -> None:
    dlg = _dialog(qtbot, [session(1, 23, (8, 8)), session(2, 23, (8,))])
    labels = _tick_labels(dlg)
    assert "23 Nov" in labels
    assert not any(":" in t for t in labels), labels


def test_the_key_is_under_the_chart_not_among_the_dots(qtbot: QtBot) -> None:
    dlg = _dialog(qtbot, [session(1, 20, (8, 8)), session(2, 23, (8,))])
    assert dlg.reps_plot.plotItem.legend is None
    assert "Kneeling" in dlg.reps_key.text()


def test_one_session_in_the_singular(qtbot: QtBot) -> None:
    dlg = _dialog(qtbot, [session(1, 23, (1,))])
    assert dlg.headline.text().startswith("1 session, 1 rep in all · 0 weeks in a row")
