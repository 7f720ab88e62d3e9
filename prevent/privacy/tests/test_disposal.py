"""Disposal of a person with a record of every type (issue 14, acceptance):
no trace of their name, date of birth, address or free text in any table
(every table read with raw SQL) or any file in the private media; the
statistics of the period unchanged; the audit chain verifies."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.audit.verify import verify_chain
from prevent.channel.models import ChannelCase, PanelMeeting
from prevent.concerns.models import Concern
from prevent.core import clock
from prevent.home.tests.chronology_path import NAME
from prevent.people.models import Person
from prevent.privacy import services
from prevent.privacy.models import DisposedRecord, ReviewItem, ReviewStatus
from prevent.privacy.statistics import period_counts

from .subject import ADDRESS, BORN, FREE_TEXT, OTHER_NAME, POSTCODE, build_subject

pytestmark = pytest.mark.django_db

LATER = 30  # years: every record is past its date


def dump() -> str:
    """Every row of every table, as text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = cursor.fetchall()
            parts.append(f"{table}: " + " | ".join(" ".join(str(cell) for cell in row) for row in rows))
    return "\n".join(parts).lower()


def media() -> bytes:
    root = default_storage.location  # type: ignore[attr-defined]
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            with open(os.path.join(folder, name), "rb") as handle:
                found.append(handle.read())
    return b"\n".join(found).lower()


TRACES = [NAME, "Tam Quarrendon", BORN.isoformat(), ADDRESS, POSTCODE, *FREE_TEXT]


@pytest.fixture
def second_coordinator(make_user: Any, people: dict[str, Any]) -> Any:
    return make_user(Role.PREVENT_COORDINATOR, organisation=people["council"], full_name="Dee Deputy")


def test_disposal_leaves_no_trace_keeps_the_statistics_and_the_chain(
    people: dict[str, Any],
    framework: Any,
    guidance: Any,
    second_coordinator: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    subject = build_subject(people, framework)
    # Minutes cover several cases: the words naming the subject go, the rest stay.
    meeting = PanelMeeting.objects.order_by("pk").first()
    assert meeting is not None
    PanelMeeting.objects.filter(pk=meeting.pk).update(minutes=f"Discussed {NAME}; agreed another case's plan")
    before = dump()
    for trace in TRACES:
        assert trace.lower() in before, trace  # the data is there to begin with
    assert NAME.lower().encode() in media()
    files = subject.files
    assert len(files) == 2 and all(default_storage.exists(name) for name in files)
    period = (dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    counts = period_counts(*period)
    assert counts[("concern", "total", "all")] == 3  # the subject's two and the other person's
    assert counts[("channel_case", "total", "all")] == 1

    with clock.as_of(timezone.localdate() + dt.timedelta(days=365 * LATER)):
        with django_capture_on_commit_callbacks(execute=True):
            services.review_queue_refresh()
        item = ReviewItem.objects.get(person=subject.person)
        assert item.has_channel_case
        # A Channel case: one coordinator asks, the same one may not approve.
        with django_capture_on_commit_callbacks(execute=True):
            assert services.review_dispose(actor=people["coordinator"], item=item) is None
        item.refresh_from_db()
        assert item.status == ReviewStatus.AWAITING_APPROVAL
        with pytest.raises(ValidationError, match="Another coordinator"):
            services.review_dispose(actor=people["coordinator"], item=item)
        with django_capture_on_commit_callbacks(execute=True):
            disposal = services.review_dispose(actor=second_coordinator, item=item)
    assert disposal is not None

    after = dump()
    for trace in TRACES:
        assert trace.lower() not in after, trace
    assert OTHER_NAME.lower() in after  # the other person's records stay
    assert NAME.lower().encode() not in media()
    assert not any(default_storage.exists(name) for name in files)
    assert not Person.objects.filter(pk=subject.person.pk).exists()
    assert not Concern.objects.filter(pk__in=[subject.concern.pk, subject.second_concern.pk]).exists()
    assert not Concern.objects.filter(pk=subject.draft.pk).exists()  # the draft that named them
    assert not ChannelCase.objects.filter(pk=subject.case.pk).exists()
    assert Concern.objects.filter(pk=subject.other.pk).exists()
    meeting.refresh_from_db()
    assert meeting.minutes == "Discussed [removed]; agreed another case's plan"

    # The tombstones keep the statistics of the period as they were.
    assert period_counts(*period) == counts
    assert sorted(DisposedRecord.objects.values_list("record_type", flat=True)) == [
        "channel_case",
        "concern",
        "concern",
        "gateway_referral",
        "gateway_referral",
    ]
    # The audit chain verifies, events kept their hashes, and the disposal is recorded.
    report = verify_chain()
    assert report.ok, report.message
    call_command("verify_audit")
    event = AuditEvent.objects.get(action="records_disposed")
    assert event.actor == second_coordinator and str(subject.person.pk) in event.summary
    assert AuditEvent.objects.filter(erased_at__isnull=False).count() == disposal.audit_events_erased > 0
    item.refresh_from_db()
    assert item.status == ReviewStatus.DISPOSED and item.person is None


def test_a_person_not_yet_due_is_not_queued_and_cannot_be_disposed(
    people: dict[str, Any], framework: Any, guidance: Any
) -> None:
    subject = build_subject(people, framework)
    assert services.review_queue_refresh() == []
    item = ReviewItem.objects.create(
        person=subject.person, subject_id=subject.person.pk, due_on=clock.today()
    )
    with pytest.raises(ValidationError, match="not yet due"):
        services.review_dispose(actor=people["coordinator"], item=item)
    assert Person.objects.filter(pk=subject.person.pk).exists()
