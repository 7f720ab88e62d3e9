"""What a disposed record leaves behind: the categories the statistics
count, never who it was about or what was written.

`concern_categories` (and the others) are used both to write a tombstone
and to count a live record, so a period's figures are the same before and
after its records are disposed of (statistics.period_counts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils import timezone

from prevent.channel.models import ChannelCase, GatewayReferral
from prevent.concerns.models import Concern

from .models import RecordType

# The age groups of the official Prevent statistics.
AGE_GROUPS = ((14, "under_15"), (17, "15_to_17"), (20, "18_to_20"), (30, "21_to_30"), (40, "31_to_40"))


def _day(value: dt.datetime | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localdate(value)
    return value


def _age(concern: Concern) -> int | None:
    stored = getattr(concern, "age_at_referral", None)
    if stored is not None:
        return int(stored)
    born = concern.person.date_of_birth if concern.person is not None else concern.person_date_of_birth
    day = _day(concern.submitted_at) or _day(concern.created_at)
    if born is not None and day is not None:
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return concern.person_approximate_age


def age_group(concern: Concern) -> str:
    age = _age(concern)
    if age is None:
        return str(getattr(concern, "person_age_band", "") or "not_known")
    for upper, group in AGE_GROUPS:
        if age <= upper:
            return group
    return "41_to_50" if age <= 50 else "over_50"


def concern_categories(concern: Concern) -> dict[str, Any]:
    """Needs concern.organisation and concern.concern_type."""
    return {
        "sector": concern.organisation.sector,
        "district": concern.person_district or concern.organisation.district,
        "age_group": age_group(concern),
        "gender": concern.person_gender or "not_known",
        "ethnicity": getattr(concern, "person_ethnicity", "") or "not_known",
        "concern_type": str(concern.concern_type) if concern.concern_type is not None else "not_known",
        "pyramid_level": concern.pyramid_level,
        "outcome": concern.status,
        "referred_to_police_prevent": concern.referred_to_police_prevent,
    }


def gateway_categories(referral: GatewayReferral) -> dict[str, Any]:
    """Needs referral.assessments."""
    assessments = sorted(referral.assessments.all(), key=lambda a: (a.assessed_at, a.pk))
    return {
        "source": referral.source,
        "external_source": referral.external_source or "",
        "outcome": assessments[-1].outcome if assessments else "awaiting",
    }


def case_categories(case: ChannelCase) -> dict[str, Any]:
    """Needs case.interventions and case.consents."""
    return {
        "outcome": case.status,
        "intervention_types": sorted({i.type for i in case.interventions.all()}),
        "consent": [c.outcome for c in case.consents.all()][-1:] or ["none"],
    }


Tombstone = tuple[str, dt.date | None, dt.date | None, str, dict[str, Any]]


def _concern(concern: Concern) -> Tombstone | None:
    """None for a draft: never counted, so it leaves nothing."""
    if concern.is_draft:
        return None
    decisions = list(concern.decisions.all())
    closed = _day(max(d.decided_at for d in decisions)) if decisions else None
    return (
        RecordType.CONCERN,
        _day(concern.submitted_at) or _day(concern.created_at),
        closed,
        concern.status,
        concern_categories(concern),
    )


def _gateway(referral: GatewayReferral) -> Tombstone:
    categories = gateway_categories(referral)
    assessed = [a.assessed_at for a in referral.assessments.all()]
    return (
        RecordType.GATEWAY_REFERRAL,
        referral.received_on,
        _day(max(assessed)) if assessed else None,
        str(categories["outcome"]),
        categories,
    )


def _case(case: ChannelCase) -> Tombstone:
    return (RecordType.CHANNEL_CASE, _day(case.opened_at), case.exited_on, case.status, case_categories(case))


# The tombstone of each kind of record, by model label; a domain may add its
# own with register_tombstone.
TOMBSTONES: dict[str, Callable[[Any], Tombstone | None]] = {
    "concerns.concern": _concern,
    "channel.gatewayreferral": _gateway,
    "channel.channelcase": _case,
}


def register_tombstone(model: type[models.Model], make: Callable[[Any], Tombstone | None]) -> None:
    TOMBSTONES[model._meta.label_lower] = make
