"""Progress figures, the weekly plan and next-time suggestions (pure functions over history records)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from trainer.history.advice import (
    Suggestion,
    WeeklyPlan,
    next_planned_day,
    plan_line,
    slower_tempo,
    suggestions,
)
from trainer.history.progress import (
    RepPoint,
    last_session_day,
    ordinal,
    reps_per_session,
    session_summary,
    sessions_per_week,
    total_reps,
    week_streak,
)
from trainer.history.records import Comfort, EndReason, SessionRecord, SetRecord

FINE, TIRED, PAIN = Comfort.FINE, Comfort.TIRED, Comfort.PAIN
PAIN_TEXT = "You reported pain. Rest, and talk to your physiotherapist or doctor before the next session."
# Week of Monday 23 November 2026; "today" in most tests is Wednesday 25 November.
WED = date(2026, 11, 25)

_ids = iter(range(1, 10_000))


def at(day: int, hour: int = 10, month: int = 11, tz: timezone = UTC) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=tz)


def session(
    when: datetime,
    reps: Sequence[int] = (8, 8, 8),
    comfort: Comfort | Sequence[Comfort | None] | None = FINE,
    *,
    planned_sets: int | None = None,
    planned_reps: int = 8,
    variant: str = "kneeling",
    tempo: str = "3-1-3-1",
    weight: str = "1 lb",
    stopped_early: bool = False,
    end_reason: str = "",  # an EndReason value
) -> SessionRecord:
    """A session with one set per entry in ``reps``; ``comfort`` is one answer for all sets or one per set."""
    sid = next(_ids)
    # Comfort is a str (a Sequence itself), so test for a single answer first.
    answers = [comfort] * len(reps) if comfort is None or isinstance(comfort, Comfort) else list(comfort)
    sets = tuple(
        SetRecord(
            session_id=sid,
            set_no=i + 1,
            started_at=when + timedelta(minutes=2 * i),
            ended_at=when + timedelta(minutes=2 * i + 1),
            variant=variant,
            side=None,
            weight=weight,
            planned_reps=planned_reps,
            done_reps=n,
            tempo=tempo,
            comfort=answers[i],
        )
        for i, n in enumerate(reps)
    )
    return SessionRecord(
        id=sid,
        started_at=when,
        ended_at=when + timedelta(minutes=10),
        variant=variant,
        planned_sets=len(reps) if planned_sets is None else planned_sets,
        planned_reps=planned_reps,
        tempo=tempo,
        rest_s=60.0,
        weight=weight,
        note="",
        stopped_early=stopped_early,
        end_reason=EndReason(end_reason),
        sets=sets,
    )


def kinds(items: list[Suggestion]) -> list[str]:
    return [s.kind for s in items]


# ---------------------------------------------------------------- progress figures


def test_sessions_per_week_buckets_with_empty_weeks_and_sunday_monday_boundary() -> None:
    plus2 = timezone(timedelta(hours=2))
    history = [
        session(at(20, month=10)),  # week of 19 October: before the window
        session(at(2)),  # Monday 2 November
        session(at(10), reps=(0, 0, 0)),  # week of 9 November, but nothing done: not counted
        session(at(22, hour=23)),  # Sunday 22 November, late: still the week of 16 November
        session(datetime(2026, 11, 23, 0, 30, tzinfo=plus2)),  # Monday 00:30 local (Sunday in UTC)
        session(at(25)),  # today
    ]
    assert sessions_per_week(history, WED, weeks=4) == [
        (date(2026, 11, 2), 1),
        (date(2026, 11, 9), 0),
        (date(2026, 11, 16), 1),
        (date(2026, 11, 23), 2),
    ]
    weeks12 = sessions_per_week(history, WED)
    assert len(weeks12) == 12
    assert weeks12[0] == (date(2026, 9, 7), 0)
    assert weeks12[-1] == (date(2026, 11, 23), 2)
    assert sessions_per_week([], date(2026, 11, 29), weeks=1) == [(date(2026, 11, 23), 0)]
    with pytest.raises(ValueError, match="weeks"):
        sessions_per_week(history, WED, weeks=0)


def test_reps_per_session_skips_empty_sessions() -> None:
    a = session(at(16), reps=(6, 6), weight="0.5 kg")
    b = session(at(18), reps=(0,))
    c = session(at(20), reps=(8, 8, 7), variant="chair", weight="")
    assert reps_per_session([a, b, c]) == [
        RepPoint(when=at(16), reps=12, variant="kneeling", weight="0.5 kg"),
        RepPoint(when=at(20), reps=23, variant="chair", weight=""),
    ]
    assert total_reps([a, b, c]) == 35
    assert total_reps([]) == 0


def test_last_session_day_ignores_empty_sessions() -> None:
    assert last_session_day([]) is None
    assert last_session_day([session(at(20)), session(at(24), reps=(0,))]) == date(2026, 11, 20)


def test_week_streak_current_week_incomplete_does_not_break_it() -> None:
    history = [
        session(at(2)),  # week of 2 Nov: 1
        session(at(10)),
        session(at(12)),  # week of 9 Nov: 2
        session(at(16)),
        session(at(18)),  # week of 16 Nov: 2
        session(at(23)),  # this week: 1 so far
    ]
    assert week_streak(history, WED) == 2  # weeks of 9 and 16 Nov
    done_this_week = [*history, session(at(25))]
    assert week_streak(done_this_week, WED) == 3
    assert week_streak(history, WED, min_per_week=1) == 4
    assert week_streak(history, WED, min_per_week=3) == 0
    # Last week missed entirely: nothing to carry on, even with a good week before.
    assert week_streak(history, date(2026, 12, 9)) == 0
    with pytest.raises(ValueError, match="min_per_week"):
        week_streak(history, WED, min_per_week=0)


# ---------------------------------------------------------------- summary


@pytest.mark.parametrize(
    ("n", "word"),
    [
        (1, "First"),
        (2, "Second"),
        (3, "Third"),
        (10, "Tenth"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (24, "24th"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
    ],
)
def test_ordinal(n: int, word: str) -> None:
    assert ordinal(n) == word


def test_summary_third_session_this_week() -> None:
    mon, tue = session(at(23)), session(at(24), reps=(0,))  # the empty one does not count
    first = session(at(25, hour=8), reps=(5,))
    now = session(at(25, hour=18))
    assert session_summary(now, [mon, tue, first, now], WED) == "Third session this week · 24 reps in 3 sets."
    # The caller may pass the history before saving the session: same text.
    assert session_summary(now, [mon, tue, first], WED) == "Third session this week · 24 reps in 3 sets."
    assert (
        session_summary(first, [mon, tue, first, now], WED) == "Second session this week · 5 reps in 1 set."
    )
    assert session_summary(mon, [mon], date(2026, 12, 2)) == "First session that week · 24 reps in 3 sets."


def test_summary_eleventh_session_uses_digits() -> None:
    history = [session(at(23) + timedelta(hours=h)) for h in range(11)]
    assert session_summary(history[-1], history, WED).startswith("11th session this week · 24 reps")


def test_summary_stopped_early_is_kind() -> None:
    s = session(at(25), reps=(8, 8), planned_sets=3, stopped_early=True, end_reason="stopped")
    assert (
        session_summary(s, [s], WED)
        == "First session this week · 16 reps in 2 sets. You stopped after 2 sets — that still counts."
    )
    nothing = session(at(25), reps=(0,), comfort=None, stopped_early=True, end_reason="stopped")
    assert (
        session_summary(nothing, [nothing], WED)
        == "No reps were recorded this time. You stopped early, and that is all right."
    )


def test_summary_pain() -> None:
    s = session(
        at(25), reps=(8, 4), comfort=[FINE, PAIN], planned_sets=3, stopped_early=True, end_reason="pain"
    )
    assert session_summary(s, [s], WED) == (
        "First session this week · 12 reps in 2 sets. You stopped after 2 sets — that still counts. "
        + PAIN_TEXT
    )
    # Pain answered after a complete session (no early stop) still gets the pain text.
    s2 = session(at(25), comfort=[FINE, FINE, PAIN])
    assert session_summary(s2, [s2], WED) == "First session this week · 24 reps in 3 sets. " + PAIN_TEXT


def test_summary_adds_streak_from_two_weeks() -> None:
    history = [session(at(9)), session(at(11)), session(at(16)), session(at(18)), session(at(23))]
    now = session(at(25))
    assert session_summary(now, [*history, now], WED) == (
        "Second session this week · 24 reps in 3 sets. 3 weeks in a row with 2 or more sessions."
    )
    # One qualifying week is not a streak worth a sentence yet.
    assert session_summary(now, [session(at(16)), session(at(18)), now], WED) == (
        "First session this week · 24 reps in 3 sets."
    )


# ---------------------------------------------------------------- weekly plan


def test_weekly_plan_validation() -> None:
    assert WeeklyPlan() == WeeklyPlan(2, 3)
    WeeklyPlan(1, 7)
    WeeklyPlan(3, 3)
    with pytest.raises(ValueError, match="min_per_week"):
        WeeklyPlan(0, 3)
    with pytest.raises(ValueError, match="min_per_week"):
        WeeklyPlan(8, 8)
    with pytest.raises(ValueError, match="max_per_week"):
        WeeklyPlan(3, 2)
    with pytest.raises(ValueError, match="max_per_week"):
        WeeklyPlan(2, 8)


def test_next_planned_day() -> None:
    plan = WeeklyPlan()
    assert next_planned_day([], WED, plan) == WED
    # Yesterday: not on consecutive days -> the day after tomorrow from then = tomorrow.
    assert next_planned_day([session(at(24))], WED, plan) == date(2026, 11, 26)
    # Today: two days on.
    assert next_planned_day([session(at(25))], WED, plan) == date(2026, 11, 27)
    # Two and three days ago: today is fine.
    assert next_planned_day([session(at(23))], WED, plan) == WED
    assert next_planned_day([session(at(22))], WED, plan) == WED
    # An empty session yesterday is not a training day.
    assert next_planned_day([session(at(22)), session(at(24), reps=(0,))], WED, plan) == WED


def test_next_planned_day_week_maximum_reached() -> None:
    plan = WeeklyPlan(2, 3)
    three = [session(at(23)), session(at(25)), session(at(27))]
    # Friday's session makes 3: Sunday would be allowed by the rest day, but the week is full.
    assert next_planned_day(three, date(2026, 11, 28), plan) == date(2026, 11, 30)
    assert next_planned_day(three, date(2026, 11, 29), plan) == date(2026, 11, 30)
    # Two sessions is below the maximum: the rest-day rule alone decides.
    assert next_planned_day(three[:2], date(2026, 11, 28), plan) == date(2026, 11, 28)
    # Full week ending on Sunday: Monday would be consecutive, so Tuesday.
    sunday_full = [session(at(25)), session(at(27)), session(at(29))]
    assert next_planned_day(sunday_full, date(2026, 11, 29), plan) == date(2026, 12, 1)
    # A plan of at most 2 a week fills up sooner.
    assert next_planned_day(three[:2], date(2026, 11, 28), WeeklyPlan(1, 2)) == date(2026, 11, 30)


def test_plan_line_texts() -> None:
    plan = WeeklyPlan()
    assert plan_line([], WED, plan) == "Next session: today (0 of 2–3 this week done)"
    assert (
        plan_line([session(at(24))], WED, plan)
        == "Next session: tomorrow, Thursday (1 of 2–3 this week done)"
    )
    two = [session(at(23)), session(at(26))]
    assert (
        plan_line(two, date(2026, 11, 26), plan)
        == "Next session: Saturday 28 November (2 of 2–3 this week done)"
    )
    three = [*two, session(at(28))]
    assert (
        plan_line(three, date(2026, 11, 28), plan)
        == "Next session: Monday 30 November (3 of 2–3 this week done)"
    )
    assert plan_line([session(at(25))], WED, WeeklyPlan(3, 3)) == (
        "Next session: Friday 27 November (1 of 3 this week done)"
    )
    # More than planned (seen after a morning of short sessions): not "4 of 2–3 done".
    four = [*three, session(at(28, 18))]
    assert plan_line(four, date(2026, 11, 28), plan) == (
        "Next session: Monday 30 November (4 this week, more than the 2–3 planned)"
    )
    # Across a month boundary.
    assert plan_line([session(at(30))], date(2026, 11, 30), plan) == (
        "Next session: Wednesday 2 December (1 of 2–3 this week done)"
    )


# ---------------------------------------------------------------- suggestions


def test_suggestion_start_without_history() -> None:
    for history in ([], [session(at(20), reps=(0,), comfort=None)]):
        (only,) = suggestions(history, plan_sets=3, plan_reps=8, variant="chair")
        assert only.kind == "start"
        assert (only.variant, only.sets, only.reps) == ("chair", 3, 8)
        assert "what feels comfortable" in only.text
        assert "fewer reps is fine" in only.text
        assert "3 sets of 8" in only.text
        assert "Royal Osteoporosis Society" in only.text
    (capped,) = suggestions([], plan_sets=5, plan_reps=12)
    assert (capped.variant, capped.sets, capped.reps) == ("kneeling", 3, 8)


def test_suggestion_after_pain_comes_alone_and_wins_over_progress() -> None:
    history = [session(at(20)), session(at(23)), session(at(25), comfort=[FINE, FINE, PAIN])]
    # Without the pain, the two fine 3x8 sessions before would have meant "progress".
    assert kinds(suggestions(history[:2])) == ["progress", "progress"]
    (only,) = suggestions(history)
    assert only == Suggestion(
        kind="after_pain",
        text=(
            "You felt pain last time. When you feel ready, you could try the chair version with fewer reps: "
            "2 sets of 5. Stop any exercise that hurts. If the pain was in your back or shoulder, or it has "
            "not settled, talk to your physiotherapist or doctor before carrying on."
        ),
        variant="chair",
        sets=2,
        reps=5,
        tempo="3-1-3-1",
    )


def test_suggestion_after_pain_that_ended_the_session_before_any_rep() -> None:
    history = [
        session(at(23), reps=(4, 4), planned_reps=4),
        session(at(25), reps=(0,), comfort=None, planned_reps=4, stopped_early=True, end_reason="pain"),
    ]
    (only,) = suggestions(history)
    assert (only.kind, only.variant, only.sets, only.reps) == ("after_pain", "chair", 2, 3)


def test_suggestion_after_pain_on_the_chair_does_not_offer_the_chair() -> None:
    history = [session(at(25), variant="chair", comfort=[FINE, PAIN, None])]
    (only,) = suggestions(history)
    assert only.kind == "after_pain" and only.variant == "chair"
    assert "try fewer reps: 2 sets of 5." in only.text and "chair version" not in only.text


def test_suggestion_tired_holds() -> None:
    last = session(at(25), reps=(6, 6, 6), planned_reps=6, comfort=[FINE, TIRED, None])
    (only,) = suggestions([session(at(23), reps=(6, 6, 6), planned_reps=6), last])
    assert only == Suggestion(
        kind="hold",
        text=(
            "Some sets felt tiring, and that is fine. Keep the same plan next time (3 sets of 6) "
            "and build up when it feels easier."
        ),
        variant="kneeling",
        sets=3,
        reps=6,
        tempo="3-1-3-1",
    )
    # Tired after a second fine-looking 3x8 also holds instead of progressing.
    tired_3x8 = [session(at(23)), session(at(25), comfort=[FINE, FINE, TIRED])]
    assert kinds(suggestions(tired_3x8)) == ["hold"]


def test_suggestion_build_up_one_more_rep() -> None:
    (only,) = suggestions([session(at(25), reps=(5, 5, 5), planned_reps=5, variant="chair", tempo="2-1-3-1")])
    assert only == Suggestion(
        kind="build_up",
        text=(
            "That felt fine. Next time you could try one more rep in each set: 3 sets of 6 "
            "(Royal Osteoporosis Society guidance: build up to 3 sets of up to 8)."
        ),
        variant="chair",
        sets=3,
        reps=6,
        tempo="2-1-3-1",
    )


def test_suggestion_build_up_one_more_set_at_eight_reps() -> None:
    (only,) = suggestions([session(at(25), reps=(8, 8))])
    assert (only.kind, only.sets, only.reps) == ("build_up", 2 + 1, 8)
    assert "one more set: 3 sets of 8" in only.text


def test_suggestion_unanswered_comfort_counts_neither_way() -> None:
    # One fine answer and two unanswered: enough to build up.
    (some,) = suggestions([session(at(25), reps=(5, 5, 5), planned_reps=5, comfort=[None, FINE, None])])
    assert (some.kind, some.reps) == ("build_up", 6)
    # No answers at all: keep the plan, never build up on silence.
    (none,) = suggestions([session(at(25), reps=(5, 5, 5), planned_reps=5, comfort=None)])
    assert (none.kind, none.sets, none.reps) == ("hold", 3, 5)
    # Two 3x8 sessions without answers are not "felt fine" either.
    assert kinds(suggestions([session(at(23), comfort=None), session(at(25), comfort=None)])) == ["hold"]


def test_suggestion_unfinished_plan_holds() -> None:
    (only,) = suggestions([session(at(25), reps=(8, 8, 5), stopped_early=True, end_reason="stopped")])
    assert (only.kind, only.sets, only.reps) == ("hold", 3, 8)
    assert only.text == (
        "Try the same plan again next time (3 sets of 8). Do what feels comfortable — fewer reps is fine."
    )


def test_suggestion_progress_after_two_fine_3x8_in_a_row() -> None:
    history = [session(at(23)), session(at(25), weight="2 lb")]
    tempo, weight = suggestions(history)
    assert tempo == Suggestion(
        kind="progress",
        text=(
            "3 sets of 8 felt fine twice in a row — well done. One option: a slower tempo, "
            "taking 4 seconds to lower (3-1-4-1)."
        ),
        variant="kneeling",
        sets=3,
        reps=8,
        tempo="3-1-4-1",
    )
    assert weight == Suggestion(
        kind="progress",
        text=(
            "Another option: a little more weight (for example from 1 lb to 2 lb), "
            "only if it feels right to you."
        ),
        variant="kneeling",
        sets=3,
        reps=8,
        tempo="3-1-3-1",
    )


def test_suggestion_progress_at_slowest_tempo_offers_weight_only() -> None:
    history = [session(at(23), tempo="3-1-5-1"), session(at(25), tempo="3-1-5-1")]
    (only,) = suggestions(history)
    assert only.kind == "progress"
    assert only.tempo == "3-1-5-1"
    assert only.text.startswith("3 sets of 8 felt fine twice in a row")
    assert "a little more weight (for example from 1 lb to 2 lb)" in only.text


def test_progress_needs_both_of_the_two_most_recent_sessions() -> None:
    # A fine 3x8, then a session with 7 reps: no "progress".
    short = [session(at(23)), session(at(25), reps=(8, 8, 7), stopped_early=True)]
    assert "progress" not in kinds(suggestions(short))
    assert kinds(suggestions(short)) == ["hold"]
    planned_7 = [session(at(23)), session(at(25), reps=(7, 7, 7), planned_reps=7)]
    assert kinds(suggestions(planned_7)) == ["build_up"]
    # The other way round: only the latest is a fine 3x8, so keep it once more.
    (once,) = suggestions([session(at(23), reps=(7, 7, 7), planned_reps=7), session(at(25))])
    assert once.kind == "hold"
    assert once.text.startswith("3 sets of 8 felt fine. Keep the same next time")
    # Only one session in the whole history: not yet two in a row.
    assert kinds(suggestions([session(at(25))])) == ["hold"]
    # Input order is not trusted: sorted by start time.
    assert kinds(suggestions([session(at(25)), session(at(23), reps=(7, 7, 7), planned_reps=7)])) == ["hold"]


@pytest.mark.parametrize(
    ("tempo", "slower"),
    [
        ("3-1-3-1", "3-1-4-1"),
        ("2-1-2-1", "2-1-3-1"),
        ("2-1-4.5-1", "2-1-5-1"),
        ("3-1-5-1", None),
        ("3-1-6-1", None),
        ("3-1-3", None),
        ("fast", None),
        ("3-a-3-1", None),
    ],
)
def test_slower_tempo(tempo: str, slower: str | None) -> None:
    assert slower_tempo(tempo) == slower
