"""The daily digest: for each user who chose it, one email listing the
links and references of the notifications they received since the last
one (`manage.py send_reminders`, daily). The digest itself is an email
only, not a notification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import partial

from django.urls import reverse
from django.utils import timezone

from prevent.core import clock
from prevent.core.notify import absolute_url
from prevent.core.tasks import Reminder, reminder

from .models import Notification

DIGEST_TEMPLATE = "notifications/email/digest"


def _mark_digested(ids: list[int]) -> None:
    Notification.objects.filter(pk__in=ids, digested_at__isnull=True).update(digested_at=clock.now())


@reminder("notification-digest")
def daily_digests(today: dt.date) -> Iterator[Reminder]:
    until = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))
    pending = (
        Notification.objects.filter(
            in_digest=True, digested_at__isnull=True, created_at__lt=until, recipient__is_active=True
        )
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    groups: dict[int, list[Notification]] = {}
    for notification in pending:
        groups.setdefault(notification.recipient_id, []).append(notification)
    for user_id, items in groups.items():
        yield Reminder(
            key=f"{user_id}:{today.isoformat()}",
            recipients=[items[0].recipient.email],
            template=DIGEST_TEMPLATE,
            link_path=reverse("notifications:list"),
            links={"preferences_link": reverse("notifications:preferences")},
            context={
                "count": len(items),
                "items": [
                    {"text": n.text, "reference": n.reference, "link": absolute_url(n.link_path)}
                    for n in items
                ],
            },
            summary=f"Sent a daily digest of {len(items)} notification(s)",
            on_sent=partial(_mark_digested, [n.pk for n in items]),
        )
