"""Emails from the service: one way to send them, one way to find who gets
them.

    notify(
        recipients=active_users_with_role(Role.SPOC, organisation=concern.organisation_id),
        template="concerns/email/submitted",
        reference=concern.reference,
        link_path=reverse("concerns:detail", args=[concern.pk]),
        links={"queue_link": reverse("concerns:triage-queue")},
    )

- **After the commit.** Call it inside the service's `transaction.atomic()`
  block: nothing is queued until that transaction commits, and nothing at
  all if it rolls back. Each email is then queued as the task
  `prevent.core.tasks.send_notification` (retried, and kept as a
  `FailedNotification` if it never goes).
- **Links and references only.** The body is rendered from
  `<template>.txt` and the subject from `<template>_subject.txt` with the
  context `reference`, `link` (the absolute address of `link_path`), the
  extra `links`, `service_name` and any plain values in `context` (text,
  numbers, dates, and lists or dicts of them: never a model instance, so a
  person's record cannot reach a template by accident). Links are made absolute from the
  `PREVENT_BASE_URL` setting, never from the request's Host header.
- **One email per recipient**, so no recipient sees who else was told.
- **In the service too.** Every user among the recipients also gets an
  in-service notification (the notification centre, prevent/notifications),
  written at once in the caller's transaction: it is there even when the
  email fails, and gone if the write rolls back. Core imports no domain:
  the notifications app registers the writer with `set_in_service_writer`.
  Users who chose a daily digest get no email now: the digest lists it.
- **Attachments** (`attachments=[(filename, text, mimetype)]`, e.g. an
  .ics invitation) go with the email at once, to digest users too.

Not for the invitation and password-reset emails: their links carry a
secret token, which must not wait in the task table; accounts sends those
itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse

if TYPE_CHECKING:
    from prevent.accounts.models import User

# (users, template, subject, reference, link_path) -> the ids of the users
# who asked for a daily digest instead of an email each time.
InServiceWriter = Callable[[list["User"], str, str, str, str], set[int]]
_in_service_writer: InServiceWriter | None = None


def set_in_service_writer(writer: InServiceWriter | None) -> None:
    """Called once by the notifications app (its AppConfig.ready())."""
    global _in_service_writer
    _in_service_writer = writer


PLAIN_TYPES = (str, int, float, Decimal, dt.date, dt.datetime, dt.time, bool, type(None))


def absolute_url(path: str) -> str:
    """The service's address (PREVENT_BASE_URL) followed by `path`, a path
    on this site such as `reverse(...)` gives ("/concerns/42/#referral-3")."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        raise ValueError(f"Give a path on this site, starting with one '/': {path!r}")
    return settings.PREVENT_BASE_URL.rstrip("/") + path


def link(name: str, *args: Any, fragment: str = "") -> str:
    """The absolute address of a URL pattern: `link("concerns:detail", 42)`."""
    path = reverse(name, args=args)
    return absolute_url(path + (f"#{fragment}" if fragment else ""))


def active_users_with_role(role: str, *, organisation: Any = None) -> QuerySet[User]:
    """The active users who hold `role`, in one organisation (an
    Organisation or its id) when given, ordered by email address."""
    from prevent.accounts.models import User

    users = User.objects.filter(is_active=True, role_assignments__role=role)
    if organisation is not None:
        users = users.filter(organisation_id=getattr(organisation, "pk", organisation))
    return users.distinct().order_by("email")


def emails_of(recipients: Iterable[Any]) -> list[str]:
    """Email addresses, sorted, each once: from users (inactive ones left
    out) or from addresses given as text."""
    from prevent.accounts.models import User

    emails: set[str] = set()
    for recipient in recipients:
        if isinstance(recipient, User):
            if recipient.is_active and recipient.email:
                emails.add(recipient.email)
        elif isinstance(recipient, str):
            if recipient.strip():
                emails.add(recipient.strip())
        elif recipient is not None:
            raise TypeError(f"A recipient is a User or an email address, not {type(recipient).__name__}")
    return sorted(emails)


def _plain(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return isinstance(value, PLAIN_TYPES)


def render_notification(
    *,
    template: str,
    reference: str = "",
    link_path: str,
    links: Mapping[str, str] | None = None,
    context: Mapping[str, Any] | None = None,
) -> tuple[str, str]:
    """The subject and body of a notification (see `notify`)."""
    values: dict[str, Any] = {}
    for key, value in (context or {}).items():
        if not _plain(value):
            raise TypeError(
                f"Notification context {key!r} must be plain text, a number or a date (or a list or "
                f"dict of them), not {type(value).__name__}: emails carry links and references only"
            )
        values[key] = value
    values.update({name: absolute_url(path) for name, path in (links or {}).items()})
    values.update(
        reference=reference, link=absolute_url(link_path), service_name=settings.PREVENT_SERVICE_NAME
    )
    subject = " ".join(render_to_string(f"{template}_subject.txt", values).split())
    body = render_to_string(f"{template}.txt", values)
    return subject, body


def notify(
    *,
    recipients: Iterable[Any],
    template: str,
    link_path: str,
    reference: str = "",
    links: Mapping[str, str] | None = None,
    context: Mapping[str, Any] | None = None,
    attachments: Sequence[tuple[str, str, str]] | None = None,
) -> int:
    """Tell each recipient (users or addresses): an in-service notification
    for each active user now, in the current transaction, and an email once
    it commits (not to users who chose the daily digest). Returns how many
    emails will be queued."""
    from prevent.accounts.models import User

    recipients = list(recipients)
    emails = emails_of(recipients)
    if not emails:
        return 0
    subject, body = render_notification(
        template=template, reference=reference, link_path=link_path, links=links, context=context
    )
    users = list({u.pk: u for u in recipients if isinstance(u, User) and u.is_active and u.email}.values())
    digest_ids: set[int] = set()
    if users and _in_service_writer is not None:
        digest_ids = _in_service_writer(users, template, subject, reference, link_path)
    if digest_ids and not attachments:
        held = {u.email for u in users if u.pk in digest_ids}
        # An address given as text as well as by its user follows the user.
        emails = [email for email in emails if email not in held]
    if not emails:
        return 0
    files = [list(a) for a in attachments or ()]
    # robust: a queue that cannot be reached is logged, and never turns a
    # write that has committed into an error page.
    transaction.on_commit(partial(_enqueue, emails, subject, body, template, files), robust=True)
    return len(emails)


def _enqueue(
    emails: list[str], subject: str, body: str, template: str = "", attachments: list[list[str]] | None = None
) -> None:
    from .tasks import send_notification

    extra: dict[str, Any] = {}
    if template:
        extra["template"] = template
    if attachments:
        extra["attachments"] = attachments
    for email in emails:
        send_notification.enqueue(recipient=email, subject=subject, body=body, **extra)
