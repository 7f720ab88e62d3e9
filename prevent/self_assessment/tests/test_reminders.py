from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.self_assessment import services
from prevent.self_assessment.models import ActionStatus, ReminderSent
from prevent.self_assessment.selectors import assessment_sections
from tests.factories import UserFactory

from .conftest import answer_all, today

pytestmark = pytest.mark.django_db
BASE = "https://prevent.test"


def run(day: Any = None) -> str:
    out = StringIO()
    args = ["--base-url", BASE]
    if day:
        args += ["--today", day.isoformat()]
    call_command("send_self_assessment_reminders", *args, stdout=out)
    return out.getvalue()


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


def test_review_reminder_is_sent_once(spoc: Any, submitted: Any) -> None:
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
    assert ReminderSent.objects.count() == 1
    assert AuditEvent.objects.filter(action="self_assessment_reminder_sent").count() == 1


def test_no_reminder_long_before_the_review(spoc: Any, start: Any) -> None:
    assessment = start()
    answer_all(spoc, assessment)
    services.assessment_submit(actor=spoc, assessment=assessment)
    run()
    assert mail.outbox == []


def test_overdue_actions_are_reminded_once_with_links_only(spoc: Any, submitted: Any) -> None:
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


def test_a_base_url_is_needed(db: Any, settings: Any, monkeypatch: Any) -> None:
    settings.PREVENT_BASE_URL = ""
    monkeypatch.delenv("PREVENT_BASE_URL", raising=False)
    with pytest.raises(CommandError):
        call_command("send_self_assessment_reminders", stdout=StringIO())


def test_the_base_url_setting_is_used(spoc: Any, submitted: Any, settings: Any) -> None:
    settings.PREVENT_BASE_URL = "https://hub.example"
    call_command("send_self_assessment_reminders", stdout=StringIO())
    assert f"https://hub.example/self-assessment/{submitted.pk}/" in mail.outbox[0].body
