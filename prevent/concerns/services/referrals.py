"""A referral's status after it is sent, by the SPOC or by the domain that
received it (the police gateway). One transition table, one audit event
(`referral_status_changed`), one update row per change."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.core.notify import active_users_with_role, notify
from prevent.policy import Action, require

from .. import hooks
from ..models import Referral, ReferralDestination, ReferralInformation, ReferralStatus, ReferralUpdate

REFERRAL_TRANSITIONS: dict[str, set[str]] = {
    ReferralStatus.SENT: {
        ReferralStatus.ACKNOWLEDGED,
        ReferralStatus.CHASED,
        ReferralStatus.OUTCOME_RECEIVED,
    },
    ReferralStatus.ACKNOWLEDGED: {ReferralStatus.CHASED, ReferralStatus.OUTCOME_RECEIVED},
    ReferralStatus.CHASED: {
        ReferralStatus.ACKNOWLEDGED,
        ReferralStatus.CHASED,
        ReferralStatus.OUTCOME_RECEIVED,
    },
    ReferralStatus.OUTCOME_RECEIVED: set(),
}


def _change(
    *, actor: User, referral: Referral, status: str, note: str, outcome: str, received_on: date | None
) -> Referral:
    """Inside the caller's transaction, with `referral` locked."""
    before = referral.status
    referral.status = status
    if status == ReferralStatus.OUTCOME_RECEIVED:
        referral.outcome = outcome
        referral.outcome_received_on = received_on or clock.today()
    referral.save()
    ReferralUpdate.objects.create(
        referral=referral, from_status=before, to_status=status, note=note or outcome, changed_by=actor
    )
    record_event(
        actor=actor,
        action="referral_status_changed",
        summary=f"Referral {referral.pk} of concern {referral.concern}: {ReferralStatus(status).label}",
        obj=referral,
        changes=changes_between({"status": before}, {"status": status}),
    )
    if status == ReferralStatus.OUTCOME_RECEIVED:
        hooks.referral_outcome_changed(referral)  # the API's webhooks (prevent/concerns/hooks.py)
    return referral


def referral_update_status(
    *, actor: User, referral: Referral, status: str, note: str = "", outcome: str = ""
) -> Referral:
    """The SPOC records that the referral was acknowledged, chased or
    answered. The form asks for the outcome with that status (shape); the
    move is checked here against the table (state)."""
    require(actor, Action.UPDATE_REFERRAL, referral, hide=True)
    with transaction.atomic():
        locked = Referral.objects.select_for_update().select_related("concern").get(pk=referral.pk)
        if status not in REFERRAL_TRANSITIONS.get(locked.status, set()):
            raise ValidationError({"status": "Select a new status for this referral"})
        return _change(
            actor=actor, referral=locked, status=status, note=note, outcome=outcome, received_on=None
        )


def referral_record_outcome(
    *, actor: User, referral: Referral, outcome: str, note: str = "", received_on: date | None = None
) -> Referral:
    """The one way another domain records a referral's outcome: the police
    gateway, when its assessment of a SPOC's police Prevent referral is
    made. Refused (ValidationError) when the referral already has its
    outcome; a caller that may meet one twice checks `status` first, under
    its own lock, or catches it. Call it inside the caller's transaction."""
    require(actor, Action.RECORD_REFERRAL_OUTCOME, referral, hide=True)
    if not outcome.strip():
        raise ValidationError({"outcome": "Enter the outcome of the referral"})
    with transaction.atomic():
        locked = Referral.objects.select_for_update().select_related("concern").get(pk=referral.pk)
        if ReferralStatus.OUTCOME_RECEIVED not in REFERRAL_TRANSITIONS.get(locked.status, set()):
            raise ValidationError("This referral already has its outcome")
        return _change(
            actor=actor,
            referral=locked,
            status=ReferralStatus.OUTCOME_RECEIVED,
            note=note,
            outcome=outcome,
            received_on=received_on,
        )


def gateway_path(referral: Referral) -> str:
    """Where police Prevent read this referral: its gateway record once it
    has one, else the gateway's page for the SPOC's referral."""
    gateway = getattr(referral, "gateway_referral", None)
    if gateway is not None:
        return reverse("channel:gateway-assess", args=[gateway.pk])
    return reverse("channel:gateway-assess-concern", args=[referral.pk])


def referral_add_information(*, actor: User, referral: Referral, text: str) -> ReferralInformation:
    """The SPOC adds information to a referral after it was sent (the
    referral as sent stays). For a referral to police Prevent, the Police
    Prevent Officers are told by email (a link and the concern's reference
    only) and read it on the gateway record. The same people who update the
    referral's status may add to it (UPDATE_REFERRAL)."""
    require(actor, Action.UPDATE_REFERRAL, referral, hide=True)
    if not text.strip():
        raise ValidationError({"text": "Enter the information you want to add"})
    with transaction.atomic():
        locked = Referral.objects.select_for_update().select_related("concern").get(pk=referral.pk)
        added = ReferralInformation.objects.create(referral=locked, text=text, added_by=actor)
        record_event(
            actor=actor,
            action="referral_information_added",
            summary=f"Added information to referral {locked.pk} of concern {locked.concern}",
            obj=added,
        )
        if locked.destination == ReferralDestination.POLICE_PREVENT:
            notify(
                recipients=active_users_with_role(Role.POLICE_PREVENT_OFFICER),
                template="concerns/email/referral_information_added",
                reference=locked.concern.reference or "",
                link_path=gateway_path(locked) + "#further-information",
            )
    return added
