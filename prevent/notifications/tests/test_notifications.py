"""The notification centre: written by notify() in the caller's transaction,
listed (bounded queries), marked read; email preferences and the daily
digest; emails by GOV.UK Notify (a fake client); failed emails retried,
then shown to administrators, without rolling back the write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, ClassVar
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.channel import services as C
from prevent.channel.models import InformationRequest
from prevent.channel.tests.conftest import open_case
from prevent.core.models import FailedNotification
from prevent.core.notify import notify
from prevent.core.tasks import MAX_ATTEMPTS, run_reminders
from prevent.notifications.models import EmailFrequency, Notification
from prevent.notifications.services import notification_preference_set

TEMPLATE = "channel/email/case_opened"  # a reference and a link


class Boom(Exception):
    pass


class FailingBackend(LocmemBackend):
    """Mail that fails while `down` is set."""

    down: ClassVar[bool] = True
    attempts: ClassVar[int] = 0

    def send_messages(self, messages: Any) -> int:
        type(self).attempts += 1
        if type(self).down:
            raise ConnectionRefusedError("mail server down")
        return super().send_messages(messages)


@pytest.fixture
def failing_mail() -> Iterator[type[FailingBackend]]:
    FailingBackend.down, FailingBackend.attempts = True, 0
    with override_settings(MAILERS={"default": {"BACKEND": f"{__name__}.FailingBackend"}}):
        yield FailingBackend


def _tell(users: list[Any], reference: str = "CH-2026-00007", path: str = "/channel/cases/7/") -> int:
    return notify(recipients=users, template=TEMPLATE, reference=reference, link_path=path)


# ---- notify() writes the in-service notification ---------------------------


@pytest.mark.django_db(transaction=True)
def test_the_notification_is_written_with_the_write_and_gone_if_it_rolls_back(make_user: Any) -> None:
    officer = make_user(Role.PREVENT_COORDINATOR)
    with pytest.raises(Boom), transaction.atomic():
        _tell([officer])
        assert Notification.objects.count() == 1  # in the caller's transaction
        raise Boom
    assert not Notification.objects.exists()
    assert mail.outbox == []
    with transaction.atomic():
        _tell([officer])
    notification = Notification.objects.get()
    assert (notification.recipient, notification.reference, notification.link_path) == (
        officer,
        "CH-2026-00007",
        "/channel/cases/7/",
    )
    assert notification.kind == TEMPLATE
    assert notification.text == "Channel case CH-2026-00007 has been opened: you are the case officer"
    assert notification.read_at is None
    assert [m.to for m in mail.outbox] == [[officer.email]]


@pytest.mark.django_db
def test_addresses_given_as_text_get_an_email_but_no_notification(
    make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    user = make_user(Role.SPOC)
    inactive = make_user(Role.SPOC, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert _tell([user, user, inactive, "list@test.example"]) == 2
    assert list(Notification.objects.values_list("recipient", flat=True)) == [user.pk]


# ---- A failing mail backend ------------------------------------------------------


@pytest.mark.usefixtures("guidance")
@pytest.mark.django_db
def test_a_failing_mail_backend_is_retried_then_shown_to_administrators_and_the_write_stays(
    people: dict[str, Any],
    make_user: Any,
    client_for: Callable[[Any], Any],
    failing_mail: type[FailingBackend],
    django_capture_on_commit_callbacks: Any,
) -> None:
    case = open_case(people)
    failing_mail.attempts = 0
    with django_capture_on_commit_callbacks(execute=True):
        request = C.information_request_send(
            actor=people["coordinator"],
            case=case,
            agency=people["health"],
            question="Known to you?",
            due_on=timezone.localdate() + dt.timedelta(days=7),
        )
    # The write committed; the member is told in the service all the same.
    assert InformationRequest.objects.filter(pk=request.pk).exists()
    assert Notification.objects.filter(recipient=people["member"], kind="channel/email/information_request")
    # Retried, then kept.
    assert failing_mail.attempts == MAX_ATTEMPTS
    failed = FailedNotification.objects.get()
    assert failed.recipient == people["member"].email
    assert failed.attempts == MAX_ATTEMPTS
    assert case.reference in failed.subject + failed.body

    admin = make_user(Role.ADMINISTRATOR)
    page = client_for(admin).get(reverse("notifications:failed-list"))
    assert page.status_code == 200
    assert failed.subject in page.content.decode()
    assert "ConnectionRefusedError: mail server down" in page.content.decode()
    assert client_for(people["coordinator"]).get(reverse("notifications:failed-list")).status_code == 403
    assert (
        client_for(people["coordinator"])
        .post(reverse("notifications:failed-retry", args=[failed.pk]))
        .status_code
        == 403
    )

    # Fixed: sent again from the page.
    failing_mail.down = False
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post(reverse("notifications:failed-retry", args=[failed.pk]))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[people["member"].email]]
    assert not FailedNotification.objects.exists()
    assert AuditEvent.objects.filter(action="failed_notification_retried", actor=admin).exists()
    assert client_for(admin).post(reverse("notifications:failed-retry", args=[failed.pk])).status_code == 404


# ---- GOV.UK Notify, through a fake client ------------------------------------------

NOTIFY = {
    "PREVENT_EMAIL_PROVIDER": "notify",
    "PREVENT_NOTIFY_API_KEY": "test-key-00000000-0000-0000-0000-000000000000",
    "PREVENT_NOTIFY_TEMPLATE_ID": "generic-template",
    "PREVENT_NOTIFY_TEMPLATE_IDS": {"concerns/email/submitted": "submitted-template"},
}


@override_settings(**NOTIFY)
@pytest.mark.django_db
def test_notify_sends_through_the_client_with_the_generic_or_the_kinds_template(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with (
        mock.patch("notifications_python_client.notifications.NotificationsAPIClient") as client_class,
        django_capture_on_commit_callbacks(execute=True),
    ):
        _tell(["officer@test.example"])
        notify(
            recipients=["spoc@test.example"],
            template="concerns/email/submitted",
            reference="PH-2026-00042",
            link_path="/concerns/42/",
            links={"queue_link": "/concerns/triage/"},
        )
    assert mail.outbox == []  # not through Django's mail
    client_class.assert_called_with(NOTIFY["PREVENT_NOTIFY_API_KEY"])
    calls = client_class.return_value.send_email_notification.call_args_list
    assert [(c.kwargs["email_address"], c.kwargs["template_id"]) for c in calls] == [
        ("officer@test.example", "generic-template"),
        ("spoc@test.example", "submitted-template"),
    ]
    personalisation = calls[0].kwargs["personalisation"]
    assert (
        personalisation["subject"] == "Channel case CH-2026-00007 has been opened: you are the case officer"
    )
    assert "/channel/cases/7/" in personalisation["body"]


@override_settings(**NOTIFY)
@pytest.mark.django_db
def test_a_notify_error_is_retried_and_kept(django_capture_on_commit_callbacks: Any) -> None:
    with mock.patch("notifications_python_client.notifications.NotificationsAPIClient") as client_class:
        client_class.return_value.send_email_notification.side_effect = RuntimeError("400 BadRequestError")
        with django_capture_on_commit_callbacks(execute=True):
            _tell(["officer@test.example"])
    assert client_class.return_value.send_email_notification.call_count == MAX_ATTEMPTS
    assert "400 BadRequestError" in FailedNotification.objects.get().error


@override_settings(**{**NOTIFY, "PREVENT_NOTIFY_API_KEY": ""})
@pytest.mark.django_db
def test_notify_without_its_key_fails_visibly(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _tell(["officer@test.example"])
    assert "PREVENT_NOTIFY_API_KEY" in FailedNotification.objects.get().error


# ---- Preferences and the daily digest -------------------------------------------------


@pytest.mark.django_db
def test_a_digest_user_gets_no_email_now_and_one_digest_a_day(
    make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    digest = make_user(Role.PREVENT_COORDINATOR, email="digest@test.example")
    each = make_user(Role.PREVENT_COORDINATOR, email="each@test.example")
    notification_preference_set(actor=digest, email_frequency=EmailFrequency.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        assert _tell([digest, each]) == 1
        _tell([digest], reference="CH-2026-00008", path="/channel/cases/8/")
    assert [m.to for m in mail.outbox] == [["each@test.example"]]
    assert Notification.objects.filter(recipient=digest).count() == 2

    mail.outbox.clear()
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(today=today, names=["notification-digest"]) == {"notification-digest": 1}
    [message] = mail.outbox
    assert message.to == ["digest@test.example"]
    assert "2 notifications" in message.subject
    for reference, path in (("CH-2026-00007", "/channel/cases/7/"), ("CH-2026-00008", "/channel/cases/8/")):
        assert reference in message.body
        assert path in message.body
    assert not Notification.objects.filter(in_digest=True, digested_at__isnull=True).exists()
    assert Notification.objects.count() == 3  # the digest is an email only

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(today=today, names=["notification-digest"])
        run_reminders(today=today + dt.timedelta(days=1), names=["notification-digest"])
    assert mail.outbox == []  # nothing new to list


@pytest.mark.django_db
def test_choosing_how_to_get_emails(make_user: Any, client_for: Callable[[Any], Any]) -> None:
    user = make_user(Role.SPOC)
    client = client_for(user)
    account = client.get(reverse("accounts:account")).content.decode()
    assert reverse("notifications:preferences") in account
    url = reverse("notifications:preferences")
    page = client.get(url).content.decode()
    assert 'value="each" checked' in page and 'value="digest" checked' not in page

    response = client.post(url, {"email_frequency": "weekly"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Select how you want to get emails" in body
    assert "govuk-error-message" in body

    response = client.post(url, {"email_frequency": "digest"})
    assert response.status_code == 302
    assert 'value="digest" checked' in client.get(url).content.decode()
    assert user.notification_preference.email_frequency == EmailFrequency.DIGEST
    event = AuditEvent.objects.get(action="notification_preference_changed")
    assert event.actor == user
    # Choosing the same again records nothing new.
    client.post(url, {"email_frequency": "digest"})
    assert AuditEvent.objects.filter(action="notification_preference_changed").count() == 1


# ---- The notification centre -----------------------------------------------------------


def _many(user: Any, count: int) -> None:
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=TEMPLATE,
            text=f"Channel case CH-2026-{n:05d} has been opened: you are the case officer",
            reference=f"CH-2026-{n:05d}",
            link_path=f"/channel/cases/{n}/",
            created_at=now - dt.timedelta(minutes=n),
        )
        for n in range(1, count + 1)
    )


@pytest.mark.parametrize("count", [1, 200])
@pytest.mark.django_db
def test_the_list_costs_a_bounded_number_of_queries(
    count: int, make_user: Any, client_for: Callable[[Any], Any], django_assert_max_num_queries: Any
) -> None:
    user = make_user(Role.PREVENT_COORDINATOR)
    _many(user, count)
    client = client_for(user)
    client.get(reverse("notifications:list"))  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get(reverse("notifications:list"))
    body = response.content.decode()
    assert "CH-2026-00001" in body
    assert 'href="/channel/cases/1/"' in body
    assert f"{count} notification{'s' if count > 1 else ''}, {count} unread" in body
    assert body.count('govuk-summary-card__title"') == min(count, 25)


@pytest.mark.django_db
def test_the_unread_count_is_in_the_header_from_one_query(
    make_user: Any, client_for: Callable[[Any], Any]
) -> None:
    user = make_user(Role.SPOC)
    _many(user, 3)
    client = client_for(user)
    client.get(reverse("notifications:list"))
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("notifications:list")).content.decode()
    assert '(3<span class="govuk-visually-hidden"> unread</span>)' in body
    counts = [q["sql"] for q in queries if "notifications_notification" in q["sql"] and "COUNT" in q["sql"]]
    # One for the header (shared with the page's "3 unread"), one for the paginator.
    assert len(counts) == 2, counts


@pytest.mark.django_db
def test_marking_read_one_and_all_and_nobody_elses(make_user: Any, client_for: Callable[[Any], Any]) -> None:
    user, other = make_user(Role.SPOC), make_user(Role.SPOC)
    _many(user, 3)
    _many(other, 1)
    mine = Notification.objects.filter(recipient=user).order_by("pk")
    theirs = Notification.objects.get(recipient=other)
    client = client_for(user)

    assert client.get(reverse("notifications:read", args=[mine[0].pk])).status_code == 405
    response = client.post(reverse("notifications:read", args=[mine[0].pk]))
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=user, read_at__isnull=True).count() == 2
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[999999])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None

    client.post(reverse("notifications:read-all"))
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).exists()
    body = client.get(reverse("notifications:list")).content.decode()
    assert "Mark all as read" not in body
    assert 'id="unread-notifications"' not in body


@pytest.mark.parametrize("count", [1, 200])
@pytest.mark.django_db
def test_the_failed_emails_page_costs_a_bounded_number_of_queries(
    count: int, make_user: Any, client_for: Callable[[Any], Any], django_assert_max_num_queries: Any
) -> None:
    FailedNotification.objects.bulk_create(
        FailedNotification(
            recipient=f"user{n}@test.example",
            subject=f"PH-2026-{n:05d}: a concern",
            body="Open it: /x",
            attempts=MAX_ATTEMPTS,
            error="ConnectionRefusedError: mail server down",
            failed_at=timezone.now(),
        )
        for n in range(1, count + 1)
    )
    client = client_for(make_user(Role.ADMINISTRATOR))
    client.get(reverse("notifications:failed-list"))
    with django_assert_max_num_queries(12):
        body = client.get(reverse("notifications:failed-list")).content.decode()
    assert f"{count} email{'s' if count > 1 else ''}" in body
    assert body.count("Send again<span") == min(count, 25)


def test_the_system_check_refuses_an_unknown_provider_or_notify_without_its_settings() -> None:
    from prevent.notifications.checks import check_email_provider

    with override_settings(PREVENT_EMAIL_PROVIDER="smtp"):
        assert [e.id for e in check_email_provider()] == ["prevent.E101"]
    with override_settings(**{**NOTIFY, "PREVENT_NOTIFY_TEMPLATE_ID": ""}):
        [error] = check_email_provider()
        assert error.id == "prevent.E102" and "PREVENT_NOTIFY_TEMPLATE_ID" in error.msg
    with override_settings(**NOTIFY):
        assert check_email_provider() == []
    assert check_email_provider() == []  # the default: Django's mail
