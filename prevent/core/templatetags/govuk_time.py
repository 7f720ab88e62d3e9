"""Times as GOV.UK writes them: "10:35am", "9am", "12pm" (midday),
"12am" (midnight); dates "1 December 2026". The one place; load with
`{% load govuk_time %}` and write `{{ when|govuk_time }}` or
`{{ when|govuk_datetime }}` ("1 December 2026, 10:35am")."""

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
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.minute == 0:
        return f"{hour}{suffix}"
    return f"{hour}:{value.minute:02d}{suffix}"


@register.filter
def govuk_datetime(value: dt.datetime | None) -> str:
    if value is None or not isinstance(value, dt.datetime):
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local.day} {local:%B %Y}, {govuk_time(local)}"
