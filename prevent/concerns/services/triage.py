"""A submitted concern: the SPOC's decision, questions and answers, closing,
and addenda. The forms check what each answer must look like; these check
the concern's state and the decision's rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.core.notify import active_users_with_role, notify
from prevent.policy import Action, require

from ..models import (
    Concern,
    ConcernAddendum,
    ConcernStatus,
    InformationRequest,
    Referral,
    ReferralDestination,
    TriageDecision,
)
from ._common import move, spoc_recipients

if TYPE_CHECKING:
    from prevent.guidance.models import ConcernType

PYRAMID_LEVELS = (1, 2, 3, 4)


def _set_concern_type(concern: Concern, concern_type: ConcernType | None) -> dict[str, Any]:
    """The SPOC's type of concern (prevent/guidance/concern_types.py says
    where it is recorded): None leaves the practitioner's. The before/after
    values for the audit event."""
    if concern_type is None or concern_type.pk == concern.concern_type_id:
        return {}
    before = concern.concern_type.label if concern.concern_type_id else None  # type: ignore[union-attr]
    concern.concern_type = concern_type
    return {"concern_type": {"before": before, "after": concern_type.label}}


def concern_add_addendum(
    *, actor: User, concern: Concern, section: str, text: str, reason: str
) -> ConcernAddendum:
    """A correction or addition; the concern as reported stays."""
    require(actor, Action.ADD_CONCERN_ADDENDUM, concern, hide=True)
    with transaction.atomic():
        addendum = ConcernAddendum.objects.create(
            concern=concern, section=section, text=text, reason=reason, added_by=actor
        )
        Concern.objects.filter(pk=concern.pk).update(updated_at=clock.now())
        record_event(
            actor=actor,
            action="concern_addendum_added",
            summary=f"Added an addendum to concern {concern} ({section})",
            obj=addendum,
        )
    return addendum


@dataclass(frozen=True)
class ReferralInput:
    destination: str
    sent_on: date
    method: str
    receiving_reference: str = ""
    expected_response_on: date | None = None
    destination_detail: str = ""


def triage_record_decision(
    *,
    actor: User,
    concern: Concern,
    pyramid_level: int,
    rationale: str,
    referrals: list[ReferralInput],
    concern_type: ConcernType | None = None,
) -> TriageDecision:
    """The SPOC's decision on the Prevent pyramid, with the referrals it sends."""
    require(actor, Action.TRIAGE_CONCERN, concern, hide=True)
    if pyramid_level not in PYRAMID_LEVELS:
        raise ValidationError({"pyramid_level": "Select the Prevent pyramid level"})
    destinations = {r.destination for r in referrals}
    if pyramid_level == 3 and ReferralDestination.POLICE_PREVENT not in destinations:
        raise ValidationError({"pyramid_level": "A level 3 decision needs a referral to police Prevent"})
    with transaction.atomic():
        concern = (
            Concern.objects.select_for_update(of=("self",)).select_related("concern_type").get(pk=concern.pk)
        )
        before = {"status": concern.status, "pyramid_level": concern.pyramid_level}
        move(concern, ConcernStatus.REFERRED if referrals else ConcernStatus.NO_REFERRAL)
        decision = TriageDecision.objects.create(
            concern=concern, pyramid_level=pyramid_level, rationale=rationale, decided_by=actor
        )
        Referral.objects.bulk_create(
            Referral(
                concern=concern,
                decision=decision,
                destination=r.destination,
                destination_detail=r.destination_detail,
                sent_on=r.sent_on,
                method=r.method,
                receiving_reference=r.receiving_reference,
                expected_response_on=r.expected_response_on,
                created_by=actor,
            )
            for r in referrals
        )
        concern.pyramid_level = pyramid_level
        if ReferralDestination.POLICE_PREVENT in destinations:
            concern.referred_to_police_prevent = True
        type_change = _set_concern_type(concern, concern_type)
        concern.save()
        record_event(
            actor=actor,
            action="concern_triaged",
            summary=(
                f"Recorded a level {pyramid_level} decision on concern {concern} with "
                f"{len(referrals)} referral(s): " + ", ".join(sorted(destinations))
            ),
            obj=concern,
            changes={
                **changes_between(before, {"status": concern.status, "pyramid_level": pyramid_level}),
                **type_change,
            },
        )
        for police_referral in decision.referrals.filter(destination=ReferralDestination.POLICE_PREVENT):
            notify(
                recipients=active_users_with_role(Role.POLICE_PREVENT_OFFICER),
                template="concerns/email/referred_to_police_prevent",
                reference=concern.reference or "",
                link_path=reverse("channel:gateway-assess-concern", args=[police_referral.pk]),
            )
    return decision


def triage_request_more_information(*, actor: User, concern: Concern, question: str) -> InformationRequest:
    require(actor, Action.TRIAGE_CONCERN, concern, hide=True)
    with transaction.atomic():
        concern = (
            Concern.objects.select_for_update(of=("self",)).select_related("raised_by").get(pk=concern.pk)
        )
        move(concern, ConcernStatus.MORE_INFORMATION_REQUESTED)
        concern.save()
        request = InformationRequest.objects.create(concern=concern, question=question, asked_by=actor)
        record_event(
            actor=actor,
            action="concern_information_requested",
            summary=f"Asked the practitioner for more information on concern {concern}",
            obj=request,
        )
        notify(
            recipients=[concern.raised_by],
            template="concerns/email/information_requested",
            reference=concern.reference or "",
            link_path=reverse("concerns:detail", args=[concern.pk]),
        )
    return request


def open_information_request(concern: Concern) -> InformationRequest | None:
    """The latest question the practitioner has not answered."""
    return concern.information_requests.filter(answered_at__isnull=True).order_by("-asked_at", "-pk").first()


def concern_answer_question(*, actor: User, concern: Concern, answer: str) -> InformationRequest:
    require(actor, Action.ANSWER_CONCERN_QUESTION, concern, hide=True)
    with transaction.atomic():
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        request = open_information_request(concern)
        if request is None:
            raise ValidationError("There is no question to answer")
        move(concern, ConcernStatus.SUBMITTED)
        concern.save()
        request.answer = answer
        request.answered_by = actor
        request.answered_at = clock.now()
        request.save()
        record_event(
            actor=actor,
            action="concern_question_answered",
            summary=f"Answered the SPOC's question on concern {concern}",
            obj=request,
        )
        notify(
            recipients=spoc_recipients(concern.organisation_id),
            template="concerns/email/question_answered",
            reference=concern.reference or "",
            link_path=reverse("concerns:detail", args=[concern.pk]),
        )
    return request


def triage_close_no_further_action(
    *, actor: User, concern: Concern, reason: str, concern_type: ConcernType | None = None
) -> Concern:
    require(actor, Action.TRIAGE_CONCERN, concern, hide=True)
    with transaction.atomic():
        concern = (
            Concern.objects.select_for_update(of=("self",)).select_related("concern_type").get(pk=concern.pk)
        )
        before = concern.status
        move(concern, ConcernStatus.CLOSED_NO_FURTHER_ACTION)
        concern.closed_reason = reason
        type_change = _set_concern_type(concern, concern_type)
        concern.save()
        record_event(
            actor=actor,
            action="concern_closed",
            summary=f"Closed concern {concern} with no further action",
            obj=concern,
            changes={**changes_between({"status": before}, {"status": concern.status}), **type_change},
        )
    return concern
