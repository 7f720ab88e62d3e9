"""Dates and times as GOV.UK writes them, in the service's time zone: the
one place. Times "10:35am", "9am", "midday", "midnight"; dates "1 December
2026"; both "1 December 2026, 10:35am".

In templates `{% load govuk_time %}` then `{{ when|govuk_time }}`,
`{{ when|govuk_datetime }}` or `{{ when|govuk_moment }}` (a date or a
datetime); in Python `govuk_moment(value)` (the chronologies, PDFs)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


def _local(value: dt.datetime | dt.time) -> dt.datetime | dt.time:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def govuk_time(value: dt.datetime | dt.time | None) -> str:
    if value is None or not isinstance(value, dt.datetime | dt.time):
        return ""
    value = _local(value)
    if (value.hour, value.minute) == (12, 0):
        return "midday"
    if (value.hour, value.minute) == (0, 0):
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.minute == 0:
        return f"{hour}{suffix}"
    return f"{hour}:{value.minute:02d}{suffix}"


def govuk_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


@register.filter
def govuk_datetime(value: dt.datetime | None) -> str:
    if value is None or not isinstance(value, dt.datetime):
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{govuk_date(local)}, {govuk_time(local)}"


@register.filter
def govuk_moment(value: dt.datetime | dt.date | None) -> str:
    """A date ("4 May 2026"), or a datetime with its time ("4 May 2026, 10:35am")."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return govuk_datetime(value)
    return govuk_date(value)
