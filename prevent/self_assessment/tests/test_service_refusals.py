"""Every self-assessment service has a happy path and a refusal (issue 9,
point 8), and the access lookups of rules.py answer 404 out of scope and
403 for what may be seen but not changed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.policy import Action
from prevent.self_assessment import services
from prevent.self_assessment.models import Assessment, AssessmentAction, EvidenceFile
from prevent.self_assessment.rules import (
    access_assessment,
    access_evidence_file,
    access_history_organisation,
)
from prevent.self_assessment.selectors import assessment_sections, overview_rows
from tests.factories import OrganisationFactory, UserFactory

from .conftest import answer_all, today
from .test_files import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider(db: Any) -> Any:
    """A SPOC of another organisation."""
    return UserFactory(roles=[Role.SPOC], organisation=OrganisationFactory(name="Banbury School"))


@pytest.fixture
def with_file(spoc: Any, start: Any) -> tuple[Assessment, EvidenceFile]:
    assessment = start()
    section = assessment_sections(assessment)[0]
    statement = section.rows[0].statement
    upload = SimpleUploadedFile("policy.pdf", PDF_BYTES)
    from prevent.self_assessment.forms import check_evidence_file

    services.assessment_save_objective(
        actor=spoc,
        assessment=assessment,
        objective=section.objective,
        answers={statement.pk: (True, "")},
        uploads={statement.pk: services.Upload(upload, check_evidence_file(upload))},
    )
    return assessment, EvidenceFile.objects.get()


def details(**kwargs: Any) -> dict[str, Any]:
    return {
        "assessor_names": "Sam Spoc",
        "assessed_on": today() - timedelta(days=2),
        "review_due_on": today() + timedelta(days=300),
        **kwargs,
    }


def test_details_are_changed_and_audited(spoc: Any, start: Any) -> None:
    assessment = start()
    services.assessment_update_details(actor=spoc, assessment=assessment, **details(assessor_names="Jo Head"))
    assessment.refresh_from_db()
    assert assessment.assessor_names == "Jo Head"
    event = AuditEvent.objects.get(action="self_assessment_details_changed")
    assert event.changes["assessor_names"]["after"] == "Jo Head"


def test_details_are_refused_to_others_and_after_submission(
    spoc: Any, coordinator: Any, outsider: Any, start: Any
) -> None:
    assessment = start()
    with pytest.raises(PermissionDenied):
        services.assessment_update_details(actor=coordinator, assessment=assessment, **details())
    with pytest.raises(Http404):
        services.assessment_update_details(actor=outsider, assessment=assessment, **details())
    with pytest.raises(ValidationError, match="must be after the date of assessment"):
        services.assessment_update_details(
            actor=spoc, assessment=assessment, **details(review_due_on=today() - timedelta(days=3))
        )
    answer_all(spoc, assessment)
    services.assessment_submit(actor=spoc, assessment=assessment)
    with pytest.raises(PermissionDenied):
        services.assessment_update_details(actor=spoc, assessment=assessment, **details())
    assert not AuditEvent.objects.filter(action="self_assessment_details_changed").exists()


def test_a_coordinator_cannot_start_one_and_a_copy_must_be_of_the_same_organisation(
    coordinator: Any, spoc: Any, outsider: Any, start: Any
) -> None:
    with pytest.raises(PermissionDenied):
        services.assessment_start(actor=coordinator, organisation=spoc.organisation, **details())
    theirs = start(actor=outsider)
    with pytest.raises(Http404):
        services.assessment_start(actor=spoc, organisation=spoc.organisation, copy_from=theirs, **details())
    assert Assessment.objects.count() == 1


def test_a_submitted_assessment_takes_no_answers_actions_or_second_submission(spoc: Any, start: Any) -> None:
    assessment = start()
    answer_all(spoc, assessment)
    section = assessment_sections(assessment)[0]
    action = services.action_save(
        actor=spoc,
        assessment=assessment,
        objective=section.objective,
        description="Book WRAP",
        owner="Head",
        due_on=today() + timedelta(days=10),
        status="not_started",
    )
    services.assessment_submit(actor=spoc, assessment=assessment)
    with pytest.raises(PermissionDenied):
        services.assessment_save_objective(
            actor=spoc, assessment=assessment, objective=section.objective, answers={}
        )
    with pytest.raises(PermissionDenied):
        services.action_remove(actor=spoc, action=action)
    with pytest.raises(PermissionDenied):
        services.assessment_submit(actor=spoc, assessment=assessment)
    assert AssessmentAction.objects.filter(pk=action.pk).exists()


def test_an_evidence_download_is_audited_and_refused_out_of_scope(
    spoc: Any, coordinator: Any, outsider: Any, with_file: Any
) -> None:
    _, evidence = with_file
    assert services.evidence_file_download(actor=coordinator, evidence=evidence) == evidence
    assert AuditEvent.objects.filter(action="self_assessment_file_downloaded").count() == 1
    with pytest.raises(Http404):
        services.evidence_file_download(actor=outsider, evidence=evidence)
    assert AuditEvent.objects.filter(action="self_assessment_file_downloaded").count() == 1


def test_an_export_is_audited_and_refused_out_of_scope(spoc: Any, outsider: Any, start: Any) -> None:
    assessment = start()
    content = services.assessment_export(actor=spoc, assessment=assessment, export_format="csv")
    assert content.decode("utf-8-sig").startswith("Organisation,")
    assert AuditEvent.objects.filter(action="self_assessment_exported_csv").count() == 1
    with pytest.raises(Http404):
        services.assessment_export(actor=outsider, assessment=assessment, export_format="csv")
    with pytest.raises(ValueError, match="xlsx"):
        services.assessment_export(actor=spoc, assessment=assessment, export_format="xlsx")
    assert AuditEvent.objects.filter(action__startswith="self_assessment_exported").count() == 1


def test_the_overview_export_is_for_coordinators_only(coordinator: Any, spoc: Any) -> None:
    rows = overview_rows(coordinator)
    assert services.overview_export(actor=coordinator, rows=rows, filters={"sector": ""})
    assert AuditEvent.objects.filter(action="self_assessment_overview_exported").count() == 1
    with pytest.raises(PermissionDenied):
        services.overview_export(actor=spoc, rows=rows, filters={})


def test_access_assessment_answers_404_out_of_scope_and_403_for_a_locked_edit(
    spoc: Any, coordinator: Any, outsider: Any, start: Any
) -> None:
    assessment = start()
    assert access_assessment(spoc, assessment.pk, Action.EDIT_SELF_ASSESSMENT) == assessment
    assert access_assessment(coordinator, str(assessment.pk)) == assessment
    with pytest.raises(PermissionDenied):
        access_assessment(coordinator, assessment.pk, Action.EDIT_SELF_ASSESSMENT)
    for pk in (assessment.pk, 999_999, "²", "1; drop"):
        with pytest.raises(Http404):
            access_assessment(outsider, pk)
    answer_all(spoc, assessment)
    services.assessment_submit(actor=spoc, assessment=assessment)
    with pytest.raises(PermissionDenied):
        access_assessment(spoc, assessment.pk, Action.EDIT_SELF_ASSESSMENT)


def test_access_evidence_file_and_history(spoc: Any, coordinator: Any, outsider: Any, with_file: Any) -> None:
    _, evidence = with_file
    assert access_evidence_file(spoc, evidence.pk) == evidence
    assert access_evidence_file(coordinator, evidence.pk) == evidence
    with pytest.raises(Http404):
        access_evidence_file(outsider, evidence.pk)
    assert access_history_organisation(spoc, spoc.organisation_id) == spoc.organisation
    with pytest.raises(Http404):
        access_history_organisation(outsider, spoc.organisation_id)
    practitioner: Any = UserFactory(roles=[Role.PRACTITIONER], organisation=spoc.organisation)
    with pytest.raises(PermissionDenied):
        access_history_organisation(practitioner, spoc.organisation_id)
