"""Counts by category that survive disposal: live records plus tombstones.

`period_counts(start, end)` counts every concern submitted, gateway
referral received and Channel case opened in the period, by each category
the tombstones keep (tombstones.py), whether the record is still held or
has been disposed of. Disposal leaves these figures unchanged: the
statistics of a past period do not move when its records go."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from prevent.channel.models import ChannelCase, GatewayReferral
from prevent.concerns.models import Concern, ConcernStatus

from .models import DisposedRecord, RecordType
from .tombstones import _day, case_categories, concern_categories, gateway_categories


def _add(counts: Counter[tuple[str, str, str]], record_type: str, categories: dict[str, Any]) -> None:
    counts[(record_type, "total", "all")] += 1
    for key, value in categories.items():
        counts[(record_type, key, str(value))] += 1


def period_counts(start: dt.date, end: dt.date) -> Counter[tuple[str, str, str]]:
    counts: Counter[tuple[str, str, str]] = Counter()

    def within(day: dt.date | None) -> bool:
        return day is not None and start <= day <= end

    concerns = (
        Concern.objects.exclude(status=ConcernStatus.DRAFT)
        .select_related("organisation", "concern_type", "person")
        .order_by("pk")
    )
    for concern in concerns:
        if within(_day(concern.submitted_at) or _day(concern.created_at)):
            _add(counts, RecordType.CONCERN, concern_categories(concern))
    for referral in GatewayReferral.objects.prefetch_related("assessments").order_by("pk"):
        if within(referral.received_on):
            _add(counts, RecordType.GATEWAY_REFERRAL, gateway_categories(referral))
    for case in ChannelCase.objects.prefetch_related("interventions", "consents").order_by("pk"):
        if within(_day(case.opened_at)):
            _add(counts, RecordType.CHANNEL_CASE, case_categories(case))
    for tombstone in DisposedRecord.objects.filter(created_on__gte=start, created_on__lte=end):
        _add(counts, tombstone.record_type, tombstone.categories)
    return counts
