"""prevent.core.tasks: the email task with its bounded retries, and the one
reminders design (registry, task, command)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import StringIO
from typing import Any, ClassVar

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import CommandError, call_command
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.core import tasks
from prevent.core.models import FailedNotification, SentReminder
from prevent.core.tasks import (
    MAX_ATTEMPTS,
    Reminder,
    RemindersFailed,
    reminder,
    run_reminders,
    send_notification,
)
from prevent.core.tests import reminders_for_tests as fixtures


class FlakyBackend(LocmemBackend):
    """Locmem mail that fails the first `failures` sends."""

    failures: ClassVar[int] = 0
    attempts: ClassVar[int] = 0

    def send_messages(self, messages: Any) -> int:
        type(self).attempts += 1
        if type(self).attempts <= type(self).failures:
            raise ConnectionRefusedError("mail server down")
        return super().send_messages(messages)


@pytest.fixture
def flaky() -> Iterator[type[FlakyBackend]]:
    FlakyBackend.attempts = 0
    with override_settings(MAILERS={"default": {"BACKEND": f"{__name__}.FlakyBackend"}}):
        yield FlakyBackend


EMAIL: dict[str, Any] = {
    "recipient": "spoc@test.example",
    "subject": "PH-2026-00001: a concern",
    "body": "Open it: /x",
}


# ---- send_notification --------------------------------------------------------


@pytest.mark.django_db
def test_an_email_that_fails_twice_is_retried_and_sent(flaky: type[FlakyBackend]) -> None:
    flaky.failures = 2
    result = send_notification.enqueue(**EMAIL)
    assert result.status == TaskResultStatus.FAILED  # the first attempt's result
    assert flaky.attempts == 3
    assert [m.to for m in mail.outbox] == [["spoc@test.example"]]
    assert not FailedNotification.objects.exists()


@pytest.mark.django_db
def test_an_email_that_always_fails_stops_after_max_attempts_and_is_kept(flaky: type[FlakyBackend]) -> None:
    flaky.failures = 100
    send_notification.enqueue(**EMAIL)
    assert flaky.attempts == MAX_ATTEMPTS
    assert mail.outbox == []
    failed = FailedNotification.objects.get()
    assert (failed.recipient, failed.subject, failed.body) == (
        EMAIL["recipient"],
        EMAIL["subject"],
        EMAIL["body"],
    )
    assert failed.attempts == MAX_ATTEMPTS
    assert "ConnectionRefusedError: mail server down" in failed.error


@pytest.mark.django_db
def test_with_the_database_backend_a_retry_is_queued_for_later(flaky: type[FlakyBackend]) -> None:
    flaky.failures = 1
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        before = timezone.now()
        with pytest.raises(ConnectionRefusedError):
            send_notification.call(**EMAIL)
        retry = DBTaskResult.objects.get()
    assert retry.task_path == "prevent.core.tasks.send_notification"
    assert retry.args_kwargs["kwargs"] == {**EMAIL, "attempt": 2}
    assert retry.run_after is not None and retry.run_after >= before + dt.timedelta(seconds=60)
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_notify_queues_the_email_only_on_commit() -> None:
    from django.db import transaction

    from prevent.core.notify import notify

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        with transaction.atomic():
            notify(recipients=["a@test.example"], template="channel/email/case_opened", link_path="/x")
            assert not DBTaskResult.objects.exists()
        queued = DBTaskResult.objects.get()
    assert queued.task_path == "prevent.core.tasks.send_notification"
    assert queued.args_kwargs["kwargs"]["recipient"] == "a@test.example"
    assert mail.outbox == []  # the worker sends it


# ---- Reminders ------------------------------------------------------------------


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A clean registry holding only the reminders this test registers."""
    clean: dict[str, Any] = {}
    monkeypatch.setattr(tasks, "_REMINDERS", clean)
    monkeypatch.setattr(tasks, "autodiscover_modules", lambda *a: None)
    return clean


def _due(key: str, recipients: list[Any], **kwargs: Any) -> Reminder:
    return Reminder(
        key=key,
        recipients=recipients,
        template="concerns/email/referral_overdue",
        reference="PH-2026-00042",
        link_path="/concerns/42/#referral-3",
        **{"context": {"expected": dt.date(2026, 3, 1)}, **kwargs},
    )


@pytest.mark.django_db
def test_a_due_reminder_is_sent_once_recorded_and_audited(
    registry: dict[str, Any], make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    spoc = make_user(Role.SPOC, email="spoc@test.example")

    @reminder("referral-overdue")
    def overdue(today: dt.date) -> list[Reminder]:
        return [_due(f"3:{today.isoformat()}", [spoc], about=spoc, summary="Reminded the SPOC: referral 3")]

    day = dt.date(2026, 3, 27)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(today=day) == {"referral-overdue": 1}
        assert run_reminders(today=day) == {"referral-overdue": 0}  # same day: not again
    assert [m.to for m in mail.outbox] == [["spoc@test.example"]]
    assert "PH-2026-00042" in mail.outbox[0].subject
    sent = SentReminder.objects.get()
    assert (sent.name, sent.key, sent.recipients) == ("referral-overdue", "3:2026-03-27", 1)
    event = AuditEvent.objects.get(action="reminder_sent")
    assert event.actor is None and event.actor_label == "System: referral-overdue reminders"
    assert event.summary == "Reminded the SPOC: referral 3"
    assert (event.object_type, event.object_id) == ("accounts.user", str(spoc.pk))

    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(today=day + dt.timedelta(days=1)) == {"referral-overdue": 1}  # a new key
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_reminder_that_fails_records_nothing_and_does_not_stop_the_others(
    registry: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    @reminder("broken")
    def broken(today: dt.date) -> list[Reminder]:
        return [_due("1", ["a@test.example"], context={"who": object()})]

    @reminder("crashes")
    def crashes(today: dt.date) -> list[Reminder]:
        raise RuntimeError("selector failed")

    @reminder("fine")
    def fine(today: dt.date) -> list[Reminder]:
        return [_due("1", ["fine@test.example"])]

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RemindersFailed) as failure:
        run_reminders(today=dt.date(2026, 3, 27))
    assert failure.value.failed == ["broken 1", "crashes"]
    assert failure.value.sent == {"broken": 0, "crashes": 0, "fine": 1}
    assert [m.to for m in mail.outbox] == [["fine@test.example"]]
    assert list(SentReminder.objects.values_list("name", flat=True)) == ["fine"]
    assert AuditEvent.objects.filter(action="reminder_sent").count() == 1


@pytest.mark.django_db
def test_a_reminder_with_nobody_to_tell_is_not_recorded_so_a_later_run_sends_it(
    registry: dict[str, Any], make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    recipients: list[Any] = []

    @reminder("review-due")
    def review(today: dt.date) -> list[Reminder]:
        return [_due("review:7:2026-04-30", list(recipients))]

    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(today=dt.date(2026, 4, 1)) == {"review-due": 0}
        recipients.append(make_user(Role.SPOC, email="new@test.example"))
        assert run_reminders(today=dt.date(2026, 4, 2)) == {"review-due": 1}
    assert [m.to for m in mail.outbox] == [["new@test.example"]]


@pytest.mark.django_db
def test_only_the_named_reminders_run(
    registry: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    @reminder("one")
    def one(today: dt.date) -> list[Reminder]:
        return [_due("1", ["one@test.example"])]

    @reminder("two")
    def two(today: dt.date) -> list[Reminder]:
        return [_due("1", ["two@test.example"])]

    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(today=dt.date(2026, 3, 27), names=["two"]) == {"two": 1}
    assert [m.to for m in mail.outbox] == [["two@test.example"]]
    with pytest.raises(ValueError, match="three"):
        run_reminders(today=dt.date(2026, 3, 27), names=["three"])


def test_two_different_reminders_cannot_share_a_name(registry: dict[str, Any]) -> None:
    @reminder("same")
    def first(today: dt.date) -> list[Reminder]:
        return []

    with pytest.raises(ValueError, match="already registered"):

        @reminder("same")
        def second(today: dt.date) -> list[Reminder]:
            return []


# ---- The command and the task, with a registered app module ---------------------


@pytest.fixture
def app_reminders(monkeypatch: pytest.MonkeyPatch) -> None:
    """The registry with prevent/core/tests/reminders_for_tests.py's reminder."""
    monkeypatch.setattr(tasks, "_REMINDERS", {"test-overdue": fixtures.overdue})
    monkeypatch.setattr(tasks, "autodiscover_modules", lambda *a: None)
    fixtures.DUE.clear()


@pytest.mark.django_db
def test_the_command_queues_the_task_which_sends_what_is_due(
    app_reminders: None, django_capture_on_commit_callbacks: Any
) -> None:
    fixtures.DUE.append("due@test.example")
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--today", "2026-03-27", stdout=out)
    assert "Queued the reminders task" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["due@test.example"]]
    assert SentReminder.objects.get().key == "due@test.example:2026-03-27"


@pytest.mark.django_db
def test_the_command_runs_here_with_now_and_lists_reminders(
    app_reminders: None, django_capture_on_commit_callbacks: Any
) -> None:
    fixtures.DUE.append("due@test.example")
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--now", stdout=out)
    assert "test-overdue: sent 1 reminder(s)" in out.getvalue()
    listing = StringIO()
    call_command("send_reminders", "--list", stdout=listing)
    assert listing.getvalue().split() == ["test-overdue"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "27/03/2026"], "--today must be a date"),
        (["--only", "nope"], "No reminder is registered"),
    ],
)
def test_the_command_refuses_bad_arguments(app_reminders: None, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("send_reminders", *args)
