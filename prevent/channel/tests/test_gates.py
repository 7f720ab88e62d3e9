"""The gates of the Channel path hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from prevent.channel import services as C
from prevent.channel.models import CaseStatus, ClosingReport, DecisionOutcome, Intervention

from .conftest import adopted_case, consent_given, decide, meeting_today, open_case

pytestmark = pytest.mark.django_db
DENIED = (PermissionDenied, Http404)


def _intervention(people: dict[str, Any], case: Any, provider: Any) -> Intervention:
    return C.intervention_add(
        actor=people["coordinator"],
        case=case,
        type="diversionary",
        provider=provider,
        description="",
        start_on=timezone.localdate(),
        review_on=None,
        end_on=None,
    )


def test_no_support_without_consent(people: dict[str, Any], provider: Any) -> None:
    case, _ = adopted_case(people)
    with pytest.raises(ValidationError, match="Support cannot start without recorded consent"):
        _intervention(people, case, provider)
    assert not Intervention.objects.exists()
    consent_given(people, case)
    case.refresh_from_db()
    assert _intervention(people, case, provider).pk


def test_no_support_after_consent_is_withdrawn(people: dict[str, Any], provider: Any) -> None:
    case, _ = adopted_case(people)
    consent_given(people, case)
    case.refresh_from_db()
    C.consent_record(
        actor=people["coordinator"],
        case=case,
        data=C.ConsentInput(
            outcome="withdrawn",
            given_by="parent",
            giver_name="Jo Parent",
            child_view="Does not want to continue",
            obtained_on=timezone.localdate(),
            method="phone",
            obtained_by="Cora",
            told_support_needs_consent=True,
            risk_management_plan="Police-led monitoring, reassess in 3 months",
        ),
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CONSENT_REFUSED
    with pytest.raises(ValidationError, match="Support cannot start"):
        _intervention(people, case, provider)


def _refusal(**changes: Any) -> C.ConsentInput:
    values: dict[str, Any] = {
        "outcome": "refused",
        "given_by": "parent",
        "giver_name": "Jo Parent",
        "child_view": "Did not want to say",
        "obtained_on": timezone.localdate(),
        "method": "in_person",
        "obtained_by": "Cora",
        "told_support_needs_consent": True,
        "risk_management_plan": "",
    }
    values.update(changes)
    return C.ConsentInput(**values)


def test_refusal_of_consent_requires_a_risk_management_plan(people: dict[str, Any]) -> None:
    case, _ = adopted_case(people)
    with pytest.raises(ValidationError) as error:
        C.consent_record(actor=people["coordinator"], case=case, data=_refusal())
    assert "risk_management_plan" in error.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_CONSENT and not case.consents.exists()
    with pytest.raises(ValidationError) as error:
        C.consent_record(
            actor=people["coordinator"],
            case=case,
            data=_refusal(risk_management_plan="Plan", child_at_risk_of_significant_harm=True),
        )
    assert "childrens_social_care_involved" in error.value.message_dict
    C.consent_record(
        actor=people["coordinator"],
        case=case,
        data=_refusal(
            risk_management_plan="Plan",
            child_at_risk_of_significant_harm=True,
            childrens_social_care_involved=True,
        ),
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CONSENT_REFUSED


def test_consent_needs_the_person_told_and_the_childs_view(people: dict[str, Any]) -> None:
    case, _ = adopted_case(people)
    data = _refusal(outcome="given", child_view="", told_support_needs_consent=False)
    with pytest.raises(ValidationError) as error:
        C.consent_record(actor=people["coordinator"], case=case, data=data)
    assert {"child_view", "told_support_needs_consent"} <= set(error.value.message_dict)


def test_no_exit_without_the_chairs_closing_report(people: dict[str, Any]) -> None:
    case, meeting = adopted_case(people)
    case = decide(people, meeting, case, DecisionOutcome.EXIT)
    with pytest.raises(ValidationError, match="closing report"):
        C.case_exit(actor=people["coordinator"], case=case)
    with pytest.raises(DENIED):  # only the chair completes the closing report
        C.closing_report_complete(actor=people["coordinator"], case=case, evidence="Done")
    assert not ClosingReport.objects.exists()
    case.refresh_from_db()
    assert case.status == CaseStatus.EXIT_RECOMMENDED
    C.closing_report_complete(actor=people["chair"], case=case, evidence="Risk reduced")
    case = C.case_exit(actor=people["coordinator"], case=case)
    assert case.status == CaseStatus.EXITED


def test_exit_is_only_reached_through_a_panel_recommendation(people: dict[str, Any]) -> None:
    case, _ = adopted_case(people)
    with pytest.raises(DENIED):
        C.closing_report_complete(actor=people["chair"], case=case, evidence="x")
    with pytest.raises(DENIED):
        C.case_exit(actor=people["chair"], case=case)


def test_no_decision_for_a_case_not_on_the_agenda(people: dict[str, Any]) -> None:
    case = open_case(people)
    meeting = meeting_today(people)
    with pytest.raises(ValidationError, match="not on the agenda"):
        C.decision_record(
            actor=people["coordinator"],
            meeting=meeting,
            case=case,
            outcome="adopt",
            other_mechanism="",
            rationale="Because",
        )
    assert not case.decisions.exists()


def test_decision_only_by_the_chairs_confirmation_moves_the_case(people: dict[str, Any]) -> None:
    case = open_case(people)
    meeting = meeting_today(people)
    C.agenda_add_case(actor=people["coordinator"], meeting=meeting, case=case, kind="new_case")
    decision = C.decision_record(
        actor=people["coordinator"],
        meeting=meeting,
        case=case,
        outcome="adopt",
        other_mechanism="",
        rationale="R",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.PRELIMINARY
    with pytest.raises(DENIED):
        C.decision_confirm(actor=people["coordinator"], decision=decision)
    C.decision_confirm(actor=people["chair"], decision=decision)
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_CONSENT


def test_reviews_are_created_at_exit_and_go_on_the_agenda(people: dict[str, Any]) -> None:
    case, meeting = adopted_case(people)
    case = decide(people, meeting, case, DecisionOutcome.EXIT)
    C.closing_report_complete(actor=people["chair"], case=case, evidence="Risk reduced")
    exit_day = timezone.localdate() - dt.timedelta(days=200)
    C.case_exit(actor=people["chair"], case=case, exited_on=exit_day)
    later = meeting_today(people, on=timezone.localdate() + dt.timedelta(days=1))
    added = C.panel_build_agenda(actor=people["coordinator"], meeting=later)
    assert [(i.case_id, i.kind) for i in added] == [(case.pk, "post_exit_review")]
