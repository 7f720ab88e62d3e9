"""Data quality for coordinators: the records whose missing fields make the
statistics less trustworthy, each linked to the page where it is put right.
Every list holds only records the coordinator may see anyway (the domains'
own scopes); each costs one query for its first rows and one for its count.
Records are named by reference, never by the person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from prevent.channel.models import OPEN_STATUSES, AgendaItem, ChannelCase, GatewayAssessment
from prevent.concerns.demographics import KNOWN_AGE_BANDS
from prevent.concerns.models import Concern, ConcernStatus, Referral, ReferralDestination
from prevent.core import clock
from prevent.policy import Action, scoped

if TYPE_CHECKING:
    from prevent.accounts.models import User

SHOWN = 50


@dataclass
class Item:
    reference: str
    detail: str
    href: str


@dataclass
class Problem:
    slug: str
    title: str
    fix: str
    count: int
    items: list[Item] = field(default_factory=list)


def _concerns_missing(user: User, q: Q) -> tuple[int, list[Item]]:
    qs = scoped(user, Action.VIEW_CONCERN, Concern.objects.exclude(status=ConcernStatus.DRAFT)).filter(q)
    first = qs.select_related("organisation").order_by("submitted_at", "pk")[:SHOWN]
    items = [
        Item(
            c.label,
            f"{c.organisation.name}, submitted {c.submitted_at:%-d %B %Y}"
            if c.submitted_at
            else c.organisation.name,
            reverse("concerns:detail", args=[c.pk]),
        )
        for c in first
    ]
    return qs.count(), items


def problems(user: User) -> list[Problem]:
    today = clock.today()
    found = []
    no_age = Q(age_at_referral__isnull=True) & ~Q(person_age_band__in=KNOWN_AGE_BANDS)
    count, items = _concerns_missing(user, no_age)
    found.append(
        Problem(
            "no-age",
            "Concerns with no age",
            "Add the age or date of birth with an addendum on the concern.",
            count,
            items,
        )
    )
    count, items = _concerns_missing(user, Q(person_gender=""))
    found.append(
        Problem(
            "no-gender",
            "Concerns with no gender",
            "Add the gender with an addendum on the concern.",
            count,
            items,
        )
    )
    count, items = _concerns_missing(user, Q(concern_type__isnull=True))
    found.append(
        Problem(
            "no-type",
            "Concerns with no type of concern",
            "Record the type of concern on the concern.",
            count,
            items,
        )
    )
    count, items = _concerns_missing(user, Q(organisation__sector=""))
    found.append(
        Problem(
            "no-sector",
            "Concerns from an organisation with no sector",
            "Ask an administrator to record the organisation's sector.",
            count,
            items,
        )
    )
    due = today - dt.timedelta(days=int(getattr(settings, "PREVENT_GATEWAY_DUE_DAYS", 7)))
    waiting = (
        scoped(user, Action.VIEW_GATEWAY_CONCERN_REFERRAL, Referral.objects.all())
        .filter(destination=ReferralDestination.POLICE_PREVENT, sent_on__lt=due)
        .exclude(Exists(GatewayAssessment.objects.filter(gateway_referral__referral=OuterRef("pk"))))
    )
    first = waiting.select_related("concern").order_by("sent_on", "pk")[:SHOWN]
    found.append(
        Problem(
            "no-gateway-outcome",
            "Referrals with no gateway outcome after the expected days",
            "Record the gateway assessment.",
            waiting.count(),
            [
                Item(
                    r.concern.label,
                    f"Sent {r.sent_on:%-d %B %Y}",
                    reverse("channel:gateway-assess-concern", args=[r.pk]),
                )
                for r in first
            ],
        )
    )
    future = AgendaItem.objects.filter(case=OuterRef("pk"), meeting__meeting_on__gte=today)
    cases = scoped(user, Action.VIEW_CHANNEL_CASE, ChannelCase.objects.all()).filter(status__in=OPEN_STATUSES)
    cases = cases.exclude(Exists(future))
    first_cases = cases.order_by("opened_at", "pk")[:SHOWN]
    found.append(
        Problem(
            "no-review-date",
            "Open Channel cases with no review date",
            "Add the case to the agenda of a coming panel.",
            cases.count(),
            [
                Item(
                    c.reference,
                    f"{c.get_status_display()}, opened {c.opened_at:%-d %B %Y}",
                    reverse("channel:case-detail", args=[c.pk]),
                )
                for c in first_cases
            ],
        )
    )
    return found
