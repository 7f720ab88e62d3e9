"""Calendar invitations for Channel Panel meetings (iCalendar, RFC 5545),
made with the `icalendar` library.

One event per meeting, with a UID that never changes: an update (time or
place changed) is sent with the same UID and a higher SEQUENCE and
METHOD:REQUEST, so calendars replace what they hold. Times carry the
meeting's time zone (TZID=Europe/London, with its VTIMEZONE). The
invitation names the meeting, never a case or a person."""

from __future__ import annotations

import icalendar
from django.conf import settings
from django.urls import reverse

from prevent.core import clock
from prevent.core.notify import absolute_url

from .models import PanelMeeting

CONTENT_TYPE = "text/calendar"


def meeting_invitation(meeting: PanelMeeting, *, method: str = "REQUEST") -> bytes:
    """The .ics file for `meeting` (METHOD:REQUEST, or CANCEL)."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.PREVENT_SERVICE_NAME}//Channel Panel//EN")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = icalendar.Event()
    event.add("uid", meeting.calendar_uid)
    event.add("sequence", meeting.calendar_sequence)
    event.add("dtstamp", clock.now())
    event.add("dtstart", meeting.start())
    event.add("dtend", meeting.end())
    event.add("summary", "Channel Panel meeting")
    link = absolute_url(reverse("channel:panel-detail", args=[meeting.pk]))
    place = ", ".join(p for p in (meeting.location, meeting.online_link) if p)
    if place:
        event.add("location", place)
    if meeting.online_link:
        event.add("conference", meeting.online_link, parameters={"value": "URI"})
    event.add("url", link)
    event.add("description", f"The agenda and papers are in {settings.PREVENT_SERVICE_NAME}: {link}")
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def invitation_filename(meeting: PanelMeeting) -> str:
    return f"channel-panel-{meeting.meeting_on:%Y-%m-%d}.ics"
