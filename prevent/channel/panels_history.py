"""A person's earlier concerns, referrals to Prevent and gateway outcomes:
the one query behind the repeat-referral panel at triage, at the gateway
and on the Channel case (templates/channel/panels/referral_history.html,
through the `referral_history_panel` tag of prevent/concerns/templatetags).

What the viewer sees follows the policy: concerns they may view
(`scoped(VIEW_CONCERN)`), gateway referrals they may view, or that came
from a concern they may view, and outcomes they may see. Police Prevent
officers and Prevent Coordinators therefore see all of them, across
organisations. The warning is raised when there were two or more earlier
referrals to Prevent in the last three years, or an earlier one ended at the
gateway with no further action; the gateway service refuses "no further
action" again without the officer's acknowledgement
(`gateway_record_assessment`). Four queries, whatever the history's size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from prevent.concerns.models import Concern, ConcernStatus, Referral, ReferralDestination
from prevent.concerns.rules import visible_concerns_q
from prevent.core import clock
from prevent.policy import Action, can, require, scoped

from .models import GatewayAssessment, GatewayOutcome, GatewayReferral

if TYPE_CHECKING:
    from prevent.accounts.models import User
    from prevent.people.models import Person

WARNING_YEARS = 3
WARNING_REFERRALS = 2


@dataclass(frozen=True)
class EarlierConcern:
    reference: str
    organisation: str
    submitted_on: dt.date | None
    status: str
    href: str


@dataclass(frozen=True)
class EarlierReferral:
    reference: str
    on: dt.date
    source: str
    outcome: str  # the gateway outcome's label; "" while awaiting (or not the viewer's to see)
    outcome_code: str
    href: str


@dataclass
class ReferralHistory:
    concerns: list[EarlierConcern] = field(default_factory=list)
    referrals: list[EarlierReferral] = field(default_factory=list)
    recent_referrals: int = 0
    earlier_no_further_action: bool = False

    @property
    def warning(self) -> bool:
        return self.recent_referrals >= WARNING_REFERRALS or self.earlier_no_further_action

    @property
    def empty(self) -> bool:
        return not self.concerns and not self.referrals


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def referral_history(
    *,
    user: User,
    person: Person | int,
    before: dt.date | None = None,
    concern: Concern | None = None,
    referral: Referral | None = None,
    gateway: GatewayReferral | None = None,
) -> ReferralHistory:
    """The person's concerns and referrals to Prevent up to `before`
    (today by default), leaving out the record being looked at (`concern`,
    `referral` or `gateway`), as far as `user` may see them."""
    person_id: int = person if isinstance(person, int) else person.pk
    before = before or clock.today()
    exclude_concern = concern.pk if concern is not None else None
    exclude_referral = referral.pk if referral is not None else None
    exclude_gateway = gateway.pk if gateway is not None else None
    if gateway is not None and gateway.referral_id is not None:
        exclude_referral = gateway.referral_id
    history = ReferralHistory()

    concerns = (
        scoped(user, Action.VIEW_CONCERN, Concern.objects.filter(person_id=person_id))
        .exclude(status=ConcernStatus.DRAFT)
        .select_related("organisation")
        .order_by("-submitted_at", "-pk")
    )
    if exclude_concern is not None:
        concerns = concerns.exclude(pk=exclude_concern)
    for c in concerns:
        history.concerns.append(
            EarlierConcern(
                reference=c.label,
                organisation=c.organisation.name,
                submitted_on=c.submitted_at.date() if c.submitted_at else None,
                status=c.get_status_display(),
                href=reverse("concerns:detail", args=[c.pk]),
            )
        )

    may_see_gateway = can(user, Action.VIEW_GATEWAY_QUEUE)
    gateway_scope: Any = scoped(user, Action.VIEW_GATEWAY_REFERRAL).values("pk")
    through_concern = Q(referral__isnull=False) & visible_concerns_q(user, "referral__concern__")
    outcome_scope = GatewayAssessment.objects.filter(
        Q(pk__in=scoped(user, Action.VIEW_GATEWAY_ASSESSMENT).values("pk"))
        | visible_concerns_q(user, "gateway_referral__referral__concern__")
    )
    gateways = (
        GatewayReferral.objects.filter(person_id=person_id, received_on__lte=before)
        .filter(Q(pk__in=gateway_scope) | through_concern)
        .select_related("referral__concern")
        .prefetch_related(Prefetch("assessments", queryset=outcome_scope.order_by("assessed_at", "pk")))
    )
    if exclude_gateway is not None:
        gateways = gateways.exclude(pk=exclude_gateway)
    if exclude_referral is not None:
        gateways = gateways.exclude(referral_id=exclude_referral)
    if exclude_concern is not None:
        gateways = gateways.exclude(referral__concern_id=exclude_concern)
    rows: list[EarlierReferral] = []
    for g in gateways:
        assessments = list(g.assessments.all())
        last = assessments[-1] if assessments else None
        if g.referral is not None and g.referral.concern is not None:
            source = f"{g.get_source_display()} (concern {g.referral.concern.label})"
        else:
            source = g.get_source_display()
        rows.append(
            EarlierReferral(
                reference=g.reference,
                on=g.received_on,
                source=source,
                outcome=last.get_outcome_display() if last else "",
                outcome_code=last.outcome if last else "",
                href=reverse("channel:gateway-assess", args=[g.pk]) if may_see_gateway else "",
            )
        )
    pending = Referral.objects.filter(
        visible_concerns_q(user, "concern__"),
        concern__person_id=person_id,
        destination=ReferralDestination.POLICE_PREVENT,
        gateway_referral__isnull=True,
        sent_on__lte=before,
    ).select_related("concern")
    if exclude_referral is not None:
        pending = pending.exclude(pk=exclude_referral)
    if exclude_concern is not None:
        pending = pending.exclude(concern_id=exclude_concern)
    for r in pending:
        rows.append(
            EarlierReferral(
                reference=r.concern.label,
                on=r.sent_on,
                source="Referral from a SPOC, awaiting the gateway",
                outcome="",
                outcome_code="",
                href=reverse("concerns:detail", args=[r.concern_id]) + f"#referral-{r.pk}",
            )
        )
    rows.sort(key=lambda row: (row.on, row.reference), reverse=True)
    history.referrals = rows
    since = _years_before(before, WARNING_YEARS)
    history.recent_referrals = sum(1 for row in rows if row.on >= since)
    history.earlier_no_further_action = any(
        row.outcome_code == GatewayOutcome.NO_FURTHER_ACTION for row in rows
    )
    return history


def gateway_history(user: User, *, outcome: str = "") -> QuerySet[GatewayReferral]:
    """Every referral that reached police Prevent, newest first, with the
    person, where it came from, its assessments and any Channel case: the
    gateway history for police officers and Prevent Coordinators (every
    referral to Prevent across the partnership). `outcome`: a gateway
    outcome, or "awaiting". A fixed number of queries per page."""
    require(user, Action.VIEW_GATEWAY_QUEUE)
    referrals = scoped(user, Action.VIEW_GATEWAY_REFERRAL, GatewayReferral.objects.all()).select_related(
        "person", "referral__concern__organisation", "channel_case"
    )
    if outcome == "awaiting":
        referrals = referrals.filter(assessments__isnull=True)
    elif outcome in GatewayOutcome.values:
        referrals = referrals.filter(assessments__outcome=outcome).distinct()
    return referrals.prefetch_related(
        Prefetch("assessments", queryset=GatewayAssessment.objects.order_by("assessed_at", "pk"))
    ).order_by("-received_on", "-pk")
