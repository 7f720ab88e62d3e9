"""Background work, as `django.tasks` tasks (decision 0004).

Production queues tasks in the database (django-tasks-db) and runs them
with `manage.py db_worker`; the tests run them at once (ImmediateBackend).

- `send_notification`: one email, queued by `prevent.core.notify.notify`
  after the service's transaction commits, sent by the provider the
  PREVENT_EMAIL_PROVIDER setting names: "django" (the MAILERS backend,
  SMTP in production) or "notify" (GOV.UK Notify, its official client;
  docs/operations.md). A failure is retried
  (MAX_ATTEMPTS in all, later each time when the backend can defer); after
  the last attempt it is kept as a `FailedNotification` and logged.
- `send_due_reminders`: every reminder that is due, for every app, through
  one registry. An app registers a function in its `reminders.py`:

      @reminder("referral-overdue")
      def overdue_referrals(today: date) -> Iterable[Reminder]:
          for referral in selectors.referrals_overdue(today):
              yield Reminder(
                  key=f"{referral.pk}:{today.isoformat()}",   # once a day
                  recipients=active_users_with_role(Role.SPOC, organisation=...),
                  template="concerns/email/referral_overdue",
                  reference=referral.concern.reference,
                  link_path=reverse("concerns:detail", args=[...]) + f"#referral-{referral.pk}",
                  about=referral,
              )

  The function only says what is due. The task sends each reminder whose
  (name, key) it has not sent before: in one transaction it records a
  `SentReminder`, writes the audit event and calls `notify`, so the email
  is queued only once that has committed, and a run that is repeated or
  interrupted never sends a reminder twice. The key decides how often a
  reminder may repeat (put today's date in it for "once a day").
  `manage.py send_reminders` (cron, daily) enqueues this task."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.tasks import task
from django.utils.module_loading import autodiscover_modules

from prevent.core import clock

from .models import FailedNotification, SentReminder
from .notify import emails_of, notify

logger = logging.getLogger(__name__)

# Attempts at sending one email, and the wait before each retry (seconds)
# when the backend can run a task later (the database backend can).
MAX_ATTEMPTS = 5
RETRY_DELAYS = (60, 5 * 60, 30 * 60, 2 * 60 * 60)


@task
def send_notification(
    *,
    recipient: str,
    subject: str,
    body: str,
    attempt: int = 1,
    template: str = "",
    attachments: list[list[str]] | None = None,
) -> str:
    """Send one email; on failure queue the next attempt, or after the last
    one record a FailedNotification. Raises on every failed attempt, so the
    task result shows the error too. `template` is the notification's kind
    (the GOV.UK Notify template may be chosen by it); `attachments` are
    [filename, text, mimetype] lists."""
    try:
        deliver(recipient=recipient, subject=subject, body=body, template=template, attachments=attachments)
    except Exception as error:
        if attempt < MAX_ATTEMPTS:
            logger.warning("Email %r to %s failed (attempt %d); retrying", subject, recipient, attempt)
            _retry(
                recipient=recipient,
                subject=subject,
                body=body,
                attempt=attempt + 1,
                template=template,
                attachments=attachments,
            )
        else:
            FailedNotification.objects.create(
                recipient=recipient,
                subject=subject[:300],
                body=body,
                attempts=attempt,
                error=f"{type(error).__name__}: {error}"[:2000],
                failed_at=clock.now(),
            )
            logger.error(
                "Email %r to %s failed %d times; kept as a FailedNotification", subject, recipient, attempt
            )
        raise
    return "sent"


def deliver(
    *, recipient: str, subject: str, body: str, template: str = "", attachments: list[list[str]] | None = None
) -> None:
    """Send one email now through the configured provider; raises on failure."""
    provider = getattr(settings, "PREVENT_EMAIL_PROVIDER", "django")
    if provider == "notify":
        _deliver_by_notify(recipient=recipient, subject=subject, body=body, template=template)
    elif provider == "django":
        message = EmailMessage(subject=subject, body=body, to=[recipient])
        for filename, content, mimetype in attachments or ():
            message.attach(filename, content, mimetype)
        message.send()
    else:
        raise ImproperlyConfigured(f"PREVENT_EMAIL_PROVIDER must be 'django' or 'notify', not {provider!r}")


def _deliver_by_notify(*, recipient: str, subject: str, body: str, template: str) -> None:
    """GOV.UK Notify: the template for this kind of notification
    (PREVENT_NOTIFY_TEMPLATE_IDS) or the generic one
    (PREVENT_NOTIFY_TEMPLATE_ID), given the subject and body as
    personalisation ((subject)) and ((body)). Notify sends no attachments."""
    from notifications_python_client.notifications import NotificationsAPIClient

    api_key = settings.PREVENT_NOTIFY_API_KEY
    template_id = settings.PREVENT_NOTIFY_TEMPLATE_IDS.get(template) or settings.PREVENT_NOTIFY_TEMPLATE_ID
    if not api_key or not template_id:
        raise ImproperlyConfigured(
            "GOV.UK Notify needs PREVENT_NOTIFY_API_KEY and PREVENT_NOTIFY_TEMPLATE_ID"
        )
    client = NotificationsAPIClient(api_key)
    client.send_email_notification(
        email_address=recipient,
        template_id=template_id,
        personalisation={"subject": subject, "body": body},
    )


def _retry(
    *,
    recipient: str,
    subject: str,
    body: str,
    attempt: int,
    template: str = "",
    attachments: list[list[str]] | None = None,
) -> None:
    retry = send_notification
    if send_notification.get_backend().supports_defer:
        delay = RETRY_DELAYS[min(attempt - 2, len(RETRY_DELAYS) - 1)]
        retry = send_notification.using(run_after=clock.now() + dt.timedelta(seconds=delay))
    extra: dict[str, Any] = {}
    if template:
        extra["template"] = template
    if attachments:
        extra["attachments"] = attachments
    retry.enqueue(recipient=recipient, subject=subject, body=body, attempt=attempt, **extra)


# ---- Reminders --------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Reminder:
    """One email a reminder function says is due.

    `key` identifies it within the reminder's name: it is sent once per key,
    ever. `recipients` are users or addresses (`active_users_with_role`).
    `template`, `reference`, `link_path`, `links` and `context` are passed to
    `notify`. `about` is the record the audit event names; `summary` its
    wording (no personal details)."""

    key: str
    recipients: Iterable[Any]
    template: str
    link_path: str
    reference: str = ""
    links: Mapping[str, str] = field(default_factory=dict)
    context: Mapping[str, Any] = field(default_factory=dict)
    about: models.Model | None = None
    summary: str = ""
    audit_action: str = "reminder_sent"
    # Called inside the transaction that records the reminder as sent (the
    # daily digest marks what it listed).
    on_sent: Callable[[], None] | None = None


ReminderFunction = Callable[[dt.date], Iterable[Reminder]]

_REMINDERS: dict[str, ReminderFunction] = {}


def reminder(name: str) -> Callable[[ReminderFunction], ReminderFunction]:
    """Register a reminder function under `name` ("referral-overdue")."""

    def register(function: ReminderFunction) -> ReminderFunction:
        existing = _REMINDERS.get(name)
        if existing is not None and existing.__qualname__ != function.__qualname__:
            raise ValueError(f"A reminder named {name!r} is already registered")
        _REMINDERS[name] = function
        return function

    return register


def registered_reminders() -> dict[str, ReminderFunction]:
    """Every registered reminder, after importing each app's reminders.py."""
    autodiscover_modules("reminders")
    return dict(sorted(_REMINDERS.items()))


class RemindersFailed(RuntimeError):
    """Some reminders could not be sent (each is logged); the rest were."""

    def __init__(self, sent: dict[str, int], failed: list[str]) -> None:
        super().__init__(f"Reminders that failed: {', '.join(failed)}")
        self.sent, self.failed = sent, failed


def run_reminders(*, today: dt.date, names: Sequence[str] | None = None) -> dict[str, int]:
    """Send every due reminder not sent before; how many each name sent.
    One reminder that fails (it is logged, and nothing of it is recorded)
    does not stop the others; RemindersFailed then names it at the end."""
    reminders = registered_reminders()
    unknown = sorted(set(names or ()) - set(reminders))
    if unknown:
        raise ValueError(f"No reminder is registered as {', '.join(unknown)}")
    sent: dict[str, int] = {}
    failed: list[str] = []
    for name, function in reminders.items():
        if names and name not in names:
            continue
        sent[name] = 0
        try:
            for item in function(today):
                try:
                    sent[name] += _send_reminder(name, item)
                except Exception:
                    logger.exception("Reminder %s %s failed", name, item.key)
                    failed.append(f"{name} {item.key}")
        except Exception:
            logger.exception("Reminder function %s failed", name)
            failed.append(name)
    if failed:
        raise RemindersFailed(sent, failed)
    return sent


def _send_reminder(name: str, item: Reminder) -> bool:
    from prevent.audit.services import record_event

    if SentReminder.objects.filter(name=name, key=item.key).exists():
        return False
    recipients = list(item.recipients)
    emails = emails_of(recipients)
    if not emails:
        # Nobody to tell yet: not recorded, so a later run tries again.
        logger.warning("Reminder %s %s has no recipients", name, item.key)
        return False
    try:
        with transaction.atomic():
            SentReminder.objects.create(name=name, key=item.key, recipients=len(emails), sent_at=clock.now())
            record_event(
                actor=None,
                actor_label=f"System: {name} reminders",
                action=item.audit_action,
                summary=item.summary or f"Sent the {name} reminder to {len(emails)} recipient(s)",
                obj=item.about,
                object_type="" if item.about is not None else "core.reminder",
                object_id="" if item.about is not None else item.key,
            )
            if item.on_sent is not None:
                item.on_sent()
            notify(
                recipients=recipients,
                template=item.template,
                link_path=item.link_path,
                reference=item.reference,
                links=item.links,
                context=item.context,
            )
    except IntegrityError:
        return False  # another run sent it first
    return True


@task
def send_due_reminders(*, today: str = "", names: list[str] | None = None) -> dict[str, int]:
    """Send the reminders due `today` (an ISO date; by default today in the
    service's time zone), or only those `names`."""
    day = dt.date.fromisoformat(today) if today else clock.today()
    return run_reminders(today=day, names=names)
