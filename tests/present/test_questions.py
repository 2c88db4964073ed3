"""The quit question promises only what closing the window really records."""

from trainer.present.questions import quit_question
from trainer.session.timeline import Kind


def test_mid_set_the_question_names_the_reps_to_be_saved():
    assert quit_question(Kind.PHASE, 1).endswith("this set is saved with the 1 rep you did.")
    assert "with the 3 reps you did" in quit_question(Kind.PHASE, 3)


def test_in_a_rest_or_get_ready_no_set_is_promised():
    # Failed before: the rest showed "the set in progress is saved with the 0 reps you did",
    # though quitting in a rest records no set at all.
    for kind in (Kind.REST, Kind.GET_READY):
        text = quit_question(kind, 0)
        assert text.endswith("The sets you finished are kept.") and "reps" not in text
