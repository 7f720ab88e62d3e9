"""A fresh demo holds notifications for its users, each leading somewhere
they may go, and panel meetings with a time and place (the next also
online); loading it again adds neither."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from prevent.accounts.models import User
from prevent.channel.models import PanelMeeting
from prevent.core import clock
from prevent.notifications.models import Notification

pytestmark = pytest.mark.django_db

# The demo users whose work the casework's services told them about.
TOLD = [
    "practitioner@demo.example",
    "spoc.school@demo.example",
    "police@demo.example",
    "coordinator@demo.example",
    "chair@demo.example",
    "member.health@demo.example",
]


def _load() -> None:
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def test_the_demo_seeds_notifications_and_meeting_times_once(settings) -> None:
    settings.PREVENT_DEMO_MODE = True
    _load()
    meetings = list(PanelMeeting.objects.order_by("meeting_on"))
    assert meetings and all(m.starts_at is not None and m.ends_at is not None for m in meetings)
    assert all(m.location for m in meetings)
    upcoming = [m for m in meetings if m.meeting_on > clock.today()]
    assert upcoming and upcoming[0].online_link.startswith("https://")
    for email in TOLD:
        user = User.objects.get(email=email)
        unread = list(Notification.objects.filter(recipient=user, read_at__isnull=True))
        assert unread, f"{email} has no notification"
        client = Client()
        client.force_login(user)
        header = client.get("/").content.decode()
        assert f'({len(unread)}<span class="govuk-visually-hidden"> unread</span>)' in header
        for note in unread[:10]:
            response = client.get(note.link_path.split("#")[0], follow=True)
            assert response.status_code == 200, (email, note.kind, note.link_path)
    first = meetings[0]
    client = Client()
    client.force_login(User.objects.get(email="member.health@demo.example"))
    page = client.get(f"/channel/panels/{first.pk}/").content.decode()
    assert "(UK time)" in page and "County Hall, Oxford" in page

    before = (Notification.objects.count(), [(m.pk, m.calendar_sequence) for m in meetings])
    _load()
    after = (
        Notification.objects.count(),
        [(m.pk, m.calendar_sequence) for m in PanelMeeting.objects.order_by("meeting_on")],
    )
    assert after == before
