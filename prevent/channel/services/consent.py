"""Consent to support, or its refusal with a risk management plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from prevent.accounts.models import User
from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.policy import Action, require

from ..models import (
    CaseStatus,
    ChannelCase,
    ConsentGiver,
    ConsentOutcome,
    ConsentRecord,
)
from ._common import (
    CASE_TRANSITIONS,
    _move,
    _required,
    tell_case_officer,
)


def _age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass(frozen=True)
class ConsentInput:
    outcome: str
    given_by: str
    giver_name: str
    obtained_on: date
    method: str
    obtained_by: str
    told_support_needs_consent: bool
    child_view: str = ""
    risk_management_plan: str = ""
    child_at_risk_of_significant_harm: bool = False
    childrens_social_care_involved: bool = False
    reassess_on: date | None = None


CONSENT_MOVES: dict[str, str] = {
    ConsentOutcome.GIVEN: CaseStatus.SUPPORT,
    ConsentOutcome.REFUSED: CaseStatus.CONSENT_REFUSED,
    ConsentOutcome.WITHDRAWN: CaseStatus.CONSENT_REFUSED,
}


def consent_record(*, actor: User, case: ChannelCase, data: ConsentInput) -> ConsentRecord:
    """Consent (or its refusal) once adopted, before any support starts."""
    require(actor, Action.MANAGE_CHANNEL_CASE, case, hide=True)
    errors: dict[str, str] = {}
    if data.outcome not in ConsentOutcome.values:
        errors["outcome"] = "Select whether consent was given, refused or withdrawn"
    if data.given_by not in ConsentGiver.values:
        errors["given_by"] = "Select who gave or refused consent"
    _required(
        errors, data.giver_name, "giver_name", "Enter the name of the person who gave or refused consent"
    )
    _required(errors, data.obtained_by, "obtained_by", "Enter who obtained consent")
    if data.obtained_on > clock.today():
        errors["obtained_on"] = "The date of consent must be today or in the past"
    if not data.told_support_needs_consent:
        errors["told_support_needs_consent"] = (
            "Confirm the person was told that support cannot take place without consent"
        )
    born = case.person.date_of_birth
    is_child = born is not None and _age_on(born, data.obtained_on) < 18
    if is_child and data.given_by == ConsentGiver.PARENT and not data.child_view.strip():
        errors["child_view"] = "Enter the child's own view"
    refused = data.outcome in (ConsentOutcome.REFUSED, ConsentOutcome.WITHDRAWN)
    if refused and not data.risk_management_plan.strip():
        errors["risk_management_plan"] = "Enter the risk management plan: consent was not given"
    if refused and data.child_at_risk_of_significant_harm and not data.childrens_social_care_involved:
        errors["childrens_social_care_involved"] = (
            "Confirm children's social care is involved in the decision: "
            "the child is at risk of significant harm"
        )
    if data.reassess_on is not None and data.reassess_on < data.obtained_on:
        errors["reassess_on"] = "The date to reassess must be after the date of consent"
    if data.outcome in CONSENT_MOVES and CONSENT_MOVES[data.outcome] not in CASE_TRANSITIONS[case.status]:
        errors["outcome"] = (
            f"Consent cannot be recorded for a case that is {case.get_status_display().lower()}"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = ChannelCase.objects.select_for_update(of=("self",)).select_related("person").get(pk=case.pk)
        before = case.status
        _move(case, CONSENT_MOVES[data.outcome])
        case.save(update_fields=["status", "updated_at"])
        record = ConsentRecord.objects.create(
            case=case,
            outcome=data.outcome,
            given_by=data.given_by,
            giver_name=data.giver_name,
            child_view=data.child_view,
            obtained_on=data.obtained_on,
            method=data.method,
            obtained_by=data.obtained_by,
            told_support_needs_consent=True,
            risk_management_plan=data.risk_management_plan if refused else "",
            child_at_risk_of_significant_harm=data.child_at_risk_of_significant_harm,
            childrens_social_care_involved=data.childrens_social_care_involved,
            reassess_on=data.reassess_on,
            recorded_by=actor,
        )
        record_event(
            actor=actor,
            action="channel_consent_recorded",
            summary=f"Recorded {record.get_outcome_display().lower()} on case {case}",
            obj=record,
            changes=changes_between({"status": before}, {"status": case.status}),
        )
        tell_case_officer(case, actor, "consent_recorded", "consent")
    return record
