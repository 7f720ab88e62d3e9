from __future__ import annotations

from prevent.self_assessment.models import Rating
from prevent.self_assessment.rating import StatementAnswer as A
from prevent.self_assessment.rating import suggest_rating, suggestion_reason


def test_none_met_is_red() -> None:
    assert suggest_rating([A(False), A(None), A(False, "a note")]) == Rating.RED


def test_nothing_answered_is_red() -> None:
    assert suggest_rating([A(None), A(None)]) == Rating.RED


def test_some_met_is_amber() -> None:
    assert suggest_rating([A(True, "note"), A(False), A(True, "note")]) == Rating.AMBER


def test_some_met_with_the_rest_unanswered_is_amber() -> None:
    assert suggest_rating([A(True, "note"), A(None)]) == Rating.AMBER


def test_all_met_with_a_note_is_green() -> None:
    assert suggest_rating([A(True, "We also run termly refreshers"), A(True), A(True)]) == Rating.GREEN


def test_all_met_without_any_note_is_only_amber() -> None:
    answers = [A(True), A(True, "   "), A(True)]
    assert suggest_rating(answers) == Rating.AMBER
    assert "Green also needs an evidence note" in suggestion_reason(answers)


def test_a_note_on_an_unmet_statement_does_not_make_green() -> None:
    assert suggest_rating([A(True), A(False, "we plan to")]) == Rating.AMBER


def test_reasons_say_how_many() -> None:
    assert suggestion_reason([A(True), A(False), A(None)]) == "1 of 3 statements are met."
    assert suggestion_reason([A(False)]) == "None of the 1 statements is met."
