"""The police gateway: referrals arrive, are assessed, and may open a Channel case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from prevent.accounts.models import User
from prevent.audit.services import record_event
from prevent.concerns.models import (
    Referral,
    ReferralStatus,
)
from prevent.concerns.services import referral_record_outcome
from prevent.core import clock
from prevent.core.notify import notify
from prevent.core.references import next_reference
from prevent.people.services import person_create
from prevent.policy import Action, can, require

from ..models import (
    ChannelCase,
    GatewayAssessment,
    GatewayCheck,
    GatewayOutcome,
    GatewayReferral,
    GatewaySource,
    GatewayStatus,
)
from ..panels_history import referral_history
from ._common import (
    _required,
)

GATEWAY_TRANSITIONS: dict[str, set[str]] = {
    GatewayStatus.AWAITING: {GatewayStatus.ASSESSED},
    GatewayStatus.ASSESSED: set(),
}


def gateway_referral_from_concern(*, actor: User, referral: Referral) -> GatewayReferral:
    """The gateway referral of a SPOC's police Prevent referral (made once)."""
    require(actor, Action.ASSESS_CONCERN_REFERRAL, referral)
    person_id = referral.concern.person_id
    if person_id is None:  # the rule admits only referrals about a known person
        raise ValidationError("Only a referral about a known person reaches the gateway")
    with transaction.atomic():
        existing = GatewayReferral.objects.filter(referral=referral).first()
        if existing is not None:
            return existing
        gateway = GatewayReferral.objects.create(
            reference=next_reference("GW"),
            source=GatewaySource.SPOC_REFERRAL,
            referral=referral,
            person_id=person_id,
            received_on=referral.sent_on,
            created_by=actor,
        )
        record_event(
            actor=actor,
            action="gateway_referral_received",
            summary=f"Received police Prevent referral {gateway.reference} from concern {referral.concern}",
            obj=gateway,
        )
    return gateway


@dataclass(frozen=True)
class ExternalPerson:
    full_name: str
    date_of_birth: date | None = None
    address: str = ""
    postcode: str = ""


def gateway_log_external_referral(
    *,
    actor: User,
    person: ExternalPerson,
    external_source: str,
    external_detail: str,
    summary: str,
    received_on: date,
) -> GatewayReferral:
    """A referral that reached police Prevent from outside the system."""
    require(actor, Action.LOG_EXTERNAL_REFERRAL)
    errors: dict[str, str] = {}
    _required(errors, person.full_name, "full_name", "Enter the person's full name")
    _required(errors, summary, "summary", "Enter a summary of the referral")
    if received_on > clock.today():
        errors["received_on"] = "The date the referral was received must be today or in the past"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        subject = person_create(
            actor=actor,
            full_name=person.full_name,
            date_of_birth=person.date_of_birth,
            address=person.address,
            postcode=person.postcode,
        )
        gateway = GatewayReferral.objects.create(
            reference=next_reference("GW"),
            source=GatewaySource.EXTERNAL,
            person=subject,
            external_source=external_source,
            external_detail=external_detail,
            summary=summary,
            received_on=received_on,
            created_by=actor,
        )
        record_event(
            actor=actor,
            action="gateway_external_referral_logged",
            summary=f"Logged external referral {gateway.reference}",
            obj=gateway,
        )
    return gateway


def gateway_record_assessment(
    *,
    actor: User,
    gateway_referral: GatewayReferral,
    checks: list[str],
    checks_notes: str,
    outcome: str,
    signposted_to: str,
    rationale: str,
    case_officer: User | None,
    history_acknowledged: bool = False,
) -> GatewayAssessment:
    """The gateway assessment; "referred to Channel" opens a Channel case.
    Whoever referred is told the outcome (its name only) by email.

    When the person's history raises the repeat-referral warning
    (panels_history.referral_history), "no further action" needs the
    officer's acknowledgement that they read it; the assessment records
    that the warning was shown and whether it was acknowledged."""
    require(actor, Action.RECORD_GATEWAY_ASSESSMENT, gateway_referral)
    warning = referral_history(
        user=actor,
        person=gateway_referral.person_id,
        before=gateway_referral.received_on,
        gateway=gateway_referral,
    ).warning
    errors: dict[str, str] = {}
    if warning and outcome == GatewayOutcome.NO_FURTHER_ACTION and not history_acknowledged:
        errors["history_acknowledged"] = (
            "Confirm you have read the person's earlier referrals before you record no further action"
        )
    if not checks or any(c not in GatewayCheck.values for c in checks):
        errors["checks"] = "Select the checks you made"
    if outcome not in GatewayOutcome.values:
        errors["outcome"] = "Select the outcome of the gateway assessment"
    if outcome == GatewayOutcome.SIGNPOSTED:
        _required(errors, signposted_to, "signposted_to", "Enter the services the person was signposted to")
    if outcome == GatewayOutcome.CHANNEL and (
        case_officer is None or not can(case_officer, Action.LEAD_CHANNEL_CASE)
    ):
        errors["case_officer"] = "Select the case officer (a Prevent Coordinator)"
    _required(errors, rationale, "rationale", "Enter the rationale for the outcome")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        gateway = GatewayReferral.objects.select_for_update().get(pk=gateway_referral.pk)
        if GatewayStatus.ASSESSED not in GATEWAY_TRANSITIONS[gateway.status]:
            raise ValidationError("This referral has already had its gateway assessment")
        gateway.status = GatewayStatus.ASSESSED
        gateway.save(update_fields=["status"])
        assessment = GatewayAssessment.objects.create(
            gateway_referral=gateway,
            checks=checks,
            checks_notes=checks_notes,
            outcome=outcome,
            signposted_to=signposted_to if outcome == GatewayOutcome.SIGNPOSTED else "",
            rationale=rationale,
            assessed_by=actor,
            history_warning_shown=warning,
            history_acknowledged=warning and history_acknowledged,
        )
        record_event(
            actor=actor,
            action="gateway_assessed",
            summary=f"Gateway assessment of {gateway.reference}: {GatewayOutcome(outcome).label}",
            obj=assessment,
        )
        if assessment.history_acknowledged:
            record_event(
                actor=actor,
                action="gateway_history_acknowledged",
                summary=(
                    f"Acknowledged the repeat-referral warning on {gateway.reference} "
                    f"(person {gateway.person_id}) before recording {GatewayOutcome(outcome).label}"
                ),
                obj=assessment,
            )
        if outcome == GatewayOutcome.CHANNEL and case_officer is not None:
            case = ChannelCase.objects.create(
                reference=next_reference("CH"),
                person_id=gateway.person_id,
                gateway_referral=gateway,
                case_officer=case_officer,
                opened_by=actor,
            )
            record_event(
                actor=actor, action="channel_case_opened", summary=f"Opened Channel case {case}", obj=case
            )
            notify(
                recipients=[case_officer],
                template="channel/email/case_opened",
                reference=case.reference,
                link_path=reverse("channel:case-detail", args=[case.pk]),
            )
        if gateway.referral_id is not None:
            _tell_referrer(actor, gateway, outcome)
    return assessment


def gateway_referral_viewed(*, actor: User, gateway: GatewayReferral) -> None:
    """The gateway assessment page shows the person's name and date of birth:
    an audited read, once per page view, after access is granted."""
    require(actor, Action.VIEW_GATEWAY_REFERRAL, gateway, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="channel_gateway_referral_viewed",
            summary=f"Viewed gateway referral {gateway.reference} (person {gateway.person_id})",
            obj=gateway,
        )


def gateway_concern_referral_viewed(*, actor: User, referral: Referral) -> None:
    """A SPOC's police Prevent referral opened for its gateway assessment
    (the page shows the person's name and date of birth)."""
    require(actor, Action.ASSESS_CONCERN_REFERRAL, referral, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="channel_gateway_referral_viewed",
            summary=(
                f"Viewed police Prevent referral {referral.pk} of concern {referral.concern.reference} "
                f"for the gateway (person {referral.concern.person_id})"
            ),
            obj=referral,
        )


def _tell_referrer(actor: User, gateway: GatewayReferral, outcome: str) -> None:
    """The SPOC's referral gets its outcome (the outcome's name only),
    through the concerns service, so its transitions and audit event apply;
    the SPOC who sent it is told by email."""
    referral = (
        Referral.objects.select_for_update()
        .select_related("concern", "created_by")
        .get(pk=int(gateway.referral_id or 0))
    )
    label = GatewayOutcome(outcome).label
    if referral.status != ReferralStatus.OUTCOME_RECEIVED:
        referral = referral_record_outcome(
            actor=actor, referral=referral, outcome=f"Police Prevent gateway outcome: {label}"
        )
    notify(
        recipients=[referral.created_by],
        template="channel/email/gateway_outcome",
        reference=referral.concern.reference or "",
        link_path=reverse("concerns:detail", args=[referral.concern_id]) + f"#referral-{referral.pk}",
        context={"outcome": label},
    )


def gateway_history_viewed(*, actor: User, references: list[str], page: str = "the gateway history") -> None:
    """The gateway history (and queue) name each person: one audited read
    per page view, naming the referrals shown by reference."""
    require(actor, Action.VIEW_GATEWAY_QUEUE)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="channel_gateway_history_viewed",
            summary=f"Viewed {page} ({len(references)} shown)",
            object_type=GatewayReferral._meta.label_lower,
            changes={"referrals_shown": {"before": None, "after": references}},
        )
