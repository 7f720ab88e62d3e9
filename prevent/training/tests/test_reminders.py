"""Reminders before expiry to staff, and the monthly summary to SPOCs: links only."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from prevent.training.models import Completion, Requirement
from prevent.training.reminders import EXPIRING, MONTHLY

pytestmark = pytest.mark.django_db


def _run(capture: Any, day: dt.date) -> None:
    args = ["--now", f"--only={EXPIRING}", f"--only={MONTHLY}", "--today", day.isoformat()]
    with capture(execute=True):
        call_command("send_reminders", *args, stdout=StringIO())


def test_staff_are_reminded_once_before_expiry(
    make_user: Any, org: Any, wrap: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = make_user(organisation=org, full_name="Rita Reminded")
    done_on = dt.date(2023, 6, 10)
    Completion.objects.create(
        user=staff,
        organisation=org,
        course=wrap,
        completed_on=done_on,
        valid_until=wrap.valid_until(done_on),
        source="attendance",
        status="confirmed",
        recorded_by=staff,
    )
    _run(django_capture_on_commit_callbacks, dt.date(2026, 5, 10))  # 31 days before: not yet
    assert not [m for m in mail.outbox if m.to == [staff.email]]
    _run(django_capture_on_commit_callbacks, dt.date(2026, 5, 11))
    _run(django_capture_on_commit_callbacks, dt.date(2026, 5, 12))
    sent = [m for m in mail.outbox if m.to == [staff.email]]
    assert len(sent) == 1 and "/training/" in sent[0].body
    assert "Rita" not in sent[0].body and wrap.title not in sent[0].body


def test_spocs_get_a_monthly_summary_on_the_first(
    org: Any, spoc: Any, wrap: Any, django_capture_on_commit_callbacks: Any
) -> None:
    Requirement.objects.create(organisation=org, job_group="all_staff", course=wrap)
    _run(django_capture_on_commit_callbacks, dt.date(2026, 3, 2))
    assert not mail.outbox
    _run(django_capture_on_commit_callbacks, dt.date(2026, 4, 1))
    (message,) = mail.outbox
    assert message.to == [spoc.email]
    assert f"/training/organisations/{org.pk}/compliance/" in message.body
