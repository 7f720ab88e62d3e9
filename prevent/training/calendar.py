"""The iCalendar invitation for a session (Europe/London)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from .models import TrainingSession

LONDON = ZoneInfo("Europe/London")


def invitation(session: TrainingSession) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PREVENT_SERVICE_NAME}//Training//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"training-session-{session.pk}@prevent-hub")
    event.add("summary", session.course.title)
    event.add("dtstart", dt.datetime.combine(session.date, session.start_time, tzinfo=LONDON))
    event.add("dtend", dt.datetime.combine(session.date, session.end_time, tzinfo=LONDON))
    event.add("dtstamp", session.created_at)
    if session.venue:
        event.add("location", session.venue)
    if session.online_link:
        event.add("url", session.online_link)
    calendar.add_component(event)
    return calendar.to_ical()
