from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.core.models import SentReminder
from prevent.self_assessment import reminders, services
from prevent.self_assessment.models import ActionStatus
from prevent.self_assessment.selectors import assessment_sections
from tests.factories import UserFactory

from .conftest import answer_all, today

pytestmark = pytest.mark.django_db
BASE = "https://prevent.test"
NAMES = [reminders.REVIEW_DUE, reminders.ACTION_OVERDUE]


@pytest.fixture(autouse=True)
def base_url(settings: Any) -> None:
    settings.PREVENT_BASE_URL = BASE


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Callable[..., str]:
    """The daily job (`manage.py send_reminders`), for the self-assessment
    reminders only; the emails go once each transaction commits."""

    def daily_job(day: Any = None) -> str:
        out = StringIO()
        args = ["--now", *(f"--only={name}" for name in NAMES)]
        if day:
            args += ["--today", day.isoformat()]
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", *args, stdout=out)
        return out.getvalue()

    return daily_job


@pytest.fixture
def submitted(spoc: Any, start: Any) -> Any:
    assessment = start(assessed_on=today() - timedelta(days=340), review_due_on=today() + timedelta(days=20))
    answer_all(spoc, assessment)
    objective = assessment_sections(assessment)[0].objective
    services.action_save(
        actor=spoc,
        assessment=assessment,
        objective=objective,
        description="Secret detail about the action",
        owner="Head",
        due_on=today() + timedelta(days=5),
        status=ActionStatus.NOT_STARTED,
    )
    services.assessment_submit(actor=spoc, assessment=assessment)
    return assessment


def test_review_reminder_is_sent_once(spoc: Any, submitted: Any, run: Any) -> None:
    UserFactory(roles=[Role.PRACTITIONER], organisation=spoc.organisation)
    run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [spoc.email]
    assert f"{BASE}/self-assessment/{submitted.pk}/" in message.body
    assert "due for review" in message.body
    run()
    run()
    assert len(mail.outbox) == 1
    assert message.subject == "Your Prevent self-assessment is due for review"
    assert SentReminder.objects.get().key == f"review:{submitted.pk}:{submitted.review_due_on.isoformat()}"
    event = AuditEvent.objects.get(action="self_assessment_reminder_sent")
    assert event.summary == "Sent a review due reminder to 1 SPOC(s)"
    assert event.object_id == str(submitted.pk)


def test_no_reminder_long_before_the_review(spoc: Any, start: Any, run: Any) -> None:
    assessment = start()
    answer_all(spoc, assessment)
    services.assessment_submit(actor=spoc, assessment=assessment)
    run()
    assert mail.outbox == []


def test_overdue_actions_are_reminded_once_with_links_only(spoc: Any, submitted: Any, run: Any) -> None:
    run()  # the review reminder
    mail.outbox.clear()
    later = today() + timedelta(days=6)
    run(later)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "1 action from your organisation's Prevent self-assessment is now overdue" in body
    assert "Secret detail" not in body and "Head" not in body
    run(later)
    run(later + timedelta(days=1))
    assert len(mail.outbox) == 1


def test_each_overdue_action_is_reminded_once(spoc: Any, submitted: Any, run: Any) -> None:
    run()
    objective = assessment_sections(submitted)[0].objective
    later = today() + timedelta(days=6)
    # A second action of the submitted assessment (carried over as a fixture).
    submitted.actions.create(
        objective=objective, description="Another", owner="Head", due_on=today() + timedelta(days=5)
    )
    mail.outbox.clear()
    run(later)
    assert len(mail.outbox) == 2
    assert {m.subject for m in mail.outbox} == {"An action from your Prevent self-assessment is overdue"}


def test_nothing_already_sent_by_the_old_command_is_sent_again(spoc: Any, submitted: Any, run: Any) -> None:
    """The data migration copied ReminderSent rows into core.SentReminder
    under these names and keys: a reminder recorded there is not resent."""
    SentReminder.objects.create(
        name=reminders.REVIEW_DUE,
        key=f"review:{submitted.pk}:{submitted.review_due_on.isoformat()}",
        recipients=1,
        sent_at=timezone.now(),
    )
    run()
    assert mail.outbox == []


def test_no_spoc_means_nothing_is_recorded_and_a_later_run_tries_again(
    spoc: Any, submitted: Any, run: Any
) -> None:
    spoc.is_active = False
    spoc.save()
    run()
    assert mail.outbox == [] and not SentReminder.objects.exists()
    spoc.is_active = True
    spoc.save()
    run()
    assert len(mail.outbox) == 1


def test_the_base_url_setting_is_used(spoc: Any, submitted: Any, settings: Any, run: Any) -> None:
    settings.PREVENT_BASE_URL = "https://hub.example"
    run()
    assert f"https://hub.example/self-assessment/{submitted.pk}/" in mail.outbox[0].body
