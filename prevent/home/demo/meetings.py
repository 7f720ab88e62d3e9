"""The time and place of the demo's panel meetings, through the service a
coordinator would use (`panel_update_details`, run as of a fortnight before
each sat, so members were sent the updated invitation then): every meeting
gets its time, and the next one is also held online. Idempotent: a meeting
that already has a time, or the link, is left as it is (so a user's change
is kept)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from prevent.accounts.models import User
from prevent.channel import services as C
from prevent.channel.models import PanelMeeting
from prevent.core import clock

from .cast import COORDINATOR, PANEL_ENDS_AT, PANEL_ONLINE_LINK, PANEL_STARTS_AT


def meeting_times(users: dict[str, User]) -> list[str]:
    """The markers seeded ("panel times", "online panel")."""
    coordinator = users[COORDINATOR]
    seeded: list[str] = []
    today = clock.today()
    untimed = list(PanelMeeting.objects.filter(starts_at__isnull=True).order_by("meeting_on"))
    for meeting in untimed:
        # Set a fortnight before it sat, as the coordinator would have.
        with transaction.atomic(), clock.as_of(min(meeting.meeting_on, today) - dt.timedelta(days=14)):
            C.panel_update_details(
                actor=coordinator,
                meeting=meeting,
                starts_at=PANEL_STARTS_AT,
                ends_at=PANEL_ENDS_AT,
                location=meeting.location or "County Hall, Oxford",
                online_link=meeting.online_link,
            )
    if untimed:
        seeded.append("panel times")
    upcoming = PanelMeeting.objects.filter(meeting_on__gt=today).order_by("meeting_on").first()
    if upcoming is not None and not upcoming.online_link and upcoming.starts_at is not None:
        with transaction.atomic():
            C.panel_update_details(
                actor=coordinator,
                meeting=upcoming,
                starts_at=upcoming.starts_at,
                ends_at=upcoming.ends_at,
                location=upcoming.location,
                online_link=PANEL_ONLINE_LINK,
            )
        seeded.append("online panel")
    return seeded
