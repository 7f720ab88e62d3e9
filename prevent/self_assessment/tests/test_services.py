"""Starting, saving, overriding, submitting and copying assessments."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prevent.audit.models import AuditEvent
from prevent.self_assessment import services
from prevent.self_assessment.models import (
    ActionStatus,
    Answer,
    Assessment,
    AssessmentAction,
    AssessmentStatus,
    ObjectiveRating,
    Rating,
)
from prevent.self_assessment.selectors import assessment_sections

from .conftest import answer_all, ratings, today

pytestmark = pytest.mark.django_db


def first_section(assessment: Assessment) -> Any:
    return assessment_sections(assessment)[0]


def test_start_records_the_details_and_an_audit_event(spoc: Any, start: Any) -> None:
    assessment = start()
    assert assessment.organisation == spoc.organisation
    assert assessment.status == AssessmentStatus.DRAFT and not assessment.is_locked
    assert assessment.template_version.number == 1
    assert ratings(assessment) == {1: Rating.RED, 2: Rating.RED, 3: Rating.RED, 4: Rating.RED}
    event = AuditEvent.objects.get(action="self_assessment_started")
    assert event.object_id == str(assessment.pk) and event.actor == spoc


def test_review_date_must_follow_the_assessment_date(start: Any) -> None:
    with pytest.raises(ValidationError) as error:
        start(assessed_on=today() - timedelta(days=3), review_due_on=today() - timedelta(days=4))
    assert error.value.message_dict["review_due_on"] == [
        "Date to be reviewed must be after the date of assessment"
    ]
    assert not Assessment.objects.exists()


def test_assessment_date_cannot_be_in_the_future(start: Any) -> None:
    with pytest.raises(ValidationError) as error:
        start(assessed_on=today() + timedelta(days=1), review_due_on=today() + timedelta(days=300))
    assert error.value.message_dict["assessed_on"] == ["Date of assessment must be today or in the past"]


def test_assessor_names_are_needed(start: Any) -> None:
    with pytest.raises(ValidationError):
        start(assessor_names="   ")


def test_a_spoc_cannot_start_for_another_organisation(start: Any, make_user: Any) -> None:
    from tests.factories import OrganisationFactory

    with pytest.raises(PermissionDenied):
        start(organisation=OrganisationFactory(name="Another school"))


def test_saving_an_objective_suggests_its_rating(spoc: Any, start: Any) -> None:
    assessment = start()
    section = first_section(assessment)
    pks = [row.statement.pk for row in section.rows]
    services.assessment_save_objective(
        actor=spoc, assessment=assessment, objective=section.objective, answers={pks[0]: (True, "")}
    )
    assert ratings(assessment)[1] == Rating.AMBER
    services.assessment_save_objective(
        actor=spoc, assessment=assessment, objective=section.objective, answers={pk: (True, "") for pk in pks}
    )
    assert ratings(assessment)[1] == Rating.AMBER  # all met but no note: not Green
    services.assessment_save_objective(
        actor=spoc,
        assessment=assessment,
        objective=section.objective,
        answers={pk: (True, "Termly refreshers as well" if pk == pks[0] else "") for pk in pks},
    )
    assert ratings(assessment)[1] == Rating.GREEN
    assert AuditEvent.objects.filter(action="self_assessment_objective_saved").count() == 3


def test_an_override_needs_a_reason(spoc: Any, start: Any) -> None:
    assessment = start()
    section = first_section(assessment)
    with pytest.raises(ValidationError) as error:
        services.assessment_save_objective(
            actor=spoc, assessment=assessment, objective=section.objective, answers={}, override=Rating.AMBER
        )
    assert "override_reason" in error.value.message_dict
    rating = services.assessment_save_objective(
        actor=spoc,
        assessment=assessment,
        objective=section.objective,
        answers={},
        override=Rating.AMBER,
        override_reason="Policy agreed by governors last week",
    )
    assert rating.suggested == Rating.RED
    assert rating.rating == Rating.AMBER
    assert rating.override_reason == "Policy agreed by governors last week"


def test_html_is_stored_as_given(spoc: Any, start: Any) -> None:
    assessment = start(assessor_names="<b>Sam</b>")
    section = first_section(assessment)
    pk = section.rows[0].statement.pk
    note = '<script>alert("x")</script> & more'
    services.assessment_save_objective(
        actor=spoc, assessment=assessment, objective=section.objective, answers={pk: (True, note)}
    )
    assert Answer.objects.get(assessment=assessment, statement_id=pk).note == note
    assert Assessment.objects.get(pk=assessment.pk).assessor_names == "<b>Sam</b>"


def test_submission_needs_every_statement_answered(spoc: Any, start: Any) -> None:
    assessment = start()
    section = first_section(assessment)
    services.assessment_save_objective(
        actor=spoc,
        assessment=assessment,
        objective=section.objective,
        answers={row.statement.pk: (True, "") for row in section.rows},
    )
    with pytest.raises(ValidationError) as error:
        services.assessment_submit(actor=spoc, assessment=assessment)
    assert "Answer every statement of objective 2: 6 not answered" in error.value.messages
    assert not Assessment.objects.get(pk=assessment.pk).is_locked


def test_submission_locks_the_assessment(spoc: Any, start: Any) -> None:
    assessment = start()
    answer_all(spoc, assessment)
    services.assessment_submit(actor=spoc, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.is_locked and assessment.submitted_by == spoc
    section = first_section(assessment)
    with pytest.raises(PermissionDenied):
        services.assessment_save_objective(
            actor=spoc, assessment=assessment, objective=section.objective, answers={}
        )
    with pytest.raises(PermissionDenied):
        services.action_save(
            actor=spoc,
            assessment=assessment,
            objective=section.objective,
            description="x",
            owner="y",
            due_on=today(),
            status=ActionStatus.NOT_STARTED,
        )
    event = AuditEvent.objects.get(action="self_assessment_submitted")
    assert event.changes["objective 1"]["after"] == Rating.GREEN


def test_actions_are_added_changed_and_removed(spoc: Any, start: Any) -> None:
    assessment = start()
    objective = first_section(assessment).objective
    action = services.action_save(
        actor=spoc,
        assessment=assessment,
        objective=objective,
        description="Train the governors",
        owner="Head teacher",
        due_on=today() + timedelta(days=30),
        status=ActionStatus.NOT_STARTED,
    )
    services.action_save(
        actor=spoc,
        assessment=assessment,
        objective=objective,
        action=action,
        description="Train the governors",
        owner="Head teacher",
        due_on=today() + timedelta(days=30),
        status=ActionStatus.IN_PROGRESS,
    )
    assert AssessmentAction.objects.get().status == ActionStatus.IN_PROGRESS
    services.action_remove(actor=spoc, action=action)
    assert not AssessmentAction.objects.exists()
    assert [
        e.action
        for e in AuditEvent.objects.filter(action__startswith="self_assessment_action").order_by("id")
    ] == [
        "self_assessment_action_added",
        "self_assessment_action_changed",
        "self_assessment_action_removed",
    ]


def test_the_next_assessment_starts_from_a_copy(spoc: Any, start: Any) -> None:
    first = start(assessed_on=today() - timedelta(days=400), review_due_on=today() - timedelta(days=35))
    answer_all(spoc, first, note="Evidence from last year")
    objective = first_section(first).objective
    for status in (ActionStatus.NOT_STARTED, ActionStatus.DONE):
        services.action_save(
            actor=spoc,
            assessment=first,
            objective=objective,
            description=f"Action {status}",
            owner="SPOC",
            due_on=today() - timedelta(days=40),
            status=status,
        )
    services.assessment_submit(actor=spoc, assessment=first)
    second = start(copy_from=first)
    assert second.copied_from == first
    assert not second.is_locked
    rows = [row for section in assessment_sections(second) for row in section.rows]
    assert all(row.met is True and row.note == "Evidence from last year" for row in rows)
    assert list(AssessmentAction.objects.filter(assessment=second).values_list("description", flat=True)) == [
        "Action not_started"
    ]
    assert ratings(second) == ratings(first)
    # The first is untouched.
    assert ObjectiveRating.objects.filter(assessment=first).count() == 4
    assert AssessmentAction.objects.filter(assessment=first).count() == 2
