"""The demo users' notifications: the casework's services told each of them
what needed them as it happened (prevent.core.notify); those more than a
fortnight old were read, the next day, by the user they were for
(`notification_mark_read`, as of then), so each user's notification centre
shows as unread only what is recent. Idempotent: only unread ones change."""

from __future__ import annotations

import datetime as dt

from prevent.core import clock
from prevent.notifications.models import Notification
from prevent.notifications.services import notification_mark_read

READ_AFTER = dt.timedelta(days=14)


def read_old_notifications() -> list[str]:
    """The marker seeded ("old notifications read") when any was unread."""
    old = Notification.objects.filter(
        read_at__isnull=True, created_at__lt=clock.now() - READ_AFTER
    ).select_related("recipient")
    read = 0
    for notification in old.order_by("created_at", "pk"):
        with clock.as_of(notification.created_at + dt.timedelta(days=1)):
            notification_mark_read(actor=notification.recipient, notification=notification)
        read += 1
    return ["old notifications read"] if read else []
