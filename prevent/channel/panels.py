"""What Channel adds to the concern page (prevent/concerns/panels.py): the
outcome of each police Prevent referral as the referrer may hear it, and
at triage the person's earlier referrals (panels_history.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse

from prevent.policy import Action, can, require

from .models import CaseStatus, GatewayAssessment
from .panels_history import referral_history

if TYPE_CHECKING:
    from prevent.accounts.models import User
    from prevent.concerns.models import Concern

# What the referrer hears of a Channel case: adopted or not, and when it
# ended; never the panel's reasons, consent or the support given.
CHANNEL_WORDS = {
    CaseStatus.PRELIMINARY: "The Channel Panel is gathering information",
    CaseStatus.NOT_ADOPTED: "Not adopted by the Channel Panel: referred to other support",
    CaseStatus.AWAITING_CONSENT: "Adopted by the Channel Panel",
    CaseStatus.CONSENT_REFUSED: "Adopted by the Channel Panel",
    CaseStatus.SUPPORT: "Adopted by the Channel Panel",
    CaseStatus.EXIT_RECOMMENDED: "Adopted by the Channel Panel",
    CaseStatus.EXITED: "Left Channel",
}


@dataclass(frozen=True)
class ReferralOutcomeView:
    referral_pk: int
    outcome: str
    assessed_on: dt.datetime
    channel: str  # "" when not referred to Channel
    exited_on: dt.date | None
    case_href: str  # for those who may open the case


def referral_outcomes(*, user: User, concern: Concern) -> list[ReferralOutcomeView]:
    """The gateway outcome of each of the concern's police Prevent
    referrals, by name only (no rationale), then whether Channel adopted the
    case and when it ended. One query; the links ask the policy."""
    require(user, Action.VIEW_CONCERN, concern, hide=True)
    rows = (
        GatewayAssessment.objects.filter(gateway_referral__referral__concern=concern)
        .select_related("gateway_referral__channel_case")
        .order_by("assessed_at", "pk")
    )
    views = []
    for a in rows:
        case = getattr(a.gateway_referral, "channel_case", None)
        views.append(
            ReferralOutcomeView(
                referral_pk=a.gateway_referral.referral_id or 0,
                outcome=a.get_outcome_display(),
                assessed_on=a.assessed_at,
                channel=CHANNEL_WORDS.get(case.status, "") if case else "",
                exited_on=case.exited_on if case and case.status == CaseStatus.EXITED else None,
                case_href=reverse("channel:case-detail", args=[case.pk])
                if case and can(user, Action.VIEW_CHANNEL_CASE, case)
                else "",
            )
        )
    return views


def gateway_outcomes_panel(user: User, concern: Concern) -> dict[str, Any] | None:
    """The police gateway's outcome of each of the concern's police Prevent
    referrals, and what Channel did; nothing when there is none yet."""
    outcomes = referral_outcomes(user=user, concern=concern)
    return {"outcomes": outcomes} if outcomes else None


def referral_history_panel(user: User, concern: Concern) -> dict[str, Any] | None:
    """At triage: the person's earlier concerns, referrals to Prevent and
    gateway outcomes, as far as the SPOC may see them (panels_history.py)."""
    if concern.person_id is None or not can(user, Action.TRIAGE_CONCERN, concern):
        return None
    return {"history": referral_history(user=user, person=concern.person_id, concern=concern)}
