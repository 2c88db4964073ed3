"""The stop and quit questions promise only what stopping or closing the window really records."""

from collections.abc import Callable

import pytest

from trainer.present.questions import quit_question, stop_question
from trainer.session.timeline import Kind


@pytest.mark.parametrize("ask", [quit_question, stop_question])
def test_mid_set_the_question_names_the_reps_to_be_saved(ask: Callable[[Kind, int], str]) -> None:
    # Failed before for the stop question: "The sets you finished are kept" said nothing of the
    # set under way, which stopping records with the reps done.
    assert ask(Kind.PHASE, 1).endswith("this set is saved with the 1 rep you did.")
    assert "with the 3 reps you did" in ask(Kind.PHASE, 3)
    # Paused mid-set and closed in the "Resuming" get-ready: that set is recorded too.
    assert "with the 2 reps you did" in ask(Kind.GET_READY, 2)


@pytest.mark.parametrize("ask", [quit_question, stop_question])
def test_in_a_rest_or_get_ready_or_before_a_rep_no_set_is_promised(ask: Callable[[Kind, int], str]) -> None:
    # Failed before: the rest showed "the set in progress is saved with the 0 reps you did",
    # though quitting in a rest records no set at all; nor does a set with no rep done yet.
    for kind in (Kind.REST, Kind.GET_READY, Kind.PHASE):
        text = ask(kind, 0)
        assert text.endswith("The sets you finished are kept.") and "reps" not in text


def test_the_questions_say_what_they_ask() -> None:
    assert stop_question(Kind.REST, 0).startswith("Stop this session now?")
    assert quit_question(Kind.REST, 0).startswith("A session is under way. Quit now?")
