"""Every write of the notification centre.

`record_in_service` is called by `prevent.core.notify.notify` (registered in
apps.py), inside the caller's transaction. Marking notifications read is
not a record about anyone and is not audited; a change of email preference
and sending a failed email again are."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from prevent.audit.services import record_event
from prevent.core import clock
from prevent.core.models import FailedNotification
from prevent.policy import Action, require

from .models import EmailFrequency, Notification, NotificationPreference

if TYPE_CHECKING:
    from prevent.accounts.models import User


def record_in_service(
    users: list[User], template: str, subject: str, reference: str, link_path: str
) -> set[int]:
    """One notification for each user (who are active, each once); returns
    the ids of those who chose the daily digest. Two queries."""
    digest_ids = set(
        NotificationPreference.objects.filter(
            user__in=[u.pk for u in users], email_frequency=EmailFrequency.DIGEST
        ).values_list("user_id", flat=True)
    )
    now = clock.now()
    Notification.objects.bulk_create(
        Notification(
            recipient_id=user.pk,
            kind=template[:100],
            text=html.unescape(subject)[:300],
            reference=reference[:40],
            link_path=link_path[:500],
            created_at=now,
            in_digest=user.pk in digest_ids,
        )
        for user in users
    )
    return digest_ids


def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    """Mark one of the actor's notifications read (once: the first time stays)."""
    require(actor, Action.VIEW_NOTIFICATIONS, notification, hide=True)
    if notification.read_at is None:
        notification.read_at = clock.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of the actor read; how many."""
    require(actor, Action.VIEW_NOTIFICATIONS)
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(
        read_at=clock.now()
    )


def notification_preference_set(*, actor: User, email_frequency: str) -> NotificationPreference:
    """The actor's choice: an email for each notification, or a daily digest."""
    require(actor, Action.CHANGE_NOTIFICATION_PREFERENCES)
    if email_frequency not in EmailFrequency.values:
        raise ValidationError({"email_frequency": "Select how you want to get emails"})
    with transaction.atomic():
        preference, created = NotificationPreference.objects.select_for_update().get_or_create(
            user=actor, defaults={"email_frequency": email_frequency, "updated_at": clock.now()}
        )
        before = EmailFrequency.EACH if created else preference.email_frequency
        if not created:
            preference.email_frequency = email_frequency
            preference.updated_at = clock.now()
            preference.save(update_fields=["email_frequency", "updated_at"])
        if before != email_frequency:
            record_event(
                actor=actor,
                action="notification_preference_changed",
                summary=f"Chose: {EmailFrequency(email_frequency).label}",
                obj=preference,
                changes={"email_frequency": [before, email_frequency]},
            )
    return preference


def failed_notification_retry(*, actor: User, failed: FailedNotification) -> None:
    """Send a failed email again: it is queued once this commits, with the
    retries of any email, and kept as a new FailedNotification if it fails
    again. The row shown to administrators goes."""
    from prevent.core.tasks import send_notification

    require(actor, Action.MANAGE_FAILED_NOTIFICATIONS)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="failed_notification_retried",
            summary=f"Sent again: {failed.subject}",
            object_type="core.failednotification",
            object_id=failed.pk,
        )
        recipient, subject, body = failed.recipient, failed.subject, failed.body
        failed.delete()
        transaction.on_commit(
            lambda: send_notification.enqueue(recipient=recipient, subject=subject, body=body), robust=True
        )
