"""The clinician's report: every session is in the table, and the summary's counts agree with it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from trainer.exports.report_text import report_lines, report_rows
from trainer.history.records import Comfort, EndReason, SessionRecord, SetRecord

TODAY = date(2026, 11, 25)


def session(
    sid: int,
    day: int,
    reps: tuple[int, ...],
    *,
    end_reason: EndReason = EndReason.COMPLETED,
    comfort: Comfort | None = Comfort.FINE,
) -> SessionRecord:
    when = datetime(2026, 11, day, 10, tzinfo=UTC)
    sets = tuple(
        SetRecord(
            sid,
            i + 1,
            when + timedelta(minutes=i),
            when,
            "kneeling",
            "left",
            "1 lb",
            8,
            n,
            "3-1-3-1",
            comfort,
        )
        for i, n in enumerate(reps)
    )
    return SessionRecord(
        sid,
        when,
        when,
        "kneeling",
        3,
        8,
        "3-1-3-1",
        60.0,
        "1 lb",
        "",
        bool(end_reason),
        EndReason(end_reason),
        sets,
    )


def test_a_session_stopped_for_pain_before_a_set_ended_has_a_row() -> None:
    history = [session(1, 20, (8, 8)), session(2, 23, (), end_reason=EndReason.PAIN, comfort=None)]
    rows = report_rows(history)
    assert len(rows) == 3
    last = rows[-1]
    assert last.set_no is None and last.pain and last.done_reps == 0
    assert "pain" in last.felt
    lines = report_lines(history, TODAY)
    assert lines[0].startswith(
        "2 sessions from 20 November 2026 to 23 November 2026: 2 sets, 16 repetitions."
    )
    assert "1 session ended before a repetition was done." in lines[0]
    assert lines[3].startswith("Sessions with pain reported: 1.")


def test_summary_counts_every_set_the_table_lists() -> None:
    # A set ended at once with "Done with this set" (0 reps) is a row, so it counts as a set.
    history = [session(1, 20, (8, 8, 8)), session(2, 23, (8, 0))]
    rows = report_rows(history)
    assert len(rows) == 5
    assert f"{len(rows)} sets" in report_lines(history, TODAY)[0]


def test_a_note_ending_in_a_full_stop_gets_one() -> None:
    from dataclasses import replace

    history = [replace(session(1, 20, (8,)), note="Felt ok."), replace(session(2, 21, (8,)), note="Easier")]
    (notes,) = [line for line in report_lines(history, TODAY) if line.startswith("Notes:")]
    assert notes == "Notes: 20 Nov: Felt ok; 21 Nov: Easier."


def test_one_session_one_day_in_the_singular() -> None:
    line = report_lines([session(1, 20, (1,))], TODAY)[0]
    assert line.startswith("1 session on 20 November 2026: 1 set, 1 repetition.")


def test_the_pdf_lists_the_session_stopped_for_pain(qapp: QApplication, tmp_path: Path) -> None:
    from PySide6.QtPdf import QPdfDocument

    from trainer.exports.report import write_report

    history = [session(1, 20, (8, 8)), session(2, 23, (), end_reason=EndReason.PAIN, comfort=None)]
    pdf = tmp_path / "report.pdf"
    assert write_report(history, pdf, TODAY) == 3
    doc = QPdfDocument()
    doc.load(str(pdf))
    text = doc.getAllText(0).text()
    assert "23 Nov 26, 10:00" in text and "pain: stopped before a set ended" in text
