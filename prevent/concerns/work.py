"""The "Your work" lists of the home page (wired in by prevent/home/work.py).

Each returns at most LIMIT items from a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from prevent.core import clock
from prevent.people.rules import unrestricted_q
from prevent.policy import Action, can, scoped

from .models import (
    Concern,
    ConcernStatus,
    Referral,
    ReferralDestination,
    ReferralInformation,
    ReferralStatus,
)
from .rules import visible_concerns_q
from .selectors import own_concerns, referrals_for_spoc, triage_queue
from .services.referrals import gateway_path

if TYPE_CHECKING:
    from prevent.accounts.models import User

LIMIT = 20


@dataclass(frozen=True)
class WorkItem:
    text: str
    href: str
    status: str
    detail: str = ""
    overdue: bool = False


def practitioner_items(user: User) -> list[WorkItem]:
    """The user's drafts and submitted concerns with their status (1 query)."""
    if not can(user, Action.RECORD_CONCERN):
        return []
    items = []
    for concern in own_concerns(user)[:LIMIT]:
        if concern.status == ConcernStatus.DRAFT:
            href = reverse("concerns:draft", args=[concern.pk])
            text = f"Draft concern started {timezone.localtime(concern.created_at):%-d %B %Y}"
        else:
            href = reverse("concerns:detail", args=[concern.pk])
            text = f"Concern {concern.reference}"
        items.append(
            WorkItem(text, href, concern.get_status_display(), f"Updated {_ago(concern.updated_at)}")
        )
    return items


def questions_to_answer(user: User) -> QuerySet[Concern]:
    """The user's concerns on which the SPOC asked more (the list on "Your
    work" and the count in the navigation)."""
    if not can(user, Action.RECORD_CONCERN):
        return Concern.objects.none()
    return own_concerns(user).filter(status=ConcernStatus.MORE_INFORMATION_REQUESTED)


def practitioner_questions(user: User) -> list[WorkItem]:
    """The user's concerns on which the SPOC asked more (1 query)."""
    asked = questions_to_answer(user)
    return [
        WorkItem(
            f"Answer the question on concern {c.reference}",
            reverse("concerns:answer", args=[c.pk]),
            "Question to answer",
            f"Asked {_ago(c.updated_at)}",
        )
        for c in asked[:LIMIT]
    ]


def spoc_outcomes(user: User, *, days: int = 30) -> list[WorkItem]:
    """Outcomes of the SPOC's referrals received in the last `days` days (1 query)."""
    if not can(user, Action.VIEW_TRIAGE_QUEUE):
        return []
    since = clock.today() - timedelta(days=days)
    received = (
        scoped(user, Action.UPDATE_REFERRAL, Referral.objects.all())
        .filter(status=ReferralStatus.OUTCOME_RECEIVED, outcome_received_on__gte=since)
        .select_related("concern")
        .order_by("-outcome_received_on", "pk")
    )
    return [
        WorkItem(
            f"{r.concern.reference}: outcome from {r.get_destination_display()}",
            reverse("concerns:detail", args=[r.concern_id]) + f"#referral-{r.pk}",
            "Outcome received: read it",
            f"Received {r.outcome_received_on:%-d %B %Y}" if r.outcome_received_on else "",
        )
        for r in received[:LIMIT]
    ]


def spoc_items(user: User) -> dict[str, list[WorkItem]]:
    """The triage queue oldest first with waiting time, referrals awaiting an
    outcome, and the overdue ones to chase (2 queries)."""
    empty: dict[str, list[WorkItem]] = {"triage": [], "awaiting_outcome": [], "overdue": []}
    if not can(user, Action.VIEW_TRIAGE_QUEUE):
        return empty
    for concern in triage_queue(user)[:LIMIT]:
        empty["triage"].append(
            WorkItem(
                f"Concern {concern.reference}",
                reverse("concerns:detail", args=[concern.pk]),
                concern.get_status_display(),
                f"Waiting {timesince(concern.submitted_at)}" if concern.submitted_at else "",
            )
        )
    today = clock.today()
    for referral in referrals_for_spoc(user)[:LIMIT]:
        overdue = referral.is_overdue(today)
        item = WorkItem(
            f"{referral.concern.reference}: {referral.get_destination_display()}",
            reverse("concerns:detail", args=[referral.concern_id]) + f"#referral-{referral.pk}",
            ReferralStatus(referral.status).label,
            f"Expected {referral.expected_response_on:%-d %B %Y}" if referral.expected_response_on else "",
            overdue,
        )
        empty["awaiting_outcome"].append(item)
        if overdue:
            empty["overdue"].append(item)
    return empty


def referrer_additions(user: User, *, days: int = 30) -> QuerySet[ReferralInformation]:
    """What SPOCs added, in the last `days` days, to referrals already sent
    to police Prevent that the user may see, newest first."""
    since = clock.now() - timedelta(days=days)
    return (
        ReferralInformation.objects.filter(
            visible_concerns_q(user, "referral__concern__"),
            # Not about a restricted person hidden from the user (ADR 0017).
            unrestricted_q(user, "referral__concern__person"),
            referral__destination=ReferralDestination.POLICE_PREVENT,
            added_at__gte=since,
        )
        .select_related("referral__concern", "referral__gateway_referral")
        .order_by("-added_at", "-pk")
    )


def referrer_addition_items(user: User) -> list[WorkItem]:
    """The police officer's list of those additions, each leading to the
    gateway record where it is read (1 query)."""
    if not can(user, Action.VIEW_GATEWAY_QUEUE):
        return []
    return [
        WorkItem(
            f"{added.referral.concern.reference}: information added by the referrer",
            gateway_path(added.referral) + "#further-information",
            "Read it",
            f"Added {timezone.localtime(added.added_at):%-d %B %Y}",
        )
        for added in referrer_additions(user)[:LIMIT]
    ]


def _ago(value: datetime) -> str:
    return f"{timesince(value)} ago"
