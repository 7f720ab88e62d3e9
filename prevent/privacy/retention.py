"""The retention schedule and each record's disposal date.

The defaults are documented in docs/data-protection/retention.md; a
coordinator may change the years for any row (`RetentionRule`, through
services.retention_rule_set). A record's disposal date is the date its
period starts from (closure, exit, the last post-exit review...) plus the
years of its row; a record still open has none yet. A person's records go
together, on the latest of their dates, once none is open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from prevent.channel.models import CaseStatus, ChannelCase, GatewayReferral, GatewayStatus
from prevent.concerns.models import Concern, ConcernStatus, ReferralDestination

from .models import RecordType, RetentionRule


@dataclass(frozen=True)
class ScheduleRow:
    record_type: str
    outcome: str
    label: str
    starts: str  # from when the period counts, in words
    default_years: int


SCHEDULE: tuple[ScheduleRow, ...] = (
    ScheduleRow(
        RecordType.CONCERN, "no_referral", "Concern closed with no referral", "the SPOC's decision", 3
    ),
    ScheduleRow(
        RecordType.CONCERN,
        "referred_elsewhere",
        "Concern referred to other services, not police Prevent",
        "the SPOC's decision",
        6,
    ),
    ScheduleRow(
        RecordType.CONCERN,
        "referred_to_prevent",
        "Concern referred to police Prevent",
        "the SPOC's decision",
        6,
    ),
    ScheduleRow(
        RecordType.GATEWAY_REFERRAL,
        "no_further_action",
        "Referral closed at the gateway with no further action",
        "the gateway assessment",
        3,
    ),
    ScheduleRow(
        RecordType.GATEWAY_REFERRAL,
        "signposted",
        "Referral signposted to other services at the gateway",
        "the gateway assessment",
        3,
    ),
    ScheduleRow(
        RecordType.GATEWAY_REFERRAL, "police_led", "Referral managed by police", "the gateway assessment", 6
    ),
    ScheduleRow(
        RecordType.GATEWAY_REFERRAL, "channel", "Referral taken to Channel", "the gateway assessment", 6
    ),
    ScheduleRow(
        RecordType.CHANNEL_CASE,
        "exited",
        "Channel case that exited",
        "the exit, or the last post-exit review when later",
        6,
    ),
    ScheduleRow(
        RecordType.CHANNEL_CASE,
        "not_adopted",
        "Channel case not adopted (referred to other support)",
        "the panel's decision",
        6,
    ),
    ScheduleRow(RecordType.SELF_ASSESSMENT, "submitted", "Prevent duty self-assessment", "its submission", 6),
    ScheduleRow(RecordType.TRAINING_RECORD, "any", "Training record of a member of staff", "completion", 6),
    ScheduleRow(RecordType.AUDIT_EVENT, "any", "Audit event (kept longest)", "the event", 12),
)
ROWS = {(row.record_type, row.outcome): row for row in SCHEDULE}
MIN_YEARS, MAX_YEARS = 1, 50


def schedule_row(record_type: str, outcome: str) -> ScheduleRow | None:
    return ROWS.get((record_type, outcome))


def years_by_row() -> dict[tuple[str, str], int]:
    """The years of every row: the defaults with the coordinators' changes (one query)."""
    years = {key: row.default_years for key, row in ROWS.items()}
    for rule in RetentionRule.objects.all():
        if (rule.record_type, rule.outcome) in years:
            years[(rule.record_type, rule.outcome)] = rule.years
    return years


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class RecordDate:
    """One record's place in the schedule. `disposal_on` None: still open."""

    record_type: str
    record_id: int
    reference: str
    outcome: str
    starts_on: dt.date | None
    disposal_on: dt.date | None

    @property
    def label(self) -> str:
        row = schedule_row(self.record_type, self.outcome)
        return row.label if row else "Open: kept while it is open"

    @property
    def type_label(self) -> str:
        return str(RecordType(self.record_type).label)


def _day(value: dt.datetime | dt.date | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localdate(value)
    return value


def _dated(
    record_type: str, pk: int, reference: str, outcome: str, starts: dt.date | None, years: dict
) -> RecordDate:
    period = years.get((record_type, outcome))
    disposal = add_years(starts, period) if starts is not None and period is not None else None
    return RecordDate(record_type, pk, reference, outcome, starts, disposal)


def concern_date(concern: Concern, years: dict[tuple[str, str], int]) -> RecordDate:
    """Needs concern.decisions and concern.referrals (prefetched when many)."""
    decisions = list(concern.decisions.all())
    decided = _day(max(d.decided_at for d in decisions)) if decisions else _day(concern.updated_at)
    if concern.status in (ConcernStatus.NO_REFERRAL, ConcernStatus.CLOSED_NO_FURTHER_ACTION):
        outcome = "no_referral"
    elif concern.status == ConcernStatus.REFERRED:
        to_prevent = any(r.destination == ReferralDestination.POLICE_PREVENT for r in concern.referrals.all())
        outcome = "referred_to_prevent" if to_prevent else "referred_elsewhere"
    else:
        return RecordDate(RecordType.CONCERN, concern.pk, concern.label, "open", None, None)
    return _dated(RecordType.CONCERN, concern.pk, concern.label, outcome, decided, years)


def gateway_date(referral: GatewayReferral, years: dict[tuple[str, str], int]) -> RecordDate:
    """Needs referral.assessments."""
    assessments = sorted(referral.assessments.all(), key=lambda a: (a.assessed_at, a.pk))
    if referral.status != GatewayStatus.ASSESSED or not assessments:
        return RecordDate(RecordType.GATEWAY_REFERRAL, referral.pk, referral.reference, "open", None, None)
    last = assessments[-1]
    return _dated(
        RecordType.GATEWAY_REFERRAL,
        referral.pk,
        referral.reference,
        last.outcome,
        _day(last.assessed_at),
        years,
    )


def case_date(case: ChannelCase, years: dict[tuple[str, str], int]) -> RecordDate:
    """Needs case.post_exit_reviews. An exited case counts from its exit or
    its last post-exit review; while a review is outstanding it stays open."""
    if case.status == CaseStatus.EXITED and case.exited_on is not None:
        reviews = list(case.post_exit_reviews.all())
        if any(r.completed_at is None for r in reviews):
            return RecordDate(RecordType.CHANNEL_CASE, case.pk, case.reference, "open", None, None)
        days = [case.exited_on, *(timezone.localdate(r.completed_at) for r in reviews if r.completed_at)]
        last = max(days)
        return _dated(RecordType.CHANNEL_CASE, case.pk, case.reference, "exited", last, years)
    if case.status == CaseStatus.NOT_ADOPTED:
        return _dated(
            RecordType.CHANNEL_CASE, case.pk, case.reference, "not_adopted", _day(case.updated_at), years
        )
    return RecordDate(RecordType.CHANNEL_CASE, case.pk, case.reference, "open", None, None)


@dataclass(frozen=True)
class PersonDates:
    records: list[RecordDate]

    @property
    def open(self) -> bool:
        return any(r.disposal_on is None for r in self.records)

    @property
    def disposal_on(self) -> dt.date | None:
        """When all of the person's records may go: the latest of their
        dates; None while any is open (or there are none)."""
        if not self.records or self.open:
            return None
        return max(r.disposal_on for r in self.records if r.disposal_on is not None)

    @property
    def has_channel_case(self) -> bool:
        return any(r.record_type == RecordType.CHANNEL_CASE for r in self.records)


def person_dates(
    *,
    concerns: Iterable[Concern],
    gateway_referrals: Iterable[GatewayReferral],
    cases: Iterable[ChannelCase],
    years: dict[tuple[str, str], int] | None = None,
) -> PersonDates:
    years = years if years is not None else years_by_row()
    records = [concern_date(c, years) for c in concerns if c.status != ConcernStatus.DRAFT]
    records += [gateway_date(g, years) for g in gateway_referrals]
    records += [case_date(c, years) for c in cases]
    return PersonDates(records)


def dates_for_person(person_id: int) -> PersonDates:
    """One person's records and dates (eight queries whatever they hold)."""
    return person_dates(
        concerns=Concern.objects.filter(person_id=person_id).prefetch_related("decisions", "referrals"),
        gateway_referrals=GatewayReferral.objects.filter(person_id=person_id).prefetch_related("assessments"),
        cases=ChannelCase.objects.filter(person_id=person_id).prefetch_related("post_exit_reviews"),
    )
